//===- ContractionRewrite.cpp - linalg contractions to sparq ops ----------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#include "ContractionRewrite.h"
#include "sparq/Dialect/Sparq/IR/SparqOps.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;

/// True when `init` is all +0.0 (a fill or a splat constant): the sparq ops
/// start their sums from +0.0 too, so dropping it is exact. (Any other
/// init, -0.0 included, is added after the product; for -0.0 that changes
/// nothing, since x + -0.0 = x, and linalg's -0.0 for a sum of -0.0
/// products is not reproduced either way.)
static bool isPositiveZeroInit(Value init) {
  if (auto fill = init.getDefiningOp<linalg::FillOp>())
    return matchPattern(fill.getInputs()[0], m_PosZeroFloat());
  return matchPattern(init, m_PosZeroFloat());
}

/// The strides / dilations of a linalg conv (1 where absent).
static SmallVector<int64_t> convAttr(Operation *op, StringRef name) {
  SmallVector<int64_t> result;
  if (auto attr = op->getAttrOfType<DenseIntElementsAttr>(name))
    for (const APInt &v : attr.getValues<APInt>()) // two elements
      result.push_back(v.getSExtValue());
  else
    result = {1, 1};
  return result;
}

FailureOr<Operation *>
sparq::replaceLinalgContraction(Operation *op, unsigned weightIndex,
                                Value weight, Type accType, bool transposeB,
                                StringRef passName) {
  auto linalgOp = dyn_cast<linalg::LinalgOp>(op);
  if (!linalgOp || !linalgOp.hasPureTensorSemantics())
    return op->emitError() << passName
                           << ": only linalg ops on tensors can be rewritten "
                              "to sparq ops";
  Value init = linalgOp.getDpsInits()[0];
  auto resultType = cast<RankedTensorType>(op->getResult(0).getType());
  OpBuilder builder(op);
  Location loc = op->getLoc();
  SmallVector<Value> inputs(linalgOp.getDpsInputs());
  inputs[weightIndex] = weight;
  Operation *replacement = nullptr;
  Value product =
      llvm::TypeSwitch<Operation *, Value>(op)
          .Case<linalg::MatmulOp, linalg::BatchMatmulOp>([&](Operation *) {
            replacement = MatmulOp::create(builder, loc, resultType, inputs[0],
                                           inputs[1], accType, transposeB);
            return replacement->getResult(0);
          })
          .Case<linalg::MatvecOp>([&](linalg::MatvecOp) -> Value {
            // y[M] = A[M, K] x[K] is the matmul A * x[K, 1].
            auto matrixType = cast<RankedTensorType>(inputs[0].getType());
            auto vectorType = cast<RankedTensorType>(inputs[1].getType());
            int64_t m = matrixType.getDimSize(0), k = matrixType.getDimSize(1);
            Type element = vectorType.getElementType();
            Type resultElement = resultType.getElementType();
            Value vector = inputs[1];
            if (!vectorType.hasStaticShape())
              vector = tensor::CastOp::create(
                  builder, loc, RankedTensorType::get({k}, element), vector);
            SmallVector<ReassociationIndices> reassociation = {{0, 1}};
            Value column = tensor::ExpandShapeOp::create(
                builder, loc, RankedTensorType::get({k, 1}, element), vector,
                reassociation);
            replacement = MatmulOp::create(
                builder, loc, RankedTensorType::get({m, 1}, resultElement),
                inputs[0], column, accType);
            Value collapsed = tensor::CollapseShapeOp::create(
                builder, loc, RankedTensorType::get({m}, resultElement),
                replacement->getResult(0), reassociation);
            if (collapsed.getType() != resultType)
              collapsed =
                  tensor::CastOp::create(builder, loc, resultType, collapsed);
            return collapsed;
          })
          .Case<linalg::Conv2DNhwcHwcfOp, linalg::Conv2DNchwFchwOp>(
              [&](Operation *) {
                bool nhwc = isa<linalg::Conv2DNhwcHwcfOp>(op);
                replacement = Conv2DOp::create(
                    builder, loc, resultType, inputs[0], inputs[1],
                    nhwc ? ConvLayout::NHWC_HWCF : ConvLayout::NCHW_FCHW,
                    accType, convAttr(op, "strides"),
                    convAttr(op, "dilations"));
                return replacement->getResult(0);
              })
          .Default([](Operation *) { return Value(); });
  if (!product)
    return op->emitError() << passName << ": unsupported op";
  for (NamedAttribute attr : op->getDiscardableAttrs())
    if (!attr.getName().getValue().starts_with("linalg."))
      replacement->setAttr(attr.getName(), attr.getValue());
  if (!isPositiveZeroInit(init))
    product = linalg::AddOp::create(builder, loc, TypeRange{resultType},
                                    ValueRange{product, init}, ValueRange{init})
                  .getResult(0);
  op->getResult(0).replaceAllUsesWith(product);
  op->erase();
  return replacement;
}

LogicalResult sparq::adoptPlainF32Contractions(Operation *root, bool matmuls,
                                               bool convolutions,
                                               StringRef passName) {
  auto plainF32 = [](linalg::LinalgOp op) {
    if (!op.hasPureTensorSemantics())
      return false;
    return llvm::all_of(op->getOperandTypes(), [](Type type) {
      auto tensor = dyn_cast<RankedTensorType>(type);
      return tensor && tensor.hasStaticShape() && !tensor.getEncoding() &&
             tensor.getElementType().isF32();
    });
  };
  SmallVector<Operation *> ops;
  root->walk([&](Operation *op) {
    bool matmul = false;
    if (auto m = dyn_cast<linalg::MatmulOp>(op))
      matmul = !m.hasUserDefinedMaps();
    else if (auto m = dyn_cast<linalg::BatchMatmulOp>(op))
      matmul = !m.hasUserDefinedMaps();
    else
      matmul = isa<linalg::MatvecOp>(op);
    bool conv = isa<linalg::Conv2DNhwcHwcfOp, linalg::Conv2DNchwFchwOp>(op);
    if (((matmul && matmuls) || (conv && convolutions)) &&
        plainF32(cast<linalg::LinalgOp>(op)))
      ops.push_back(op);
  });
  Type f32 = Float32Type::get(root->getContext());
  for (Operation *op : ops)
    if (failed(replaceLinalgContraction(op, 1, op->getOperand(1), f32,
                                        /*transposeB=*/false, passName)))
      return failure();
  return success();
}
