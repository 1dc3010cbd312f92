//===- SparqToQuant.cpp - placeholder, being written -----------------------------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#include "sparq/Conversion/Passes.h"

namespace sparq {
#define GEN_PASS_DEF_SPARQTOQUANT
#include "sparq/Conversion/Passes.h.inc"
} // namespace sparq

namespace {
struct SparqToQuantPass : sparq::impl::SparqToQuantBase<SparqToQuantPass> {
  void runOnOperation() override {
    getOperation()->emitError("SparqToQuant is not implemented yet");
    signalPassFailure();
  }
};
} // namespace
