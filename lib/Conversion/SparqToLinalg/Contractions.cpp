//===- Contractions.cpp - sparq.matmul / sparq.conv2d reference lowering --===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// The exact reference: operands are expanded to dense tensors in the
// accumulator's domain (dequantized floats for a float accumulator; widened
// integers minus their zero points for an integer one) and contracted with
// linalg.matmul / batch_matmul / conv_2d_*. An integer accumulator with a
// float result is scaled once per output element, in f64, by the exact
// product of the operands' scales.
//
//===----------------------------------------------------------------------===//

#include "CompressedBuilders.h"
#include "sparq/Conversion/SparqToLinalg/SparqToLinalg.h"

#include "sparq/Dialect/Sparq/IR/SparqOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;

namespace sparq::lowering {
namespace {

std::string typeString(Type type) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << type;
  return s;
}

/// Checks that a compressed operand can be expanded for the contraction.
std::optional<std::string> checkOperand(RankedTensorType type, StringRef name) {
  EncodingAttr encoding = getSparqEncoding(type);
  if (!encoding || encoding.isDense())
    return std::nullopt;
  if (!type.hasStaticShape())
    return (name + " " + typeString(type) +
            " needs a static shape in the reference lowering")
        .str();
  return std::nullopt;
}

/// With an integer accumulator and a float result the scales multiply each
/// output element, so an operand's scale may vary only along the output
/// dimension it contributes (`axis`), never along the reduction.
std::optional<std::string> checkScaleAxis(RankedTensorType type, StringRef name,
                                          int64_t axis, StringRef axisName) {
  QuantAttr quant = getQuant(type);
  if (!quant || quant.getGranularity() == Granularity::Tensor)
    return std::nullopt;
  if (quant.getGranularity() == Granularity::Channel && quant.getAxis() == axis)
    return std::nullopt;
  std::string granularity =
      quant.getGranularity() == Granularity::Group
          ? llvm::formatv("group({0}, {1})", quant.getAxis(),
                          quant.getGroupSize())
                .str()
          : llvm::formatv("channel({0})", quant.getAxis()).str();
  return (name + " has " + granularity +
          " scales with an integer accumulator and a float result; the "
          "reference lowering applies scales per output element and supports "
          "only tensor or channel(" +
          std::to_string(axis) + ") (the " + axisName +
          " axis) scales here: per-group scales along the reduction would need "
          "one integer sum per group")
      .str();
}

/// True when an integer accumulator is scaled into a float result.
bool scalesResult(Type acc, Type result) {
  return isa<IntegerType>(acc) &&
         isa<FloatType>(cast<RankedTensorType>(result).getElementType());
}

//===----------------------------------------------------------------------===//
// Operand preparation
//===----------------------------------------------------------------------===//

/// The dense operand in the accumulator's domain.
Value prepareOperand(OpBuilder &b, Location loc, const CompressedValue &value,
                     Type acc) {
  EncodingAttr encoding = getSparqEncoding(value.type);
  QuantAttr quant = encoding ? encoding.getQuant() : QuantAttr();
  Value scales = value.get(PartKind::Scales);
  Value zeroPoints = value.get(PartKind::ZeroPoints);
  Value codebook = value.get(PartKind::Codebook);
  unsigned rank = value.type.getRank();
  AffineMap identity = b.getMultiDimIdentityMap(rank);
  if (isa<FloatType>(acc)) {
    Value dense;
    if (quant && !encoding.isDense()) {
      // Dequantize the stored values, then expand the float tensor: exact
      // even for codebooks without a zero centroid.
      RankedTensorType floatType =
          getCompressedType(value.type.getShape(), quant.getExpressedType(),
                            encoding.withQuant({}));
      CompressedValue real{floatType, {}};
      real.parts.push_back(buildDequantizeValues(b, loc, value));
      llvm::append_range(real.parts, value.indexParts());
      dense = buildUnpack(b, loc, real);
    } else {
      dense = buildDenseStorage(b, loc, value);
      if (quant)
        dense = buildDequantizeDense(b, loc, dense, quant, scales, zeroPoints,
                                     codebook);
    }
    if (cast<RankedTensorType>(dense.getType()).getElementType() == acc)
      return dense;
    return buildElementwise(b, loc, dense, acc, {dense}, {identity},
                            [&](OpBuilder &b, Location loc, ValueRange args) {
                              // Raw integers are signed.
                              return convertScalar(b, loc, args[0], acc, true);
                            });
  }
  Value dense = buildDenseStorage(b, loc, value);
  bool isSigned = quant ? quant.isSigned() : true;
  if (quant && zeroPoints) {
    AffineMap paramMap = getParamMap(quant, rank, b.getContext());
    return buildElementwise(
        b, loc, dense, acc, {dense, zeroPoints}, {identity, paramMap},
        [&](OpBuilder &b, Location loc, ValueRange args) -> Value {
          Value q = convertScalar(b, loc, args[0], acc, isSigned);
          Value zp = convertScalar(b, loc, args[1], acc, true);
          return arith::SubIOp::create(b, loc, q, zp);
        });
  }
  if (cast<RankedTensorType>(dense.getType()).getElementType() == acc)
    return dense;
  return buildElementwise(b, loc, dense, acc, {dense}, {identity},
                          [&](OpBuilder &b, Location loc, ValueRange args) {
                            return convertScalar(b, loc, args[0], acc,
                                                 isSigned);
                          });
}

Value zeroFilled(OpBuilder &b, Location loc, ArrayRef<OpFoldResult> sizes,
                 Type element) {
  Value empty = tensor::EmptyOp::create(b, loc, sizes, element);
  Value zero = arith::ConstantOp::create(b, loc, b.getZeroAttr(element));
  return linalg::FillOp::create(b, loc, zero, empty).getResult(0);
}

/// The product of f32 (or narrower) scales in f64: exact for two of them
/// (at most 48 significand bits), so it does not depend on their order.
static Value scaleProduct(OpBuilder &b, Location loc, ValueRange scales) {
  Type f64 = b.getF64Type();
  Value product;
  for (Value scale : scales) {
    Value s = convertScalar(b, loc, scale, f64, true);
    product = product ? arith::MulFOp::create(b, loc, product, s).getResult()
                      : s;
  }
  return product;
}

/// out = acc * (sa * sb) in f64 (the scales' product is exact, so the lhs
/// and rhs scales commute and an operand swap, such as the filter moving to
/// the lhs in --sparq-conv2d-to-matmul, changes no bit), rounded once to the
/// result type. `scaleInputs` pairs each scale tensor with its map into the
/// result's iteration space.
Value applyScales(OpBuilder &b, Location loc, Value acc, Type resultElement,
                  ArrayRef<std::pair<Value, AffineMap>> scaleInputs) {
  unsigned rank = cast<RankedTensorType>(acc.getType()).getRank();
  SmallVector<Value> inputs{acc};
  SmallVector<AffineMap> maps{b.getMultiDimIdentityMap(rank)};
  for (auto [scale, map] : scaleInputs) {
    inputs.push_back(scale);
    maps.push_back(map);
  }
  Type f64 = b.getF64Type();
  return buildElementwise(
      b, loc, acc, resultElement, inputs, maps,
      [&](OpBuilder &b, Location loc, ValueRange args) {
        Value v = convertScalar(b, loc, args[0], f64, true);
        // args holds the accumulator, the scales and the output element.
        if (!scaleInputs.empty())
          v = arith::MulFOp::create(
              b, loc, v,
              scaleProduct(b, loc, args.slice(1, scaleInputs.size())));
        return convertScalar(b, loc, v, resultElement, true);
      });
}

/// The map from the result's iteration space to `type`'s scale tensor, when
/// its scale varies at most along result dimension `resultDim`.
AffineMap scaleMapToResult(RankedTensorType type, unsigned resultRank,
                           unsigned resultDim, MLIRContext *ctx) {
  QuantAttr quant = getQuant(type);
  if (quant.getGranularity() == Granularity::Tensor)
    return AffineMap::get(resultRank, 0, getAffineConstantExpr(0, ctx));
  return AffineMap::get(resultRank, 0, getAffineDimExpr(resultDim, ctx));
}

//===----------------------------------------------------------------------===//
// Matmul
//===----------------------------------------------------------------------===//

/// The map from the (m, n, G) space of a grouped matmul to the scales of an
/// operand: tensor -> 0, channel of M or N -> m or n, channel of K -> G,
/// group along K ->
/// (m, G) for the lhs, (G, n) for the rhs ((n, G) when stored transposed).
AffineMap groupedScaleMap(RankedTensorType type, bool isLhs, bool transposed,
                          MLIRContext *ctx) {
  QuantAttr quant = getQuant(type);
  AffineExpr m = getAffineDimExpr(0, ctx), n = getAffineDimExpr(1, ctx),
             g = getAffineDimExpr(2, ctx);
  switch (quant.getGranularity()) {
  case Granularity::Tensor:
    return AffineMap::get(3, 0, getAffineConstantExpr(0, ctx));
  case Granularity::Channel: {
    // A channel along K (lhs axis 1, rhs axis 0 or 1 when transposed) is
    // one scale per reduction index: a group of 1.
    int64_t kAxis = isLhs ? 1 : (transposed ? 1 : 0);
    if (quant.getAxis() == kAxis)
      return AffineMap::get(3, 0, g);
    return AffineMap::get(3, 0, isLhs ? m : n);
  }
  case Granularity::Group:
    if (isLhs)
      return AffineMap::get(3, 0, {m, g}, ctx);
    return transposed ? AffineMap::get(3, 0, {n, g}, ctx)
                      : AffineMap::get(3, 0, {g, n}, ctx);
  }
  llvm_unreachable("unknown granularity");
}

/// C[m, n] = sum_G (sum_{k in G} a[m, k] * b[k, n]) * (sa * sb): one exact
/// integer sum per group of `group` reduction indices, scaled and summed in
/// f64, rounded once to the result type. `a` is [M, K], `b` [K, N], both
/// already zero-point free in the integer accumulator type.
Value buildGroupedMatmul(OpBuilder &b, Location loc, Value a, Value bm,
                         int64_t group, Type acc, Type resultElement,
                         const CompressedValue &lhs, const CompressedValue &rhs,
                         bool transposed) {
  MLIRContext *ctx = b.getContext();
  auto aType = cast<RankedTensorType>(a.getType());
  auto bType = cast<RankedTensorType>(bm.getType());
  int64_t k = aType.getDimSize(1), groups = k / group;
  SmallVector<OpFoldResult> aSizes = tensor::getMixedSizes(b, loc, a);
  SmallVector<OpFoldResult> bSizes = tensor::getMixedSizes(b, loc, bm);
  // [M, K] -> [M, K/g, g] and [K, N] -> [K/g, g, N].
  Value a3 = tensor::ExpandShapeOp::create(
      b, loc, RankedTensorType::get({aType.getDimSize(0), groups, group}, acc),
      a, SmallVector<ReassociationIndices>{{0}, {1, 2}},
      SmallVector<OpFoldResult>{aSizes[0], b.getIndexAttr(groups),
                                b.getIndexAttr(group)});
  Value b3 = tensor::ExpandShapeOp::create(
      b, loc, RankedTensorType::get({groups, group, bType.getDimSize(1)}, acc),
      bm, SmallVector<ReassociationIndices>{{0, 1}, {2}},
      SmallVector<OpFoldResult>{b.getIndexAttr(groups), b.getIndexAttr(group),
                                bSizes[1]});
  AffineExpr m = getAffineDimExpr(0, ctx), n = getAffineDimExpr(1, ctx),
             g = getAffineDimExpr(2, ctx), kk = getAffineDimExpr(3, ctx);
  // Pass 1: partial[m, n, G] = sum over kk of a3[m, G, kk] * b3[G, kk, n].
  Value partial =
      zeroFilled(b, loc, {aSizes[0], bSizes[1], b.getIndexAttr(groups)}, acc);
  using utils::IteratorType;
  partial =
      linalg::GenericOp::create(
          b, loc, TypeRange{partial.getType()}, ValueRange{a3, b3},
          ValueRange{partial},
          ArrayRef<AffineMap>{AffineMap::get(4, 0, {m, g, kk}, ctx),
                              AffineMap::get(4, 0, {g, kk, n}, ctx),
                              AffineMap::get(4, 0, {m, n, g}, ctx)},
          ArrayRef<IteratorType>{IteratorType::parallel, IteratorType::parallel,
                                 IteratorType::parallel,
                                 IteratorType::reduction},
          [&](OpBuilder &b, Location loc, ValueRange args) {
            Value product = arith::MulIOp::create(b, loc, args[0], args[1]);
            linalg::YieldOp::create(
                b, loc,
                ValueRange{arith::AddIOp::create(b, loc, args[2], product)});
          })
          .getResult(0);
  // Pass 2: sum over G of f64(partial) * sa * sb.
  Type f64 = b.getF64Type();
  SmallVector<Value> inputs{partial};
  SmallVector<AffineMap> maps{AffineMap::get(3, 0, {m, n, g}, ctx)};
  if (getQuant(lhs.type)) {
    inputs.push_back(lhs.get(PartKind::Scales));
    maps.push_back(groupedScaleMap(lhs.type, true, false, ctx));
  }
  if (getQuant(rhs.type)) {
    inputs.push_back(rhs.get(PartKind::Scales));
    maps.push_back(groupedScaleMap(rhs.type, false, transposed, ctx));
  }
  maps.push_back(AffineMap::get(3, 0, {m, n}, ctx));
  Value sum = zeroFilled(b, loc, {aSizes[0], bSizes[1]}, f64);
  unsigned scaleCount = inputs.size() - 1;
  sum =
      linalg::GenericOp::create(
          b, loc, TypeRange{sum.getType()}, inputs, ValueRange{sum}, maps,
          ArrayRef<IteratorType>{IteratorType::parallel, IteratorType::parallel,
                                 IteratorType::reduction},
          [&](OpBuilder &b, Location loc, ValueRange args) {
            Value v = convertScalar(b, loc, args[0], f64, true);
            if (scaleCount)
              v = arith::MulFOp::create(
                  b, loc, v, scaleProduct(b, loc, args.slice(1, scaleCount)));
            linalg::YieldOp::create(
                b, loc,
                ValueRange{arith::AddFOp::create(b, loc, args.back(), v)});
          })
          .getResult(0);
  return buildElementwise(
      b, loc, sum, resultElement, {sum}, {b.getMultiDimIdentityMap(2)},
      [&](OpBuilder &b, Location loc, ValueRange args) {
        return convertScalar(b, loc, args[0], resultElement, true);
      });
}

struct MatmulLowering : OpConversionPattern<MatmulOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(MatmulOp op, OneToNOpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (std::optional<std::string> reason = getContractionUnsupportedReason(op))
      return rewriter.notifyMatchFailure(op, *reason);
    Location loc = op.getLoc();
    Type acc = op.getAccType();
    RankedTensorType lhsType = op.getLhs().getType();
    RankedTensorType rhsType = op.getRhs().getType();
    RankedTensorType resultType = op.getType();
    Value a = prepareOperand(rewriter, loc,
                             {lhsType, llvm::to_vector(adaptor.getLhs())}, acc);
    Value bm = prepareOperand(
        rewriter, loc, {rhsType, llvm::to_vector(adaptor.getRhs())}, acc);
    int64_t lhsRank = lhsType.getRank(), rhsRank = rhsType.getRank();
    if (op.getTransposeB()) {
      SmallVector<int64_t> perm = rhsRank == 2 ? SmallVector<int64_t>{1, 0}
                                               : SmallVector<int64_t>{0, 2, 1};
      SmallVector<OpFoldResult> sizes =
          tensor::getMixedSizes(rewriter, loc, bm);
      SmallVector<OpFoldResult> permuted;
      for (int64_t d : perm)
        permuted.push_back(sizes[d]);
      Value init = tensor::EmptyOp::create(rewriter, loc, permuted, acc);
      bm = linalg::TransposeOp::create(rewriter, loc, bm, init, perm)
               .getResult()[0];
    }
    if (lhsRank == 3 && rhsRank == 2) {
      SmallVector<OpFoldResult> sizes{
          tensor::getMixedSizes(rewriter, loc, a)[0]};
      llvm::append_range(sizes, tensor::getMixedSizes(rewriter, loc, bm));
      Value init = tensor::EmptyOp::create(rewriter, loc, sizes, acc);
      bm = linalg::BroadcastOp::create(rewriter, loc, bm, init,
                                       ArrayRef<int64_t>{0})
               .getResult()[0];
    }
    Type resultElement = resultType.getElementType();
    if (scalesResult(acc, resultType)) {
      int64_t rhsK = op.getTransposeB() ? rhsRank - 1 : rhsRank - 2;
      int64_t group = std::max(getGroupAlongK(lhsType, lhsRank - 1),
                               getGroupAlongK(rhsType, rhsK));
      if (group) {
        Value result = buildGroupedMatmul(
            rewriter, loc, a, bm, group, acc, resultElement,
            {lhsType, llvm::to_vector(adaptor.getLhs())},
            {rhsType, llvm::to_vector(adaptor.getRhs())}, op.getTransposeB());
        if (result.getType() != resultType)
          result = tensor::CastOp::create(rewriter, loc, resultType, result);
        rewriter.replaceOp(op, result);
        return success();
      }
    }
    SmallVector<OpFoldResult> aSizes = tensor::getMixedSizes(rewriter, loc, a);
    SmallVector<OpFoldResult> bSizes = tensor::getMixedSizes(rewriter, loc, bm);
    SmallVector<OpFoldResult> outSizes(aSizes.begin(), aSizes.end() - 1);
    outSizes.push_back(bSizes.back());
    Value init = zeroFilled(rewriter, loc, outSizes, acc);
    Value product =
        lhsRank == 2
            ? linalg::MatmulOp::create(rewriter, loc, ValueRange{a, bm},
                                       ValueRange{init})
                  .getResult(0)
            : linalg::BatchMatmulOp::create(rewriter, loc, ValueRange{a, bm},
                                            ValueRange{init})
                  .getResult(0);
    if (scalesResult(acc, resultType)) {
      MLIRContext *ctx = rewriter.getContext();
      SmallVector<std::pair<Value, AffineMap>> scales;
      unsigned rank = lhsRank;
      if (getQuant(lhsType))
        scales.push_back({single(adaptor.getLhs(), lhsType, PartKind::Scales),
                          scaleMapToResult(lhsType, rank, rank - 2, ctx)});
      if (getQuant(rhsType))
        scales.push_back({single(adaptor.getRhs(), rhsType, PartKind::Scales),
                          scaleMapToResult(rhsType, rank, rank - 1, ctx)});
      product = applyScales(rewriter, loc, product, resultElement, scales);
    }
    if (product.getType() != resultType)
      product = tensor::CastOp::create(rewriter, loc, resultType, product);
    rewriter.replaceOp(op, product);
    return success();
  }

