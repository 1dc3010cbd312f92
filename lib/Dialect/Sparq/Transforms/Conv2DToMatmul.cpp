//===- Conv2DToMatmul.cpp - sparq.conv2d through im2col -------------------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// Rewrites an nhwc_hwcf sparq.conv2d as
//   X = im2col(pad(input))            [N*OH*OW, KH*KW*C]  (linalg.generic)
//   Y = sparq.matmul X, S             S = the filter as [KH*KW*C, F]
//   result = expand_shape Y           [N, OH, OW, F]
// so that every lowering of a rank-2 sparq.matmul (the sparse dataflows)
// applies to convolutions. The rewrite is exact: the input is padded with
// the value the reference lowering pads with (0, or the stored zero point of
// an asymmetric activation, whose real value is 0), the reduction order
// (kh, kw, c) is linalg.conv_2d_nhwc_hwcf's, and the filter's parts are
// reused unchanged (a compressed HWCF filter already is the [KH*KW*C, F]
// matrix, see getCompressedParts). Ops it cannot prove equal are left as
// they are; conv2DToMatmulSkipReason says why.
//
//===----------------------------------------------------------------------===//

#include "sparq/Dialect/Sparq/IR/SparqOps.h"
#include "sparq/Dialect/Sparq/IR/SparqTypes.h"
#include "sparq/Dialect/Sparq/Transforms/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"
#include "llvm/ADT/DenseMap.h"

namespace sparq {
#define GEN_PASS_DEF_SPARQCONV2DTOMATMUL
#include "sparq/Dialect/Sparq/Transforms/Passes.h.inc"
} // namespace sparq

using namespace mlir;
using namespace sparq;

