//===- UnbatchMatmul.cpp - Batched sparq.matmul as rank-2 products --------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// The dataflow lowerings take rank-2 sparq.matmuls. A batched one becomes:
//   shared rank-2 rhs:  C[B*M, N] = A[B*M, K] * W      (one product; the
//                       batch folded into M by collapsing A), expanded back;
//   otherwise:          scf.for b: C[b] = A[b] * B[b] (or * W), each slice a
//                       rank-2 sparq.matmul, inserted into the [B, M, N]
//                       result (one loop, so the IR does not grow with B).
// Both are exact: every output is the same sum over K, and quantization
// parameters are sliced or reshaped with the values they belong to.
// Operands whose parts cannot be sliced in place (a sparse operand in the
// loop form) are left to the reference lowering; unbatchSkipReason says why.
//
//===----------------------------------------------------------------------===//

#include "EncodedReshape.h"

#include "sparq/Dialect/Sparq/IR/SparqOps.h"
#include "sparq/Dialect/Sparq/IR/SparqTypes.h"
#include "sparq/Dialect/Sparq/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"

namespace sparq {
#define GEN_PASS_DEF_SPARQUNBATCHMATMUL
#include "sparq/Dialect/Sparq/Transforms/Passes.h.inc"
} // namespace sparq

using namespace mlir;
using namespace sparq;

