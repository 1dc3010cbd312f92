//===- SparseTensorToSparq.cpp - placeholder, being written -----------------------------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#include "sparq/Conversion/Passes.h"

namespace sparq {
#define GEN_PASS_DEF_SPARQFROMSPARSETENSOR
#include "sparq/Conversion/Passes.h.inc"
} // namespace sparq

namespace {
struct SparqFromSparseTensorPass : sparq::impl::SparqFromSparseTensorBase<SparqFromSparseTensorPass> {
  void runOnOperation() override {
    getOperation()->emitError("SparqFromSparseTensor is not implemented yet");
    signalPassFailure();
  }
};
} // namespace
