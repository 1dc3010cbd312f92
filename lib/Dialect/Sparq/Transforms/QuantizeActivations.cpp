//===- QuantizeActivations.cpp - Dynamic quantization of activations ------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// Emits, in front of each quantized-weight contraction, the run-time code
// that measures its activation (a linalg reduction), derives the scale and
// zero point with the same f64 arithmetic as lib/Numerics, and quantizes the
// activation with sparq.quantize; the contraction then accumulates in i32.
// With a calibration file, the scale and zero point are constants computed
// at compile time from the recorded range by lib/Numerics itself.
//
//===----------------------------------------------------------------------===//

#include "sparq/Dialect/Sparq/IR/SparqOps.h"
#include "sparq/Dialect/Sparq/IR/SparqTypes.h"
#include "sparq/Dialect/Sparq/Transforms/ActivationSites.h"
#include "sparq/Dialect/Sparq/Transforms/Passes.h"
#include "sparq/Dialect/Sparq/Transforms/WeightOperand.h"
#include "sparq/Numerics/LinearQuantization.h"
#include "sparq/Numerics/Rounding.h"

#include "CalibrationFile.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/AffineMap.h"
#include "mlir/IR/Verifier.h"

namespace sparq {
#define GEN_PASS_DEF_SPARQQUANTIZEACTIVATIONS
#include "sparq/Dialect/Sparq/Transforms/Passes.h.inc"
} // namespace sparq

using namespace mlir;
using namespace sparq;

namespace {

/// The warning for a contraction whose weight is not linearly quantized.
constexpr llvm::StringLiteral kFloatWeightWarning =
    "activations left in f32: the weight is not linearly quantized (run "
    "--sparq-quantize with a symmetric or asymmetric scheme first)";

/// What the options ask for.
struct ActivationFormat {
  unsigned bits;
  bool symmetric;
  bool perRow;
};

/// Builds the reduction of `x` over every axis (per tensor) or over `axis`
/// only (per row) into `outputs.size()` f32 accumulators initialised to 0,
/// with `combine(builder, loc, x, accumulators) -> new accumulators`.
SmallVector<Value> reduce(
    OpBuilder &b, Location loc, Value x, std::optional<int64_t> axis,
    unsigned count,
    function_ref<SmallVector<Value>(OpBuilder &, Location, Value, ValueRange)>
        combine) {
  auto type = cast<RankedTensorType>(x.getType());
  int64_t rank = type.getRank();
  MLIRContext *ctx = b.getContext();
  SmallVector<int64_t> shape;
  SmallVector<AffineExpr> outExprs;
  SmallVector<utils::IteratorType> iterators;
  for (int64_t d = 0; d < rank; ++d) {
    bool reduced = !axis || *axis == d;
    iterators.push_back(reduced ? utils::IteratorType::reduction
                                : utils::IteratorType::parallel);
    if (!reduced) {
      shape.push_back(type.getDimSize(d));
      outExprs.push_back(getAffineDimExpr(d, ctx));
    }
  }
  Type f32 = b.getF32Type();
  Value zero = arith::ConstantOp::create(b, loc, b.getF32FloatAttr(0.0f));
  Value empty = tensor::EmptyOp::create(b, loc, shape, f32);
  Value init =
      linalg::FillOp::create(b, loc, ValueRange{zero}, ValueRange{empty})
          .getResult(0);
  SmallVector<Value> inits(count, init);
  SmallVector<Type> resultTypes(count, RankedTensorType::get(shape, f32));
  SmallVector<AffineMap> maps = {AffineMap::getMultiDimIdentityMap(rank, ctx)};
  for (unsigned i = 0; i < count; ++i)
    maps.push_back(AffineMap::get(rank, 0, outExprs, ctx));
  auto generic = linalg::GenericOp::create(
      b, loc, resultTypes, ValueRange{x}, inits, maps, iterators,
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        SmallVector<Value> next = combine(nb, nloc, args[0], args.drop_front());
        linalg::YieldOp::create(nb, nloc, next);
      });
  return SmallVector<Value>(generic.getResults());
}

/// Applies `body` elementwise to same-shaped `inputs`, producing tensors of
/// `resultElements`.
SmallVector<Value> elementwise(
    OpBuilder &b, Location loc, ValueRange inputs,
    ArrayRef<Type> resultElements,
    function_ref<SmallVector<Value>(OpBuilder &, Location, ValueRange)> body) {
  auto type = cast<RankedTensorType>(inputs[0].getType());
  int64_t rank = type.getRank();
  SmallVector<Value> inits;
  SmallVector<Type> resultTypes;
  for (Type element : resultElements) {
    inits.push_back(tensor::EmptyOp::create(b, loc, type.getShape(), element));
    resultTypes.push_back(RankedTensorType::get(type.getShape(), element));
  }
  SmallVector<AffineMap> maps(
      inputs.size() + inits.size(),
      AffineMap::getMultiDimIdentityMap(rank, b.getContext()));
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, resultTypes, inputs, inits, maps, iterators,
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        linalg::YieldOp::create(nb, nloc,
                                body(nb, nloc, args.take_front(inputs.size())));
      });
  return SmallVector<Value>(generic.getResults());
}

