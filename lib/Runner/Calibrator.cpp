//===- Calibrator.cpp - Static activation calibration ---------------------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// The entry is instrumented in place (its activations become extra results),
// compiled and run like sparq-run does, and the observers of lib/Numerics run
// over every value each activation took.
//
//===----------------------------------------------------------------------===//

#include "sparq/Runner/Calibrator.h"
#include "sparq/Dialect/Sparq/Transforms/ActivationSites.h"
#include "sparq/Numerics/Observers.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

#include <cmath>

using namespace mlir;

namespace sparq::runner {

static llvm::Error fail(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 message.str());
}

llvm::Expected<std::vector<ActivationRecord>>
instrumentActivations(ModuleOp module, llvm::StringRef entry,
                      llvm::raw_ostream &log) {
  auto func = dyn_cast_or_null<func::FuncOp>(
      SymbolTable::lookupSymbolIn(module, entry));
  if (!func || func.isExternal())
    return fail("no func.func @" + entry +
                " with a body in the module (calibration needs the model "
                "before lowering)");
  if (!func.getBody().hasOneBlock())
    return fail("@" + entry + " has several blocks; calibration observes "
                "activations of a single-block entry");
  Block &body = func.getBody().front();
  auto ret = dyn_cast<func::ReturnOp>(body.getTerminator());
  if (!ret)
    return fail("@" + entry + " does not end with func.return");

  std::vector<ActivationRecord> records;
  SmallVector<Value> observed;
  llvm::StringSet<> seen;
  for (const ActivationSite &site : collectActivationSites(module)) {
    Value activation = site.op->getOperand(site.operandNumber);
    if (activation.getParentRegion() != &func.getBody()) {
      log << "sparq-calibrate: warning: activation '" << site.key << "' ("
          << site.op->getName()
          << ") is not in the body of @" << entry << "; not recorded\n";
      continue;
    }
    if (!seen.insert(site.key).second)
      return fail("two contractions have the activation key '" + site.key +
                  "': give them distinct location names");
    records.push_back({site.key, site.op->getName().getStringRef().str(),
                       site.operandNumber, site.channelAxis});
    observed.push_back(activation);
  }
  if (records.empty())
    return fail("@" + entry + " has no contraction with a constant weight and "
                "an f32 activation: nothing to calibrate");
  ret->insertOperands(ret->getNumOperands(), observed);
  SmallVector<Type> results(func.getFunctionType().getResults());
  for (Value v : observed)
    results.push_back(v.getType());
  func.setFunctionType(FunctionType::get(
      module.getContext(), func.getFunctionType().getInputs(), results));
  return records;
}

/// Observers over one group of values, as a JSON object.
static llvm::json::Object observe(const std::vector<float> &values,
                                  const CalibrationOptions &options) {
  numerics::ObservedRange minMax = numerics::observeMinMax(values);
  numerics::PercentileRange percentile =
      numerics::observePercentile(values, options.percentile);
  llvm::json::Object mse;
  for (unsigned bits : options.mseBits) {
    numerics::LinearFormat symmetric{bits, true, true};
    numerics::LinearFormat asymmetric{bits, false, false};
    numerics::ObservedRange s =
        numerics::observeMse(values, symmetric, options.mseSteps);
    numerics::ObservedRange a =
        numerics::observeMse(values, asymmetric, options.mseSteps);
    mse[std::to_string(bits)] = llvm::json::Object{
        {"symmetric", llvm::json::Object{{"absmax", s.hi}}},
        {"asymmetric", llvm::json::Object{{"min", a.lo}, {"max", a.hi}}}};
  }
  return llvm::json::Object{
      {"count", static_cast<int64_t>(values.size())},
      {"minmax", llvm::json::Object{{"min", minMax.lo}, {"max", minMax.hi}}},
      {"percentile", llvm::json::Object{{"p", options.percentile},
                                        {"min", percentile.range.lo},
                                        {"max", percentile.range.hi},
                                        {"absmax", percentile.absMax}}},
      {"mse", std::move(mse)}};
}

/// Turns per-channel objects into one object of arrays.
static llvm::json::Object
mergeChannels(std::vector<llvm::json::Object> channels) {
  // Walk the structure of channel 0; every channel has the same shape.
  std::function<llvm::json::Value(std::vector<const llvm::json::Value *>)>
      merge = [&](std::vector<const llvm::json::Value *> parts)
      -> llvm::json::Value {
    if (const llvm::json::Object *first = parts[0]->getAsObject()) {
      llvm::json::Object merged;
      for (const auto &kv : *first) {
        std::vector<const llvm::json::Value *> children;
        for (const llvm::json::Value *part : parts)
          children.push_back(part->getAsObject()->get(kv.first));
        merged[kv.first] = merge(children);
      }
      return merged;
    }
    llvm::json::Array array;
    for (const llvm::json::Value *part : parts)
      array.push_back(*part);
    return array;
  };
  std::vector<llvm::json::Value> values;
  for (auto &channel : channels)
    values.push_back(std::move(channel));
  std::vector<const llvm::json::Value *> parts;
  for (const llvm::json::Value &value : values)
    parts.push_back(&value);
  return std::move(*merge(parts).getAsObject());
}

