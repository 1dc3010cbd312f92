//===- DataflowCost.h - Machine model that ranks the dataflows --*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// Turns the counts of DataflowCounts.h into an estimated time per dataflow
// on a simple machine (one cache level with its bandwidth, one memory
// bandwidth, a scalar MAC rate and a vector width) and picks the cheapest. Plain C++; the formulas
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
  /// Bandwidth of the cache for partial sums that fit it and are loaded and
  /// stored once per update (outer's M x N matrix, row's scalar row
  /// updates), GB/s: a load and a store per update, not a register.
  double cacheBandwidthGBs = 64.0;
  /// Scalar multiply-accumulates (or merge steps) per ns.
  double macsPerNs = 2.0;
  /// Bits of one vector register the generated code uses.
  unsigned vectorBits = 256;
  /// Scalar multiply-accumulates per ns per lane of the dense GEMM
  /// (DenseGemm.cpp), where `macsPerNs` is that of the sparse kernels. The
  /// GEMM's 6 x 2-vector register tile loads 2 vectors and broadcasts 6
  /// values per 12 FMAs, so it runs at the FMA ports' rate (about 90% of
  /// the peak, docs/dataflow.md); a sparse x dense kernel loads one vector of
  /// the dense operand per FMA (2:4: 37 loads per 32 FMAs), bounded by the
  /// load ports at about 87% of the peak and measured within about 15% of
  /// that bound: 0.9 / (0.87 * 0.85) = 1.22 times `macsPerNs`.
  double gemmMacsPerNs = 2.44;
  /// Vector steps (each 1 / macsPerNs ns) of loop work per stored entry of
  /// the sparse operand per column chunk of the register-tile kernels (row
  /// and inner with a dense right operand): its coordinate load, its value's
  /// broadcast, the loop's increment, compare and branch, about 6 uops, 1.5
  /// cycles at 4 uops per cycle, the time of 3 FMAs at 2 per cycle. 0 leaves
  /// the overhead out (the model before the dense alternative).
  double entryOverhead = 3.0;
  /// Vectors per register tile of those kernels (sparq-lower-dataflow's
  /// `register-tile`): a row of R of N values is walked in
  /// floor(N / (tile * lanes)) tiles, one chunk of the remaining whole
  /// vectors and one masked tail vector.
  unsigned registerTile = 8;
};

/// What the cost needs to know about one operand besides its counts.
struct OperandStorage {
  /// Bytes per stored entry: value plus its share of the indices.
  double bytesPerEntry = 4;
  /// Stored densely (plain tensor or `dense` encoding): contiguous along
  /// its rows, so a loop over them vectorizes.
  bool denseLayout = true;
  /// Bytes of one value (what an entry takes once decompressed).
  double valueBytes = 4;
  /// A compressed operand whose parts are all constants: `dataflow(dense)`
  /// decompresses it in the compiler, at no run-time cost.
  bool constant = false;
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

/// The dataflows the cost model ranks, in tie-break order. `Dense` is not a
/// sparse dataflow: the sparse operands are decompressed and the dense GEMM
/// runs (ranked after the three, and only when costed: rankWithDense).
enum class DataflowKind { Row, Inner, Outer, Dense };

/// The spelling of `kind` (as in `dataflow(...)`).
const char *getDataflowKindName(DataflowKind kind);

/// Estimated time of one dataflow and the terms it is made of.
struct DataflowCostEstimate {
  /// Lanes one instruction processes (1 when the inner loop is scalar).
  double lanes = 1;
  /// Operations of the inner loop: merge steps (inner) or effectual MACs.
  double ops = 0;
  /// Scalar-rate loop overhead (vector steps) besides `ops / lanes`: the
  /// register-tile kernels' per-entry, per-chunk work (entryOverhead).
  double overheadOps = 0;
  /// Bytes that miss the cache (operand streams, partial sums, results,
  /// run-time layout conversions).
  double memoryBytes = 0;
  /// The part of memoryBytes spent converting layouts at run time (for
  /// `dense`: decompressing run-time operands).
  double conversionBytes = 0;
  /// Partial-sum bytes loaded and stored in the cache (updates that go
  /// through memory rather than registers, while the partial sums fit it).
  double cacheBytes = 0;
  double computeNs = 0, memoryNs = 0, cacheNs = 0;
  double totalNs() const { return computeNs + memoryNs + cacheNs; }
};

/// The estimate of every dataflow and the cheapest one.
struct DataflowCostResult {
  DataflowCostEstimate inner, outer, row;
  /// The dense alternative (decompress, then the dense GEMM); meaningful
  /// when `denseCosted`.
  DataflowCostEstimate dense;
  bool denseCosted = false;
  DataflowKind best = DataflowKind::Row;
  /// One sentence saying why `best` wins.
  std::string reason;

