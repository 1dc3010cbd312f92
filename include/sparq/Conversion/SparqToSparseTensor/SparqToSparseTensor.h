//===- SparqToSparseTensor.h - sparq formats to upstream sparse -*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// Rewrites `#sparq.encoding` storage formats as upstream
// `#sparse_tensor.encoding`s and the sparq ops on them as upstream ops.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_CONVERSION_SPARQTOSPARSETENSOR_SPARQTOSPARSETENSOR_H
#define SPARQ_CONVERSION_SPARQTOSPARSETENSOR_SPARQTOSPARSETENSOR_H

#include "sparq/Dialect/Sparq/IR/SparqAttributes.h"

#include "mlir/Dialect/SparseTensor/IR/SparseTensor.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/Transforms/DialectConversion.h"

#include <string>

namespace sparq {

/// The upstream encoding that stores `type` (a tensor with a
/// `#sparq.encoding`) with the same arrays as sparq does. On failure `reason`
/// says why upstream cannot express it (bitmap, quantized, 2/4-bit N:M
/// metadata, rank other than 2, ...).
mlir::FailureOr<mlir::sparse_tensor::SparseTensorEncodingAttr>
getSparseTensorEncoding(mlir::RankedTensorType type, std::string &reason);

/// Maps tensors with an expressible `#sparq.encoding` to the same tensor
/// with the equivalent `#sparse_tensor.encoding`; the conversion of any
/// other `#sparq.encoding` tensor fails. Other types are left unchanged.
class SparqToSparseTensorTypeConverter : public mlir::TypeConverter {
public:
  SparqToSparseTensorTypeConverter();
};

/// Adds the patterns that rewrite sparq.pack / unpack / assemble / part /
/// float matmul on converted types into sparse_tensor, bufferization, tensor
/// and linalg ops, and the func / scf signature conversions.
void populateSparqToSparseTensorPatterns(
    const mlir::TypeConverter &typeConverter,
    mlir::RewritePatternSet &patterns);

} // namespace sparq

#endif // SPARQ_CONVERSION_SPARQTOSPARSETENSOR_SPARQTOSPARSETENSOR_H
