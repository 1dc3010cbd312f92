//===- FloatFormat.cpp - Narrowing to 16- and 8-bit float formats ---------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// One generic rounding routine covers every format: the spacing of
// representable values near |x| is 2^(max(e, emin) - mantissaBits), so
// rounding |x| / spacing to an integer with ties to even (exact in double for
// any f32 input) gives the nearest representable value, subnormals included.
//
//===----------------------------------------------------------------------===//

#include "sparq/Numerics/FloatFormat.h"

#include <cmath>
#include <limits>

namespace sparq::numerics {

namespace {
struct FormatSpec {
  int mantissaBits;
  int exponentBits;
  int bias;
  bool hasInfinity;
  double maxFinite;
  uint32_t nanPattern; ///< canonical quiet NaN, sign bit clear
};
} // namespace

static FormatSpec getSpec(FloatFormat format) {
  switch (format) {
  case FloatFormat::F16:
    return {10, 5, 15, true, 65504.0, 0x7E00};
  case FloatFormat::BF16:
    return {7,     8, 127, true, std::ldexp(2.0 - std::ldexp(1.0, -7), 127),
            0x7FC0};
  case FloatFormat::TF32:
    return {10,     8, 127, true, std::ldexp(2.0 - std::ldexp(1.0, -10), 127),
            0x3FE00};
  case FloatFormat::F8E4M3FN:
    return {3, 4, 7, false, 448.0, 0x7F};
  case FloatFormat::F8E5M2:
    return {2, 5, 15, true, 57344.0, 0x7E};
  }
  return {23, 8, 127, true, std::numeric_limits<float>::max(), 0x7FC00000};
}

std::optional<FloatFormat> parseFloatFormat(std::string_view name) {
  if (name == "f16")
    return FloatFormat::F16;
  if (name == "bf16")
    return FloatFormat::BF16;
  if (name == "tf32")
    return FloatFormat::TF32;
  if (name == "f8E4M3FN")
    return FloatFormat::F8E4M3FN;
  if (name == "f8E5M2")
    return FloatFormat::F8E5M2;
  return std::nullopt;
}

float roundToFormat(float x, FloatFormat format) {
  FormatSpec spec = getSpec(format);
  const float nan = std::numeric_limits<float>::quiet_NaN();
  if (std::isnan(x))
    return x;
  if (std::isinf(x))
    return spec.hasInfinity ? x : nan;
  if (x == 0.0f)
    return x;
  double magnitude = std::fabs(static_cast<double>(x));
  int exponent;
  std::frexp(magnitude, &exponent); // magnitude = f * 2^exponent, f in [0.5, 1)
  int unbiased = std::max(exponent - 1, 1 - spec.bias);
  double spacing = std::ldexp(1.0, unbiased - spec.mantissaBits);
  double rounded = std::nearbyint(magnitude / spacing) * spacing;
  if (rounded > spec.maxFinite)
    return spec.hasInfinity
               ? std::copysign(std::numeric_limits<float>::infinity(), x)
               : nan;
  return static_cast<float>(std::copysign(rounded, static_cast<double>(x)));
}

uint32_t encodeFloat(float x, FloatFormat format) {
  FormatSpec spec = getSpec(format);
  float r = roundToFormat(x, format);
  int width = 1 + spec.exponentBits + spec.mantissaBits;
  uint32_t sign = std::signbit(r) ? uint32_t(1) << (width - 1) : 0;
  uint32_t expMax = (uint32_t(1) << spec.exponentBits) - 1;
  if (std::isnan(r))
    return spec.nanPattern;
  if (std::isinf(r))
    return sign | (expMax << spec.mantissaBits);
  if (r == 0.0f)
    return sign;
  double magnitude = std::fabs(static_cast<double>(r));
  int exponent;
  std::frexp(magnitude, &exponent);
  int unbiased = exponent - 1;
  if (unbiased < 1 - spec.bias) { // subnormal
    double mantissa =
        magnitude / std::ldexp(1.0, 1 - spec.bias - spec.mantissaBits);
    return sign | static_cast<uint32_t>(mantissa);
  }
  double fraction = magnitude / std::ldexp(1.0, unbiased) - 1.0;
  uint32_t mantissa =
      static_cast<uint32_t>(std::ldexp(fraction, spec.mantissaBits));
  return sign |
         (static_cast<uint32_t>(unbiased + spec.bias) << spec.mantissaBits) |
         mantissa;
}

} // namespace sparq::numerics
