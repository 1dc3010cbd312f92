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

// Two sparse operands: A 4 x 8 CSR with row i holding {i, i + 4}, and the
// B of sparseWeight (row k holds column k % 4); every column of A and row of
// B has one entry: effectual MACs = 8.
CostInput sparseTimesSparse() {
  Pattern a;
  a.rows = 4;
  a.cols = 8;
  for (int64_t i = 0; i < 4; ++i) {
    a.rowPtr.push_back(2 * i);
    a.colIdx.push_back(i);
    a.colIdx.push_back(i + 4);
  }
  a.rowPtr.push_back(8);
  CostInput in = sparseWeight();
  Pattern b;
  b.rows = 8;
  b.cols = 4;
  for (int64_t k = 0; k < 8; ++k) {
    b.rowPtr.push_back(k);
    b.colIdx.push_back(k % 4);
  }
  b.rowPtr.push_back(8);
  in.counts = estimateMatmul(OperandPattern::fromPattern(a),
                             OperandPattern::fromPattern(b));
  in.a = {8.0, false};
  in.b = {8.0, false};
  return in;
}

TEST(DataflowCostTest, HandComputedSparseWeight) {
  MachineModel machine; // 2 MiB, 10 GB/s, 64 GB/s cache, 2 MAC/ns, 256 bits
  machine.entryOverhead = 0; // the sparse model alone (DenseAlternative*)
  DataflowCostResult r = estimateDataflowCost(sparseWeight(), machine);
  // A dense A times a sparse B is costed turned around, as the lowering runs
  // it: C^T = B^T A^T, the 4 x 8 B^T (64 B) on the left, the 8 x 4 A^T
  // (128 B, fits the cache) on the right, vectors along M = 4.
  // Row and inner run the same register-tile kernel: 32 MACs on
  // min(8, 4) = 4 lanes = 32 / (2 * 4) = 4 ns; memory B^T 64 + A^T 128
  // + C 16 * 4 = 256 B = 25.6 ns; 29.6 ns, no partial sums in the cache.
  for (const DataflowCostEstimate *e : {&r.row, &r.inner}) {
    EXPECT_EQ(e->ops, 32);
    EXPECT_EQ(e->lanes, 4);
    EXPECT_DOUBLE_EQ(e->computeNs, 4);
    EXPECT_EQ(e->memoryBytes, 256);
    EXPECT_DOUBLE_EQ(e->memoryNs, 25.6);
    EXPECT_EQ(e->cacheBytes, 0);
    EXPECT_DOUBLE_EQ(e->totalNs(), 29.6);
  }
  // Outer: the same 32 MACs on 4 lanes (a row of 4 is one full vector, no
  // scalar tail) and the same 256 B, plus a load and a store of a 4-byte
  // partial sum per partial product, in the cache (the 4 x 4 x 4 B = 64 B
  // matrix fits): 2 * 32 * 4 = 256 B at 64 GB/s = 4 ns; 33.6 ns.
  EXPECT_EQ(r.outer.ops, 32);
  EXPECT_EQ(r.outer.lanes, 4);
  EXPECT_EQ(r.outer.memoryBytes, 256);
  EXPECT_EQ(r.outer.cacheBytes, 256);
  EXPECT_DOUBLE_EQ(r.outer.cacheNs, 4);
  EXPECT_DOUBLE_EQ(r.outer.totalNs(), 33.6);
  // Row and inner tie; ties go to row.
  EXPECT_EQ(r.best, DataflowKind::Row);
  EXPECT_NE(r.reason.find("row has the lowest estimated time, 29.6 ns"),
            std::string::npos)
      << r.reason;
  EXPECT_NE(r.reason.find("outer 33.6 ns (compute 4 ns, memory 25.6 ns, "
                          "cache 4 ns)"),
            std::string::npos)
      << r.reason;
}

TEST(DataflowCostTest, OuterScalarTail) {
  // A dense row of N = 12 with 8 lanes: one vector and 4 scalar steps per
  // partial product, 12 / 5 = 2.4 lanes on average; row and inner use a
  // masked tail vector: min(8, 12) = 8 lanes.
  CostInput in;
  in.m = 3;
  in.n = 12;
  in.k = 2;
  in.counts = estimateMatmul(OperandPattern::assumed(3, 2, 0.5),
                             OperandPattern::dense(2, 12));
  in.a = {8.0, false};
  in.b = {4.0, true};
  MachineModel machine;
  machine.entryOverhead = 0; // the sparse model alone (DenseAlternative*)
  EXPECT_DOUBLE_EQ(estimateDataflow(DataflowKind::Outer, in, machine).lanes,
                   2.4);
  EXPECT_EQ(estimateDataflow(DataflowKind::Row, in, machine).lanes, 8);
  EXPECT_EQ(estimateDataflow(DataflowKind::Inner, in, machine).lanes, 8);
}

