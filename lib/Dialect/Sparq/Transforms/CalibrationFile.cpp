//===- CalibrationFile.cpp - Read sparq-calibrate's JSON ranges -----------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#include "CalibrationFile.h"

#include "llvm/Support/MemoryBuffer.h"

using namespace llvm;

namespace sparq {

static Error fail(const Twine &message) {
  return createStringError(inconvertibleErrorCode(), message.str());
}

Expected<CalibrationFile> CalibrationFile::load(StringRef path) {
  auto buffer = MemoryBuffer::getFile(path, /*IsText=*/true);
  if (!buffer)
    return fail("cannot read calibration file '" + path +
                "': " + buffer.getError().message());
  Expected<json::Value> root = json::parse((*buffer)->getBuffer());
  if (!root)
    return fail("malformed calibration file '" + path +
                "': " + toString(root.takeError()));
  const json::Object *object = root->getAsObject();
  if (!object || object->getString("format") != "sparq-calibration" ||
      !object->getObject("activations"))
    return fail("malformed calibration file '" + path +
                "': expected an object with \"format\": "
                "\"sparq-calibration\" and an \"activations\" object");
  CalibrationFile file;
  file.path = path.str();
  file.root = std::move(*root);
  return file;
}

Expected<numerics::ObservedRange>
CalibrationFile::getRange(StringRef key, StringRef observer, bool symmetric,
                          unsigned bits) const {
  const json::Object *activations =
      root.getAsObject()->getObject("activations");
  const json::Object *entry = activations->getObject(key);
  if (!entry) {
    std::string known;
    for (const auto &kv : *activations)
      known += (known.empty() ? "" : ", ") + kv.first.str();
    return fail("activation '" + key + "' is not in calibration file '" +
                path + "' (it has: " + (known.empty() ? "none" : known) +
                ")");
  }
  std::string where = "calibration file '" + path + "', activation '" +
                      key.str() + "'";
  const json::Object *tensor = entry->getObject("tensor");
  if (!tensor)
    return fail("malformed " + where + ": no \"tensor\" ranges");
  const json::Object *ranges = tensor->getObject(observer);
  if (!ranges)
    return fail(where + " has no '" + observer +
                "' ranges (sparq-calibrate records minmax always, "
                "percentile with --percentile, mse with --mse-bits)");
  std::string grid = symmetric ? "symmetric" : "asymmetric";
  if (observer == "mse") {
    const json::Object *byBits = ranges->getObject(std::to_string(bits));
    if (!byBits)
      return fail(where + " has no mse range for " + Twine(bits) +
                  "-bit grids (run sparq-calibrate with --mse-bits=" +
                  Twine(bits) + ")");
    ranges = byBits->getObject(grid);
    if (!ranges)
      return fail("malformed " + where + ": no mse." + Twine(bits) + "." +
                  grid + " range");
  }
  auto number = [&](StringRef field) -> Expected<double> {
    std::optional<double> value = ranges->getNumber(field);
    if (!value)
      return fail("malformed " + where + ": '" + observer + "' has no number '" +
                  field + "'");
    return *value;
  };
  numerics::ObservedRange range;
  // A symmetric grid needs only max|x|; the percentile observer records it
  // separately (the percentile of |x| is not max(-lo, hi)).
  bool absMaxOnly =
      symmetric && (observer == "percentile" || observer == "mse");
  if (absMaxOnly) {
    Expected<double> absMax = number("absmax");
    if (!absMax)
      return absMax.takeError();
    range.lo = -*absMax;
    range.hi = *absMax;
    return range;
  }
  Expected<double> lo = number("min");
  if (!lo)
    return lo.takeError();
  Expected<double> hi = number("max");
  if (!hi)
    return hi.takeError();
  range.lo = *lo;
  range.hi = *hi;
  return range;
}

} // namespace sparq