namespace {

/// The quantization of the 2-D filter view: channel(3) of HWCF is channel(1)
/// of [KH*KW*C, F]; tensor granularity is unchanged.
QuantAttr matrixQuant(QuantAttr quant) {
  if (!quant || quant.getGranularity() == Granularity::Tensor)
    return quant;
  return QuantAttr::get(quant.getContext(), quant.getStorageType(),
                        quant.getExpressedType(), quant.getScheme(),
                        quant.getGranularity(), /*axis=*/1,
                        quant.getGroupSize(), quant.getRounding());
}

/// Why `op` is left unchanged, or nullopt when it is rewritten.
std::optional<std::string> conv2DToMatmulSkipReason(Conv2DOp op) {
  if (op.getLayout() != ConvLayout::NHWC_HWCF)
    return std::string("layout is not nhwc_hwcf");
  RankedTensorType input = op.getInput().getType();
  RankedTensorType filter = op.getFilter().getType();
  RankedTensorType result = op.getType();
  if (!input.hasStaticShape() || !filter.hasStaticShape() ||
      !result.hasStaticShape())
    return std::string("a shape is dynamic");
  if (result.getEncoding())
    return std::string("the result has an encoding");
  if (EncodingAttr enc = getSparqEncoding(input)) {
    // Only a dense activation with one scale (and zero point) for the whole
    // tensor keeps its meaning when its elements are gathered.
    QuantAttr quant = enc.getQuant();
    if (!enc.isDense() || !quant ||
        quant.getGranularity() != Granularity::Tensor ||
        quant.getScheme() == QuantScheme::Codebook)
      return std::string("the input is not a plain tensor or a dense tensor "
                         "with per-tensor symmetric/asymmetric quantization");
  } else if (input.getEncoding()) {
    return std::string("the input has a foreign encoding");
  }
  if (EncodingAttr enc = getSparqEncoding(filter)) {
    if (enc.getEffectiveRowDims(4) != 3)
      return std::string("the filter's matrix view is not [KH*KW*C, F]");
    QuantAttr quant = enc.getQuant();
    if (quant && quant.getGranularity() != Granularity::Tensor &&
        !(quant.getGranularity() == Granularity::Channel &&
          quant.getAxis() == 3))
      return std::string("the filter's scales vary along a reduced axis");
  } else if (filter.getEncoding()) {
    return std::string("the filter has a foreign encoding");
  }
  return std::nullopt;
}

/// The value the reference lowering pads `input` with, in its storage type.
Value buildPadValue(OpBuilder &b, Location loc, Value input) {
  auto type = cast<RankedTensorType>(input.getType());
  Type element = type.getElementType();
  QuantAttr quant = getQuant(type);
  if (!quant || quant.getScheme() != QuantScheme::Asymmetric)
    return arith::ConstantOp::create(b, loc, b.getZeroAttr(element));
  Value zeroPoints = PartOp::create(b, loc, input, PartKind::ZeroPoints);
  Value c0 = arith::ConstantIndexOp::create(b, loc, 0);
  Value zp = tensor::ExtractOp::create(b, loc, zeroPoints, ValueRange{c0});
  unsigned width = element.getIntOrFloatBitWidth();
  if (width < 32)
    return arith::TruncIOp::create(b, loc, element, zp);
  if (width > 32)
    return arith::ExtSIOp::create(b, loc, element, zp);
  return zp;
}

/// im2col of the (padded) input values: [N*OH*OW, KH*KW*C], gathered by a
/// 6-D linalg.generic (n, oh, ow, kh, kw, c) and collapsed.
Value buildIm2Col(OpBuilder &b, Location loc, Value x, Conv2DOp op,
                  ArrayRef<int64_t> filterShape) {
  auto xType = cast<RankedTensorType>(x.getType());
  ArrayRef<int64_t> res = op.getType().getShape();
  int64_t n = res[0], oh = res[1], ow = res[2];
  int64_t kh = filterShape[0], kw = filterShape[1], c = filterShape[2];
  ArrayRef<int64_t> strides = op.getStrides(), dilations = op.getDilations();
  MLIRContext *ctx = b.getContext();
  Type element = xType.getElementType();
  auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
  AffineMap inMap = AffineMap::get(
      6, 0,
      {d(0), d(1) * strides[0] + d(3) * dilations[0],
       d(2) * strides[1] + d(4) * dilations[1], d(5)},
      ctx);
  AffineMap outMap = b.getMultiDimIdentityMap(6);
  Value init = tensor::EmptyOp::create(
      b, loc, ArrayRef<int64_t>{n, oh, ow, kh, kw, c}, element);
  SmallVector<utils::IteratorType> iterators(6, utils::IteratorType::parallel);
  Value gathered =
      linalg::GenericOp::create(
          b, loc, TypeRange{init.getType()}, ValueRange{x}, ValueRange{init},
          ArrayRef<AffineMap>{inMap, outMap}, iterators,
          [](OpBuilder &b, Location loc, ValueRange args) {
            linalg::YieldOp::create(b, loc, ValueRange{args[0]});
          })
          .getResult(0);
  return tensor::CollapseShapeOp::create(
      b, loc, RankedTensorType::get({n * oh * ow, kh * kw * c}, element),
      gathered, SmallVector<ReassociationIndices>{{0, 1, 2}, {3, 4, 5}});
}

void rewriteConv2D(Conv2DOp op) {
  OpBuilder b(op);
  Location loc = op.getLoc();
  MLIRContext *ctx = b.getContext();
  RankedTensorType inputType = op.getInput().getType();
  RankedTensorType filterType = op.getFilter().getType();
  RankedTensorType resultType = op.getType();
  ArrayRef<int64_t> fShape = filterType.getShape();
  int64_t k = fShape[0] * fShape[1] * fShape[2], f = fShape[3];
  ArrayRef<int64_t> res = resultType.getShape();
  int64_t m = res[0] * res[1] * res[2];

  // Lhs: pad, im2col, and re-attach the per-tensor quantization.
  EncodingAttr inEnc = getSparqEncoding(inputType);
  Value x = inEnc ? Value(PartOp::create(b, loc, op.getInput(),
                                         PartKind::Values))
                  : op.getInput();
  ArrayRef<int64_t> pad = op.getPadding();
  if (llvm::any_of(pad, [](int64_t p) { return p != 0; })) {
    SmallVector<int64_t> low{0, pad[0], pad[2], 0};
    SmallVector<int64_t> high{0, pad[1], pad[3], 0};
    auto padded = tensor::PadOp::inferResultType(
        cast<RankedTensorType>(x.getType()), low, high);
    Value padValue = buildPadValue(b, loc, op.getInput());
    x = tensor::PadOp::create(b, loc, padded, x,
                              getAsIndexOpFoldResult(ctx, low),
                              getAsIndexOpFoldResult(ctx, high), padValue)
            .getResult();
  }
  Value lhs = buildIm2Col(b, loc, x, op, fShape);
  if (inEnc) {
    auto lhsType = RankedTensorType::get({m, k}, inputType.getElementType(),
                                         inEnc);
    Value scales = PartOp::create(b, loc, op.getInput(), PartKind::Scales);
    Value zeroPoints;
    if (inEnc.getQuant().getScheme() == QuantScheme::Asymmetric)
      zeroPoints = PartOp::create(b, loc, op.getInput(), PartKind::ZeroPoints);
    lhs = AssembleOp::create(b, loc, lhsType, lhs, Value(), Value(), Value(),
                             Value(), scales, zeroPoints, Value());
  }

  // Rhs: the filter as the [KH*KW*C, F] matrix.
  Value rhs;
  EncodingAttr fEnc = getSparqEncoding(filterType);
  SmallVector<ReassociationIndices> collapse{{0, 1, 2}, {3}};
  if (!fEnc) {
    rhs = tensor::CollapseShapeOp::create(
        b, loc, RankedTensorType::get({k, f}, filterType.getElementType()),
        op.getFilter(), collapse);
  } else {
    EncodingAttr enc2 = EncodingAttr::get(
        ctx, fEnc.getFormat(), fEnc.getN(), fEnc.getM(), fEnc.getBlockRows(),
        fEnc.getBlockCols(), fEnc.getPosWidth(), fEnc.getCrdWidth(),
        fEnc.getMetaWidth(), /*rowDims=*/0, fEnc.getStructure(),
        matrixQuant(fEnc.getQuant()));
    auto rhsType =
        RankedTensorType::get({k, f}, filterType.getElementType(), enc2);
    SmallVector<CompressedPart> parts2 = getCompressedParts(rhsType);
    llvm::SmallDenseMap<unsigned, Value> byKind;
    for (const CompressedPart &part : parts2) {
      Value v = PartOp::create(b, loc, op.getFilter(), part.kind);
      if (v.getType() != part.type)
        // Only the dense format's values (and nothing else) depend on the
        // tensor's rank rather than its matrix view.
        v = tensor::CollapseShapeOp::create(b, loc, part.type, v, collapse);
      byKind[static_cast<unsigned>(part.kind)] = v;
    }
    auto get = [&](PartKind kind) {
      return byKind.lookup(static_cast<unsigned>(kind));
    };
    rhs = AssembleOp::create(
        b, loc, rhsType, get(PartKind::Values), get(PartKind::Positions),
        get(PartKind::Coordinates), get(PartKind::Bitmap),
        get(PartKind::Metadata), get(PartKind::Scales),
        get(PartKind::ZeroPoints), get(PartKind::Codebook));
  }

  auto mmType = RankedTensorType::get({m, f}, resultType.getElementType());
  auto matmul = MatmulOp::create(b, loc, mmType, lhs, rhs, op.getAccType(),
                                 /*transposeB=*/false, op.getDataflow());
  // Keep discardable attributes (names, tags of other passes).
  for (NamedAttribute attr : op->getDiscardableAttrs())
    matmul->setAttr(attr.getName(), attr.getValue());
  Value out = tensor::ExpandShapeOp::create(b, loc, resultType,
                                            matmul.getResult(), collapse);
  op.getResult().replaceAllUsesWith(out);
  op.erase();
}

struct SparqConv2DToMatmulPass
    : sparq::impl::SparqConv2DToMatmulBase<SparqConv2DToMatmulPass> {
  using SparqConv2DToMatmulBase::SparqConv2DToMatmulBase;

  void runOnOperation() override {
    SmallVector<Conv2DOp> convs;
    getOperation()->walk([&](Conv2DOp op) {
      if (!conv2DToMatmulSkipReason(op))
        convs.push_back(op);
    });
    for (Conv2DOp op : convs)
      rewriteConv2D(op);
  }
};

} // namespace
