//===- DataflowCounts.cpp - Exact work and traffic of sparse dataflows ----===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#include "sparq/CostModel/DataflowCounts.h"

#include <utility>

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

const char *getPsumGranularityName(PsumGranularity psum) {
  switch (psum) {
  case PsumGranularity::Scalar:
    return "scalar";
  case PsumGranularity::Row:
    return "row";
  case PsumGranularity::Matrix:
    return "matrix";
  }
  return "scalar";
}

namespace {

/// The largest coordinate of each row of `p`, -1 for an empty row.
std::vector<int64_t> rowMaxima(const Pattern &p) {
  std::vector<int64_t> maxima(p.rows, -1);
  for (int64_t r = 0; r < p.rows; ++r)
    if (p.rowPtr[r + 1] > p.rowPtr[r])
      maxima[r] = p.colIdx[p.rowPtr[r + 1] - 1];
  return maxima;
}

/// prefix[v + 1] = number of nonempty rows whose maximum is <= v, so that
/// prefix[0] = 0 stands for "maximum <= -1".
std::vector<int64_t> maximaPrefix(const std::vector<int64_t> &maxima,
                                  int64_t universe) {
  std::vector<int64_t> prefix(universe + 1, 0);
  for (int64_t v : maxima)
    if (v >= 0)
      ++prefix[v + 1];
  for (int64_t v = 0; v < universe; ++v)
    prefix[v + 1] += prefix[v];
  return prefix;
}

/// sum over nonempty rows a of `a` and nonempty rows b of `b` of
/// |a n [0, min(max a, max b)]|: a row whose maximum is at most max b counts
/// whole; otherwise its coordinates x count once per b with
/// x <= max b < max a.
int64_t sumPrefixHits(const Pattern &a, const std::vector<int64_t> &aMax,
                      const std::vector<int64_t> &bPrefix) {
  int64_t nonemptyB = bPrefix.back();
  int64_t sum = 0;
  for (int64_t r = 0; r < a.rows; ++r) {
    int64_t alpha = aMax[r];
    if (alpha < 0)
      continue;
    int64_t below = bPrefix[alpha]; // b with max <= alpha - 1
    sum += (a.rowPtr[r + 1] - a.rowPtr[r]) * (nonemptyB - below);
    for (int64_t i = a.rowPtr[r]; i < a.rowPtr[r + 1]; ++i)
      sum += below - bPrefix[a.colIdx[i]]; // b with x <= max b <= alpha - 1
  }
  return sum;
}

} // namespace

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

  // Inner product. A two-pointer merge of row a of A with column b of B
  // consumes, in ascending order, one distinct coordinate of a u b per step
  // and stops once either list is exhausted, i.e. after the coordinate
  // t = min(max a, max b). So steps(a, b) = |a n [0, t]| + |b n [0, t]| -
  // |a n b| (every common coordinate is <= t), and the last terms summed over
  // all pairs are the effectual MACs. The first two sums are counted from the
  // histograms of row / column maxima: linear, not M * N merges.
  Pattern bt = b.transposed(); // row n of bt = column n of B
  std::vector<int64_t> aMax = rowMaxima(a), bMax = rowMaxima(bt);
  int64_t steps = sumPrefixHits(a, aMax, maximaPrefix(bMax, k)) +
                  sumPrefixHits(bt, bMax, maximaPrefix(aMax, k)) - macs;

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
  counts.outer.mergeTraffic = 2 * macs;
  counts.outer.cWrites = macs;
  counts.outer.psum = PsumGranularity::Matrix;

  counts.row.effectualMacs = macs;
  counts.row.aReads = a.nnz();
  counts.row.bReads = macs;
  counts.row.cWrites = macs;
  counts.row.psum = PsumGranularity::Row;
  return counts;
}

//===----------------------------------------------------------------------===//
// Operands known by density
//===----------------------------------------------------------------------===//

OperandPattern OperandPattern::fromPattern(Pattern pattern) {
  OperandPattern p;
  p.rows = pattern.rows;
  p.cols = pattern.cols;
  p.exact = std::move(pattern);
  return p;
}

OperandPattern OperandPattern::dense(int64_t rows, int64_t cols) {
  return assumed(rows, cols, 1.0);
}

OperandPattern OperandPattern::assumed(int64_t rows, int64_t cols,
                                       double density) {
  OperandPattern p;
  p.rows = rows;
  p.cols = cols;
  p.density = density;
  return p;
}

double OperandPattern::nnz() const {
  return exact ? double(exact->nnz()) : density * double(rows) * double(cols);
}

void MatmulEstimate::accumulate(const MatmulEstimate &other) {
  auto add = [](DataflowEstimate &x, const DataflowEstimate &y) {
    x.effectualMacs += y.effectualMacs;
    x.aReads += y.aReads;
    x.bReads += y.bReads;
    x.intersectionSteps += y.intersectionSteps;
    x.partialProducts += y.partialProducts;
    x.mergeTraffic += y.mergeTraffic;
    x.cWrites += y.cWrites;
  };
  add(inner, other.inner);
  add(outer, other.outer);
  add(row, other.row);
  exact = exact && other.exact;
}

MatmulEstimate MatmulEstimate::transposed() const {
  MatmulEstimate t = *this;
  std::swap(t.inner.aReads, t.inner.bReads);
  std::swap(t.outer.aReads, t.outer.bReads);
  t.row.aReads = outer.bReads; // nnz(B)
  t.row.bReads = row.effectualMacs;
  t.row.cWrites = row.effectualMacs;
  return t;
}

