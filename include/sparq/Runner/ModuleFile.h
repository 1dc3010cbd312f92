//===- ModuleFile.h - Reading the module a runner tool executes -*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// What sparq-run and sparq-calibrate share before they JIT anything: the
// dialects a module may use at any level (upstream, SparQ, LLVM IR
// translations), and parsing the module file with one wording of errors.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_RUNNER_MODULEFILE_H
#define SPARQ_RUNNER_MODULEFILE_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/Support/Error.h"

namespace llvm {
class SourceMgr;
} // namespace llvm

namespace mlir {
class DialectRegistry;
class MLIRContext;
} // namespace mlir

namespace sparq::runner {

/// Registers every dialect, extension and LLVM IR translation a module handed
/// to a runner tool may need (upstream's, SparQ's, the PE dialect's).
void registerRunnerDialects(mlir::DialectRegistry &registry);

/// Reads `path` into `sourceMgr` and parses it as a module in `context`.
/// Parser diagnostics go to the handlers of `context` (the tools attach a
/// SourceMgrDiagnosticHandler on `sourceMgr` first); the error says
/// "PATH: <why the file cannot be read>" or "PATH: cannot parse the module".
llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>>
parseModuleFile(llvm::StringRef path, llvm::SourceMgr &sourceMgr,
                mlir::MLIRContext &context);

} // namespace sparq::runner

#endif // SPARQ_RUNNER_MODULEFILE_H
