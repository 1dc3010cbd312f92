//===- MixedPrecision.cpp - Bits per layer under a size budget ------------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// Measures, with the numerics library, the total squared error of every
// layer's weight at every candidate width (the same quantization
// --sparq-quantize applies), solves the multiple-choice knapsack "least total
// error within the budget" exactly over the Pareto frontier of (size, error),
// then quantizes each weight at its width with QuantizedWeight.h, the code
// --sparq-quantize uses, and explains the choice in a JSON report.
//
//===----------------------------------------------------------------------===//

#include "QuantizedWeight.h"

#include "sparq/Dialect/Sparq/IR/SparqOps.h"
#include "sparq/Dialect/Sparq/Transforms/Passes.h"
#include "sparq/Dialect/Sparq/Transforms/WeightOperand.h"
#include "sparq/Numerics/GroupLayout.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace sparq {
#define GEN_PASS_DEF_SPARQMIXEDPRECISION
#include "sparq/Dialect/Sparq/Transforms/Passes.h.inc"
} // namespace sparq

using namespace mlir;
using namespace sparq;

namespace {

constexpr StringLiteral kPass = "sparq-mixed-precision";
/// The most Pareto points the search keeps after any layer.
constexpr size_t kMaxFrontier = size_t(1) << 20;

/// One candidate width of one layer.
struct Choice {
  int64_t bits;
  /// Bits stored: the low part at `bits`, the outliers at outlier-bits.
  int64_t size;
  /// Total squared error of the layer (low part + outliers).
  double sse;
};

/// A weight whose bits the pass chooses.
struct Layer {
  WeightOperand weight;
  std::string name;
  int64_t axis = -1;
  int64_t numel = 0;
  /// Elements that are not NaN (the MSE's denominator).
  int64_t counted = 0;
  std::vector<float> data;
  /// Per output channel: kept at outlier-bits?
  std::vector<char> isOutlier;
  SmallVector<int64_t> outlierChannels;
  int64_t outlierElements = 0;
  double outlierSse = 0;
  std::vector<Choice> choices;
};

/// A point of the Pareto frontier after some layers: the size and error of
/// a partial assignment, and how it extends a point of the previous one.
struct Point {
  int64_t size;
  double sse;
  int32_t parent;
  int32_t choice;
};

/// The op's location name (NameLoc), or its printed location.
std::string locationName(Operation *op) {
  std::string name;
  op->getLoc()->walk([&](Location loc) {
    if (auto named = dyn_cast<NameLoc>(loc)) {
      name = named.getName().str();
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  if (name.empty())
    llvm::raw_string_ostream(name) << op->getLoc();
  return name;
}

/// The bits range of `scheme`, as --sparq-quantize accepts it.
std::pair<int64_t, int64_t> bitsRange(QuantizeScheme scheme) {
  switch (scheme) {
  case QuantizeScheme::Symmetric:
    return {2, 16};
  case QuantizeScheme::Asymmetric:
    return {1, 16};
  case QuantizeScheme::KMeans:
    return {1, 8};
  }
  return {1, 16};
}

/// The sum of squared errors over the elements `use` accepts (NaNs skipped).
template <typename Pred>
double sumSquaredError(ArrayRef<float> data, ArrayRef<float> real, Pred use) {
  double sum = 0;
  for (size_t i = 0; i < data.size(); ++i) {
    if (std::isnan(data[i]) || !use(i))
      continue;
    double diff = static_cast<double>(data[i]) - real[i];
    sum += diff * diff;
  }
  return sum;
}

struct SparqMixedPrecisionPass
    : sparq::impl::SparqMixedPrecisionBase<SparqMixedPrecisionPass> {
  using SparqMixedPrecisionBase::SparqMixedPrecisionBase;

  void runOnOperation() override;

private:
  LogicalResult validateOptions(ModuleOp module);
  /// Returns failure after a diagnostic; std::nullopt when `op` has no f32
  /// constant weight to quantize.
  FailureOr<std::optional<Layer>> analyze(Operation *op);
  /// The Pareto frontiers after each layer, sizes at most `limit`. Fails
  /// when a frontier grows past kMaxFrontier.
  LogicalResult solve(int64_t limit,
                      std::vector<std::vector<Point>> &frontiers);
  std::vector<int32_t>
  assignmentOf(const std::vector<std::vector<Point>> &frontiers,
               size_t index) const;
  LogicalResult apply(Layer &layer, const Choice &choice, unsigned index);
  LogicalResult writeReport(ModuleOp module,
                            const std::vector<std::vector<Point>> &frontiers,
                            size_t best, ArrayRef<int32_t> chosen,
                            int64_t limit, int64_t totalElements,
                            bool fullFrontier);
  QuantizeSettings settingsFor(int64_t bits) const {
    return QuantizeSettings{parsedScheme, static_cast<unsigned>(bits),
                            parsedGranularity, groupSize,
                            RoundingMode::NearestEven};
  }

  QuantizeScheme parsedScheme = QuantizeScheme::Symmetric;
  Granularity parsedGranularity = Granularity::Channel;
  SmallVector<int64_t> sortedCandidates;
  std::vector<Layer> layers;
};

LogicalResult SparqMixedPrecisionPass::validateOptions(ModuleOp module) {
  if (scheme == "symmetric")
    parsedScheme = QuantizeScheme::Symmetric;
  else if (scheme == "asymmetric")
    parsedScheme = QuantizeScheme::Asymmetric;
  else if (scheme == "kmeans")
    parsedScheme = QuantizeScheme::KMeans;
  else
    return module.emitError() << kPass << ": unknown scheme '" << scheme
                              << "' (expected symmetric, asymmetric or kmeans)";
  if (granularity == "tensor")
    parsedGranularity = Granularity::Tensor;
  else if (granularity == "channel")
    parsedGranularity = Granularity::Channel;
  else if (granularity == "group")
    parsedGranularity = Granularity::Group;
  else
    return module.emitError()
           << kPass << ": unknown granularity '" << granularity
           << "' (expected tensor, channel or group)";
  if (parsedGranularity == Granularity::Group && groupSize < 1)
    return module.emitError() << kPass << ": group-size must be positive, got "
                              << int64_t(groupSize);

  auto [lo, hi] = bitsRange(parsedScheme);
  if (candidates.empty())
    return module.emitError()
           << kPass
           << ": candidates must list at least one bit width (e.g. "
              "candidates=2,4,8)";
  sortedCandidates.assign(candidates.begin(), candidates.end());
  for (int64_t bits : sortedCandidates)
    if (bits < lo || bits > hi)
      return module.emitError()
             << kPass << ": candidate bits must be in [" << lo << ", " << hi
             << "] for " << scheme << " quantization, got " << bits;
  llvm::sort(sortedCandidates);
  for (size_t i = 1; i < sortedCandidates.size(); ++i)
    if (sortedCandidates[i] == sortedCandidates[i - 1])
      return module.emitError() << kPass << ": candidate "
                                << sortedCandidates[i] << " is listed twice";

  if (!(outlierFraction >= 0.0 && outlierFraction < 1.0))
    return module.emitError()
           << kPass << ": outlier-fraction must be in [0, 1), got "
           << double(outlierFraction);
  if (outlierFraction > 0.0 && (outlierBits < lo || outlierBits > hi))
    return module.emitError() << kPass << ": outlier-bits must be in [" << lo
                              << ", " << hi << "] for " << scheme
                              << " quantization, got " << int64_t(outlierBits);

  if (budget.hasValue() && avgBits.hasValue())
    return module.emitError()
           << kPass << ": give the size budget as budget or avg-bits, not both";
  if (!budget.hasValue() && !avgBits.hasValue())
    return module.emitError()
           << kPass
           << ": a size budget is required (budget=BITS in total or "
              "avg-bits=B per weight element)";
  if (budget.hasValue() && budget < 0)
    return module.emitError()
           << kPass << ": budget must be a non-negative number of bits, got "
           << int64_t(budget);
  if (avgBits.hasValue() && !(avgBits > 0.0 && std::isfinite(avgBits)))
    return module.emitError()
           << kPass << ": avg-bits must be positive, got " << double(avgBits);
  return success();
}

FailureOr<std::optional<Layer>>
SparqMixedPrecisionPass::analyze(Operation *op) {
  // As in --sparq-quantize: a weight an earlier pass quantized, packed or
  // narrowed is reported, not skipped.
  if (std::optional<std::string> what = describeRewrittenWeight(op))
    return op->emitError() << kPass << ": cannot quantize the weight: it "
                           << *what
                           << "; give the layers it should choose widths for "
                              "as f32 weights (restrict with ops=)";
  std::string whyNot;
  std::optional<WeightOperand> weight = findWeightOperand(op, &whyNot);
  if (!weight) {
    // As in --sparq-quantize: a matmul with a constant operand that
    // sparq.matmul cannot describe is an error, not a silent skip.
    if (hasUndescribableConstantWeight(op))
      return op->emitError() << kPass << ": " << whyNot;
    return std::optional<Layer>();
  }
  if (!weight->type.hasStaticShape())
    return op->emitError() << kPass << ": the weight " << weight->type
                           << " must have a static shape";
  if (failed(checkQuantizedConsumer(*weight, kPass)))
    return failure();

  Layer layer;
  layer.weight = *weight;
  layer.name = locationName(op);
  FailureOr<int64_t> axis = getQuantizationAxis(
      *weight, settingsFor(sortedCandidates.front()), kPass);
  if (failed(axis))
    return failure();
  layer.axis = *axis;
  if (!readConstantF32(weight->getValue(), layer.data, &whyNot))
    return op->emitError() << kPass << ": cannot read the weight: " << whyNot;
  ArrayRef<int64_t> shape = weight->type.getShape();
  layer.numel = weight->type.getNumElements();
  layer.counted =
      llvm::count_if(layer.data, [](float v) { return !std::isnan(v); });

  // Outlier channels: the largest max|w| (NaN ignored), lower index first.
  int64_t channels = shape[weight->outputAxis];
  numerics::GroupLayout byChannel = numerics::GroupLayout::channel(
      std::vector<int64_t>(shape.begin(), shape.end()), weight->outputAxis);
  std::vector<int64_t> channelOf(layer.numel);
  for (int64_t i = 0; i < layer.numel; ++i)
    channelOf[i] = byChannel.groupOf(i);
  layer.isOutlier.assign(channels, 0);
  int64_t numOutliers = static_cast<int64_t>(
      std::nearbyint(outlierFraction * static_cast<double>(channels)));
  if (numOutliers > 0) {
    std::vector<double> peak(channels, 0.0);
    for (int64_t i = 0; i < layer.numel; ++i)
      if (!std::isnan(layer.data[i]))
        peak[channelOf[i]] =
            std::max(peak[channelOf[i]], std::fabs(double(layer.data[i])));
    std::vector<int64_t> order(channels);
    for (int64_t c = 0; c < channels; ++c)
      order[c] = c;
    std::stable_sort(order.begin(), order.end(),
                     [&](int64_t a, int64_t b) { return peak[a] > peak[b]; });
    for (int64_t k = 0; k < numOutliers; ++k)
      layer.isOutlier[order[k]] = 1;
    for (int64_t c = 0; c < channels; ++c)
      if (layer.isOutlier[c])
        layer.outlierChannels.push_back(c);
    layer.outlierElements = layer.numel / channels * numOutliers;
  }
  auto outlierAt = [&](size_t i) { return layer.isOutlier[channelOf[i]]; };

  // The low part: outlier channels zeroed (they quantize to exactly 0).
  std::vector<float> low = layer.data;
  std::string error;
  QuantizedData quantized;
  if (numOutliers > 0) {
    std::vector<float> high(layer.numel, 0.0f);
    for (int64_t i = 0; i < layer.numel; ++i)
      if (outlierAt(i)) {
        high[i] = layer.data[i];
        low[i] = 0.0f;
      }
    if (!quantizeData(high, shape, layer.axis, settingsFor(outlierBits),
                      quantized, error))
      return op->emitError() << kPass << ": " << error;
    layer.outlierSse = sumSquaredError(layer.data, quantized.real, outlierAt);
  }
  for (int64_t bits : sortedCandidates) {
    if (!quantizeData(low, shape, layer.axis, settingsFor(bits), quantized,
                      error))
      return op->emitError() << kPass << ": " << error;
    double sse = sumSquaredError(layer.data, quantized.real,
                                 [&](size_t i) { return !outlierAt(i); });
    layer.choices.push_back({bits,
                             (layer.numel - layer.outlierElements) * bits +
                                 layer.outlierElements * outlierBits,
                             sse + layer.outlierSse});
  }
  return std::optional<Layer>(std::move(layer));
}

LogicalResult
SparqMixedPrecisionPass::solve(int64_t limit,
                               std::vector<std::vector<Point>> &frontiers) {
  frontiers.assign(1, {Point{0, 0.0, -1, -1}});
  for (const Layer &layer : layers) {
    const std::vector<Point> &previous = frontiers.back();
    std::vector<Point> next;
    next.reserve(previous.size() * layer.choices.size());
    for (auto [parent, point] : llvm::enumerate(previous))
      for (auto [choice, option] : llvm::enumerate(layer.choices))
        if (point.size + option.size <= limit)
          next.push_back(Point{point.size + option.size, point.sse + option.sse,
                               static_cast<int32_t>(parent),
                               static_cast<int32_t>(choice)});
    // Keep the points no other point beats in both size and error.
    std::stable_sort(
        next.begin(), next.end(), [](const Point &a, const Point &b) {
          return a.size != b.size ? a.size < b.size : a.sse < b.sse;
        });
    std::vector<Point> kept;
    for (const Point &point : next)
      if (kept.empty() || point.sse < kept.back().sse)
        kept.push_back(point);
    if (kept.size() > kMaxFrontier)
      return failure();
    frontiers.push_back(std::move(kept));
  }
  return success();
}

std::vector<int32_t> SparqMixedPrecisionPass::assignmentOf(
    const std::vector<std::vector<Point>> &frontiers, size_t index) const {
  std::vector<int32_t> choices(layers.size());
  for (size_t l = layers.size(); l > 0; --l) {
    const Point &point = frontiers[l][index];
    choices[l - 1] = point.choice;
    index = point.parent;
  }
  return choices;
}

LogicalResult SparqMixedPrecisionPass::apply(Layer &layer, const Choice &choice,
                                             unsigned index) {
  const WeightOperand &weight = layer.weight;
  Operation *op = weight.op;
  MLIRContext *ctx = op->getContext();
  ArrayRef<int64_t> shape = weight.type.getShape();
  numerics::GroupLayout byChannel = numerics::GroupLayout::channel(
      std::vector<int64_t>(shape.begin(), shape.end()), weight.outputAxis);
  bool split = !layer.outlierChannels.empty();
  std::vector<float> low = layer.data, high;
  if (split) {
    high.assign(layer.numel, 0.0f);
    for (int64_t i = 0; i < layer.numel; ++i)
      if (layer.isOutlier[byChannel.groupOf(i)]) {
        high[i] = layer.data[i];
        low[i] = 0.0f;
      }
  }

  Operation *constant = weight.getValue().getDefiningOp();
  OpBuilder builder(ctx);
  builder.setInsertionPointAfter(constant);
  std::string prefix = getWeightNamePrefix(op, index);
  std::string error;
  QuantizedData quantized;
  QuantizeSettings lowSettings = settingsFor(choice.bits);
  if (!quantizeData(low, shape, layer.axis, lowSettings, quantized, error))
    return op->emitError() << kPass << ": " << error;
  double lowMse = 0;
  if (layer.counted)
    lowMse = sumSquaredError(layer.data, quantized.real,
                             [&](size_t i) {
                               return !split ||
                                      !layer.isOutlier[byChannel.groupOf(i)];
                             }) /
             layer.counted;
  Value lowWeight =
      buildQuantizedWeight(builder, constant->getLoc(), shape, layer.axis,
                           lowSettings, quantized, prefix);
  Value highWeight;
  QuantizeSettings highSettings = settingsFor(outlierBits);
  if (split) {
    if (!quantizeData(high, shape, layer.axis, highSettings, quantized, error))
      return op->emitError() << kPass << ": " << error;
    highWeight =
        buildQuantizedWeight(builder, constant->getLoc(), shape, layer.axis,
                             highSettings, quantized, prefix + "_outliers");
  }

  Type f64 = Float64Type::get(ctx);
  SmallVector<NamedAttribute> attrs = {
      NamedAttribute(StringAttr::get(ctx, "sparq.bits"),
                     IntegerAttr::get(IntegerType::get(ctx, 64), choice.bits)),
      NamedAttribute(StringAttr::get(ctx, "sparq.quant_mse"),
                     FloatAttr::get(f64, lowMse))};
  if (split)
    attrs.push_back(
        NamedAttribute(StringAttr::get(ctx, "sparq.outlier_channels"),
                       DenseI64ArrayAttr::get(ctx, layer.outlierChannels)));
  FailureOr<Operation *> rewritten = rewriteQuantizedConsumer(
      weight, lowWeight, attrs, "sparq.quantize", kPass);
  if (failed(rewritten) || !split)
    return rewritten;

  // The outlier channels: the same op on W_out, added to the low product.
  Operation *main = *rewritten;
  builder.setInsertionPointAfter(main);
  Operation *outliers = builder.clone(*main);
  outliers->setOperand(weight.operandNumber, highWeight);
  outliers->removeAttr("sparq.outlier_channels");
  outliers->setAttr("sparq.bits",
                    IntegerAttr::get(IntegerType::get(ctx, 64), outlierBits));
  outliers->setAttr("sparq.quant_mse",
                    FloatAttr::get(f64, layer.counted
                                            ? layer.outlierSse / layer.counted
                                            : 0.0));
  outliers->setAttr("sparq.outlier_part", UnitAttr::get(ctx));
  Location loc = main->getLoc();
  Value product = main->getResult(0);
  auto type = cast<RankedTensorType>(product.getType());
  Value empty = tensor::EmptyOp::create(
      builder, loc, tensor::getMixedSizes(builder, loc, product),
      type.getElementType());
  auto add = linalg::AddOp::create(builder, loc, TypeRange{type},
                                   ValueRange{product, outliers->getResult(0)},
                                   ValueRange{empty});
  product.replaceAllUsesExcept(add.getResult(0), add);
  return success();
}

LogicalResult SparqMixedPrecisionPass::writeReport(
    ModuleOp module, const std::vector<std::vector<Point>> &frontiers,
    size_t best, ArrayRef<int32_t> chosen, int64_t limit, int64_t totalElements,
    bool fullFrontier) {
  const std::vector<Point> &last = frontiers.back();
  int64_t totalSize = last[best].size, counted = 0;
  double totalSse = last[best].sse;
  llvm::json::Array layerArray;
  for (auto [index, layer] : llvm::enumerate(layers)) {
    counted += layer.counted;
    auto mse = [&](double sse) {
      return layer.counted ? sse / layer.counted : 0.0;
    };
    llvm::json::Array candidateArray;
    for (const Choice &c : layer.choices)
      candidateArray.push_back(llvm::json::Object{{"bits", c.bits},
                                                  {"size_bits", c.size},
                                                  {"sse", c.sse},
                                                  {"mse", mse(c.sse)}});
    size_t k = chosen[index];
    const Choice &c = layer.choices[k];
    // One step narrower or wider for this layer alone, the rest unchanged.
    llvm::json::Object marginal;
    marginal["narrower"] = nullptr;
    marginal["wider"] = nullptr;
    if (k > 0) {
      const Choice &d = layer.choices[k - 1];
      marginal["narrower"] =
          llvm::json::Object{{"bits", d.bits},
                             {"delta_size_bits", d.size - c.size},
                             {"delta_sse", d.sse - c.sse}};
    }
    if (k + 1 < layer.choices.size()) {
      const Choice &u = layer.choices[k + 1];
      marginal["wider"] =
          llvm::json::Object{{"bits", u.bits},
                             {"delta_size_bits", u.size - c.size},
                             {"delta_sse", u.sse - c.sse},
                             {"fits", totalSize + u.size - c.size <= limit}};
    }
    llvm::json::Object entry;
    entry["name"] = layer.name;
    entry["op"] = layer.weight.op->getName().getStringRef().str();
    entry["shape"] = llvm::json::Array(layer.weight.type.getShape());
    entry["elements"] = layer.numel;
    entry["outlier_channels"] = llvm::json::Array(layer.outlierChannels);
    entry["outlier_elements"] = layer.outlierElements;
    entry["outlier_sse"] = layer.outlierSse;
    entry["candidates"] = std::move(candidateArray);
    entry["chosen_bits"] = c.bits;
    entry["size_bits"] = c.size;
    entry["sse"] = c.sse;
    entry["mse"] = mse(c.sse);
    entry["marginal"] = std::move(marginal);
    layerArray.push_back(std::move(entry));
  }

  auto describePoint = [&](size_t index) {
    std::vector<int32_t> assignment = assignmentOf(frontiers, index);
    llvm::json::Array bits;
    for (auto [l, choice] : llvm::enumerate(assignment))
      bits.push_back(layers[l].choices[choice].bits);
    return llvm::json::Object{{"bits", std::move(bits)},
                              {"size_bits", last[index].size},
                              {"sse", last[index].sse}};
  };
  llvm::json::Object why;
  why["rule"] = "least total squared error (sum of MSE * elements) with "
                "size_bits <= budget_bits, solved exactly over the Pareto "
                "frontier of (size, error)";
  why["pareto_points"] = static_cast<int64_t>(last.size());
  why["frontier_complete"] = fullFrontier;
  // The neighbours of the choice on the frontier: every assignment that is
  // cheaper has at least the error of `cheaper`; every one with less error
  // than the choice needs at least the size of `better`.
  why["cheaper"] = nullptr;
  why["better"] = nullptr;
  if (!layers.empty() && best > 0)
    why["cheaper"] = describePoint(best - 1);
  if (!layers.empty() && best + 1 < last.size()) {
    llvm::json::Object better = describePoint(best + 1);
    better["over_budget_bits"] = last[best + 1].size - limit;
    why["better"] = std::move(better);
  }

  llvm::json::Array candidateBits(sortedCandidates);
  llvm::json::Object result;
  result["scheme"] = std::string(scheme);
  result["granularity"] = std::string(granularity);
  result["candidates"] = std::move(candidateBits);
  result["outlier_fraction"] = double(outlierFraction);
  result["outlier_bits"] = outlierFraction > 0.0
                               ? llvm::json::Value(int64_t(outlierBits))
                               : llvm::json::Value(nullptr);
  result["budget_bits"] = limit;
  result["layers"] = std::move(layerArray);
  result["total"] = llvm::json::Object{
      {"elements", totalElements},
      {"size_bits", totalSize},
      {"avg_bits", totalElements ? double(totalSize) / totalElements : 0.0},
      {"slack_bits", limit - totalSize},
      {"sse", totalSse},
      {"mse", counted ? totalSse / counted : 0.0}};
  result["why"] = std::move(why);
  llvm::json::Value json(std::move(result));

  if (report == "-") {
    llvm::outs() << llvm::formatv("{0:2}", json) << "\n";
    return success();
  }
  std::error_code error;
  llvm::raw_fd_ostream os(report, error, llvm::sys::fs::OF_Text);
  if (error)
    return module.emitError()
           << kPass << ": cannot write '" << report << "': " << error.message();
  os << llvm::formatv("{0:2}", json) << "\n";
  return success();
}

void SparqMixedPrecisionPass::runOnOperation() {
  ModuleOp module = getOperation();
  layers.clear();
  if (failed(validateOptions(module)))
    return signalPassFailure();
  checkOpsOption(module, ops, kPass);

  SmallVector<Operation *> targets = collectContractions(module, ops);
  // Measure everything before changing anything.
  bool failedAny = false;
  for (Operation *op : targets) {
    FailureOr<std::optional<Layer>> layer = analyze(op);
    if (failed(layer))
      failedAny = true;
    else if (*layer)
      layers.push_back(std::move(**layer));
  }
  if (failedAny)
    return signalPassFailure();

  int64_t totalElements = 0, minimum = 0;
  for (const Layer &layer : layers) {
    totalElements += layer.numel;
    minimum +=
        llvm::min_element(layer.choices, [](const Choice &a, const Choice &b) {
          return a.size < b.size;
        })->size;
  }
  int64_t limit =
      budget.hasValue()
          ? int64_t(budget)
          : static_cast<int64_t>(std::floor(avgBits * double(totalElements)));
  if (minimum > limit) {
    InFlightDiagnostic diag = module.emitError();
    diag << kPass << ": the budget of " << limit
         << " bits is infeasible: the smallest assignment (every layer at "
            "its narrowest candidate) needs "
         << minimum << " bits";
    for (const Layer &layer : layers)
      diag.attachNote(layer.weight.op->getLoc())
          << "layer '" << layer.name << "' needs at least "
          << layer.choices.front().size << " bits";
    return signalPassFailure();
  }

  // The full frontier when it is small enough (it also shows the better
  // assignments beyond the budget), else only the part within the budget.
  std::vector<std::vector<Point>> frontiers;
  bool fullFrontier =
      succeeded(solve(std::numeric_limits<int64_t>::max(), frontiers));
  if (!fullFrontier && failed(solve(limit, frontiers))) {
    module.emitError() << kPass << ": the exact search needs more than "
                       << kMaxFrontier
                       << " Pareto points; use fewer candidates or layers "
                          "per run (ops=...)";
    return signalPassFailure();
  }
  const std::vector<Point> &last = frontiers.back();
  size_t best = 0;
  for (size_t i = 0; i < last.size(); ++i)
    if (last[i].size <= limit)
      best = i;
  std::vector<int32_t> chosen = assignmentOf(frontiers, best);

  if (!report.empty()) {
    if (failed(writeReport(module, frontiers, best, chosen, limit,
                           totalElements, fullFrontier)))
      return signalPassFailure();
  }

  llvm::SetVector<Operation *> constants;
  for (auto [index, layer] : llvm::enumerate(layers)) {
    Operation *constant = layer.weight.getValue().getDefiningOp();
    if (failed(apply(layer, layer.choices[chosen[index]], index)))
      failedAny = true;
    else
      constants.insert(constant);
  }
  for (Operation *constant : constants)
    if (constant->use_empty())
      constant->erase();
  layers.clear();
  if (failedAny)
    signalPassFailure();
}

} // namespace
