//===- SparqToSparseTensor.cpp - sparq formats to upstream sparse ---------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// Every unquantized rank-2 sparq format but bitmap has an upstream
// `#sparse_tensor.encoding` that stores exactly the arrays sparq stores
// (SparqTypes.h), so the conversion is a relabelling of types plus local op
// rewrites; only the shapes of some arrays differ (upstream arrays are 1-D)
// and are bridged with tensor.expand_shape / collapse_shape.
//
//===----------------------------------------------------------------------===//

#include "sparq/Conversion/SparqToSparseTensor/SparqToSparseTensor.h"
#include "sparq/Conversion/Passes.h"
#include "sparq/Conversion/TypeSites.h"
#include "sparq/Dialect/Sparq/IR/SparqOps.h"
#include "sparq/Dialect/Sparq/IR/SparqTypes.h"

#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/Transforms/FuncConversions.h"
#include "mlir/Dialect/SCF/Transforms/Patterns.h"
#include "mlir/IR/AffineExpr.h"
#include "mlir/IR/AffineMap.h"

namespace sparq {
#define GEN_PASS_DEF_SPARQTOSPARSETENSOR
#include "sparq/Conversion/Passes.h.inc"
} // namespace sparq

using namespace mlir;
using namespace sparq;
namespace st = mlir::sparse_tensor;

//===----------------------------------------------------------------------===//
// Encodings
//===----------------------------------------------------------------------===//

/// Upstream packs N and M of structured[N, M] into 8 bits each.
static constexpr unsigned kMaxUpstreamNM = 255;

FailureOr<st::SparseTensorEncodingAttr>
sparq::getSparseTensorEncoding(RankedTensorType type, std::string &reason) {
  EncodingAttr encoding = getSparqEncoding(type);
  MLIRContext *ctx = type.getContext();
  llvm::raw_string_ostream os(reason);
  if (!encoding) {
    os << "it has no #sparq.encoding";
    return failure();
  }
  if (encoding.isQuantized()) {
    os << "quantized tensors have no #sparse_tensor.encoding equivalent (run "
          "--sparq-to-quant for dense quantized tensors instead)";
    return failure();
  }
  if (type.getRank() != 2) {
    os << "upstream conversion supports only rank-2 tensors, got rank "
       << type.getRank() << " (sparq's row_dims matrix view has no upstream "
       << "equivalent; reshape to 2-D first)";
    return failure();
  }
  AffineExpr i = getAffineDimExpr(0, ctx), j = getAffineDimExpr(1, ctx);
  st::LevelType dense(st::LevelFormat::Dense);
  st::LevelType compressed(st::LevelFormat::Compressed);
  // Spelled out: `{}` would pick the (bool ordered, bool unique) overload.
  const std::vector<st::LevelPropNonDefault> kNoProperties;
  SmallVector<st::LevelType> levels;
  SmallVector<AffineExpr> exprs;
  // sparq widths are 8/16/32/64 and mean the same upstream (where 0 would
  // mean index, which sparq never produces).
  unsigned posWidth = encoding.getPosWidth();
  unsigned crdWidth = encoding.getCrdWidth();
  switch (encoding.getFormat()) {
  case FormatKind::Dense:
    // Only quantized tensors keep a dense encoding; handled above.
    os << "the dense format needs no sparse encoding";
    return failure();
  case FormatKind::CSR:
    levels = {dense, compressed};
    exprs = {i, j};
    break;
  case FormatKind::CSC:
    levels = {dense, compressed};
    exprs = {j, i};
    break;
  case FormatKind::COO:
    levels = {*st::buildLevelType(st::LevelFormat::Compressed,
                                  {st::LevelPropNonDefault::Nonunique}),
              *st::buildLevelType(st::LevelFormat::Singleton, kNoProperties)};
    exprs = {i, j};
    break;
  case FormatKind::Bitmap:
    os << "the bitmap format has no upstream level type (upstream stores "
          "coordinates, not bit masks)";
    return failure();
  case FormatKind::BCSR: {
    int64_t r = encoding.getBlockRows(), c = encoding.getBlockCols();
    levels = {dense, compressed, dense, dense};
    exprs = {i.floorDiv(r), j.floorDiv(c), i % r, j % c};
    break;
  }
  case FormatKind::NM: {
    unsigned n = encoding.getN(), m = encoding.getM();
    unsigned meta = encoding.getMetaWidth();
    if (meta != 8 && meta != 16) {
      os << "nm<" << n << ", " << m << "> metadata of " << meta
         << " bits has no upstream equivalent (structured[N, M] stores "
            "coordinates of 8, 16, 32 or 64 bits or index; use meta_width = 8 "
            "or 16)";
      return failure();
    }
    if (m > kMaxUpstreamNM) {
      os << "upstream structured[N, M] holds N and M in 8 bits, so M = " << m
         << " cannot be expressed";
      return failure();
    }
    levels = {
        dense, dense,
        *st::buildLevelType(st::LevelFormat::NOutOfM, kNoProperties, n, m)};
    exprs = {i, j.floorDiv(m), j % m};
    // The structured level's coordinates are sparq's metadata.
    crdWidth = meta;
    break;
  }
  }
  AffineMap dimToLvl = AffineMap::get(2, 0, exprs, ctx);
  return st::SparseTensorEncodingAttr::get(ctx, levels, dimToLvl, AffineMap(),
                                           posWidth, crdWidth);
}

