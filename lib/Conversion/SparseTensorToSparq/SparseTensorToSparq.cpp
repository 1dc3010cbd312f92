//===- SparseTensorToSparq.cpp - upstream sparse to sparq formats ---------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// An upstream encoding maps to a sparq format exactly when converting that
// sparq format back (SparqToSparseTensor) gives the same encoding up to the
// index widths, so the two passes cannot disagree on what a format stores.
//
//===----------------------------------------------------------------------===//

#include "sparq/Conversion/SparseTensorToSparq/SparseTensorToSparq.h"
#include "sparq/Conversion/Passes.h"
#include "sparq/Conversion/SparqToSparseTensor/SparqToSparseTensor.h"
#include "sparq/Conversion/TypeSites.h"
#include "sparq/Dialect/Sparq/IR/SparqOps.h"
#include "sparq/Dialect/Sparq/IR/SparqTypes.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/Transforms/FuncConversions.h"
#include "mlir/Dialect/SCF/Transforms/Patterns.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace sparq {
#define GEN_PASS_DEF_SPARQFROMSPARSETENSOR
#include "sparq/Conversion/Passes.h.inc"
} // namespace sparq

using namespace mlir;
using namespace sparq;
namespace st = mlir::sparse_tensor;

//===----------------------------------------------------------------------===//
// Encodings
//===----------------------------------------------------------------------===//

/// Upstream width 0 means index; sparq stores index arrays as i64.
static unsigned toSparqWidth(unsigned width) { return width ? width : 64; }

/// Runs `verify` and keeps the first diagnostic it emits in `reason`.
static LogicalResult captureDiagnostic(
    MLIRContext *ctx, std::string &reason,
    function_ref<LogicalResult(function_ref<InFlightDiagnostic()>)> verify) {
  ScopedDiagnosticHandler handler(ctx, [&](Diagnostic &diag) {
    if (reason.empty())
      reason = diag.str();
    return success();
  });
  return verify([&] { return emitError(UnknownLoc::get(ctx)); });
}

