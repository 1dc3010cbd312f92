//===- ExactFloatAccumulation.h - When f32 sums of integers are exact -*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// An integer product `C = A * B` may be accumulated in f32 instead of its
// integer accumulator, bit for bit, when every partial sum of every output
// is an integer of magnitude at most 2^24: such integers (and every product
// of two operands, itself bounded the same way) are exactly representable in
// f32, so each fma / add is exact whatever the order, and `fptosi` of the
// final sum gives the integer accumulation's result. This file bounds the
// partial sums from what the compiler knows of the operands (constant values
// read in the compiler, or the value range of a run-time operand's type);
// the proof and the choice are documented in docs/dataflow.md (Numerics).
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_LIB_CONVERSION_SPARQTOLOOPS_EXACTFLOATACCUMULATION_H
#define SPARQ_LIB_CONVERSION_SPARQTOLOOPS_EXACTFLOATACCUMULATION_H

#include "ConstantQuant.h"

#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <string>

namespace sparq::loops {

/// The largest partial sum magnitude for which f32 accumulation is exact:
/// 2^24, the largest power of two below which every integer is an f32.
constexpr uint64_t kExactFloatSumLimit = uint64_t(1) << 24;

/// What the bound knows of one operand of `C = A * B` (A as [M, K], B as
/// [K, N]): either its values, read in the compiler (zero-point free: the
/// values the loops multiply), or the largest magnitude a value the loops
/// multiply can have at run time.
struct AccumulationOperand {
  /// A constant operand (null for a run-time one).
  const ConstantIntegerOperand *constant = nullptr;
  /// The constant's stored matrix is the logical operand transposed (B
  /// stored [N, K] with transpose_b).
  bool storedTransposed = false;
  /// Run-time operand: max |value| of what the loops multiply.
  uint64_t maxMagnitude = 0;
  /// maxMagnitude was read from constant values (not from a type's range).
  bool magnitudeFromValues = false;
  /// Not a readable constant, but its values are, line by line (an N:M
  /// operand whose stored rows are its output lines): the largest sum of
  /// |value| over one output line; 0 when unknown.
  uint64_t maxLineSum = 0;
};

/// The choice for one product.
struct FloatAccumulationChoice {
  /// True when f32 accumulation gives the integer accumulation's result.
  bool exact = false;
  /// Upper bound on |partial sum| of any output (saturated at UINT64_MAX).
  uint64_t bound = 0;
  /// How the bound was formed, e.g. "128 (max |A|) * 131072 (max column sum
  /// of |B|)".
  std::string how;
  /// When the bound over all of K is above 2^24 but one over any `block`
  /// consecutive reductions is not (boundIntegerProduct with a block): f32
  /// is exact within each reduction block of at most `block` products, and
  /// the block sums are added in the integer accumulator. 0 otherwise.
  int64_t block = 0;
  /// That per-block bound, `block * maxA * maxB`.
  uint64_t blockBound = 0;
  /// How it was formed, e.g. "256 (block) * 128 (max |A| of its type) *
  /// 128 (max |B| of its values)".
  std::string blockHow;

  /// "accumulate in f32, exact: |partial sums| <= <how> = <bound> <= 2^24;
  /// converted to i32", "accumulate in f32 per reduction block of 256,
  /// exact: ..." or "accumulate in i32: |partial sums| <= ..., above 2^24
  /// (...)", for remarks; `acc` names the integer accumulator.
  void print(llvm::raw_ostream &os, llvm::StringRef acc) const;
};

/// Largest magnitude of a `bits`-bit integer: 2^(bits - 1) when signed,
/// 2^bits - 1 when unsigned (saturated at UINT64_MAX).
uint64_t integerMagnitude(unsigned bits, bool isSigned);

/// Bounds the partial sums of `C = A * B` with reduction size `k`. With a
/// constant operand (or one whose line sums are known: maxLineSum), per
/// output line (a row of A, a column of B): sum_k |v| times the other
/// operand's max magnitude; with two run-time operands
/// `k * maxA * maxB`; with two constants the smaller of both line bounds.
/// With `block` > 0 (the loops sum the products of each run of at most
/// `block` consecutive reductions in their own accumulators, then add those
/// block sums in the integer accumulator) and the bound above 2^24, also
/// bounds a block's partial sums (FloatAccumulationChoice::block). Linear in
/// the constants' stored entries.
FloatAccumulationChoice boundIntegerProduct(const AccumulationOperand &a,
                                            const AccumulationOperand &b,
                                            int64_t k, int64_t block = 0);

} // namespace sparq::loops

#endif // SPARQ_LIB_CONVERSION_SPARQTOLOOPS_EXACTFLOATACCUMULATION_H
