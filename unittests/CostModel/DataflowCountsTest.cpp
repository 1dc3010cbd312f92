//===- DataflowCountsTest.cpp - Dataflow counts, computed by hand ---------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#include "sparq/CostModel/DataflowCounts.h"

#include "gtest/gtest.h"

#include <random>

using namespace sparq::cost;

namespace {

// A = [[1, 0, 2], [0, 3, 0]], B = [[1, 0], [0, 4], [5, 6]].
const float kA[] = {1, 0, 2, 0, 3, 0};
const float kB[] = {1, 0, 0, 4, 5, 6};

TEST(DataflowCountsTest, HandComputedSparseTimesSparse) {
  Pattern a = Pattern::fromDense(kA, 2, 3);
  Pattern b = Pattern::fromDense(kB, 3, 2);
  std::string error;
  MatmulCounts c = countMatmul(a, b, &error);
  ASSERT_EQ(error, "");
  // nnz(A[:, k]) = 1, 1, 1 and nnz(B[k, :]) = 1, 1, 2: 4 effectual MACs
  // (C[0,0] = 1*1 + 2*5, C[0,1] = 2*6, C[1,1] = 3*4).
  EXPECT_EQ(c.inner.effectualMacs, 4);
  EXPECT_EQ(c.outer.effectualMacs, 4);
  EXPECT_EQ(c.row.effectualMacs, 4);
  // Inner: N * nnz(A) = 6, M * nnz(B) = 8, M * N = 4 writes. Merges:
  // (0,0) {0,2}x{0,2}: 2 steps; (0,1) {0,2}x{1,2}: 3; (1,0) {1}x{0,2}: 2;
  // (1,1) {1}x{1,2}: 1.
  EXPECT_EQ(c.inner.aReads, 6);
  EXPECT_EQ(c.inner.bReads, 8);
  EXPECT_EQ(c.inner.intersectionSteps, 8);
  EXPECT_EQ(c.inner.cWrites, 4);
  EXPECT_EQ(c.inner.psum, PsumGranularity::Scalar);
  // Outer: each operand read once; every product is a partial product.
  EXPECT_EQ(c.outer.aReads, 3);
  EXPECT_EQ(c.outer.bReads, 4);
  EXPECT_EQ(c.outer.partialProducts, 4);
  EXPECT_EQ(c.outer.psum, PsumGranularity::Matrix);
  // Row-wise: a row of B per nonzero of A.
  EXPECT_EQ(c.row.aReads, 3);
  EXPECT_EQ(c.row.bReads, 4);
  EXPECT_EQ(c.row.cWrites, 4);
  EXPECT_EQ(c.row.psum, PsumGranularity::Row);
}

TEST(DataflowCountsTest, DenseOperandCountsEveryEntry) {
  Pattern a = Pattern::fromDense(kA, 2, 3);
  Pattern b = Pattern::dense(3, 2);
  MatmulCounts c = countMatmul(a, b);
  EXPECT_EQ(c.inner.effectualMacs, 6); // 1*2 + 1*2 + 1*2
  EXPECT_EQ(c.inner.bReads, 2 * 6);
  EXPECT_EQ(c.row.bReads, 6);
  // Each column of B is {0, 1, 2}. Row 0 {0, 2}: match 0, skip 1, match 2
  // = 3 steps; row 1 {1}: skip 0, match 1 = 2 steps; two columns each.
  EXPECT_EQ(c.inner.intersectionSteps, 2 * 3 + 2 * 2);
}

TEST(DataflowCountsTest, EmptyRowsAndColumns) {
  const float zeros[] = {0, 0, 0, 0};
  Pattern a = Pattern::fromDense(zeros, 2, 2);
  Pattern b = Pattern::fromDense(zeros, 2, 2);
  MatmulCounts c = countMatmul(a, b);
  EXPECT_EQ(c.inner.effectualMacs, 0);
  EXPECT_EQ(c.inner.intersectionSteps, 0);
  EXPECT_EQ(c.inner.cWrites, 4);
  EXPECT_EQ(c.outer.partialProducts, 0);
}

TEST(DataflowCountsTest, Transposed) {
  Pattern b = Pattern::fromDense(kB, 3, 2);
  Pattern t = b.transposed();
  EXPECT_EQ(t.rows, 2);
  EXPECT_EQ(t.rowPtr, (std::vector<int64_t>{0, 2, 4}));
  EXPECT_EQ(t.colIdx, (std::vector<int64_t>{0, 2, 1, 2}));
  EXPECT_EQ(t.validate(), "");
}

TEST(DataflowCountsTest, Errors) {
  Pattern a = Pattern::fromDense(kA, 2, 3);
  std::string error;
  countMatmul(a, a, &error);
  EXPECT_EQ(error, "A has 3 columns but B has 2 rows");
  Pattern bad = a;
  bad.colIdx[1] = 0; // row 0 becomes {0, 0}
  EXPECT_EQ(bad.validate(), "columns not strictly ascending in row 0");
  bad = a;
  bad.rowPtr[2] = 7;
  EXPECT_EQ(bad.validate(), "row pointers do not span the coordinates");
}

// The closed-form merge count must equal merging every (row, column) pair
// with two pointers (the definition), on random patterns with empty rows and
// columns.
TEST(DataflowCountsTest, ClosedFormMatchesPairwiseMerge) {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 200; ++trial) {
    int64_t m = 1 + rng() % 7, k = 1 + rng() % 9, n = 1 + rng() % 7;
    double da = (rng() % 5) / 4.0, db = (rng() % 5) / 4.0;
    std::vector<float> a(m * k), b(k * n);
    std::bernoulli_distribution pa(da), pb(db);
    for (float &x : a)
      x = pa(rng) ? 1.0f : 0.0f;
    for (float &x : b)
      x = pb(rng) ? 1.0f : 0.0f;
    Pattern pA = Pattern::fromDense(a.data(), m, k);
    Pattern pB = Pattern::fromDense(b.data(), k, n);
    int64_t steps = 0, macs = 0;
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < n; ++j) {
        std::vector<int64_t> row, col;
        for (int64_t kk = 0; kk < k; ++kk) {
          if (a[i * k + kk] != 0)
            row.push_back(kk);
          if (b[kk * n + j] != 0)
            col.push_back(kk);
          macs += a[i * k + kk] != 0 && b[kk * n + j] != 0;
        }
        size_t p = 0, q = 0;
        while (p < row.size() && q < col.size()) {
          ++steps;
          if (row[p] == col[q]) {
            ++p;
            ++q;
          } else if (row[p] < col[q]) {
            ++p;
          } else {
            ++q;
          }
        }
      }
    MatmulCounts c = countMatmul(pA, pB);
    ASSERT_EQ(c.inner.intersectionSteps, steps) << "trial " << trial;
    ASSERT_EQ(c.inner.effectualMacs, macs) << "trial " << trial;
    // A dense operand given by density 1 gives the same exact counts.
    MatmulEstimate e = estimateMatmul(OperandPattern::fromPattern(pA),
                                      OperandPattern::dense(k, n));
    MatmulCounts d = countMatmul(pA, Pattern::dense(k, n));
    ASSERT_TRUE(e.exact);
    ASSERT_EQ(e.inner.intersectionSteps, double(d.inner.intersectionSteps));
    ASSERT_EQ(e.inner.effectualMacs, double(d.inner.effectualMacs));
    e = estimateMatmul(OperandPattern::dense(m, k),
                       OperandPattern::fromPattern(pB));
    d = countMatmul(Pattern::dense(m, k), pB);
    ASSERT_EQ(e.inner.intersectionSteps, double(d.inner.intersectionSteps));
    ASSERT_EQ(e.row.bReads, double(d.row.bReads));
  }
}

