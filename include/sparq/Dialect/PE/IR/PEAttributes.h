//===- PEAttributes.h - Attributes of the sparq_pe dialect ------*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_DIALECT_PE_IR_PEATTRIBUTES_H
#define SPARQ_DIALECT_PE_IR_PEATTRIBUTES_H

#include "mlir/IR/Attributes.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Operation.h"

#include "sparq/Dialect/PE/IR/PEEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "sparq/Dialect/PE/IR/PEAttributes.h.inc"

#endif // SPARQ_DIALECT_PE_IR_PEATTRIBUTES_H
