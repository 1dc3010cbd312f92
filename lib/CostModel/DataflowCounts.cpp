//===- DataflowCounts.cpp - Exact work and traffic of sparse dataflows ----===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#include "sparq/CostModel/DataflowCounts.h"

namespace sparq::cost {

Pattern Pattern::dense(int64_t rows, int64_t cols) {
  Pattern p;
  p.rows = rows;
  p.cols = cols;
  p.rowPtr.resize(rows + 1);
  p.colIdx.reserve(rows * cols);
  for (int64_t r = 0; r < rows; ++r) {
    p.rowPtr[r] = r * cols;
    for (int64_t c = 0; c < cols; ++c)
      p.colIdx.push_back(c);
  }
  p.rowPtr[rows] = rows * cols;
  return p;
}

Pattern Pattern::fromDense(const float *data, int64_t rows, int64_t cols) {
  Pattern p;
  p.rows = rows;
  p.cols = cols;
  p.rowPtr.assign(rows + 1, 0);
  for (int64_t r = 0; r < rows; ++r) {
    for (int64_t c = 0; c < cols; ++c)
      if (data[r * cols + c] != 0.0f)
        p.colIdx.push_back(c);
    p.rowPtr[r + 1] = static_cast<int64_t>(p.colIdx.size());
  }
  return p;
}

Pattern Pattern::transposed() const {
  Pattern t;
  t.rows = cols;
  t.cols = rows;
  t.rowPtr.assign(cols + 1, 0);
  for (int64_t c : colIdx)
    ++t.rowPtr[c + 1];
  for (int64_t c = 0; c < cols; ++c)
    t.rowPtr[c + 1] += t.rowPtr[c];
  t.colIdx.resize(colIdx.size());
  std::vector<int64_t> fill(t.rowPtr.begin(), t.rowPtr.end() - 1);
  for (int64_t r = 0; r < rows; ++r) // rows ascending: columns stay sorted
    for (int64_t i = rowPtr[r]; i < rowPtr[r + 1]; ++i)
      t.colIdx[fill[colIdx[i]]++] = r;
  return t;
}

std::string Pattern::validate() const {
  if (rows < 0 || cols < 0)
    return "negative shape";
  if (static_cast<int64_t>(rowPtr.size()) != rows + 1 || rowPtr[0] != 0 ||
      rowPtr[rows] != nnz())
    return "row pointers do not span the coordinates";
  for (int64_t r = 0; r < rows; ++r) {
    if (rowPtr[r] > rowPtr[r + 1])
      return "row pointers decrease at row " + std::to_string(r);
    for (int64_t i = rowPtr[r]; i < rowPtr[r + 1]; ++i) {
      if (colIdx[i] < 0 || colIdx[i] >= cols)
        return "column index out of range in row " + std::to_string(r);
      if (i > rowPtr[r] && colIdx[i] <= colIdx[i - 1])
        return "columns not strictly ascending in row " + std::to_string(r);
    }
  }
  return "";
}

MatmulCounts countMatmul(const Pattern &a, const Pattern &b,
                         std::string *error) {
  MatmulCounts counts;
  std::string why = a.validate();
  if (why.empty())
    why = b.validate();
  if (why.empty() && a.cols != b.rows)
    why = "A has " + std::to_string(a.cols) + " columns but B has " +
          std::to_string(b.rows) + " rows";
  if (!why.empty()) {
    if (error)
      *error = why;
    return counts;
  }
  int64_t m = a.rows, k = a.cols, n = b.cols;
  // Effectual MACs: sum over k of nnz(A[:, k]) * nnz(B[k, :]).
  std::vector<int64_t> aColCount(k, 0);
  for (int64_t c : a.colIdx)
    ++aColCount[c];
  int64_t macs = 0;
  for (int64_t kk = 0; kk < k; ++kk)
    macs += aColCount[kk] * (b.rowPtr[kk + 1] - b.rowPtr[kk]);

  // Inner product: merge row m of A with column n of B for every (m, n).
  Pattern bt = b.transposed(); // row n of bt = column n of B
  int64_t steps = 0;
  for (int64_t i = 0; i < m; ++i) {
    for (int64_t j = 0; j < n; ++j) {
      int64_t p = a.rowPtr[i], pe = a.rowPtr[i + 1];
      int64_t q = bt.rowPtr[j], qe = bt.rowPtr[j + 1];
      while (p < pe && q < qe) {
        ++steps;
        int64_t x = a.colIdx[p], y = bt.colIdx[q];
        if (x == y) {
          ++p;
          ++q;
        } else if (x < y) {
          ++p;
        } else {
          ++q;
        }
      }
    }
  }
  counts.inner.effectualMacs = macs;
  counts.inner.aReads = n * a.nnz();
  counts.inner.bReads = m * b.nnz();
  counts.inner.intersectionSteps = steps;
  counts.inner.cWrites = m * n;
  counts.inner.psum = PsumGranularity::Scalar;

  counts.outer.effectualMacs = macs;
  counts.outer.aReads = a.nnz();
  counts.outer.bReads = b.nnz();
  counts.outer.partialProducts = macs;
  counts.outer.cWrites = macs;
  counts.outer.psum = PsumGranularity::Matrix;

  counts.row.effectualMacs = macs;
  counts.row.aReads = a.nnz();
  counts.row.bReads = macs;
  counts.row.cWrites = macs;
  counts.row.psum = PsumGranularity::Row;
  return counts;
}

} // namespace sparq::cost
