//===- ConstantLayout.h - Layout conversion of constant operands -*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_LIB_CONVERSION_SPARQTOLOOPS_CONSTANTLAYOUT_H
#define SPARQ_LIB_CONVERSION_SPARQTOLOOPS_CONSTANTLAYOUT_H

#include "sparq/Dialect/Sparq/IR/SparqAttributes.h"
#include "sparq/Dialect/Sparq/IR/SparqOps.h"

#include "mlir/IR/Builders.h"

#include <optional>
#include <vector>

namespace sparq::loops {

/// The raw bytes of a constant tensor (dense or dense_resource) and the
/// storage width of one element in bytes (integers narrower than a byte take
/// one byte each); `splat` when one element stands for all.
struct RawConstant {
  llvm::ArrayRef<char> bytes;
  int64_t elementBytes = 0;
  bool splat = false;
  int64_t count = 0;

  const char *at(int64_t i) const {
    return bytes.data() + (splat ? 0 : i * elementBytes);
  }
  /// Element i as an unsigned integer (little-endian).
  uint64_t unsignedAt(int64_t i) const;
  /// Element i as a two's-complement integer of `bits` bits.
  int64_t signedAt(int64_t i, unsigned bits) const;
};

/// The raw data of `value` when it is a constant (arith.constant of a dense
/// or dense_resource attribute) of integers or floats wider than one bit.
std::optional<RawConstant> readConstant(mlir::Value value);

/// The raw data behind a read-only memref the dataflow lowering made of a
/// constant: a bufferization.to_buffer of a constant, directly or of a
/// sparq.part of a sparq.assemble of constants.
std::optional<RawConstant> readConstantBuffer(mlir::Value memref);

/// One stored entry of a rank-2 operand: matrix position and flat index into
/// the values part (in elements).
struct StoredEntry {
  int64_t row, col, at;
};

/// The stored entries of a rank-2 `sparq.assemble` whose parts are constants
/// (every entry, row-major, for the dense format), in storage order of each
/// format's enumeration; nullopt when a part is not a readable constant.
std::optional<std::vector<StoredEntry>>
readConstantEntries(AssembleOp assemble);

/// For a rank-2 compressed `operand` defined by a sparq.assemble of
/// constants, builds in the compiler the same matrix stored as `format`
/// (CSR or CSC, 32-bit indices, same storage and quantization) and returns a
/// sparq.assemble of new constants; null when a part is not a readable
/// constant.
mlir::Value convertConstantLayout(mlir::OpBuilder &b, mlir::Location loc,
                                  mlir::Value operand, FormatKind format);

/// The constant compressed `operand` (a sparq.assemble whose index and
/// value parts are constants) as a dense constant of the same element type,
/// for `dataflow(dense)`: zeros where nothing is stored, each stored value's
/// bytes copied to its place (linear in the matrix size). With `transpose`,
/// the stored matrix is transposed on the way (only for an operand with no
/// quantization or per-tensor quantization). A quantized operand becomes a
/// `dense`-encoded sparq.assemble keeping its scales / zero points; an
/// unquantized one a plain arith.constant. Null when the parts are not
/// readable constants.
mlir::Value densifyConstant(mlir::OpBuilder &b, mlir::Location loc,
                            mlir::Value operand, bool transpose);

} // namespace sparq::loops

#endif // SPARQ_LIB_CONVERSION_SPARQTOLOOPS_CONSTANTLAYOUT_H