TEST(DataflowCostTest, SparseTimesSparsePartialSums) {
  MachineModel machine;
  machine.entryOverhead = 0; // the sparse model alone (DenseAlternative*)
  DataflowCostResult r = estimateDataflowCost(sparseTimesSparse(), machine);
  // Row and outer: 8 scalar MACs = 4 ns; memory A 8 * 8 + B 8 * 8 + C 64
  // = 192 B = 19.2 ns; each update loads and stores its partial sum (the
  // output row for row, the 64 B matrix for outer, both in the cache):
  // 2 * 8 * 4 = 64 B at 64 GB/s = 1 ns; 24.2 ns each.
  for (const DataflowCostEstimate *e : {&r.row, &r.outer}) {
    EXPECT_EQ(e->ops, 8);
    EXPECT_EQ(e->lanes, 1);
    EXPECT_EQ(e->memoryBytes, 192);
    EXPECT_EQ(e->cacheBytes, 64);
    EXPECT_DOUBLE_EQ(e->totalNs(), 24.2);
  }
  // Inner merges row i {i, i + 4} of A with column n {n, n + 4} of B up to
  // min(i, n) + 4: 2 steps when i = n (4 pairs), else 3 (12 pairs): 44
  // steps = 22 ns, the partial sum in a register; 192 B; 41.2 ns.
  EXPECT_EQ(r.inner.ops, 44);
  EXPECT_EQ(r.inner.cacheBytes, 0);
  EXPECT_DOUBLE_EQ(r.inner.totalNs(), 41.2);
  EXPECT_EQ(r.best, DataflowKind::Row);
}

TEST(DataflowCostTest, BitmapJoinCountsWordsAndMatches) {
  // The sparse x sparse product intersected by a bitmap join (as the
  // analysis sets it when both operands are bitmaps): intersection_steps
  // are then the words ANDed, 4 x 4 outputs x ceil(8 / 64) = 16, and each of
  // the 8 matches costs one more step: ops = 16 + 8.
  CostInput in = sparseTimesSparse();
  in.counts.inner.intersectionSteps = 16;
  in.bitmapJoin = true;
  DataflowCostEstimate e =
      estimateDataflow(DataflowKind::Inner, in, [] {
        MachineModel m;
        m.entryOverhead = 0;
        return m;
      }());
  EXPECT_EQ(e.ops, 16 + 8);
  EXPECT_EQ(e.lanes, 1);
  EXPECT_DOUBLE_EQ(e.computeNs, 24 / 2.0);
}

TEST(DataflowCostTest, PartialSumMatrixOutsideTheCache) {
  MachineModel machine;
  machine.entryOverhead = 0; // the sparse model alone (DenseAlternative*)
  machine.cacheBytes = 32; // the 4 x 4 x 4 B partial sums (64 B) do not fit
  DataflowCostResult r = estimateDataflowCost(sparseWeight(), machine);
  // Outer (turned around): B^T 64 + A^T 128 + merge traffic 2 * 32 partial
  // sums * 4 B = 256 from memory = 448 B, nothing in the cache.
  EXPECT_EQ(r.outer.memoryBytes, 64 + 128 + 256);
  EXPECT_EQ(r.outer.cacheBytes, 0);
  // A^T (128 B) no longer fits either: the K-blocked kernel of row and
  // inner reads it once per 64 lines of B^T, once here: 64 + 128 + 64.
  EXPECT_EQ(r.row.memoryBytes, 64 + 128 + 64);
  EXPECT_EQ(r.inner.memoryBytes, 64 + 128 + 64);
  EXPECT_EQ(r.best, DataflowKind::Row);
}

