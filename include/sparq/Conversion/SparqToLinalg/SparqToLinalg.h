//===- SparqToLinalg.h - Reference lowering of sparq ops --------*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// The reference ("exact, not fast") lowering of the sparq dialect to tensor,
// linalg, scf, arith, math and cf. Optimized lowerings reuse the type
// converter and add their own patterns with a higher benefit in front of these.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_CONVERSION_SPARQTOLINALG_SPARQTOLINALG_H
#define SPARQ_CONVERSION_SPARQTOLINALG_SPARQTOLINALG_H

#include "mlir/IR/AffineMap.h"
#include "mlir/IR/Builders.h"
#include "mlir/Transforms/DialectConversion.h"

#include <optional>
#include <string>

namespace sparq {

/// The 1:N type converter of the reference lowering: a tensor with a
/// `#sparq.encoding` becomes the list of its parts (`getCompressedParts`, in
/// order); every other type is kept.
class SparqToLinalgTypeConverter : public mlir::TypeConverter {
public:
  SparqToLinalgTypeConverter();
};

/// Adds the patterns that lower every sparq op (assemble, part, pack, unpack,
/// quantize, dequantize, requantize, matmul, conv2d) on expanded parts.
void populateSparqToLinalgPatterns(mlir::TypeConverter &typeConverter,
                                   mlir::RewritePatternSet &patterns);

/// Adds the patterns that carry compressed values across func.func, func.call,
/// func.return and scf structural ops, and the matching legality to `target`.
void populateSparqToLinalgStructuralConversions(
    mlir::TypeConverter &typeConverter, mlir::RewritePatternSet &patterns,
    mlir::ConversionTarget &target);

/// Why the reference lowering cannot lower `op` (a sparq op, or any op that
/// handles compressed tensors), or nullopt when it can. The pass reports these
/// at the op before converting anything; the patterns return the same reason
/// through notifyMatchFailure.
std::optional<std::string>
getSparqToLinalgUnsupportedReason(mlir::Operation *op);

/// The reference lowering's rescale of an integer accumulator into a float
/// result: `out = f64(acc) * s_1 * s_2 ...` in f64 (the scales in the order
/// given, each widened to f64), rounded once to `resultElement`. Each scale
/// tensor is read through its map from `acc`'s iteration space. Other
/// lowerings (sparq-to-pe) call this so their float results are bit-identical
/// to the reference's.
mlir::Value buildScaledAccumulator(
    mlir::OpBuilder &b, mlir::Location loc, mlir::Value acc,
    mlir::Type resultElement,
    llvm::ArrayRef<std::pair<mlir::Value, mlir::AffineMap>> scales);

} // namespace sparq

#endif // SPARQ_CONVERSION_SPARQTOLINALG_SPARQTOLINALG_H
