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

#include "sparq/Dialect/Sparq/IR/SparqAttributes.h"

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

/// Like `findWeightOperand`, with `isWeight` deciding which operand values
/// count as the weight (e.g. a `sparq.assemble` of constant parts).
std::optional<WeightOperand>
findWeightOperand(mlir::Operation *op,
                  llvm::function_ref<bool(mlir::Value)> isWeight,
                  std::string *whyNot = nullptr);

/// The rank-3 lhs `[B, M, K]` of a `sparq.matmul` when `isWeight` accepts
/// it and the rhs is not a weight (`findWeightOperand` takes only a rank-2
/// lhs): batch axis 0, output axis 1, reduction axis 2.
std::optional<WeightOperand>
findBatchedLhsWeight(mlir::Operation *op,
                     llvm::function_ref<bool(mlir::Value)> isWeight);

/// When the weight of `op` is not a plain f32 constant but one that an
/// earlier compression pass already rewrote (a `sparq.assemble` of constant
/// parts: quantized and/or stored in a compressed format), or a constant
/// whose element type is not f32 (a narrowed float, raw integers), returns
/// what it is, phrased to follow "the weight ": e.g. "is already stored
/// compressed (csr)", "is already quantized (#sparq.quant<...>)" or "holds
/// f16 values, not f32 (...)". Returns
/// std::nullopt when the weight is an f32 constant or `op` has no such
/// weight. The compression passes report this at the op instead of
/// skipping it silently.
std::optional<std::string> describeRewrittenWeight(mlir::Operation *op);

/// True when `op`'s weight is a `sparq.assemble` (of constant parts) in a
/// format other than `dense`: it was stored compressed by `--sparq-pack`.
bool hasPackedWeight(mlir::Operation *op);

/// Checks a pass's `ops=` option: every name should locate at least one
/// contraction of `root` (see `collectContractions`). Emits a warning at
/// `root`, prefixed by `pass`, naming the unmatched names and the names the
/// contractions do have (a typo, or a layer of another model, would
/// otherwise change nothing without a word). A warning, not an error: one
/// option may name layers of several modules (e.g. with
/// `-split-input-file`).
void checkOpsOption(mlir::Operation *root, llvm::ArrayRef<std::string> names,
                    llvm::StringRef pass);

/// Reads a constant integer tensor of at most 32 bits (dense, or
/// dense_resource with one element per 1, 2 or 4 bytes, or a
/// `sparq.from_bytes` of such an i8 constant) into `data`, sign-extending
/// each element when `isSigned`. Returns false and sets
/// `whyNot` otherwise.
bool readConstantIntegers(mlir::Value value, bool isSigned,
                          std::vector<int32_t> &data,
                          std::string *whyNot = nullptr);

/// Like the int32_t overload, for integers of up to 64 bits.
bool readConstantIntegers(mlir::Value value, bool isSigned,
                          std::vector<int64_t> &data,
                          std::string *whyNot = nullptr);

/// The storage integer that stands for a real 0 at each element (row-major)
/// of a quantized tensor of `shape`: 0 (symmetric), the zero point of the
/// element's group (asymmetric, read from the constant `zeroPoints`), or the
/// index of the group's 0.0 centroid, -1 when it has none (codebook, read
/// from the constant `codebook`). Returns false and sets `whyNot` when a
/// needed part cannot be read.
bool computeZeroStorageValues(QuantAttr quant, llvm::ArrayRef<int64_t> shape,
                              mlir::Value zeroPoints, mlir::Value codebook,
                              std::vector<int32_t> &zeros,
                              std::string *whyNot = nullptr);

/// True for a linalg.matmul / batch_matmul with custom indexing maps whose
/// inputs include a constant: a weight the compression passes cannot
/// describe with sparq.matmul, which they must report rather than skip. A
/// constant init (outs) does not count, and neither do default maps.
bool hasUndescribableConstantWeight(mlir::Operation *op);

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

/// Creates a constant integer tensor of `type` (element width 1 to 64) from
/// `values`: widths of 8, 16, 32 and 64 bits are one dense_resource blob;
/// any other width is stored at its real size as packed bytes (LSB-first)
/// read by `sparq.from_bytes`, which is also the only form the LLVM lowering
/// accepts for such widths.
mlir::Value createIntegerConstant(mlir::OpBuilder &builder, mlir::Location loc,
                                  mlir::RankedTensorType type,
                                  llvm::ArrayRef<int64_t> values,
                                  llvm::StringRef name);

/// The contractions the compression passes work on (linalg.matmul,
/// batch_matmul, matvec, conv_2d_nhwc_hwcf, conv_2d_nchw_fchw, sparq.matmul,
/// sparq.conv2d) in `root`, in walk order; with `names` non-empty, only those
/// located at one of those NameLoc names (the passes' `ops=` option).
llvm::SmallVector<mlir::Operation *>
collectContractions(mlir::Operation *root, llvm::ArrayRef<std::string> names);

/// True when `op`'s location names it `name` (a NameLoc, possibly inside a
/// FusedLoc or CallSiteLoc).
bool hasLocationName(mlir::Operation *op, llvm::StringRef name);

} // namespace sparq

#endif // SPARQ_DIALECT_SPARQ_TRANSFORMS_WEIGHTOPERAND_H
