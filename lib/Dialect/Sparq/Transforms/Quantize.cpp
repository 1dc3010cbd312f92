//===- Quantize.cpp - Compile-time quantization of constant weights -------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// Every number is computed by the numerics library (sparq/Numerics): this
// file validates the options and per-op overrides and quantizes each
// constant once per setting; QuantizedWeight.h (shared with
// --sparq-mixed-precision) decides which elements share parameters, writes
// the library's integers, scales, zero points and codebooks as
// dense_resource parts, and rewrites the consumer to the sparq op that takes
// the assembled quantized weight.
//
//===----------------------------------------------------------------------===//

#include "QuantizedWeight.h"

#include "sparq/Dialect/Sparq/IR/SparqOps.h"
#include "sparq/Dialect/Sparq/IR/SparqTypes.h"
#include "sparq/Dialect/Sparq/Transforms/Passes.h"
#include "GroupedConv.h"
#include "sparq/Dialect/Sparq/Transforms/WeightOperand.h"
#include "sparq/Numerics/GroupLayout.h"
#include "sparq/Numerics/KMeans.h"
#include "sparq/Numerics/LinearQuantization.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/TypeSwitch.h"

#include <cmath>
#include <cstring>
#include <map>

namespace sparq {
#define GEN_PASS_DEF_SPARQQUANTIZE
#include "sparq/Dialect/Sparq/Transforms/Passes.h.inc"
} // namespace sparq

using namespace mlir;
using namespace sparq;

namespace {

/// The per-op attribute that overrides the pass options.
constexpr StringLiteral kOverrideAttr = "sparq.quantize";
/// The mean squared error of the dequantized weight, set on the consumer.
constexpr StringLiteral kMseAttr = "sparq.quant_mse";

using Scheme = QuantizeScheme;

/// The options as written (pass options, then a `sparq.quantize` override).
struct RawSettings {
  std::string scheme;
  int64_t bits;
  std::string granularity;
  int64_t groupSize;
  std::string rounding;
};

/// Validated settings.
using Settings = QuantizeSettings;

/// Checks the settings that do not depend on a weight. `where` says where the
/// settings came from in messages.
FailureOr<Settings> validate(const RawSettings &raw,
                             function_ref<InFlightDiagnostic()> emitError,
                             StringRef where) {
  Settings s;
  if (raw.scheme == "symmetric")
    s.scheme = Scheme::Symmetric;
  else if (raw.scheme == "asymmetric")
    s.scheme = Scheme::Asymmetric;
  else if (raw.scheme == "kmeans")
    s.scheme = Scheme::KMeans;
  else
    return emitError() << "sparq-quantize: unknown scheme '" << raw.scheme
                       << "'" << where
                       << " (expected symmetric, asymmetric or kmeans)";
  if (raw.bits < 1 || raw.bits > 16)
    return emitError() << "sparq-quantize: bits must be in [1, 16], got "
                       << raw.bits << where;
  if (s.scheme == Scheme::Symmetric && raw.bits < 2)
    return emitError() << "sparq-quantize: symmetric quantization needs bits "
                          "in [2, 16] (a 1-bit symmetric grid holds only 0), "
                          "got "
                       << raw.bits << where;
  if (s.scheme == Scheme::KMeans && raw.bits > 8)
    return emitError() << "sparq-quantize: kmeans quantization supports bits "
                          "in [1, 8] (2^bits centroids per group), got "
                       << raw.bits << where;
  s.bits = static_cast<unsigned>(raw.bits);
  if (raw.granularity == "tensor")
    s.granularity = Granularity::Tensor;
  else if (raw.granularity == "channel")
    s.granularity = Granularity::Channel;
  else if (raw.granularity == "group")
    s.granularity = Granularity::Group;
  else
    return emitError() << "sparq-quantize: unknown granularity '"
                       << raw.granularity << "'" << where
                       << " (expected tensor, channel or group)";
  s.groupSize = raw.groupSize;
  if (s.granularity == Granularity::Group && raw.groupSize < 1)
    return emitError() << "sparq-quantize: group-size must be positive, got "
                       << raw.groupSize << where;
  std::optional<RoundingMode> rounding = symbolizeRoundingMode(raw.rounding);
  if (!rounding)
    return emitError() << "sparq-quantize: unknown rounding '" << raw.rounding
                       << "'" << where
                       << " (expected nearest_even, nearest_away or "
                          "toward_zero)";
  s.rounding = *rounding;
  return s;
}

/// Applies an op's `sparq.quantize` dictionary to `raw`.
LogicalResult applyOverride(Operation *op, RawSettings &raw) {
  Attribute attr = op->getAttr(kOverrideAttr);
  if (!attr)
    return success();
  auto dict = dyn_cast<DictionaryAttr>(attr);
  if (!dict)
    return op->emitError() << "sparq-quantize: the '" << kOverrideAttr
                           << "' attribute must be a dictionary, got " << attr;
  for (NamedAttribute entry : dict) {
    StringRef key = entry.getName().getValue();
    Attribute value = entry.getValue();
    std::string *text = key == "scheme"        ? &raw.scheme
                        : key == "granularity" ? &raw.granularity
                        : key == "rounding"    ? &raw.rounding
                                               : nullptr;
    int64_t *number = key == "bits"         ? &raw.bits
                      : key == "group-size" ? &raw.groupSize
                                            : nullptr;
    if (text) {
      auto str = dyn_cast<StringAttr>(value);
      if (!str)
        return op->emitError()
               << "sparq-quantize: '" << kOverrideAttr << "' key '" << key
               << "' must be a string, got " << value;
      *text = str.getValue().str();
    } else if (number) {
      auto integer = dyn_cast<IntegerAttr>(value);
      if (!integer || !isa<IntegerType>(integer.getType()))
        return op->emitError()
               << "sparq-quantize: '" << kOverrideAttr << "' key '" << key
               << "' must be an integer, got " << value;
      *number = integer.getInt();
    } else {
      return op->emitError()
             << "sparq-quantize: unknown key '" << key << "' in '"
             << kOverrideAttr
             << "' (expected scheme, bits, granularity, group-size or "
                "rounding)";
    }
  }
  return success();
}

/// One quantized weight, shared by every consumer with the same constant and
/// the same settings.
struct QuantizedWeight {
  Value value;
  double mse;
};

struct SparqQuantizePass : sparq::impl::SparqQuantizeBase<SparqQuantizePass> {
  using SparqQuantizeBase::SparqQuantizeBase;

