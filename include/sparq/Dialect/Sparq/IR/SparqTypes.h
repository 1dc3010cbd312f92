//===- SparqTypes.h - Compressed tensor types and their parts ---*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// A compressed tensor is a RankedTensorType whose encoding is a
// sparq::EncodingAttr. This header is the one place that says which arrays
// ("parts") make up such a tensor and what their types are; verifiers, the
// part accessor, lowerings (1:N type conversion) and the packing code all
// read it from here.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_DIALECT_SPARQ_IR_SPARQTYPES_H
#define SPARQ_DIALECT_SPARQ_IR_SPARQTYPES_H

#include "mlir/IR/BuiltinTypes.h"
#include "sparq/Dialect/Sparq/IR/SparqAttributes.h"
#include "llvm/ADT/SmallVector.h"

namespace sparq {

/// The sparq encoding of `type`, or null when it has none (or is not a
/// ranked tensor).
EncodingAttr getSparqEncoding(mlir::Type type);

/// The quantization of `type`, or null when it is not quantized.
QuantAttr getQuant(mlir::Type type);

/// The group size of `type`'s scales when they vary along the reduction axis
/// `kAxis` of the stored tensor (a channel along K is a group of 1), else 0.
int64_t getGroupAlongK(mlir::Type type, int64_t kAxis);

/// Builds the canonical tensor type for `shape`/`elementType` with `encoding`:
/// an unquantized dense encoding is dropped (a plain tensor).
mlir::RankedTensorType getCompressedType(llvm::ArrayRef<int64_t> shape,
                                         mlir::Type elementType,
                                         EncodingAttr encoding);

/// One array of a compressed tensor.
struct CompressedPart {
  PartKind kind;
  mlir::RankedTensorType type;
};

/// The parts of a compressed tensor type, in canonical order (values,
/// positions, coordinates, bitmap, metadata, scales, zero points, codebook).
/// A plain tensor has one part, its values.
llvm::SmallVector<CompressedPart>
getCompressedParts(mlir::RankedTensorType type);

/// The type of part `kind` of `type`, or null if `type` has no such part.
mlir::RankedTensorType getPartType(mlir::RankedTensorType type, PartKind kind);

/// ceil(log2(x)) for x >= 1.
unsigned ceilLog2(uint64_t x);

} // namespace sparq

#endif // SPARQ_DIALECT_SPARQ_IR_SPARQTYPES_H
