//===- ElementwiseOps.cpp - Arithmetic, activations and Softmax -----------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// Each op is one linalg.generic on f32 tensors, with numpy broadcasting of
// the binary ops through the indexing maps. Softmax and LogSoftmax subtract
// the maximum along the axis before exp, as PyTorch does.
//
//===----------------------------------------------------------------------===//

#include "Importer.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"

#include <limits>

using namespace mlir;
using namespace sparq::onnx;

LogicalResult Importer::importBinary() {
  if (failed(checkAttributes({})) || failed(checkArity(2, 2)))
    return failure();
  FailureOr<Value> a = getInput(0), b = getInput(1);
  if (failed(a) || failed(b))
    return failure();
  FailureOr<SmallVector<int64_t>> shape =
      broadcastShapes(shapeOf(*a), shapeOf(*b));
  if (failed(shape))
    return failure();
  StringRef op = node->opType;
  setOutput(
      0, elementwise({*a, *b}, *shape,
                     [&](OpBuilder &bb, Location l, ValueRange args) -> Value {
                       if (op == "Add")
                         return arith::AddFOp::create(bb, l, args[0], args[1]);
                       if (op == "Sub")
                         return arith::SubFOp::create(bb, l, args[0], args[1]);
                       if (op == "Mul")
                         return arith::MulFOp::create(bb, l, args[0], args[1]);
                       return arith::DivFOp::create(bb, l, args[0], args[1]);
                     }));
  return success();
}

LogicalResult Importer::importUnary() {
  if (failed(checkAttributes({})) || failed(checkArity(1, 1)))
    return failure();
  FailureOr<Value> x = getInput(0);
  if (failed(x))
    return failure();
  StringRef op = node->opType;
  setOutput(
      0, elementwise({*x}, shapeOf(*x),
                     [&](OpBuilder &b, Location l, ValueRange args) -> Value {
                       Value v = args[0];
                       if (op == "Relu")
                         return arith::MaximumFOp::create(
                             b, l, v, createScalar(b, l, 0.0f));
                       if (op == "Tanh")
                         return math::TanhOp::create(b, l, v);
                       // Sigmoid: 1 / (1 + exp(-x)).
                       Value one = createScalar(b, l, 1.0f);
                       Value e = math::ExpOp::create(
                           b, l, arith::NegFOp::create(b, l, v));
                       return arith::DivFOp::create(
                           b, l, one, arith::AddFOp::create(b, l, one, e));
                     }));
  return success();
}

LogicalResult Importer::importClip() {
  // From opset 11 on (the importer's minimum), the bounds are inputs.
  if (failed(checkAttributes({})) || failed(checkArity(1, 3)))
    return failure();
  FailureOr<Value> x = getInput(0);
  if (failed(x))
    return failure();
  std::optional<float> lo, hi;
  if (hasInput(1)) {
    FailureOr<float> v = getConstantScalar(1, "minimum");
    if (failed(v))
      return failure();
    lo = *v;
  }
  if (hasInput(2)) {
    FailureOr<float> v = getConstantScalar(2, "maximum");
    if (failed(v))
      return failure();
    hi = *v;
  }
  setOutput(
      0, elementwise({*x}, shapeOf(*x),
                     [&](OpBuilder &b, Location l, ValueRange args) -> Value {
                       Value v = args[0];
                       if (lo)
                         v = arith::MaximumFOp::create(b, l, v,
                                                       createScalar(b, l, *lo));
                       if (hi)
                         v = arith::MinimumFOp::create(b, l, v,
                                                       createScalar(b, l, *hi));
                       return v;
                     }));
  return success();
}

/// Reduces `x` along `axis` with `combine` from `initial`.
static Value
reduceAxis(Importer &im, Value x, int64_t axis, float initial,
           function_ref<Value(OpBuilder &, Location, Value, Value)> combine) {
  SmallVector<int64_t> shape(Importer::shapeOf(x));
  shape.erase(shape.begin() + axis);
  Value init = im.createFilled(shape, initial);
  return linalg::ReduceOp::create(
             im.builder, im.loc, ValueRange{x}, ValueRange{init}, {axis},
             [&](OpBuilder &b, Location l, ValueRange args) {
               linalg::YieldOp::create(b, l, combine(b, l, args[0], args[1]));
             })
      .getResult(0);
}

LogicalResult Importer::importSoftmax() {
  if (failed(checkAttributes({"axis"})) || failed(checkArity(1, 1)))
    return failure();
  bool coerce2D = model.opsetVersion < 13;
  FailureOr<int64_t> axisAttr = getInt("axis", coerce2D ? 1 : -1);
  FailureOr<Value> x = getInput(0);
  if (failed(axisAttr) || failed(x))
    return failure();
  SmallVector<int64_t> shape(shapeOf(*x));
  int64_t rank = shape.size();
  if (rank == 0)
    return error() << "the input must have rank 1 or more";
  FailureOr<int64_t> axis = normalizeAxis(*axisAttr, rank);
  if (failed(axis))
    return failure();
  Value in = *x;
  // Before opset 13, Softmax normalizes over all dims from `axis` on.
  if (coerce2D && *axis != rank - 1) {
    int64_t rows = 1, cols = 1;
    for (int64_t d = 0; d < rank; ++d)
      (d < *axis ? rows : cols) *= shape[d];
    in = reshape(in, {rows, cols});
    *axis = 1;
  }
  SmallVector<int64_t> inShape(shapeOf(in));
  int64_t inRank = inShape.size();
  AffineMap identity = builder.getMultiDimIdentityMap(inRank);
  SmallVector<AffineExpr> reducedExprs;
  for (int64_t d = 0; d < inRank; ++d)
    if (d != *axis)
      reducedExprs.push_back(builder.getAffineDimExpr(d));
  AffineMap reduced = AffineMap::get(inRank, 0, reducedExprs, context);

  Value max =
      reduceAxis(*this, in, *axis, -std::numeric_limits<float>::infinity(),
                 [](OpBuilder &b, Location l, Value v, Value acc) -> Value {
                   return arith::MaximumFOp::create(b, l, v, acc);
                 });
  Value exp = generic({in, max}, {identity, reduced}, inShape,
                      [](OpBuilder &b, Location l, ValueRange args) -> Value {
                        Value d = arith::SubFOp::create(b, l, args[0], args[1]);
                        return math::ExpOp::create(b, l, d);
                      });
  Value sum =
      reduceAxis(*this, exp, *axis, 0.0f,
                 [](OpBuilder &b, Location l, Value v, Value acc) -> Value {
                   return arith::AddFOp::create(b, l, v, acc);
                 });
  Value y;
  if (node->opType == "LogSoftmax") {
    // (x - max) - log(sum(exp(x - max))).
    y = generic({in, max, sum}, {identity, reduced, reduced}, inShape,
                [](OpBuilder &b, Location l, ValueRange args) -> Value {
                  Value d = arith::SubFOp::create(b, l, args[0], args[1]);
                  Value logSum = math::LogOp::create(b, l, args[2]);
                  return arith::SubFOp::create(b, l, d, logSum);
                });
  } else {
    y = generic({exp, sum}, {identity, reduced}, inShape,
                [](OpBuilder &b, Location l, ValueRange args) -> Value {
                  return arith::DivFOp::create(b, l, args[0], args[1]);
                });
  }
  setOutput(0, reshape(y, shape));
  return success();
}