FailureOr<EncodingAttr> sparq::getSparqEncodingFor(RankedTensorType type,
                                                   std::string &reason) {
  MLIRContext *ctx = type.getContext();
  auto encoding = st::getSparseTensorEncoding(type);
  llvm::raw_string_ostream os(reason);
  if (!encoding) {
    os << "it has no #sparse_tensor.encoding";
    return failure();
  }
  if (type.getRank() != 2) {
    os << "sparq formats map only rank-2 tensors, got rank " << type.getRank();
    return failure();
  }
  if (encoding.isSlice()) {
    os << "sparse tensor slices have no sparq equivalent";
    return failure();
  }
  if (encoding.getExplicitVal() || encoding.getImplicitVal()) {
    os << "explicit/implicit values have no sparq equivalent";
    return failure();
  }
  if (!isa<IntegerType, FloatType>(type.getElementType())) {
    os << "sparq stores only integer or float elements, got "
       << type.getElementType();
    return failure();
  }
  ArrayRef<st::LevelType> levels = encoding.getLvlTypes();
  AffineMap dimToLvl = encoding.getDimToLvl();
  unsigned posWidth = toSparqWidth(encoding.getPosWidth());
  unsigned crdWidth = toSparqWidth(encoding.getCrdWidth());
  FormatKind format;
  unsigned n = 0, m = 0, blockRows = 0, blockCols = 0, metaWidth = 0;
  // Pick the one sparq format whose level formats these are; the exact
  // properties and map are checked below by converting back.
  auto formatsAre = [&](ArrayRef<st::LevelFormat> formats) {
    return levels.size() == formats.size() &&
           llvm::all_of(llvm::zip(levels, formats), [](auto pair) {
             return std::get<0>(pair).getLvlFmt() == std::get<1>(pair);
           });
  };
  using LF = st::LevelFormat;
  if (formatsAre({LF::Dense, LF::Compressed})) {
    format = dimToLvl.isIdentity() ? FormatKind::CSR : FormatKind::CSC;
  } else if (formatsAre({LF::Compressed, LF::Singleton})) {
    format = FormatKind::COO;
  } else if (formatsAre({LF::Dense, LF::Compressed, LF::Dense, LF::Dense}) &&
             dimToLvl.getNumResults() == 4) {
    format = FormatKind::BCSR;
    auto blockSize = [](AffineExpr expr) -> unsigned {
      auto binary = dyn_cast<AffineBinaryOpExpr>(expr);
      auto constant = binary ? dyn_cast<AffineConstantExpr>(binary.getRHS())
                             : AffineConstantExpr();
      return constant && constant.getValue() > 0 ? constant.getValue() : 0;
    };
    blockRows = blockSize(dimToLvl.getResult(0));
    blockCols = blockSize(dimToLvl.getResult(1));
    if (!blockRows || !blockCols) {
      os << "levels (dense, compressed, dense, dense) map to sparq's bcsr "
            "only with the map (i floordiv R, j floordiv C, i mod R, j mod C), "
            "got "
         << dimToLvl;
      return failure();
    }
  } else if (formatsAre({LF::Dense, LF::Dense, LF::NOutOfM})) {
    format = FormatKind::NM;
    n = levels[2].getN();
    m = levels[2].getM();
    metaWidth = encoding.getCrdWidth();
    if (metaWidth != 8 && metaWidth != 16) {
      os << "structured[" << n << ", " << m << "] coordinates of "
         << (metaWidth ? std::to_string(metaWidth) + " bits" : "index type")
         << " do not fit sparq's N:M metadata (meta_width 2, 4, 8 or 16; use "
            "crdWidth = 8 or 16)";
      return failure();
    }
    crdWidth = 32;
  } else {
    os << "its levels (";
    llvm::interleaveComma(
        levels, os, [&](st::LevelType level) { os << level.toMLIRString(); });
    os << ") match no sparq format (csr, csc, coo, bcsr or nm)";
    return failure();
  }
  std::string verifyReason;
  EncodingAttr result;
  if (failed(captureDiagnostic(ctx, verifyReason, [&](auto emitError) {
        result = EncodingAttr::getChecked(
            emitError, ctx, format, n, m, blockRows, blockCols, posWidth,
            crdWidth, metaWidth, /*rowDims=*/0u,
            std::optional<PruneStructure>(), QuantAttr());
        if (!result)
          return failure();
        return result.verifyEncoding(type.getShape(), type.getElementType(),
                                     emitError);
      }))) {
    os << "the equivalent sparq format is invalid: " << verifyReason;
    return failure();
  }
  // The candidate must store exactly this encoding's arrays.
  std::string backReason;
  auto sparqType =
      RankedTensorType::get(type.getShape(), type.getElementType(), result);
  FailureOr<st::SparseTensorEncodingAttr> back =
      getSparseTensorEncoding(sparqType, backReason);
  if (failed(back) || back->withoutBitWidths() != encoding.withoutBitWidths()) {
    os << "it differs from sparq's " << stringifyFormatKind(format)
       << " layout";
    if (succeeded(back))
      os << " (expected " << back->withoutBitWidths() << ")";
    return failure();
  }
  return result;
}

SparseTensorToSparqTypeConverter::SparseTensorToSparqTypeConverter() {
  addConversion([](Type type) { return type; });
  addConversion([](RankedTensorType type) -> std::optional<Type> {
    if (!st::getSparseTensorEncoding(type))
      return type;
    std::string reason;
    FailureOr<EncodingAttr> encoding = getSparqEncodingFor(type, reason);
    if (failed(encoding))
      return Type(); // Null: the conversion fails.
    return RankedTensorType::get(type.getShape(), type.getElementType(),
                                 *encoding);
  });
}

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

/// Flattens `value` into a 1-D tensor.
static Value collapseToFlat(OpBuilder &b, Location loc, Value value) {
  auto type = cast<RankedTensorType>(value.getType());
  if (type.getRank() == 1)
    return value;
  ReassociationIndices all =
      llvm::to_vector(llvm::seq<int64_t>(0, type.getRank()));
  return tensor::CollapseShapeOp::create(b, loc, value,
                                         ArrayRef<ReassociationIndices>{all});
}

