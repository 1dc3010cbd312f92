//===- Numerics.cpp - Quantization code emitted by sparq-to-linalg --------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// Elementwise linalg.generic code for quantize / dequantize / requantize. The
// rules are the op descriptions of SparqOps.td: round with the quant's mode,
// add the zero point, clamp in floating point before fptosi (upstream's fptosi
// wraps out-of-range values), NaN maps to the zero point (0 when symmetric).
//
//===----------------------------------------------------------------------===//

#include "CompressedBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;

namespace sparq::lowering {

Value CompressedValue::get(PartKind kind) const {
  for (auto [part, value] : llvm::zip(getCompressedParts(type), parts))
    if (part.kind == kind)
      return value;
  return {};
}

SmallVector<Value> CompressedValue::indexParts() const {
  SmallVector<Value> result;
  for (auto [part, value] : llvm::zip(getCompressedParts(type), parts))
    if (part.kind == PartKind::Positions ||
        part.kind == PartKind::Coordinates || part.kind == PartKind::Bitmap ||
        part.kind == PartKind::Metadata)
      result.push_back(value);
  return result;
}

SmallVector<Value> CompressedValue::quantParts() const {
  SmallVector<Value> result;
  for (auto [part, value] : llvm::zip(getCompressedParts(type), parts))
    if (part.kind == PartKind::Scales || part.kind == PartKind::ZeroPoints ||
        part.kind == PartKind::Codebook)
      result.push_back(value);
  return result;
}

AffineMap getParamMap(QuantAttr quant, unsigned rank, MLIRContext *ctx) {
  switch (quant.getGranularity()) {
  case Granularity::Tensor:
    return AffineMap::get(rank, 0, getAffineConstantExpr(0, ctx));
  case Granularity::Channel:
    return AffineMap::get(rank, 0, getAffineDimExpr(quant.getAxis(), ctx));
  case Granularity::Group: {
    SmallVector<AffineExpr> exprs;
    for (unsigned d = 0; d < rank; ++d) {
      AffineExpr e = getAffineDimExpr(d, ctx);
      exprs.push_back(d == quant.getAxis() ? e.floorDiv(quant.getGroupSize())
                                           : e);
    }
    return AffineMap::get(rank, 0, exprs, ctx);
  }
  }
  llvm_unreachable("unknown granularity");
}

SmallVector<Value> getParamIndices(OpBuilder &b, Location loc, QuantAttr quant,
                                   ValueRange indices) {
  switch (quant.getGranularity()) {
  case Granularity::Tensor:
    return {arith::ConstantIndexOp::create(b, loc, 0)};
  case Granularity::Channel:
    return {indices[quant.getAxis()]};
  case Granularity::Group: {
    SmallVector<Value> result(indices);
    Value size = arith::ConstantIndexOp::create(b, loc, quant.getGroupSize());
    result[quant.getAxis()] =
        arith::DivUIOp::create(b, loc, result[quant.getAxis()], size);
    return result;
  }
  }
  llvm_unreachable("unknown granularity");
}

/// Indices into the codebook tensor, without the trailing entry index.
static SmallVector<Value> getCodebookIndices(OpBuilder &b, Location loc,
                                             QuantAttr quant,
                                             ValueRange indices) {
  if (quant.getGranularity() == Granularity::Tensor)
    return {};
  return getParamIndices(b, loc, quant, indices);
}

Value createEmptyLike(OpBuilder &b, Location loc, Value source,
                      Type elementType) {
  SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, source);
  return tensor::EmptyOp::create(b, loc, sizes, elementType);
}

