//===- PEToArith.cpp - Execute sparq_pe programs bit-exactly --------------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// Every sparq_pe instruction becomes tensor code (linalg.generic with an arith
// body, scf loops for the bitmap encoder and prefix popcounts, tensor slices
// for loads and stores) that computes exactly the semantics in docs/pe.md:
// BitBricks really extract 2-bit digits and shift their products, atom MACs
// really split magnitudes into 2-bit atoms, and the inner join really finds
// its operands through prefix popcounts, so the JIT-run tests check the
// decompositions, not just a plain product.
//
//===----------------------------------------------------------------------===//

#include "sparq/Conversion/Passes.h"
#include "sparq/Dialect/PE/IR/PEOps.h"

#include "mlir/Transforms/DialectConversion.h"

namespace sparq {
#define GEN_PASS_DEF_SPARQPETOARITH
#include "sparq/Conversion/Passes.h.inc"
} // namespace sparq

using namespace mlir;
using namespace sparq;
using namespace sparq::pe;

namespace {

static RankedTensorType tensorOf(Value v) {
  return cast<RankedTensorType>(v.getType());
}

static Value intConst(OpBuilder &b, Location loc, Type type, int64_t value) {
  return arith::ConstantOp::create(b, loc, type,
                                   b.getIntegerAttr(type, value));
}

static Value indexConst(OpBuilder &b, Location loc, int64_t value) {
  return arith::ConstantIndexOp::create(b, loc, value);
}

/// Widens `x` to `type`, sign- or zero-extending by `sign`.
static Value extend(OpBuilder &b, Location loc, Value x, Type type,
                    Signedness sign) {
  if (x.getType() == type)
    return x;
  if (sign == Signedness::Signed)
    return arith::ExtSIOp::create(b, loc, type, x);
  return arith::ExtUIOp::create(b, loc, type, x);
}

/// A splat constant tensor of `type` holding `value`.
static Value splat(OpBuilder &b, Location loc, RankedTensorType type,
                   int64_t value) {
  return arith::ConstantOp::create(
      b, loc, type,
      DenseElementsAttr::get(type,
                             b.getIntegerAttr(type.getElementType(), value)));
}

/// Builds `acc[m, n] + sum_k contribution(a[m,k], w[k,n], m, n, k)` as one
/// linalg.generic over (m, n, k). `contribution` returns a value of the
/// accumulator's element type.
static Value buildMatmulGeneric(
    OpBuilder &b, Location loc, Value a, Value w, Value acc,
    function_ref<Value(OpBuilder &, Location, Value, Value)> contribution) {
  MLIRContext *ctx = b.getContext();
  AffineExpr m, n, k;
  bindDims(ctx, m, n, k);
  SmallVector<AffineMap> maps = {AffineMap::get(3, 0, {m, k}, ctx),
                                 AffineMap::get(3, 0, {k, n}, ctx),
                                 AffineMap::get(3, 0, {m, n}, ctx)};
  SmallVector<utils::IteratorType> iterators = {
      utils::IteratorType::parallel, utils::IteratorType::parallel,
      utils::IteratorType::reduction};
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{acc.getType()}, ValueRange{a, w}, ValueRange{acc},
      maps, iterators, [&](OpBuilder &nb, Location nloc, ValueRange args) {
        Value term = contribution(nb, nloc, args[0], args[1]);
        Value sum = arith::AddIOp::create(nb, nloc, args[2], term);
        linalg::YieldOp::create(nb, nloc, sum);
      });
  return generic.getResult(0);
}

/// Builds an elementwise linalg.generic from `input` to `resultType`.
static Value buildElementwise(
    OpBuilder &b, Location loc, Value input, RankedTensorType resultType,
    function_ref<Value(OpBuilder &, Location, Value)> fn) {
  unsigned rank = resultType.getRank();
  Value init = tensor::EmptyOp::create(b, loc, resultType.getShape(),
                                       resultType.getElementType());
  SmallVector<AffineMap> maps(2, b.getMultiDimIdentityMap(rank));
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{resultType}, ValueRange{input}, ValueRange{init},
      maps, iterators, [&](OpBuilder &nb, Location nloc, ValueRange args) {
        linalg::YieldOp::create(nb, nloc, fn(nb, nloc, args[0]));
      });
  return generic.getResult(0);
}

