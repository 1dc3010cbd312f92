//===- DataflowAnalysis.h - Counts and cost of each dataflow of an op -*- C++
//-*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// Views a sparq.matmul or sparq.conv2d (through im2col) as
// C[batch][M, N] = A[M, K] * B[K, N], derives what is known about the
// patterns of A and B (exact for constants, read from their raw parts in
// any format; a density for run-time operands), and evaluates the cost
// model of include/sparq/CostModel on it. --sparq-select-dataflow and
// --sparq-report share it, so the report explains exactly the choice the
// selection makes.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_DIALECT_SPARQ_TRANSFORMS_DATAFLOWANALYSIS_H
#define SPARQ_DIALECT_SPARQ_TRANSFORMS_DATAFLOWANALYSIS_H

#include "sparq/Conversion/SparqToLoops/DataflowPlan.h"
#include "sparq/CostModel/DataflowCost.h"
#include "sparq/Dialect/Sparq/IR/SparqAttributes.h"

#include "mlir/IR/Operation.h"
#include "mlir/Support/LLVM.h"

#include <string>

namespace sparq {

/// The assumptions and the machine of the analysis (pass options).
struct DataflowAnalysisOptions {
  /// Density assumed for a run-time operand stored in a sparse format whose
  /// density the type does not fix (csr, csc, coo, bitmap, bcsr). Dense
  /// operands have density 1 and nm<N, M> operands N / M.
  double assumedDensity = 0.5;
  cost::MachineModel machine;
  /// Also cost `dataflow(dense)` and let it win when cheaper.
  bool denseAlternative = true;
};

/// Checks pass option values and builds the options from them. Returns an
/// empty string, or the option that is out of range and why.
std::string makeDataflowAnalysisOptions(double assumedDensity,
                                        int64_t cacheBytes, double bandwidth,
                                        double cacheBandwidth,
                                        double computeRate,
                                        unsigned vectorBits, double gemmRate,
                                        double entryOverhead,
                                        bool denseAlternative,
                                        DataflowAnalysisOptions &options);

/// What the analysis knows about one operand of the im2col matmul.
struct DataflowOperand {
  /// The storage format as `#sparq.encoding` spells it ("dense", "csr",
  /// "nm<2, 4>", "bcsr<2x2>", ...).
  std::string format;
  /// True for a constant (an arith.constant, or a sparq.assemble of
  /// constant parts) whose pattern was read from its data.
  bool constant = false;
  /// Stored entries per matrix (exact for constants and dense operands,
  /// expected otherwise) and the density they give.
  double nnz = 0, density = 1;
  /// Bytes per stored entry and whether it is stored densely.
  cost::OperandStorage storage;
};

/// What the dataflow lowering (`planMatmulDataflow`) will do for one
/// dataflow: the orientation of the product and the layout conversions.
struct PlannedLowering {
  /// Set when the lowering plans the op with this dataflow.
  std::optional<DataflowPlan> plan;
  /// Otherwise why not (the op is then lowered by the reference lowering).
  std::string whyNot;
  /// Bytes the plan's run-time conversions read and write (each converted
  /// operand is read once and written once).
  double conversionBytes = 0;
};

/// Counts and estimated cost of every dataflow of one op.
struct DataflowAnalysis {
  /// C[batch][M, N] = A[M, K] * B[K, N] (conv: M = N*OH*OW, K = KH*KW*C in
  /// the filter's reduction order, N = F).
  int64_t batch = 1, m = 0, n = 0, k = 0;
  DataflowOperand a, b;
  /// Counts summed over the batch; `counts.exact` is false when a density
  /// was assumed.
  cost::MatmulEstimate counts;
  /// The lowering of each dataflow; its cost is estimated on the product
  /// the plan computes (C^T = B^T * A^T when it transposes) and includes
  /// its run-time conversions.
  PlannedLowering inner, outer, row;
  /// `dataflow(dense)`: decompress the sparse operands, then the dense GEMM
  /// on C = A * B (conversionBytes: the run-time decompressions).
  PlannedLowering dense;
  cost::DataflowCostResult cost;

  const PlannedLowering &getLowering(cost::DataflowKind kind) const;
};

/// Analyzes `op` (a sparq.matmul or sparq.conv2d with static shapes). On
/// malformed constant data (a coordinate out of range, a repeated entry) or
/// a dynamic shape, emits an error at `op` and returns failure.
mlir::FailureOr<DataflowAnalysis>
analyzeDataflows(mlir::Operation *op, const DataflowAnalysisOptions &options);

/// The sparq.matmul / sparq.conv2d `dataflow` value of a cost-model kind.
Dataflow toDataflow(cost::DataflowKind kind);

} // namespace sparq

#endif // SPARQ_DIALECT_SPARQ_TRANSFORMS_DATAFLOWANALYSIS_H