Value convertScalar(OpBuilder &b, Location loc, Value value, Type to,
                    bool isSigned) {
  Type from = value.getType();
  if (from == to)
    return value;
  auto fromFloat = dyn_cast<FloatType>(from);
  auto toFloat = dyn_cast<FloatType>(to);
  if (fromFloat && toFloat) {
    // f16 <-> bf16 (equal widths, different formats) go through f32, which
    // holds both exactly.
    if (fromFloat.getWidth() == toFloat.getWidth())
      value = arith::ExtFOp::create(b, loc, b.getF32Type(), value);
    return cast<FloatType>(value.getType()).getWidth() < toFloat.getWidth()
               ? arith::ExtFOp::create(b, loc, to, value).getResult()
               : arith::TruncFOp::create(b, loc, to, value).getResult();
  }
  if (!fromFloat && toFloat)
    return isSigned ? arith::SIToFPOp::create(b, loc, to, value).getResult()
                    : arith::UIToFPOp::create(b, loc, to, value).getResult();
  if (fromFloat && !toFloat)
    return isSigned ? arith::FPToSIOp::create(b, loc, to, value).getResult()
                    : arith::FPToUIOp::create(b, loc, to, value).getResult();
  unsigned fromWidth = from.getIntOrFloatBitWidth();
  unsigned toWidth = to.getIntOrFloatBitWidth();
  if (fromWidth > toWidth)
    return arith::TruncIOp::create(b, loc, to, value);
  return isSigned ? arith::ExtSIOp::create(b, loc, to, value).getResult()
                  : arith::ExtUIOp::create(b, loc, to, value).getResult();
}

/// Quantization arithmetic (`x / s`, rounding, `+ zp`, clamping) runs in
/// f64, exactly as lib/Numerics does at compile time, so a weight quantized
/// by a pass and an activation quantized at run time follow one rule.
static FloatType getComputeType(QuantAttr quant) {
  return Float64Type::get(quant.getContext());
}

static Value floatConstant(OpBuilder &b, Location loc, FloatType type,
                           double value) {
  return arith::ConstantOp::create(b, loc, b.getFloatAttr(type, value));
}

/// round(scaled) + zp, clamped to the storage range, NaN -> zp (or 0), then
/// converted to the signless storage integer. `scaled` is x / s in a float
/// type that holds every storage value exactly.
static Value roundToStorage(OpBuilder &b, Location loc, Value scaled,
                            Value zeroPoint, QuantAttr quant) {
  auto ft = cast<FloatType>(scaled.getType());
  Value rounded;
  switch (quant.getRounding()) {
  case RoundingMode::NearestEven:
    rounded = math::RoundEvenOp::create(b, loc, scaled);
    break;
  case RoundingMode::NearestAway:
    rounded = math::RoundOp::create(b, loc, scaled);
    break;
  case RoundingMode::TowardZero:
    rounded = math::TruncOp::create(b, loc, scaled);
    break;
  }
  Value zp = floatConstant(b, loc, ft, 0.0);
  if (zeroPoint) {
    zp = arith::SIToFPOp::create(b, loc, ft, zeroPoint);
    rounded = arith::AddFOp::create(b, loc, rounded, zp);
  }
  Value lo = floatConstant(b, loc, ft, quant.getStorageMin());
  Value hi = floatConstant(b, loc, ft, quant.getStorageMax());
  Value below =
      arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, rounded, lo);
  Value clamped = arith::SelectOp::create(b, loc, below, lo, rounded);
  Value above =
      arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, clamped, hi);
  clamped = arith::SelectOp::create(b, loc, above, hi, clamped);
  Value isNan = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNO,
                                      clamped, clamped);
  clamped = arith::SelectOp::create(b, loc, isNan, zp, clamped);
  // Every value is now an integer in [qmin, qmax] with qmax < 2^16.
  Value wide = arith::FPToSIOp::create(b, loc, b.getI32Type(), clamped);
  return convertScalar(b, loc, wide, b.getIntegerType(quant.getBits()),
                       /*isSigned=*/true);
}

Value buildElementwise(
    OpBuilder &b, Location loc, Value like, Type resultElement,
    ValueRange inputs, ArrayRef<AffineMap> inputMaps,
    function_ref<Value(OpBuilder &, Location, ValueRange)> body) {
  unsigned rank = cast<RankedTensorType>(like.getType()).getRank();
  Value init = createEmptyLike(b, loc, like, resultElement);
  SmallVector<AffineMap> maps(inputMaps);
  maps.push_back(b.getMultiDimIdentityMap(rank));
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{init.getType()}, inputs, ValueRange{init}, maps,
      iterators, [&](OpBuilder &nb, Location nloc, ValueRange args) {
        linalg::YieldOp::create(nb, nloc, body(nb, nloc, args));
      });
  return generic.getResult(0);
}

