//===- KMeansTest.cpp - Deterministic k-means codebooks -------------------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// Expected codebooks are Lloyd iterations done by hand.
//
//===----------------------------------------------------------------------===//

#include "sparq/Numerics/KMeans.h"

#include "gtest/gtest.h"

using namespace sparq::numerics;

namespace {

TEST(KMeansTest, PinsZeroAndClustersNonzeros) {
  // Zeros pin centroid 0; the rest start at 1, 3.1, 5.2. Iteration 1 puts
  // {1, 1.1} and {5, 5.2} together (3.1 stays empty), giving 1.05 and 5.1;
  // iteration 2 changes no assignment.
  std::vector<float> w = {0, 0, 1, 1.1f, 5, 5.2f};
  std::vector<uint32_t> idx(w.size());
  Codebook book =
      kmeansQuantize(w.data(), GroupLayout::tensor({6}),
                     {/*bits=*/2, /*keepZero=*/true, 100}, idx.data());
  ASSERT_EQ(book.centroids.size(), 4u);
  EXPECT_EQ(book.centroids[0], 0.0f);
  EXPECT_FLOAT_EQ(book.centroids[1], 1.05f);
  EXPECT_FLOAT_EQ(book.centroids[2], 3.1f);
  EXPECT_FLOAT_EQ(book.centroids[3], 5.1f);
  EXPECT_EQ(idx, (std::vector<uint32_t>{0, 0, 1, 1, 3, 3}));
  EXPECT_EQ(book.iterations, 2u);
  EXPECT_TRUE(book.converged);
}

TEST(KMeansTest, TiesGoToLowerIndex) {
  // Centroids start at 0 and 2; 1 is equidistant and joins centroid 0.
  std::vector<float> w = {0, 1, 2};
  std::vector<uint32_t> idx(3);
  Codebook book =
      kmeansQuantize(w.data(), GroupLayout::tensor({3}),
                     {/*bits=*/1, /*keepZero=*/false, 100}, idx.data());
  EXPECT_FLOAT_EQ(book.centroids[0], 0.5f);
  EXPECT_FLOAT_EQ(book.centroids[1], 2.0f);
  EXPECT_EQ(idx, (std::vector<uint32_t>{0, 0, 1}));
}

TEST(KMeansTest, PerChannelCodebooks) {
  // Two channels (columns), 1-bit codebooks each: column 0 {1, 3}, column 1
  // {-2, 8}.
  std::vector<float> w = {1, -2, 3, 8};
  std::vector<uint32_t> idx(4);
  Codebook book =
      kmeansQuantize(w.data(), GroupLayout::channel({2, 2}, 1),
                     {/*bits=*/1, /*keepZero=*/true, 100}, idx.data());
  EXPECT_EQ(book.centroids, (std::vector<float>{1, 3, -2, 8}));
  EXPECT_EQ(idx, (std::vector<uint32_t>{0, 0, 1, 1}));
}

TEST(KMeansTest, IterationCap) {
  std::vector<float> w;
  for (int i = 0; i < 100; ++i)
    w.push_back(static_cast<float>(i * i % 37));
  std::vector<uint32_t> idx(w.size());
  Codebook book =
      kmeansQuantize(w.data(), GroupLayout::tensor({100}),
                     {/*bits=*/3, /*keepZero=*/false, 1}, idx.data());
  EXPECT_EQ(book.iterations, 1u);
  EXPECT_FALSE(book.converged);
}

TEST(KMeansTest, Deterministic) {
  std::vector<float> w;
  for (int i = 0; i < 1000; ++i)
    w.push_back(static_cast<float>((i * 7919) % 1000) / 100.0f - 5.0f);
  std::vector<uint32_t> a(w.size()), b(w.size());
  Codebook first = kmeansQuantize(w.data(), GroupLayout::tensor({1000}),
                                  {4, true, 100}, a.data());
  Codebook second = kmeansQuantize(w.data(), GroupLayout::tensor({1000}),
                                   {4, true, 100}, b.data());
  EXPECT_EQ(first.centroids, second.centroids);
  EXPECT_EQ(a, b);
  // The data hold exact zeros, so centroid 0 is the pinned zero; every other
  // value points at its nearest centroid among the free ones.
  EXPECT_EQ(first.centroids[0], 0.0f);
  for (size_t i = 0; i < w.size(); ++i) {
    if (w[i] == 0.0f) {
      EXPECT_EQ(a[i], 0u);
      continue;
    }
    for (size_t c = 1; c < first.centroids.size(); ++c)
      EXPECT_LE(std::abs(w[i] - first.centroids[a[i]]),
                std::abs(w[i] - first.centroids[c]));
  }
}

} // namespace
