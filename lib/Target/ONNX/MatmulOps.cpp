//===- MatmulOps.cpp - Gemm and MatMul ------------------------------------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// Gemm and MatMul become linalg.matmul (or batch_matmul) with default
// indexing maps, which the compression passes rewrite. A constant B of a
// Gemm with transB = 1 (how PyTorch exports nn.Linear: weight [out, in]) is
// transposed at import time, so the matmul's rhs is a constant [K, N]
// weight rather than a linalg.transpose of one.
//
//===----------------------------------------------------------------------===//

#include "Importer.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"

using namespace mlir;
using namespace sparq::onnx;

/// C = A * B for A [M, K] and B [K, N] into a zero-filled init.
static Value matmul(Importer &im, Value a, Value b) {
  int64_t m = Importer::shapeOf(a)[0], n = Importer::shapeOf(b)[1];
  Value init = im.createFilled({m, n}, 0.0f);
  return linalg::MatmulOp::create(im.builder, im.loc, TypeRange{init.getType()},
                                  ValueRange{a, b}, ValueRange{init})
      .getResult(0);
}

LogicalResult Importer::importGemm() {
  if (failed(checkAttributes({"alpha", "beta", "transA", "transB"})) ||
      failed(checkArity(2, 3)))
    return failure();
  FailureOr<float> alpha = getFloat("alpha", 1.0f);
  FailureOr<float> beta = getFloat("beta", 1.0f);
  FailureOr<int64_t> transA = getInt("transA", 0);
  FailureOr<int64_t> transB = getInt("transB", 0);
  if (failed(alpha) || failed(beta) || failed(transA) || failed(transB))
    return failure();
  FailureOr<Value> a = getInput(0);
  if (failed(a))
    return failure();
  if (shapeOf(*a).size() != 2)
    return error() << "input A must have rank 2";
  if (*transA)
    *a = transpose(*a, {1, 0});

  Value b;
  const Tensor *bData = getConstantFloats(1);
  if (bData && bData->dims.size() == 2 && *transB) {
    int64_t n = bData->dims[0], k = bData->dims[1];
    const float *src = reinterpret_cast<const float *>(bData->data.data());
    std::vector<float> transposed(n * k);
    for (int64_t i = 0; i < n; ++i)
      for (int64_t j = 0; j < k; ++j)
        transposed[j * n + i] = src[i * k + j];
    b = createWeight({k, n}, transposed, node->inputs[1]);
  } else {
    FailureOr<Value> bValue = getInput(1);
    if (failed(bValue))
      return failure();
    if (shapeOf(*bValue).size() != 2)
      return error() << "input B must have rank 2";
    b = *transB ? transpose(*bValue, {1, 0}) : *bValue;
  }
  if (shapeOf(*a)[1] != shapeOf(b)[0])
    return error() << "A' [" << shapeOf(*a) << "] and B' [" << shapeOf(b)
                   << "] do not multiply";
  Value y = matmul(*this, *a, b);
  SmallVector<int64_t> yShape(shapeOf(y));
  if (*alpha != 1.0f) {
    float s = *alpha;
    y = elementwise(
        {y}, yShape, [&](OpBuilder &bb, Location l, ValueRange args) -> Value {
          return arith::MulFOp::create(bb, l, args[0], createScalar(bb, l, s));
        });
  }
  if (hasInput(2) && *beta != 0.0f) {
    FailureOr<Value> c = getInput(2);
    if (failed(c))
      return failure();
    FailureOr<SmallVector<int64_t>> shape =
        broadcastShapes(yShape, shapeOf(*c));
    if (failed(shape))
      return failure();
    if (ArrayRef<int64_t>(*shape) != ArrayRef<int64_t>(yShape))
      return error() << "C [" << shapeOf(*c)
                     << "] does not broadcast to the result [" << yShape << "]";
    float s = *beta;
    y = elementwise({y, *c}, yShape,
                    [&](OpBuilder &bb, Location l, ValueRange args) -> Value {
                      Value cv = args[1];
                      if (s != 1.0f)
                        cv = arith::MulFOp::create(bb, l, cv,
                                                   createScalar(bb, l, s));
                      return arith::AddFOp::create(bb, l, args[0], cv);
                    });
  }
  setOutput(0, y);
  return success();
}

LogicalResult Importer::importMatMul() {
  if (failed(checkAttributes({})) || failed(checkArity(2, 2)))
    return failure();
  FailureOr<Value> a = getInput(0), b = getInput(1);
  if (failed(a) || failed(b))
    return failure();
  SmallVector<int64_t> aShape(shapeOf(*a)), bShape(shapeOf(*b));
  if (aShape.empty() || bShape.empty())
    return error() << "MatMul of a rank-0 tensor is not defined";
  // numpy: a 1-D A is a row [1, K] and a 1-D B a column [K, 1], and that
  // dimension is dropped from the result.
  bool vecA = aShape.size() == 1, vecB = bShape.size() == 1;
  if (vecA)
    aShape.insert(aShape.begin(), 1);
  if (vecB)
    bShape.push_back(1);
  int64_t m = aShape[aShape.size() - 2], k = aShape.back(), n = bShape.back();
  if (bShape[bShape.size() - 2] != k)
    return error() << "shapes [" << shapeOf(*a) << "] and [" << shapeOf(*b)
                   << "] do not multiply";
  ArrayRef<int64_t> aBatch = ArrayRef<int64_t>(aShape).drop_back(2);
  ArrayRef<int64_t> bBatch = ArrayRef<int64_t>(bShape).drop_back(2);
  SmallVector<int64_t> outShape;
  Value y;
  if (bBatch.empty()) {
    // [..., M, K] x [K, N]: one matmul over all rows of A.
    int64_t rows = m;
    for (int64_t d : aBatch)
      rows *= d;
    Value a2 = reshape(*a, {rows, k});
    Value b2 = reshape(*b, {k, n});
    y = matmul(*this, a2, b2);
    outShape.assign(aBatch.begin(), aBatch.end());
  } else if (aBatch == bBatch) {
    int64_t batch = 1;
    for (int64_t d : aBatch)
      batch *= d;
    Value a3 = reshape(*a, {batch, m, k});
    Value b3 = reshape(*b, {batch, k, n});
    Value init = createFilled({batch, m, n}, 0.0f);
    y = linalg::BatchMatmulOp::create(builder, loc, TypeRange{init.getType()},
                                      ValueRange{a3, b3}, ValueRange{init})
            .getResult(0);
    outShape.assign(aBatch.begin(), aBatch.end());
  } else {
    return error() << "broadcasting the batch dimensions of [" << shapeOf(*a)
                   << "] and [" << shapeOf(*b) << "] is not supported";
  }
  if (!vecA)
    outShape.push_back(m);
  if (!vecB)
    outShape.push_back(n);
  setOutput(0, reshape(y, outShape));
  return success();
}
