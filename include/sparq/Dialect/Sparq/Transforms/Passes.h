//===- Passes.h - Compression passes of the sparq dialect -------*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_DIALECT_SPARQ_TRANSFORMS_PASSES_H
#define SPARQ_DIALECT_SPARQ_TRANSFORMS_PASSES_H

#include "sparq/Dialect/Sparq/IR/SparqDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace sparq {

#define GEN_PASS_DECL
#include "sparq/Dialect/Sparq/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "sparq/Dialect/Sparq/Transforms/Passes.h.inc"

} // namespace sparq

#endif // SPARQ_DIALECT_SPARQ_TRANSFORMS_PASSES_H
