//===- AdoptLinalg.cpp - Plain f32 linalg contractions as sparq ops -------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// An uncompressed model's contractions are plain f32 linalg ops, which the
// upstream lowering runs as scalar loops. Replaced by the sparq ops that
// compute them, they take SparQ's dataflow lowerings (register-tiled dense
// GEMM, im2col for convolutions) like a compressed model's. The rewrite is
// adoptPlainF32Contractions (ContractionRewrite.h), shared with
// sparq-conv2d-to-matmul's `linalg` option.
//
//===----------------------------------------------------------------------===//

#include "ContractionRewrite.h"

#include "sparq/Dialect/Sparq/IR/SparqOps.h"
#include "sparq/Dialect/Sparq/Transforms/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

namespace sparq {
#define GEN_PASS_DEF_SPARQADOPTLINALG
#include "sparq/Dialect/Sparq/Transforms/Passes.h.inc"
} // namespace sparq

using namespace mlir;

namespace {

struct SparqAdoptLinalgPass
    : sparq::impl::SparqAdoptLinalgBase<SparqAdoptLinalgPass> {
  using SparqAdoptLinalgBase::SparqAdoptLinalgBase;

  void runOnOperation() override {
    if (failed(sparq::adoptPlainF32Contractions(
            getOperation(), matmuls, convolutions, "sparq-adopt-linalg")))
      signalPassFailure();
  }
};

} // namespace
