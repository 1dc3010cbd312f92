//===- Conv2DToMatmul.cpp - sparq.conv2d through im2col -------------------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// Rewrites a sparq.conv2d as im2col + one rank-2 sparq.matmul, so that every
// lowering of a rank-2 sparq.matmul (the sparse dataflows) applies to
// convolutions:
//   nhwc_hwcf: Y[N*OH*OW, F] = X[N*OH*OW, KH*KW*C] * S[KH*KW*C, F]
//              result = expand_shape Y                    [N, OH, OW, F]
//   nchw_fchw: Y[F, N*OH*OW] = S[F, C*KH*KW] * X^T[C*KH*KW, N*OH*OW]
//              result = Y as [F, N, OH, OW], transposed   [N, F, OH, OW]
// In both, the filter is the left or right operand in its stored order, so a
// compressed filter keeps its parts unchanged (a compressed HWCF filter is
// the [KH*KW*C, F] matrix, an FCHW one with row_dims = 1 the [F, C*KH*KW]
// matrix, see getCompressedParts), and the gathered activation is the dense
// operand whose rows the dataflow loops read with vector loads. The rewrite
// is exact: the input is padded with the value the reference lowering pads
// with (0, or the stored zero point of an asymmetric activation, whose real
// value is 0) and the reduction order is linalg's (kh, kw, c for nhwc; c,
// kh, kw for nchw). Ops it cannot prove equal are left as they are;
// conv2DToMatmulSkipReason says why.
//
// One exception to "stored order": a dense FCHW filter whose scales (and
// zero points) are grouped along C (group(1, g)). In the order (c, kh, kw)
// its groups are strided in K, but the matmul lowering groups contiguous runs
// of K, so that case uses the K order (kh, kw, c) (as HWCF's, where a group
// of g channels at one kernel position is already a run of g):
//   nchw_fchw, grouped along C: Y[F, N*OH*OW] = S'[F, KH*KW*C] *
//              X^T[KH*KW*C, N*OH*OW], S' the filter permuted to FHWC in the
//              compiler (its parts must be constants), scales group(1, g).
// Only the float accumulation order changes (kh, kw, c instead of linalg's
// c, kh, kw); integer sums are the same.
//
//===----------------------------------------------------------------------===//

#include "ContractionRewrite.h"
#include "EncodedReshape.h"

#include "sparq/Dialect/Sparq/IR/SparqOps.h"
#include "sparq/Dialect/Sparq/IR/SparqTypes.h"
#include "sparq/Dialect/Sparq/Transforms/Passes.h"
#include "sparq/Dialect/Sparq/Transforms/WeightOperand.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"

namespace sparq {
#define GEN_PASS_DEF_SPARQCONV2DTOMATMUL
#include "sparq/Dialect/Sparq/Transforms/Passes.h.inc"
} // namespace sparq

using namespace mlir;
using namespace sparq;