TEST(DataflowCountsTest, MergeTrafficAndNames) {
  Pattern a = Pattern::fromDense(kA, 2, 3);
  Pattern b = Pattern::fromDense(kB, 3, 2);
  MatmulCounts c = countMatmul(a, b);
  EXPECT_EQ(c.outer.mergeTraffic, 8); // 4 partial products written + read
  EXPECT_EQ(c.inner.mergeTraffic, 0);
  EXPECT_STREQ(getPsumGranularityName(c.row.psum), "row");
  EXPECT_STREQ(getPsumGranularityName(c.outer.psum), "matrix");
}

// Dense x dense through densities: every merge examines all K coordinates.
TEST(DataflowCountsTest, DenseTimesDenseByDensity) {
  MatmulEstimate e = estimateMatmul(OperandPattern::dense(3, 5),
                                    OperandPattern::dense(5, 2));
  EXPECT_TRUE(e.exact);
  EXPECT_EQ(e.inner.effectualMacs, 30);
  EXPECT_EQ(e.inner.intersectionSteps, 30); // 3 * 2 pairs * 5
  EXPECT_EQ(e.inner.aReads, 2 * 15);
  EXPECT_EQ(e.inner.bReads, 3 * 10);
  EXPECT_EQ(e.outer.mergeTraffic, 60);
  EXPECT_EQ(e.row.bReads, 30);
}

