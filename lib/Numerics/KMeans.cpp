//===- KMeans.cpp - Deterministic 1-D k-means codebooks -------------------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// In one dimension the clusters of sorted centroids are intervals, so the
// nearest centroid is found by binary search (O(n log k) per iteration), and
// the means of ordered intervals stay ordered.
//
//===----------------------------------------------------------------------===//

#include "sparq/Numerics/KMeans.h"

#include <algorithm>
#include <cmath>

namespace sparq::numerics {

/// Index of the centroid nearest to `v` in the ascending `centroids`; the
/// lower index wins a tie.
static uint32_t nearest(const std::vector<float> &centroids, double v) {
  auto it = std::lower_bound(centroids.begin(), centroids.end(), v,
                             [](float c, double x) { return c < x; });
  if (it == centroids.begin())
    return 0;
  if (it == centroids.end())
    return centroids.size() - 1;
  uint32_t hiIndex = it - centroids.begin();
  uint32_t loIndex = hiIndex - 1;
  // Step back to the first of equal centroids so ties pick the lower index.
  while (loIndex > 0 && centroids[loIndex - 1] == centroids[loIndex])
    --loIndex;
  double below = v - centroids[loIndex], above = *it - v;
  return below <= above ? loIndex : hiIndex;
}

/// Lloyd iterations on one group's values, sorted ascending. In one
/// dimension every cluster of ascending centroids is a contiguous range of
/// the sorted values, so an iteration only finds the K - 1 boundaries by
/// binary search and takes each mean from prefix sums: O(K log n) instead of
/// O(n log K). The result is the same as assigning every value to its nearest
/// centroid (the lower index on a tie) and averaging.
static std::pair<unsigned, bool> lloyd(const std::vector<double> &sorted,
                                       std::vector<float> &centroids,
                                       unsigned maxIterations) {
  size_t n = sorted.size();
  uint32_t k = centroids.size();
  std::vector<double> prefix(n + 1, 0.0);
  for (size_t i = 0; i < n; ++i)
    prefix[i + 1] = prefix[i] + sorted[i];
  // bounds[j] = first sorted index assigned to a centroid above j.
  std::vector<size_t> bounds(k, n), next(k, n);
  auto assignBounds = [&](std::vector<size_t> &out) {
    for (uint32_t j = 0; j + 1 < k; ++j) {
      double lo = centroids[j], hi = centroids[j + 1];
      // Values v with v - lo > hi - v move above j (ties stay at j). With
      // equal centroids nothing moves above the lower one.
      size_t first =
          std::partition_point(sorted.begin(), sorted.end(),
                               [&](double v) { return !(v - lo > hi - v); }) -
          sorted.begin();
      out[j] = j ? std::max(first, out[j - 1]) : first;
    }
    out[k - 1] = n;
  };
  unsigned iteration = 0;
  bool changed = true;
  bool first = true;
  while (changed && iteration < maxIterations) {
    ++iteration;
    assignBounds(next);
    changed = first || next != bounds;
    first = false;
    bounds.swap(next);
    if (!changed)
      break;
    size_t begin = 0;
    for (uint32_t j = 0; j < k; ++j) {
      size_t end = bounds[j];
      if (end > begin)
        centroids[j] = static_cast<float>((prefix[end] - prefix[begin]) /
                                          static_cast<double>(end - begin));
      begin = end;
    }
  }
  return {iteration, !changed};
}

Codebook kmeansQuantize(const float *data, const GroupLayout &layout,
                        const KMeansOptions &options, uint32_t *indices) {
  int64_t groups = layout.getNumGroups();
  int64_t n = layout.getNumElements();
  uint32_t k = uint32_t(1) << options.bits;
  // Bucket element positions by group (one pass, stable order).
  std::vector<int64_t> start(groups + 1, 0);
  for (int64_t i = 0; i < n; ++i)
    ++start[layout.groupOf(i) + 1];
  for (int64_t g = 0; g < groups; ++g)
    start[g + 1] += start[g];
  std::vector<int64_t> members(n), fill(start.begin(), start.end() - 1);
  for (int64_t i = 0; i < n; ++i)
    members[fill[layout.groupOf(i)]++] = i;

  Codebook result;
  result.centroids.assign(groups * k, 0.0f);
  std::vector<float> centroids;
  std::vector<double> values;
  for (int64_t g = 0; g < groups; ++g) {
    values.clear();
    bool hasZero = false;
    for (int64_t m = start[g]; m < start[g + 1]; ++m) {
      float w = data[members[m]];
      if (options.keepZero && w == 0.0f)
        hasZero = true;
      else
        values.push_back(std::isnan(w) ? 0.0 : w);
    }
    bool pinZero = options.keepZero && hasZero;
    uint32_t free = pinZero ? k - 1 : k;
    centroids.assign(free, 0.0f);
    if (!values.empty() && free > 0) {
      std::sort(values.begin(), values.end());
      double lo = values.front(), hi = values.back();
      for (uint32_t j = 0; j < free; ++j)
        centroids[j] =
            free == 1 ? static_cast<float>((lo + hi) / 2)
                      : static_cast<float>(lo + (hi - lo) * j / (free - 1));
      auto [iterations, converged] =
          lloyd(values, centroids, options.maxIterations);
      result.iterations = std::max(result.iterations, iterations);
      result.converged &= converged;
    }
    float *book = &result.centroids[g * k];
    uint32_t offset = pinZero ? 1 : 0;
    std::copy(centroids.begin(), centroids.end(), book + offset);
    for (int64_t m = start[g]; m < start[g + 1]; ++m) {
      float w = data[members[m]];
      indices[members[m]] =
          pinZero && w == 0.0f
              ? 0
              : offset + (values.empty() || free == 0
                              ? 0
                              : nearest(centroids, std::isnan(w) ? 0.0 : w));
    }
  }
  return result;
}

} // namespace sparq::numerics