SparqToSparseTensorTypeConverter::SparqToSparseTensorTypeConverter() {
  addConversion([](Type type) { return type; });
  addConversion([](RankedTensorType type) -> std::optional<Type> {
    if (!getSparqEncoding(type))
      return type;
    std::string reason;
    FailureOr<st::SparseTensorEncodingAttr> encoding =
        getSparseTensorEncoding(type, reason);
    if (failed(encoding))
      return Type(); // Null: the conversion fails.
    return RankedTensorType::get(type.getShape(), type.getElementType(),
                                 *encoding);
  });
}

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

/// The size of dimension `dim` of `value` as a constant or a tensor.dim.
static OpFoldResult getDimSize(OpBuilder &b, Location loc, Value value,
                               int64_t dim) {
  auto type = cast<RankedTensorType>(value.getType());
  if (!type.isDynamicDim(dim))
    return b.getIndexAttr(type.getDimSize(dim));
  return tensor::DimOp::create(b, loc, value, dim).getResult();
}

/// Reshapes the 1-D `flat` into `type` (same element count).
static Value expandFlat(OpBuilder &b, Location loc, Value flat,
                        RankedTensorType type,
                        ArrayRef<OpFoldResult> outputShape) {
  // A static result needs a static source of the same size.
  if (type.hasStaticShape()) {
    auto flatType = cast<RankedTensorType>(flat.getType());
    auto staticType = flatType.clone({type.getNumElements()});
    if (flatType != staticType)
      flat = tensor::CastOp::create(b, loc, staticType, flat);
  }
  ReassociationIndices all =
      llvm::to_vector(llvm::seq<int64_t>(0, type.getRank()));
  return tensor::ExpandShapeOp::create(b, loc, type, flat, {all}, outputShape);
}

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

/// `value` cast to `type` when only static sizes differ.
static Value castIfNeeded(OpBuilder &b, Location loc, Value value, Type type) {
  if (value.getType() == type)
    return value;
  return tensor::CastOp::create(b, loc, type, value);
}

/// Wraps a memref returned by a sparse_tensor accessor as a read-only tensor.
static Value toTensor(OpBuilder &b, Location loc, Value memref) {
  auto memrefType = cast<MemRefType>(memref.getType());
  auto tensorType =
      RankedTensorType::get(memrefType.getShape(), memrefType.getElementType());
  return bufferization::ToTensorOp::create(b, loc, tensorType, memref,
                                           /*restrict=*/true,
                                           /*writable=*/false);
}

