//===- CompressedBuilders.h - IR builders of the reference lowering -*- C++
//-*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// Builders shared by the reference lowering's patterns: they emit tensor-level
// code (scf loops over tensor.extract / tensor.insert, linalg.generic) that
// packs, unpacks, quantizes and dequantizes the parts of compressed tensors.
// All of them assume the checks of getSparqToLinalgUnsupportedReason passed.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_LIB_CONVERSION_SPARQTOLINALG_COMPRESSEDBUILDERS_H
#define SPARQ_LIB_CONVERSION_SPARQTOLINALG_COMPRESSEDBUILDERS_H

#include "sparq/Dialect/Sparq/IR/SparqTypes.h"

#include "mlir/IR/AffineMap.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Value.h"
#include "mlir/Transforms/DialectConversion.h"

#include <optional>
#include <string>

namespace sparq::lowering {

/// A compressed (or plain) tensor value expanded into its parts, in the order
/// of getCompressedParts(type).
struct CompressedValue {
  mlir::RankedTensorType type;
  llvm::SmallVector<mlir::Value> parts;

  /// The part of `kind`, or null when the type has none.
  mlir::Value get(PartKind kind) const;
  /// The index parts (positions, coordinates, bitmap, metadata), in order.
  llvm::SmallVector<mlir::Value> indexParts() const;
  /// The quantization parts (scales, zero points, codebook), in order.
  llvm::SmallVector<mlir::Value> quantParts() const;
};

/// The map from the iteration space of a rank-`rank` elementwise op to the
/// scale / zero-point tensor of `quant` (tensor: s[0], channel(a): s[i_a],
/// group(a, g): s[..., i_a floordiv g, ...]).
mlir::AffineMap getParamMap(QuantAttr quant, unsigned rank,
                            mlir::MLIRContext *ctx);

/// The indices into the scale tensor of `quant` for the element at `indices`
/// (without the codebook entry index).
llvm::SmallVector<mlir::Value> getParamIndices(mlir::OpBuilder &b,
                                               mlir::Location loc,
                                               QuantAttr quant,
                                               mlir::ValueRange indices);

/// A tensor.empty of `source`'s shape (dynamic sizes taken from it) with
/// element type `elementType`.
mlir::Value createEmptyLike(mlir::OpBuilder &b, mlir::Location loc,
                            mlir::Value source, mlir::Type elementType);

/// An elementwise linalg.generic over `inputs` (read through `inputMaps`)
/// into a fresh tensor shaped like `like` with element type `resultElement`.
mlir::Value buildElementwise(
    mlir::OpBuilder &b, mlir::Location loc, mlir::Value like,
    mlir::Type resultElement, mlir::ValueRange inputs,
    llvm::ArrayRef<mlir::AffineMap> inputMaps,
    llvm::function_ref<mlir::Value(mlir::OpBuilder &, mlir::Location,
                                   mlir::ValueRange)>
        body);

/// Converts a scalar between int/float types the way a reference numerics
/// library would: extf/truncf between floats, sitofp/uitofp from integers
/// (`isSigned`), extsi/extui/trunci between integers.
mlir::Value convertScalar(mlir::OpBuilder &b, mlir::Location loc,
                          mlir::Value value, mlir::Type to, bool isSigned);

/// Quantizes float tensor `input` (plain) into a plain storage tensor (iB).
mlir::Value buildQuantize(mlir::OpBuilder &b, mlir::Location loc,
                          mlir::Value input, QuantAttr quant,
                          mlir::Value scales, mlir::Value zeroPoints,
                          mlir::Value codebook);

/// Dequantizes a plain storage tensor `storage` whose elements sit at the
/// coordinates of a tensor of the same shape (dense) into the expressed type.
mlir::Value buildDequantizeDense(mlir::OpBuilder &b, mlir::Location loc,
                                 mlir::Value storage, QuantAttr quant,
                                 mlir::Value scales, mlir::Value zeroPoints,
                                 mlir::Value codebook);

/// Dequantizes one stored integer `q` of the element at `indices` (indices
/// into the full tensor, which select its scale / zero point / codebook).
mlir::Value buildDequantizeScalar(mlir::OpBuilder &b, mlir::Location loc,
                                  mlir::Value q, QuantAttr quant,
                                  mlir::Value scales, mlir::Value zeroPoints,
                                  mlir::Value codebook,
                                  mlir::ValueRange indices);

/// Dequantizes the values part of a compressed quantized tensor in place of
/// its storage: every stored value gets the scale of its coordinates. The
/// index parts are unchanged (explicitly stored zeros stay stored).
mlir::Value buildDequantizeStored(mlir::OpBuilder &b, mlir::Location loc,
                                  const CompressedValue &value);

/// The values part of a compressed asymmetric tensor with every stored `q`
/// replaced by `q - zp` in the integer type `acc`, `zp` being the zero point
/// of the entry's coordinates (any granularity). Unstored entries are their
/// zero point, so the result is the zero-point-free tensor on its stored set.
mlir::Value buildZeroPointFreeStored(mlir::OpBuilder &b, mlir::Location loc,
                                     const CompressedValue &value,
                                     mlir::Type acc);

/// The dequantized values part of a compressed quantized tensor (elementwise
/// for tensor granularity, else buildDequantizeStored).
mlir::Value buildDequantizeValues(mlir::OpBuilder &b, mlir::Location loc,
                                  const CompressedValue &value);

/// Requantizes `input` (plain storage of a tensor quantized with `inQuant`
/// and `inScales`/`inZeroPoints` or `inCodebook`, or a raw integer tensor with
/// `inQuant` null and `inScales` of one element or the output's scale shape)
/// into the plain storage of `outQuant`. The rescale is done in f64.
mlir::Value buildRequantize(mlir::OpBuilder &b, mlir::Location loc,
                            mlir::Value input, QuantAttr inQuant,
                            mlir::Value inScales, mlir::Value inZeroPoints,
                            mlir::Value inCodebook, QuantAttr outQuant,
                            mlir::Value outScales, mlir::Value outZeroPoints);

/// The scalar tail of a requantization: `real` (f64) divided by `outScale`,
/// rounded with `outQuant`'s mode, plus `outZeroPoint` (may be null),
/// saturated to the storage range and converted to the storage integer.
mlir::Value buildRescaleToStorage(mlir::OpBuilder &b, mlir::Location loc,
                                  mlir::Value real, mlir::Value outScale,
                                  mlir::Value outZeroPoint,
                                  QuantAttr outQuant);

/// buildRequantize for one raw (signed) integer `q` with input scale
/// `inScale`: `f64(q) * inScale`, then buildRescaleToStorage. Fused
/// epilogues use it so that their numbers are the reference lowering's.
mlir::Value buildRequantizeRawScalar(mlir::OpBuilder &b, mlir::Location loc,
                                     mlir::Value q, mlir::Value inScale,
                                     mlir::Value outScale,
                                     mlir::Value outZeroPoint,
                                     QuantAttr outQuant);

/// An i1 tensor of `storage`'s shape that is true where the element's real
/// value is nonzero (float != 0, q != 0, q != zero point, codebook[q] != 0).
/// `quant` may be null (plain values).
mlir::Value buildNonzeroMask(mlir::OpBuilder &b, mlir::Location loc,
                             mlir::Value storage, QuantAttr quant,
                             mlir::Value zeroPoints, mlir::Value codebook);

/// The zero point of every element of a tensor of `shape`, as a plain storage
/// tensor (iB) (asymmetric quantization only).
mlir::Value buildElementZeroPoints(mlir::OpBuilder &b, mlir::Location loc,
                                   QuantAttr quant, mlir::Value zeroPoints,
                                   mlir::Value like);

/// For every element of a tensor shaped like `like`, the lowest index of a
/// zero centroid in its codebook (what an unstored entry is). Aborts at run
/// time with a message when a codebook has no zero centroid.
mlir::Value buildCodebookZeroIndices(mlir::OpBuilder &b, mlir::Location loc,
                                     QuantAttr quant, mlir::Value codebook,
                                     mlir::Value like);

/// Unpacks `bytes` (rank-1 i8, LSB-first bit stream) into a plain tensor of
/// `resultType` (static shape, B-bit integers): element i (row-major) is the
/// B bits starting at bit i * B.
mlir::Value buildFromBytes(mlir::OpBuilder &b, mlir::Location loc,
                           mlir::Value bytes,
                           mlir::RankedTensorType resultType);

/// Packs the plain dense tensor `dense` (the storage values of a tensor of
/// type `resultType`'s shape) into the format parts of `resultType` (values
/// and index arrays, without quantization parts). `nonzero` (i1, same shape
/// as `dense`) says which entries are nonzero.
llvm::SmallVector<mlir::Value> buildPack(mlir::OpBuilder &b, mlir::Location loc,
                                         mlir::Value dense, mlir::Value nonzero,
                                         mlir::RankedTensorType resultType);

/// Expands a compressed value into its plain dense storage tensor; entries
/// not stored are zero (or their zero point when asymmetric).
mlir::Value buildUnpack(mlir::OpBuilder &b, mlir::Location loc,
                        const CompressedValue &value);

/// The plain dense storage tensor of any tensor (unpacked when compressed).
mlir::Value buildDenseStorage(mlir::OpBuilder &b, mlir::Location loc,
                              const CompressedValue &value);

/// The `sparq.matmul` / `sparq.conv2d` patterns (Contractions.cpp).
void populateContractionPatterns(const mlir::TypeConverter &typeConverter,
                                 mlir::RewritePatternSet &patterns);

/// Why a matmul / conv2d cannot be lowered, or nullopt.
std::optional<std::string> getContractionUnsupportedReason(mlir::Operation *op);

} // namespace sparq::lowering

#endif // SPARQ_LIB_CONVERSION_SPARQTOLINALG_COMPRESSEDBUILDERS_H
