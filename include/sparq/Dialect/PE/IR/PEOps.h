//===- PEOps.h - Instructions of the sparq_pe dialect -----------*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_DIALECT_PE_IR_PEOPS_H
#define SPARQ_DIALECT_PE_IR_PEOPS_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "sparq/Dialect/PE/IR/PEAttributes.h"
#include "sparq/Dialect/PE/IR/PEDialect.h"

namespace sparq::pe {
class FusedMacOp;
} // namespace sparq::pe

#define GET_OP_CLASSES
#include "sparq/Dialect/PE/IR/PEOps.h.inc"

#endif // SPARQ_DIALECT_PE_IR_PEOPS_H
