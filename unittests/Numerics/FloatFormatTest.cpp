//===- FloatFormatTest.cpp - Narrowing checked against llvm::APFloat ------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// llvm::APFloat is an independent, software IEEE implementation; SparQ's fast
// narrowing must agree with its round-to-nearest-even conversion bit for bit,
// overflow rules included, over special values and a sweep of f32 patterns.
//
//===----------------------------------------------------------------------===//

#include "sparq/Numerics/FloatFormat.h"

#include "llvm/ADT/APFloat.h"
#include "gtest/gtest.h"

#include <cmath>
#include <cstring>
#include <limits>

using namespace sparq::numerics;

namespace {

const llvm::fltSemantics &semantics(FloatFormat format) {
  switch (format) {
  case FloatFormat::F16:
    return llvm::APFloat::IEEEhalf();
  case FloatFormat::BF16:
    return llvm::APFloat::BFloat();
  case FloatFormat::TF32:
    return llvm::APFloat::FloatTF32();
  case FloatFormat::F8E4M3FN:
    return llvm::APFloat::Float8E4M3FN();
  case FloatFormat::F8E5M2:
    return llvm::APFloat::Float8E5M2();
  }
  return llvm::APFloat::IEEEsingle();
}

/// APFloat's answer: (value as f32, bits in the narrow format).
std::pair<float, uint32_t> reference(float x, FloatFormat format) {
  llvm::APFloat value(x);
  bool losesInfo;
  value.convert(semantics(format), llvm::APFloat::rmNearestTiesToEven,
                &losesInfo);
  uint32_t bits = value.bitcastToAPInt().getZExtValue();
  llvm::APFloat wide = value;
  wide.convert(llvm::APFloat::IEEEsingle(), llvm::APFloat::rmNearestTiesToEven,
               &losesInfo);
  return {wide.convertToFloat(), bits};
}

void expectSame(float x, FloatFormat format) {
  auto [expected, expectedBits] = reference(x, format);
  float actual = roundToFormat(x, format);
  if (std::isnan(expected)) {
    EXPECT_TRUE(std::isnan(actual)) << "x = " << x;
    return;
  }
  uint32_t a, e;
  std::memcpy(&a, &actual, 4);
  std::memcpy(&e, &expected, 4);
  EXPECT_EQ(a, e) << "x = " << x << " (" << std::hexfloat << x << ")";
  EXPECT_EQ(encodeFloat(x, format), expectedBits) << "x = " << x;
}

const FloatFormat kFormats[] = {FloatFormat::F16, FloatFormat::BF16,
                                FloatFormat::TF32, FloatFormat::F8E4M3FN,
                                FloatFormat::F8E5M2};

TEST(FloatFormatTest, SpecialValues) {
  const float inf = std::numeric_limits<float>::infinity();
  const float specials[] = {0.0f,
                            -0.0f,
                            1.0f,
                            -1.0f,
                            65504.0f,
                            65519.0f,
                            65520.0f,
                            448.0f,
                            464.0f,
                            465.0f,
                            57344.0f,
                            61439.0f,
                            61440.0f,
                            1e-8f,
                            -3e-5f,
                            std::numeric_limits<float>::max(),
                            std::numeric_limits<float>::denorm_min(),
                            inf,
                            -inf,
                            0.1f,
                            1.0f / 3.0f};
  for (FloatFormat format : kFormats)
    for (float x : specials)
      expectSame(x, format);
}

TEST(FloatFormatTest, KnownRoundings) {
  // Halfway between 1 and the next f16 (1 + 2^-10) rounds to even (1).
  EXPECT_EQ(roundToFormat(1.0f + 0x1p-11f, FloatFormat::F16), 1.0f);
  EXPECT_EQ(roundToFormat(1.0f + 3 * 0x1p-11f, FloatFormat::F16),
            1.0f + 0x1p-9f);
  EXPECT_TRUE(std::isinf(roundToFormat(65520.0f, FloatFormat::F16)));
  EXPECT_EQ(roundToFormat(65519.0f, FloatFormat::F16), 65504.0f);
  EXPECT_TRUE(std::isnan(roundToFormat(500.0f, FloatFormat::F8E4M3FN)));
  EXPECT_EQ(roundToFormat(460.0f, FloatFormat::F8E4M3FN), 448.0f);
  EXPECT_EQ(encodeFloat(448.0f, FloatFormat::F8E4M3FN), 0x7Eu);
  EXPECT_EQ(encodeFloat(-2.0f, FloatFormat::BF16), 0xC000u);
}

TEST(FloatFormatTest, SweepOfBitPatterns) {
  // A deterministic sweep over sign, exponent and mantissa bit patterns.
  uint32_t state = 12345;
  for (int i = 0; i < 200000; ++i) {
    state = state * 1664525u + 1013904223u;
    float x;
    std::memcpy(&x, &state, 4);
    for (FloatFormat format : kFormats)
      expectSame(x, format);
  }
}

TEST(FloatFormatTest, Parse) {
  EXPECT_EQ(parseFloatFormat("tf32"), FloatFormat::TF32);
  EXPECT_EQ(parseFloatFormat("f8E4M3FN"), FloatFormat::F8E4M3FN);
  EXPECT_FALSE(parseFloatFormat("f8E4M3").has_value());
}

} // namespace