TEST(DataflowCostTest, DenseTimesDenseIsOneGemm) {
  CostInput in;
  in.m = 2;
  in.n = 16;
  in.k = 8;
  in.counts = estimateMatmul(OperandPattern::dense(2, 8),
                             OperandPattern::dense(8, 16));
  MachineModel machine;
  machine.entryOverhead = 0; // the sparse model alone (DenseAlternative*)
  DataflowCostResult r = estimateDataflowCost(in, machine);
  // Every dataflow is lowered to the same dense GEMM: 256 MACs on
  // 256 bits / 32-bit accumulators = 8 lanes along N: 256 / (2 * 8) = 16 ns;
  // memory A 64 + B 512 + C 128 B = 704 B.
  for (const DataflowCostEstimate *e : {&r.row, &r.inner, &r.outer}) {
    EXPECT_EQ(e->lanes, 8);
    EXPECT_DOUBLE_EQ(e->computeNs, 16);
    EXPECT_EQ(e->memoryBytes, 64 + 512 + 128);
    EXPECT_EQ(e->cacheBytes, 0);
  }
  EXPECT_EQ(r.best, DataflowKind::Row);
  // f16 accumulators: 16 lanes along N = 16.
  in.accBytes = 2;
  EXPECT_EQ(estimateDataflowCost(in, machine).inner.lanes, 16);
  // A 3-wide N fills 3 lanes.
  in.n = 3;
  in.counts = estimateMatmul(OperandPattern::dense(2, 8),
                             OperandPattern::dense(8, 3));
  EXPECT_EQ(estimateDataflowCost(in, machine).row.lanes, 3);
}

TEST(DataflowCostTest, Conv4LikeTwoFourWeightPicksRow) {
  // AlexNet conv4 through im2col at small scale: a dense x[72 x 128] times a
  // run-time nm<2, 4> weight (N = 65 lines of 128, stored transposed, 4 B
  // values + 2-bit metadata = 4.25 B per entry). The dense x^T (36864 B)
  // does not fit a 32 KiB cache, the 72 x 65 partial sums (18720 B) do. E[nnz(W)] = 65 * 128 / 2 = 4160; effectual MACs =
  // 128 * 72 * 32.5 = 299520.
  CostInput in;
  in.m = 72;
  in.n = 65;
  in.k = 128;
  in.counts = estimateMatmul(OperandPattern::dense(72, 128),
                             OperandPattern::assumed(128, 65, 0.5));
  in.a = {4.0, true};
  in.b = {4.25, false};
  MachineModel machine;
  machine.entryOverhead = 0; // the sparse model alone (DenseAlternative*)
  machine.cacheBytes = 32768;
  // Run-time conversions (what the analysis adds from the plans): every
  // dataflow transposes x (2 * 9216 * 4 B = 73728 B); outer also re-lays
  // the nm weight out as CSR rows (2 * 4160 * 4.25 B = 35360 B).
  CostInput rowIn = in, outerIn = in;
  rowIn.conversionBytes = 73728;
  outerIn.conversionBytes = 73728 + 35360;
  DataflowCostEstimate row = estimateDataflow(DataflowKind::Row, rowIn, machine);
  DataflowCostEstimate outer =
      estimateDataflow(DataflowKind::Outer, outerIn, machine);
  // Both run 299520 MACs on 8 lanes (72 = 9 full vectors): 18720 ns.
  EXPECT_DOUBLE_EQ(row.computeNs, 18720);
  EXPECT_DOUBLE_EQ(outer.computeNs, 18720);
  // Row: W 4160 * 4.25 = 17680 + x^T 36864 once per 64 lines of W, twice
  // for 65 lines + C 65 * 72 * 4 = 18720 + 73728 = 183856 B = 18385.6 ns;
  // 37105.6 ns.
  EXPECT_DOUBLE_EQ(row.memoryBytes, 183856);
  EXPECT_DOUBLE_EQ(row.totalNs(), 37105.6);
  // Outer: 17680 + 36864 once + 18720 + 109088 = 182352 B = 18235.2 ns,
  // and 2 * 299520 partial sums * 4 B = 2396160 B in the cache at 64 GB/s
  // = 37440 ns; 74395.2 ns. (Without the partial sums outer would cost
  // 36955.2 ns and beat row, which it does not when measured.)
  EXPECT_DOUBLE_EQ(outer.memoryBytes, 182352);
  EXPECT_DOUBLE_EQ(outer.cacheBytes, 2396160);
  EXPECT_DOUBLE_EQ(outer.totalNs(), 74395.2);
  EXPECT_EQ(rankDataflows(estimateDataflow(DataflowKind::Inner, rowIn, machine),
                          outer, row)
                .best,
            DataflowKind::Row);
}

