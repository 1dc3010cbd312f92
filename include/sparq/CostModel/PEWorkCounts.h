//===- PEWorkCounts.h - PE events of a matmul under each scheme -*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// The exact events (PEEvents) of C[M, N] = A[M, K] * W[K, N] under each PE
// scheme, counted from the operands' sizes, values or patterns: BitFusion
// (every product fused at its (a, w) precision), DRQ (activation elements in
// sensitive regions at 8 bits, the rest at 4), 2-bit atoms (nonzero atom
// pairs only) and the bitmap inner-join (positions set in both bitmaps).
// Linear in the operand sizes (never M x K x N). Traffic is not counted here:
// the simulator takes it from the program's loads and stores.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_COSTMODEL_PEWORKCOUNTS_H
#define SPARQ_COSTMODEL_PEWORKCOUNTS_H

#include "sparq/CostModel/DataflowCounts.h"
#include "sparq/CostModel/PECycleModel.h"

#include <cstdint>

namespace sparq::cost {

/// BitFusion: M * K * N products at (a, w).
PEEvents countBitFusionMatmul(int64_t m, int64_t k, int64_t n, int a, int w);

/// DRQ: `sensitive` is the M x K row-major mask of activation elements in
/// sensitive regions; each element takes part in N MACs, at 8 x wBits when
/// sensitive and 4 x wBits otherwise.
PEEvents countDrqMatmul(const bool *sensitive, int64_t m, int64_t k,
                        int64_t n, int wBits = 8);

/// 2-bit atoms with zero skipping: a (M x K) and w (K x N) are row-major
/// integer operands (zero points already subtracted); the work is
/// sum over (m, k, n) of nonzeroAtoms(|a|) * nonzeroAtoms(|w|), and the
/// skipped work is M K N ceil(aBits/2) ceil(wBits/2) minus that.
/// atomProducts[(aBits, wBits)] counts the products with both operands
/// nonzero.
PEEvents countAtomMatmul(const int64_t *a, int64_t m, int64_t k, int aBits,
                         const int64_t *w, int64_t n, int wBits);

/// Bitmap inner-join: for every output (m, n), the 64-bit words of row m of
/// A's bitmap and column n of W's bitmap are ANDed (ceil(K/64) word pairs)
/// and only the positions set in both are multiplied (joinProducts at
/// (a, w)); the skipped work is M K N minus the matches. The patterns must
/// fit (A.cols == W.rows).
PEEvents countBitmapJoinMatmul(const Pattern &a, const Pattern &w, int aBits,
                               int wBits);

} // namespace sparq::cost

#endif // SPARQ_COSTMODEL_PEWORKCOUNTS_H
