//===- ActivationSites.h - The activations a contraction quantizes -*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// The activation operand of each contraction, and the key that names it in a
// calibration file. sparq-calibrate records ranges under these keys on the
// float model; --sparq-quantize-activations="calibration=..." looks them up
// on the quantized model, so both sides must name activations the same way.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_DIALECT_SPARQ_TRANSFORMS_ACTIVATIONSITES_H
#define SPARQ_DIALECT_SPARQ_TRANSFORMS_ACTIVATIONSITES_H

#include "mlir/IR/Operation.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>
#include <string>

namespace sparq {

/// One contraction's activation operand.
struct ActivationSite {
  mlir::Operation *op = nullptr;
  unsigned operandNumber = 0;
  /// The op's first NameLoc name, or `#N` for the N-th contraction (walk
  /// order of collectContractions) when the op has no name.
  std::string key;
  /// The activation's contracted (input-feature) axis: C of a conv input, K
  /// of a matmul operand.
  int64_t channelAxis = 0;
};

/// The operand of `op` that is its activation: for sparq.matmul / conv2d the
/// plain (unencoded) f32 operand, preferring the lhs / input; for a linalg
/// contraction the input that is not the constant weight, when it is an f32
/// tensor. std::nullopt when there is none.
std::optional<unsigned> getActivationOperand(mlir::Operation *op);

/// The key of `op` at position `index` of collectContractions.
std::string getActivationKey(mlir::Operation *op, unsigned index);

/// Every contraction in `root` (as collectContractions finds them) that has
/// an activation operand, in walk order, with its key.
llvm::SmallVector<ActivationSite> collectActivationSites(mlir::Operation *root);

} // namespace sparq

#endif // SPARQ_DIALECT_SPARQ_TRANSFORMS_ACTIVATIONSITES_H