TEST(DataflowCostTest, RunTimeConversionIsMemoryTraffic) {
  MachineModel machine;
  machine.entryOverhead = 0; // the sparse model alone (DenseAlternative*)
  CostInput in = sparseWeight();
  in.conversionBytes = 200; // e.g. a run-time transpose of some operand
  DataflowCostEstimate e = estimateDataflow(DataflowKind::Row, in, machine);
  EXPECT_EQ(e.memoryBytes, 256 + 200);
  EXPECT_EQ(e.conversionBytes, 200);
  DataflowCostResult r =
      rankDataflows(estimateDataflow(DataflowKind::Inner, sparseWeight(), machine),
                    estimateDataflow(DataflowKind::Outer, sparseWeight(), machine),
                    e);
  // Row now costs 4 + 45.6 = 49.6 ns, more than inner (29.6 ns).
  EXPECT_EQ(r.best, DataflowKind::Inner);
}

TEST(DataflowCostTest, Names) {
  EXPECT_STREQ(getDataflowKindName(DataflowKind::Inner), "inner");
  EXPECT_STREQ(getDataflowKindName(DataflowKind::Outer), "outer");
  EXPECT_STREQ(getDataflowKindName(DataflowKind::Row), "row");
}

TEST(DataflowCostTest, DenseAlternativeConstantVersusRunTime) {
  // A [16, 16] at density 0.5 (128 entries of 8 B, 4-byte values) times a
  // dense B [16, 16], f32, 8 lanes (256 bits).
  CostInput in;
  in.m = in.n = in.k = 16;
  in.counts = estimateMatmul(OperandPattern::assumed(16, 16, 0.5),
                             OperandPattern::dense(16, 16));
  in.a = {8.0, false, 4.0, true};
  in.b = {4.0, true};
  MachineModel machine; // gemm 2.44 MAC/ns/lane, 3 overhead steps
  // Row: 2048 MACs / 8 lanes = 256 steps, plus 3 steps per entry of A (128)
  // per column chunk of B (N = 16 < one 64-wide tile: one chunk of 2
  // whole vectors) = 384: 640 steps / 2 = 320 ns; memory A 1024 + B 1024
  // + C 1024 B = 307.2 ns; 627.2 ns.
  DataflowCostEstimate row = estimateDataflow(DataflowKind::Row, in, machine);
  EXPECT_DOUBLE_EQ(row.overheadOps, 384);
  EXPECT_DOUBLE_EQ(row.totalNs(), 627.2);
  // Dense: 4096 MACs on 8 lanes at 2.44 = 209.836 ns; A and B dense 1024 B
  // each, C 1024 B: 307.2 ns; nothing to decompress at run time (a
  // constant): 517.04 ns, cheaper than row.
  DataflowCostEstimate dense = estimateDenseGemm(in, machine);
  EXPECT_DOUBLE_EQ(dense.ops, 4096);
  EXPECT_DOUBLE_EQ(dense.lanes, 8);
  EXPECT_DOUBLE_EQ(dense.conversionBytes, 0);
  EXPECT_NEAR(dense.totalNs(), 4096 / (2.44 * 8) + 307.2, 1e-9);
  DataflowCostResult r = estimateDataflowCost(in, machine);
  rankWithDense(r, dense);
  EXPECT_EQ(r.best, DataflowKind::Dense);
  EXPECT_EQ(r.reason.rfind("dense: the dense GEMM", 0), 0u) << r.reason;
  // A run-time A is scattered: 128 entries * 8 B read + 2 * 256 * 4 B
  // written = 3072 B more, 307.2 ns: 824.24 ns, row wins.
  in.a.constant = false;
  dense = estimateDenseGemm(in, machine);
  EXPECT_DOUBLE_EQ(dense.conversionBytes, 3072);
  EXPECT_NEAR(dense.totalNs(), 4096 / (2.44 * 8) + 614.4, 1e-9);
  r = estimateDataflowCost(in, machine);
  rankWithDense(r, dense);
  EXPECT_EQ(r.best, DataflowKind::Row);
  EXPECT_NE(r.reason.find("is not cheaper"), std::string::npos) << r.reason;
  // Masked edges: N = 12 on 8 lanes is 2 vector steps, 6 lanes.
  in.n = 12;
  in.counts = estimateMatmul(OperandPattern::assumed(16, 16, 0.5),
                             OperandPattern::dense(16, 12));
  EXPECT_DOUBLE_EQ(estimateDenseGemm(in, machine).lanes, 6);
  EXPECT_STREQ(getDataflowKindName(DataflowKind::Dense), "dense");
}

} // namespace