  const DataflowCostEstimate &get(DataflowKind kind) const;
};

/// Estimates one dataflow on `machine`, as its lowering runs it
/// (docs/cost-model.md has the formulas):
///   time = (ops / lanes + overheadOps) / macsPerNs
///        + memoryBytes / bandwidthGBs + cacheBytes / cacheBandwidthGBs
/// The input is first oriented as the lowering orients it: a dense A with a
/// sparse B is costed as C^T = B^T * A^T (the analysis passes a planned
/// product already oriented). Then, with L = A and R = B:
/// - L and R dense: the dense GEMM, whatever the dataflow: effectual MACs on
///   min(lanes, N) lanes; memory A, B and C once;
/// - L sparse, R dense: row and inner run the same register-tile kernel:
///   effectual MACs on min(lanes, N) lanes, plus entryOverhead steps per
///   entry of A per column chunk of B; memory A once, B once if it fits
///   the cache else once per 64 rows of A, C once. Outer adds every partial
///   product to a row of the M x N output in memory: effectual MACs on the
///   lanes of a row (a vector body and a scalar tail of N mod lanes), A and B
///   once, and per partial product a load and a store of its partial sum
///   (2 * accBytes: merge_traffic) in the cache when M x N fits it (plus C
///   once), else from memory;
/// - L and R sparse: scalar. Inner: merge steps (+ effectual MACs for a
///   bitmap join), A once, B once if it fits else b_reads entries, C once.
///   Row and outer: effectual MACs, A once, B (row: as inner; outer: once),
///   a load and a store per update of the output row (row) or matrix
///   (outer), in the cache when that fits, else from memory; C once.
/// Every dataflow adds `conversionBytes` to its memory.
DataflowCostEstimate estimateDataflow(DataflowKind kind, const CostInput &input,
                                      const MachineModel &machine);

/// Picks the cheapest of the three estimates (ties go to row, then inner,
/// then outer) and says why.
DataflowCostResult rankDataflows(const DataflowCostEstimate &inner,
                                 const DataflowCostEstimate &outer,
                                 const DataflowCostEstimate &row);

/// The dense alternative of `input` (oriented as given, C = A * B): every
/// sparse operand decompressed (a run-time one by a scatter into a zeroed
/// dense buffer: its compressed bytes read, its dense bytes written twice,
/// zero fill and scatter; a constant one in the compiler, free), then the
/// dense GEMM: M * N * K MACs at `gemmMacsPerNs` per lane on
/// N / ceil(N / lanes) lanes (masked edges), A and B dense and C once from
/// memory. When both operands are dense this is the dense GEMM itself.
DataflowCostEstimate estimateDenseGemm(const CostInput &input,
                                       const MachineModel &machine);

/// Adds the dense alternative to `result`: it becomes `best` when strictly
/// cheaper than the best of the three dataflows, and `reason` says, either
/// way, what it would cost.
void rankWithDense(DataflowCostResult &result,
                   const DataflowCostEstimate &dense);

/// `rankDataflows` of the three `estimateDataflow`s of one input.
DataflowCostResult estimateDataflowCost(const CostInput &input,
                                        const MachineModel &machine);

} // namespace sparq::cost

#endif // SPARQ_COSTMODEL_DATAFLOWCOST_H