/// Reshapes the 1-D `flat` into `type`, whose first dimension (only) may be
/// dynamic and is then the flat size over the product of the others.
static Value expandFlat(OpBuilder &b, Location loc, Value flat,
                        RankedTensorType type) {
  int64_t inner = 1;
  for (int64_t d = 1, e = type.getRank(); d < e; ++d)
    inner *= type.getDimSize(d);
  SmallVector<OpFoldResult> shape;
  for (int64_t size : type.getShape())
    shape.push_back(b.getIndexAttr(size));
  if (type.isDynamicDim(0)) {
    Value size = tensor::DimOp::create(b, loc, flat, 0);
    Value innerValue = arith::ConstantIndexOp::create(b, loc, inner);
    shape[0] = arith::DivUIOp::create(b, loc, size, innerValue).getResult();
  }
  // A static result needs a static source of the same size.
  if (type.hasStaticShape()) {
    auto flatType = cast<RankedTensorType>(flat.getType());
    auto staticType = flatType.clone({type.getNumElements()});
    if (flatType != staticType)
      flat = tensor::CastOp::create(b, loc, staticType, flat);
  }
  ReassociationIndices all =
      llvm::to_vector(llvm::seq<int64_t>(0, type.getRank()));
  return tensor::ExpandShapeOp::create(b, loc, type, flat, {all}, shape);
}

/// Casts an index-typed tensor to `elementType` (i64), or back.
static Value castElements(OpBuilder &b, Location loc, Value value,
                          Type elementType) {
  auto type = cast<RankedTensorType>(value.getType());
  if (type.getElementType() == elementType)
    return value;
  return arith::IndexCastOp::create(b, loc, type.clone(elementType), value);
}

/// `value` cast to the shape of `type` when only static sizes differ.
static Value castShape(OpBuilder &b, Location loc, Value value,
                       RankedTensorType type) {
  if (value.getType() == type)
    return value;
  return tensor::CastOp::create(b, loc, type, value);
}

/// The sparq part that an upstream array accessor returns, or failure with
/// the reason.
static FailureOr<PartKind> getAccessedPart(Operation *op, std::string &reason) {
  Value tensor = op->getOperand(0);
  auto type = cast<RankedTensorType>(tensor.getType());
  std::string unused;
  FailureOr<EncodingAttr> encoding = getSparqEncodingFor(type, unused);
  if (failed(encoding)) {
    reason = "operand type has no sparq equivalent";
    return failure();
  }
  FormatKind format = encoding->getFormat();
  if (isa<st::ToValuesOp>(op))
    return PartKind::Values;
  if (isa<st::ToCoordinatesBufferOp>(op))
    return PartKind::Coordinates;
  if (auto positions = dyn_cast<st::ToPositionsOp>(op)) {
    if (format == FormatKind::COO) {
      reason = "sparq's coo has no positions array (its entry count is the "
               "length of the values)";
      return failure();
    }
    return PartKind::Positions;
  }
  if (isa<st::ToCoordinatesOp>(op)) {
    if (format == FormatKind::COO) {
      reason = "sparse_tensor.coordinates of a COO level is a strided view "
               "of the AoS coordinates, which sparq has no part for; use "
               "sparse_tensor.coordinates_buffer";
      return failure();
    }
    return format == FormatKind::NM ? PartKind::Metadata
                                    : PartKind::Coordinates;
  }
  reason = "not an array accessor";
  return failure();
}

/// True when `value` is a zero-filled tensor (linalg.fill of +0.0; a -0.0
/// init goes through the exact arith.addf path).
static bool isZeroFill(Value value) {
  auto fill = value.getDefiningOp<linalg::FillOp>();
  return fill && matchPattern(fill.getInputs()[0], m_PosZeroFloat());
}

/// True when `value` is a tensor.empty of a sparse type: upstream's idiom for
/// an all-zero sparse output.
static bool isEmptySparse(Value value) {
  auto empty = value.getDefiningOp<tensor::EmptyOp>();
  return empty && st::getSparseTensorEncoding(empty.getType());
}

/// True when `empty` has one use, as the init of a linalg.matmul.
static bool isSparseMatmulInit(tensor::EmptyOp empty) {
  if (!empty->hasOneUse())
    return false;
  OpOperand &use = *empty->getUses().begin();
  auto matmul = dyn_cast<linalg::MatmulOp>(use.getOwner());
  return matmul && use.get() == matmul.getOutputs()[0];
}

