//===- ImportONNX.h - ONNX to func + linalg on tensors ----------*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// Translates an ONNX model (read by `readModel`, ONNXModel.h) into a module
// with one `func.func` on statically shaped f32 tensors, built from linalg
// named ops (conv_2d_nchw_fchw, matmul, pooling_*) and linalg.generic /
// tensor / arith / math ops, with every initializer as a dense_resource
// constant and every op located at `loc("<ONNX node name>")`. The
// compression passes recognize the emitted contractions. See
// docs/onnx-import.md.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_TARGET_ONNX_IMPORTONNX_H
#define SPARQ_TARGET_ONNX_IMPORTONNX_H

#include "sparq/Target/ONNX/ONNXModel.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

#include <string>

namespace mlir {
class DialectRegistry;
class MLIRContext;
} // namespace mlir

namespace sparq::onnx {

/// Options of the ONNX importer.
struct ImportOptions {
  /// The name of the emitted function.
  std::string entryName = "main";
  /// Fold a BatchNormalization into the Conv that directly precedes it when
  /// the Conv's output has no other use (otherwise it is elementwise).
  bool foldBatchNorm = true;
  /// When positive, a symbolic or unknown dimension 0 of a graph input or
  /// output (a dynamic batch, as `torch.onnx.export(dynamic_axes=...)`
  /// writes) gets this size. Other dynamic dimensions stay errors.
  int64_t batchSize = 0;
};

/// The lowest and highest opset versions of the default domain that the
/// importer accepts.
constexpr int64_t kMinOpset = 11, kMaxOpset = 17;

/// Adds the dialects the importer emits to `registry`.
void registerImportDialects(mlir::DialectRegistry &registry);

/// Translates `model` into a new module in `context`. On an unsupported
/// operator, attribute, data type or dynamic shape, emits an error naming
/// the node (at its location) and returns null; never a partial module.
mlir::OwningOpRef<mlir::ModuleOp>
importModel(const Model &model, mlir::MLIRContext *context,
            const ImportOptions &options = {});

} // namespace sparq::onnx

#endif // SPARQ_TARGET_ONNX_IMPORTONNX_H