  void runOnOperation() override;

private:
  /// Quantizes the weight of `op` and rewrites `op`. Returns failure after
  /// emitting a diagnostic.
  LogicalResult quantizeOp(Operation *op, const Settings &settings,
                           unsigned index);
  FailureOr<QuantizedWeight> quantizeWeight(const WeightOperand &weight,
                                            const Settings &settings,
                                            unsigned index);
  LogicalResult rewriteConsumer(const WeightOperand &weight,
                                const QuantizedWeight &quantized);

  /// Key: (constant op, settings and axes) -> quantized weight.
  std::map<std::pair<Operation *, std::string>, QuantizedWeight> cache;
};

FailureOr<QuantizedWeight>
SparqQuantizePass::quantizeWeight(const WeightOperand &weight,
                                  const Settings &settings, unsigned index) {
  Operation *op = weight.op;
  RankedTensorType type = weight.type;
  ArrayRef<int64_t> shape = type.getShape();

  // Which axis the parameters vary along.
  FailureOr<int64_t> axis =
      getQuantizationAxis(weight, settings, "sparq-quantize");
  if (failed(axis))
    return failure();

  std::string key;
  llvm::raw_string_ostream(key)
      << static_cast<int>(settings.scheme) << "/" << settings.bits << "/"
      << static_cast<int>(settings.granularity) << "/" << *axis << "/"
      << settings.groupSize << "/" << static_cast<int>(settings.rounding);
  Operation *constant = weight.getValue().getDefiningOp();
  auto cached = cache.find({constant, key});
  if (cached != cache.end())
    return cached->second;

  std::vector<float> data;
  std::string whyNot;
  if (!readConstantF32(weight.getValue(), data, &whyNot))
    return op->emitError() << "sparq-quantize: cannot read the weight: "
                           << whyNot;

  // Integers (and their dequantized values, for the error) from the library.
  QuantizedData quantized;
  std::string error;
  if (!quantizeData(data, shape, *axis, settings, quantized, error))
    return op->emitError() << "sparq-quantize: " << error;
  double sum = 0;
  int64_t counted = 0;
  for (size_t i = 0; i < data.size(); ++i) {
    if (std::isnan(data[i]))
      continue;
    double diff = static_cast<double>(data[i]) - quantized.real[i];
    sum += diff * diff;
    ++counted;
  }
  double mse = counted ? sum / counted : 0.0;

  OpBuilder builder(op->getContext());
  builder.setInsertionPointAfter(constant);
  Value assembled =
      buildQuantizedWeight(builder, constant->getLoc(), shape, *axis, settings,
                           quantized, getWeightNamePrefix(op, index));
  QuantizedWeight result{assembled, mse};
  cache[{constant, key}] = result;
  return result;
}

LogicalResult
SparqQuantizePass::rewriteConsumer(const WeightOperand &weight,
                                   const QuantizedWeight &quantized) {
  MLIRContext *ctx = weight.op->getContext();
  NamedAttribute mse(StringAttr::get(ctx, kMseAttr),
                     FloatAttr::get(Float64Type::get(ctx), quantized.mse));
  return rewriteQuantizedConsumer(weight, quantized.value, {mse}, kOverrideAttr,
                                  "sparq-quantize");
}

LogicalResult SparqQuantizePass::quantizeOp(Operation *op,
                                            const Settings &defaults,
                                            unsigned index) {
  // A weight an earlier pass quantized, packed or narrowed (or raw
  // integers) is not quantized again: say so instead of skipping it.
  if (std::optional<std::string> what = describeRewrittenWeight(op))
    return op->emitError() << "sparq-quantize: cannot quantize the weight: it "
                           << *what
                           << "; quantize each f32 weight once (restrict "
                              "repeated runs with ops=), before --sparq-pack";
  std::string whyNot;
  std::optional<WeightOperand> weight = findWeightOperand(op, &whyNot);
  if (!weight) {
    // Matmuls whose maps are not the default ones cannot be described by
    // sparq.matmul: fail rather than leave a constant weight unquantized.
    if (hasUndescribableConstantWeight(op))
      return op->emitError() << "sparq-quantize: " << whyNot;
    return success();
  }

  Settings settings = defaults;
  if (op->hasAttr(kOverrideAttr)) {
    RawSettings raw{scheme, bits, granularity, groupSize, rounding};
    if (failed(applyOverride(op, raw)))
      return failure();
    FailureOr<Settings> overridden = validate(
        raw, [&] { return op->emitError(); }, " (from 'sparq.quantize')");
    if (failed(overridden))
      return failure();
    settings = *overridden;
  }
  FailureOr<QuantizedWeight> quantized =
      quantizeWeight(*weight, settings, index);
  if (failed(quantized))
    return failure();
  return rewriteConsumer(*weight, *quantized);
}

void SparqQuantizePass::runOnOperation() {
  ModuleOp module = getOperation();
  cache.clear();
  RawSettings raw{scheme, bits, granularity, groupSize, rounding};
  FailureOr<Settings> defaults = validate(
      raw, [&] { return module.emitError(); }, "");
  if (failed(defaults))
    return signalPassFailure();

  // Grouped convolutions: one ordinary convolution per group first.
  splitGroupedConvolutions(module, ops);
  checkOpsOption(module, ops, "sparq-quantize");
  SmallVector<Operation *> targets = collectContractions(module, ops);

  llvm::SetVector<Operation *> constants;
  bool failedAny = false;
  for (auto [index, op] : llvm::enumerate(targets)) {
    std::optional<WeightOperand> weight = findWeightOperand(op);
    Operation *constant = weight ? weight->getValue().getDefiningOp() : nullptr;
    if (failed(quantizeOp(op, *defaults, index)))
      failedAny = true;
    else if (constant)
      constants.insert(constant);
  }
  // Drop the f32 weights nobody uses any more.
  for (Operation *constant : constants)
    if (constant->use_empty())
      constant->erase();
  cache.clear();
  if (failedAny)
    signalPassFailure();
}

} // namespace
