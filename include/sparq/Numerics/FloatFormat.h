//===- FloatFormat.h - Narrowing to 16- and 8-bit float formats -*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_NUMERICS_FLOATFORMAT_H
#define SPARQ_NUMERICS_FLOATFORMAT_H

#include <cstdint>
#include <optional>
#include <string_view>

namespace sparq::numerics {

/// The narrow float formats SparQ can store weights in.
enum class FloatFormat { F16, BF16, TF32, F8E4M3FN, F8E5M2 };

/// Parses the MLIR spelling (`f16`, `bf16`, `tf32`, `f8E4M3FN`, `f8E5M2`).
std::optional<FloatFormat> parseFloatFormat(std::string_view name);

/// Rounds an f32 value to the nearest value of `format` (ties to even) and
/// returns it as an f32 (every value of these formats is exactly an f32).
/// Overflow follows the format's own rule: infinity for formats that have it,
/// NaN for f8E4M3FN (which has none). NaN stays NaN; zeros keep their sign;
/// subnormals of the narrow format are produced where they exist.
float roundToFormat(float x, FloatFormat format);

/// The bit pattern of `roundToFormat(x, format)` in the format's own
/// encoding, right-aligned (16 bits for f16/bf16, 19 bits for tf32 stored in
/// the low bits of a 32-bit word, 8 bits for the f8 formats).
uint32_t encodeFloat(float x, FloatFormat format);

} // namespace sparq::numerics

#endif // SPARQ_NUMERICS_FLOATFORMAT_H
