//===- PEWorkCountsTest.cpp - PE events of small matmuls, by hand ---------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#include "sparq/CostModel/PEWorkCounts.h"

#include "gtest/gtest.h"

using namespace sparq::cost;

namespace {

TEST(PEWorkCountsTest, BitFusionCountsEveryProduct) {
  PEEvents ev = countBitFusionMatmul(2, 3, 4, 8, 2);
  ASSERT_EQ(ev.fusedProducts.size(), 1u);
  EXPECT_EQ(ev.fusedProducts.at({8, 2}), 24);
  EXPECT_EQ(ev.skippedWork, 0);
}

TEST(PEWorkCountsTest, DrqCountsSensitiveElementsTimesN) {
  // 2 x 4 activations, 3 sensitive elements, N = 5.
  const bool mask[] = {true, false, false, true, false, false, true, false};
  PEEvents ev = countDrqMatmul(mask, 2, 4, 5);
  EXPECT_EQ(ev.macProducts.at({8, 8}), 15);
  EXPECT_EQ(ev.macProducts.at({4, 8}), 25);
}

TEST(PEWorkCountsTest, AtomsCountNonzeroAtomPairs) {
  // A = [5, -4] (4-bit: atoms 01 01 and 01 00), W = [[3, 0], [-1, 6]]
  // (atoms: 3 -> 1, 0 -> 0, -1 -> 1, 6 = 01 10 -> 2).
  // k = 0: 2 * (1 + 0) = 2 pairs; k = 1: 1 * (1 + 2) = 3 pairs.
  const int64_t a[] = {5, -4};
  const int64_t w[] = {3, 0, -1, 6};
  PEEvents ev = countAtomMatmul(a, 1, 2, 4, w, 2, 4);
  EXPECT_EQ(ev.atomPairs, 5);
  // Products with both operands nonzero: 5*3, -4*-1, -4*6.
  EXPECT_EQ(ev.atomProducts.at({4, 4}), 3);
  // 1 * 2 * 2 products of 2 x 2 atom pairs each = 16 possible.
  EXPECT_EQ(ev.skippedWork, 16 - 5);
  // A brute-force count over (m, k, n) agrees.
  int64_t brute = 0;
  for (int kk = 0; kk < 2; ++kk)
    for (int j = 0; j < 2; ++j)
      brute += nonzeroAtoms(a[kk] < 0 ? -a[kk] : a[kk]) *
               nonzeroAtoms(w[kk * 2 + j] < 0 ? -w[kk * 2 + j] : w[kk * 2 + j]);
  EXPECT_EQ(brute, 5);
}

TEST(PEWorkCountsTest, AtomsOfEightBitExtremes) {
  // -128 = 10 00 00 00 (1 atom), 127 = 01 11 11 11 (4 atoms).
  const int64_t a[] = {-128, 127};
  const int64_t w[] = {127, -128};
  PEEvents ev = countAtomMatmul(a, 1, 2, 8, w, 1, 8);
  EXPECT_EQ(ev.atomPairs, 1 * 4 + 4 * 1);
  EXPECT_EQ(ev.skippedWork, 2 * 16 - 8);
}

TEST(PEWorkCountsTest, BitmapJoinCountsBothSetPositions) {
  // A = [[1, 0, 2], [0, 3, 0]], W = [[1, 0], [0, 4], [5, 6]].
  const float a[] = {1, 0, 2, 0, 3, 0};
  const float w[] = {1, 0, 0, 4, 5, 6};
  PEEvents ev = countBitmapJoinMatmul(Pattern::fromDense(a, 2, 3),
                                      Pattern::fromDense(w, 3, 2), 8, 8);
  EXPECT_EQ(ev.joinProducts.at({8, 8}), 4); // C00: k=0,2; C01: k=2; C11: k=1
  EXPECT_EQ(ev.bitmapWords, 2 * 2 * 1);
  EXPECT_EQ(ev.skippedWork, 12 - 4);
  // K = 130 needs 3 words per output.
  PEEvents wide = countBitmapJoinMatmul(Pattern::dense(1, 130),
                                        Pattern::dense(130, 2), 4, 4);
  EXPECT_EQ(wide.bitmapWords, 1 * 2 * 3);
  EXPECT_EQ(wide.joinProducts.at({4, 4}), 260);
  EXPECT_EQ(wide.skippedWork, 0);
}

} // namespace
