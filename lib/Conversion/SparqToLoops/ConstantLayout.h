//===- ConstantLayout.h - Layout conversion of constant operands -*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_LIB_CONVERSION_SPARQTOLOOPS_CONSTANTLAYOUT_H
#define SPARQ_LIB_CONVERSION_SPARQTOLOOPS_CONSTANTLAYOUT_H

#include "sparq/Dialect/Sparq/IR/SparqAttributes.h"

#include "mlir/IR/Builders.h"

namespace sparq::loops {

/// For a rank-2 compressed `operand` defined by a sparq.assemble of
/// constants, builds in the compiler the same matrix stored as `format`
/// (CSR or CSC, 32-bit indices, same storage and quantization) and returns a
/// sparq.assemble of new constants; null when a part is not a readable
/// constant.
mlir::Value convertConstantLayout(mlir::OpBuilder &b, mlir::Location loc,
                                  mlir::Value operand, FormatKind format);

} // namespace sparq::loops

#endif // SPARQ_LIB_CONVERSION_SPARQTOLOOPS_CONSTANTLAYOUT_H
