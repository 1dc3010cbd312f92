//===- DataflowCost.h - Machine model that ranks the dataflows --*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// Turns the counts of DataflowCounts.h into an estimated time per dataflow
// on a simple machine (one cache level, one memory bandwidth, a scalar MAC
// rate and a vector width) and picks the cheapest. Plain C++; the formulas
// are written out in docs/cost-model.md.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_COSTMODEL_DATAFLOWCOST_H
#define SPARQ_COSTMODEL_DATAFLOWCOST_H

#include "sparq/CostModel/DataflowCounts.h"

#include <cstdint>
#include <string>

namespace sparq::cost {

/// The machine the cost is estimated for. Defaults: one core of this
/// project's reference machine (Xeon, 2 MiB L2 per core, AVX2-width code).
struct MachineModel {
  /// Bytes of the cache that holds reused data (the per-core L2).
  double cacheBytes = 2 * 1024 * 1024;
  /// Sustained memory bandwidth of one core, GB/s (= bytes per ns).
  double bandwidthGBs = 10.0;
  /// Scalar multiply-accumulates (or merge steps) per ns.
  double macsPerNs = 2.0;
  /// Bits of one vector register the generated code uses.
  unsigned vectorBits = 256;
};

/// What the cost needs to know about one operand besides its counts.
struct OperandStorage {
  /// Bytes per stored entry: value plus its share of the indices.
  double bytesPerEntry = 4;
  /// Stored densely (plain tensor or `dense` encoding): contiguous along
  /// its rows, so a loop over them vectorizes.
  bool denseLayout = true;
};

/// A contraction C[batch][M, N] = A[M, K] * B[K, N] with its counts (summed
/// over the batch).
struct CostInput {
  int64_t batch = 1, m = 0, n = 0, k = 0;
  MatmulEstimate counts;
  OperandStorage a, b;
  /// Bytes of one accumulator (partial sum) and of one result element.
  double accBytes = 4, resultBytes = 4;
  /// Bytes that run-time layout conversions read and write before the
  /// product loops (0 when none, or when they happen at compile time).
  double conversionBytes = 0;
  /// True when inner intersects by a bitmap join: counts.inner's
  /// intersection_steps are then words ANDed, and each matched entry adds
  /// one operation (ops = intersection_steps + effectual_macs).
  bool bitmapJoin = false;
};

/// The dataflows the cost model ranks, in tie-break order.
enum class DataflowKind { Row, Inner, Outer };

/// The spelling of `kind` (as in `dataflow(...)`).
const char *getDataflowKindName(DataflowKind kind);

/// Estimated time of one dataflow and the terms it is made of.
struct DataflowCostEstimate {
  /// Lanes one instruction processes (1 when the inner loop is scalar).
  double lanes = 1;
  /// Operations of the inner loop: merge steps (inner) or effectual MACs.
  double ops = 0;
  /// Bytes that miss the cache (operand streams, partial sums, results,
  /// run-time layout conversions).
  double memoryBytes = 0;
  /// The part of memoryBytes spent converting layouts at run time.
  double conversionBytes = 0;
  double computeNs = 0, memoryNs = 0;
  double totalNs() const { return computeNs + memoryNs; }
};

/// The estimate of every dataflow and the cheapest one.
struct DataflowCostResult {
  DataflowCostEstimate inner, outer, row;
  DataflowKind best = DataflowKind::Row;
  /// One sentence saying why `best` wins.
  std::string reason;

  const DataflowCostEstimate &get(DataflowKind kind) const;
};

/// Estimates one dataflow on `machine`:
///   time = ops / (macsPerNs * lanes) + memoryBytes / bandwidthGBs
/// - inner: ops = intersection steps, lanes = vectorBits / (8 * accBytes)
///   (at most K) when both operands are dense (a dense dot product), else 1;
///   memory = A
///   once, B once if one batch of B fits the cache else b_reads entries,
///   and M * N results;
/// - outer: ops = effectual MACs, lanes vectorBits / (8 * accBytes) (at most
///   N) when B is dense (rows of B are contiguous along N), else 1; memory = A and B once, plus
///   merge_traffic partial sums when the M x N partial-sum matrix does not
///   fit the cache, else the M * N results;
/// - row: ops and lanes as outer; memory = A once, B as for inner, plus
///   2 * c_updates partial sums when a row of N partial sums does not fit
///   the cache, and the M * N results.
/// Every dataflow adds `conversionBytes` to its memory.
DataflowCostEstimate estimateDataflow(DataflowKind kind, const CostInput &input,
                                      const MachineModel &machine);

/// Picks the cheapest of the three estimates (ties go to row, then inner,
/// then outer) and says why.
DataflowCostResult rankDataflows(const DataflowCostEstimate &inner,
                                 const DataflowCostEstimate &outer,
                                 const DataflowCostEstimate &row);

/// `rankDataflows` of the three `estimateDataflow`s of one input.
DataflowCostResult estimateDataflowCost(const CostInput &input,
                                        const MachineModel &machine);

} // namespace sparq::cost

#endif // SPARQ_COSTMODEL_DATAFLOWCOST_H