/// Why a linalg.matmul with sparse operands has no sparq.matmul form, or
/// empty; sets `transposeB`.
static std::string whyMatmulNotConvertible(linalg::MatmulOp op,
                                           bool &transposeB) {
  Type lhs = getElementTypeOrSelf(op.getInputs()[0].getType());
  Type rhs = getElementTypeOrSelf(op.getInputs()[1].getType());
  Type acc = getElementTypeOrSelf(op.getOutputs()[0].getType());
  if (!op.hasPureTensorSemantics())
    return "linalg.matmul on buffers has no sparq.matmul form";
  if (!isa<FloatType>(acc) || lhs != acc || rhs != acc)
    return "linalg.matmul maps to sparq.matmul only for float operands of the "
           "accumulator's element type";
  MLIRContext *ctx = op.getContext();
  AffineExpr m, n, k;
  bindDims(ctx, m, n, k);
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  auto map = [&](ArrayRef<AffineExpr> exprs) {
    return AffineMap::get(3, 0, exprs, ctx);
  };
  if (maps[0] != map({m, k}) || maps[2] != map({m, n}))
    return "linalg.matmul with custom lhs or result indexing maps has no "
           "sparq.matmul form";
  if (maps[1] == map({k, n}))
    transposeB = false;
  else if (maps[1] == map({n, k}))
    transposeB = true;
  else
    return "linalg.matmul with this rhs indexing map has no sparq.matmul form";
  Value init = op.getOutputs()[0];
  if (st::getSparseTensorEncoding(init.getType()) && !isEmptySparse(init))
    return "a sparse linalg.matmul init must be a tensor.empty (all zeros): "
           "sparq.matmul cannot accumulate into a sparse tensor";
  return {};
}

//===----------------------------------------------------------------------===//
// Patterns
//===----------------------------------------------------------------------===//

namespace {

/// sparse_tensor.convert -> sparq.pack (dense to sparse), sparq.unpack
/// (sparse to dense), or both (sparse to sparse, through the dense form).
struct ConvertOpLowering : OpConversionPattern<st::ConvertOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(st::ConvertOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = dyn_cast_if_present<RankedTensorType>(
        getTypeConverter()->convertType(op.getType()));
    if (!resultType)
      return rewriter.notifyMatchFailure(op, "result type not convertible");
    Location loc = op.getLoc();
    Value source = adaptor.getSource();
    auto sourceType = cast<RankedTensorType>(source.getType());
    if (sourceType.getElementType() != resultType.getElementType())
      return rewriter.notifyMatchFailure(op, "element type changes");
    if (sourceType == resultType) {
      rewriter.replaceOp(op, source);
      return success();
    }
    if (getSparqEncoding(sourceType)) {
      auto dense = RankedTensorType::get(sourceType.getShape(),
                                         sourceType.getElementType());
      source = UnpackOp::create(rewriter, loc, dense, source);
    }
    if (getSparqEncoding(resultType)) {
      source = PackOp::create(rewriter, loc, resultType, source);
    } else {
      source = castShape(rewriter, loc, source, resultType);
    }
    rewriter.replaceOp(op, source);
    return success();
  }
};