namespace {

/// The quantization of `[B, M, K]` as `[B*M, K]`, when its parameters are
/// the collapsed parameters (nullopt otherwise): per tensor, per channel of
/// K, per group along M or K. Per channel of B or M would need the scales
/// repeated; per group along B mixes batches.
std::optional<QuantAttr> collapsedQuant(QuantAttr quant) {
  if (!quant || quant.getGranularity() == Granularity::Tensor)
    return quant;
  int64_t axis = quant.getAxis();
  if (quant.getGranularity() == Granularity::Channel && axis == 2)
    return withQuantAxis(quant, 1);
  if (quant.getGranularity() == Granularity::Group && axis >= 1)
    return withQuantAxis(quant, axis - 1);
  return std::nullopt;
}

/// The quantization of one batch `[M, K]` of `[B, M, K]` (nullopt when a
/// slice has no such description): per channel of B becomes per tensor.
std::optional<QuantAttr> slicedQuant(QuantAttr quant) {
  if (!quant || quant.getGranularity() == Granularity::Tensor)
    return quant;
  int64_t axis = quant.getAxis();
  if (axis >= 1)
    return withQuantAxis(quant, axis - 1);
  if (quant.getGranularity() == Granularity::Channel)
    return QuantAttr::get(quant.getContext(), quant.getStorageType(),
                          quant.getExpressedType(), quant.getScheme(),
                          Granularity::Tensor, /*axis=*/-1, /*groupSize=*/0,
                          quant.getRounding());
  return std::nullopt;
}

/// The rank-2 type `[B*M, K]` of a rank-3 operand, or null when its parts
/// are not those of that type.
RankedTensorType collapsedType(RankedTensorType type) {
  ArrayRef<int64_t> s = type.getShape();
  SmallVector<int64_t> shape{s[0] * s[1], s[2]};
  EncodingAttr enc = getSparqEncoding(type);
  if (!enc)
    return type.getEncoding()
               ? RankedTensorType()
               : RankedTensorType::get(shape, type.getElementType());
  if (!enc.isDense() && enc.getEffectiveRowDims(3) != 2)
    return {};
  std::optional<QuantAttr> quant = collapsedQuant(enc.getQuant());
  if (!quant)
    return {};
  return RankedTensorType::get(shape, type.getElementType(),
                               getReshapedEncoding(enc, *quant));
}

/// The rank-2 type of one batch of a rank-3 operand, or null when a batch
/// cannot be taken in place (a sparse format, a foreign encoding, group
/// quantization along the batch).
RankedTensorType slicedType(RankedTensorType type) {
  SmallVector<int64_t> shape(type.getShape().drop_front());
  EncodingAttr enc = getSparqEncoding(type);
  if (!enc)
    return type.getEncoding()
               ? RankedTensorType()
               : RankedTensorType::get(shape, type.getElementType());
  if (!enc.isDense())
    return {};
  std::optional<QuantAttr> quant = slicedQuant(enc.getQuant());
  if (!quant)
    return {};
  return RankedTensorType::get(shape, type.getElementType(),
                               getReshapedEncoding(enc, *quant));
}

/// Why `op` is left unchanged, or nullopt when it is rewritten.
std::optional<std::string> unbatchSkipReason(MatmulOp op) {
  RankedTensorType lhs = op.getLhs().getType(), rhs = op.getRhs().getType();
  RankedTensorType result = op.getType();
  if (lhs.getRank() != 3)
    return std::string("not batched");
  if (!lhs.hasStaticShape() || !rhs.hasStaticShape() ||
      !result.hasStaticShape())
    return std::string("a shape is dynamic");
  if (result.getEncoding())
    return std::string("the result has an encoding");
  if (rhs.getRank() == 2 && collapsedType(lhs))
    return std::nullopt;
  if (!slicedType(lhs))
    return std::string("the lhs cannot be sliced per batch in place (a "
                        "sparse format, or group quantization along B)");
  if (rhs.getRank() == 3 && !slicedType(rhs))
    return std::string("the rhs cannot be sliced per batch in place (a "
                       "sparse format, or group quantization along B)");
  return std::nullopt;
}

/// Batch `b` of the rank-3 operand `value` as `type` (from slicedType):
/// the values and any parameter with a batch axis are sliced at `b`.
Value buildBatchSlice(OpBuilder &b, Location loc, Value value,
                      RankedTensorType type, Value batch) {
  auto slice = [&](Value full, RankedTensorType want) -> Value {
    auto fullType = cast<RankedTensorType>(full.getType());
    int64_t rank = fullType.getRank();
    SmallVector<OpFoldResult> offsets(rank, b.getIndexAttr(0));
    offsets[0] = batch;
    SmallVector<OpFoldResult> sizes;
    sizes.push_back(b.getIndexAttr(1));
    for (int64_t d : fullType.getShape().drop_front())
      sizes.push_back(b.getIndexAttr(d));
    SmallVector<OpFoldResult> strides(rank, b.getIndexAttr(1));
    // Rank-reducing, except for a per-channel-of-B scale vector [B], whose
    // slice is the one-entry per-tensor vector [1].
    return tensor::ExtractSliceOp::create(b, loc, want, full, offsets, sizes,
                                          strides);
  };
  if (!getSparqEncoding(type))
    return slice(value, type);
  SmallVector<Value> parts(8);
  for (const CompressedPart &part : getCompressedParts(type)) {
    Value full = PartOp::create(b, loc, value, part.kind);
    if (full.getType() != part.type)
      full = slice(full, part.type);
    parts[static_cast<unsigned>(part.kind)] = full;
  }
  auto get = [&](PartKind kind) { return parts[static_cast<unsigned>(kind)]; };
  return AssembleOp::create(
      b, loc, type, get(PartKind::Values), get(PartKind::Positions),
      get(PartKind::Coordinates), get(PartKind::Bitmap),
      get(PartKind::Metadata), get(PartKind::Scales),
      get(PartKind::ZeroPoints), get(PartKind::Codebook));
}

MatmulOp createMatmul(OpBuilder &b, Location loc, MatmulOp op, Value lhs,
                      Value rhs, ArrayRef<int64_t> shape) {
  auto type = RankedTensorType::get(shape, op.getType().getElementType());
  auto matmul = MatmulOp::create(b, loc, type, lhs, rhs, op.getAccType(),
                                 op.getTransposeB(), op.getDataflow());
  // Keep discardable attributes (names, tags of other passes).
  for (NamedAttribute attr : op->getDiscardableAttrs())
    matmul->setAttr(attr.getName(), attr.getValue());
  return matmul;
}

void rewriteBatchedMatmul(MatmulOp op) {
  OpBuilder b(op);
  Location loc = op.getLoc();
  RankedTensorType lhsType = op.getLhs().getType();
  RankedTensorType rhsType = op.getRhs().getType();
  RankedTensorType resultType = op.getType();
  ArrayRef<int64_t> res = resultType.getShape();
  int64_t batches = res[0], m = res[1], n = res[2];
  SmallVector<ReassociationIndices> fold{{0, 1}, {2}};

  if (rhsType.getRank() == 2) {
    if (RankedTensorType lhs2 = collapsedType(lhsType)) {
      Value lhs = buildCollapsedOperand(b, loc, op.getLhs(), lhs2, fold);
      MatmulOp matmul =
          createMatmul(b, loc, op, lhs, op.getRhs(), {batches * m, n});
      op.getResult().replaceAllUsesWith(tensor::ExpandShapeOp::create(
          b, loc, resultType, matmul.getResult(), fold));
      op.erase();
      return;
    }
  }

  Value init = tensor::EmptyOp::create(b, loc, res, resultType.getElementType());
  Value lb = arith::ConstantIndexOp::create(b, loc, 0);
  Value ub = arith::ConstantIndexOp::create(b, loc, batches);
  Value step = arith::ConstantIndexOp::create(b, loc, 1);
  RankedTensorType lhs2 = slicedType(lhsType);
  RankedTensorType rhs2 =
      rhsType.getRank() == 3 ? slicedType(rhsType) : RankedTensorType();
  auto loop = scf::ForOp::create(
      b, loc, lb, ub, step, ValueRange{init},
      [&](OpBuilder &b, Location loc, Value batch, ValueRange iterArgs) {
        Value lhs = buildBatchSlice(b, loc, op.getLhs(), lhs2, batch);
        Value rhs = rhs2 ? buildBatchSlice(b, loc, op.getRhs(), rhs2, batch)
                         : op.getRhs();
        MatmulOp matmul = createMatmul(b, loc, op, lhs, rhs, {m, n});
        SmallVector<OpFoldResult> offsets{batch, b.getIndexAttr(0),
                                          b.getIndexAttr(0)};
        SmallVector<OpFoldResult> sizes{b.getIndexAttr(1), b.getIndexAttr(m),
                                        b.getIndexAttr(n)};
        SmallVector<OpFoldResult> strides(3, b.getIndexAttr(1));
        Value inserted = tensor::InsertSliceOp::create(
            b, loc, matmul.getResult(), iterArgs[0], offsets, sizes, strides);
        scf::YieldOp::create(b, loc, ValueRange{inserted});
      });
  op.getResult().replaceAllUsesWith(loop.getResult(0));
  op.erase();
}

struct SparqUnbatchMatmulPass
    : sparq::impl::SparqUnbatchMatmulBase<SparqUnbatchMatmulPass> {
  using SparqUnbatchMatmulBase::SparqUnbatchMatmulBase;

  void runOnOperation() override {
    SmallVector<MatmulOp> matmuls;
    getOperation()->walk([&](MatmulOp op) {
      if (!unbatchSkipReason(op))
        matmuls.push_back(op);
    });
    for (MatmulOp op : matmuls)
      rewriteBatchedMatmul(op);
  }
};

} // namespace
