//===- EncodedReshape.h - Reshaping compressed tensors by their parts -*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// The rewrites that turn convolutions and batched matmuls into rank-2
// sparq.matmuls view a compressed operand with another shape of the same
// matrix (an FCHW filter as [F, C*KH*KW], a [B, M, K] operand as [B*M, K]).
// The parts of both types are the same data: only a dense tensor's values
// depend on the rank rather than on the matrix view. This is that reshaping,
// in one place.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_LIB_DIALECT_SPARQ_TRANSFORMS_ENCODEDRESHAPE_H
#define SPARQ_LIB_DIALECT_SPARQ_TRANSFORMS_ENCODEDRESHAPE_H

#include "sparq/Dialect/Sparq/IR/SparqAttributes.h"

#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"
#include "mlir/IR/Builders.h"

namespace sparq {

/// The encoding `enc` for a tensor of another shape with the same matrix
/// view: the same format, widths and structure, `row_dims` reset to the
/// default, and quantization `quant`.
EncodingAttr getReshapedEncoding(EncodingAttr enc, QuantAttr quant);

/// The same quantization with its parameter axis moved to `axis` (tensor
/// granularity is returned unchanged; null stays null).
QuantAttr withQuantAxis(QuantAttr quant, unsigned axis);

/// `value` (a plain tensor, or a compressed one whose parts are those of
/// `type`) reshaped to `type` by `collapse`: a plain tensor with
/// tensor.collapse_shape, a compressed one by taking its parts, collapsing
/// the parts whose shape follows the tensor's rank (the dense values) and
/// re-assembling them as `type`. The caller checks that both types have the
/// same matrix view and parameter shapes.
mlir::Value buildCollapsedOperand(mlir::OpBuilder &b, mlir::Location loc,
                                  mlir::Value value,
                                  mlir::RankedTensorType type,
                                  llvm::ArrayRef<mlir::ReassociationIndices>
                                      collapse);

} // namespace sparq

#endif // SPARQ_LIB_DIALECT_SPARQ_TRANSFORMS_ENCODEDRESHAPE_H
