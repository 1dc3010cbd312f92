//===- InitSparq.h - Register SparQ's dialects and passes -------*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_INITSPARQ_H
#define SPARQ_INITSPARQ_H

#include "mlir/IR/DialectRegistry.h"

namespace sparq {

/// Adds SparQ's dialects to `registry`.
void registerSparqDialects(mlir::DialectRegistry &registry);

/// Registers SparQ's passes and pipelines with the global pass registry.
void registerSparqPasses();

} // namespace sparq

#endif // SPARQ_INITSPARQ_H