/// The linalg.index values of the enclosing generic of rank `rank`.
static SmallVector<Value> getIterationIndices(OpBuilder &b, Location loc,
                                              unsigned rank) {
  SmallVector<Value> indices;
  for (unsigned d = 0; d < rank; ++d)
    indices.push_back(linalg::IndexOp::create(b, loc, d));
  return indices;
}

Value buildQuantize(OpBuilder &b, Location loc, Value input, QuantAttr quant,
                    Value scales, Value zeroPoints, Value codebook) {
  MLIRContext *ctx = b.getContext();
  unsigned rank = cast<RankedTensorType>(input.getType()).getRank();
  Type storage = b.getIntegerType(quant.getBits());
  AffineMap identity = b.getMultiDimIdentityMap(rank);
  FloatType ct = getComputeType(quant);

  if (quant.getScheme() == QuantScheme::Codebook) {
    // Nearest centroid; scanning upwards with a strict `<` keeps the lower
    // index on a tie, and a NaN input (never closer) keeps index 0.
    int64_t entries = int64_t(1) << quant.getBits();
    return buildElementwise(
        b, loc, input, storage, {input}, {identity},
        [&](OpBuilder &b, Location loc, ValueRange args) -> Value {
          Value x = convertScalar(b, loc, args[0], ct, true);
          SmallVector<Value> at = getCodebookIndices(
              b, loc, quant, getIterationIndices(b, loc, rank));
          auto distance = [&](OpBuilder &b, Location loc, Value entry) {
            SmallVector<Value> indices(at);
            indices.push_back(entry);
            Value c = tensor::ExtractOp::create(b, loc, codebook, indices);
            c = convertScalar(b, loc, c, ct, true);
            Value diff = arith::SubFOp::create(b, loc, x, c);
            return math::AbsFOp::create(b, loc, diff).getResult();
          };
          Value c0 = arith::ConstantIndexOp::create(b, loc, 0);
          Value c1 = arith::ConstantIndexOp::create(b, loc, 1);
          Value cn = arith::ConstantIndexOp::create(b, loc, entries);
          Value first = distance(b, loc, c0);
          auto loop = scf::ForOp::create(
              b, loc, c1, cn, c1, ValueRange{c0, first},
              [&](OpBuilder &b, Location loc, Value k, ValueRange iter) {
                Value d = distance(b, loc, k);
                Value closer = arith::CmpFOp::create(
                    b, loc, arith::CmpFPredicate::OLT, d, iter[1]);
                Value best =
                    arith::SelectOp::create(b, loc, closer, k, iter[0]);
                Value bestD =
                    arith::SelectOp::create(b, loc, closer, d, iter[1]);
                scf::YieldOp::create(b, loc, ValueRange{best, bestD});
              });
          return arith::IndexCastUIOp::create(b, loc, storage,
                                              loop.getResult(0));
        });
  }

  AffineMap paramMap = getParamMap(quant, rank, ctx);
  SmallVector<Value> inputs{input, scales};
  SmallVector<AffineMap> maps{identity, paramMap};
  if (zeroPoints) {
    inputs.push_back(zeroPoints);
    maps.push_back(paramMap);
  }
  return buildElementwise(
      b, loc, input, storage, inputs, maps,
      [&](OpBuilder &b, Location loc, ValueRange args) -> Value {
        Value x = convertScalar(b, loc, args[0], ct, true);
        Value s = convertScalar(b, loc, args[1], ct, true);
        Value scaled = arith::DivFOp::create(b, loc, x, s);
        return roundToStorage(b, loc, scaled, zeroPoints ? args[2] : Value(),
                              quant);
      });
}

/// `scale * q` computed in f64 (exact for any i32 q times an f32 scale) and
/// rounded once to the expressed type, as lib/Numerics does: an f16 or bf16
/// expressed type neither overflows on a large q nor rounds twice.
static Value scaleInF64(OpBuilder &b, Location loc, Value scale, Value q,
                        FloatType expressed) {
  Type f64 = b.getF64Type();
  Value real =
      arith::MulFOp::create(b, loc, convertScalar(b, loc, scale, f64, true),
                            arith::SIToFPOp::create(b, loc, f64, q));
  return convertScalar(b, loc, real, expressed, true);
}