/// `x` (an element of `bits` bits read with `sign`) as `type`, and whether
/// it is negative.
static std::pair<Value, Value> signMagnitude(OpBuilder &b, Location loc,
                                             Value x, Type type,
                                             Signedness sign) {
  Value wide = extend(b, loc, x, type, sign);
  Value zero = intConst(b, loc, type, 0);
  if (sign == Signedness::Unsigned)
    return {wide, arith::ConstantIntOp::create(b, loc, 0, 1)};
  Value negative =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, wide, zero);
  Value negated = arith::SubIOp::create(b, loc, zero, wide);
  return {arith::SelectOp::create(b, loc, negative, negated, wide), negative};
}

/// Bits [2i, 2i + 2) of the non-negative `magnitude`.
static Value twoBits(OpBuilder &b, Location loc, Value magnitude, int64_t i) {
  Type type = magnitude.getType();
  Value shifted = i == 0 ? magnitude
                         : arith::ShRUIOp::create(
                               b, loc, magnitude, intConst(b, loc, type, 2 * i));
  return arith::AndIOp::create(b, loc, shifted, intConst(b, loc, type, 3));
}

/// BitFusion digit `i` of `x` (width `bits`, read with `sign`) as `type`:
/// unsigned bits [2i, 2i+2), except the signed top digit of a signed operand.
static Value digit(OpBuilder &b, Location loc, Value x, unsigned bits,
                   Signedness sign, int64_t i, Type type) {
  bool signedTop = sign == Signedness::Signed && i == bits / 2 - 1;
  if (signedTop) {
    Value shifted =
        i == 0 ? x
               : arith::ShRSIOp::create(b, loc, x,
                                        intConst(b, loc, x.getType(), 2 * i));
    return arith::ExtSIOp::create(b, loc, type, shifted);
  }
  return twoBits(b, loc, arith::ExtUIOp::create(b, loc, type, x), i);
}

//===----------------------------------------------------------------------===//
// Patterns
//===----------------------------------------------------------------------===//

struct LoadLowering : public OpConversionPattern<LoadOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(LoadOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    RankedTensorType type = op.getResult().getType();
    SmallVector<int64_t> strides(type.getRank(), 1);
    rewriter.replaceOpWithNewOp<tensor::ExtractSliceOp>(
        op, type, adaptor.getSource(), ValueRange{}, ValueRange{},
        ValueRange{}, op.getOffsets(), type.getShape(), strides);
    return success();
  }
};

struct StoreLowering : public OpConversionPattern<StoreOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(StoreOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    RankedTensorType type = op.getTile().getType();
    SmallVector<int64_t> strides(type.getRank(), 1);
    rewriter.replaceOpWithNewOp<tensor::InsertSliceOp>(
        op, adaptor.getTile(), adaptor.getDest(), ValueRange{}, ValueRange{},
        ValueRange{}, op.getOffsets(), type.getShape(), strides);
    return success();
  }
};

