//===- Prune.cpp - Magnitude pruning of constant weights ------------------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#include "sparq/Dialect/Sparq/Transforms/Passes.h"

namespace sparq {
#define GEN_PASS_DEF_SPARQPRUNE
#include "sparq/Dialect/Sparq/Transforms/Passes.h.inc"
} // namespace sparq

namespace {
struct SparqPrunePass : sparq::impl::SparqPruneBase<SparqPrunePass> {
  using SparqPruneBase::SparqPruneBase;
  void runOnOperation() override {
    getOperation()->emitError("sparq-prune is being written");
    signalPassFailure();
  }
};
} // namespace
