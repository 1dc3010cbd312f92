//===- SparqToQuant.h - sparq quantization to !quant.uniform ----*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// Rewrites dense `#sparq.quant` tensors whose scales and zero points are
// constants as tensors of upstream `!quant.uniform` types, and the sparq ops
// on them as quant casts (pass `--sparq-to-quant`).
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_CONVERSION_SPARQTOQUANT_SPARQTOQUANT_H
#define SPARQ_CONVERSION_SPARQTOQUANT_SPARQTOQUANT_H

#include "sparq/Dialect/Sparq/IR/SparqAttributes.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/DialectConversion.h"

namespace sparq {

/// The `!quant.uniform` element type equivalent to `quant` on a tensor of
/// `shape` whose scale / zero-point parts are `scales` / `zeroPoints` (null
/// when absent). They must be constants: tensor granularity gives a
/// per-tensor type, channel(a) a per-axis type on `a`, and group(a, g) a
/// sub-channel type with block size g on `a` and 1 on every other axis.
/// The storage range is sparq's: `[-(2^(B-1) - 1), 2^(B-1) - 1]` when
/// symmetric, the full range of the storage width otherwise.
///
/// Fails (reporting the reason through `emitError` when given) for codebooks,
/// rounding modes other than nearest_even, non-constant or non-positive
/// scales, and zero points outside the storage range.
mlir::FailureOr<mlir::quant::QuantizedType> getQuantElementType(
    QuantAttr quant, llvm::ArrayRef<int64_t> shape, mlir::Value scales,
    mlir::Value zeroPoints,
    llvm::function_ref<mlir::InFlightDiagnostic()> emitError = nullptr);

/// A context-aware type converter: a value of dense `#sparq.quant` tensor type
/// converts to `tensor<S x !quant.uniform<...>>` when it is produced by a
/// `sparq.quantize` or `sparq.assemble` with constant parameters, or by a
/// `func.call` whose callee always returns such a value with the same
/// parameters (the type alone does not hold the scales); other sparq
/// quantized values have no legal type, and every other type is kept.
class SparqToQuantTypeConverter : public mlir::TypeConverter {
public:
  SparqToQuantTypeConverter();
};

/// Adds the patterns that rewrite `sparq.quantize` / `dequantize` /
/// `assemble` / `part` on dense quantized tensors into `quant.qcast` /
/// `dcast` / `scast` (and constants for the scale / zero-point parts), and
/// function and call results of such tensors into `!quant.uniform` tensors.
/// `typeConverter` should be a SparqToQuantTypeConverter (or behave as one).
void populateSparqToQuantPatterns(mlir::TypeConverter &typeConverter,
                                  mlir::RewritePatternSet &patterns);

} // namespace sparq

#endif // SPARQ_CONVERSION_SPARQTOQUANT_SPARQTOQUANT_H
