//===- SparqToLinalg.cpp - placeholder, being written -----------------------------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#include "sparq/Conversion/Passes.h"

namespace sparq {
#define GEN_PASS_DEF_SPARQTOLINALG
#include "sparq/Conversion/Passes.h.inc"
} // namespace sparq

namespace {
struct SparqToLinalgPass : sparq::impl::SparqToLinalgBase<SparqToLinalgPass> {
  void runOnOperation() override {
    getOperation()->emitError("SparqToLinalg is not implemented yet");
    signalPassFailure();
  }
};
} // namespace
