//===- JitRunner.h - JIT-compile a module and call one function -*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// The engine behind sparq-run and sparq-calibrate: takes a module at any level
// (sparq / linalg / tensor / memref, lowered with the sparq-to-llvm pipeline,
// or already in the LLVM dialect), JIT-compiles it with MLIR's
// ExecutionEngine and calls an entry function whose arguments and results are
// ranked tensors or memrefs, passing host arrays in and out through the
// function's `llvm.emit_c_interface` wrapper.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_RUNNER_JITRUNNER_H
#define SPARQ_RUNNER_JITRUNNER_H

#include "sparq/Runner/HostArray.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <string>
#include <vector>

namespace mlir {
class ExecutionEngine;
class FunctionType;
} // namespace mlir

namespace sparq::runner {

/// One argument or result of the entry: element type and shape (-1 for a
/// dynamic size).
struct TensorSpec {
  DType dtype;
  std::vector<int64_t> shape;
  /// e.g. `tensor<4x16xf32>`, as the signature spells it.
  std::string typeName;
};

/// The entry's arguments and results.
struct EntrySignature {
  std::vector<TensorSpec> inputs;
  std::vector<TensorSpec> results;
};

/// Converts a function type into an EntrySignature, or says which argument or
/// result is not a ranked tensor / memref (identity layout) of f16, f32, f64,
/// i8, i16, i32 or i64. `entry` names the function in messages.
llvm::Expected<EntrySignature> getEntrySignature(mlir::FunctionType type,
                                                 llvm::StringRef entry);

/// How a module is compiled.
struct JitOptions {
  /// The function to call.
  std::string entry = "main";
  /// LLVM optimization level (0-3) of the IR passes and of code generation.
  unsigned optLevel = 2;
  /// Shared libraries the compiled code may call (runner utils, sparse
  /// runtime); empty means Debian's libmlir_c_runner_utils and
  /// libmlir_runner_utils.
  std::vector<std::string> sharedLibs;
  /// The entry's signature as an MLIR function type, needed only when the
  /// module is already in the LLVM dialect and its entry carries no
  /// `sparq.signature` attribute.
  std::string signature;
  /// Let the sparq-to-llvm pipeline vectorize.
  bool vectorize = false;
};

/// A compiled module and its entry, ready to be called many times.
class JitRunner {
public:
  /// Lowers `module` if it is not in the LLVM dialect yet (after marking the
  /// entry `llvm.emit_c_interface`), then JIT-compiles it. Every failure
  /// (unknown entry, unsupported signature, lowering or compilation error) is
  /// an llvm::Error with a message; lowering diagnostics go to the context's
  /// diagnostic handler.
  static llvm::Expected<std::unique_ptr<JitRunner>>
  create(mlir::OwningOpRef<mlir::ModuleOp> module, const JitOptions &options);
  ~JitRunner();

  const EntrySignature &getSignature() const { return signature; }
  /// Seconds spent lowering and compiling.
  double getCompileSeconds() const { return compileSeconds; }

  /// Checks `inputs` against the signature (count, element types, ranks,
  /// static sizes); `names` label the inputs in messages.
  llvm::Error checkInputs(llvm::ArrayRef<HostArray> inputs,
                          llvm::ArrayRef<std::string> names) const;

  /// Calls the entry once. The inputs are copied first (compiled code may
  /// write into its arguments); `seconds`, when given, receives the time of
  /// the call alone. Every buffer the call allocated is freed once the
  /// results are copied out, so calls (of any JitRunner) must not overlap.
  llvm::Expected<std::vector<HostArray>> call(llvm::ArrayRef<HostArray> inputs,
                                              double *seconds = nullptr);

  /// Splits every input along its first dimension into batches of `batch`
  /// rows (the last one zero-padded), calls the entry once per batch, and
  /// concatenates the results' first `rows` of every batch. Every input must
  /// have the same number of rows and every result `batch` rows.
  /// `callSeconds` receives one time per call.
  llvm::Expected<std::vector<HostArray>>
  callBatched(llvm::ArrayRef<HostArray> inputs, int64_t batch,
              llvm::ArrayRef<std::string> names,
              std::vector<double> *callSeconds = nullptr);

private:
  JitRunner() = default;

  EntrySignature signature;
  std::unique_ptr<mlir::ExecutionEngine> engine;
  void (*packed)(void **) = nullptr;
  double compileSeconds = 0;
};

} // namespace sparq::runner

#endif // SPARQ_RUNNER_JITRUNNER_H
