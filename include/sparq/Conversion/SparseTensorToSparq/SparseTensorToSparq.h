//===- SparseTensorToSparq.h - upstream sparse to sparq formats -*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// The inverse of SparqToSparseTensor: rewrites upstream
// `#sparse_tensor.encoding`s that store a sparq format as `#sparq.encoding`
// and the upstream ops on them as sparq ops.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_CONVERSION_SPARSETENSORTOSPARQ_SPARSETENSORTOSPARQ_H
#define SPARQ_CONVERSION_SPARSETENSORTOSPARQ_SPARSETENSORTOSPARQ_H

#include "sparq/Dialect/Sparq/IR/SparqAttributes.h"

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/Transforms/DialectConversion.h"

#include <string>

namespace sparq {

/// The `#sparq.encoding` that stores `type` (a tensor with a
/// `#sparse_tensor.encoding`) with the same arrays. Index-typed upstream
/// arrays (width 0) become 64-bit ones. On failure `reason` names what has
/// no sparq equivalent.
mlir::FailureOr<EncodingAttr> getSparqEncodingFor(mlir::RankedTensorType type,
                                                  std::string &reason);

/// Maps tensors with a `#sparse_tensor.encoding` that has a sparq
/// equivalent to the same tensor with the `#sparq.encoding`; the conversion
/// of any other upstream sparse tensor fails. Other types are unchanged.
class SparseTensorToSparqTypeConverter : public mlir::TypeConverter {
public:
  SparseTensorToSparqTypeConverter();
};

/// Adds the patterns that rewrite sparse_tensor.convert / assemble /
/// positions / coordinates / coordinates_buffer / values and linalg.matmul
/// with sparse operands into sparq ops, and the func / scf signature
/// conversions.
void populateSparseTensorToSparqPatterns(
    const mlir::TypeConverter &typeConverter,
    mlir::RewritePatternSet &patterns);

} // namespace sparq

#endif // SPARQ_CONVERSION_SPARSETENSORTOSPARQ_SPARSETENSORTOSPARQ_H
