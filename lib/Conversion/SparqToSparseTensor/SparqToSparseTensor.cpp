//===- SparqToSparseTensor.cpp - placeholder, being written -----------------------------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#include "sparq/Conversion/Passes.h"

namespace sparq {
#define GEN_PASS_DEF_SPARQTOSPARSETENSOR
#include "sparq/Conversion/Passes.h.inc"
} // namespace sparq

namespace {
struct SparqToSparseTensorPass : sparq::impl::SparqToSparseTensorBase<SparqToSparseTensorPass> {
  void runOnOperation() override {
    getOperation()->emitError("SparqToSparseTensor is not implemented yet");
    signalPassFailure();
  }
};
} // namespace
