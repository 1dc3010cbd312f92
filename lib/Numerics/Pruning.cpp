//===- Pruning.cpp - Magnitude pruning at every granularity ---------------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// Every structure reduces to "give each element a group id, rank groups by
// L2 norm, zero the weakest": one pass to accumulate norms, a sort of the
// (much smaller) group list, one pass to zero.
//
//===----------------------------------------------------------------------===//

#include "sparq/Numerics/Pruning.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace sparq::numerics {

std::optional<PruneStructure> parsePruneStructure(const std::string &name) {
  static const std::pair<const char *, PruneStructure> names[] = {
      {"unstructured", PruneStructure::Unstructured},
      {"nm", PruneStructure::NM},
      {"block", PruneStructure::Block},
      {"filter", PruneStructure::Filter},
      {"shape", PruneStructure::Shape},
      {"channel", PruneStructure::Channel},
      {"kernel", PruneStructure::Kernel},
      {"vector", PruneStructure::Vector}};
  for (auto [text, value] : names)
    if (name == text)
      return value;
  return std::nullopt;
}

namespace {
/// Walks a weight in row-major order, keeping the coordinates the structures
/// need (batch, im2col row, output channel, conv axes) incrementally: no
/// division per element, which matters for 16M-element weights.
class WeightIndexer {
public:
  explicit WeightIndexer(const WeightAxes &axes) : axes(axes) {
    int64_t rank = axes.shape.size();
    rowStride.assign(rank, 0);
    rows = 1;
    for (auto it = axes.reductionAxes.rbegin(); it != axes.reductionAxes.rend();
         ++it) {
      rowStride[*it] = rows;
      rows *= axes.shape[*it];
    }
    outputs = axes.shape[axes.outputAxis];
    batches = axes.batchAxis ? axes.shape[*axes.batchAxis] : 1;
  }

  /// Calls `fn(index, coords, row)` for every element in row-major order.
  template <typename Fn> void forEach(Fn &&fn) const {
    int64_t rank = axes.shape.size();
    int64_t total = 1;
    for (int64_t dim : axes.shape)
      total *= dim;
    std::vector<int64_t> coords(rank, 0);
    int64_t row = 0;
    for (int64_t i = 0; i < total; ++i) {
      fn(i, coords, row);
      for (int64_t d = rank - 1; d >= 0; --d) {
        row += rowStride[d];
        if (++coords[d] < axes.shape[d])
          break;
        row -= rowStride[d] * axes.shape[d];
        coords[d] = 0;
      }
    }
  }

  int64_t batchOf(const std::vector<int64_t> &coords) const {
    return axes.batchAxis ? coords[*axes.batchAxis] : 0;
  }

  const WeightAxes &axes;
  std::vector<int64_t> rowStride;
  int64_t rows, outputs, batches;
};
} // namespace

static int64_t numElements(const WeightAxes &axes) {
  int64_t n = 1;
  for (int64_t dim : axes.shape)
    n *= dim;
  return n;
}

std::string validatePruneRequest(const WeightAxes &axes,
                                 const PruneRequest &request) {
  if (!(request.sparsity >= 0.0 && request.sparsity < 1.0))
    return "sparsity must be in [0, 1), got " +
           std::to_string(request.sparsity);
  WeightIndexer indexer(axes);
  switch (request.structure) {
  case PruneStructure::NM:
    if (request.n == 0 || request.n >= request.m)
      return "nm pruning needs 0 < n < m, got n = " +
             std::to_string(request.n) + ", m = " + std::to_string(request.m);
    if (indexer.rows % request.m != 0)
      return "nm pruning needs the reduction size (" +
             std::to_string(indexer.rows) +
             ") to be a multiple of m = " + std::to_string(request.m);
    break;
  case PruneStructure::Block:
    if (request.blockRows < 1 || request.blockCols < 1)
      return "block sizes must be positive";
    if (indexer.rows % request.blockRows != 0 ||
        indexer.outputs % request.blockCols != 0)
      return "block " + std::to_string(request.blockRows) + "x" +
             std::to_string(request.blockCols) + " does not tile the " +
             std::to_string(indexer.rows) + "x" +
             std::to_string(indexer.outputs) + " weight matrix";
    break;
  case PruneStructure::Channel:
  case PruneStructure::Kernel:
  case PruneStructure::Vector:
    if (!axes.isConv())
      return "this structure needs a conv2d weight (it prunes input "
             "channels, kernels or kernel rows)";
    break;
  default:
    break;
  }
  return "";
}

