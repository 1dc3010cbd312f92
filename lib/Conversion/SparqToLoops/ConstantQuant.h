//===- ConstantQuant.h - Zero points of constant operands, in the compiler -*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_LIB_CONVERSION_SPARQTOLOOPS_CONSTANTQUANT_H
#define SPARQ_LIB_CONVERSION_SPARQTOLOOPS_CONSTANTQUANT_H

#include "ConstantLayout.h"

#include "mlir/IR/Builders.h"

#include <optional>
#include <vector>

namespace sparq::loops {

/// A rank-2 integer operand whose parts are all constants (a plain integer
/// `arith.constant`, or a `sparq.assemble` of constants, quantized linearly
/// or not), read in the compiler: every stored entry of the stored matrix
/// and its zero-point-free integer value `q - zp` (`q` when there are no zero
/// points). Unstored entries of a sparse operand are its zero point, so their
/// zero-point-free value is 0.
struct ConstantIntegerOperand {
  /// Shape of the stored matrix.
  int64_t rows = 0, cols = 0;
  std::vector<StoredEntry> entries;
  /// values[i] is the zero-point-free value of entries[i].
  std::vector<int64_t> values;
  /// True when the operand has zero points (asymmetric quantization).
  bool hasZeroPoints = false;
};

/// Reads `operand` when it is a constant integer operand as described above
/// (not codebook-quantized); nullopt otherwise. Linear in the stored entries.
std::optional<ConstantIntegerOperand>
readConstantIntegerOperand(mlir::Value operand);

/// The operand `read` came from, rebuilt from new constants with its values
/// replaced by their zero-point-free values in the integer type `element`
/// (or f32, under exact float accumulation: the values are then integers of
/// at most 2^24 in magnitude) and without quantization: a plain tensor for
/// the dense format, else a `sparq.assemble` of the same format and index
/// parts.
mlir::Value buildZeroPointFreeConstant(mlir::OpBuilder &b, mlir::Location loc,
                                       mlir::Value operand,
                                       const ConstantIntegerOperand &read,
                                       mlir::Type element);

/// The values part of `operand`, a `sparq.assemble` without zero points or
/// codebook whose values part (at least a byte per value) is a readable
/// integer constant although other parts may not be (e.g. N:M metadata
/// through `sparq.from_bytes`), read in the compiler (signed unless the
/// quantization is unsigned); nullopt otherwise. Used by exact float
/// accumulation: the values as f32 constants, bounded by their magnitude.
std::optional<std::vector<int64_t>> readConstantValues(mlir::Value operand);

/// `operand` (as readConstantValues accepts it) rebuilt unquantized with its
/// values part the f32 constant of `values` (integers of at most 2^24 in
/// magnitude), every other part reused.
mlir::Value buildFloatValuesOperand(mlir::OpBuilder &b, mlir::Location loc,
                                    mlir::Value operand,
                                    llvm::ArrayRef<int64_t> values);

/// For `C = A * B` with scales grouped along K by `group`, the constant
/// operand `read` (A when `isLhs`, else B, stored as [N, K] when
/// `storedTransposed`) expanded so that every group of K has its own output
/// line, with zero-point-free values in the integer type `element`: B as a
/// [K, N * G] CSC matrix whose column n * G + k / group holds the entries of
/// column n in that group, A as a [M * G, K] CSR matrix (row m * G + k /
/// group). The product with the other operand is then the per-group partial
/// sums, with the same number of MACs. Linear in the stored entries.
mlir::Value buildGroupExpandedConstant(mlir::OpBuilder &b, mlir::Location loc,
                                       const ConstantIntegerOperand &read,
                                       bool isLhs, bool storedTransposed,
                                       int64_t group, mlir::Type element);

} // namespace sparq::loops

#endif // SPARQ_LIB_CONVERSION_SPARQTOLOOPS_CONSTANTQUANT_H
