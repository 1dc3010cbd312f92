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

/// Exact counts for one dataflow.
struct DataflowCounts {
  int64_t effectualMacs = 0;     ///< sum_k nnz(A[:, k]) * nnz(B[k, :])
  int64_t aReads = 0;            ///< A entries read
  int64_t bReads = 0;            ///< B entries read
  int64_t intersectionSteps = 0; ///< coordinates examined by index matching
  int64_t partialProducts = 0;   ///< products written as partial sums
  int64_t cWrites = 0;           ///< final or partial C updates
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
///   partial_products = c_writes = effectual MACs, merged over the whole M x N
///   matrix;
/// - row / Gustavson (for m: for k in A[m, :]: C[m, :] += A[m, k] B[k, :]):
///   a_reads = nnz(A), b_reads = c_writes = effectual MACs, partial sums one
///   row of N.
/// `error` is set (and zero counts returned) when the patterns do not fit.
MatmulCounts countMatmul(const Pattern &a, const Pattern &b,
                         std::string *error = nullptr);

} // namespace sparq::cost

#endif // SPARQ_COSTMODEL_DATAFLOWCOUNTS_H