struct MacLowering : public OpConversionPattern<MacOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(MacOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Type accElem = op.getAcc().getType().getElementType();
    int64_t shift = static_cast<int64_t>(op.getShift());
    Value mask = adaptor.getMask();
    SmallVector<int64_t> region;
    if (mask)
      region.assign(op.getRegionSize()->begin(), op.getRegionSize()->end());
    bool insensitive = op.getRegionClass() &&
                       *op.getRegionClass() == RegionClass::Insensitive;
    Value result = buildMatmulGeneric(
        rewriter, op.getLoc(), adaptor.getA(), adaptor.getW(),
        adaptor.getAcc(), [&](OpBuilder &b, Location loc, Value a, Value w) {
          Value product = arith::MulIOp::create(
              b, loc, extend(b, loc, a, accElem, op.getASign()),
              extend(b, loc, w, accElem, op.getWSign()));
          if (shift)
            product = arith::ShLIOp::create(b, loc, product,
                                            intConst(b, loc, accElem, shift));
          if (!mask)
            return product;
          Value mIdx = linalg::IndexOp::create(b, loc, 0);
          Value kIdx = linalg::IndexOp::create(b, loc, 2);
          Value r = arith::DivUIOp::create(b, loc, mIdx,
                                           indexConst(b, loc, region[0]));
          Value c = arith::DivUIOp::create(b, loc, kIdx,
                                           indexConst(b, loc, region[1]));
          Value sel =
              tensor::ExtractOp::create(b, loc, mask, ValueRange{r, c});
          if (insensitive)
            sel = arith::XOrIOp::create(
                b, loc, sel, arith::ConstantIntOp::create(b, loc, 1, 1));
          return arith::SelectOp::create(b, loc, sel, product,
                                         intConst(b, loc, accElem, 0))
              .getResult();
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct BitBrickLowering : public OpConversionPattern<BitBrickOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(BitBrickOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Type accElem = op.getAcc().getType().getElementType();
    unsigned aBits = op.getA().getType().getElementTypeBitWidth();
    unsigned wBits = op.getW().getType().getElementTypeBitWidth();
    int64_t i = op.getADigit(), j = op.getWDigit(), shift = op.getShift();
    Value result = buildMatmulGeneric(
        rewriter, op.getLoc(), adaptor.getA(), adaptor.getW(),
        adaptor.getAcc(), [&](OpBuilder &b, Location loc, Value a, Value w) {
          Value product = arith::MulIOp::create(
              b, loc, digit(b, loc, a, aBits, op.getASign(), i, accElem),
              digit(b, loc, w, wBits, op.getWSign(), j, accElem));
          if (shift)
            product = arith::ShLIOp::create(b, loc, product,
                                            intConst(b, loc, accElem, shift));
          return product;
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct AtomMacLowering : public OpConversionPattern<AtomMacOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(AtomMacOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Type accElem = op.getAcc().getType().getElementType();
    int64_t aAtoms = (op.getA().getType().getElementTypeBitWidth() + 1) / 2;
    int64_t wAtoms = (op.getW().getType().getElementTypeBitWidth() + 1) / 2;
    Value result = buildMatmulGeneric(
        rewriter, op.getLoc(), adaptor.getA(), adaptor.getW(),
        adaptor.getAcc(), [&](OpBuilder &b, Location loc, Value a, Value w) {
          auto [aMag, aNeg] = signMagnitude(b, loc, a, accElem, op.getASign());
          auto [wMag, wNeg] = signMagnitude(b, loc, w, accElem, op.getWSign());
          SmallVector<Value> wParts;
          for (int64_t j = 0; j < wAtoms; ++j)
            wParts.push_back(twoBits(b, loc, wMag, j));
          Value sum = intConst(b, loc, accElem, 0);
          for (int64_t i = 0; i < aAtoms; ++i) {
            Value ai = twoBits(b, loc, aMag, i);
            for (int64_t j = 0; j < wAtoms; ++j) {
              Value p = arith::MulIOp::create(b, loc, ai, wParts[j]);
              if (i + j)
                p = arith::ShLIOp::create(
                    b, loc, p, intConst(b, loc, accElem, 2 * (i + j)));
              sum = arith::AddIOp::create(b, loc, sum, p);
            }
          }
          Value negative = arith::XOrIOp::create(b, loc, aNeg, wNeg);
          Value negated =
              arith::SubIOp::create(b, loc, intConst(b, loc, accElem, 0), sum);
          return arith::SelectOp::create(b, loc, negative, negated, sum)
              .getResult();
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct HighBitsLowering : public OpConversionPattern<HighBitsOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(HighBitsOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    RankedTensorType resultType = op.getResult().getType();
    unsigned drop = op.getInput().getType().getElementTypeBitWidth() -
                    resultType.getElementTypeBitWidth();
    Value result = buildElementwise(
        rewriter, op.getLoc(), adaptor.getInput(), resultType,
        [&](OpBuilder &b, Location loc, Value x) -> Value {
          Value amount = intConst(b, loc, x.getType(), drop);
          Value shifted =
              op.getSign() == Signedness::Signed
                  ? arith::ShRSIOp::create(b, loc, x, amount).getResult()
                  : arith::ShRUIOp::create(b, loc, x, amount).getResult();
          return arith::TruncIOp::create(b, loc, resultType.getElementType(),
                                         shifted);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct RegionSelectLowering : public OpConversionPattern<RegionSelectOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(RegionSelectOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Value input = adaptor.getInput();
    RankedTensorType inType = op.getInput().getType();
    RankedTensorType maskType = op.getMask().getType();
    int64_t rowsM = inType.getDimSize(0), colsK = inType.getDimSize(1);
    int64_t rh = op.getRegionSize()[0], rw = op.getRegionSize()[1];
    int64_t rk = maskType.getDimSize(1);
    Type i64 = rewriter.getI64Type();
    auto sumsType = RankedTensorType::get(maskType.getShape(), i64);

    // S(r, c) = sum over the region of |x| (clamped reads, masked out of
    // bounds), iterating (r, c, i, j) with i < RH, j < RW.
    AffineExpr r, c, i, j;
    bindDims(ctx, r, c, i, j);
    Value shapeOnly = splat(
        rewriter, loc, RankedTensorType::get({rh, rw}, rewriter.getI1Type()),
        0);
    auto sums = linalg::GenericOp::create(
        rewriter, loc, TypeRange{sumsType}, ValueRange{shapeOnly},
        ValueRange{splat(rewriter, loc, sumsType, 0)},
        SmallVector<AffineMap>{AffineMap::get(4, 0, {i, j}, ctx),
                               AffineMap::get(4, 0, {r, c}, ctx)},
        SmallVector<utils::IteratorType>{utils::IteratorType::parallel,
                                         utils::IteratorType::parallel,
                                         utils::IteratorType::reduction,
                                         utils::IteratorType::reduction},
        [&](OpBuilder &b, Location nloc, ValueRange args) {
          Value ri = linalg::IndexOp::create(b, nloc, 0);
          Value ci = linalg::IndexOp::create(b, nloc, 1);
          Value ii = linalg::IndexOp::create(b, nloc, 2);
          Value ji = linalg::IndexOp::create(b, nloc, 3);
          Value m = arith::AddIOp::create(
              b, nloc,
              arith::MulIOp::create(b, nloc, ri, indexConst(b, nloc, rh)), ii);
          Value k = arith::AddIOp::create(
              b, nloc,
              arith::MulIOp::create(b, nloc, ci, indexConst(b, nloc, rw)), ji);
          Value inside = arith::AndIOp::create(
              b, nloc,
              arith::CmpIOp::create(b, nloc, arith::CmpIPredicate::ult, m,
                                    indexConst(b, nloc, rowsM)),
              arith::CmpIOp::create(b, nloc, arith::CmpIPredicate::ult, k,
                                    indexConst(b, nloc, colsK)));
          Value mc =
              arith::MinUIOp::create(b, nloc, m, indexConst(b, nloc, rowsM - 1));
          Value kc =
              arith::MinUIOp::create(b, nloc, k, indexConst(b, nloc, colsK - 1));
          Value x = tensor::ExtractOp::create(b, nloc, input, ValueRange{mc, kc});
          Value mag = signMagnitude(b, nloc, x, i64, op.getSign()).first;
          Value term = arith::SelectOp::create(b, nloc, inside, mag,
                                               intConst(b, nloc, i64, 0));
          linalg::YieldOp::create(
              b, nloc, arith::AddIOp::create(b, nloc, args[1], term).getResult());
        });

    // n(r, c): the element count of region (r, c), as i64.
    auto countOf = [&](OpBuilder &b, Location nloc, Value ri, Value ci) {
      Value rows = arith::MinUIOp::create(
          b, nloc, indexConst(b, nloc, rh),
          arith::SubIOp::create(
              b, nloc, indexConst(b, nloc, rowsM),
              arith::MulIOp::create(b, nloc, ri, indexConst(b, nloc, rh))));
      Value cols = arith::MinUIOp::create(
          b, nloc, indexConst(b, nloc, rw),
          arith::SubIOp::create(
              b, nloc, indexConst(b, nloc, colsK),
              arith::MulIOp::create(b, nloc, ci, indexConst(b, nloc, rw))));
      return arith::IndexCastOp::create(
          b, nloc, i64, arith::MulIOp::create(b, nloc, rows, cols));
    };
    auto identity2 = rewriter.getMultiDimIdentityMap(2);
    SmallVector<utils::IteratorType> parallel2(2,
                                               utils::IteratorType::parallel);
    Value maskInit = tensor::EmptyOp::create(rewriter, loc, maskType.getShape(),
                                             rewriter.getI1Type());
    Value mask;
    if (std::optional<uint64_t> t = op.getThreshold()) {
      int64_t threshold = static_cast<int64_t>(*t);
      mask = linalg::GenericOp::create(
                 rewriter, loc, TypeRange{maskType},
                 ValueRange{sums.getResult(0)}, ValueRange{maskInit},
                 SmallVector<AffineMap>{identity2, identity2}, parallel2,
                 [&](OpBuilder &b, Location nloc, ValueRange args) {
                   Value n = countOf(b, nloc, linalg::IndexOp::create(b, nloc, 0),
                                     linalg::IndexOp::create(b, nloc, 1));
                   Value bound = arith::MulIOp::create(
                       b, nloc, n, intConst(b, nloc, i64, threshold));
                   linalg::YieldOp::create(
                       b, nloc,
                       arith::CmpIOp::create(b, nloc, arith::CmpIPredicate::sgt,
                                             args[0], bound)
                           .getResult());
                 })
                 .getResult(0);
    } else {
      int64_t top = static_cast<int64_t>(*op.getTop());
      // before(r, c) = #regions ranked before (r, c); sensitive iff < top.
      AffineExpr q, p;
      bindDims(ctx, r, c, q, p);
      auto before = linalg::GenericOp::create(
          rewriter, loc, TypeRange{sumsType},
          ValueRange{sums.getResult(0), sums.getResult(0)},
          ValueRange{splat(rewriter, loc, sumsType, 0)},
          SmallVector<AffineMap>{AffineMap::get(4, 0, {r, c}, ctx),
                                 AffineMap::get(4, 0, {q, p}, ctx),
                                 AffineMap::get(4, 0, {r, c}, ctx)},
          SmallVector<utils::IteratorType>{utils::IteratorType::parallel,
                                           utils::IteratorType::parallel,
                                           utils::IteratorType::reduction,
                                           utils::IteratorType::reduction},
          [&](OpBuilder &b, Location nloc, ValueRange args) {
            Value ri = linalg::IndexOp::create(b, nloc, 0);
            Value ci = linalg::IndexOp::create(b, nloc, 1);
            Value qi = linalg::IndexOp::create(b, nloc, 2);
            Value pi = linalg::IndexOp::create(b, nloc, 3);
            Value nr = countOf(b, nloc, ri, ci);
            Value nq = countOf(b, nloc, qi, pi);
            Value lhs = arith::MulIOp::create(b, nloc, args[1], nr);
            Value rhs = arith::MulIOp::create(b, nloc, args[0], nq);
            Value linR = arith::AddIOp::create(
                b, nloc,
                arith::MulIOp::create(b, nloc, ri, indexConst(b, nloc, rk)), ci);
            Value linQ = arith::AddIOp::create(
                b, nloc,
                arith::MulIOp::create(b, nloc, qi, indexConst(b, nloc, rk)), pi);
            Value greater = arith::CmpIOp::create(
                b, nloc, arith::CmpIPredicate::sgt, lhs, rhs);
            Value tie = arith::AndIOp::create(
                b, nloc,
                arith::CmpIOp::create(b, nloc, arith::CmpIPredicate::eq, lhs,
                                      rhs),
                arith::CmpIOp::create(b, nloc, arith::CmpIPredicate::ult, linQ,
                                      linR));
            Value isBefore = arith::OrIOp::create(b, nloc, greater, tie);
            Value one = arith::ExtUIOp::create(b, nloc, i64, isBefore);
            linalg::YieldOp::create(
                b, nloc, arith::AddIOp::create(b, nloc, args[2], one).getResult());
          });
      mask = linalg::GenericOp::create(
                 rewriter, loc, TypeRange{maskType},
                 ValueRange{before.getResult(0)}, ValueRange{maskInit},
                 SmallVector<AffineMap>{identity2, identity2}, parallel2,
                 [&](OpBuilder &b, Location nloc, ValueRange args) {
                   linalg::YieldOp::create(
                       b, nloc,
                       arith::CmpIOp::create(b, nloc, arith::CmpIPredicate::slt,
                                             args[0], intConst(b, nloc, i64, top))
                           .getResult());
                 })
                 .getResult(0);
    }
    rewriter.replaceOp(op, mask);
    return success();
  }
};

/// Element `(line, pos)` of a rank-2 tile whose lines run along `dim`.
static SmallVector<Value> lineIndex(int64_t dim, Value line, Value pos) {
  return dim == 1 ? SmallVector<Value>{line, pos} : SmallVector<Value>{pos, line};
}

/// The exclusive prefix popcount of the i1 `bitmap` along `dim`, as i64.
static Value buildPrefixCount(OpBuilder &b, Location loc, Value bitmap,
                              int64_t dim) {
  RankedTensorType type = tensorOf(bitmap);
  auto resultType = RankedTensorType::get(type.getShape(), b.getI64Type());
  int64_t lines = type.getDimSize(1 - dim), length = type.getDimSize(dim);
  Value c0 = indexConst(b, loc, 0), c1 = indexConst(b, loc, 1);
  auto outer = scf::ForOp::create(
      b, loc, c0, indexConst(b, loc, lines), c1,
      ValueRange{splat(b, loc, resultType, 0)},
      [&](OpBuilder &ob, Location oloc, Value line, ValueRange outerArgs) {
        auto inner = scf::ForOp::create(
            ob, oloc, c0, indexConst(ob, oloc, length), c1,
            ValueRange{outerArgs[0], intConst(ob, oloc, ob.getI64Type(), 0)},
            [&](OpBuilder &ib, Location iloc, Value pos, ValueRange args) {
              SmallVector<Value> at = lineIndex(dim, line, pos);
              Value updated =
                  tensor::InsertOp::create(ib, iloc, args[1], args[0], at);
              Value bit = tensor::ExtractOp::create(ib, iloc, bitmap, at);
              Value next = arith::AddIOp::create(
                  ib, iloc, args[1],
                  arith::ExtUIOp::create(ib, iloc, ib.getI64Type(), bit));
              scf::YieldOp::create(ib, iloc, ValueRange{updated, next});
            });
        scf::YieldOp::create(ob, oloc, inner.getResult(0));
      });
  return outer.getResult(0);
}

struct BitmapEncodeLowering : public OpConversionPattern<BitmapEncodeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(BitmapEncodeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    RankedTensorType type = op.getInput().getType();
    int64_t dim = op.getDim();
    Value bitmap = buildElementwise(
        rewriter, loc, input, op.getBitmap().getType(),
        [&](OpBuilder &b, Location nloc, Value x) -> Value {
          return arith::CmpIOp::create(b, nloc, arith::CmpIPredicate::ne, x,
                                       intConst(b, nloc, x.getType(), 0));
        });
    // values[line, count++] = x for every nonzero x of the line, in order.
    int64_t lines = type.getDimSize(1 - dim), length = type.getDimSize(dim);
    Value c0 = indexConst(rewriter, loc, 0), c1 = indexConst(rewriter, loc, 1);
    auto outer = scf::ForOp::create(
        rewriter, loc, c0, indexConst(rewriter, loc, lines), c1,
        ValueRange{splat(rewriter, loc, type, 0)},
        [&](OpBuilder &ob, Location oloc, Value line, ValueRange outerArgs) {
          auto inner = scf::ForOp::create(
              ob, oloc, c0, indexConst(ob, oloc, length), c1,
              ValueRange{outerArgs[0], c0},
              [&](OpBuilder &ib, Location iloc, Value pos, ValueRange args) {
                Value x = tensor::ExtractOp::create(ib, iloc, input,
                                                    lineIndex(dim, line, pos));
                Value nonzero = arith::CmpIOp::create(
                    ib, iloc, arith::CmpIPredicate::ne, x,
                    intConst(ib, iloc, x.getType(), 0));
                auto ifOp = scf::IfOp::create(
                    ib, iloc, nonzero,
                    [&](OpBuilder &tb, Location tloc) {
                      Value stored = tensor::InsertOp::create(
                          tb, tloc, x, args[0], lineIndex(dim, line, args[1]));
                      scf::YieldOp::create(tb, tloc, stored);
                    },
                    [&](OpBuilder &eb, Location eloc) {
                      scf::YieldOp::create(eb, eloc, args[0]);
                    });
                Value next = arith::SelectOp::create(
                    ib, iloc, nonzero,
                    arith::AddIOp::create(ib, iloc, args[1], c1), args[1]);
                scf::YieldOp::create(ib, iloc,
                                     ValueRange{ifOp.getResult(0), next});
              });
          scf::YieldOp::create(ob, oloc, inner.getResult(0));
        });
    rewriter.replaceOp(op, {outer.getResult(0), bitmap});
    return success();
  }
};

struct InnerJoinLowering : public OpConversionPattern<InnerJoinOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(InnerJoinOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Type accElem = op.getAcc().getType().getElementType();
    Value aValues = adaptor.getAValues(), wValues = adaptor.getWValues();
    Value aPos = buildPrefixCount(rewriter, loc, adaptor.getABitmap(), 1);
    Value wPos = buildPrefixCount(rewriter, loc, adaptor.getWBitmap(), 0);
    AffineExpr m, n, k;
    bindDims(ctx, m, n, k);
    AffineMap mk = AffineMap::get(3, 0, {m, k}, ctx);
    AffineMap kn = AffineMap::get(3, 0, {k, n}, ctx);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{op.getAcc().getType()},
        ValueRange{adaptor.getABitmap(), aPos, adaptor.getWBitmap(), wPos},
        ValueRange{adaptor.getAcc()},
        SmallVector<AffineMap>{mk, mk, kn, kn,
                               AffineMap::get(3, 0, {m, n}, ctx)},
        SmallVector<utils::IteratorType>{utils::IteratorType::parallel,
                                         utils::IteratorType::parallel,
                                         utils::IteratorType::reduction},
        [&](OpBuilder &b, Location nloc, ValueRange args) {
          Value both = arith::AndIOp::create(b, nloc, args[0], args[2]);
          Value pa = arith::IndexCastOp::create(b, nloc, b.getIndexType(),
                                                args[1]);
          Value pw = arith::IndexCastOp::create(b, nloc, b.getIndexType(),
                                                args[3]);
          Value mi = linalg::IndexOp::create(b, nloc, 0);
          Value ni = linalg::IndexOp::create(b, nloc, 1);
          Value a = tensor::ExtractOp::create(b, nloc, aValues,
                                              ValueRange{mi, pa});
          Value w = tensor::ExtractOp::create(b, nloc, wValues,
                                              ValueRange{pw, ni});
          Value product = arith::MulIOp::create(
              b, nloc, extend(b, nloc, a, accElem, op.getASign()),
              extend(b, nloc, w, accElem, op.getWSign()));
          Value term = arith::SelectOp::create(b, nloc, both, product,
                                               intConst(b, nloc, accElem, 0));
          linalg::YieldOp::create(
              b, nloc, arith::AddIOp::create(b, nloc, args[4], term).getResult());
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

struct SparqPEToArithPass
    : public sparq::impl::SparqPEToArithBase<SparqPEToArithPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    // A fusion unit is its BitBricks: inline every body in place first.
    IRRewriter rewriter(module.getContext());
    SmallVector<FusedMacOp> fused;
    module.walk([&](FusedMacOp op) { fused.push_back(op); });
    for (FusedMacOp op : fused) {
      Block &body = op.getBody().front();
      auto yield = cast<YieldOp>(body.getTerminator());
      Value result = yield.getValue();
      rewriter.eraseOp(yield);
      rewriter.inlineBlockBefore(&body, op, op->getOperands());
      rewriter.replaceOp(op, result);
    }

    ConversionTarget target(getContext());
    target.addIllegalDialect<PEDialect>();
    target.addLegalDialect<arith::ArithDialect, linalg::LinalgDialect,
                           scf::SCFDialect, tensor::TensorDialect>();
    target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });
    RewritePatternSet patterns(&getContext());
    patterns.add<LoadLowering, StoreLowering, MacLowering, BitBrickLowering,
                 AtomMacLowering, HighBitsLowering, RegionSelectLowering,
                 BitmapEncodeLowering, InnerJoinLowering>(&getContext());
    if (failed(applyPartialConversion(module, target, std::move(patterns))))
      return signalPassFailure();
    // The executed program no longer refers to the accelerator, and a
    // sparq_pe attribute left on the module would make the lowered module
    // unreadable for tools without the dialect (mlir-runner). The host-work
    // tags are dropped for the same reason.
    module->removeAttr(PEDialect::kAcceleratorAttrName);
    module.walk([](Operation *op) {
      op->removeAttr(PEDialect::kHostWorkAttrName);
    });
  }
};

} // namespace
