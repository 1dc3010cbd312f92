//===- ReportDataflow.h - Dataflow section of sparq-report ------*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_LIB_DIALECT_SPARQ_TRANSFORMS_REPORTDATAFLOW_H
#define SPARQ_LIB_DIALECT_SPARQ_TRANSFORMS_REPORTDATAFLOW_H

#include "sparq/Dialect/Sparq/Transforms/DataflowAnalysis.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

namespace sparq {

/// What the report says about the dataflows of one sparq.matmul /
/// sparq.conv2d.
struct DataflowEntry {
  std::string name, opName;
  DataflowAnalysis analysis;
  /// The dataflow the op will run with and who chose it.
  std::string chosen, chosenBy, reason;
};

/// Analyzes `op` for the report. Returns std::nullopt (after emitting an
/// error at `op`) when its constant data cannot be read; ops with dynamic
/// shapes are not analyzed and give an entry with an empty `chosen`.
std::optional<DataflowEntry>
describeDataflows(mlir::Operation *op, llvm::StringRef name,
                  const DataflowAnalysisOptions &options);

/// The JSON object of one entry.
llvm::json::Object toJSON(const DataflowEntry &entry);

/// One line per entry for `summary=true`.
void printDataflowSummary(llvm::ArrayRef<DataflowEntry> entries,
                          llvm::raw_ostream &os);

} // namespace sparq

#endif // SPARQ_LIB_DIALECT_SPARQ_TRANSFORMS_REPORTDATAFLOW_H