/// A per-tensor parameter is reduced to a 0-d tensor; the parameter shape
/// of tensor granularity is [1].
Value toParamShape(OpBuilder &b, Location loc, Value value) {
  auto type = cast<RankedTensorType>(value.getType());
  if (type.getRank() != 0)
    return value; // per row: already [M]
  return tensor::ExpandShapeOp::create(
      b, loc, RankedTensorType::get({1}, type.getElementType()), value,
      SmallVector<ReassociationIndices>{});
}

struct SparqQuantizeActivationsPass
    : sparq::impl::SparqQuantizeActivationsBase<SparqQuantizeActivationsPass> {
  using SparqQuantizeActivationsBase::SparqQuantizeActivationsBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    ActivationFormat format;
    if (scheme != "symmetric" && scheme != "asymmetric") {
      module.emitError("sparq-quantize-activations: unknown scheme '")
          << scheme << "' (expected symmetric or asymmetric)";
      return signalPassFailure();
    }
    format.symmetric = scheme == "symmetric";
    if (granularity != "tensor" && granularity != "row") {
      module.emitError("sparq-quantize-activations: unknown granularity '")
          << granularity << "' (expected tensor or row)";
      return signalPassFailure();
    }
    format.perRow = granularity == "row";
    unsigned minBits = format.symmetric ? 2 : 1;
    if (bits < minBits || bits > 16) {
      module.emitError("sparq-quantize-activations: bits must be in [")
          << minBits << ", 16] for " << scheme << " activations, got "
          << static_cast<unsigned>(bits);
      return signalPassFailure();
    }
    format.bits = bits;

    if (!calibration.empty()) {
      if (observer != "minmax" && observer != "percentile" &&
          observer != "mse") {
        module.emitError("sparq-quantize-activations: unknown observer '")
            << observer << "' (expected minmax, percentile or mse)";
        return signalPassFailure();
      }
      if (format.perRow) {
        module.emitError("sparq-quantize-activations: calibration= gives "
                         "per-tensor scales; granularity=row scales are per "
                         "token and computed at run time");
        return signalPassFailure();
      }
      auto file = CalibrationFile::load(calibration);
      if (!file) {
        module.emitError("sparq-quantize-activations: ")
            << llvm::toString(file.takeError());
        return signalPassFailure();
      }
      table = std::move(*file);
      for (const ActivationSite &site : collectActivationSites(module))
        keys[site.op] = site.key;
    }

    checkOpsOption(module, ops, "sparq-quantize-activations");
    SmallVector<Operation *> targets;
    for (Operation *op : collectContractions(module, ops)) {
      if (isa<MatmulOp, Conv2DOp>(op))
        targets.push_back(op);
      else if (findWeightOperand(op))
        // A linalg contraction with a constant weight: --sparq-quantize
        // has not made it a sparq op with a quantized weight.
        op->emitWarning(kFloatWeightWarning);
    }
    bool failed = false;
    for (Operation *op : targets)
      failed |= mlir::failed(rewrite(op, format));
    if (failed)
      signalPassFailure();
  }

  /// The calibration file, when calibration= is given, and the key of each
  /// contraction's activation in it.
  std::optional<CalibrationFile> table;
  llvm::DenseMap<Operation *, std::string> keys;

  /// Constant per-tensor scale (and zero point) from the calibrated range.
  LogicalResult staticParams(Operation *op, OpBuilder &b,
                             const ActivationFormat &format, Value &scales,
                             Value &zeroPoints) {
    auto key = keys.find(op);
    if (key == keys.end())
      return op->emitOpError("has no activation key for the calibration file");
    auto range =
        table->getRange(key->second, observer, format.symmetric, format.bits);
    if (!range)
      return op->emitOpError() << llvm::toString(range.takeError());
    numerics::LinearFormat linear{format.bits, /*isSigned=*/format.symmetric,
                                  format.symmetric};
    float scale;
    int32_t zeroPoint;
    numerics::computeLinearParamsFromRange(range->lo, range->hi, linear, scale,
                                           zeroPoint);
    Location loc = op->getLoc();
    scales = arith::ConstantOp::create(
        b, loc,
        DenseElementsAttr::get(RankedTensorType::get({1}, b.getF32Type()),
                               ArrayRef<float>{scale}));
    if (!format.symmetric)
      zeroPoints = arith::ConstantOp::create(
          b, loc,
          DenseElementsAttr::get(RankedTensorType::get({1}, b.getI32Type()),
                                 ArrayRef<int32_t>{zeroPoint}));
    return success();
  }

  LogicalResult rewrite(Operation *op, const ActivationFormat &format) {
    auto matmul = dyn_cast<MatmulOp>(op);
    auto conv = dyn_cast<Conv2DOp>(op);
    // The activation is the plain f32 operand; the weight is the other one
    // (a matmul's weight may be its lhs: C = W * X, e.g. a rewritten matvec).
    auto isActivation = [](Value v) {
      auto type = cast<RankedTensorType>(v.getType());
      return !type.getEncoding() && type.getElementType().isF32();
    };
    unsigned activationIndex = 0;
    if (matmul && !isActivation(op->getOperand(0)) &&
        isActivation(op->getOperand(1)))
      activationIndex = 1;
    OpOperand &activation = op->getOpOperand(activationIndex);
    Value weight = op->getOperand(1 - activationIndex);
    auto xType = cast<RankedTensorType>(activation.get().getType());
    QuantAttr weightQuant = getQuant(weight.getType());
    if (!weightQuant || weightQuant.getScheme() == QuantScheme::Codebook) {
      op->emitWarning(kFloatWeightWarning);
      return success();
    }
    if (!isActivation(activation.get())) {
      // Neither operand is a plain f32 tensor: re-quantizing is not
      // possible, and skipping silently would ignore the options.
      if (QuantAttr done = getQuant(xType))
        return op->emitOpError("the activation is already quantized (")
               << done
               << "); --sparq-quantize-activations quantizes each f32 "
                  "activation once (restrict repeated runs with ops=)";
      return op->emitOpError("cannot quantize the activation ")
             << xType << ": only plain f32 activations are quantized";
    }
    if (!xType.hasStaticShape())
      return op->emitOpError("cannot quantize an activation of dynamic shape ")
             << xType << " yet";

    OpBuilder b(op);
    Location loc = op->getLoc();
    int64_t rank = xType.getRank();
    // Per row: one scale per row of the im2col view of a rank-2 matmul
    // activation, reducing over K; the other axis is the scale's channel
    // axis. The reference lowering applies such scales only to rank-2
    // matmul operands (not along conv inputs or batches).
    std::optional<int64_t> rowAxis;
    int64_t channelAxis = 0;
    if (format.perRow) {
      if (!matmul || rank != 2)
        return op->emitOpError("granularity=row needs a rank-2 matmul "
                               "activation; use granularity=tensor here");
      // K is the last axis of an lhs, and of a transposed rhs ([N, K]).
      bool kLast = activationIndex == 0 || matmul.getTransposeB();
      rowAxis = kLast ? 1 : 0;
      channelAxis = kLast ? 0 : 1;
    }

    numerics::StorageRange range = numerics::getStorageRange(
        format.bits, /*isSigned=*/format.symmetric, format.symmetric);
    Type f32 = b.getF32Type(), f64 = b.getF64Type(), i32 = b.getI32Type();
    auto constF64 = [&](OpBuilder &nb, Location nloc, double v) -> Value {
      return arith::ConstantOp::create(nb, nloc, nb.getF64FloatAttr(v));
    };
    // scale32 = f32(f64 range / steps), or 1 when that is not positive/finite.
    auto scaleOf = [&](OpBuilder &nb, Location nloc, Value range64) {
      // Symmetric: max|x| / qmax; asymmetric: (hi - lo) / (qmax - qmin).
      Value steps = constF64(nb, nloc,
                             format.symmetric ? double(range.max)
                                              : double(range.max - range.min));
      Value s64 = arith::DivFOp::create(nb, nloc, range64, steps);
      Value s32 = arith::TruncFOp::create(nb, nloc, f32, s64);
      Value zero = arith::ConstantOp::create(nb, nloc, nb.getF32FloatAttr(0));
      Value inf = arith::ConstantOp::create(
          nb, nloc, nb.getF32FloatAttr(std::numeric_limits<float>::infinity()));
      Value positive =
          arith::CmpFOp::create(nb, nloc, arith::CmpFPredicate::OGT, s32, zero);
      Value finite =
          arith::CmpFOp::create(nb, nloc, arith::CmpFPredicate::ONE, s32, inf);
      Value ok = arith::AndIOp::create(nb, nloc, positive, finite);
      Value one = arith::ConstantOp::create(nb, nloc, nb.getF32FloatAttr(1));
      return arith::SelectOp::create(nb, nloc, ok, s32, one).getResult();
    };

    Value scales, zeroPoints;
    if (table) {
      if (failed(staticParams(op, b, format, scales, zeroPoints)))
        return failure();
    } else if (format.symmetric) {
      Value absMax =
          reduce(b, loc, activation.get(), rowAxis, 1,
                 [](OpBuilder &nb, Location nloc, Value x,
                    ValueRange acc) -> SmallVector<Value> {
                   Value neg = arith::NegFOp::create(nb, nloc, x);
                   Value mag = arith::MaxNumFOp::create(nb, nloc, x, neg);
                   return {arith::MaxNumFOp::create(nb, nloc, acc[0], mag)};
                 })[0];
      scales = elementwise(b, loc, absMax, {f32},
                           [&](OpBuilder &nb, Location nloc,
                               ValueRange args) -> SmallVector<Value> {
                             Value m64 =
                                 arith::ExtFOp::create(nb, nloc, f64, args[0]);
                             return {scaleOf(nb, nloc, m64)};
                           })[0];
    } else {
      SmallVector<Value> bounds =
          reduce(b, loc, activation.get(), rowAxis, 2,
                 [](OpBuilder &nb, Location nloc, Value x,
                    ValueRange acc) -> SmallVector<Value> {
                   return {arith::MinNumFOp::create(nb, nloc, acc[0], x),
                           arith::MaxNumFOp::create(nb, nloc, acc[1], x)};
                 });
      SmallVector<Value> params = elementwise(
          b, loc, bounds, {f32, i32},
          [&](OpBuilder &nb, Location nloc,
              ValueRange args) -> SmallVector<Value> {
            Value lo = arith::ExtFOp::create(nb, nloc, f64, args[0]);
            Value hi = arith::ExtFOp::create(nb, nloc, f64, args[1]);
            Value span = arith::SubFOp::create(nb, nloc, hi, lo);
            Value s32 = scaleOf(nb, nloc, span);
            Value s64 = arith::ExtFOp::create(nb, nloc, f64, s32);
            Value negLo = arith::NegFOp::create(nb, nloc, lo);
            Value ratio = arith::DivFOp::create(nb, nloc, negLo, s64);
            Value rounded = math::RoundEvenOp::create(nb, nloc, ratio);
            Value zp = arith::AddFOp::create(
                nb, nloc, rounded, constF64(nb, nloc, double(range.min)));
            zp = arith::MaxNumFOp::create(
                nb, nloc, zp, constF64(nb, nloc, double(range.min)));
            zp = arith::MinNumFOp::create(
                nb, nloc, zp, constF64(nb, nloc, double(range.max)));
            return {s32,
                    arith::FPToSIOp::create(nb, nloc, i32, zp).getResult()};
          });
      scales = params[0];
      zeroPoints = params[1];
    }
    if (!table) {
      scales = toParamShape(b, loc, scales);
      if (zeroPoints)
        zeroPoints = toParamShape(b, loc, zeroPoints);
    }

    MLIRContext *ctx = b.getContext();
    auto storage = IntegerType::get(ctx, format.bits,
                                    format.symmetric ? IntegerType::Signed
                                                     : IntegerType::Unsigned);
    QuantAttr quant = QuantAttr::get(
        ctx, storage, cast<FloatType>(f32),
        format.symmetric ? QuantScheme::Symmetric : QuantScheme::Asymmetric,
        rowAxis ? Granularity::Channel : Granularity::Tensor,
        rowAxis ? channelAxis : int64_t(-1), int64_t(0),
        RoundingMode::NearestEven);
    auto qType = RankedTensorType::get(
        xType.getShape(), IntegerType::get(ctx, format.bits),
        EncodingAttr::get(ctx, FormatKind::Dense, quant));
    Value quantized = QuantizeOp::create(b, loc, qType, activation.get(),
                                         scales, zeroPoints, Value());
    activation.set(quantized);
    // Integer MACs: both operands are integers now. One product needs the
    // operands' widths, plus one bit for each unsigned / asymmetric operand
    // ((q - zp) spans [-(2^B - 1), 2^B - 1]); i64 when i32 cannot hold it.
    auto productWidth = [](QuantAttr quant) {
      bool widened =
          !quant.isSigned() || quant.getScheme() == QuantScheme::Asymmetric;
      return quant.getBits() + (widened ? 1u : 0u);
    };
    unsigned productBits = productWidth(quant) + productWidth(weightQuant);
    Type acc = productBits <= 32 ? b.getI32Type() : b.getI64Type();
    if (matmul)
      matmul.setAccType(acc);
    else
      conv.setAccType(acc);
    return mlir::verify(op);
  }
};
} // namespace
