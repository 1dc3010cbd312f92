//===- Pipelines.h - SparQ's registered pass pipelines ----------*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_PIPELINES_PIPELINES_H
#define SPARQ_PIPELINES_PIPELINES_H

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"

namespace sparq {

/// Options of the `sparq-to-llvm` pipeline.
struct SparqToLLVMOptions
    : public mlir::PassPipelineOptions<SparqToLLVMOptions> {
  PassOptions::Option<bool> enableVectorization{
      *this, "vectorize",
      llvm::cl::desc("Let the upstream sparsifier vectorize loops"),
      llvm::cl::init(false)};
  PassOptions::Option<bool> dataflow{
      *this, "dataflow",
      llvm::cl::desc("Lower sparq.matmul with --sparq-lower-dataflow before "
                     "the reference lowering (false: reference lowering only)"),
      llvm::cl::init(true)};
  PassOptions::Option<bool> parallel{
      *this, "parallel",
      llvm::cl::desc("Let --sparq-lower-dataflow emit scf.parallel for large "
                     "products and lower it to OpenMP (run with libomp)"),
      llvm::cl::init(false)};
  PassOptions::Option<int64_t> vectorLanes{
      *this, "vector-lanes",
      llvm::cl::desc("Lanes of --sparq-lower-dataflow's vectors (0: the "
                     "host's, nativeVectorLanes())"),
      llvm::cl::init(0)};
};

/// The f32 lanes of the widest vector registers of the host this compiler
/// runs on: 16 with AVX-512F, else 8 (AVX2, and the width LLVM legalizes
/// well on any x86-64 or AArch64 target). The code the pipeline emits stays
/// correct on any host; this only picks the fast width where the code runs
/// on the machine that compiles it (mlir-runner, the ExecutionEngine).
int64_t nativeVectorLanes();

/// Takes any SparQ module (sparq ops, compressed tensors, upstream tensor
/// code) to the LLVM dialect, ready for mlir-runner or the ExecutionEngine.
void buildSparqToLLVMPipeline(mlir::OpPassManager &pm,
                              const SparqToLLVMOptions &options);

/// Registers SparQ's pipelines (`sparq-to-llvm`, ...).
void registerSparqPipelines();

} // namespace sparq

#endif // SPARQ_PIPELINES_PIPELINES_H
