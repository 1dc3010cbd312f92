//===- LinearQuantization.h - Symmetric and asymmetric quantization -*- C++
//-*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_NUMERICS_LINEARQUANTIZATION_H
#define SPARQ_NUMERICS_LINEARQUANTIZATION_H

#include "sparq/Numerics/GroupLayout.h"
#include "sparq/Numerics/Rounding.h"

#include <cstdint>
#include <vector>

namespace sparq::numerics {

/// A linear quantization grid: B bits, signed or unsigned storage, symmetric
/// (zero point 0, range [-(2^(B-1)-1), 2^(B-1)-1]) or asymmetric.
struct LinearFormat {
  unsigned bits;
  bool isSigned;
  bool symmetric;
  Rounding rounding = Rounding::NearestEven;

  StorageRange range() const {
    return getStorageRange(bits, isSigned, symmetric);
  }
};

/// One scale and zero point per granularity group.
struct LinearParams {
  std::vector<float> scales;
  std::vector<int32_t> zeroPoints;
};

/// Computes scales (and zero points) from the data, per group:
/// - symmetric: `scale = max|w| / (2^(B-1) - 1)`;
/// - asymmetric: over `[lo, hi] = [min(w, 0), max(w, 0)]`,
///   `scale = (hi - lo) / (qmax - qmin)`,
///   `zp = clamp(qmin + round_half_even(-lo / scale), qmin, qmax)`;
/// - a group whose range is zero gets scale 1 (and zero point qmin - 0 = the
///   value that represents 0 exactly).
/// Ranges are accumulated in double; scales are rounded once to f32.
LinearParams computeLinearParams(const float *data, const GroupLayout &layout,
                                 const LinearFormat &format);

/// The scale and zero point of one group whose values span `[lo, hi]`
/// (NaN-free), by the rules of `computeLinearParams`: the range is widened to
/// include 0 (`lo = min(lo, 0)`, `hi = max(hi, 0)`), then symmetric:
/// `scale = f32(max(-lo, hi) / qmax)`; asymmetric:
/// `scale = f32((hi - lo) / (qmax - qmin))`,
/// `zp = clamp(qmin + round_half_even(-lo / f64(scale)), qmin, qmax)`; a scale
/// that is not positive and finite becomes 1. Static activation calibration
/// uses this with observed ranges.
void computeLinearParamsFromRange(double lo, double hi,
                                  const LinearFormat &format, float &scale,
                                  int32_t &zeroPoint);

/// Quantizes `data` with the given parameters:
/// `q = clamp(round(w / scale) + zp, qmin, qmax)`, with `w / scale` computed
/// in double from the f32 scale; NaN maps to the zero point. An input exactly
/// 0 maps to `zp`, so pruned zeros dequantize to exactly 0.
void quantizeLinear(const float *data, const GroupLayout &layout,
                    const LinearFormat &format, const LinearParams &params,
                    int32_t *out);

/// `real = scale * (q - zp)`, computed in double and rounded to f32.
void dequantizeLinear(const int32_t *q, const GroupLayout &layout,
                      const LinearParams &params, float *out);

} // namespace sparq::numerics

#endif // SPARQ_NUMERICS_LINEARQUANTIZATION_H