/// Why a float sparq.matmul cannot become linalg.matmul, or empty if it can.
static std::string whyMatmulNotConvertible(MatmulOp op) {
  Type acc = op.getAccType();
  Type lhs = op.getLhs().getType().getElementType();
  Type rhs = op.getRhs().getType().getElementType();
  if (!isa<FloatType>(acc) || lhs != acc || rhs != acc)
    return "only a float sparq.matmul whose operand element types equal the "
           "accumulator type converts to linalg.matmul";
  if (op.getLhs().getType().getRank() != 2)
    return "batched sparq.matmul (rank-3 operands) has no conversion to "
           "linalg.matmul here";
  return {};
}

/// Why a sparq op on convertible types has no rewrite here, or empty.
static std::string whyOpNotConvertible(Operation *op) {
  if (auto pack = dyn_cast<PackOp>(op)) {
    EncodingAttr encoding = getSparqEncoding(pack.getType());
    if (encoding && encoding.getFormat() == FormatKind::NM)
      return "sparq.pack to an nm format cannot become sparse_tensor.convert: "
             "upstream neither pads groups with fewer than N nonzeros nor "
             "rejects groups with more, which gives wrong products; build the "
             "tensor with sparq.assemble instead";
    return {};
  }
  if (auto assemble = dyn_cast<AssembleOp>(op)) {
    EncodingAttr encoding = getSparqEncoding(assemble.getType());
    if (encoding && encoding.getFormat() == FormatKind::NM)
      return "sparq.assemble of an nm format cannot become "
             "sparse_tensor.assemble: MLIR 22 miscompiles assembled "
             "structured[N, M] tensors (a matmul reads garbage with the "
             "runtime library; converting to dense crashes without it)";
    if (!assemble.getType().hasStaticShape())
      return "sparq.assemble of a dynamically shaped tensor cannot become "
             "sparse_tensor.assemble, which needs a static shape";
    return {};
  }
  if (auto matmul = dyn_cast<MatmulOp>(op))
    return whyMatmulNotConvertible(matmul);
  if (isa<UnpackOp, PartOp>(op))
    return {};
  return "'" + op->getName().getStringRef().str() +
         "' on #sparq.encoding tensors has no #sparse_tensor equivalent "
         "(lower it with --sparq-to-linalg instead)";
}

//===----------------------------------------------------------------------===//
// Patterns
//===----------------------------------------------------------------------===//

namespace {

/// sparq.pack -> sparse_tensor.convert (dense to sparse).
struct PackOpLowering : OpConversionPattern<PackOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(PackOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    std::string why = whyOpNotConvertible(op);
    if (!why.empty())
      return rewriter.notifyMatchFailure(op, why);
    auto resultType = dyn_cast_if_present<RankedTensorType>(
        getTypeConverter()->convertType(op.getType()));
    if (!resultType)
      return rewriter.notifyMatchFailure(op, "result type not convertible");
    // sparq.pack accepts compatible shapes; upstream only relaxes static to
    // dynamic sizes, so cast the dense input to the result's shape first.
    Value input =
        castIfNeeded(rewriter, op.getLoc(), adaptor.getInput(),
                     RankedTensorType::get(resultType.getShape(),
                                           resultType.getElementType()));
    rewriter.replaceOpWithNewOp<st::ConvertOp>(op, resultType, input);
    return success();
  }
};

/// sparq.unpack -> sparse_tensor.convert (sparse to dense).
struct UnpackOpLowering : OpConversionPattern<UnpackOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(UnpackOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Type resultType = getTypeConverter()->convertType(op.getType());
    if (!resultType || getSparqEncoding(resultType))
      return rewriter.notifyMatchFailure(op, "result is not a plain tensor");
    rewriter.replaceOpWithNewOp<st::ConvertOp>(op, resultType,
                                               adaptor.getInput());
    return success();
  }
};