/// sparse_tensor.assemble -> sparq.assemble.
struct AssembleOpLowering : OpConversionPattern<st::AssembleOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(st::AssembleOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = dyn_cast_if_present<RankedTensorType>(
        getTypeConverter()->convertType(op.getType()));
    EncodingAttr encoding = getSparqEncoding(resultType);
    if (!encoding)
      return rewriter.notifyMatchFailure(op, "result type not convertible");
    Location loc = op.getLoc();
    ValueRange levels = adaptor.getLevels();
    Value values = adaptor.getValues();
    auto partType = [&](PartKind kind) {
      return getPartType(resultType, kind);
    };
    auto asPart = [&](Value value, PartKind kind) {
      RankedTensorType type = partType(kind);
      value = castElements(rewriter, loc, value, type.getElementType());
      auto valueType = cast<RankedTensorType>(value.getType());
      if (valueType.getRank() != type.getRank())
        value = expandFlat(rewriter, loc, collapseToFlat(rewriter, loc, value),
                           type);
      return value;
    };
    Value positions, coordinates, metadata;
    switch (encoding.getFormat()) {
    case FormatKind::CSR:
    case FormatKind::CSC:
    case FormatKind::BCSR:
      positions = asPart(levels[0], PartKind::Positions);
      coordinates = asPart(levels[1], PartKind::Coordinates);
      break;
    case FormatKind::COO: {
      // Upstream's entry count is positions[1]; sparq's is the length of the
      // arrays, so cut them to it.
      Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
      Value nnz = tensor::ExtractOp::create(rewriter, loc, levels[0], one);
      nnz = arith::IndexCastOp::create(rewriter, loc, rewriter.getIndexType(),
                                       nnz);
      coordinates = asPart(levels[1], PartKind::Coordinates);
      auto crdType = cast<RankedTensorType>(coordinates.getType());
      SmallVector<OpFoldResult> zeros(2, rewriter.getIndexAttr(0));
      SmallVector<OpFoldResult> ones(2, rewriter.getIndexAttr(1));
      coordinates = tensor::ExtractSliceOp::create(
          rewriter, loc,
          RankedTensorType::get({ShapedType::kDynamic, 2},
                                crdType.getElementType()),
          coordinates, zeros, {nnz, rewriter.getIndexAttr(2)}, ones);
      values = tensor::ExtractSliceOp::create(
          rewriter, loc,
          RankedTensorType::get({ShapedType::kDynamic},
                                getElementTypeOrSelf(values.getType())),
          values, ArrayRef<OpFoldResult>{zeros[0]}, ArrayRef<OpFoldResult>{nnz},
          ArrayRef<OpFoldResult>{ones[0]});
      break;
    }
    case FormatKind::NM: {
      RankedTensorType meta = partType(PartKind::Metadata);
      if (meta.isDynamicDim(1))
        return rewriter.notifyMatchFailure(
            op, "N:M with a dynamic column count cannot be reshaped");
      metadata = asPart(levels[0], PartKind::Metadata);
      break;
    }
    default:
      return rewriter.notifyMatchFailure(op, "format not convertible");
    }
    RankedTensorType valuesType = partType(PartKind::Values);
    if (valuesType.getRank() != 1) {
      if (valuesType.getRank() == 2 && valuesType.isDynamicDim(1))
        return rewriter.notifyMatchFailure(
            op, "N:M with a dynamic column count cannot be reshaped");
      values = expandFlat(rewriter, loc, values, valuesType);
    }
    rewriter.replaceOpWithNewOp<AssembleOp>(
        op, resultType, values, positions, coordinates, /*bitmap=*/Value(),
        metadata, /*scales=*/Value(), /*zero_points=*/Value(),
        /*codebook=*/Value());
    return success();
  }
};

/// sparse_tensor.positions / coordinates / coordinates_buffer / values ->
/// sparq.part, flattened and handed out as the read-only buffer upstream
/// returns.
template <typename AccessorOp>
struct AccessorOpLowering : OpConversionPattern<AccessorOp> {
  using OpConversionPattern<AccessorOp>::OpConversionPattern;
  using OpAdaptor = typename AccessorOp::Adaptor;
  LogicalResult
  matchAndRewrite(AccessorOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    std::string reason;
    FailureOr<PartKind> kind = getAccessedPart(op, reason);
    if (failed(kind))
      return rewriter.notifyMatchFailure(op, reason);
    auto memrefType = cast<MemRefType>(op.getType());
    if (!memrefType.getLayout().isIdentity())
      return rewriter.notifyMatchFailure(op, "strided result");
    Location loc = op.getLoc();
    Value part = PartOp::create(rewriter, loc, adaptor.getTensor(), *kind);
    part = collapseToFlat(rewriter, loc, part);
    part = castElements(rewriter, loc, part, memrefType.getElementType());
    part = castShape(rewriter, loc, part,
                     RankedTensorType::get(memrefType.getShape(),
                                           memrefType.getElementType()));
    rewriter.replaceOpWithNewOp<bufferization::ToBufferOp>(op, memrefType, part,
                                                           /*read_only=*/true);
    return success();
  }
};

/// tensor.dim reads only the shape, which the conversion keeps.
struct DimOpConversion : OpConversionPattern<tensor::DimOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(tensor::DimOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOpWithNewOp<tensor::DimOp>(op, adaptor.getSource(),
                                               adaptor.getIndex());
    return success();
  }
};

