//===- ExactFloatAccumulation.cpp - When f32 sums of integers are exact ---===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// Every output of `C = A * B` is `sum_k a_k * b_k` over integers. For any
// subset S of the terms (a partial sum, in any order, split across any
// number of accumulators), |sum_S a_k b_k| <= sum_k |a_k| |b_k|, which is at
// most max|a| * sum_k |b_k| over the line of the constant operand, or
// K * max|a| * max|b| when neither is known. When that bound is at most
// 2^24, every product and every partial sum is an integer of magnitude
// <= 2^24, exactly representable in f32, so every f32 operation on them is
// exact and the final sum converts to the integer result exactly. When the
// loops sum each block of at most `block` consecutive reductions separately
// (the dense GEMM's reduction blocks) and add the block sums in the integer
// accumulator, the same argument applies per block, with the bound
// min(bound, block * max|a| * max|b|).
//
//===----------------------------------------------------------------------===//

#include "ExactFloatAccumulation.h"

#include <algorithm>
#include <limits>
#include <vector>

namespace sparq::loops {

namespace {

constexpr uint64_t kSaturated = std::numeric_limits<uint64_t>::max();

uint64_t mulSat(uint64_t x, uint64_t y) {
  uint64_t r;
  return __builtin_mul_overflow(x, y, &r) ? kSaturated : r;
}

uint64_t addSat(uint64_t x, uint64_t y) {
  uint64_t r;
  return __builtin_add_overflow(x, y, &r) ? kSaturated : r;
}

uint64_t magnitude(int64_t v) {
  return v < 0 ? uint64_t(0) - uint64_t(v) : uint64_t(v);
}

/// The largest sum of |value| over one output line of a constant operand
/// (a row of A, a column of B), and its largest |value|.
struct LineSums {
  uint64_t maxLineSum = 0, maxValue = 0;
};

LineSums lineSums(const ConstantIntegerOperand &c, bool isLhs,
                  bool storedTransposed) {
  LineSums result;
  // Logical A [M, K] or B [K, N]: lines are A's rows, B's columns.
  bool linesAreStoredRows = isLhs != storedTransposed;
  std::vector<uint64_t> sums(linesAreStoredRows ? c.rows : c.cols, 0);
  for (auto [entry, v] : llvm::zip_equal(c.entries, c.values)) {
    uint64_t m = magnitude(v);
    result.maxValue = std::max(result.maxValue, m);
    uint64_t &sum = sums[linesAreStoredRows ? entry.row : entry.col];
    sum = addSat(sum, m);
    result.maxLineSum = std::max(result.maxLineSum, sum);
  }
  return result;
}

std::string str(uint64_t v) {
  return v == kSaturated ? std::string("more than 2^64") : std::to_string(v);
}

} // namespace

uint64_t integerMagnitude(unsigned bits, bool isSigned) {
  if (bits == 0)
    return 0;
  if (bits > 64 || (bits == 64 && !isSigned))
    return kSaturated;
  return isSigned ? uint64_t(1) << (bits - 1)
                  : (bits == 64 ? kSaturated : (uint64_t(1) << bits) - 1);
}

FloatAccumulationChoice boundIntegerProduct(const AccumulationOperand &a,
                                            const AccumulationOperand &b,
                                            int64_t k, int64_t block) {
  FloatAccumulationChoice choice;
  uint64_t maxA = a.maxMagnitude, maxB = b.maxMagnitude;
  std::optional<LineSums> sa, sb;
  if (a.constant) {
    sa = lineSums(*a.constant, /*isLhs=*/true, a.storedTransposed);
    maxA = sa->maxValue;
  } else if (a.maxLineSum) {
    sa = LineSums{a.maxLineSum, a.maxMagnitude};
  }
  if (b.constant) {
    sb = lineSums(*b.constant, /*isLhs=*/false, b.storedTransposed);
    maxB = sb->maxValue;
  } else if (b.maxLineSum) {
    sb = LineSums{b.maxLineSum, b.maxMagnitude};
  }
  llvm::raw_string_ostream os(choice.how);
  auto of = [](const AccumulationOperand &o) {
    return o.magnitudeFromValues ? " of its values)" : " of its type)";
  };
  if (sa && sb) {
    uint64_t viaB = mulSat(maxA, sb->maxLineSum);
    uint64_t viaA = mulSat(maxB, sa->maxLineSum);
    choice.bound = std::min(viaA, viaB);
    if (viaB <= viaA)
      os << str(maxA) << " (max |A|) * " << str(sb->maxLineSum)
         << " (max column sum of |B|)";
    else
      os << str(maxB) << " (max |B|) * " << str(sa->maxLineSum)
         << " (max row sum of |A|)";
  } else if (sb) {
    choice.bound = mulSat(maxA, sb->maxLineSum);
    os << str(maxA) << " (max |A|" << of(a) << " * " << str(sb->maxLineSum)
       << " (max column sum of |B|)";
  } else if (sa) {
    choice.bound = mulSat(maxB, sa->maxLineSum);
    os << str(maxB) << " (max |B|" << of(b) << " * " << str(sa->maxLineSum)
       << " (max row sum of |A|)";
  } else {
    choice.bound = mulSat(mulSat(uint64_t(k), maxA), maxB);
    os << k << " (K) * " << str(maxA) << " (max |A|" << of(a) << " * "
       << str(maxB) << " (max |B|" << of(b);
  }
  bool operandsExact =
      maxA <= kExactFloatSumLimit && maxB <= kExactFloatSumLimit;
  choice.exact = choice.bound <= kExactFloatSumLimit && operandsExact;
  if (!choice.exact && operandsExact && block > 0 && block < k) {
    uint64_t perBlock = mulSat(mulSat(uint64_t(block), maxA), maxB);
    if (perBlock <= kExactFloatSumLimit) {
      choice.block = block;
      choice.blockBound = perBlock;
      auto source = [&](const AccumulationOperand &o) {
        return o.constant ? " of its values)" : of(o);
      };
      llvm::raw_string_ostream(choice.blockHow)
          << block << " (block) * " << str(maxA) << " (max |A|" << source(a)
          << " * " << str(maxB) << " (max |B|" << source(b);
    }
  }
  return choice;
}

void FloatAccumulationChoice::print(llvm::raw_ostream &os,
                                    llvm::StringRef acc) const {
  if (exact)
    os << "accumulate in f32, exact: |partial sums| <= " << how << " = "
       << str(bound) << " <= 2^24; converted to " << acc;
  else if (block)
    os << "accumulate in f32 per reduction block of " << block
       << ", exact: |partial sums of a block| <= " << blockHow << " = "
       << str(blockBound) << " <= 2^24 (of all K: <= " << how << " = "
       << str(bound) << "); block sums converted and added in " << acc;
  else
    os << "accumulate in " << acc << ": |partial sums| <= " << how << " = "
       << str(bound)
       << (bound > kExactFloatSumLimit ? ", above 2^24"
                                       : ", operands above 2^24")
       << " (f32 would not be exact)";
}

} // namespace sparq::loops
