//===- SparqToLinalg.cpp - Reference lowering of the sparq dialect --------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// A DialectConversion with a 1:N type converter: every compressed tensor
// becomes the list of its parts (getCompressedParts), also across func and
// scf boundaries, and every sparq op becomes tensor / linalg / scf code on
// those parts. Anything the lowering cannot handle is reported at its op
// before any rewriting, so the pass never leaves half-converted IR.
//
//===----------------------------------------------------------------------===//

#include "sparq/Conversion/SparqToLinalg/SparqToLinalg.h"
#include "CompressedBuilders.h"

#include "sparq/Dialect/Sparq/IR/SparqOps.h"
#include "sparq/Dialect/Sparq/IR/SparqTypes.h"

#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Func/Transforms/FuncConversions.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/Patterns.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include "sparq/Conversion/Passes.h"

namespace sparq {
#define GEN_PASS_DEF_SPARQTOLINALG
#include "sparq/Conversion/Passes.h.inc"
} // namespace sparq

using namespace mlir;
using namespace sparq;
using namespace sparq::lowering;

//===----------------------------------------------------------------------===//
// Type converter
//===----------------------------------------------------------------------===//

SparqToLinalgTypeConverter::SparqToLinalgTypeConverter() {
  addConversion([](Type type) { return type; });
  addConversion(
      [](RankedTensorType type,
         SmallVectorImpl<Type> &results) -> std::optional<LogicalResult> {
        if (!getSparqEncoding(type))
          return std::nullopt;
        for (const CompressedPart &part : getCompressedParts(type))
          results.push_back(part.type);
        return success();
      });
}

//===----------------------------------------------------------------------===//
// Unsupported cases
//===----------------------------------------------------------------------===//

static bool isCompressed(Type type) {
  return static_cast<bool>(getSparqEncoding(type));
}

static std::string str(Type type) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << type;
  return s;
}

/// Pack / unpack loops index every coordinate: the shape must be static.
static std::optional<std::string> checkStaticFormat(RankedTensorType type,
                                                    StringRef what) {
  EncodingAttr encoding = getSparqEncoding(type);
  if (!encoding || encoding.isDense() || type.hasStaticShape())
    return std::nullopt;
  return (what + " " + str(type) +
          " needs a static shape in the reference lowering")
      .str();
}

std::optional<std::string>
sparq::getSparqToLinalgUnsupportedReason(Operation *op) {
  if (isa<MatmulOp, Conv2DOp>(op))
    return getContractionUnsupportedReason(op);
  if (auto pack = dyn_cast<PackOp>(op))
    return checkStaticFormat(pack.getResult().getType(), "packing into");
  if (auto unpack = dyn_cast<UnpackOp>(op))
    return checkStaticFormat(unpack.getInput().getType(), "unpacking");
  if (auto dequantize = dyn_cast<DequantizeOp>(op)) {
    RankedTensorType type = dequantize.getInput().getType();
    QuantAttr quant = getQuant(type);
    // Tensor granularity maps the values part alone; otherwise the loops
    // over the stored entries need the matrix shape.
    if (quant.getGranularity() != Granularity::Tensor)
      return checkStaticFormat(type, "dequantizing");
    return std::nullopt;
  }
  if (auto fromBytes = dyn_cast<FromBytesOp>(op)) {
    if (!fromBytes.getType().hasStaticShape())
      return ("unpacking bytes into " + str(fromBytes.getType()) +
              " needs a static result shape in the reference lowering");
    return std::nullopt;
  }
  if (isa<AssembleOp, PartOp, QuantizeOp, RequantizeOp>(op))
    return std::nullopt;
  if (isa<SparqDialect>(op->getDialect()))
    return std::string("the reference lowering has no pattern for this op");
  bool touchesCompressed = llvm::any_of(op->getOperandTypes(), isCompressed) ||
                           llvm::any_of(op->getResultTypes(), isCompressed);
  if (!touchesCompressed)
    return std::nullopt;
  // The ops the structural conversions rewrite.
  if (isa<func::FuncOp, func::CallOp, func::ReturnOp, scf::ForOp, scf::IfOp,
          scf::WhileOp, scf::ConditionOp, scf::YieldOp, scf::IndexSwitchOp>(op))
    return std::nullopt;
  return ("operation '" + op->getName().getStringRef() +
          "' takes or returns a compressed tensor; the reference lowering "
          "carries compressed tensors only through sparq ops, func.func / "
          "call / return and scf.for / if / while / index_switch")
      .str();
}

