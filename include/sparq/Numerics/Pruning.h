//===- Pruning.h - Magnitude pruning at every granularity -------*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_NUMERICS_PRUNING_H
#define SPARQ_NUMERICS_PRUNING_H

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sparq::numerics {

/// What each axis of a weight tensor means. The im2col weight matrix has one
/// row per reduction position (the reduction axes in the order listed,
/// row-major) and one column per output channel.
struct WeightAxes {
  std::vector<int64_t> shape;
  int64_t outputAxis = 0;
  std::vector<int64_t> reductionAxes;
  std::optional<int64_t> batchAxis;
  /// Conv weights only.
  std::optional<int64_t> inputChannelAxis, kernelHeightAxis, kernelWidthAxis;

  bool isConv() const { return inputChannelAxis.has_value(); }
};

enum class PruneStructure {
  Unstructured, ///< single entries
  NM,           ///< keep n of every m consecutive entries along the reduction
  Block,        ///< blockRows x blockCols tiles of the im2col weight matrix
  Filter,       ///< whole output channels
  Shape,        ///< whole reduction positions (im2col rows)
  Channel,      ///< all kernel positions of one input channel (conv)
  Kernel,       ///< one KH x KW kernel: one input channel of one filter (conv)
  Vector,       ///< one kernel row: KW entries (conv)
};

std::optional<PruneStructure> parsePruneStructure(const std::string &name);

struct PruneRequest {
  PruneStructure structure = PruneStructure::Unstructured;
  /// Fraction of entries (unstructured) or groups to zero, in [0, 1).
  double sparsity = 0.5;
  unsigned n = 2, m = 4;
  int64_t blockRows = 4, blockCols = 4;
};

struct PruneResult {
  /// Empty on success; otherwise the rule the request breaks.
  std::string error;
  int64_t groups = 0;       ///< groups the structure defines
  int64_t groupsPruned = 0; ///< groups zeroed (nm: entries zeroed)
  int64_t zeros = 0;        ///< zero entries after pruning
  int64_t numElements = 0;
  double achievedSparsity() const {
    return numElements ? static_cast<double>(zeros) / numElements : 0.0;
  }
};

/// Checks `request` against the weight without changing anything.
std::string validatePruneRequest(const WeightAxes &axes,
                                 const PruneRequest &request);

/// Zeroes entries of `data` (row-major, `axes.shape`) by magnitude:
/// unstructured prunes the round(sparsity * numel) entries of smallest |w|;
/// nm keeps the n largest |w| of every m consecutive reduction positions;
/// the group structures prune the round(sparsity * #groups) groups of smallest
/// L2 norm. round() is round-half-to-even; ties in magnitude or norm keep the
/// lower index (the higher index is pruned first).
PruneResult prune(float *data, const WeightAxes &axes,
                  const PruneRequest &request);

} // namespace sparq::numerics

#endif // SPARQ_NUMERICS_PRUNING_H
