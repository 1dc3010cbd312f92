//===- LinearQuantization.cpp - Symmetric and asymmetric quantization -----===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// These loops run over every weight element at compile time, so they work
// on raw buffers with one pass for the ranges and one for the values.
//
//===----------------------------------------------------------------------===//

#include "sparq/Numerics/LinearQuantization.h"

#include <algorithm>
#include <cmath>

namespace sparq::numerics {

LinearParams computeLinearParams(const float *data, const GroupLayout &layout,
                                 const LinearFormat &format) {
  int64_t groups = layout.getNumGroups();
  std::vector<double> lo(groups, 0.0), hi(groups, 0.0);
  for (int64_t i = 0, e = layout.getNumElements(); i < e; ++i) {
    double w = data[i];
    if (std::isnan(w))
      continue;
    int64_t g = layout.groupOf(i);
    lo[g] = std::min(lo[g], w);
    hi[g] = std::max(hi[g], w);
  }
  LinearParams params;
  params.scales.resize(groups);
  params.zeroPoints.assign(groups, 0);
  for (int64_t g = 0; g < groups; ++g)
    computeLinearParamsFromRange(lo[g], hi[g], format, params.scales[g],
                                 params.zeroPoints[g]);
  return params;
}

void computeLinearParamsFromRange(double lo, double hi,
                                  const LinearFormat &format, float &scale,
                                  int32_t &zeroPoint) {
  lo = std::min(lo, 0.0);
  hi = std::max(hi, 0.0);
  StorageRange range = format.range();
  zeroPoint = 0;
  if (format.symmetric) {
    double absMax = std::max(-lo, hi);
    double scale64 = absMax / static_cast<double>(range.max);
    scale = scale64 > 0 && std::isfinite(scale64) ? static_cast<float>(scale64)
                                                  : 1.0f;
    return;
  }
  double scale64 = (hi - lo) / static_cast<double>(range.max - range.min);
  scale =
      scale64 > 0 && std::isfinite(scale64) ? static_cast<float>(scale64) : 1.0f;
  double zp = static_cast<double>(range.min) +
              roundToIntegral(-lo / static_cast<double>(scale),
                              Rounding::NearestEven);
  zeroPoint =
      static_cast<int32_t>(saturate(zp, range.min, range.max, range.min));
}

void quantizeLinear(const float *data, const GroupLayout &layout,
                    const LinearFormat &format, const LinearParams &params,
                    int32_t *out) {
  StorageRange range = format.range();
  for (int64_t i = 0, e = layout.getNumElements(); i < e; ++i) {
    int64_t g = layout.groupOf(i);
    int32_t zp = params.zeroPoints.empty() ? 0 : params.zeroPoints[g];
    double scaled =
        static_cast<double>(data[i]) / static_cast<double>(params.scales[g]);
    double q = roundToIntegral(scaled, format.rounding) + zp;
    out[i] = static_cast<int32_t>(saturate(q, range.min, range.max, zp));
  }
}

void dequantizeLinear(const int32_t *q, const GroupLayout &layout,
                      const LinearParams &params, float *out) {
  for (int64_t i = 0, e = layout.getNumElements(); i < e; ++i) {
    int64_t g = layout.groupOf(i);
    int32_t zp = params.zeroPoints.empty() ? 0 : params.zeroPoints[g];
    out[i] = static_cast<float>(static_cast<double>(params.scales[g]) *
                                static_cast<double>(q[i] - zp));
  }
}

} // namespace sparq::numerics
