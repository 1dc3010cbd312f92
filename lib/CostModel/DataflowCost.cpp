//===- DataflowCost.cpp - Machine model that ranks the dataflows ----------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#include "sparq/CostModel/DataflowCost.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

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

DataflowCostEstimate estimateDataflow(DataflowKind kind, const CostInput &in,
                                      const MachineModel &machine) {
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

  DataflowCostEstimate e;
  switch (kind) {
  case DataflowKind::Inner:
    e.ops = in.counts.inner.intersectionSteps +
            (in.bitmapJoin ? in.counts.inner.effectualMacs : 0.0);
    e.lanes = in.a.denseLayout && in.b.denseLayout
                  ? std::min(vectorLanes, std::max(1.0, double(in.k)))
                  : 1.0;
    e.memoryBytes =
        aBytes +
        (bFits ? bOnce : in.counts.inner.bReads * in.b.bytesPerEntry) +
        results;
    break;
  case DataflowKind::Outer: {
    e.ops = in.counts.outer.effectualMacs;
    e.lanes = in.b.denseLayout ? std::min(vectorLanes, std::max(1.0, n)) : 1.0;
    bool matrixFits = m * n * in.accBytes <= machine.cacheBytes;
    e.memoryBytes =
        aBytes + bOnce +
        (matrixFits ? results : in.counts.outer.mergeTraffic * in.accBytes);
    break;
  }
  case DataflowKind::Row: {
    e.ops = in.counts.row.effectualMacs;
    if (in.a.denseLayout && !in.b.denseLayout) {
      // A dense, B sparse: the lowering turns the product around (C^T =
      // B^T A^T, docs/dataflow.md): B's lines drive the loops, vectors run
      // along M, and A is read along its rows, blocked along K so that a
      // block of A stays in cache for a block of B's lines. A comes from
      // memory once when it fits in the cache, else once per 64 lines of B.
      e.lanes = std::min(vectorLanes, std::max(1.0, m));
      double aReads = aBytes <= machine.cacheBytes
                          ? aBytes
                          : aBytes * std::ceil(n / 64.0);
      e.memoryBytes = bOnce + aReads + results;
      break;
    }
    e.lanes = in.b.denseLayout ? std::min(vectorLanes, std::max(1.0, n)) : 1.0;
    bool rowFits = n * in.accBytes <= machine.cacheBytes;
    // A sparse, B dense: the K-blocked kernel (docs/dataflow.md) reads a
    // block of B's rows once per block of 64 lines of A, so B comes from
    // memory once when it fits in the cache, else once per 64 lines of A.
    double bReads =
        bFits ? bOnce
        : (!in.a.denseLayout && in.b.denseLayout)
            ? bOnce * std::ceil(m / 64.0)
            : in.counts.row.bReads * in.b.bytesPerEntry;
    e.memoryBytes = aBytes + bReads +
                    (rowFits ? 0.0 : 2.0 * in.counts.row.cWrites * in.accBytes) +
                    results;
    break;
  }
  }
  e.conversionBytes = in.conversionBytes;
  e.memoryBytes += in.conversionBytes;
  e.computeNs = e.ops / (machine.macsPerNs * e.lanes);
  e.memoryNs = e.memoryBytes / machine.bandwidthGBs;
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
  reason += "), against";
  bool first = true;
  for (DataflowKind kind :
       {DataflowKind::Row, DataflowKind::Inner, DataflowKind::Outer}) {
    if (kind == result.best)
      continue;
    const DataflowCostEstimate &e = result.get(kind);
    reason += std::string(first ? " " : " and ") + getDataflowKindName(kind) +
              " " + formatNs(e.totalNs()) + " (compute " +
              formatNs(e.computeNs) + ", memory " + formatNs(e.memoryNs) + ")";
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