/// sparq.assemble -> sparse_tensor.assemble. Upstream takes the positions and
/// coordinates of every level that has them, in level order, and 1-D values.
struct AssembleOpLowering : OpConversionPattern<AssembleOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(AssembleOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    std::string why = whyOpNotConvertible(op);
    if (!why.empty())
      return rewriter.notifyMatchFailure(op, why);
    EncodingAttr encoding = getSparqEncoding(op.getType());
    Type resultType = getTypeConverter()->convertType(op.getType());
    if (!encoding || !resultType)
      return rewriter.notifyMatchFailure(op, "result type not convertible");
    Location loc = op.getLoc();
    SmallVector<Value> levels;
    switch (encoding.getFormat()) {
    case FormatKind::CSR:
    case FormatKind::CSC:
    case FormatKind::BCSR:
      levels = {adaptor.getPositions(), adaptor.getCoordinates()};
      break;
    case FormatKind::COO: {
      // Upstream's compressed(nonunique) row level has positions [0, nnz];
      // sparq's COO has none, its entry count is the length of the values.
      Type posType = IntegerType::get(getContext(), encoding.getPosWidth());
      Value zero = arith::ConstantOp::create(
          rewriter, loc, posType, rewriter.getIntegerAttr(posType, 0));
      Value nnz = tensor::DimOp::create(rewriter, loc, adaptor.getValues(), 0);
      nnz = arith::IndexCastOp::create(rewriter, loc, posType, nnz);
      Value positions = tensor::FromElementsOp::create(
          rewriter, loc, RankedTensorType::get({2}, posType),
          ValueRange{zero, nnz});
      // sparq's <? x 2> row-major (row, col) pairs are upstream's AoS
      // coordinates of the trailing COO region.
      levels = {positions, adaptor.getCoordinates()};
      break;
    }
    default:
      return rewriter.notifyMatchFailure(op, "format not convertible");
    }
    Value values = collapseToFlat(rewriter, loc, adaptor.getValues());
    rewriter.replaceOpWithNewOp<st::AssembleOp>(op, resultType, levels, values);
    return success();
  }
};

