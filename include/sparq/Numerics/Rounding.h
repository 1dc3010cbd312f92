//===- Rounding.h - Rounding and saturation rules ---------------*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// SparQ's numerics live in this plain C++ library (no MLIR types): the
// compression passes call it at compile time, the unit tests check it
// against independent references, and the code the compiler emits for run
// time follows the same written rules (docs/numerics.md).
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_NUMERICS_ROUNDING_H
#define SPARQ_NUMERICS_ROUNDING_H

#include <cmath>
#include <cstdint>

namespace sparq::numerics {

/// How a real value is rounded to the integer grid.
enum class Rounding {
  NearestEven, ///< round half to even (IEEE roundTiesToEven)
  NearestAway, ///< round half away from zero
  TowardZero,  ///< truncate
};

/// Rounds `x` to an integral double with `mode`. NaN stays NaN.
inline double roundToIntegral(double x, Rounding mode) {
  switch (mode) {
  case Rounding::NearestEven:
    return std::nearbyint(x); // the default FP environment rounds to even
  case Rounding::NearestAway:
    return std::round(x);
  case Rounding::TowardZero:
    return std::trunc(x);
  }
  return x;
}

/// Clamps an integral double to [lo, hi]; NaN maps to `nanValue`.
inline int64_t saturate(double x, int64_t lo, int64_t hi, int64_t nanValue) {
  if (std::isnan(x))
    return nanValue;
  if (x <= static_cast<double>(lo))
    return lo;
  if (x >= static_cast<double>(hi))
    return hi;
  return static_cast<int64_t>(x);
}

/// The integer range of a `bits`-wide storage type. Symmetric quantization
/// drops the most negative value so that the grid is symmetric around zero.
struct StorageRange {
  int64_t min;
  int64_t max;
};
StorageRange getStorageRange(unsigned bits, bool isSigned, bool symmetric);

} // namespace sparq::numerics

#endif // SPARQ_NUMERICS_ROUNDING_H
