//===- DataflowCostTest.cpp - Machine model, computed by hand -------------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#include "sparq/CostModel/DataflowCost.h"

#include "gtest/gtest.h"

using namespace sparq::cost;

namespace {

// A dense 4 x 8 f32 activation times an 8 x 4 CSR weight with one nonzero
// per row (column k % 4): nnz(B) = 8, effectual MACs = 4 * 8 = 32.
CostInput sparseWeight() {
  Pattern b;
  b.rows = 8;
  b.cols = 4;
  for (int64_t k = 0; k < 8; ++k) {
    b.rowPtr.push_back(k);
    b.colIdx.push_back(k % 4);
  }
  b.rowPtr.push_back(8);
  CostInput in;
  in.m = 4;
  in.n = 4;
  in.k = 8;
  in.counts = estimateMatmul(OperandPattern::dense(4, 8),
                             OperandPattern::fromPattern(b));
  in.a = {4.0, true};
  in.b = {8.0, false}; // f32 value + i32 coordinate
  return in;
}

TEST(DataflowCostTest, HandComputedSparseWeight) {
  MachineModel machine; // 2 MiB, 10 GB/s, 2 MAC/ns, 256 bits
  DataflowCostResult r = estimateDataflowCost(sparseWeight(), machine);
  // Column n of B holds rows {n, n + 4}; a dense row of A merges with it in
  // n + 5 steps (the last coordinate + 1): 4 rows * (5 + 6 + 7 + 8) = 104.
  EXPECT_EQ(r.inner.ops, 104);
  EXPECT_EQ(r.inner.lanes, 1); // B is sparse
  EXPECT_DOUBLE_EQ(r.inner.computeNs, 104 / 2.0);
  // Memory: A 32 * 4 B, B 8 * 8 B (fits the cache), C 16 * 4 B = 256 B.
  EXPECT_EQ(r.inner.memoryBytes, 128 + 64 + 64);
  EXPECT_DOUBLE_EQ(r.inner.memoryNs, 25.6);
  // Outer: 32 MACs scalar (B sparse) = 16 ns. Row with a dense A and a
  // sparse B is lowered turned around (C^T = B^T A^T, vectors along M): 32
  // MACs on min(8, M = 4) lanes = 4 ns. The 4 x 4 partial sums fit the
  // cache, and row reads B and A once: both move 256 B as well.
  EXPECT_EQ(r.row.ops, 32);
  EXPECT_EQ(r.row.lanes, 4);
  EXPECT_DOUBLE_EQ(r.row.computeNs, 4);
  EXPECT_DOUBLE_EQ(r.outer.computeNs, 16);
  EXPECT_EQ(r.row.memoryBytes, 256);
  EXPECT_EQ(r.outer.memoryBytes, 256);
  // Row 29.6 ns, outer 41.6 ns.
  EXPECT_EQ(r.best, DataflowKind::Row);
  EXPECT_NE(r.reason.find("row has the lowest estimated time, 29.6 ns"),
            std::string::npos)
      << r.reason;
}

TEST(DataflowCostTest, BitmapJoinCountsWordsAndMatches) {
  // The same product intersected by a bitmap join (as the analysis sets it
  // when both operands are bitmaps): intersection_steps are then the words
  // ANDed, 4 x 4 outputs x ceil(8 / 64) = 16, and each of the 32 matches
  // costs one more step: ops = 16 + 32.
  CostInput in = sparseWeight();
  in.counts.inner.intersectionSteps = 16;
  in.bitmapJoin = true;
  DataflowCostEstimate e =
      estimateDataflow(DataflowKind::Inner, in, MachineModel());
  EXPECT_EQ(e.ops, 16 + 32);
  EXPECT_EQ(e.lanes, 1);
  EXPECT_DOUBLE_EQ(e.computeNs, 48 / 2.0);
}

TEST(DataflowCostTest, PartialSumMatrixOutsideTheCache) {
  MachineModel machine;
  machine.cacheBytes = 32; // the 4 x 4 x 4 B partial sums (64 B) do not fit
  DataflowCostResult r = estimateDataflowCost(sparseWeight(), machine);
  // Outer: A 128 + B 64 + merge traffic 2 * 32 partial sums * 4 B = 448 B.
  EXPECT_EQ(r.outer.memoryBytes, 128 + 64 + 256);
  // B (64 B) no longer fits either: inner re-reads it for every row of A
  // (b_reads = 4 * 8 entries of 8 B). Row (turned around, B's lines drive)
  // reads B once and A (128 B, not in the cache either) once per 64 lines
  // of B: once here.
  EXPECT_EQ(r.inner.memoryBytes, 128 + 256 + 64);
  EXPECT_EQ(r.row.memoryBytes, 64 + 128 + 64);
  EXPECT_EQ(r.best, DataflowKind::Row);
}

TEST(DataflowCostTest, DenseTimesDenseVectorizes) {
  CostInput in;
  in.m = 2;
  in.n = 16;
  in.k = 8;
  in.counts = estimateMatmul(OperandPattern::dense(2, 8),
                             OperandPattern::dense(8, 16));
  MachineModel machine;
  DataflowCostResult r = estimateDataflowCost(in, machine);
  // 256 bits / 32-bit accumulators = 8 lanes for every dataflow; 256 MACs
  // and 256 merge steps: 256 / (2 * 8) = 16 ns of compute each.
  EXPECT_EQ(r.inner.lanes, 8);
  EXPECT_DOUBLE_EQ(r.inner.computeNs, 16);
  EXPECT_DOUBLE_EQ(r.row.computeNs, 16);
  EXPECT_DOUBLE_EQ(r.outer.computeNs, 16);
  EXPECT_EQ(r.best, DataflowKind::Row);
  // f16 accumulators: 16 lanes along N = 16, but only K = 8 for inner.
  in.accBytes = 2;
  EXPECT_EQ(estimateDataflowCost(in, machine).row.lanes, 16);
  EXPECT_EQ(estimateDataflowCost(in, machine).inner.lanes, 8);
  // A 3-wide N fills 3 lanes.
  in.n = 3;
  in.counts = estimateMatmul(OperandPattern::dense(2, 8),
                             OperandPattern::dense(8, 3));
  EXPECT_EQ(estimateDataflowCost(in, machine).row.lanes, 3);
}

TEST(DataflowCostTest, RunTimeConversionIsMemoryTraffic) {
  MachineModel machine;
  CostInput in = sparseWeight();
  in.conversionBytes = 200; // e.g. a run-time transpose of some operand
  DataflowCostEstimate e = estimateDataflow(DataflowKind::Row, in, machine);
  EXPECT_EQ(e.memoryBytes, 256 + 200);
  EXPECT_EQ(e.conversionBytes, 200);
  DataflowCostResult r =
      rankDataflows(estimateDataflow(DataflowKind::Inner, sparseWeight(), machine),
                    estimateDataflow(DataflowKind::Outer, sparseWeight(), machine),
                    e);
  // Row now costs 4 + 45.6 = 49.6 ns, more than outer (41.6 ns).
  EXPECT_EQ(r.best, DataflowKind::Outer);
}

TEST(DataflowCostTest, Names) {
  EXPECT_STREQ(getDataflowKindName(DataflowKind::Inner), "inner");
  EXPECT_STREQ(getDataflowKindName(DataflowKind::Outer), "outer");
  EXPECT_STREQ(getDataflowKindName(DataflowKind::Row), "row");
}

} // namespace
