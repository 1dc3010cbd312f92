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
    // when it fits in the cache, else once per 64 lines of A.
    e.ops = in.counts.row.effectualMacs;
    e.lanes = rowLanes;
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
        double full = std::floor(n / rowLanes);
        double steps = full + (n - full * rowLanes);
        e.lanes = steps > 0 ? n / steps : 1.0;
      } else {
        e.lanes = 1;
      }
      double psums = in.counts.outer.mergeTraffic * in.accBytes;
      bool matrixFits = m * n * in.accBytes <= machine.cacheBytes;
      e.memoryBytes = aBytes + bOnce + (matrixFits ? results : psums);
      e.cacheBytes = matrixFits ? psums : 0.0;
      break;
    }
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
  e.computeNs = e.ops / (machine.macsPerNs * e.lanes);
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
                       formatCount(best.lanes) + " lanes, memory " +
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

DataflowCostResult estimateDataflowCost(const CostInput &input,
                                        const MachineModel &machine) {
  return rankDataflows(estimateDataflow(DataflowKind::Inner, input, machine),
                       estimateDataflow(DataflowKind::Outer, input, machine),
                       estimateDataflow(DataflowKind::Row, input, machine));
}

} // namespace sparq::cost