  static Value single(ValueRange parts, RankedTensorType type, PartKind kind) {
    return CompressedValue{type, llvm::to_vector(parts)}.get(kind);
  }
};

//===----------------------------------------------------------------------===//
// Conv2D
//===----------------------------------------------------------------------===//

struct Conv2DLowering : OpConversionPattern<Conv2DOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(Conv2DOp op, OneToNOpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (std::optional<std::string> reason = getContractionUnsupportedReason(op))
      return rewriter.notifyMatchFailure(op, *reason);
    Location loc = op.getLoc();
    Type acc = op.getAccType();
    RankedTensorType inputType = op.getInput().getType();
    RankedTensorType filterType = op.getFilter().getType();
    RankedTensorType resultType = op.getType();
    CompressedValue input{inputType, llvm::to_vector(adaptor.getInput())};
    CompressedValue filter{filterType, llvm::to_vector(adaptor.getFilter())};
    Value x = prepareOperand(rewriter, loc, input, acc);
    Value f = prepareOperand(rewriter, loc, filter, acc);
    bool nhwc = op.getLayout() == ConvLayout::NHWC_HWCF;
    ArrayRef<int64_t> pad = op.getPadding();
    if (llvm::any_of(pad, [](int64_t p) { return p != 0; })) {
      // Operands are already zero-point-free: padding with 0 is padding
      // with the zero point.
      SmallVector<int64_t> low =
          nhwc ? SmallVector<int64_t>{0, pad[0], pad[2], 0}
               : SmallVector<int64_t>{0, 0, pad[0], pad[2]};
      SmallVector<int64_t> high =
          nhwc ? SmallVector<int64_t>{0, pad[1], pad[3], 0}
               : SmallVector<int64_t>{0, 0, pad[1], pad[3]};
      auto padded = tensor::PadOp::inferResultType(
          cast<RankedTensorType>(x.getType()), low, high);
      Value zero =
          arith::ConstantOp::create(rewriter, loc, rewriter.getZeroAttr(acc));
      x = tensor::PadOp::create(
              rewriter, loc, padded, x,
              getAsIndexOpFoldResult(rewriter.getContext(), low),
              getAsIndexOpFoldResult(rewriter.getContext(), high), zero)
              .getResult();
    }
    // Only the batch size may be dynamic; it is the input's.
    SmallVector<OpFoldResult> outSizes;
    for (int64_t d : resultType.getShape())
      outSizes.push_back(rewriter.getIndexAttr(d));
    if (resultType.isDynamicDim(0))
      outSizes[0] = tensor::getMixedSize(rewriter, loc, x, 0);
    Value init = zeroFilled(rewriter, loc, outSizes, acc);
    auto strides = rewriter.getI64VectorAttr(op.getStrides());
    auto dilations = rewriter.getI64VectorAttr(op.getDilations());
    Value conv =
        nhwc ? linalg::Conv2DNhwcHwcfOp::create(
                   rewriter, loc, TypeRange{init.getType()}, ValueRange{x, f},
                   ValueRange{init}, strides, dilations)
                   .getResult(0)
             : linalg::Conv2DNchwFchwOp::create(
                   rewriter, loc, TypeRange{init.getType()}, ValueRange{x, f},
                   ValueRange{init}, strides, dilations)
                   .getResult(0);
    if (scalesResult(acc, resultType)) {
      MLIRContext *ctx = rewriter.getContext();
      SmallVector<std::pair<Value, AffineMap>> scales;
      unsigned channel = nhwc ? 3 : 1;
      if (getQuant(inputType))
        scales.push_back({input.get(PartKind::Scales),
                          scaleMapToResult(inputType, 4, channel, ctx)});
      if (getQuant(filterType))
        scales.push_back({filter.get(PartKind::Scales),
                          scaleMapToResult(filterType, 4, channel, ctx)});
      conv =
          applyScales(rewriter, loc, conv, resultType.getElementType(), scales);
    }
    rewriter.replaceOp(op, conv);
    return success();
  }
};

} // namespace

