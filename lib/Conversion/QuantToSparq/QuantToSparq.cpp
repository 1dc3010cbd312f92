//===- QuantToSparq.cpp - placeholder, being written -----------------------------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#include "sparq/Conversion/Passes.h"

namespace sparq {
#define GEN_PASS_DEF_SPARQFROMQUANT
#include "sparq/Conversion/Passes.h.inc"
} // namespace sparq

namespace {
struct SparqFromQuantPass : sparq::impl::SparqFromQuantBase<SparqFromQuantPass> {
  void runOnOperation() override {
    getOperation()->emitError("SparqFromQuant is not implemented yet");
    signalPassFailure();
  }
};
} // namespace
