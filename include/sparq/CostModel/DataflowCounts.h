//===- DataflowCounts.h - Exact work and traffic of sparse dataflows -*- C++
//-*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// For C[M, N] = A[M, K] * B[K, N] with sparsity patterns for A and B, the
// exact counts that distinguish the three sparse dataflows (inner product,
// outer product, row-wise / Gustavson): effectual MACs, operand reads, index
// intersection steps, partial products and partial-sum granularity. Plain
// C++ (no MLIR) so the dataflow-selection pass, the PE cycle model, the
// report writer and the unit tests share one implementation.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_COSTMODEL_DATAFLOWCOUNTS_H
#define SPARQ_COSTMODEL_DATAFLOWCOUNTS_H

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sparq::cost {

/// The sparsity pattern of a matrix in CSR form: row r holds the sorted
/// column indices cols[rowPtr[r] .. rowPtr[r + 1]). A dense operand lists
/// every entry (nnz counts every stored entry).
struct Pattern {
  int64_t rows = 0, cols = 0;
  std::vector<int64_t> rowPtr; ///< rows + 1 entries
  std::vector<int64_t> colIdx; ///< nnz entries, ascending within a row

  int64_t nnz() const { return static_cast<int64_t>(colIdx.size()); }
  /// The pattern of a dense rows x cols matrix.
  static Pattern dense(int64_t rows, int64_t cols);
  /// The pattern of the nonzeros of a row-major matrix.
  static Pattern fromDense(const float *data, int64_t rows, int64_t cols);
  /// The transposed pattern (CSC of the same matrix, as CSR).
  Pattern transposed() const;
  /// Empty when well formed; otherwise what is wrong.
  std::string validate() const;
};

/// Where partial sums live between updates.
enum class PsumGranularity { Scalar, Row, Matrix };

/// The spelling of `psum` in reports: "scalar", "row" or "matrix".
const char *getPsumGranularityName(PsumGranularity psum);

/// Exact counts for one dataflow.
struct DataflowCounts {
  int64_t effectualMacs = 0;     ///< sum_k nnz(A[:, k]) * nnz(B[k, :])
  int64_t aReads = 0;            ///< A entries read
  int64_t bReads = 0;            ///< B entries read
  int64_t intersectionSteps = 0; ///< coordinates examined by index matching
  int64_t partialProducts = 0;   ///< products written as partial sums
  /// outer: partial-sum elements moved by the merge (each partial product is
  /// written once and read back once: 2 * partial_products); 0 otherwise.
  int64_t mergeTraffic = 0;
  int64_t cWrites = 0; ///< final or partial C updates
  PsumGranularity psum = PsumGranularity::Scalar;
};

/// The counts of all three dataflows for A * B.
struct MatmulCounts {
  DataflowCounts inner, outer, row;
};

/// Computes the counts from the patterns of A [M, K] and B [K, N]:
/// - inner (for m, n: for k): a_reads = N * nnz(A), b_reads = M * nnz(B),
///   intersection_steps = the coordinates a two-pointer merge of row m of A
///   with column n of B examines (each step consumes one coordinate of the
///   smaller of the two, both on a match, until one list ends), summed over
///   all (m, n); c_writes = M * N; partial sums are scalars;
/// - outer (for k: for m, n): a_reads = nnz(A), b_reads = nnz(B),
///   partial_products = c_writes = effectual MACs, merge_traffic =
///   2 * partial_products, merged over the whole M x N matrix;
/// - row / Gustavson (for m: for k in A[m, :]: C[m, :] += A[m, k] B[k, :]):
///   a_reads = nnz(A), b_reads = c_writes = effectual MACs, partial sums one
///   row of N.
/// `error` is set (and zero counts returned) when the patterns do not fit.
/// Runs in O(nnz(A) + nnz(B) + M + N + K): the merge steps are summed in
/// closed form, never by merging every (m, n) pair (see DataflowCounts.cpp).
MatmulCounts countMatmul(const Pattern &a, const Pattern &b,
                         std::string *error = nullptr);

/// What is known about the nonzeros of one operand: its exact pattern (a
/// constant), or only that each of its `rows x cols` entries is stored
/// independently with probability `density` (a run-time operand; density 1
/// is a dense operand, whose pattern is then exact without being
/// materialized).
struct OperandPattern {
  int64_t rows = 0, cols = 0;
  /// Set for an exact sparse pattern.
  std::optional<Pattern> exact;
  /// Used when `exact` is not set: probability that an entry is stored.
  double density = 1.0;

  /// An exact pattern.
  static OperandPattern fromPattern(Pattern pattern);
  /// Every entry stored (exact, not materialized).
  static OperandPattern dense(int64_t rows, int64_t cols);
  /// Entries stored independently with probability `density`.
  static OperandPattern assumed(int64_t rows, int64_t cols, double density);
  /// True when the counts derived from this operand are exact (an exact
  /// pattern, or density 0 or 1).
  bool isExact() const { return exact || density == 0.0 || density == 1.0; }
  /// Stored entries (expected, for an assumed density).
  double nnz() const;
};

/// Counts of one dataflow as real numbers: exact integers when both
/// operands are exact, expected values under the density assumption
/// otherwise.
struct DataflowEstimate {
  double effectualMacs = 0, aReads = 0, bReads = 0, intersectionSteps = 0,
         partialProducts = 0, mergeTraffic = 0, cWrites = 0;
  PsumGranularity psum = PsumGranularity::Scalar;
};

/// The three dataflows' counts for A * B, and whether they are exact.
struct MatmulEstimate {
  DataflowEstimate inner, outer, row;
  bool exact = true;
  /// Adds `other` (e.g. another batch) to every count.
  void accumulate(const MatmulEstimate &other);
  /// The counts of the transposed product C^T = B^T * A^T (what a lowering
  /// that puts B on the left computes): inner and outer swap their A and B
  /// reads; row reads nnz(B) entries of B^T and, per entry, a row of A^T
  /// (b_reads = c_updates = effectual MACs).
  MatmulEstimate transposed() const;
};

/// The counts of `countMatmul` for operands that may be known only by
/// density. With an assumed density the counts are expectations over the
/// random patterns: effectual MACs `sum_k E[nnz(A[:, k])] E[nnz(B[k, :])]`,
/// and for the merge of a row a and a column b the expected number of
/// coordinates k of a u b with k <= min(max a, max b) (the closed forms are
/// in DataflowCounts.cpp and docs/cost-model.md). Exact x exact is
/// `countMatmul`. `error` is set when the shapes or patterns do not fit.
MatmulEstimate estimateMatmul(const OperandPattern &a, const OperandPattern &b,
                              std::string *error = nullptr);

} // namespace sparq::cost

#endif // SPARQ_COSTMODEL_DATAFLOWCOUNTS_H
