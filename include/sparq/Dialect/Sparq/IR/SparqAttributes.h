//===- SparqAttributes.h - Attributes of the sparq dialect ------*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_DIALECT_SPARQ_IR_SPARQATTRIBUTES_H
#define SPARQ_DIALECT_SPARQ_IR_SPARQATTRIBUTES_H

#include "mlir/IR/Attributes.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/TensorEncoding.h"

#include "sparq/Dialect/Sparq/IR/SparqEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "sparq/Dialect/Sparq/IR/SparqAttributes.h.inc"

#endif // SPARQ_DIALECT_SPARQ_IR_SPARQATTRIBUTES_H
