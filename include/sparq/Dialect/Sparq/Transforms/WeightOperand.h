//===- WeightOperand.h - Finding and rewriting constant weights -*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// The compression passes all start the same way: find the constant weight
// of a contraction, learn what each of its axes means, read its data as a
// raw buffer, and write the compressed data back as a dense_resource
// constant. This header is that shared vocabulary.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_DIALECT_SPARQ_TRANSFORMS_WEIGHTOPERAND_H
#define SPARQ_DIALECT_SPARQ_TRANSFORMS_WEIGHTOPERAND_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Operation.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>
#include <string>
#include <vector>

namespace sparq {

/// The constant weight operand of a contraction and the meaning of its axes.
struct WeightOperand {
  mlir::Operation *op = nullptr;
  unsigned operandNumber = 0;
  mlir::RankedTensorType type;
  /// The axis of output channels (filters, or N of a matmul).
  int64_t outputAxis = 0;
  /// The contracted axes, outermost first (the rows of the im2col matrix).
  llvm::SmallVector<int64_t> reductionAxes;
  /// Conv only: the input-channel and kernel axes.
  std::optional<int64_t> inputChannelAxis, kernelHeightAxis, kernelWidthAxis;
  /// Batched weights (linalg.batch_matmul): the batch axis.
  std::optional<int64_t> batchAxis;

  mlir::Value getValue() const { return op->getOperand(operandNumber); }
};

/// Finds the constant weight of `op` (linalg.matmul, batch_matmul, matvec,
/// conv_2d_nhwc_hwcf, conv_2d_nchw_fchw, sparq.matmul, sparq.conv2d): the
/// operand defined by an arith.constant. Returns std::nullopt and sets
/// `whyNot` when `op` is not a supported contraction or has no constant
/// operand.
std::optional<WeightOperand> findWeightOperand(mlir::Operation *op,
                                               std::string *whyNot = nullptr);

/// Reads a constant f32 tensor (dense or dense_resource, splats expanded)
/// into a row-major buffer. Returns false and sets `whyNot` otherwise.
bool readConstantF32(mlir::Value value, std::vector<float> &data,
                     std::string *whyNot = nullptr);

/// Creates an arith.constant holding `data` (row-major, one element of the
/// type's storage width per entry) as a dense_resource blob named after
/// `name`, so that large weights are never uniqued as attributes.
mlir::Value createResourceConstant(mlir::OpBuilder &builder, mlir::Location loc,
                                   mlir::RankedTensorType type,
                                   llvm::ArrayRef<char> data,
                                   llvm::StringRef name);

/// True when `op`'s location names it `name` (a NameLoc, possibly inside a
/// FusedLoc or CallSiteLoc).
bool hasLocationName(mlir::Operation *op, llvm::StringRef name);

} // namespace sparq

#endif // SPARQ_DIALECT_SPARQ_TRANSFORMS_WEIGHTOPERAND_H