/// linalg.matmul with a sparse operand -> sparq.matmul acc(element type).
/// A zero-filled (or empty sparse) init is dropped; any other dense init is
/// added to the product with linalg.add afterwards (the sum is the same up
/// to float rounding order).
struct MatmulOpLowering : OpConversionPattern<linalg::MatmulOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(linalg::MatmulOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    bool transposeB = false;
    std::string why = whyMatmulNotConvertible(op, transposeB);
    if (!why.empty())
      return rewriter.notifyMatchFailure(op, why);
    auto resultType = dyn_cast_if_present<RankedTensorType>(
        getTypeConverter()->convertType(op.getResultTypes()[0]));
    if (!resultType)
      return rewriter.notifyMatchFailure(op, "result type not convertible");
    Location loc = op.getLoc();
    Value init = op.getOutputs()[0];
    Type acc = resultType.getElementType();
    Value product =
        MatmulOp::create(rewriter, loc, resultType, adaptor.getInputs()[0],
                         adaptor.getInputs()[1], TypeAttr::get(acc),
                         transposeB ? rewriter.getUnitAttr() : UnitAttr(),
                         /*dataflow=*/DataflowAttr());
    bool zeroInit = isZeroFill(init) || isEmptySparse(init);
    // linalg.add rather than arith.addf on tensors: it bufferizes in every
    // pipeline (the upstream --sparsifier leaves tensor arith.addf behind).
    if (!zeroInit) {
      Value dense = adaptor.getOutputs()[0];
      product =
          linalg::AddOp::create(rewriter, loc, TypeRange{resultType},
                                ValueRange{product, dense}, ValueRange{dense})
              .getResult(0);
    }
    rewriter.replaceOp(op, product);
    // The sparse init has no sparq form: it goes with its only user.
    if (isEmptySparse(init) && init.hasOneUse())
      rewriter.eraseOp(init.getDefiningOp());
    return success();
  }
};

/// to_tensor(to_buffer(t)) -> t: undoes the buffer bridge of an array that
/// SparqToSparseTensor had wrapped in a to_tensor.
struct FoldTensorBufferRoundTrip : OpRewritePattern<bufferization::ToTensorOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(bufferization::ToTensorOp op,
                                PatternRewriter &rewriter) const override {
    auto toBuffer = op.getBuffer().getDefiningOp<bufferization::ToBufferOp>();
    if (!toBuffer || !toBuffer.getReadOnly() || op.getWritable() ||
        toBuffer.getTensor().getType() != op.getType())
      return rewriter.notifyMatchFailure(op, "not a read-only round trip");
    rewriter.replaceOp(op, toBuffer.getTensor());
    if (toBuffer->use_empty())
      rewriter.eraseOp(toBuffer);
    return success();
  }
};

} // namespace

void sparq::populateSparseTensorToSparqPatterns(
    const TypeConverter &typeConverter, RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<ConvertOpLowering, AssembleOpLowering,
               AccessorOpLowering<st::ToPositionsOp>,
               AccessorOpLowering<st::ToCoordinatesOp>,
               AccessorOpLowering<st::ToCoordinatesBufferOp>,
               AccessorOpLowering<st::ToValuesOp>, MatmulOpLowering,
               DimOpConversion>(typeConverter, ctx);
  populateFunctionOpInterfaceTypeConversionPattern<func::FuncOp>(patterns,
                                                                 typeConverter);
  populateCallOpTypeConversionPattern(patterns, typeConverter);
  populateReturnOpTypeConversionPattern(patterns, typeConverter);
  scf::populateSCFStructuralTypeConversions(typeConverter, patterns);
}

//===----------------------------------------------------------------------===//
// Pass
//===----------------------------------------------------------------------===//

static bool hasUpstreamEncoding(Type type) {
  return static_cast<bool>(st::getSparseTensorEncoding(type));
}

/// Reports `type` at `op` when sparq cannot express it; true if reported.
static bool reportInexpressible(Operation *op, Type type, StringRef what) {
  auto tensorType = dyn_cast<RankedTensorType>(type);
  if (!tensorType || !hasUpstreamEncoding(tensorType))
    return false;
  std::string reason;
  if (succeeded(getSparqEncodingFor(tensorType, reason)))
    return false;
  op->emitError() << what << " type " << type
                  << " has no #sparq.encoding equivalent: " << reason;
  return true;
}

