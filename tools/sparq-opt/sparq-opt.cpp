//===- sparq-opt.cpp - SparQ's optimizer driver ---------------------------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// mlir-opt with every upstream dialect, extension and pass, plus SparQ's
// dialects, passes and pipelines.
//
//===----------------------------------------------------------------------===//

#include "sparq/InitSparq.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::registerAllPasses();
  sparq::registerSparqPasses();

  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  sparq::registerSparqDialects(registry);

  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "SparQ optimizer driver\n", registry));
}
