//===- Observers.cpp - Activation range observers for calibration ---------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#include "sparq/Numerics/Observers.h"

#include <algorithm>
#include <cmath>

namespace sparq::numerics {

ObservedRange observeMinMax(const std::vector<float> &values) {
  if (values.empty())
    return {};
  auto [lo, hi] = std::minmax_element(values.begin(), values.end());
  return {*lo, *hi};
}

double percentileOfSorted(const std::vector<double> &sorted, double p) {
  size_t n = sorted.size();
  if (n == 0)
    return 0;
  double index = static_cast<double>(n - 1) * (p / 100.0);
  double below = std::floor(index);
  size_t i, j;
  double g;
  if (index >= static_cast<double>(n - 1)) {
    i = j = n - 1;
    g = index + 1; // NumPy's gamma with both indexes at -1
  } else if (index < 0) {
    i = j = 0;
    g = index;
  } else {
    i = static_cast<size_t>(below);
    j = i + 1;
    g = index - below;
  }
  double a = sorted[i], b = sorted[j];
  double diff = b - a;
  return g >= 0.5 ? b - diff * (1 - g) : a + diff * g;
}

PercentileRange observePercentile(const std::vector<float> &values, double p) {
  std::vector<double> sorted(values.begin(), values.end());
  std::sort(sorted.begin(), sorted.end());
  PercentileRange result;
  result.range.lo = percentileOfSorted(sorted, 100.0 - p);
  result.range.hi = percentileOfSorted(sorted, p);
  for (double &v : sorted)
    v = std::fabs(v);
  std::sort(sorted.begin(), sorted.end());
  result.absMax = percentileOfSorted(sorted, p);
  return result;
}

double quantizationSquaredError(const std::vector<float> &values, float scale,
                                int32_t zeroPoint, const LinearFormat &format) {
  StorageRange range = format.range();
  double scale64 = scale;
  double error = 0;
  for (float x : values) {
    double q = roundToIntegral(static_cast<double>(x) / scale64,
                               format.rounding) +
               zeroPoint;
    q = static_cast<double>(saturate(q, range.min, range.max, zeroPoint));
    double diff = scale64 * (q - zeroPoint) - static_cast<double>(x);
    error += diff * diff;
  }
  return error;
}

ObservedRange observeMse(const std::vector<float> &values,
                         const LinearFormat &format, unsigned steps) {
  ObservedRange full = observeMinMax(values);
  double lo = std::min(full.lo, 0.0), hi = std::max(full.hi, 0.0);
  if (format.symmetric) {
    double absMax = std::max(-lo, hi);
    lo = -absMax;
    hi = absMax;
  }
  ObservedRange best{lo, hi};
  if (steps == 0 || values.empty())
    return best;
  double bestError = INFINITY;
  for (unsigned k = steps; k >= 1; --k) {
    ObservedRange candidate{lo * k / steps, hi * k / steps};
    float scale;
    int32_t zeroPoint;
    computeLinearParamsFromRange(candidate.lo, candidate.hi, format, scale,
                                 zeroPoint);
    double error = quantizationSquaredError(values, scale, zeroPoint, format);
    if (error < bestError) {
      bestError = error;
      best = candidate;
    }
  }
  return best;
}

} // namespace sparq::numerics