Value buildDequantizeDense(OpBuilder &b, Location loc, Value storage,
                           QuantAttr quant, Value scales, Value zeroPoints,
                           Value codebook) {
  MLIRContext *ctx = b.getContext();
  unsigned rank = cast<RankedTensorType>(storage.getType()).getRank();
  FloatType expressed = quant.getExpressedType();
  AffineMap identity = b.getMultiDimIdentityMap(rank);
  if (quant.getScheme() == QuantScheme::Codebook) {
    return buildElementwise(
        b, loc, storage, expressed, {storage}, {identity},
        [&](OpBuilder &b, Location loc, ValueRange args) -> Value {
          SmallVector<Value> indices = getCodebookIndices(
              b, loc, quant, getIterationIndices(b, loc, rank));
          indices.push_back(
              arith::IndexCastUIOp::create(b, loc, b.getIndexType(), args[0]));
          return tensor::ExtractOp::create(b, loc, codebook, indices);
        });
  }
  AffineMap paramMap = getParamMap(quant, rank, ctx);
  SmallVector<Value> inputs{storage, scales};
  SmallVector<AffineMap> maps{identity, paramMap};
  if (zeroPoints) {
    inputs.push_back(zeroPoints);
    maps.push_back(paramMap);
  }
  return buildElementwise(
      b, loc, storage, expressed, inputs, maps,
      [&](OpBuilder &b, Location loc, ValueRange args) -> Value {
        Value q =
            convertScalar(b, loc, args[0], b.getI32Type(), quant.isSigned());
        if (zeroPoints)
          q = arith::SubIOp::create(b, loc, q, args[2]);
        return scaleInF64(b, loc, args[1], q, expressed);
      });
}

Value buildDequantizeScalar(OpBuilder &b, Location loc, Value q,
                            QuantAttr quant, Value scales, Value zeroPoints,
                            Value codebook, ValueRange indices) {
  if (quant.getScheme() == QuantScheme::Codebook) {
    SmallVector<Value> at = getCodebookIndices(b, loc, quant, indices);
    at.push_back(arith::IndexCastUIOp::create(b, loc, b.getIndexType(), q));
    return tensor::ExtractOp::create(b, loc, codebook, at);
  }
  SmallVector<Value> at = getParamIndices(b, loc, quant, indices);
  Value wide = convertScalar(b, loc, q, b.getI32Type(), quant.isSigned());
  if (zeroPoints)
    wide = arith::SubIOp::create(
        b, loc, wide, tensor::ExtractOp::create(b, loc, zeroPoints, at));
  Value s = tensor::ExtractOp::create(b, loc, scales, at);
  return scaleInF64(b, loc, s, wide, quant.getExpressedType());
}

Value buildDequantizeValues(OpBuilder &b, Location loc,
                            const CompressedValue &value) {
  QuantAttr quant = getQuant(value.type);
  Value values = value.get(PartKind::Values);
  // One scale for every stored value: a plain elementwise map.
  if (quant.getGranularity() == Granularity::Tensor)
    return buildDequantizeDense(
        b, loc, values, quant, value.get(PartKind::Scales),
        value.get(PartKind::ZeroPoints), value.get(PartKind::Codebook));
  return buildDequantizeStored(b, loc, value);
}

