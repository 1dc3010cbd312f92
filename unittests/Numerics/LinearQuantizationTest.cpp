//===- LinearQuantizationTest.cpp - Rounding, ranges, scales, zero points -===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// Every expected value here is computed by hand from the formulas in
// docs/design.md (scales chosen to be exact so that ties are real ties).
//
//===----------------------------------------------------------------------===//

#include "sparq/Numerics/LinearQuantization.h"

#include "gtest/gtest.h"

#include <cmath>
#include <limits>

using namespace sparq::numerics;

namespace {

std::vector<int32_t> quantize(const std::vector<float> &data,
                              const GroupLayout &layout,
                              const LinearFormat &format,
                              LinearParams *paramsOut = nullptr) {
  LinearParams params = computeLinearParams(data.data(), layout, format);
  std::vector<int32_t> q(data.size());
  quantizeLinear(data.data(), layout, format, params, q.data());
  if (paramsOut)
    *paramsOut = params;
  return q;
}

TEST(RoundingTest, Modes) {
  EXPECT_EQ(roundToIntegral(2.5, Rounding::NearestEven), 2.0);
  EXPECT_EQ(roundToIntegral(3.5, Rounding::NearestEven), 4.0);
  EXPECT_EQ(roundToIntegral(-2.5, Rounding::NearestEven), -2.0);
  EXPECT_EQ(roundToIntegral(2.5, Rounding::NearestAway), 3.0);
  EXPECT_EQ(roundToIntegral(-2.5, Rounding::NearestAway), -3.0);
  EXPECT_EQ(roundToIntegral(2.7, Rounding::TowardZero), 2.0);
  EXPECT_EQ(roundToIntegral(-2.7, Rounding::TowardZero), -2.0);
}

TEST(RoundingTest, SaturateAndNaN) {
  EXPECT_EQ(saturate(300.0, -127, 127, 0), 127);
  EXPECT_EQ(saturate(-300.0, -127, 127, 0), -127);
  EXPECT_EQ(saturate(std::nan(""), 0, 255, 17), 17);
  EXPECT_EQ(saturate(5.0, 0, 255, 0), 5);
}

TEST(RoundingTest, StorageRanges) {
  EXPECT_EQ(getStorageRange(8, true, true).min, -127);
  EXPECT_EQ(getStorageRange(8, true, false).min, -128);
  EXPECT_EQ(getStorageRange(4, false, false).max, 15);
  EXPECT_EQ(getStorageRange(2, true, true).max, 1);
  EXPECT_EQ(getStorageRange(16, false, false).max, 65535);
}

TEST(GroupLayoutTest, Groups) {
  GroupLayout channel = GroupLayout::channel({2, 3}, 1);
  std::vector<int64_t> ids;
  for (int64_t i = 0; i < 6; ++i)
    ids.push_back(channel.groupOf(i));
  EXPECT_EQ(ids, (std::vector<int64_t>{0, 1, 2, 0, 1, 2}));

  GroupLayout alongCols = GroupLayout::group({2, 4}, 1, 2);
  ids.clear();
  for (int64_t i = 0; i < 8; ++i)
    ids.push_back(alongCols.groupOf(i));
  EXPECT_EQ(ids, (std::vector<int64_t>{0, 0, 1, 1, 2, 2, 3, 3}));
  EXPECT_EQ(alongCols.getParamShape(), (std::vector<int64_t>{2, 2}));

  GroupLayout alongRows = GroupLayout::group({4, 3}, 0, 2);
  ids.clear();
  for (int64_t i = 0; i < 12; ++i)
    ids.push_back(alongRows.groupOf(i));
  EXPECT_EQ(ids, (std::vector<int64_t>{0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5}));
  EXPECT_EQ(alongRows.getParamShape(), (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(alongRows.getNumGroups(), 6);
}

TEST(GroupLayoutTest, Validate) {
  EXPECT_EQ(GroupLayout::group({48, 8}, 0, 32).validate(),
            "group size 32 does not divide dimension 0 of size 48");
  EXPECT_EQ(GroupLayout::channel({4, 4}, 2).validate(),
            "axis 2 is out of range for a rank-2 tensor");
  EXPECT_EQ(GroupLayout::group({64, 8}, 0, 32).validate(), "");
}

TEST(LinearQuantizationTest, SymmetricTiesToEven) {
  // max|w| = 3 and B = 3 give scale 3 / 3 = 1 exactly.
  std::vector<float> w = {3, -3, 0.5f, 1.5f, 2.5f, -0.5f, -2.5f, 0};
  LinearFormat format{3, true, true};
  LinearParams params;
  auto q = quantize(w, GroupLayout::tensor({8}), format, &params);
  EXPECT_EQ(params.scales, (std::vector<float>{1.0f}));
  EXPECT_EQ(q, (std::vector<int32_t>{3, -3, 0, 2, 2, 0, -2, 0}));
}

TEST(LinearQuantizationTest, SymmetricTiesAway) {
  std::vector<float> w = {3, -3, 0.5f, 1.5f, 2.5f, -0.5f, -2.5f, 0};
  LinearFormat format{3, true, true, Rounding::NearestAway};
  auto q = quantize(w, GroupLayout::tensor({8}), format);
  EXPECT_EQ(q, (std::vector<int32_t>{3, -3, 1, 2, 3, -1, -3, 0}));
}

TEST(LinearQuantizationTest, AsymmetricUnsigned) {
  // [lo, hi] = [-1, 2], B = 2: scale = 3 / 3 = 1, zp = round(1 / 1) = 1.
  std::vector<float> w = {-1, 0, 2, 0.5f, 1.5f};
  LinearFormat format{2, false, false};
  LinearParams params;
  auto q = quantize(w, GroupLayout::tensor({5}), format, &params);
  EXPECT_EQ(params.scales, (std::vector<float>{1.0f}));
  EXPECT_EQ(params.zeroPoints, (std::vector<int32_t>{1}));
  EXPECT_EQ(q, (std::vector<int32_t>{0, 1, 3, 1, 3}));
}

TEST(LinearQuantizationTest, AsymmetricRangeIncludesZero) {
  // All positive: the range still starts at 0, so zp = 0 and 0 is exact.
  std::vector<float> w = {2, 4};
  LinearFormat format{2, false, false};
  LinearParams params;
  auto q = quantize(w, GroupLayout::tensor({2}), format, &params);
  EXPECT_FLOAT_EQ(params.scales[0], 4.0f / 3.0f);
  EXPECT_EQ(params.zeroPoints[0], 0);
  // The scale is rounded to f32 first (1.33333337...), so 2 / scale is
  // 1.49999997 in double: not a tie, it rounds down to 1.
  EXPECT_EQ(q, (std::vector<int32_t>{1, 3}));
}

TEST(LinearQuantizationTest, AsymmetricSigned) {
  // Signed 4-bit asymmetric: qmin = -8, [lo, hi] = [-3, 12], scale = 15/15.
  std::vector<float> w = {-3, 0, 12};
  LinearFormat format{4, true, false};
  LinearParams params;
  auto q = quantize(w, GroupLayout::tensor({3}), format, &params);
  EXPECT_EQ(params.zeroPoints[0], -5); // -8 + round(3 / 1)
  EXPECT_EQ(q, (std::vector<int32_t>{-8, -5, 7}));
}

TEST(LinearQuantizationTest, PerChannelAndZeroGroup) {
  // Columns are channels; column 1 is all zeros (pruned filter): scale 1.
  std::vector<float> w = {1, 0, -4, 2, 0, 4};
  LinearFormat format{4, true, true};
  LinearParams params;
  auto q = quantize(w, GroupLayout::channel({2, 3}, 1), format, &params);
  EXPECT_FLOAT_EQ(params.scales[0], 2.0f / 7.0f);
  EXPECT_EQ(params.scales[1], 1.0f);
  EXPECT_FLOAT_EQ(params.scales[2], 4.0f / 7.0f);
  // f32(2/7) = 0.28571430..., so 1 / scale = 3.49999994: rounds to 3, not
  // to the 4 an exact 3.5 would give; 2 / scale = 7 and -4 / f32(4/7) = -7
  // after rounding.
  EXPECT_EQ(q, (std::vector<int32_t>{3, 0, -7, 7, 0, 7}));
}

TEST(LinearQuantizationTest, PrunedZerosStayZero) {
  std::vector<float> w = {0, 0.3f, 0, 0.9f, 0, 0.6f};
  LinearFormat format{8, false, false};
  LinearParams params;
  auto q = quantize(w, GroupLayout::tensor({6}), format, &params);
  std::vector<float> back(6);
  dequantizeLinear(q.data(), GroupLayout::tensor({6}), params, back.data());
  EXPECT_EQ(back[0], 0.0f);
  EXPECT_EQ(back[2], 0.0f);
  EXPECT_EQ(back[4], 0.0f);
}

TEST(LinearQuantizationTest, SaturatesWithGivenParams) {
  std::vector<float> w = {100, -100, std::numeric_limits<float>::quiet_NaN()};
  LinearFormat format{4, true, true};
  LinearParams params{{1.0f}, {0}};
  std::vector<int32_t> q(3);
  quantizeLinear(w.data(), GroupLayout::tensor({3}), format, params, q.data());
  EXPECT_EQ(q, (std::vector<int32_t>{7, -7, 0}));
}

} // namespace