/// sparq.part -> sparse_tensor.positions / coordinates / coordinates_buffer /
/// values, bridged to a tensor and reshaped to sparq's part type.
struct PartOpLowering : OpConversionPattern<PartOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(PartOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto sparqType = cast<RankedTensorType>(op.getTensor().getType());
    EncodingAttr encoding = getSparqEncoding(sparqType);
    if (!encoding || !getTypeConverter()->convertType(sparqType))
      return rewriter.notifyMatchFailure(op, "operand type not convertible");
    Location loc = op.getLoc();
    Value tensor = adaptor.getTensor();
    auto partType = cast<RankedTensorType>(op.getType());
    FormatKind format = encoding.getFormat();
    Value flat;
    switch (op.getKind()) {
    case PartKind::Values:
      flat = st::ToValuesOp::create(rewriter, loc, tensor);
      break;
    case PartKind::Positions:
      flat = st::ToPositionsOp::create(rewriter, loc, tensor, st::Level(1));
      break;
    case PartKind::Coordinates:
      if (format == FormatKind::COO)
        flat = st::ToCoordinatesBufferOp::create(rewriter, loc, tensor);
      else
        flat = st::ToCoordinatesOp::create(rewriter, loc, tensor, st::Level(1));
      break;
    case PartKind::Metadata:
      flat = st::ToCoordinatesOp::create(rewriter, loc, tensor, st::Level(2));
      break;
    default:
      return rewriter.notifyMatchFailure(op, "part has no upstream array");
    }
    flat = toTensor(rewriter, loc, flat);
    if (partType.getRank() == 1) {
      rewriter.replaceOp(op, castIfNeeded(rewriter, loc, flat, partType));
      return success();
    }
    // Multi-dimensional parts: COO coordinates <? x 2>, BCSR values
    // <? x R x C>, N:M values and metadata <rows x kept>.
    SmallVector<OpFoldResult> shape;
    for (int64_t d = 0, e = partType.getRank(); d < e; ++d)
      shape.push_back(rewriter.getIndexAttr(partType.getDimSize(d)));
    if (format == FormatKind::NM) {
      OpFoldResult rows = getDimSize(rewriter, loc, tensor, 0);
      OpFoldResult cols = getDimSize(rewriter, loc, tensor, 1);
      shape[0] = rows;
      if (partType.isDynamicDim(1)) {
        Value c = getValueOrCreateConstantIndexOp(rewriter, loc, cols);
        Value m =
            arith::ConstantIndexOp::create(rewriter, loc, encoding.getM());
        Value n =
            arith::ConstantIndexOp::create(rewriter, loc, encoding.getN());
        Value groups = arith::DivUIOp::create(rewriter, loc, c, m);
        shape[1] = arith::MulIOp::create(rewriter, loc, groups, n).getResult();
      }
    } else {
      // One leading dynamic dimension: the number of entries (or blocks).
      int64_t inner = 1;
      for (int64_t d = 1, e = partType.getRank(); d < e; ++d)
        inner *= partType.getDimSize(d);
      Value size = tensor::DimOp::create(rewriter, loc, flat, 0);
      Value innerValue = arith::ConstantIndexOp::create(rewriter, loc, inner);
      shape[0] =
          arith::DivUIOp::create(rewriter, loc, size, innerValue).getResult();
    }
    rewriter.replaceOp(op, expandFlat(rewriter, loc, flat, partType, shape));
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

/// Float sparq.matmul -> linalg.matmul into a zero-filled init (or an empty
/// sparse tensor, which upstream reads as all zeros, for a sparse result).
struct MatmulOpLowering : OpConversionPattern<MatmulOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(MatmulOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    std::string why = whyMatmulNotConvertible(op);
    if (!why.empty())
      return rewriter.notifyMatchFailure(op, why);
    auto resultType = dyn_cast_if_present<RankedTensorType>(
        getTypeConverter()->convertType(op.getType()));
    if (!resultType)
      return rewriter.notifyMatchFailure(op, "result type not convertible");
    Location loc = op.getLoc();
    Value lhs = adaptor.getLhs(), rhs = adaptor.getRhs();
    bool transposeB = op.getTransposeB();
    SmallVector<Value> dynamicSizes;
    if (resultType.isDynamicDim(0))
      dynamicSizes.push_back(tensor::DimOp::create(rewriter, loc, lhs, 0));
    if (resultType.isDynamicDim(1))
      dynamicSizes.push_back(
          tensor::DimOp::create(rewriter, loc, rhs, transposeB ? 0 : 1));
    Value init =
        tensor::EmptyOp::create(rewriter, loc, resultType, dynamicSizes);
    if (!st::getSparseTensorEncoding(resultType)) {
      Type element = resultType.getElementType();
      Value zero = arith::ConstantOp::create(rewriter, loc, element,
                                             rewriter.getZeroAttr(element));
      init = linalg::FillOp::create(rewriter, loc, ValueRange{zero},
                                    ValueRange{init})
                 .getResult(0);
    }
    SmallVector<NamedAttribute> attributes;
    if (transposeB) {
      MLIRContext *ctx = getContext();
      AffineExpr m, n, k;
      bindDims(ctx, m, n, k);
      SmallVector<AffineMap> maps = {AffineMap::get(3, 0, {m, k}, ctx),
                                     AffineMap::get(3, 0, {n, k}, ctx),
                                     AffineMap::get(3, 0, {m, n}, ctx)};
      attributes.push_back(rewriter.getNamedAttr(
          "indexing_maps", rewriter.getAffineMapArrayAttr(maps)));
    }
    auto matmul = linalg::MatmulOp::create(rewriter, loc, TypeRange{resultType},
                                           ValueRange{lhs, rhs},
                                           ValueRange{init}, attributes);
    rewriter.replaceOp(op, matmul.getResult(0));
    return success();
  }
};

} // namespace