Value buildRequantize(OpBuilder &b, Location loc, Value input,
                      QuantAttr inQuant, Value inScales, Value inZeroPoints,
                      Value inCodebook, QuantAttr outQuant, Value outScales,
                      Value outZeroPoints) {
  MLIRContext *ctx = b.getContext();
  unsigned rank = cast<RankedTensorType>(input.getType()).getRank();
  Type storage = b.getIntegerType(outQuant.getBits());
  AffineMap identity = b.getMultiDimIdentityMap(rank);
  AffineMap outMap = getParamMap(outQuant, rank, ctx);
  bool codebookInput = inQuant && inQuant.getScheme() == QuantScheme::Codebook;
  AffineMap inMap;
  if (codebookInput) {
    // Centroids are looked up in the body.
  } else if (inQuant) {
    inMap = getParamMap(inQuant, rank, ctx);
  } else {
    // Raw input: one scale, or one per output scale.
    auto inType = cast<RankedTensorType>(inScales.getType());
    auto outType = cast<RankedTensorType>(outScales.getType());
    bool single = inType.getRank() == 1 && inType.getDimSize(0) == 1 &&
                  !(outType.getRank() == 1 && outType.getDimSize(0) == 1 &&
                    outQuant.getGranularity() == Granularity::Tensor);
    inMap = single ? AffineMap::get(rank, 0, getAffineConstantExpr(0, ctx))
                   : outMap;
  }
  SmallVector<Value> inputs{input};
  SmallVector<AffineMap> maps{identity};
  if (!codebookInput) {
    inputs.push_back(inScales);
    maps.push_back(inMap);
  }
  if (inZeroPoints) {
    inputs.push_back(inZeroPoints);
    maps.push_back(inMap);
  }
  unsigned outScaleIndex = inputs.size();
  inputs.push_back(outScales);
  maps.push_back(outMap);
  if (outZeroPoints) {
    inputs.push_back(outZeroPoints);
    maps.push_back(outMap);
  }
  Type f64 = b.getF64Type();
  return buildElementwise(
      b, loc, input, storage, inputs, maps,
      [&](OpBuilder &b, Location loc, ValueRange args) -> Value {
        // Raw integers are signed; quantized ones follow their signedness.
        bool isSigned = inQuant ? inQuant.isSigned() : true;
        Value q = args[0];
        Value real;
        if (codebookInput) {
          Value centroid =
              buildDequantizeScalar(b, loc, q, inQuant, {}, {}, inCodebook,
                                    getIterationIndices(b, loc, rank));
          real = convertScalar(b, loc, centroid, f64, true);
        } else if (inZeroPoints) {
          q = convertScalar(b, loc, q, b.getI64Type(), isSigned);
          Value zp = convertScalar(b, loc, args[2], b.getI64Type(), true);
          q = arith::SubIOp::create(b, loc, q, zp);
          real = arith::SIToFPOp::create(b, loc, f64, q);
        } else {
          real = convertScalar(b, loc, q, f64, isSigned);
        }
        if (!codebookInput) {
          Value sIn = convertScalar(b, loc, args[1], f64, true);
          real = arith::MulFOp::create(b, loc, sIn, real);
        }
        return buildRescaleToStorage(
            b, loc, real, args[outScaleIndex],
            outZeroPoints ? args[outScaleIndex + 1] : Value(), outQuant);
      });
}

Value buildRescaleToStorage(OpBuilder &b, Location loc, Value real,
                            Value outScale, Value outZeroPoint,
                            QuantAttr outQuant) {
  Value sOut = convertScalar(b, loc, outScale, b.getF64Type(), true);
  Value scaled = arith::DivFOp::create(b, loc, real, sOut);
  return roundToStorage(b, loc, scaled, outZeroPoint, outQuant);
}

Value buildRequantizeRawScalar(OpBuilder &b, Location loc, Value q,
                               Value inScale, Value outScale,
                               Value outZeroPoint, QuantAttr outQuant) {
  Type f64 = b.getF64Type();
  Value real = convertScalar(b, loc, q, f64, /*isSigned=*/true);
  Value sIn = convertScalar(b, loc, inScale, f64, true);
  real = arith::MulFOp::create(b, loc, sIn, real);
  return buildRescaleToStorage(b, loc, real, outScale, outZeroPoint, outQuant);
}

