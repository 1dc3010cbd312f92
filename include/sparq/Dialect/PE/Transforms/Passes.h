//===- Passes.h - Passes on sparq_pe programs -------------------*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_DIALECT_PE_TRANSFORMS_PASSES_H
#define SPARQ_DIALECT_PE_TRANSFORMS_PASSES_H

#include "sparq/Dialect/PE/IR/PEDialect.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace sparq::pe {

#define GEN_PASS_DECL
#include "sparq/Dialect/PE/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "sparq/Dialect/PE/Transforms/Passes.h.inc"

} // namespace sparq::pe

#endif // SPARQ_DIALECT_PE_TRANSFORMS_PASSES_H