void sparq::populateSparqToSparseTensorPatterns(
    const TypeConverter &typeConverter, RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<PackOpLowering, UnpackOpLowering, AssembleOpLowering,
               PartOpLowering, MatmulOpLowering, DimOpConversion>(typeConverter,
                                                                  ctx);
  populateFunctionOpInterfaceTypeConversionPattern<func::FuncOp>(patterns,
                                                                 typeConverter);
  populateCallOpTypeConversionPattern(patterns, typeConverter);
  populateReturnOpTypeConversionPattern(patterns, typeConverter);
  scf::populateSCFStructuralTypeConversions(typeConverter, patterns);
}

//===----------------------------------------------------------------------===//
// Pass
//===----------------------------------------------------------------------===//

/// True when `type` carries a #sparq.encoding.
static bool hasSparqEncoding(Type type) {
  return static_cast<bool>(getSparqEncoding(type));
}

/// Reports `type` at `op` when upstream cannot express it; true if reported.
static bool reportInexpressible(Operation *op, Type type, StringRef what) {
  auto tensorType = dyn_cast<RankedTensorType>(type);
  if (!tensorType || !hasSparqEncoding(tensorType))
    return false;
  std::string reason;
  if (succeeded(getSparseTensorEncoding(tensorType, reason)))
    return false;
  op->emitError() << what << " type " << type
                  << " cannot be expressed as a #sparse_tensor.encoding: "
                  << reason;
  return true;
}

/// Emits one diagnostic per value whose type or use cannot be converted (at
/// the op or function that defines it) and returns failure if there was any,
/// so the conversion never starts on IR it cannot finish.
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
    bool usesFormat = llvm::any_of(op->getOperandTypes(), hasSparqEncoding) ||
                      llvm::any_of(op->getResultTypes(), hasSparqEncoding);
    if (!usesFormat)
      return;
    std::string why;
    if (isa<SparqDialect>(op->getDialect()))
      why = whyOpNotConvertible(op);
    else if (!isa<func::FuncOp, func::CallOp, func::ReturnOp, tensor::DimOp>(
                 op) &&
             !isa<scf::SCFDialect>(op->getDialect()))
      why = "'" + op->getName().getStringRef().str() +
            "' on #sparq.encoding tensors has no rewrite in "
            "--sparq-to-sparse-tensor";
    if (!why.empty()) {
      op->emitError() << why;
      failedAny = true;
    }
  });
  return failure(failedAny);
}

namespace {
struct SparqToSparseTensorPass
    : sparq::impl::SparqToSparseTensorBase<SparqToSparseTensorPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (failed(checkConvertible(module)))
      return signalPassFailure();

    MLIRContext *ctx = &getContext();
    SparqToSparseTensorTypeConverter typeConverter;
    RewritePatternSet patterns(ctx);
    populateSparqToSparseTensorPatterns(typeConverter, patterns);

    ConversionTarget target(*ctx);
    target.addDynamicallyLegalOp<func::FuncOp>([&](func::FuncOp func) {
      return typeConverter.isSignatureLegal(func.getFunctionType()) &&
             typeConverter.isLegal(&func.getBody());
    });
    scf::populateSCFStructuralTypeConversionTarget(typeConverter, target);
    // Anything still touching a #sparq.encoding type is illegal, so an op
    // without a rewrite fails the conversion instead of staying behind.
    target.markUnknownOpDynamicallyLegal(
        [&](Operation *op) { return typeConverter.isLegal(op); });
    if (failed(applyPartialConversion(module, target, std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