llvm::Expected<std::string>
calibrate(OwningOpRef<ModuleOp> module, llvm::ArrayRef<HostArray> inputs,
          llvm::ArrayRef<std::string> names, const CalibrationOptions &options,
          llvm::raw_ostream &log) {
  if (!(options.percentile > 0 && options.percentile <= 100))
    return fail("--percentile must be in (0, 100], got " +
                std::to_string(options.percentile));
  for (unsigned bits : options.mseBits)
    if (bits < 2 || bits > 16)
      return fail("--mse-bits must be in [2, 16], got " + llvm::Twine(bits));
  if (options.mseSteps == 0)
    return fail("--mse-steps must be positive");
  auto records = instrumentActivations(*module, options.jit.entry, log);
  if (!records)
    return records.takeError();
  auto runner = JitRunner::create(std::move(module), options.jit);
  if (!runner)
    return runner.takeError();
  const EntrySignature &signature = (*runner)->getSignature();
  size_t first = signature.results.size() - records->size();
  if (!options.batch)
    if (llvm::Error error = (*runner)->checkInputs(inputs, names))
      return std::move(error);
  // Batches drop the padded rows of every result: an activation must have
  // the batch as its first dimension.
  for (size_t r = 0; options.batch && r < records->size(); ++r) {
    const TensorSpec &spec = signature.results[first + r];
    if (spec.shape.empty() || spec.shape[0] != options.batch)
      return fail("activation '" + (*records)[r].key + "' (" + spec.typeName +
                  ") does not have the batch of " +
                  llvm::Twine(options.batch) +
                  " rows as its first dimension; calibrate without --batch");
  }
  auto outputs = options.batch
                     ? (*runner)->callBatched(inputs, options.batch, names)
                     : (*runner)->call(inputs);
  if (!outputs)
    return outputs.takeError();
  int64_t samples = inputs.empty() || inputs[0].shape.empty()
                        ? 1
                        : inputs[0].shape[0];

  llvm::json::Object activations;
  for (size_t r = 0; r < records->size(); ++r) {
    const ActivationRecord &record = (*records)[r];
    const HostArray &array = (*outputs)[first + r];
    // Values as f32, without NaNs and infinities (a range must be finite).
    std::vector<float> values;
    values.reserve(array.getNumElements());
    const float *data = array.data<float>();
    int64_t rank = array.shape.size();
    int64_t axis = std::min<int64_t>(record.channelAxis, rank - 1);
    int64_t channels = rank ? array.shape[axis] : 1, inner = 1;
    for (int64_t d = axis + 1; d < rank; ++d)
      inner *= array.shape[d];
    std::vector<std::vector<float>> perChannel(
        options.perChannel ? channels : 0);
    for (int64_t i = 0, e = array.getNumElements(); i < e; ++i) {
      if (!std::isfinite(data[i]))
        continue;
      values.push_back(data[i]);
      if (options.perChannel)
        perChannel[(i / inner) % channels].push_back(data[i]);
    }
    llvm::json::Array shape;
    for (int64_t d : array.shape)
      shape.push_back(d);
    llvm::json::Object entry{{"op", record.opName},
                             {"operand", record.operandNumber},
                             {"shape", std::move(shape)},
                             {"tensor", observe(values, options)}};
    if (options.perChannel) {
      std::vector<llvm::json::Object> objects;
      for (const std::vector<float> &channel : perChannel)
        objects.push_back(observe(channel, options));
      llvm::json::Object merged = mergeChannels(std::move(objects));
      merged["axis"] = axis;
      entry["channel"] = std::move(merged);
    }
    numerics::ObservedRange minMax = numerics::observeMinMax(values);
    log << llvm::formatv("{0}: {1} {2}, min {3}, max {4}\n", record.key,
                         record.opName, formatShape(array.shape), minMax.lo,
                         minMax.hi);
    activations[record.key] = std::move(entry);
  }
  llvm::json::Array mseBits;
  for (unsigned bits : options.mseBits)
    mseBits.push_back(bits);
  llvm::json::Object root{{"format", "sparq-calibration"},
                          {"version", 1},
                          {"entry", options.jit.entry},
                          {"samples", samples},
                          {"percentile", options.percentile},
                          {"mse_bits", std::move(mseBits)},
                          {"mse_steps", options.mseSteps},
                          {"activations", std::move(activations)}};
  return llvm::formatv("{0:2}", llvm::json::Value(std::move(root))).str() +
         "\n";
}

} // namespace sparq::runner
