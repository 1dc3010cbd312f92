//===- SparqOps.h - Operations of the sparq dialect -------------*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_DIALECT_SPARQ_IR_SPARQOPS_H
#define SPARQ_DIALECT_SPARQ_IR_SPARQOPS_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "sparq/Dialect/Sparq/IR/SparqAttributes.h"
#include "sparq/Dialect/Sparq/IR/SparqDialect.h"

#define GET_OP_CLASSES
#include "sparq/Dialect/Sparq/IR/SparqOps.h.inc"

#endif // SPARQ_DIALECT_SPARQ_IR_SPARQOPS_H