std::optional<std::string> getContractionUnsupportedReason(Operation *op) {
  if (auto matmul = dyn_cast<MatmulOp>(op)) {
    RankedTensorType lhs = matmul.getLhs().getType();
    RankedTensorType rhs = matmul.getRhs().getType();
    if (auto reason = checkOperand(lhs, "lhs"))
      return reason;
    if (auto reason = checkOperand(rhs, "rhs"))
      return reason;
    if (scalesResult(matmul.getAccType(), matmul.getType())) {
      int64_t rhsN =
          matmul.getTransposeB() ? rhs.getRank() - 2 : rhs.getRank() - 1;
      int64_t rhsK =
          matmul.getTransposeB() ? rhs.getRank() - 1 : rhs.getRank() - 2;
      int64_t groupA = getGroupAlongK(lhs, lhs.getRank() - 1);
      int64_t groupB = getGroupAlongK(rhs, rhsK);
      if (groupA || groupB) {
        // Per-group scales along K: one integer sum per group (rank 2).
        if (lhs.getRank() != 2 || rhs.getRank() != 2)
          return std::string(
              "per-group scales along the reduction with an integer "
              "accumulator and a float result are supported for rank-2 "
              "operands only");
        if (groupA && groupB && groupA != groupB)
          return ("lhs and rhs scales are grouped along the reduction with "
                  "different group sizes (" +
                  std::to_string(groupA) + " and " + std::to_string(groupB) +
                  ")");
        if (ShapedType::isDynamic(lhs.getDimSize(1)))
          return std::string("per-group scales along the reduction need a "
                             "static reduction size");
      }
      if (!groupA)
        if (auto reason = checkScaleAxis(lhs, "lhs", lhs.getRank() - 2, "M"))
          return reason;
      if (!groupB)
        if (auto reason = checkScaleAxis(rhs, "rhs", rhsN, "N"))
          return reason;
    }
    return std::nullopt;
  }
  auto conv = cast<Conv2DOp>(op);
  RankedTensorType input = conv.getInput().getType();
  RankedTensorType filter = conv.getFilter().getType();
  if (auto reason = checkOperand(input, "input"))
    return reason;
  if (auto reason = checkOperand(filter, "filter"))
    return reason;
  if (llvm::any_of(conv.getType().getShape().drop_front(),
                   ShapedType::isDynamic))
    return ("the result " + typeString(conv.getType()) +
            " needs static channel and spatial sizes in the reference "
            "lowering (only the batch size may be dynamic)");
  if (scalesResult(conv.getAccType(), conv.getType())) {
    bool nhwc = conv.getLayout() == ConvLayout::NHWC_HWCF;
    if (QuantAttr quant = getQuant(input);
        quant && quant.getGranularity() != Granularity::Tensor)
      return std::string(
          "input has per-channel or per-group scales with an integer "
          "accumulator and a float result; the reference lowering supports "
          "only tensor scales for the conv2d input (its channels are reduced)");
    if (auto reason =
            checkScaleAxis(filter, "filter", nhwc ? 3 : 0, "output channel"))
      return reason;
  }
  return std::nullopt;
}

} // namespace sparq::lowering

Value sparq::buildScaledAccumulator(
    OpBuilder &b, Location loc, Value acc, Type resultElement,
    ArrayRef<std::pair<Value, AffineMap>> scales) {
  return lowering::applyScales(b, loc, acc, resultElement, scales);
}

namespace sparq::lowering {

void populateContractionPatterns(const TypeConverter &typeConverter,
                                 RewritePatternSet &patterns) {
  patterns.add<MatmulLowering, Conv2DLowering>(typeConverter,
                                               patterns.getContext());
}

} // namespace sparq::lowering
