//===- PEWorkCounts.cpp - PE events of a matmul under each scheme ---------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#include "sparq/CostModel/PEWorkCounts.h"

#include <vector>

namespace sparq::cost {

namespace {
uint64_t magnitude(int64_t v) {
  return v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
}
} // namespace

PEEvents countBitFusionMatmul(int64_t m, int64_t k, int64_t n, int a, int w) {
  PEEvents ev;
  ev.fusedProducts[{a, w}] = m * k * n;
  return ev;
}

PEEvents countDrqMatmul(const bool *sensitive, int64_t m, int64_t k,
                        int64_t n, int wBits) {
  int64_t hot = 0;
  for (int64_t i = 0; i < m * k; ++i)
    hot += sensitive[i];
  PEEvents ev;
  if (hot)
    ev.macProducts[{8, wBits}] = hot * n;
  if (m * k - hot)
    ev.macProducts[{4, wBits}] = (m * k - hot) * n;
  return ev;
}

PEEvents countAtomMatmul(const int64_t *a, int64_t m, int64_t k, int aBits,
                         const int64_t *w, int64_t n, int wBits) {
  // Per reduction index kk: atoms of column kk of A times atoms of row kk of
  // W, and nonzeros of each for the product count.
  std::vector<int64_t> aAtoms(k, 0), aNonzero(k, 0);
  for (int64_t i = 0; i < m; ++i)
    for (int64_t kk = 0; kk < k; ++kk) {
      int64_t v = a[i * k + kk];
      aAtoms[kk] += nonzeroAtoms(magnitude(v));
      aNonzero[kk] += v != 0;
    }
  int64_t work = 0, products = 0;
  for (int64_t kk = 0; kk < k; ++kk) {
    int64_t wAtoms = 0, wNonzero = 0;
    for (int64_t j = 0; j < n; ++j) {
      int64_t v = w[kk * n + j];
      wAtoms += nonzeroAtoms(magnitude(v));
      wNonzero += v != 0;
    }
    work += aAtoms[kk] * wAtoms;
    products += aNonzero[kk] * wNonzero;
  }
  PEEvents ev;
  ev.atomPairs = work;
  ev.atomProducts[{aBits, wBits}] = products;
  ev.skippedWork = m * k * n * bitBricksPerProduct(aBits, wBits) - work;
  return ev;
}

PEEvents countBitmapJoinMatmul(const Pattern &a, const Pattern &w, int aBits,
                               int wBits) {
  // Matches: sum over k of nnz(A[:, k]) * nnz(W[k, :]).
  std::vector<int64_t> aColCount(a.cols, 0);
  for (int64_t c : a.colIdx)
    ++aColCount[c];
  int64_t matches = 0;
  for (int64_t kk = 0; kk < a.cols && kk < w.rows; ++kk)
    matches += aColCount[kk] * (w.rowPtr[kk + 1] - w.rowPtr[kk]);
  PEEvents ev;
  ev.joinProducts[{aBits, wBits}] = matches;
  ev.bitmapWords = a.rows * w.cols * ((a.cols + 63) / 64);
  ev.skippedWork = a.rows * a.cols * w.cols - matches;
  return ev;
}

} // namespace sparq::cost
