//===- QuantToSparq.h - !quant.uniform to sparq quantization ----*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// Rewrites upstream `!quant.uniform` tensors and the quant casts on them as
// `#sparq.quant` tensors whose scales and zero points are `arith.constant`
// parts (pass `--sparq-from-quant`).
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_CONVERSION_QUANTTOSPARQ_QUANTTOSPARQ_H
#define SPARQ_CONVERSION_QUANTTOSPARQ_QUANTTOSPARQ_H

#include "sparq/Dialect/Sparq/IR/SparqAttributes.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/DialectConversion.h"

namespace sparq {

/// The sparq form of the quantization described by a `!quant.uniform` type.
struct SparqQuantParams {
  /// The `#sparq.quant` with the same storage, expressed type, scheme and
  /// granularity.
  QuantAttr quant;
  /// The scales (expressed type), as a constant of the scale part's shape
  /// (static: dynamic dimensions of the part take the count held in the type).
  mlir::DenseElementsAttr scales;
  /// The i32 zero points (same shape as `scales`); null when symmetric.
  mlir::DenseElementsAttr zeroPoints;
};

/// Maps a quant element type, used in a tensor of `shape`, to sparq.
///
/// Scheme rule: a signed type with the narrow range
/// `[-(2^(B-1) - 1), 2^(B-1) - 1]` and all zero points 0 is `symmetric`; a
/// type with the full range of its storage width is `asymmetric` (zero points
/// become an i32 part, even when they are all 0); any other storage range
/// cannot be expressed (sparq saturates at one of those two ranges).
/// Granularity: per-tensor is `tensor`, per-axis is `channel(axis)`, and a
/// sub-channel type is `tensor` / `channel(a)` / `group(a, b)` when its blocks
/// are whole-tensor / one-by-one along `a` and whole elsewhere / `b` along `a`
/// and one-by-one elsewhere. Scales are rounded to the expressed type, as
/// upstream's own lowering materializes them.
///
/// On failure, reports the reason through `emitError` when given.
mlir::FailureOr<SparqQuantParams> getSparqQuantParams(
    mlir::quant::QuantizedType type, llvm::ArrayRef<int64_t> shape,
    llvm::function_ref<mlir::InFlightDiagnostic()> emitError = nullptr);

/// Converts `tensor<S x !quant.uniform<...>>` to the dense `#sparq.quant`
/// tensor `tensor<S x iB, #sparq.encoding<dense, quant = ...>>` and leaves
/// other types unchanged. Its target materialization turns a storage integer
/// tensor into that type with a `sparq.assemble` of constant scales / zero
/// points (used at function boundaries and call results).
class QuantToSparqTypeConverter : public mlir::TypeConverter {
public:
  QuantToSparqTypeConverter();
};

/// Adds the patterns that rewrite `quant.qcast` / `dcast` / `scast` into
/// `sparq.quantize` / `dequantize` / `assemble` / `part`, and `func.func` /
/// `func.call` / `func.return` on `!quant.uniform` tensors into their storage
/// integer tensors (assembled with constant scales inside the body).
/// `typeConverter` should be a QuantToSparqTypeConverter (or behave as one).
void populateQuantToSparqPatterns(mlir::TypeConverter &typeConverter,
                                  mlir::RewritePatternSet &patterns);

} // namespace sparq

#endif // SPARQ_CONVERSION_QUANTTOSPARQ_QUANTTOSPARQ_H
