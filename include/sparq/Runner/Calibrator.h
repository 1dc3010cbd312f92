//===- Calibrator.h - Static activation calibration -------------*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// Runs a float model over a calibration set and records, for every
// activation that --sparq-quantize-activations would quantize, the ranges
// that the min-max, percentile and MSE observers give, as the JSON file that
// pass reads with calibration=FILE (docs/calibration.md).
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_RUNNER_CALIBRATOR_H
#define SPARQ_RUNNER_CALIBRATOR_H

#include "sparq/Runner/JitRunner.h"

#include "llvm/Support/raw_ostream.h"

namespace sparq::runner {

/// What to record.
struct CalibrationOptions {
  JitOptions jit;
  /// Split the inputs into batches of this many rows (0: one call).
  int64_t batch = 0;
  /// The percentile observer's p, in (0, 100].
  double percentile = 99.99;
  /// Bit widths for which the MSE observer searches a range.
  std::vector<unsigned> mseBits = {8};
  /// Candidate ranges of the MSE search.
  unsigned mseSteps = 100;
  /// Also record ranges per channel (the activation's contracted axis).
  bool perChannel = false;
};

/// One observed activation, in the order the instrumented entry returns them.
struct ActivationRecord {
  std::string key;
  std::string opName;
  unsigned operandNumber;
  int64_t channelAxis;
};

/// Makes the activation of every contraction in `entry` an extra result of
/// `entry` (after its own results), in walk order. Errors for an entry that
/// is not a single-block func.func, for no activation at all, and for two
/// activations with the same key; an activation outside the entry's body is
/// skipped with a warning on `log`.
llvm::Expected<std::vector<ActivationRecord>>
instrumentActivations(mlir::ModuleOp module, llvm::StringRef entry,
                      llvm::raw_ostream &log);

/// Instruments `module`, compiles it, runs it on `inputs` and returns the
/// calibration file's JSON text. A summary line per activation goes to `log`.
llvm::Expected<std::string>
calibrate(mlir::OwningOpRef<mlir::ModuleOp> module,
          llvm::ArrayRef<HostArray> inputs, llvm::ArrayRef<std::string> names,
          const CalibrationOptions &options, llvm::raw_ostream &log);

} // namespace sparq::runner

#endif // SPARQ_RUNNER_CALIBRATOR_H
