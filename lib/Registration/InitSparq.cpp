//===- InitSparq.cpp - Register SparQ's dialects and passes ---------------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#include "sparq/InitSparq.h"
#include "sparq/Conversion/Passes.h"
#include "sparq/Dialect/Sparq/IR/SparqDialect.h"
#include "sparq/Dialect/PE/IR/PEDialect.h"
#include "sparq/Dialect/PE/Transforms/Passes.h"
#include "sparq/Dialect/Sparq/Transforms/Passes.h"
#include "sparq/Pipelines/Pipelines.h"

void sparq::registerSparqDialects(mlir::DialectRegistry &registry) {
  registry.insert<sparq::SparqDialect, sparq::pe::PEDialect>();
}

void sparq::registerSparqPasses() {
  registerSparqConversionPasses();
  registerSparqTransformsPasses();
  pe::registerSparqPETransformsPasses();
  registerSparqPipelines();
}
