//===- KMeans.h - Deterministic 1-D k-means codebooks -----------*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_NUMERICS_KMEANS_H
#define SPARQ_NUMERICS_KMEANS_H

#include "sparq/Numerics/GroupLayout.h"

#include <cstdint>
#include <vector>

namespace sparq::numerics {

struct KMeansOptions {
  /// Index width: 2^bits centroids per group.
  unsigned bits = 4;
  /// When a group holds exact zeros (pruned weights), centroid 0 is pinned to
  /// 0.0 and the nonzeros are clustered into the other 2^bits - 1 centroids,
  /// so pruned zeros stay exactly zero.
  bool keepZero = true;
  /// Lloyd iterations stop when no assignment changes or after this many.
  unsigned maxIterations = 100;
};

struct Codebook {
  /// Row-major [numGroups, 2^bits] centroids, ascending within a group
  /// (after the pinned zero when there is one).
  std::vector<float> centroids;
  /// Largest number of Lloyd iterations any group needed.
  unsigned iterations = 0;
  /// True when every group converged before the iteration cap.
  bool converged = true;
};

/// Clusters each granularity group of `data` into 2^bits centroids with
/// Lloyd's algorithm: centroids start linearly spaced between the group's
/// minimum and maximum, every value goes to its nearest centroid (the lower
/// index on a tie), each centroid moves to the mean of its values (computed in
/// double, stored as f32; an empty cluster keeps its centroid). Writes each
/// element's centroid index to `indices`. Deterministic.
Codebook kmeansQuantize(const float *data, const GroupLayout &layout,
                        const KMeansOptions &options, uint32_t *indices);

} // namespace sparq::numerics

#endif // SPARQ_NUMERICS_KMEANS_H
