//===- FloatFormat.cpp - Narrowing constant weights to small floats -------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// The rounding is the numerics library's (round to nearest even, the
// format's own overflow rule). What this file decides is how the narrowed
// weight is stored so that CPU code computes with exactly those values:
// f16 and bf16 are types upstream lowers natively, so the weight becomes a
// constant of that type, extended exactly inside the consumer; tf32 and the
// f8 formats are not (arith.truncf/extf on them need the APFloat wrapper
// library), so their values are stored as f32.
//
//===----------------------------------------------------------------------===//

#include "sparq/Numerics/FloatFormat.h"
#include "sparq/Dialect/Sparq/IR/SparqOps.h"
#include "sparq/Dialect/Sparq/Transforms/Passes.h"
#include "sparq/Dialect/Sparq/Transforms/WeightOperand.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/TypeSwitch.h"

#include <cmath>

namespace sparq {
#define GEN_PASS_DEF_SPARQFLOATFORMAT
#include "sparq/Dialect/Sparq/Transforms/Passes.h.inc"
} // namespace sparq

using namespace mlir;
using namespace sparq;

namespace {

/// Marks an op whose weight was narrowed, with the format's name.
constexpr StringLiteral kFormatAttr = "sparq.float_format";

/// The MLIR element type that stores `format`, or null when the narrowed
/// values are kept in f32 (upstream cannot compute with the type on CPU).
Type getStorageType(numerics::FloatFormat format, MLIRContext *ctx) {
  switch (format) {
  case numerics::FloatFormat::F16:
    return Float16Type::get(ctx);
  case numerics::FloatFormat::BF16:
    return BFloat16Type::get(ctx);
  default:
    return Type();
  }
}

/// Rebuilds a linalg named op with `inputs`: its body is built anew from the
/// operand types, so a narrower input is extended (exactly) to the output
/// element type inside the op.
Operation *rebuildLinalgOp(OpBuilder &builder, Operation *op,
                           ValueRange inputs) {
  auto linalgOp = cast<linalg::LinalgOp>(op);
  Location loc = op->getLoc();
  SmallVector<Value> outputs(linalgOp.getDpsInits());
  TypeRange results = op->getResultTypes();
  SmallVector<NamedAttribute> discardable(op->getDiscardableAttrs());
  return llvm::TypeSwitch<Operation *, Operation *>(op)
      .Case<linalg::MatmulOp>([&](auto) {
        return linalg::MatmulOp::create(builder, loc, results, inputs, outputs,
                                        discardable);
      })
      .Case<linalg::BatchMatmulOp>([&](auto) {
        return linalg::BatchMatmulOp::create(builder, loc, results, inputs,
                                             outputs, discardable);
      })
      .Case<linalg::MatvecOp>([&](auto) {
        return linalg::MatvecOp::create(builder, loc, results, inputs, outputs,
                                        discardable);
      })
      .Case<linalg::Conv2DNhwcHwcfOp>([&](linalg::Conv2DNhwcHwcfOp conv) {
        return linalg::Conv2DNhwcHwcfOp::create(
            builder, loc, results, inputs, outputs, conv.getStrides(),
            conv.getDilations(), discardable);
      })
      .Case<linalg::Conv2DNchwFchwOp>([&](linalg::Conv2DNchwFchwOp conv) {
        return linalg::Conv2DNchwFchwOp::create(
            builder, loc, results, inputs, outputs, conv.getStrides(),
            conv.getDilations(), discardable);
      })
      .Default([](Operation *) { return nullptr; });
}

struct SparqFloatFormatPass
    : sparq::impl::SparqFloatFormatBase<SparqFloatFormatPass> {
  using SparqFloatFormatBase::SparqFloatFormatBase;

  void runOnOperation() override;

private:
  /// Narrows the weight of `op`; the op may be replaced.
  LogicalResult narrowOp(Operation *op, numerics::FloatFormat format);
  FailureOr<Value> narrowWeight(const WeightOperand &weight,
                                numerics::FloatFormat format);

  /// The narrowed constant made for each original constant.
  DenseMap<Operation *, Value> narrowed;
};

FailureOr<Value>
SparqFloatFormatPass::narrowWeight(const WeightOperand &weight,
                                   numerics::FloatFormat format) {
  Operation *constant = weight.getValue().getDefiningOp();
  if (Value cached = narrowed.lookup(constant))
    return cached;
  Operation *op = weight.op;
  std::vector<float> data;
  std::string whyNot;
  if (!readConstantF32(weight.getValue(), data, &whyNot))
    return op->emitError() << "sparq-float-format: cannot read the weight: "
                           << whyNot;

  MLIRContext *ctx = op->getContext();
  Type storage = getStorageType(format, ctx);
  RankedTensorType type = weight.type;
  int64_t overflows = 0;
  std::vector<char> bytes;
  if (storage) {
    std::vector<uint16_t> bits(data.size());
    for (size_t i = 0; i < data.size(); ++i) {
      bits[i] = static_cast<uint16_t>(numerics::encodeFloat(data[i], format));
      overflows += std::isfinite(data[i]) &&
                   !std::isfinite(numerics::roundToFormat(data[i], format));
    }
    const char *raw = reinterpret_cast<const char *>(bits.data());
    bytes.assign(raw, raw + bits.size() * sizeof(uint16_t));
    type = RankedTensorType::get(type.getShape(), storage);
  } else {
    std::vector<float> values(data.size());
    for (size_t i = 0; i < data.size(); ++i) {
      values[i] = numerics::roundToFormat(data[i], format);
      overflows += std::isfinite(data[i]) && !std::isfinite(values[i]);
    }
    const char *raw = reinterpret_cast<const char *>(values.data());
    bytes.assign(raw, raw + values.size() * sizeof(float));
  }
  if (overflows)
    op->emitWarning() << "sparq-float-format: " << overflows << " of "
                      << data.size() << " weights overflow " << this->type
                      << " and become "
                      << (format == numerics::FloatFormat::F8E4M3FN
                              ? "NaN"
                              : "infinite");

  OpBuilder builder(constant);
  builder.setInsertionPointAfter(constant);
  std::string name = "sparq_" + this->type;
  op->getLoc()->walk([&](Location loc) {
    if (auto named = dyn_cast<NameLoc>(loc)) {
      name = named.getName().str() + "_" + this->type;
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  for (char &c : name)
    if (!llvm::isAlnum(c) && c != '_')
      c = '_';
  Value result =
      createResourceConstant(builder, constant->getLoc(), type, bytes, name);
  narrowed[constant] = result;
  return result;
}

LogicalResult SparqFloatFormatPass::narrowOp(Operation *op,
                                             numerics::FloatFormat format) {
  // A weight an earlier pass quantized, packed or narrowed is not narrowed
  // again: say so instead of skipping it.
  if (std::optional<std::string> what = describeRewrittenWeight(op))
    return op->emitError() << "sparq-float-format: cannot narrow the weight: "
                              "it "
                           << *what
                           << "; narrow each f32 weight once (restrict "
                              "repeated runs with ops=), before --sparq-pack";
  std::string whyNot;
  std::optional<WeightOperand> weight = findWeightOperand(op, &whyNot);
  // Matmuls with custom maps are not understood: fail rather than leave a
  // constant weight unnarrowed.
  if (!weight && hasUndescribableConstantWeight(op))
    return op->emitError() << "sparq-float-format: " << whyNot;
  if (!weight)
    return success();
  FailureOr<Value> value = narrowWeight(*weight, format);
  if (failed(value))
    return failure();
  MLIRContext *ctx = op->getContext();
  auto formatAttr = StringAttr::get(ctx, type);
  // Same type (f32 storage), or a sparq op (float operands of any width
  // with a float accumulator): the operand is replaced in place.
  if (value->getType() == weight->type || isa<MatmulOp, Conv2DOp>(op)) {
    op->setOperand(weight->operandNumber, *value);
    op->setAttr(kFormatAttr, formatAttr);
    return success();
  }
  auto linalgOp = cast<linalg::LinalgOp>(op);
  SmallVector<Value> inputs(linalgOp.getDpsInputs());
  inputs[weight->operandNumber] = *value;
  OpBuilder builder(op);
  Operation *replacement = rebuildLinalgOp(builder, op, inputs);
  if (!replacement)
    return op->emitError() << "sparq-float-format: cannot rebuild the op "
                              "with a "
                           << type << " weight";
  replacement->setAttr(kFormatAttr, formatAttr);
  op->replaceAllUsesWith(replacement);
  op->erase();
  return success();
}

void SparqFloatFormatPass::runOnOperation() {
  ModuleOp module = getOperation();
  std::optional<numerics::FloatFormat> format =
      numerics::parseFloatFormat(type);
  if (!format) {
    module.emitError() << "sparq-float-format: unknown type '" << type
                       << "' (expected f16, bf16, tf32, f8E4M3FN or f8E5M2)";
    return signalPassFailure();
  }
  checkOpsOption(module, ops, "sparq-float-format");
  SmallVector<Operation *> targets = collectContractions(module, ops);
  llvm::SetVector<Operation *> constants;
  bool failedAny = false;
  for (Operation *op : targets) {
    std::optional<WeightOperand> weight = findWeightOperand(op);
    Operation *constant = weight ? weight->getValue().getDefiningOp() : nullptr;
    if (failed(narrowOp(op, *format)))
      failedAny = true;
    else if (constant)
      constants.insert(constant);
  }
  for (Operation *constant : constants)
    if (constant->use_empty())
      constant->erase();
  narrowed.clear();
  if (failedAny)
    signalPassFailure();
}

} // namespace
