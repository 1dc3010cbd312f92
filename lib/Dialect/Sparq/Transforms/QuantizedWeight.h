//===- QuantizedWeight.h - Quantizing a weight and its consumer -*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// What --sparq-quantize does to one weight, split into the steps that
// --sparq-mixed-precision repeats per candidate bit width and per part
// (outlier channels): quantize a raw f32 buffer with the numerics library,
// write the result as a `sparq.assemble` of dense_resource parts, and rewrite
// the consumer to the sparq op that takes it. Private to this folder.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_LIB_DIALECT_SPARQ_TRANSFORMS_QUANTIZEDWEIGHT_H
#define SPARQ_LIB_DIALECT_SPARQ_TRANSFORMS_QUANTIZEDWEIGHT_H

#include "sparq/Dialect/Sparq/IR/SparqAttributes.h"
#include "sparq/Dialect/Sparq/Transforms/WeightOperand.h"
#include "sparq/Numerics/KMeans.h"
#include "sparq/Numerics/LinearQuantization.h"

#include "mlir/IR/Builders.h"
#include "mlir/Support/LLVM.h"

#include <string>
#include <vector>

namespace sparq {

enum class QuantizeScheme { Symmetric, Asymmetric, KMeans };

/// Validated quantization settings of one weight.
struct QuantizeSettings {
  QuantizeScheme scheme;
  unsigned bits;
  Granularity granularity;
  int64_t groupSize;
  RoundingMode rounding;
};

/// A weight quantized by the numerics library.
struct QuantizedData {
  /// Storage integers (codebook indices for k-means), row-major.
  std::vector<int32_t> q;
  /// The dequantized values, row-major.
  std::vector<float> real;
  numerics::LinearParams params;
  numerics::Codebook codebook;
};

/// The axis along which the quantization parameters of `weight` vary (-1 for
/// `tensor`): the output channels, or the reduction axis (the input-channel
/// axis of a conv) for groups. Emits an error prefixed by `passName` at the
/// consumer when `group-size` does not divide that axis.
mlir::FailureOr<int64_t> getQuantizationAxis(const WeightOperand &weight,
                                             const QuantizeSettings &settings,
                                             llvm::StringRef passName);

/// Quantizes `data` (row-major, of `shape`) with `settings`, parameters
/// varying along `axis`. Returns false and sets `error` when the layout is
/// invalid for the shape.
bool quantizeData(llvm::ArrayRef<float> data, llvm::ArrayRef<int64_t> shape,
                  int64_t axis, const QuantizeSettings &settings,
                  QuantizedData &result, std::string &error);

/// Writes `quantized` as a dense quantized weight: a `sparq.assemble` of
/// dense_resource parts (values one byte per element, two above 8 bits)
/// named `<prefix>_values`, `<prefix>_scales`, ..., at the insertion point
/// of `builder`.
mlir::Value buildQuantizedWeight(mlir::OpBuilder &builder, mlir::Location loc,
                                 llvm::ArrayRef<int64_t> shape, int64_t axis,
                                 const QuantizeSettings &settings,
                                 const QuantizedData &quantized,
                                 llvm::StringRef prefix);

/// Checks that the consumer of `weight` can take a quantized weight (a
/// linalg op on f32 tensors, or a sparq op); emits an error prefixed by
/// `passName` otherwise.
mlir::LogicalResult checkQuantizedConsumer(const WeightOperand &weight,
                                           llvm::StringRef passName);

/// Makes the consumer of `weight` take `quantized` instead: a sparq op takes
/// it in place; a linalg op becomes the sparq op that takes it (see
/// --sparq-quantize). The op gets `attrs` and loses `droppedAttr`. Returns
/// the sparq op whose operand `weight.operandNumber` is the quantized weight
/// (the rewritten op's results may reach their users through a collapse or a
/// `linalg.add` of the init).
mlir::FailureOr<mlir::Operation *>
rewriteQuantizedConsumer(const WeightOperand &weight, mlir::Value quantized,
                         llvm::ArrayRef<mlir::NamedAttribute> attrs,
                         llvm::StringRef droppedAttr, llvm::StringRef passName);

/// A resource-name prefix for the weight of `op`: its NameLoc when it has
/// one, made an identifier, else `sparq_w<index>`.
std::string getWeightNamePrefix(mlir::Operation *op, unsigned index);

} // namespace sparq

#endif // SPARQ_LIB_DIALECT_SPARQ_TRANSFORMS_QUANTIZEDWEIGHT_H