namespace {

/// The group size of a filter whose scales (and zero points) are grouped
/// along its input-channel axis (FCHW: group(1, g); HWCF: group(2, g)) by a
/// symmetric or asymmetric quantization, else 0.
int64_t getFilterGroupAlongC(Conv2DOp op) {
  QuantAttr quant = getQuant(op.getFilter().getType());
  unsigned cAxis = op.getLayout() == ConvLayout::NCHW_FCHW ? 1 : 2;
  if (!quant || quant.getGranularity() != Granularity::Group ||
      quant.getAxis() != cAxis || quant.getScheme() == QuantScheme::Codebook)
    return 0;
  return quant.getGroupSize();
}

/// The shape facts of a convolution, whatever its layout.
struct ConvShape {
  bool nchw;
  int64_t n, c, f, kh, kw, oh, ow;
  /// nchw only: the K order is (kh, kw, c) rather than (c, kh, kw) (an FCHW
  /// filter with scales grouped along C, permuted to FHWC).
  bool khwc = false;
  /// Rows of the im2col matrix (the reduction) and output positions.
  int64_t k() const { return c * kh * kw; }
  int64_t p() const { return n * oh * ow; }
};

ConvShape getConvShape(Conv2DOp op) {
  ArrayRef<int64_t> x = op.getInput().getType().getShape();
  ArrayRef<int64_t> w = op.getFilter().getType().getShape();
  ArrayRef<int64_t> y = op.getType().getShape();
  if (op.getLayout() == ConvLayout::NCHW_FCHW) {
    ConvShape s{true, x[0], x[1], w[0], w[2], w[3], y[2], y[3]};
    s.khwc = getFilterGroupAlongC(op) != 0;
    return s;
  }
  return {false, x[0], x[3], w[3], w[0], w[1], y[1], y[2]};
}

/// The parts of a dense FCHW filter with scales grouped along C, read from
/// its constants and permuted to FHWC: row-major [F, KH, KW, C] values and
/// [F, KH, KW, C / g] scales / zero points (the [F, KH*KW*C] matrix and its
/// per-group parameters in the K order (kh, kw, c)).
struct KhwcFilter {
  std::vector<int64_t> values;
  std::vector<float> scales;
  std::vector<int64_t> zeroPoints;
};

/// `src` in FCHW order [f, c, kh, kw] permuted to FHWC [f, kh, kw, c].
template <typename T>
std::vector<T> permuteFchwToFhwc(ArrayRef<T> src, int64_t f, int64_t c,
                                 int64_t kh, int64_t kw) {
  std::vector<T> dst(src.size());
  for (int64_t i = 0; i < f; ++i)
    for (int64_t j = 0; j < c; ++j)
      for (int64_t h = 0; h < kh; ++h)
        for (int64_t w = 0; w < kw; ++w)
          dst[((i * kh + h) * kw + w) * c + j] =
              src[((i * c + j) * kh + h) * kw + w];
  return dst;
}

/// Reads the FCHW filter of `op` (scales grouped along C) into `out`,
/// permuted to FHWC; returns why it cannot (a compressed filter, or a part
/// that is not a readable constant). Linear in the filter's size.
std::optional<std::string> readKhwcFilter(Conv2DOp op, KhwcFilter &out) {
  RankedTensorType type = op.getFilter().getType();
  EncodingAttr enc = getSparqEncoding(type);
  if (!enc.isDense())
    return std::string(
        "the FCHW filter's scales are grouped along C and it is compressed "
        "(its stored K order c, kh, kw would need re-packing as kh, kw, c)");
  auto assemble = op.getFilter().getDefiningOp<AssembleOp>();
  std::string why;
  auto notConstant = [&](StringRef part) {
    return ("the FCHW filter's scales are grouped along C and its " + part +
            " are not a readable constant (needed to permute it to the K "
            "order kh, kw, c in the compiler): " +
            why)
        .str();
  };
  if (!assemble) {
    why = "the filter is not a sparq.assemble";
    return notConstant("parts");
  }
  QuantAttr quant = enc.getQuant();
  ArrayRef<int64_t> shape = type.getShape();
  int64_t f = shape[0], c = shape[1], kh = shape[2], kw = shape[3];
  int64_t groups = c / quant.getGroupSize();
  std::vector<int64_t> values;
  if (!readConstantIntegers(assemble.getPart(PartKind::Values),
                            quant.isSigned(), values, &why))
    return notConstant("values");
  std::vector<float> scales;
  if (!readConstantF32(assemble.getPart(PartKind::Scales), scales, &why))
    return notConstant("scales");
  std::vector<int64_t> zeroPoints;
  if (quant.getScheme() == QuantScheme::Asymmetric &&
      !readConstantIntegers(assemble.getPart(PartKind::ZeroPoints),
                            /*isSigned=*/true, zeroPoints, &why))
    return notConstant("zero points");
  out.values = permuteFchwToFhwc<int64_t>(values, f, c, kh, kw);
  out.scales = permuteFchwToFhwc<float>(scales, f, groups, kh, kw);
  if (!zeroPoints.empty())
    out.zeroPoints = permuteFchwToFhwc<int64_t>(zeroPoints, f, groups, kh, kw);
  return std::nullopt;
}

/// Why `op` is left unchanged, or nullopt when it is rewritten. An FCHW
/// filter grouped along C is read (and permuted) into `khwc` on the way, for
/// the rewrite to use.
std::optional<std::string> conv2DToMatmulSkipReason(Conv2DOp op,
                                                    KhwcFilter &khwc) {
  bool nchw = op.getLayout() == ConvLayout::NCHW_FCHW;
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
    // A dense filter's parts do not depend on its matrix view.
    unsigned rowDims = nchw ? 1 : 3;
    if (!enc.isDense() && enc.getEffectiveRowDims(4) != rowDims)
      return std::string(nchw ? "the filter's matrix view is not "
                                "[F, C*KH*KW] (row_dims = 1)"
                              : "the filter's matrix view is not "
                                "[KH*KW*C, F]");
    QuantAttr quant = enc.getQuant();
    unsigned outputAxis = nchw ? 0 : 3;
    if (getFilterGroupAlongC(op)) {
      // Groups along C are contiguous runs of K in the order (kh, kw, c):
      // HWCF's stored order; an FCHW filter is permuted in the compiler.
      if (nchw)
        if (std::optional<std::string> why = readKhwcFilter(op, khwc))
          return why;
    } else if (quant && quant.getGranularity() != Granularity::Tensor &&
               !(quant.getGranularity() == Granularity::Channel &&
                 quant.getAxis() == outputAxis)) {
      return std::string("the filter's scales vary along a reduced axis");
    }
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

/// The input's stored values, padded as the reference lowering pads them.
Value buildPaddedInput(OpBuilder &b, Location loc, Conv2DOp op) {
  MLIRContext *ctx = b.getContext();
  Value x = getSparqEncoding(op.getInput().getType())
                ? Value(PartOp::create(b, loc, op.getInput(), PartKind::Values))
                : op.getInput();
  ArrayRef<int64_t> pad = op.getPadding();
  if (llvm::all_of(pad, [](int64_t p) { return p == 0; }))
    return x;
  bool nchw = op.getLayout() == ConvLayout::NCHW_FCHW;
  SmallVector<int64_t> low = nchw ? SmallVector<int64_t>{0, 0, pad[0], pad[2]}
                                  : SmallVector<int64_t>{0, pad[0], pad[2], 0};
  SmallVector<int64_t> high = nchw
                                  ? SmallVector<int64_t>{0, 0, pad[1], pad[3]}
                                  : SmallVector<int64_t>{0, pad[1], pad[3], 0};
  auto padded = tensor::PadOp::inferResultType(
      cast<RankedTensorType>(x.getType()), low, high);
  Value padValue = buildPadValue(b, loc, op.getInput());
  return tensor::PadOp::create(b, loc, padded, x,
                               getAsIndexOpFoldResult(ctx, low),
                               getAsIndexOpFoldResult(ctx, high), padValue)
      .getResult();
}

/// im2col of the padded input values `x`, gathered by a 6-D copy
/// linalg.generic and collapsed to a matrix:
///   nhwc: loops (n, oh, ow, kh, kw, c) -> [N*OH*OW, KH*KW*C];
///   nchw: loops (c, kh, kw, n, oh, ow) -> [C*KH*KW, N*OH*OW] (transposed,
///         so that its rows, read with vector loads, are output positions);
///         with `s.khwc`, loops (kh, kw, c, n, oh, ow) -> [KH*KW*C, N*OH*OW].
/// The generic has no input operand: its body reads `x` with tensor.extract
/// at indices computed from linalg.index. With `x` as an input operand
/// (indexing map `(.., oh * stride + kh * dilation, ..)`), linalg's
/// elementwise fusion (in the sparsifier pipeline) would fuse an elementwise
/// producer of `x`, e.g. the quantization of the activation, into the gather
/// and recompute it for each of the KH * KW copies of an input value (the
/// LeNet's W8A8 convolutions spent most of their time there).
Value buildIm2Col(OpBuilder &b, Location loc, Value x, Conv2DOp op,
                  const ConvShape &s) {
  auto xType = cast<RankedTensorType>(x.getType());
  ArrayRef<int64_t> strides = op.getStrides(), dilations = op.getDilations();
  MLIRContext *ctx = b.getContext();
  Type element = xType.getElementType();
  auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
  AffineMap inMap;
  SmallVector<int64_t> gatheredShape;
  if (s.khwc) {
    // d0 = kh, d1 = kw, d2 = c, d3 = n, d4 = oh, d5 = ow.
    inMap = AffineMap::get(6, 0,
                           {d(3), d(2), d(4) * strides[0] + d(0) * dilations[0],
                            d(5) * strides[1] + d(1) * dilations[1]},
                           ctx);
    gatheredShape = {s.kh, s.kw, s.c, s.n, s.oh, s.ow};
  } else if (s.nchw) {
    // d0 = c, d1 = kh, d2 = kw, d3 = n, d4 = oh, d5 = ow.
    inMap = AffineMap::get(6, 0,
                           {d(3), d(0), d(4) * strides[0] + d(1) * dilations[0],
                            d(5) * strides[1] + d(2) * dilations[1]},
                           ctx);
    gatheredShape = {s.c, s.kh, s.kw, s.n, s.oh, s.ow};
  } else {
    // d0 = n, d1 = oh, d2 = ow, d3 = kh, d4 = kw, d5 = c.
    inMap = AffineMap::get(6, 0,
                           {d(0), d(1) * strides[0] + d(3) * dilations[0],
                            d(2) * strides[1] + d(4) * dilations[1], d(5)},
                           ctx);
    gatheredShape = {s.n, s.oh, s.ow, s.kh, s.kw, s.c};
  }
  AffineMap outMap = b.getMultiDimIdentityMap(6);
  Value init = tensor::EmptyOp::create(b, loc, gatheredShape, element);
  SmallVector<utils::IteratorType> iterators(6, utils::IteratorType::parallel);
  Value gathered = linalg::GenericOp::create(
                       b, loc, TypeRange{init.getType()}, ValueRange{},
                       ValueRange{init}, ArrayRef<AffineMap>{outMap}, iterators,
                       [&](OpBuilder &b, Location loc, ValueRange) {
                         SmallVector<Value> loops;
                         for (unsigned i = 0; i < 6; ++i)
                           loops.push_back(linalg::IndexOp::create(b, loc, i));
                         SmallVector<Value> at;
                         for (AffineExpr expr : inMap.getResults()) {
                           if (auto dim = dyn_cast<AffineDimExpr>(expr)) {
                             at.push_back(loops[dim.getPosition()]);
                             continue;
                           }
                           at.push_back(affine::AffineApplyOp::create(
                               b, loc, AffineMap::get(6, 0, expr), loops));
                         }
                         Value v = tensor::ExtractOp::create(b, loc, x, at);
                         linalg::YieldOp::create(b, loc, ValueRange{v});
                       })
                       .getResult(0);
  SmallVector<int64_t> matrixShape =
      s.nchw ? SmallVector<int64_t>{s.k(), s.p()}
             : SmallVector<int64_t>{s.p(), s.k()};
  return tensor::CollapseShapeOp::create(
      b, loc, RankedTensorType::get(matrixShape, element), gathered,
      SmallVector<ReassociationIndices>{{0, 1, 2}, {3, 4, 5}});
}

/// The im2col matrix of the input, with a quantized input's per-tensor
/// scale / zero point re-attached.
Value buildActivationMatrix(OpBuilder &b, Location loc, Conv2DOp op,
                            const ConvShape &s) {
  Value matrix = buildIm2Col(b, loc, buildPaddedInput(b, loc, op), op, s);
  RankedTensorType inputType = op.getInput().getType();
  EncodingAttr inEnc = getSparqEncoding(inputType);
  if (!inEnc)
    return matrix;
  auto type = RankedTensorType::get(
      cast<RankedTensorType>(matrix.getType()).getShape(),
      inputType.getElementType(), inEnc);
  Value scales = PartOp::create(b, loc, op.getInput(), PartKind::Scales);
  Value zeroPoints;
  if (inEnc.getQuant().getScheme() == QuantScheme::Asymmetric)
    zeroPoints = PartOp::create(b, loc, op.getInput(), PartKind::ZeroPoints);
  return AssembleOp::create(b, loc, type, matrix, Value(), Value(), Value(),
                            Value(), scales, zeroPoints, Value());
}

/// The dense FCHW filter with scales grouped along C as the [F, KH*KW*C]
/// matrix in the K order (kh, kw, c): a sparq.assemble of new constants
/// holding `filter` (readKhwcFilter), scales / zero points group(1, g).
Value buildKhwcFilterMatrix(OpBuilder &b, Location loc, Conv2DOp op,
                            const ConvShape &s, const KhwcFilter &filter) {
  RankedTensorType filterType = op.getFilter().getType();
  EncodingAttr enc = getSparqEncoding(filterType);
  auto type = RankedTensorType::get(
      {s.f, s.k()}, filterType.getElementType(),
      getReshapedEncoding(enc, withQuantAxis(enc.getQuant(), 1)));
  StringRef name = "sparq_conv_filter_khwc";
  Value values = createIntegerConstant(
      b, loc, getPartType(type, PartKind::Values), filter.values, name);
  Value scales = createResourceConstant(
      b, loc, getPartType(type, PartKind::Scales),
      ArrayRef<char>(reinterpret_cast<const char *>(filter.scales.data()),
                     filter.scales.size() * sizeof(float)),
      name);
  Value zeroPoints;
  if (!filter.zeroPoints.empty())
    zeroPoints =
        createIntegerConstant(b, loc, getPartType(type, PartKind::ZeroPoints),
                              filter.zeroPoints, name);
  return AssembleOp::create(b, loc, type, values, Value(), Value(), Value(),
                            Value(), scales, zeroPoints, Value());
}

/// The filter as its im2col weight matrix, in its stored order:
/// [KH*KW*C, F] (HWCF, channel(3) scales become channel(1), group(2, g)
/// becomes group(0, g)) or [F, C*KH*KW] (FCHW, channel(0) stays
/// channel(0)); an FCHW filter grouped along C is permuted to [F, KH*KW*C].
Value buildFilterMatrix(OpBuilder &b, Location loc, Conv2DOp op,
                        const ConvShape &s, const KhwcFilter *khwc) {
  if (s.khwc)
    return buildKhwcFilterMatrix(b, loc, op, s, *khwc);
  RankedTensorType filterType = op.getFilter().getType();
  SmallVector<ReassociationIndices> collapse =
      s.nchw ? SmallVector<ReassociationIndices>{{0}, {1, 2, 3}}
             : SmallVector<ReassociationIndices>{{0, 1, 2}, {3}};
  SmallVector<int64_t> shape = s.nchw ? SmallVector<int64_t>{s.f, s.k()}
                                      : SmallVector<int64_t>{s.k(), s.f};
  RankedTensorType type;
  // HWCF scales along F (channel) are along the matrix's columns, scales
  // grouped along C along its rows (K); FCHW ones along F along its rows.
  unsigned quantAxis = s.nchw || getFilterGroupAlongC(op) ? 0 : 1;
  if (EncodingAttr enc = getSparqEncoding(filterType))
    type = RankedTensorType::get(
        shape, filterType.getElementType(),
        getReshapedEncoding(enc, withQuantAxis(enc.getQuant(), quantAxis)));
  else
    type = RankedTensorType::get(shape, filterType.getElementType());
  return buildCollapsedOperand(b, loc, op.getFilter(), type, collapse);
}

/// The convolution's result from the matmul's [F, N*OH*OW] (nchw) or
/// [N*OH*OW, F] (nhwc) result.
Value buildResult(OpBuilder &b, Location loc, Conv2DOp op, const ConvShape &s,
                  Value product) {
  RankedTensorType resultType = op.getType();
  if (!s.nchw)
    return tensor::ExpandShapeOp::create(
        b, loc, resultType, product,
        SmallVector<ReassociationIndices>{{0, 1, 2}, {3}});
  if (s.n == 1)
    // [F, OH*OW] is [1, F, OH, OW] already.
    return tensor::ExpandShapeOp::create(
        b, loc, resultType, product,
        SmallVector<ReassociationIndices>{{0, 1}, {2, 3}});
  Type element = resultType.getElementType();
  Value fnhw = tensor::ExpandShapeOp::create(
      b, loc, RankedTensorType::get({s.f, s.n, s.oh, s.ow}, element), product,
      SmallVector<ReassociationIndices>{{0}, {1, 2, 3}});
  Value init = tensor::EmptyOp::create(b, loc, resultType.getShape(), element);
  return linalg::TransposeOp::create(b, loc, fnhw, init,
                                     ArrayRef<int64_t>{1, 0, 2, 3})
      .getResult()[0];
}

/// Rewrites `op`, which conv2DToMatmulSkipReason accepted (`khwc`: the
/// filter it read, for an FCHW filter grouped along C).
void rewriteConv2D(Conv2DOp op, const KhwcFilter &khwc) {
  ConvShape s = getConvShape(op);
  OpBuilder b(op);
  Location loc = op.getLoc();
  Value activations = buildActivationMatrix(b, loc, op, s);
  Value filter = buildFilterMatrix(b, loc, op, s, &khwc);
  Value lhs = s.nchw ? filter : activations;
  Value rhs = s.nchw ? activations : filter;
  SmallVector<int64_t> shape = s.nchw ? SmallVector<int64_t>{s.f, s.p()}
                                      : SmallVector<int64_t>{s.p(), s.f};
  auto mmType = RankedTensorType::get(shape, op.getType().getElementType());
  auto matmul = MatmulOp::create(b, loc, mmType, lhs, rhs, op.getAccType(),
                                 /*transposeB=*/false, op.getDataflow());
  // Keep discardable attributes (names, tags of other passes).
  for (NamedAttribute attr : op->getDiscardableAttrs())
    matmul->setAttr(attr.getName(), attr.getValue());
  op.getResult().replaceAllUsesWith(
      buildResult(b, loc, op, s, matmul.getResult()));
  op.erase();
}

struct SparqConv2DToMatmulPass
    : sparq::impl::SparqConv2DToMatmulBase<SparqConv2DToMatmulPass> {
  using SparqConv2DToMatmulBase::SparqConv2DToMatmulBase;

  void runOnOperation() override {
    // Plain f32 linalg convolutions become the sparq.conv2d computing them
    // (adoptPlainF32Contractions, shared with sparq-adopt-linalg).
    if (linalg && failed(adoptPlainF32Contractions(
                      getOperation(), /*matmuls=*/false,
                      /*convolutions=*/true, "sparq-conv2d-to-matmul")))
      return signalPassFailure();
    SmallVector<std::pair<Conv2DOp, KhwcFilter>> convs;
    getOperation()->walk([&](Conv2DOp op) {
      KhwcFilter khwc;
      std::optional<std::string> why = conv2DToMatmulSkipReason(op, khwc);
      if (!why)
        convs.emplace_back(op, std::move(khwc));
      else if (printSkipped)
        op.emitRemark() << "sparq-conv2d-to-matmul: left as it is: " << *why;
    });
    for (auto &[op, khwc] : convs)
      rewriteConv2D(op, khwc);
  }
};

} // namespace
