//===- ObserversTest.cpp - Calibration observers and range-to-scale rule --===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// Expected values computed by hand from docs/calibration.md (the lit test
// test/Tools/sparq-calibrate/observers.mlir compares against numpy).
//
//===----------------------------------------------------------------------===//

#include "sparq/Numerics/Observers.h"

#include "gtest/gtest.h"

using namespace sparq::numerics;

namespace {

TEST(ObserversTest, PercentileIsNumpyLinear) {
  std::vector<double> v = {1, 2, 3, 4};
  EXPECT_EQ(percentileOfSorted(v, 50), 2.5);   // i = 1.5: 3 - 1 * 0.5
  EXPECT_EQ(percentileOfSorted(v, 25), 1.75);  // i = 0.75: 2 - 1 * 0.25
  EXPECT_EQ(percentileOfSorted(v, 10), 1.3);   // i = 0.3: 1 + 1 * 0.3
  EXPECT_EQ(percentileOfSorted(v, 100), 4);
  EXPECT_EQ(percentileOfSorted(v, 0), 1);
  EXPECT_EQ(percentileOfSorted({5}, 37), 5);
  EXPECT_EQ(percentileOfSorted({}, 50), 0);
}

TEST(ObserversTest, PercentileRanges) {
  PercentileRange r = observePercentile({3, -4, 0, -1, 2}, 75);
  EXPECT_EQ(r.range.hi, 2);  // sorted -4 -1 0 2 3, i = 3
  EXPECT_EQ(r.range.lo, -1); // 25th: i = 1
  EXPECT_EQ(r.absMax, 3);    // |x| sorted 0 1 2 3 4, i = 3
}

TEST(ObserversTest, MinMax) {
  ObservedRange r = observeMinMax({3, -2, 5});
  EXPECT_EQ(r.lo, -2);
  EXPECT_EQ(r.hi, 5);
  r = observeMinMax({});
  EXPECT_EQ(r.lo, 0);
  EXPECT_EQ(r.hi, 0);
}

TEST(ObserversTest, RangeToScale) {
  float scale;
  int32_t zp;
  computeLinearParamsFromRange(-0.5, 3.96875, {8, true, true}, scale, zp);
  EXPECT_EQ(scale, 0.03125f); // 3.96875 / 127
  EXPECT_EQ(zp, 0);
  computeLinearParamsFromRange(-2, 13.9375, {8, false, false}, scale, zp);
  EXPECT_EQ(scale, 0.0625f); // 15.9375 / 255
  EXPECT_EQ(zp, 32);         // 2 / 0.0625
  // A range that excludes 0 is widened to include it.
  computeLinearParamsFromRange(1, 3.75, {4, false, false}, scale, zp);
  EXPECT_EQ(scale, 0.25f); // [0, 3.75] / 15
  EXPECT_EQ(zp, 0);
  // An empty range gives scale 1.
  computeLinearParamsFromRange(0, 0, {8, true, true}, scale, zp);
  EXPECT_EQ(scale, 1.0f);
}

TEST(ObserversTest, SquaredError) {
  LinearFormat s8{8, true, true};
  EXPECT_EQ(quantizationSquaredError({0.5f, -0.25f}, 0.25f, 0, s8), 0.0);
  // 0.75 / 0.5 = 1.5 rounds to even 2: 1.0 - 0.75 = 0.25.
  EXPECT_EQ(quantizationSquaredError({0.75f}, 0.5f, 0, s8), 0.0625);
  // Saturation at 2 bits symmetric (q in [-1, 1]): 3 -> 1.
  EXPECT_EQ(quantizationSquaredError({3.0f}, 1.0f, 0, {2, true, true}), 4.0);
}

TEST(ObserversTest, MseClipsAnOutlier) {
  // 2-bit symmetric, 6 candidates of max|x| * k / 6. The full range (k = 6)
  // costs 3 * 0.2^2 (the ones round up to 1.2); k = 5 gives scale ~1, which
  // costs only the outlier's 0.2^2; k = 4 costs 3 * 0.2^2 + 0.4^2.
  std::vector<float> v = {1.0f, 1.0f, 1.0f, 1.2f};
  ObservedRange r = observeMse(v, {2, true, true}, 6);
  EXPECT_DOUBLE_EQ(r.hi, double(1.2f) * 5 / 6);
  EXPECT_DOUBLE_EQ(r.lo, -double(1.2f) * 5 / 6);
}

TEST(ObserversTest, MseTiesKeepTheWidestRange) {
  ObservedRange r = observeMse({0.0f, 0.0f}, {8, false, false}, 10);
  EXPECT_EQ(r.lo, 0);
  EXPECT_EQ(r.hi, 0);
  // Values exactly on the full-range grid: every shrunk candidate loses.
  r = observeMse({-1.0f, 0.0f, 1.0f}, {2, true, true}, 4);
  EXPECT_EQ(r.hi, 1.0);
}

} // namespace