// Expected counts by hand. A is 1 x 2 with density 1/2, B = [[1], [1]]
// exact. The four equally likely rows of A: {} 0 steps, {0} 1 step (0
// matches, A ends), {1} 2 steps (skip 0 in B, match 1), {0, 1} 2 steps:
// expected 5/4; effectual MACs: E[nnz(A[:, k])] = 1/2 times 1, twice = 1.
TEST(DataflowCountsTest, AssumedDensityTimesExactByHand) {
  const float ones[] = {1, 1};
  MatmulEstimate e =
      estimateMatmul(OperandPattern::assumed(1, 2, 0.5),
                     OperandPattern::fromPattern(Pattern::fromDense(ones, 2, 1)));
  EXPECT_FALSE(e.exact);
  EXPECT_DOUBLE_EQ(e.inner.intersectionSteps, 1.25);
  EXPECT_DOUBLE_EQ(e.inner.effectualMacs, 1.0);
  EXPECT_DOUBLE_EQ(e.inner.aReads, 1.0); // N * E[nnz(A)] = 1 * 1
  EXPECT_DOUBLE_EQ(e.row.bReads, 1.0);
  // The same with the operands swapped (B^T * A^T): the merge is symmetric.
  MatmulEstimate t =
      estimateMatmul(OperandPattern::fromPattern(Pattern::fromDense(ones, 1, 2)),
                     OperandPattern::assumed(2, 1, 0.5));
  EXPECT_DOUBLE_EQ(t.inner.intersectionSteps, 1.25);
}

// Both operands random, K = 2, densities 1/2: of the 16 equally likely
// pairs of subsets of {0, 1}, the 7 with an empty set examine nothing;
// {1}x{0, 1} and {0, 1}x{1} and {0, 1}x{0, 1} take 2 steps and the other 6
// take 1 (the merge stops when the shorter list ends): 12 / 16 per pair.
TEST(DataflowCountsTest, AssumedTimesAssumedByHand) {
  MatmulEstimate e = estimateMatmul(OperandPattern::assumed(3, 2, 0.5),
                                    OperandPattern::assumed(2, 4, 0.5));
  EXPECT_FALSE(e.exact);
  EXPECT_DOUBLE_EQ(e.inner.intersectionSteps, 12 * 12.0 / 16.0);
  EXPECT_DOUBLE_EQ(e.inner.effectualMacs, 3 * 2 * 4 * 0.25);
  EXPECT_DOUBLE_EQ(e.outer.aReads, 3.0);
  EXPECT_DOUBLE_EQ(e.outer.bReads, 4.0);
}

// C^T = B^T * A^T of the hand-computed example: nnz(A) = 3, nnz(B) = 4,
// 4 effectual MACs. Row-wise over B^T reads its 4 entries and, per entry
// (k, n) of B, column k of A: 1 + 1 + 1 + 1 = 4 entries.
TEST(DataflowCountsTest, TransposedProduct) {
  MatmulEstimate e =
      estimateMatmul(OperandPattern::fromPattern(Pattern::fromDense(kA, 2, 3)),
                     OperandPattern::fromPattern(Pattern::fromDense(kB, 3, 2)));
  MatmulEstimate t = e.transposed();
  EXPECT_EQ(t.inner.aReads, 8); // M * nnz(B) becomes the left operand's
  EXPECT_EQ(t.inner.bReads, 6);
  EXPECT_EQ(t.inner.intersectionSteps, 8);
  EXPECT_EQ(t.outer.aReads, 4);
  EXPECT_EQ(t.outer.bReads, 3);
  EXPECT_EQ(t.row.aReads, 4);
  EXPECT_EQ(t.row.bReads, 4);
  EXPECT_EQ(t.row.cWrites, 4);
  // The same as counting B^T * A^T directly.
  Pattern at = Pattern::fromDense(kA, 2, 3).transposed();
  Pattern bt = Pattern::fromDense(kB, 3, 2).transposed();
  MatmulCounts d = countMatmul(bt, at);
  EXPECT_EQ(t.row.aReads, double(d.row.aReads));
  EXPECT_EQ(t.row.bReads, double(d.row.bReads));
  EXPECT_EQ(t.inner.aReads, double(d.inner.aReads));
  EXPECT_EQ(t.inner.bReads, double(d.inner.bReads));
  EXPECT_EQ(t.inner.intersectionSteps, double(d.inner.intersectionSteps));
  EXPECT_EQ(t.outer.aReads, double(d.outer.aReads));
}

TEST(DataflowCountsTest, EstimateErrors) {
  std::string error;
  estimateMatmul(OperandPattern::dense(2, 3), OperandPattern::dense(2, 3),
                 &error);
  EXPECT_EQ(error, "A has 3 columns but B has 2 rows");
  estimateMatmul(OperandPattern::assumed(2, 3, 1.5),
                 OperandPattern::dense(3, 3), &error);
  EXPECT_EQ(error, "density must be in [0, 1]");
}

} // namespace