PruneResult prune(float *data, const WeightAxes &axes,
                  const PruneRequest &request) {
  PruneResult result;
  result.numElements = numElements(axes);
  result.error = validatePruneRequest(axes, request);
  if (!result.error.empty())
    return result;
  WeightIndexer ix(axes);
  int64_t n = result.numElements;

  if (request.structure == PruneStructure::NM) {
    // Groups of m consecutive im2col rows, per (batch, output channel).
    int64_t groupsPerColumn = ix.rows / request.m;
    result.groups = ix.batches * ix.outputs * groupsPerColumn;
    std::vector<int64_t> members(result.groups * request.m);
    ix.forEach([&](int64_t i, const std::vector<int64_t> &c, int64_t r) {
      int64_t g =
          (ix.batchOf(c) * ix.outputs + c[axes.outputAxis]) * groupsPerColumn +
          r / request.m;
      members[g * request.m + r % request.m] = i;
    });
    std::vector<int64_t> order(request.m);
    for (int64_t g = 0; g < result.groups; ++g) {
      const int64_t *group = &members[g * request.m];
      // Insertion sort, largest |w| first; it is stable, so equal magnitudes
      // keep the lower position first. m is small.
      for (unsigned k = 0; k < request.m; ++k) {
        float mag = std::fabs(data[group[k]]);
        unsigned j = k;
        for (; j > 0 && std::fabs(data[group[order[j - 1]]]) < mag; --j)
          order[j] = order[j - 1];
        order[j] = k;
      }
      for (unsigned k = request.n; k < request.m; ++k) {
        data[group[order[k]]] = 0.0f;
        ++result.groupsPruned;
      }
    }
  } else {
    // Assign every element to a group, then rank groups by L2 norm.
    auto groupOf = [&](int64_t i, const std::vector<int64_t> &c,
                       int64_t row) -> int64_t {
      int64_t b = ix.batchOf(c);
      int64_t out = c[axes.outputAxis];
      switch (request.structure) {
      case PruneStructure::Unstructured:
        return i;
      case PruneStructure::Block: {
        int64_t blockCols = ix.outputs / request.blockCols;
        int64_t blocksPerBatch = ix.rows / request.blockRows * blockCols;
        return b * blocksPerBatch + row / request.blockRows * blockCols +
               out / request.blockCols;
      }
      case PruneStructure::Filter:
        return b * ix.outputs + out;
      case PruneStructure::Shape:
        return b * ix.rows + row;
      case PruneStructure::Channel:
        return c[*axes.inputChannelAxis];
      case PruneStructure::Kernel:
        return c[*axes.inputChannelAxis] * ix.outputs + out;
      case PruneStructure::Vector: {
        int64_t kh = axes.shape[*axes.kernelHeightAxis];
        return (c[*axes.inputChannelAxis] * ix.outputs + out) * kh +
               c[*axes.kernelHeightAxis];
      }
      case PruneStructure::NM:
        break;
      }
      return 0;
    };
    int64_t groups = 0;
    switch (request.structure) {
    case PruneStructure::Unstructured:
      groups = n;
      break;
    case PruneStructure::Block:
      groups = ix.batches * (ix.rows / request.blockRows) *
               (ix.outputs / request.blockCols);
      break;
    case PruneStructure::Filter:
      groups = ix.batches * ix.outputs;
      break;
    case PruneStructure::Shape:
      groups = ix.batches * ix.rows;
      break;
    case PruneStructure::Channel:
      groups = axes.shape[*axes.inputChannelAxis];
      break;
    case PruneStructure::Kernel:
      groups = axes.shape[*axes.inputChannelAxis] * ix.outputs;
      break;
    case PruneStructure::Vector:
      groups = axes.shape[*axes.inputChannelAxis] * ix.outputs *
               axes.shape[*axes.kernelHeightAxis];
      break;
    case PruneStructure::NM:
      break;
    }
    result.groups = groups;
    std::vector<int64_t> id(n);
    std::vector<double> norm(groups, 0.0);
    ix.forEach([&](int64_t i, const std::vector<int64_t> &c, int64_t row) {
      id[i] = groupOf(i, c, row);
      norm[id[i]] += static_cast<double>(data[i]) * data[i];
    });
    int64_t prunedGroups = static_cast<int64_t>(
        std::nearbyint(request.sparsity * static_cast<double>(groups)));
    std::vector<int64_t> order(groups);
    std::iota(order.begin(), order.end(), 0);
    // Weakest first; among equal norms the higher index goes first, so ties
    // keep the lower index.
    auto weaker = [&](int64_t a, int64_t b) {
      return norm[a] != norm[b] ? norm[a] < norm[b] : a > b;
    };
    if (prunedGroups < groups)
      std::nth_element(order.begin(), order.begin() + prunedGroups, order.end(),
                       weaker);
    std::vector<char> dead(groups, 0);
    for (int64_t k = 0; k < prunedGroups; ++k)
      dead[order[k]] = 1;
    for (int64_t i = 0; i < n; ++i)
      if (dead[id[i]])
        data[i] = 0.0f;
    result.groupsPruned = prunedGroups;
  }
  for (int64_t i = 0; i < n; ++i)
    result.zeros += data[i] == 0.0f;
  return result;
}

} // namespace sparq::numerics
