//===- SparqDialect.h - The sparq dialect -----------------------*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_DIALECT_SPARQ_IR_SPARQDIALECT_H
#define SPARQ_DIALECT_SPARQ_IR_SPARQDIALECT_H

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Dialect.h"

#include "sparq/Dialect/Sparq/IR/SparqDialect.h.inc"

#endif // SPARQ_DIALECT_SPARQ_IR_SPARQDIALECT_H
