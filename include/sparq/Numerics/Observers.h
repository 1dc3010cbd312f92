//===- Observers.h - Activation range observers for calibration -*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// What static calibration measures on the values an activation took over a
// calibration set. Every observer gives a range [lo, hi]; the scale and zero
// point then follow from computeLinearParamsFromRange, the rule weights use.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_NUMERICS_OBSERVERS_H
#define SPARQ_NUMERICS_OBSERVERS_H

#include "sparq/Numerics/LinearQuantization.h"

#include <vector>

namespace sparq::numerics {

/// A range of real values.
struct ObservedRange {
  double lo = 0;
  double hi = 0;
};

/// The smallest and largest value ([0, 0] for no values). NaNs must have
/// been removed.
ObservedRange observeMinMax(const std::vector<float> &values);

/// NumPy's default (`method='linear'`) percentile `p` in [0, 100] of sorted
/// values: `i = (n - 1) * (p / 100)`, `a = v[floor(i)]`, `b = v[floor(i) + 1]`
/// (the last value past the end), `g = i - floor(i)`, result `a + (b - a) * g`,
/// or `b - (b - a) * (1 - g)` when `g >= 0.5`; all in double. 0 for none.
double percentileOfSorted(const std::vector<double> &sorted, double p);

/// Percentile ranges: `lo = percentile(x, 100 - p)`, `hi = percentile(x, p)`
/// (for asymmetric grids) and `absMax = percentile(|x|, p)` (for symmetric
/// grids, which use `[-absMax, absMax]`).
struct PercentileRange {
  ObservedRange range;
  double absMax = 0;
};
PercentileRange observePercentile(const std::vector<float> &values, double p);

/// Sum over the values of `(scale * (q - zp) - x)^2` in double, with `q` the
/// quantization of `x` by `quantizeLinear`'s rule (round half to even of
/// `x / f64(scale)`, plus zp, saturated).
double quantizationSquaredError(const std::vector<float> &values, float scale,
                                int32_t zeroPoint, const LinearFormat &format);

/// The clipping range with the least quantization squared error among
/// `steps` candidates that shrink the min-max range toward 0: candidate k
/// (1..steps) is `[lo * k / steps, hi * k / steps]` with
/// `[lo, hi] = [min(x, 0), max(x, 0)]` (asymmetric), or
/// `[-a * k / steps, a * k / steps]` with `a = max|x|` (symmetric); each
/// candidate's scale and zero point come from computeLinearParamsFromRange.
/// Ties keep the wider range.
ObservedRange observeMse(const std::vector<float> &values,
                         const LinearFormat &format, unsigned steps);

} // namespace sparq::numerics

#endif // SPARQ_NUMERICS_OBSERVERS_H
