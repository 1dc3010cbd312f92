//===- SparqToLLVM.cpp - The sparq-to-llvm pipeline -----------------------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#include "sparq/Conversion/Passes.h"
#include "sparq/Pipelines/Pipelines.h"

#include "mlir/Dialect/SparseTensor/Pipelines/Passes.h"
#include "mlir/Pass/PassRegistry.h"

using namespace mlir;

void sparq::buildSparqToLLVMPipeline(OpPassManager &pm,
                                     const SparqToLLVMOptions &options) {
  pm.addPass(createSparqToLinalg());
  sparse_tensor::SparsifierOptions sparsifierOptions;
  sparsifierOptions.vectorLength = options.enableVectorization ? 8 : 0;
  sparse_tensor::buildSparsifier(pm, sparsifierOptions);
}

void sparq::registerSparqPipelines() {
  PassPipelineRegistration<SparqToLLVMOptions>(
      "sparq-to-llvm",
      "Lower a SparQ module (sparq ops and compressed tensors) to the LLVM "
      "dialect for mlir-runner",
      buildSparqToLLVMPipeline);
}
