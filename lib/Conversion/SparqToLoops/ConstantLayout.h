//===- ConstantLayout.h - Layout conversion of constant operands -*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_LIB_CONVERSION_SPARQTOLOOPS_CONSTANTLAYOUT_H
#define SPARQ_LIB_CONVERSION_SPARQTOLOOPS_CONSTANTLAYOUT_H

#include "sparq/Dialect/Sparq/IR/SparqAttributes.h"

#include "mlir/IR/Builders.h"

#include <algorithm>
#include <cstring>
#include <optional>

namespace sparq::loops {

/// The raw bytes of a constant tensor (dense or dense_resource) and the
/// storage width of one element in bytes; `splat` when one element stands for
/// all. Fails for non-constant values or 1-bit elements.
struct RawConstant {
  llvm::ArrayRef<char> bytes;
  int64_t elementBytes = 0;
  bool splat = false;
  int64_t count = 0;

  /// Element i as an unsigned integer (little-endian).
  uint64_t unsignedAt(int64_t i) const {
    const char *p = bytes.data() + (splat ? 0 : i * elementBytes);
    uint64_t v = 0;
    std::memcpy(&v, p, std::min<int64_t>(elementBytes, 8));
    if (elementBytes < 8)
      v &= (uint64_t(1) << (8 * elementBytes)) - 1;
    return v;
  }
  const char *at(int64_t i) const {
    return bytes.data() + (splat ? 0 : i * elementBytes);
  }
};

/// The raw bytes of `value` when it is a constant (dense or dense_resource)
/// with whole-byte or sub-byte (one per byte) elements; nullopt otherwise.
std::optional<RawConstant> readConstant(mlir::Value value);

/// For a rank-2 compressed `operand` defined by a sparq.assemble of
/// constants, builds in the compiler the same matrix stored as `format`
/// (CSR or CSC, 32-bit indices, same storage and quantization) and returns a
/// sparq.assemble of new constants; null when a part is not a readable
/// constant.
mlir::Value convertConstantLayout(mlir::OpBuilder &b, mlir::Location loc,
                                  mlir::Value operand, FormatKind format);

} // namespace sparq::loops

#endif // SPARQ_LIB_CONVERSION_SPARQTOLOOPS_CONSTANTLAYOUT_H