namespace {

DataflowEstimate toEstimate(const DataflowCounts &c) {
  DataflowEstimate e;
  e.effectualMacs = double(c.effectualMacs);
  e.aReads = double(c.aReads);
  e.bReads = double(c.bReads);
  e.intersectionSteps = double(c.intersectionSteps);
  e.partialProducts = double(c.partialProducts);
  e.mergeTraffic = double(c.mergeTraffic);
  e.cWrites = double(c.cWrites);
  e.psum = c.psum;
  return e;
}

/// Expected merge steps of every exact set (rows of `exact`, coordinates in
/// [0, K)) against each of `others` random sets holding every coordinate
/// independently with probability p. A coordinate k of the exact set a is
/// examined iff the random set has a coordinate >= k (probability
/// 1 - q^(K - k), q = 1 - p); a coordinate k <= max a outside a is examined
/// iff the random set holds it (probability p); nothing above max a is.
double exactTimesRandomSteps(const Pattern &exact, double p, double others) {
  int64_t k = exact.cols;
  double q = 1.0 - p;
  std::vector<double> qPow(k + 1, 1.0); // qPow[j] = q^j
  for (int64_t j = 1; j <= k; ++j)
    qPow[j] = qPow[j - 1] * q;
  double sum = 0;
  for (int64_t r = 0; r < exact.rows; ++r) {
    int64_t begin = exact.rowPtr[r], end = exact.rowPtr[r + 1];
    if (begin == end)
      continue;
    for (int64_t i = begin; i < end; ++i)
      sum += 1.0 - qPow[k - exact.colIdx[i]];
    int64_t alpha = exact.colIdx[end - 1];
    sum += p * double(alpha + 1 - (end - begin));
  }
  return sum * others;
}

/// Expected merge steps of `countA` random sets (probability pA) against
/// `countB` random sets (probability pB) over [0, K): coordinate k (with
/// j = K - 1 - k coordinates above it) is examined when both sets hold it,
/// or one holds it and the other holds some coordinate above it.
double randomTimesRandomSteps(double countA, double pA, double countB,
                              double pB, int64_t k) {
  double qA = 1.0 - pA, qB = 1.0 - pB;
  double sum = 0, qAPow = 1.0, qBPow = 1.0; // q^j for j = K - 1 - k
  for (int64_t j = 0; j < k; ++j) {
    sum += pA * pB + pA * qB * (1.0 - qBPow) + qA * pB * (1.0 - qAPow);
    qAPow *= qA;
    qBPow *= qB;
  }
  return sum * countA * countB;
}

} // namespace

MatmulEstimate estimateMatmul(const OperandPattern &a, const OperandPattern &b,
                              std::string *error) {
  MatmulEstimate result;
  auto fail = [&](const std::string &why) {
    if (error)
      *error = why;
    return MatmulEstimate();
  };
  if (a.cols != b.rows)
    return fail("A has " + std::to_string(a.cols) + " columns but B has " +
                std::to_string(b.rows) + " rows");
  for (const OperandPattern *p : {&a, &b}) {
    if (p->exact && (p->exact->rows != p->rows || p->exact->cols != p->cols))
      return fail("pattern shape differs from the operand shape");
    if (!p->exact && !(p->density >= 0.0 && p->density <= 1.0))
      return fail("density must be in [0, 1]");
  }
  if (a.exact && b.exact) {
    MatmulCounts c = countMatmul(*a.exact, *b.exact, error);
    result.inner = toEstimate(c.inner);
    result.outer = toEstimate(c.outer);
    result.row = toEstimate(c.row);
    return result;
  }
  for (const OperandPattern *p : {&a, &b})
    if (p->exact) {
      std::string why = p->exact->validate();
      if (!why.empty())
        return fail(why);
    }
  result.exact = a.isExact() && b.isExact();
  double m = double(a.rows), k = double(a.cols), n = double(b.cols);
  double nnzA = a.nnz(), nnzB = b.nnz();

  // Effectual MACs: sum_k E[nnz(A[:, k])] * E[nnz(B[k, :])] (independent).
  double macs = 0, steps = 0;
  if (a.exact) {
    std::vector<int64_t> aColCount(a.cols, 0);
    for (int64_t c : a.exact->colIdx)
      ++aColCount[c];
    for (int64_t c : aColCount)
      macs += double(c) * n * b.density;
    steps = exactTimesRandomSteps(*a.exact, b.density, n);
  } else if (b.exact) {
    for (int64_t kk = 0; kk < b.rows; ++kk)
      macs += m * a.density *
              double(b.exact->rowPtr[kk + 1] - b.exact->rowPtr[kk]);
    steps = exactTimesRandomSteps(b.exact->transposed(), a.density, m);
  } else {
    macs = m * k * n * a.density * b.density;
    steps = randomTimesRandomSteps(m, a.density, n, b.density, a.cols);
  }

  result.inner.effectualMacs = macs;
  result.inner.aReads = n * nnzA;
  result.inner.bReads = m * nnzB;
  result.inner.intersectionSteps = steps;
  result.inner.cWrites = m * n;
  result.inner.psum = PsumGranularity::Scalar;

  result.outer.effectualMacs = macs;
  result.outer.aReads = nnzA;
  result.outer.bReads = nnzB;
  result.outer.partialProducts = macs;
  result.outer.mergeTraffic = 2 * macs;
  result.outer.cWrites = macs;
  result.outer.psum = PsumGranularity::Matrix;

  result.row.effectualMacs = macs;
  result.row.aReads = nnzA;
  result.row.bReads = macs;
  result.row.cWrites = macs;
  result.row.psum = PsumGranularity::Row;
  return result;
}

} // namespace sparq::cost
