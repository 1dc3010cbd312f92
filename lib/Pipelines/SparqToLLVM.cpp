//===- SparqToLLVM.cpp - The sparq-to-llvm pipeline -----------------------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// sparq-to-linalg expands every compressed tensor into plain tensors and
// lowers the sparq ops to tensor / linalg / scf / arith / math / cf code; the
// upstream sparsifier pipeline then bufferizes (one-shot, across function
// boundaries) and lowers everything to the LLVM dialect. It already covers
// what the reference lowering emits: linalg named ops and generics
// (generalized, then converted to loops), tensor.pad / insert_slice /
// collapse_shape / expand_shape (bufferized, expand-strided-metadata),
// math.roundeven / round / trunc / absf (math-to-llvm), cf.assert (lowered by
// convert-to-llvm to puts + abort), and scf (scf-to-cf). Upstream
// sparse_tensor encodings in the same module keep working, since the
// sparsifier is the pipeline that handles them.
//
//===----------------------------------------------------------------------===//

#include "sparq/Conversion/Passes.h"
#include "sparq/Dialect/Sparq/Transforms/Passes.h"
#include "sparq/Pipelines/Pipelines.h"

#include "mlir/Conversion/SCFToOpenMP/SCFToOpenMP.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/SparseTensor/Pipelines/Passes.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/TargetParser/Host.h"

using namespace mlir;

int64_t sparq::nativeVectorLanes() {
  static const int64_t lanes = [] {
    llvm::StringMap<bool> features = llvm::sys::getHostCPUFeatures();
    auto it = features.find("avx512f");
    return it != features.end() && it->second ? int64_t(16) : int64_t(8);
  }();
  return lanes;
}

void sparq::buildSparqToLLVMPipeline(OpPassManager &pm,
                                     const SparqToLLVMOptions &options) {
  // PE programs (sparq-to-pe) execute bit-exactly as tensor code; their
  // operands may still be sparq parts, which sparq-to-linalg lowers next.
  pm.addPass(createSparqPEToArith());
  if (options.dataflow) {
    // Convolutions (nhwc_hwcf and nchw_fchw) become im2col + a rank-2
    // sparq.matmul (exact: the same pad value and reduction order), so the
    // dataflow lowerings apply to them, and batched matmuls become rank-2
    // ones (batch folded into M, or a loop over per-batch slices);
    // dataflow=false keeps the reference lowerings.
    // Plain f32 linalg contractions (an uncompressed model's) become the
    // sparq ops computing them, so they take these lowerings too.
    pm.addPass(createSparqAdoptLinalg());
    pm.addPass(createSparqConv2DToMatmul());
    pm.addPass(createSparqUnbatchMatmul());
    SparqLowerDataflowOptions dataflowOptions;
    dataflowOptions.parallel = options.parallel;
    dataflowOptions.vectorLanes =
        options.vectorLanes != 0 ? int64_t(options.vectorLanes)
                                : nativeVectorLanes();
    pm.addPass(createSparqLowerDataflow(dataflowOptions));
  }
  pm.addPass(createSparqToLinalg());
  // Elementwise arith / math on whole tensors (e.g. arith.extf of a tensor)
  // is not bufferized by the sparsifier: turn it into linalg.generic first.
  pm.addPass(createConvertElementwiseToLinalgPass());
  // CSE below would merge identical tensor.empty inits (and the identical
  // widenings of one weight in two matmuls) across sparq-lower-dataflow's
  // bufferization.to_buffer ops, whose reads one-shot bufferization does not
  // see: it would then write a later tensor in place into a buffer that a
  // later product still reads through its memref. alloc_tensor is never
  // merged (test/Integration/sparq-to-llvm-cse-to-buffer.mlir).
  pm.addPass(bufferization::createEmptyTensorToAllocTensorPass());
  // The pack / unpack loops materialize many small index constants: fold and
  // deduplicate them before bufferization.
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  sparse_tensor::SparsifierOptions sparsifierOptions;
  sparsifierOptions.vectorLength = options.enableVectorization ? 8 : 0;
  if (options.parallel)
    pm.addPass(createConvertSCFToOpenMPPass());
  sparse_tensor::buildSparsifier(pm, sparsifierOptions);
}

void sparq::registerSparqPipelines() {
  PassPipelineRegistration<SparqToLLVMOptions>(
      "sparq-to-llvm",
      "Lower a SparQ module (sparq ops and compressed tensors) to the LLVM "
      "dialect for mlir-runner",
      buildSparqToLLVMPipeline);
}