/// Why an op on convertible upstream sparse types has no rewrite, or empty.
static std::string whyOpNotConvertible(Operation *op) {
  if (auto convert = dyn_cast<st::ConvertOp>(op)) {
    if (getElementTypeOrSelf(convert.getSource().getType()) !=
        getElementTypeOrSelf(convert.getType()))
      return "sparse_tensor.convert that changes the element type has no "
             "sparq equivalent (sparq.pack / unpack keep it)";
    return {};
  }
  // Upstream assemble results have static shapes, so every part reshapes.
  if (isa<func::FuncOp, func::CallOp, func::ReturnOp, tensor::DimOp,
          st::AssembleOp>(op) ||
      isa<scf::SCFDialect>(op->getDialect()))
    return {};
  if (isa<st::ToPositionsOp, st::ToCoordinatesOp, st::ToCoordinatesBufferOp,
          st::ToValuesOp>(op)) {
    std::string reason;
    if (failed(getAccessedPart(op, reason)))
      return reason;
    return {};
  }
  if (auto matmul = dyn_cast<linalg::MatmulOp>(op)) {
    bool transposeB;
    return whyMatmulNotConvertible(matmul, transposeB);
  }
  if (auto empty = dyn_cast<tensor::EmptyOp>(op)) {
    if (isSparseMatmulInit(empty))
      return {};
    return "tensor.empty of a sparse type has no sparq equivalent except as "
           "the init of one linalg.matmul";
  }
  return "'" + op->getName().getStringRef().str() +
         "' on #sparse_tensor.encoding tensors has no sparq equivalent";
}

/// Emits one diagnostic per value or op that cannot be converted and
/// returns failure if there was any, before anything is rewritten.
static LogicalResult checkConvertible(ModuleOp module) {
  bool failedAny = false;
  module.walk([&](Operation *op) {
    bool reported =
        reportDefinedTypes(op, [&](Type type, const std::string &what) {
          return reportInexpressible(op, type, what);
        });
    failedAny |= reported;
    if (reported)
      return;
    bool usesSparse =
        llvm::any_of(op->getOperandTypes(), hasUpstreamEncoding) ||
        llvm::any_of(op->getResultTypes(), hasUpstreamEncoding);
    if (!usesSparse)
      return;
    std::string why = whyOpNotConvertible(op);
    if (!why.empty()) {
      op->emitError() << why;
      failedAny = true;
    }
  });
  return failure(failedAny);
}

namespace {
struct SparqFromSparseTensorPass
    : sparq::impl::SparqFromSparseTensorBase<SparqFromSparseTensorPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (failed(checkConvertible(module)))
      return signalPassFailure();

    MLIRContext *ctx = &getContext();
    SparseTensorToSparqTypeConverter typeConverter;
    RewritePatternSet patterns(ctx);
    populateSparseTensorToSparqPatterns(typeConverter, patterns);

    ConversionTarget target(*ctx);
    target.addDynamicallyLegalOp<func::FuncOp>([&](func::FuncOp func) {
      return typeConverter.isSignatureLegal(func.getFunctionType()) &&
             typeConverter.isLegal(&func.getBody());
    });
    scf::populateSCFStructuralTypeConversionTarget(typeConverter, target);
    target.markUnknownOpDynamicallyLegal(
        [&](Operation *op) { return typeConverter.isLegal(op); });
    // An empty sparse matmul init is erased by the matmul's rewrite.
    target.addDynamicallyLegalOp<tensor::EmptyOp>([&](tensor::EmptyOp op) {
      return typeConverter.isLegal(op.getOperation()) || isSparseMatmulInit(op);
    });
    if (failed(applyPartialConversion(module, target, std::move(patterns))))
      return signalPassFailure();

    RewritePatternSet cleanup(ctx);
    cleanup.add<FoldTensorBufferRoundTrip>(ctx);
    // Only undo the bridges; folding and region simplification would also
    // rewrite IR this pass has nothing to do with.
    GreedyRewriteConfig config;
    config.enableFolding(false)
        .enableConstantCSE(false)
        .setRegionSimplificationLevel(GreedySimplifyRegionLevel::Disabled);
    if (failed(applyPatternsGreedily(module, std::move(cleanup), config)))
      return signalPassFailure();
  }
};
} // namespace