//===----------------------------------------------------------------------===//
// Patterns
//===----------------------------------------------------------------------===//

namespace {

/// `value` cast to `type` when the static information differs.
Value castTo(OpBuilder &b, Location loc, Value value, Type type) {
  if (value.getType() == type)
    return value;
  return tensor::CastOp::create(b, loc, type, value);
}

CompressedValue getCompressed(Value original, ValueRange converted) {
  return {cast<RankedTensorType>(original.getType()),
          llvm::to_vector(converted)};
}

/// Base class: checks the op with getSparqToLinalgUnsupportedReason first.
template <typename OpTy> struct SparqPattern : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  using OneToNOpAdaptor = typename OpConversionPattern<OpTy>::OneToNOpAdaptor;

  LogicalResult
  matchAndRewrite(OpTy op, OneToNOpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const final {
    if (std::optional<std::string> reason =
            getSparqToLinalgUnsupportedReason(op))
      return rewriter.notifyMatchFailure(op, *reason);
    return rewrite(op, adaptor, rewriter);
  }
  virtual LogicalResult rewrite(OpTy op, OneToNOpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const = 0;
};

/// Replaces `op`'s single result by `parts` (all parts of its type).
void replaceWithParts(ConversionPatternRewriter &rewriter, Operation *op,
                      SmallVector<Value> parts) {
  SmallVector<SmallVector<Value>> replacements;
  replacements.push_back(std::move(parts));
  rewriter.replaceOpWithMultiple(op, std::move(replacements));
}

struct AssembleLowering : SparqPattern<AssembleOp> {
  using SparqPattern::SparqPattern;
  LogicalResult rewrite(AssembleOp op, OneToNOpAdaptor adaptor,
                        ConversionPatternRewriter &rewriter) const override {
    SmallVector<Value> parts;
    // Operands are plain tensors: each converts to itself.
    auto converted = [&](PartKind kind) -> Value {
      Value original = op.getPart(kind);
      for (auto [operand, values] :
           llvm::zip(op->getOperands(), adaptor.getOperands()))
        if (operand == original)
          return values.front();
      return {};
    };
    for (const CompressedPart &part : getCompressedParts(op.getType()))
      parts.push_back(
          castTo(rewriter, op.getLoc(), converted(part.kind), part.type));
    replaceWithParts(rewriter, op, std::move(parts));
    return success();
  }
};

struct PartLowering : SparqPattern<PartOp> {
  using SparqPattern::SparqPattern;
  LogicalResult rewrite(PartOp op, OneToNOpAdaptor adaptor,
                        ConversionPatternRewriter &rewriter) const override {
    CompressedValue value = getCompressed(op.getTensor(), adaptor.getTensor());
    Value part = value.get(op.getKind());
    rewriter.replaceOp(op, castTo(rewriter, op.getLoc(), part, op.getType()));
    return success();
  }
};

struct PackLowering : SparqPattern<PackOp> {
  using SparqPattern::SparqPattern;
  LogicalResult rewrite(PackOp op, OneToNOpAdaptor adaptor,
                        ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    CompressedValue input = getCompressed(op.getInput(), adaptor.getInput());
    QuantAttr quant = getQuant(input.type);
    Value storage =
        castTo(rewriter, loc, input.parts.front(),
               RankedTensorType::get(op.getType().getShape(),
                                     op.getType().getElementType()));
    Value mask = buildNonzeroMask(rewriter, loc, storage, quant,
                                  input.get(PartKind::ZeroPoints),
                                  input.get(PartKind::Codebook));
    SmallVector<Value> parts =
        buildPack(rewriter, loc, storage, mask, op.getType());
    llvm::append_range(parts, input.quantParts());
    replaceWithParts(rewriter, op, std::move(parts));
    return success();
  }
};

struct UnpackLowering : SparqPattern<UnpackOp> {
  using SparqPattern::SparqPattern;
  LogicalResult rewrite(UnpackOp op, OneToNOpAdaptor adaptor,
                        ConversionPatternRewriter &rewriter) const override {
    CompressedValue input = getCompressed(op.getInput(), adaptor.getInput());
    SmallVector<Value> parts{buildUnpack(rewriter, op.getLoc(), input)};
    llvm::append_range(parts, input.quantParts());
    replaceWithParts(rewriter, op, std::move(parts));
    return success();
  }
};

/// The quantization operands of `op` (quantize / requantize) in the order of
/// the result's parts, cast to the part types.
SmallVector<Value> quantPartsOf(OpBuilder &b, Location loc,
                                RankedTensorType resultType, Value scales,
                                Value zeroPoints, Value codebook) {
  SmallVector<Value> parts;
  for (const CompressedPart &part : getCompressedParts(resultType)) {
    Value operand;
    if (part.kind == PartKind::Scales)
      operand = scales;
    else if (part.kind == PartKind::ZeroPoints)
      operand = zeroPoints;
    else if (part.kind == PartKind::Codebook)
      operand = codebook;
    else
      continue;
    parts.push_back(castTo(b, loc, operand, part.type));
  }
  return parts;
}

Value single(ValueRange range) {
  return range.empty() ? Value() : range.front();
}

struct QuantizeLowering : SparqPattern<QuantizeOp> {
  using SparqPattern::SparqPattern;
  LogicalResult rewrite(QuantizeOp op, OneToNOpAdaptor adaptor,
                        ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType resultType = op.getType();
    SmallVector<Value> quantParts = quantPartsOf(
        rewriter, loc, resultType, single(adaptor.getScales()),
        single(adaptor.getZeroPoints()), single(adaptor.getCodebook()));
    CompressedValue partsOnly{resultType, {}};
    partsOnly.parts.push_back(Value());
    llvm::append_range(partsOnly.parts, quantParts);
    Value q = buildQuantize(
        rewriter, loc, single(adaptor.getInput()), getQuant(resultType),
        partsOnly.get(PartKind::Scales), partsOnly.get(PartKind::ZeroPoints),
        partsOnly.get(PartKind::Codebook));
    SmallVector<Value> parts{
        castTo(rewriter, loc, q, getCompressedParts(resultType)[0].type)};
    llvm::append_range(parts, quantParts);
    replaceWithParts(rewriter, op, std::move(parts));
    return success();
  }
};

struct DequantizeLowering : SparqPattern<DequantizeOp> {
  using SparqPattern::SparqPattern;
  LogicalResult rewrite(DequantizeOp op, OneToNOpAdaptor adaptor,
                        ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    CompressedValue input = getCompressed(op.getInput(), adaptor.getInput());
    EncodingAttr encoding = getSparqEncoding(input.type);
    QuantAttr quant = encoding.getQuant();
    Value scales = input.get(PartKind::Scales);
    Value zeroPoints = input.get(PartKind::ZeroPoints);
    Value codebook = input.get(PartKind::Codebook);
    if (encoding.isDense()) {
      rewriter.replaceOp(
          op, buildDequantizeDense(rewriter, loc, input.parts.front(), quant,
                                   scales, zeroPoints, codebook));
      return success();
    }
    // Dequantize the values part, keep the index parts: the sparsity
    // pattern (including explicitly stored zeros) is unchanged.
    SmallVector<Value> parts{buildDequantizeValues(rewriter, loc, input)};
    llvm::append_range(parts, input.indexParts());
    replaceWithParts(rewriter, op, std::move(parts));
    return success();
  }
};

struct RequantizeLowering : SparqPattern<RequantizeOp> {
  using SparqPattern::SparqPattern;
  LogicalResult rewrite(RequantizeOp op, OneToNOpAdaptor adaptor,
                        ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    CompressedValue input = getCompressed(op.getInput(), adaptor.getInput());
    RankedTensorType resultType = op.getType();
    QuantAttr inQuant = getQuant(input.type);
    QuantAttr outQuant = getQuant(resultType);
    Value inScales =
        inQuant ? input.get(PartKind::Scales) : single(adaptor.getInScales());
    Value inZeroPoints = inQuant ? input.get(PartKind::ZeroPoints) : Value();
    SmallVector<Value> quantParts =
        quantPartsOf(rewriter, loc, resultType, single(adaptor.getScales()),
                     single(adaptor.getZeroPoints()), {});
    Value outScales = quantParts[0];
    Value outZeroPoints = quantParts.size() > 1 ? quantParts[1] : Value();
    Value q = buildRequantize(
        rewriter, loc, input.parts.front(), inQuant, inScales, inZeroPoints,
        input.get(PartKind::Codebook), outQuant, outScales, outZeroPoints);
    SmallVector<Value> parts{
        castTo(rewriter, loc, q, getCompressedParts(resultType)[0].type)};
    llvm::append_range(parts, quantParts);
    replaceWithParts(rewriter, op, std::move(parts));
    return success();
  }
};

struct FromBytesLowering : SparqPattern<FromBytesOp> {
  using SparqPattern::SparqPattern;
  LogicalResult rewrite(FromBytesOp op, OneToNOpAdaptor adaptor,
                        ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, buildFromBytes(rewriter, op.getLoc(),
                                          single(adaptor.getBytes()),
                                          op.getType()));
    return success();
  }
};

} // namespace