Value buildNonzeroMask(OpBuilder &b, Location loc, Value storage,
                       QuantAttr quant, Value zeroPoints, Value codebook) {
  MLIRContext *ctx = b.getContext();
  unsigned rank = cast<RankedTensorType>(storage.getType()).getRank();
  AffineMap identity = b.getMultiDimIdentityMap(rank);
  Type i1 = b.getI1Type();
  auto isNonzero = [](OpBuilder &b, Location loc, Value v) -> Value {
    if (isa<FloatType>(v.getType())) {
      Value zero =
          arith::ConstantOp::create(b, loc, b.getFloatAttr(v.getType(), 0.0));
      // une: NaN counts as nonzero; -0.0 counts as zero.
      return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNE, v, zero);
    }
    Value zero = arith::ConstantIntOp::create(b, loc, v.getType(), 0);
    return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, v, zero);
  };
  if (quant && quant.getScheme() == QuantScheme::Codebook) {
    Value real = buildDequantizeDense(b, loc, storage, quant, {}, {}, codebook);
    return buildElementwise(b, loc, storage, i1, {real}, {identity},
                            [&](OpBuilder &b, Location loc, ValueRange args) {
                              return isNonzero(b, loc, args[0]);
                            });
  }
  if (quant && zeroPoints) {
    AffineMap paramMap = getParamMap(quant, rank, ctx);
    return buildElementwise(
        b, loc, storage, i1, {storage, zeroPoints}, {identity, paramMap},
        [&](OpBuilder &b, Location loc, ValueRange args) -> Value {
          Value zp = convertScalar(b, loc, args[1], args[0].getType(), true);
          return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne,
                                       args[0], zp);
        });
  }
  return buildElementwise(b, loc, storage, i1, {storage}, {identity},
                          [&](OpBuilder &b, Location loc, ValueRange args) {
                            return isNonzero(b, loc, args[0]);
                          });
}

Value buildCodebookZeroIndices(OpBuilder &b, Location loc, QuantAttr quant,
                               Value codebook, Value like) {
  unsigned rank = cast<RankedTensorType>(like.getType()).getRank();
  Type storage = b.getIntegerType(quant.getBits());
  int64_t entries = int64_t(1) << quant.getBits();
  FloatType expressed = quant.getExpressedType();
  return buildElementwise(
      b, loc, like, storage, {}, {},
      [&](OpBuilder &b, Location loc, ValueRange) -> Value {
        SmallVector<Value> at = getCodebookIndices(
            b, loc, quant, getIterationIndices(b, loc, rank));
        Value zero =
            arith::ConstantOp::create(b, loc, b.getFloatAttr(expressed, 0.0));
        Value c0 = arith::ConstantIndexOp::create(b, loc, 0);
        Value c1 = arith::ConstantIndexOp::create(b, loc, 1);
        Value none = arith::ConstantIndexOp::create(b, loc, entries);
        // Scan downwards so that the lowest zero centroid wins.
        auto loop = scf::ForOp::create(
            b, loc, c0, none, c1, ValueRange{none},
            [&](OpBuilder &b, Location loc, Value k, ValueRange iter) {
              Value entry = arith::SubIOp::create(
                  b, loc, arith::SubIOp::create(b, loc, none, c1), k);
              SmallVector<Value> indices(at);
              indices.push_back(entry);
              Value c = tensor::ExtractOp::create(b, loc, codebook, indices);
              Value isZero = arith::CmpFOp::create(
                  b, loc, arith::CmpFPredicate::OEQ, c, zero);
              scf::YieldOp::create(b, loc,
                                   ValueRange{arith::SelectOp::create(
                                       b, loc, isZero, entry, iter[0])});
            });
        Value found = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ult,
                                            loop.getResult(0), none);
        cf::AssertOp::create(
            b, loc, found,
            "sparq.unpack: the codebook has no zero centroid, so the "
            "unstored entries of a codebook-quantized compressed tensor have "
            "no index");
        return arith::IndexCastOp::create(b, loc, storage, loop.getResult(0));
      });
}

Value buildElementZeroPoints(OpBuilder &b, Location loc, QuantAttr quant,
                             Value zeroPoints, Value like) {
  unsigned rank = cast<RankedTensorType>(like.getType()).getRank();
  Type storage = b.getIntegerType(quant.getBits());
  return buildElementwise(b, loc, like, storage, {zeroPoints},
                          {getParamMap(quant, rank, b.getContext())},
                          [&](OpBuilder &b, Location loc, ValueRange args) {
                            return convertScalar(b, loc, args[0], storage,
                                                 true);
                          });
}

} // namespace sparq::lowering
