//===- PEDialect.h - The sparq_pe dialect -----------------------*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_DIALECT_PE_IR_PEDIALECT_H
#define SPARQ_DIALECT_PE_IR_PEDIALECT_H

#include "mlir/IR/Dialect.h"

#include "sparq/Dialect/PE/IR/PEDialect.h.inc"

#endif // SPARQ_DIALECT_PE_IR_PEDIALECT_H
