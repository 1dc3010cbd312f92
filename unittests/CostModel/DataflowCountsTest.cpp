//===- DataflowCountsTest.cpp - Dataflow counts, computed by hand ---------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#include "sparq/CostModel/DataflowCounts.h"

#include "gtest/gtest.h"

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

} // namespace
