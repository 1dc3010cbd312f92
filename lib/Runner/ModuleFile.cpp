//===- ModuleFile.cpp - Reading the module a runner tool executes ---------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#include "sparq/Runner/ModuleFile.h"
#include "sparq/InitSparq.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"
#include "llvm/Support/SourceMgr.h"

using namespace sparq::runner;

void sparq::runner::registerRunnerDialects(mlir::DialectRegistry &registry) {
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  mlir::registerAllToLLVMIRTranslations(registry);
  sparq::registerSparqDialects(registry);
}

llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>>
sparq::runner::parseModuleFile(llvm::StringRef path,
                               llvm::SourceMgr &sourceMgr,
                               mlir::MLIRContext &context) {
  std::string errorMessage;
  auto file = mlir::openInputFile(path, &errorMessage);
  if (!file)
    return llvm::createStringError(path + ": " + errorMessage);
  sourceMgr.AddNewSourceBuffer(std::move(file), llvm::SMLoc());
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceFile<mlir::ModuleOp>(sourceMgr, &context);
  if (!module)
    return llvm::createStringError(path + ": cannot parse the module");
  return module;
}