void sparq::populateSparqToLinalgPatterns(TypeConverter &typeConverter,
                                          RewritePatternSet &patterns) {
  patterns.add<AssembleLowering, PartLowering, PackLowering, UnpackLowering,
               QuantizeLowering, DequantizeLowering, RequantizeLowering,
               FromBytesLowering>(typeConverter, patterns.getContext());
  populateContractionPatterns(typeConverter, patterns);
}

void sparq::populateSparqToLinalgStructuralConversions(
    TypeConverter &typeConverter, RewritePatternSet &patterns,
    ConversionTarget &target) {
  populateFunctionOpInterfaceTypeConversionPattern<func::FuncOp>(patterns,
                                                                 typeConverter);
  populateCallOpTypeConversionPattern(patterns, typeConverter);
  populateReturnOpTypeConversionPattern(patterns, typeConverter);
  scf::populateSCFStructuralTypeConversionsAndLegality(typeConverter, patterns,
                                                       target);
  target.addDynamicallyLegalOp<func::FuncOp>([&](func::FuncOp op) {
    return typeConverter.isSignatureLegal(op.getFunctionType()) &&
           typeConverter.isLegal(&op.getBody());
  });
  target.addDynamicallyLegalOp<func::CallOp, func::ReturnOp>(
      [&](Operation *op) { return typeConverter.isLegal(op); });
}

//===----------------------------------------------------------------------===//
// Pass
//===----------------------------------------------------------------------===//

namespace {
struct SparqToLinalgPass : sparq::impl::SparqToLinalgBase<SparqToLinalgPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    MLIRContext *ctx = &getContext();
    // Report everything that cannot be lowered before rewriting anything.
    bool unsupported = false;
    module.walk([&](Operation *op) {
      if (std::optional<std::string> reason =
              getSparqToLinalgUnsupportedReason(op)) {
        op->emitError() << "sparq-to-linalg cannot lower '" << op->getName()
                        << "': " << *reason;
        unsupported = true;
      }
    });
    if (unsupported)
      return signalPassFailure();

    SparqToLinalgTypeConverter typeConverter;
    ConversionTarget target(*ctx);
    target.addIllegalDialect<SparqDialect>();
    target.markUnknownOpDynamicallyLegal(
        [&](Operation *op) { return typeConverter.isLegal(op); });
    RewritePatternSet patterns(ctx);
    populateSparqToLinalgPatterns(typeConverter, patterns);
    populateSparqToLinalgStructuralConversions(typeConverter, patterns, target);
    if (failed(applyPartialConversion(module, target, std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
