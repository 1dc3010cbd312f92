//===- DataflowCost.cpp - Machine model that ranks the dataflows ----------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#include "sparq/CostModel/DataflowCost.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <utility>

namespace sparq::cost {

const char *getDataflowKindName(DataflowKind kind) {
  switch (kind) {
  case DataflowKind::Inner:
    return "inner";
  case DataflowKind::Outer:
    return "outer";
  case DataflowKind::Row:
    return "row";
  case DataflowKind::Dense:
    return "dense";
  }
  return "row";
}

const DataflowCostEstimate &DataflowCostResult::get(DataflowKind kind) const {
  switch (kind) {
  case DataflowKind::Inner:
    return inner;
  case DataflowKind::Outer:
    return outer;
  case DataflowKind::Row:
    return row;
  case DataflowKind::Dense:
    return dense;
  }
  return row;
}

namespace {

std::string formatNs(double ns) {
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%.6g ns", ns);
  return buffer;
}

std::string formatCount(double x) {
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%.6g", x);
  return buffer;
}

} // namespace

DataflowCostEstimate estimateDataflow(DataflowKind kind,
                                      const CostInput &input,
                                      const MachineModel &machine) {
  if (kind == DataflowKind::Dense)
    return estimateDenseGemm(input, machine);
  // Orient the product as the lowering does (planMatmulDataflow): a sparse
  // operand goes on the left, so a dense A with a sparse B runs as
  // C^T = B^T * A^T. A planned input arrives oriented already.
  CostInput in = input;
  if (in.a.denseLayout && !in.b.denseLayout) {
    std::swap(in.m, in.n);
    std::swap(in.a, in.b);
    in.counts = in.counts.transposed();
  }
  double vectorLanes =
      std::max(1.0, double(machine.vectorBits) / (8.0 * in.accBytes));
  double batch = double(std::max<int64_t>(in.batch, 1));
  double m = double(in.m), n = double(in.n);
  double aBytes = in.counts.row.aReads * in.a.bytesPerEntry; // nnz(A) once
  double bOnce = in.counts.outer.bReads * in.b.bytesPerEntry; // nnz(B) once
  // B is re-read for every row of A (inner: b_reads = M * nnz(B); row:
  // b_reads = effectual MACs) unless one batch of it stays in the cache.
  bool bFits = bOnce / batch <= machine.cacheBytes;
  double results = batch * m * n * in.resultBytes;
  // Lanes along N: a loop over a dense row of B.
  double rowLanes = std::min(vectorLanes, std::max(1.0, n));
  // Outer's axpy of a row: vector steps and a scalar tail of N mod lanes.
  double tailLanes = 1.0;
  {
    double full = std::floor(n / rowLanes);
    double steps = full + (n - full * rowLanes);
    tailLanes = steps > 0 ? n / steps : 1.0;
  }
  bool denseB = in.b.denseLayout;
  bool denseA = in.a.denseLayout;

  DataflowCostEstimate e;
  if (denseA && denseB) {
    // Both dense: every dataflow is lowered to the same cache-blocked GEMM.
    e.ops = in.counts.row.effectualMacs;
    e.lanes = rowLanes;
    e.memoryBytes = aBytes + bOnce + results;
  } else if (denseB && kind != DataflowKind::Outer) {
    // Sparse A, dense B: row and inner run the same register-tile kernel
    // (docs/dataflow.md), one FMA per entry of A and vector of B's row, the
    // partial sums in registers. The K-blocked kernel reads a block of B's
    // rows once per block of 64 lines of A, so B comes from memory once
    // when it fits in the cache, else once per 64 lines of A. Each line of
    // A is walked once per column chunk of B (forEachColumnChunk: register
    // tiles, the remaining whole vectors, a masked tail vector), and each
    // entry of each walk costs `entryOverhead` vector steps of loop work
    // (its coordinate, its value's broadcast, the loop's increment and
    // branch) besides its FMAs.
    e.ops = in.counts.row.effectualMacs;
    e.lanes = rowLanes;
    double tile = double(std::max(1u, machine.registerTile)) * vectorLanes;
    double chunks = std::floor(n / tile) +
                    (std::fmod(n, tile) >= vectorLanes ? 1.0 : 0.0) +
                    (std::fmod(n, vectorLanes) > 0 ? 1.0 : 0.0);
    e.overheadOps = machine.entryOverhead * in.counts.row.aReads * chunks;
    e.memoryBytes = aBytes + (bFits ? bOnce : bOnce * std::ceil(m / 64.0)) +
                    results;
  } else {
    switch (kind) {
    case DataflowKind::Inner:
      // Two sparse operands: a scalar two-pointer merge (or bitmap join) per
      // output, the partial sum in a register.
      e.ops = in.counts.inner.intersectionSteps +
              (in.bitmapJoin ? in.counts.inner.effectualMacs : 0.0);
      e.lanes = 1;
      e.memoryBytes =
          aBytes +
          (bFits ? bOnce : in.counts.inner.bReads * in.b.bytesPerEntry) +
          results;
      break;
    case DataflowKind::Outer: {
      // for k: for (p, a) in A[:, k]: C[p, :] += a * B[k, :]. With a dense
      // B each update is a vector body and a scalar tail of N mod lanes
      // (emitAxpyRow); with a sparse B one scalar update per entry. Every
      // partial product loads and stores its partial sum in C.
      e.ops = in.counts.outer.effectualMacs;
      if (denseB) {
        e.lanes = tailLanes;
      } else {
        e.lanes = 1;
      }
      double psums = in.counts.outer.mergeTraffic * in.accBytes;
      bool matrixFits = m * n * in.accBytes <= machine.cacheBytes;
      e.memoryBytes = aBytes + bOnce + (matrixFits ? results : psums);
      e.cacheBytes = matrixFits ? psums : 0.0;
      break;
    }
    case DataflowKind::Dense: // (returned above)
    case DataflowKind::Row: {
      // Two sparse operands: for (k, a) in A[p, :]: for (q, b) in B[k, :]:
      // C[p, q] += a * b, a scalar load and store of the output row per
      // update.
      e.ops = in.counts.row.effectualMacs;
      e.lanes = 1;
      double psums = 2.0 * in.counts.row.cWrites * in.accBytes;
      bool rowFits = n * in.accBytes <= machine.cacheBytes;
      e.memoryBytes =
          aBytes +
          (bFits ? bOnce : in.counts.row.bReads * in.b.bytesPerEntry) +
          (rowFits ? 0.0 : psums) + results;
      e.cacheBytes = rowFits ? psums : 0.0;
      break;
    }
    }
  }
  e.conversionBytes = in.conversionBytes;
  e.memoryBytes += in.conversionBytes;
  e.computeNs = (e.ops / e.lanes + e.overheadOps) / machine.macsPerNs;
  e.memoryNs = e.memoryBytes / machine.bandwidthGBs;
  e.cacheNs = e.cacheBytes / machine.cacheBandwidthGBs;
  return e;
}

DataflowCostResult rankDataflows(const DataflowCostEstimate &inner,
                                 const DataflowCostEstimate &outer,
                                 const DataflowCostEstimate &row) {
  DataflowCostResult result;
  result.inner = inner;
  result.outer = outer;
  result.row = row;
  // Cheapest wins; ties keep the earlier of row, inner, outer.
  result.best = DataflowKind::Row;
  for (DataflowKind kind : {DataflowKind::Inner, DataflowKind::Outer})
    if (result.get(kind).totalNs() < result.get(result.best).totalNs())
      result.best = kind;

  const DataflowCostEstimate &best = result.get(result.best);
  std::string reason = std::string(getDataflowKindName(result.best)) +
                       " has the lowest estimated time, " +
                       formatNs(best.totalNs()) + " (compute " +
                       formatNs(best.computeNs) + " for " +
                       formatCount(best.ops) + " ops on " +
                       formatCount(best.lanes) + " lanes" +
                       (best.overheadOps > 0
                            ? " and " + formatCount(best.overheadOps) +
                                  " steps of loop overhead"
                            : std::string()) +
                       ", memory " +
                       formatNs(best.memoryNs) + " for " +
                       formatCount(best.memoryBytes) + " B";
  if (best.conversionBytes > 0)
    reason += " of which " + formatCount(best.conversionBytes) +
              " B convert layouts at run time";
  if (best.cacheBytes > 0)
    reason += ", cache " + formatNs(best.cacheNs) + " for " +
              formatCount(best.cacheBytes) + " B of partial sums";
  reason += "), against";
  bool first = true;
  for (DataflowKind kind :
       {DataflowKind::Row, DataflowKind::Inner, DataflowKind::Outer}) {
    if (kind == result.best)
      continue;
    const DataflowCostEstimate &e = result.get(kind);
    reason += std::string(first ? " " : " and ") + getDataflowKindName(kind) +
              " " + formatNs(e.totalNs()) + " (compute " +
              formatNs(e.computeNs) + ", memory " + formatNs(e.memoryNs) +
              (e.cacheBytes > 0 ? ", cache " + formatNs(e.cacheNs) : "") + ")";
    first = false;
  }
  result.reason = reason;
  return result;
}

DataflowCostEstimate estimateDenseGemm(const CostInput &input,
                                       const MachineModel &machine) {
  double batch = double(std::max<int64_t>(input.batch, 1));
  double m = double(input.m), n = double(input.n), k = double(input.k);
  double vectorLanes =
      std::max(1.0, double(machine.vectorBits) / (8.0 * input.accBytes));
  // Masked edges: a partial vector costs one vector step.
  double lanes = n > 0 ? n / std::ceil(n / vectorLanes) : 1.0;
  DataflowCostEstimate e;
  e.ops = batch * m * n * k;
  e.lanes = std::max(1.0, lanes);
  // A run-time compressed operand: its stored bytes read once, its dense
  // matrix written twice (zero fill, then the scatter's lines).
  auto decompression = [&](const OperandStorage &s, double entries,
                           double stored) {
    if (s.denseLayout || s.constant)
      return 0.0;
    return stored * s.bytesPerEntry + 2.0 * entries * s.valueBytes;
  };
  double aEntries = batch * m * k, bEntries = batch * k * n;
  double aStored = input.counts.row.aReads;   // nnz(A), summed over the batch
  double bStored = input.counts.outer.bReads; // nnz(B)
  e.conversionBytes = decompression(input.a, aEntries, aStored) +
                      decompression(input.b, bEntries, bStored);
  double aDense = aEntries * (input.a.denseLayout ? input.a.bytesPerEntry
                                                  : input.a.valueBytes);
  double bDense = bEntries * (input.b.denseLayout ? input.b.bytesPerEntry
                                                  : input.b.valueBytes);
  e.memoryBytes = aDense + bDense + batch * m * n * input.resultBytes +
                  e.conversionBytes;
  e.computeNs = e.ops / (machine.gemmMacsPerNs * e.lanes);
  e.memoryNs = e.memoryBytes / machine.bandwidthGBs;
  return e;
}

void rankWithDense(DataflowCostResult &result,
                   const DataflowCostEstimate &dense) {
  result.dense = dense;
  result.denseCosted = true;
  DataflowKind sparseBest = result.best;
  const DataflowCostEstimate &best = result.get(sparseBest);
  std::string denseText =
      "the dense GEMM (dataflow dense: decompress, then " +
      formatCount(dense.ops) + " MACs on " + formatCount(dense.lanes) +
      " lanes) " + formatNs(dense.totalNs()) + " (compute " +
      formatNs(dense.computeNs) + ", memory " + formatNs(dense.memoryNs) +
      " for " + formatCount(dense.memoryBytes) + " B";
  if (dense.conversionBytes > 0)
    denseText += " of which " + formatCount(dense.conversionBytes) +
                 " B decompress run-time operands";
  denseText += ")";
  if (dense.totalNs() < best.totalNs()) {
    result.best = DataflowKind::Dense;
    result.reason = "dense: " + denseText + " is cheaper than the best "
                    "sparse dataflow, " + result.reason;
  } else {
    result.reason += "; " + denseText + " is not cheaper";
  }
}

DataflowCostResult estimateDataflowCost(const CostInput &input,
                                        const MachineModel &machine) {
  return rankDataflows(estimateDataflow(DataflowKind::Inner, input, machine),
                       estimateDataflow(DataflowKind::Outer, input, machine),
                       estimateDataflow(DataflowKind::Row, input, machine));
}

} // namespace sparq::cost
