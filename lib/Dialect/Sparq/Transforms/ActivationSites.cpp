//===- ActivationSites.cpp - The activations a contraction quantizes ------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#include "sparq/Dialect/Sparq/Transforms/ActivationSites.h"
#include "sparq/Dialect/Sparq/IR/SparqOps.h"
#include "sparq/Dialect/Sparq/Transforms/WeightOperand.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/BuiltinTypes.h"

using namespace mlir;

namespace sparq {

static bool isPlainF32(Value v) {
  auto type = dyn_cast<RankedTensorType>(v.getType());
  return type && !type.getEncoding() && type.getElementType().isF32();
}

std::optional<unsigned> getActivationOperand(Operation *op) {
  if (isa<MatmulOp, Conv2DOp>(op)) {
    // The rule of sparq-quantize-activations: the plain f32 operand, the
    // lhs unless only the rhs is plain f32 (C = W * X).
    if (isPlainF32(op->getOperand(0)))
      return 0u;
    if (isa<MatmulOp>(op) && isPlainF32(op->getOperand(1)))
      return 1u;
    return std::nullopt;
  }
  std::optional<WeightOperand> weight = findWeightOperand(op);
  if (!weight || weight->operandNumber > 1)
    return std::nullopt;
  unsigned activation = 1 - weight->operandNumber;
  if (!isPlainF32(op->getOperand(activation)))
    return std::nullopt;
  return activation;
}

std::string getActivationKey(Operation *op, unsigned index) {
  std::string name;
  op->getLoc()->walk([&](Location loc) {
    if (auto named = dyn_cast<NameLoc>(loc)) {
      name = named.getName().str();
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  return name.empty() ? "#" + std::to_string(index) : name;
}

/// The contracted axis of the activation operand.
static int64_t getChannelAxis(Operation *op, unsigned operand) {
  int64_t rank = cast<RankedTensorType>(op->getOperand(operand).getType())
                     .getRank();
  if (isa<linalg::Conv2DNchwFchwOp>(op))
    return 1;
  if (isa<linalg::Conv2DNhwcHwcfOp>(op))
    return 3;
  if (auto conv = dyn_cast<Conv2DOp>(op))
    return conv.getLayout() == ConvLayout::NCHW_FCHW ? 1 : rank - 1;
  if (isa<linalg::MatvecOp>(op))
    return rank - 1;
  if (auto matmul = dyn_cast<MatmulOp>(op))
    if (operand == 1 && matmul.getTransposeB())
      return rank - 1;
  // lhs [.., M, K]: K is last; rhs [.., K, N]: K is second to last.
  return operand == 0 ? rank - 1 : std::max<int64_t>(rank - 2, 0);
}

SmallVector<ActivationSite> collectActivationSites(Operation *root) {
  SmallVector<ActivationSite> sites;
  for (auto [index, op] : llvm::enumerate(collectContractions(root, {}))) {
    std::optional<unsigned> operand = getActivationOperand(op);
    if (!operand)
      continue;
    ActivationSite site;
    site.op = op;
    site.operandNumber = *operand;
    site.key = getActivationKey(op, index);
    site.channelAxis = getChannelAxis(op, *operand);
    sites.push_back(site);
  }
  return sites;
}

} // namespace sparq
