//===- WeightOperand.cpp - Finding and rewriting constant weights ---------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#include "sparq/Dialect/Sparq/Transforms/WeightOperand.h"
#include "sparq/Dialect/Sparq/IR/SparqOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "llvm/ADT/TypeSwitch.h"

#include <cstring>

using namespace mlir;

namespace sparq {

static bool isConstant(Value value) {
  return static_cast<bool>(value.getDefiningOp<arith::ConstantOp>());
}

/// Fills `weight` for a matrix operand [rows, cols] (+ optional leading batch).
static WeightOperand matrixWeight(Operation *op, unsigned operandNumber,
                                  bool outputIsRows, bool batched) {
  WeightOperand weight;
  weight.op = op;
  weight.operandNumber = operandNumber;
  weight.type = cast<RankedTensorType>(op->getOperand(operandNumber).getType());
  int64_t base = batched ? 1 : 0;
  if (batched)
    weight.batchAxis = 0;
  weight.outputAxis = outputIsRows ? base : base + 1;
  weight.reductionAxes = {outputIsRows ? base + 1 : base};
  return weight;
}

static WeightOperand convWeight(Operation *op, unsigned operandNumber,
                                bool hwcf) {
  WeightOperand weight;
  weight.op = op;
  weight.operandNumber = operandNumber;
  weight.type = cast<RankedTensorType>(op->getOperand(operandNumber).getType());
  if (hwcf) {
    weight.outputAxis = 3;
    weight.reductionAxes = {0, 1, 2};
    weight.kernelHeightAxis = 0;
    weight.kernelWidthAxis = 1;
    weight.inputChannelAxis = 2;
  } else {
    weight.outputAxis = 0;
    weight.reductionAxes = {1, 2, 3};
    weight.inputChannelAxis = 1;
    weight.kernelHeightAxis = 2;
    weight.kernelWidthAxis = 3;
  }
  return weight;
}

std::optional<WeightOperand> findWeightOperand(Operation *op,
                                               std::string *whyNot) {
  auto fail = [&](const Twine &reason) -> std::optional<WeightOperand> {
    if (whyNot)
      *whyNot = reason.str();
    return std::nullopt;
  };
  auto noConstant = [&]() {
    return fail("no operand is an arith.constant weight");
  };
  return llvm::TypeSwitch<Operation *, std::optional<WeightOperand>>(op)
      .Case<linalg::MatmulOp>([&](linalg::MatmulOp matmul) {
        if (matmul.hasUserDefinedMaps())
          return fail("linalg.matmul with custom indexing maps is not "
                      "supported");
        if (isConstant(matmul.getInputs()[1]))
          return std::optional(matrixWeight(op, 1, false, false));
        if (isConstant(matmul.getInputs()[0]))
          return std::optional(matrixWeight(op, 0, true, false));
        return noConstant();
      })
      .Case<linalg::BatchMatmulOp>([&](linalg::BatchMatmulOp matmul) {
        if (matmul.hasUserDefinedMaps())
          return fail("linalg.batch_matmul with custom indexing maps is not "
                      "supported");
        if (isConstant(matmul.getInputs()[1]))
          return std::optional(matrixWeight(op, 1, false, true));
        if (isConstant(matmul.getInputs()[0]))
          return std::optional(matrixWeight(op, 0, true, true));
        return noConstant();
      })
      .Case<linalg::MatvecOp>([&](linalg::MatvecOp matvec) {
        if (isConstant(matvec.getInputs()[0]))
          return std::optional(matrixWeight(op, 0, true, false));
        return noConstant();
      })
      .Case<linalg::Conv2DNhwcHwcfOp>([&](linalg::Conv2DNhwcHwcfOp conv) {
        if (isConstant(conv.getInputs()[1]))
          return std::optional(convWeight(op, 1, true));
        return noConstant();
      })
      .Case<linalg::Conv2DNchwFchwOp>([&](linalg::Conv2DNchwFchwOp conv) {
        if (isConstant(conv.getInputs()[1]))
          return std::optional(convWeight(op, 1, false));
        return noConstant();
      })
      .Case<MatmulOp>([&](MatmulOp matmul) {
        bool batchedRhs = matmul.getRhs().getType().getRank() == 3;
        if (isConstant(matmul.getRhs()))
          return std::optional(
              matrixWeight(op, 1, matmul.getTransposeB(), batchedRhs));
        if (isConstant(matmul.getLhs()) &&
            matmul.getLhs().getType().getRank() == 2)
          return std::optional(matrixWeight(op, 0, true, false));
        return noConstant();
      })
      .Case<Conv2DOp>([&](Conv2DOp conv) {
        if (isConstant(conv.getFilter()))
          return std::optional(
              convWeight(op, 1, conv.getLayout() == ConvLayout::NHWC_HWCF));
        return noConstant();
      })
      .Default(
          [&](Operation *) { return fail("not a supported contraction"); });
}

bool readConstantF32(Value value, std::vector<float> &data,
                     std::string *whyNot) {
  auto fail = [&](const Twine &reason) {
    if (whyNot)
      *whyNot = reason.str();
    return false;
  };
  auto constant = value.getDefiningOp<arith::ConstantOp>();
  if (!constant)
    return fail("the weight is not an arith.constant");
  auto type = dyn_cast<RankedTensorType>(constant.getType());
  if (!type || !type.hasStaticShape() || !type.getElementType().isF32())
    return fail("the weight must be a statically shaped f32 tensor");
  int64_t count = type.getNumElements();
  data.resize(count);
  Attribute attr = constant.getValue();
  if (auto dense = dyn_cast<DenseElementsAttr>(attr)) {
    if (dense.isSplat()) {
      std::fill(data.begin(), data.end(), dense.getSplatValue<float>());
      return true;
    }
    ArrayRef<char> raw = dense.getRawData();
    if (raw.size() != count * sizeof(float))
      return fail("unexpected dense weight storage size");
    std::memcpy(data.data(), raw.data(), raw.size());
    return true;
  }
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(attr)) {
    AsmResourceBlob *blob = resource.getRawHandle().getBlob();
    if (!blob)
      return fail("the dense_resource blob of the weight is missing");
    ArrayRef<char> raw = blob->getData();
    if (raw.size() != count * sizeof(float))
      return fail("the dense_resource blob holds " + Twine(raw.size()) +
                  " bytes, not the " + Twine(count * sizeof(float)) +
                  " of the weight type");
    std::memcpy(data.data(), raw.data(), raw.size());
    return true;
  }
  return fail("the weight constant is neither dense nor dense_resource");
}

Value createResourceConstant(OpBuilder &builder, Location loc,
                             RankedTensorType type, ArrayRef<char> data,
                             StringRef name) {
  AsmResourceBlob blob =
      HeapAsmResourceBlob::allocateAndCopyWithAlign(data, alignof(uint64_t));
  auto attr = DenseResourceElementsAttr::get(type, name, std::move(blob));
  return arith::ConstantOp::create(builder, loc, type, attr);
}

bool hasLocationName(Operation *op, StringRef name) {
  bool found = false;
  op->getLoc()->walk([&](Location loc) {
    if (auto named = dyn_cast<NameLoc>(loc))
      found |= named.getName() == name;
    return found ? WalkResult::interrupt() : WalkResult::advance();
  });
  return found;
}

} // namespace sparq
