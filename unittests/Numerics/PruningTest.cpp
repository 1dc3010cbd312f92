//===- PruningTest.cpp - Magnitude pruning, computed by hand --------------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#include "sparq/Numerics/Pruning.h"

#include "gtest/gtest.h"

using namespace sparq::numerics;

namespace {

/// B[K, N] of a matmul C = X * B: reduction axis 0, output axis 1.
WeightAxes rhsMatrix(int64_t k, int64_t n) {
  WeightAxes axes;
  axes.shape = {k, n};
  axes.outputAxis = 1;
  axes.reductionAxes = {0};
  return axes;
}

/// An HWCF conv filter.
WeightAxes hwcf(int64_t kh, int64_t kw, int64_t c, int64_t f) {
  WeightAxes axes;
  axes.shape = {kh, kw, c, f};
  axes.outputAxis = 3;
  axes.reductionAxes = {0, 1, 2};
  axes.kernelHeightAxis = 0;
  axes.kernelWidthAxis = 1;
  axes.inputChannelAxis = 2;
  return axes;
}

PruneRequest request(PruneStructure structure, double sparsity) {
  PruneRequest r;
  r.structure = structure;
  r.sparsity = sparsity;
  return r;
}

TEST(PruningTest, UnstructuredSmallestMagnitudes) {
  // round(0.5 * 6) = 3 entries: 0.5, 1, and of the tied 2 / -2 the higher
  // index.
  std::vector<float> w = {1, -5, 2, 0.5f, 3, -2};
  PruneResult r = prune(w.data(), rhsMatrix(3, 2),
                        request(PruneStructure::Unstructured, 0.5));
  EXPECT_EQ(r.error, "");
  EXPECT_EQ(w, (std::vector<float>{0, -5, 2, 0, 3, 0}));
  EXPECT_EQ(r.zeros, 3);
  EXPECT_DOUBLE_EQ(r.achievedSparsity(), 0.5);
}

TEST(PruningTest, UnstructuredTiesKeepLowerIndex) {
  std::vector<float> w = {1, 1, 1, 1};
  prune(w.data(), rhsMatrix(2, 2), request(PruneStructure::Unstructured, 0.5));
  EXPECT_EQ(w, (std::vector<float>{1, 1, 0, 0}));
}

TEST(PruningTest, UnstructuredRoundsHalfToEven) {
  // 0.5 * 5 = 2.5 -> 2 entries.
  std::vector<float> w = {5, 4, 3, 2, 1};
  WeightAxes axes = rhsMatrix(5, 1);
  PruneResult r =
      prune(w.data(), axes, request(PruneStructure::Unstructured, 0.5));
  EXPECT_EQ(r.groupsPruned, 2);
  EXPECT_EQ(w, (std::vector<float>{5, 4, 3, 0, 0}));
}

TEST(PruningTest, NMAlongTheReductionOfTheRightOperand) {
  // Columns of B[4, 2] are the groups: [1, -3, 2, 0.5] keeps -3 and 2;
  // [4, 4, 1, 4] keeps the first two 4s (ties keep the lower index).
  std::vector<float> w = {1, 4, -3, 4, 2, 1, 0.5f, 4};
  PruneRequest r = request(PruneStructure::NM, 0);
  r.n = 2;
  r.m = 4;
  PruneResult result = prune(w.data(), rhsMatrix(4, 2), r);
  EXPECT_EQ(w, (std::vector<float>{0, 4, -3, 4, 2, 0, 0, 0}));
  EXPECT_EQ(result.groups, 2);
  EXPECT_EQ(result.zeros, 4);
}

TEST(PruningTest, NMAlongTheReductionOfTheLeftOperand) {
  // W[2, 8] in C = W * X: reduction axis 1, so groups run along rows. 1:4.
  WeightAxes axes;
  axes.shape = {2, 8};
  axes.outputAxis = 0;
  axes.reductionAxes = {1};
  std::vector<float> w = {1, 2, 3, 4, 8, 7, 6, 5, -9, 0, 0, 1, 0, 0, 0, 0};
  PruneRequest r = request(PruneStructure::NM, 0);
  r.n = 1;
  r.m = 4;
  prune(w.data(), axes, r);
  EXPECT_EQ(
      w, (std::vector<float>{0, 0, 0, 4, 8, 0, 0, 0, -9, 0, 0, 0, 0, 0, 0, 0}));
}

TEST(PruningTest, FilterByL2Norm) {
  // Column norms^2: 25, 2, 4; round(0.34 * 3) = 1 filter: column 1.
  std::vector<float> w = {3, 1, 0, 4, 1, 2};
  PruneResult r =
      prune(w.data(), rhsMatrix(2, 3), request(PruneStructure::Filter, 0.34));
  EXPECT_EQ(w, (std::vector<float>{3, 0, 0, 4, 0, 2}));
  EXPECT_EQ(r.groups, 3);
  EXPECT_EQ(r.groupsPruned, 1);
}

TEST(PruningTest, ShapePrunesIm2colRows) {
  // Row norms^2 of B[3, 2]: 2, 50, 1 -> prune 2 rows (0.5 * 3 = 1.5 -> 2).
  std::vector<float> w = {1, 1, 5, 5, 1, 0};
  prune(w.data(), rhsMatrix(3, 2), request(PruneStructure::Shape, 0.5));
  EXPECT_EQ(w, (std::vector<float>{0, 0, 5, 5, 0, 0}));
}

TEST(PruningTest, Blocks) {
  // 4x4 matrix, 2x2 blocks with norms^2 (row-major blocks): 4, 400, 36, 0.
  std::vector<float> w = {1, 1, 10, 10, //
                          1, 1, 10, 10, //
                          3, 3, 0,  0,  //
                          3, 3, 0,  0};
  PruneRequest r = request(PruneStructure::Block, 0.5);
  r.blockRows = 2;
  r.blockCols = 2;
  PruneResult result = prune(w.data(), rhsMatrix(4, 4), r);
  EXPECT_EQ(w, (std::vector<float>{0, 0, 10, 10, 0, 0, 10, 10, 3, 3, 0, 0, 3, 3,
                                   0, 0}));
  EXPECT_EQ(result.groups, 4);
}

TEST(PruningTest, ConvChannelKernelVector) {
  // HWCF [2, 2, 2, 1]: element (kh, kw, c) at index (kh * 2 + kw) * 2 + c.
  // Channel 0 holds 1, 2, 3, 4 (norm^2 30); channel 1 holds 5, 6, 7, 8.
  std::vector<float> base = {1, 5, 2, 6, 3, 7, 4, 8};
  std::vector<float> w = base;
  prune(w.data(), hwcf(2, 2, 2, 1), request(PruneStructure::Channel, 0.5));
  EXPECT_EQ(w, (std::vector<float>{0, 5, 0, 6, 0, 7, 0, 8}));

  // Kernel: with one filter a kernel is a channel; 0.5 of 2 kernels = 1.
  w = base;
  PruneResult r =
      prune(w.data(), hwcf(2, 2, 2, 1), request(PruneStructure::Kernel, 0.5));
  EXPECT_EQ(r.groups, 2);
  EXPECT_EQ(w, (std::vector<float>{0, 5, 0, 6, 0, 7, 0, 8}));

  // Vector: kernel rows (c, kh): norms^2 (0,0)=5, (0,1)=25, (1,0)=61,
  // (1,1)=113; prune 0.5 * 4 = 2 rows: (0,0) and (0,1).
  w = base;
  r = prune(w.data(), hwcf(2, 2, 2, 1), request(PruneStructure::Vector, 0.5));
  EXPECT_EQ(r.groups, 4);
  EXPECT_EQ(w, (std::vector<float>{0, 5, 0, 6, 0, 7, 0, 8}));
  w = base;
  prune(w.data(), hwcf(2, 2, 2, 1), request(PruneStructure::Vector, 0.25));
  EXPECT_EQ(w, (std::vector<float>{0, 5, 0, 6, 3, 7, 4, 8}));
}

TEST(PruningTest, NMOnConvFollowsIm2colRows) {
  // HWCF [1, 1, 4, 1]: the im2col rows are the 4 channels: 2:4 keeps 2.
  std::vector<float> w = {0.1f, -7, 3, 0.2f};
  PruneRequest r = request(PruneStructure::NM, 0);
  prune(w.data(), hwcf(1, 1, 4, 1), r);
  EXPECT_EQ(w, (std::vector<float>{0, -7, 3, 0}));
}

TEST(PruningTest, Errors) {
  std::vector<float> w(12, 1.0f);
  EXPECT_EQ(prune(w.data(), rhsMatrix(6, 2),
                  request(PruneStructure::Unstructured, 1.0))
                .error,
            "sparsity must be in [0, 1), got 1.000000");
  PruneRequest nm = request(PruneStructure::NM, 0);
  EXPECT_EQ(
      prune(w.data(), rhsMatrix(6, 2), nm).error,
      "nm pruning needs the reduction size (6) to be a multiple of m = 4");
  nm.n = 4;
  EXPECT_EQ(prune(w.data(), rhsMatrix(8, 1), nm).error,
            "nm pruning needs 0 < n < m, got n = 4, m = 4");
  PruneRequest block = request(PruneStructure::Block, 0.5);
  EXPECT_EQ(prune(w.data(), rhsMatrix(6, 2), block).error,
            "block 4x4 does not tile the 6x2 weight matrix");
  EXPECT_NE(
      prune(w.data(), rhsMatrix(6, 2), request(PruneStructure::Kernel, 0.5))
          .error,
      "");
  // A failed request leaves the data alone.
  EXPECT_EQ(w, std::vector<float>(12, 1.0f));
}

} // namespace
