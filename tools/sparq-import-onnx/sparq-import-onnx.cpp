//===- sparq-import-onnx.cpp - ONNX model to func + linalg MLIR -----------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//   sparq-import-onnx MODEL.onnx -o OUT.mlir [--entry=main] [--batch=N]
//
// Reads an ONNX model with ONNX's protobuf classes and writes a module with
// one function on statically shaped f32 tensors (weights as dense_resource
// blobs, each op at loc("<node name>")). Any unsupported operator,
// attribute, data type or dynamic shape is an error naming the node, with
// exit code 1 and no output file. See docs/onnx-import.md.
//
//===----------------------------------------------------------------------===//

#include "sparq/Target/ONNX/ImportONNX.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OperationSupport.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

int main(int argc, char **argv) {
  InitLLVM y(argc, argv);
  cl::opt<std::string> inputPath(cl::Positional, cl::desc("<model.onnx>"),
                                 cl::Required);
  cl::opt<std::string> outputPath("o", cl::desc("Output MLIR file"),
                                  cl::value_desc("file"), cl::init("-"));
  cl::opt<std::string> entry("entry", cl::desc("Name of the emitted function"),
                             cl::init("main"));
  cl::opt<bool> noFold(
      "no-fold-batchnorm",
      cl::desc("Keep every BatchNormalization as an elementwise op instead of "
               "folding it into the preceding Conv"),
      cl::init(false));
  cl::opt<int64_t> batch(
      "batch",
      cl::desc("Size of a dynamic (symbolic) dimension 0 of the graph inputs "
               "and outputs"),
      cl::init(0));
  cl::opt<bool> noDebugInfo(
      "no-locations",
      cl::desc("Do not print locations (node names) in the output"),
      cl::init(false));
  cl::ParseCommandLineOptions(
      argc, argv,
      "SparQ ONNX importer: ONNX model -> func + linalg MLIR on tensors\n");

  mlir::MLIRContext context;
  bool failedImport = false;
  mlir::ScopedDiagnosticHandler handler(&context, [&](mlir::Diagnostic &diag) {
    if (diag.getSeverity() == mlir::DiagnosticSeverity::Error)
      failedImport = true;
    errs() << inputPath << ": "
           << (diag.getSeverity() == mlir::DiagnosticSeverity::Error ? "error: "
                                                                     : "note: ")
           << diag << "\n";
    return mlir::success();
  });

  sparq::onnx::Model model;
  std::string error;
  if (!sparq::onnx::readModel(inputPath, model, error)) {
    errs() << "sparq-import-onnx: error: " << error << "\n";
    return 1;
  }
  sparq::onnx::ImportOptions options;
  options.entryName = entry;
  options.foldBatchNorm = !noFold;
  if (batch < 0) {
    errs() << "sparq-import-onnx: error: --batch must be positive\n";
    return 1;
  }
  options.batchSize = batch;
  mlir::OwningOpRef<mlir::ModuleOp> module =
      sparq::onnx::importModel(model, &context, options);
  if (!module || failedImport)
    return 1;

  std::unique_ptr<ToolOutputFile> output =
      mlir::openOutputFile(outputPath, &error);
  if (!output) {
    errs() << "sparq-import-onnx: error: " << error << "\n";
    return 1;
  }
  mlir::OpPrintingFlags flags;
  if (!noDebugInfo)
    flags.enableDebugInfo(/*enable=*/true, /*prettyForm=*/false);
  module->print(output->os(), flags);
  output->os() << "\n";
  output->keep();
  return 0;
}
