//===- ContractionRewrite.h - linalg contractions to sparq ops --*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// The compression passes hand a new (quantized, packed, ...) weight to a
// contraction. A sparq op takes it in place; a linalg op is replaced by the
// sparq op that computes the same product. This is that replacement, in one
// place for every pass.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_LIB_DIALECT_SPARQ_TRANSFORMS_CONTRACTIONREWRITE_H
#define SPARQ_LIB_DIALECT_SPARQ_TRANSFORMS_CONTRACTIONREWRITE_H

#include "mlir/IR/Operation.h"
#include "mlir/Support/LLVM.h"

namespace sparq {

/// Replaces the linalg contraction `op` (linalg.matmul, batch_matmul, matvec,
/// conv_2d_nhwc_hwcf, conv_2d_nchw_fchw on tensors) by the sparq.matmul /
/// sparq.conv2d that takes `weight` as input `weightIndex` and accumulates in
/// `accType` (B transposed when `transposeB`):
/// - a matvec y = A x becomes the matmul A * x[K, 1], collapsed back;
/// - the op's discardable attributes move over (except `linalg.*`);
/// - an init that is not all +0.0 (a fill or a splat) is added once after the
///   product with linalg.add (the sparq ops start their sums from +0.0).
/// Returns the new sparq op; `op` is erased. Errors are prefixed `passName`.
mlir::FailureOr<mlir::Operation *>
replaceLinalgContraction(mlir::Operation *op, unsigned weightIndex,
                         mlir::Value weight, mlir::Type accType,
                         bool transposeB, llvm::StringRef passName);

/// The plain f32 linalg contractions under `root` that the sparq ops compute
/// as they are: linalg.matmul / batch_matmul without user-defined indexing
/// maps and linalg.matvec (`matmuls`), linalg.conv_2d_nhwc_hwcf /
/// conv_2d_nchw_fchw (`convolutions`), on tensors with static shapes, no
/// encoding and only f32 operands; each is replaced by the sparq.matmul /
/// sparq.conv2d computing it with acc(f32) (replaceLinalgContraction: a +0.0
/// init dropped, another init added after the product). Ops inside ops of
/// other kinds are found too. Fails (with an error naming `passName`) only
/// when a rewrite does.
mlir::LogicalResult adoptPlainF32Contractions(mlir::Operation *root,
                                              bool matmuls, bool convolutions,
                                              llvm::StringRef passName);
} // namespace sparq

#endif // SPARQ_LIB_DIALECT_SPARQ_TRANSFORMS_CONTRACTIONREWRITE_H
