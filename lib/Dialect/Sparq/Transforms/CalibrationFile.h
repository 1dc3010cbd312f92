//===- CalibrationFile.h - Read sparq-calibrate's JSON ranges ---*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// The reading side of the calibration file format (docs/calibration.md);
// sparq-calibrate (lib/Runner/Calibrator.cpp) writes it.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_LIB_DIALECT_SPARQ_TRANSFORMS_CALIBRATIONFILE_H
#define SPARQ_LIB_DIALECT_SPARQ_TRANSFORMS_CALIBRATIONFILE_H

#include "sparq/Numerics/Observers.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <string>

namespace sparq {

/// Per-tensor activation ranges recorded by sparq-calibrate.
class CalibrationFile {
public:
  /// Reads and checks the top level of `path` (an object with
  /// `"format": "sparq-calibration"` and an `"activations"` object).
  static llvm::Expected<CalibrationFile> load(llvm::StringRef path);

  /// The per-tensor range `observer` (`minmax`, `percentile`, `mse`)
  /// recorded for activation `key`, for a `bits`-bit symmetric or asymmetric
  /// grid (percentile and mse ranges depend on the grid; mse also on bits).
  llvm::Expected<numerics::ObservedRange>
  getRange(llvm::StringRef key, llvm::StringRef observer, bool symmetric,
           unsigned bits) const;

private:
  std::string path;
  llvm::json::Value root = nullptr;
};

} // namespace sparq

#endif // SPARQ_LIB_DIALECT_SPARQ_TRANSFORMS_CALIBRATIONFILE_H
