//===- LowerDataflow.cpp - sparq.matmul to loops per dataflow -------------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// Lowers each rank-2 sparq.matmul with a plain result to memref loops that
// follow its dataflow (planMatmulDataflow): the operands' parts are taken
// with sparq.part, brought into the accumulator's domain (dequantized per
// stored entry for a float accumulator; for an integer one, zero points are
// handled algebraically, see ZeroPointMode and docs/dataflow.md, Numerics),
// handed to the loops as memrefs (bufferization.to_buffer), and the result
// comes back with bufferization.to_tensor after an epilogue that applies the
// zero-point correction terms and the scales once per output. Everything
// else (other sparq ops, the parts' sources) is left to sparq-to-linalg.
//
//===----------------------------------------------------------------------===//

#include "BitmapJoin.h"
#include "ConstantLayout.h"
#include "ConstantQuant.h"
#include "ExactFloatAccumulation.h"
#include "GroupExpand.h"
#include "LoopEmitter.h"
#include "SparseResult.h"
#include "sparq/Conversion/Passes.h"
#include "sparq/Conversion/SparqToLoops/DataflowPlan.h"
#include "sparq/Dialect/Sparq/IR/SparqOps.h"
#include "sparq/Dialect/Sparq/IR/SparqTypes.h"

// The reference lowering's numerics builders (dequantize, widen, zero
// points): the fast path shares their rounding rules rather than copying them.
#include "../SparqToLinalg/CompressedBuilders.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/PatternMatch.h"

#include <limits>

namespace sparq {
#define GEN_PASS_DEF_SPARQLOWERDATAFLOW
#include "sparq/Conversion/Passes.h.inc"
} // namespace sparq

using namespace mlir;
using namespace sparq;
using namespace sparq::loops;
using sparq::lowering::CompressedValue;

namespace {

/// The parts of `value` as tensors, taken with sparq.part.
CompressedValue takeParts(OpBuilder &b, Location loc, Value value) {
  auto type = cast<RankedTensorType>(value.getType());
  CompressedValue result{type, {}};
  if (!getSparqEncoding(type)) {
    result.parts.push_back(value);
    return result;
  }
  for (const CompressedPart &part : getCompressedParts(type))
    result.parts.push_back(PartOp::create(b, loc, value, part.kind));
  return result;
}

/// How the zero points of an operand are handled with an integer
/// accumulator. With `A' = A - ZA` on A's stored set (0 elsewhere: an
/// unstored entry is its zero point) and `B'` likewise,
/// `C = A' B'`; an operand is either made zero-point free once, or kept as
/// stored (`Raw`) and corrected in the epilogue.
enum class ZeroPointMode {
  /// No zero points (symmetric or raw integers, or a float accumulator).
  None,
  /// Constant parts: `q - zp` computed in the compiler (ConstantQuant.h).
  Folded,
  /// Run-time sparse operand: `q - zp` once per stored entry, in generated
  /// code (linear in nnz, sparsity kept).
  ShiftedStored,
  /// Run-time dense operand with per-group zero points (varying along both
  /// axes, so they do not factor): `q - zp` once per element.
  ShiftedDense,
  /// Run-time dense operand with per-tensor or per-channel zero points: the
  /// values stay as stored, the epilogue subtracts the correction terms.
  Raw,
};

/// Along which axis of the logical operand (A as [M, K], B as [K, N]) a
/// `Raw` operand's zero point varies.
enum class ZeroPointAxis { Tensor, Output, Reduction };

/// What the lowering knows about one operand.
struct OperandQuant {
  ZeroPointMode mode = ZeroPointMode::None;
  ZeroPointAxis axis = ZeroPointAxis::Tensor;
  /// The zero points as a memref (Raw only).
  Value zeroPoints;
  /// Read in the compiler (Folded, or any constant integer operand).
  std::optional<ConstantIntegerOperand> constant;
};

/// The narrowest of 8, 16, 32 and 64 bits that holds every value of `read`
/// as a signed integer.
unsigned narrowestWidth(const ConstantIntegerOperand &read) {
  int64_t lo = 0, hi = 0;
  for (int64_t v : read.values) {
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  unsigned width = 8;
  while (width < 64 && (lo < -(int64_t(1) << (width - 1)) ||
                        hi >= (int64_t(1) << (width - 1))))
    width *= 2;
  return width;
}

/// The narrow signed type a run-time operand shifted by its zero point is
/// stored in (prepareOperand), or 0 when it is shifted in the accumulator.
unsigned shiftedWidth(RankedTensorType type, QuantAttr quant, Type acc) {
  EncodingAttr encoding = getSparqEncoding(type);
  if (encoding && encoding.getFormat() == FormatKind::Bitmap)
    return 0;
  unsigned width = quant.getBits() + 1 <= 8 ? 8u : 16u;
  if (width >= acc.getIntOrFloatBitWidth() || quant.getBits() + 1 > 16)
    return 0;
  return width;
}

/// The largest magnitude of a value the loops multiply for a run-time
/// integer operand prepared under `mode` (prepareOperand): its stored type's
/// range (values kept as stored or widened), or the narrow type `q - zp` is
/// stored in; unbounded (UINT64_MAX) when shifted in the accumulator.
uint64_t runTimeMagnitude(Value operand, ZeroPointMode mode, Type acc) {
  auto type = cast<RankedTensorType>(operand.getType());
  QuantAttr quant = getQuant(type);
  if (mode == ZeroPointMode::ShiftedStored ||
      mode == ZeroPointMode::ShiftedDense) {
    unsigned width = shiftedWidth(type, quant, acc);
    return width ? integerMagnitude(width, true)
                 : std::numeric_limits<uint64_t>::max();
  }
  return integerMagnitude(type.getElementType().getIntOrFloatBitWidth(),
                          quant ? quant.isSigned() : true);
}

/// The logical axis (0 = rows, 1 = columns of A as [M, K] or B as [K, N])
/// of stored axis `storedAxis`.
int64_t logicalAxis(int64_t storedAxis, bool storedTransposed) {
  return storedTransposed ? 1 - storedAxis : storedAxis;
}

/// Decides how `operand`'s zero points are handled (integer accumulator).
/// `isLhs`: A (output axis 0) or B (output axis 1).
OperandQuant classifyOperand(Value operand, bool isLhs, bool storedTransposed,
                             Type acc) {
  OperandQuant result;
  auto type = cast<RankedTensorType>(operand.getType());
  if (isa<IntegerType>(acc))
    result.constant = readConstantIntegerOperand(operand);
  QuantAttr quant = getQuant(type);
  if (!isa<IntegerType>(acc) || !quant ||
      quant.getScheme() != QuantScheme::Asymmetric)
    return result;
  if (result.constant) {
    result.mode = ZeroPointMode::Folded;
    return result;
  }
  EncodingAttr encoding = getSparqEncoding(type);
  if (!encoding.isDense()) {
    result.mode = ZeroPointMode::ShiftedStored;
    return result;
  }
  if (quant.getGranularity() == Granularity::Group) {
    result.mode = ZeroPointMode::ShiftedDense;
    return result;
  }
  result.mode = ZeroPointMode::Raw;
  if (quant.getGranularity() == Granularity::Tensor) {
    result.axis = ZeroPointAxis::Tensor;
  } else {
    int64_t axis = logicalAxis(quant.getAxis(), storedTransposed);
    bool alongOutput = isLhs ? axis == 0 : axis == 1;
    result.axis =
        alongOutput ? ZeroPointAxis::Output : ZeroPointAxis::Reduction;
  }
  return result;
}

/// The values of `value` (the whole tensor when dense, the values part when
/// sparse) in the accumulator's domain: dequantized for a float accumulator;
/// for an integer one widened, and zero-point free unless `mode` keeps them
/// (Raw) or they were folded in the compiler already.
Value macDomainValues(OpBuilder &b, Location loc, const CompressedValue &value,
                      Type acc, ZeroPointMode mode) {
  EncodingAttr encoding = getSparqEncoding(value.type);
  QuantAttr quant = encoding ? encoding.getQuant() : QuantAttr();
  bool sparse = encoding && !encoding.isDense();
  Value values = value.parts.front();
  unsigned rank = cast<RankedTensorType>(values.getType()).getRank();
  AffineMap identity = b.getMultiDimIdentityMap(rank);
  auto convert = [&](Value v, bool isSigned) -> Value {
    if (cast<RankedTensorType>(v.getType()).getElementType() == acc)
      return v;
    return lowering::buildElementwise(
        b, loc, v, acc, {v}, {identity},
        [&](OpBuilder &b, Location loc, ValueRange args) {
          return lowering::convertScalar(b, loc, args[0], acc, isSigned);
        });
  };
  if (isa<FloatType>(acc)) {
    if (!quant)
      return convert(values, true);
    Value real =
        sparse ? lowering::buildDequantizeValues(b, loc, value)
               : lowering::buildDequantizeDense(
                     b, loc, values, quant, value.get(PartKind::Scales),
                     value.get(PartKind::ZeroPoints),
                     value.get(PartKind::Codebook));
    return convert(real, true);
  }
  bool isSigned = quant ? quant.isSigned() : true;
  Value zeroPoints = value.get(PartKind::ZeroPoints);
  switch (mode) {
  case ZeroPointMode::None:
  case ZeroPointMode::Folded:
  case ZeroPointMode::Raw:
    return convert(values, isSigned);
  case ZeroPointMode::ShiftedStored:
    if (quant.getGranularity() != Granularity::Tensor)
      return lowering::buildZeroPointFreeStored(b, loc, value, acc);
    [[fallthrough]];
  case ZeroPointMode::ShiftedDense: {
    // (q - zp) once per stored entry; one zero point for every stored value
    // of a per-tensor sparse operand, the element's own for a dense one.
    AffineMap paramMap =
        sparse ? AffineMap::get(rank, 0,
                                getAffineConstantExpr(0, b.getContext()))
               : lowering::getParamMap(quant, rank, b.getContext());
    return lowering::buildElementwise(
        b, loc, values, acc, {values, zeroPoints}, {identity, paramMap},
        [&](OpBuilder &b, Location loc, ValueRange args) -> Value {
          Value q = lowering::convertScalar(b, loc, args[0], acc, isSigned);
          Value zp = lowering::convertScalar(b, loc, args[1], acc, true);
          return arith::SubIOp::create(b, loc, q, zp);
        });
  }
  }
  llvm_unreachable("unknown zero-point mode");
}

/// An index part narrower than a byte widened to i8 (memrefs of i2 / i4
/// elements do not lower to LLVM loads).
Value byteIndexPart(OpBuilder &b, Location loc, Value part) {
  auto type = cast<RankedTensorType>(part.getType());
  if (type.getElementType().getIntOrFloatBitWidth() >= 8)
    return part;
  Type i8 = b.getI8Type();
  unsigned rank = type.getRank();
  return lowering::buildElementwise(
      b, loc, part, i8, {part}, {b.getMultiDimIdentityMap(rank)},
      [&](OpBuilder &b, Location loc, ValueRange args) {
        return lowering::convertScalar(b, loc, args[0], i8, false);
      });
}

/// The metadata of an N:M operand as rows x bytes of i8, packed LSB first
/// (MatrixView::metadataBits), with the bits per slot: the bytes that
/// `sparq.from_bytes` unpacks, when they come whole to each stored row and
/// the slots are 1, 2 or 4 bits wide. The loops then extract the fields
/// themselves, instead of a one-byte-per-slot copy made on every call.
std::pair<Value, int64_t> packedMetadata(OpBuilder &b, Location loc,
                                         const CompressedValue &parts) {
  Value part = parts.get(PartKind::Metadata);
  auto partOp = part ? part.getDefiningOp<PartOp>() : PartOp();
  auto assemble =
      partOp ? partOp.getTensor().getDefiningOp<AssembleOp>() : AssembleOp();
  Value source = assemble ? assemble.getPart(PartKind::Metadata) : Value();
  auto fromBytes = source ? source.getDefiningOp<FromBytesOp>() : FromBytesOp();
  if (!fromBytes)
    return {};
  auto type = cast<RankedTensorType>(part.getType());
  auto bytesType = cast<RankedTensorType>(fromBytes.getBytes().getType());
  int64_t bits = type.getElementType().getIntOrFloatBitWidth();
  if (type.getRank() != 2 || !type.hasStaticShape() ||
      bytesType.getRank() != 1 || !bytesType.hasStaticShape() ||
      (bits != 1 && bits != 2 && bits != 4) ||
      type.getDimSize(1) * bits % 8 != 0)
    return {};
  int64_t rows = type.getDimSize(0), rowBytes = type.getDimSize(1) * bits / 8;
  if (bytesType.getDimSize(0) != rows * rowBytes)
    return {};
  auto shaped = RankedTensorType::get({rows, rowBytes}, b.getI8Type());
  Value bytes = tensor::ExpandShapeOp::create(
      b, loc, shaped, fromBytes.getBytes(),
      ArrayRef<ReassociationIndices>{{0, 1}});
  return {bytes, bits};
}

/// A read-only memref of tensor `t` (identity layout).
Value toBuffer(OpBuilder &b, Location loc, Value t) {
  if (!t)
    return {};
  auto type = cast<RankedTensorType>(t.getType());
  auto memrefType = MemRefType::get(type.getShape(), type.getElementType());
  return bufferization::ToBufferOp::create(b, loc, memrefType, t,
                                           /*read_only=*/true);
}

/// The stored operand (memrefs) of a matmul operand.
StoredOperand prepareOperand(OpBuilder &b, Location loc, Value operand,
                             Type acc, bool storedTransposed,
                             ZeroPointMode mode, CompressedValue &parts) {
  parts = takeParts(b, loc, operand);
  RankedTensorType type = parts.type;
  EncodingAttr encoding = getSparqEncoding(type);
  StoredOperand stored;
  stored.format = encoding ? encoding.getFormat() : FormatKind::Dense;
  int64_t r = type.getDimSize(0), c = type.getDimSize(1);
  stored.rows = storedTransposed ? c : r;
  stored.cols = storedTransposed ? r : c;
  stored.storedTransposed = storedTransposed;
  // Integer values of a byte or more, narrower than an integer accumulator
  // and not shifted by a zero point here, stay in their stored type: the
  // loops extend them in registers (MatrixView::isSigned), with no widened
  // copy per call. (Bitmap joins read their values as the accumulator
  // type.)
  Value rawValues = parts.parts.front();
  Type rawElement =
      cast<RankedTensorType>(rawValues.getType()).getElementType();
  bool keepsStoredValues = mode == ZeroPointMode::None ||
                           mode == ZeroPointMode::Folded ||
                           mode == ZeroPointMode::Raw;
  if (isa<IntegerType>(acc) && isa<IntegerType>(rawElement) &&
      rawElement.getIntOrFloatBitWidth() >= 8 &&
      rawElement.getIntOrFloatBitWidth() < acc.getIntOrFloatBitWidth() &&
      keepsStoredValues && stored.format != FormatKind::Bitmap) {
    QuantAttr quant = getQuant(type);
    stored.values = toBuffer(b, loc, rawValues);
    stored.isSigned = quant ? quant.isSigned() : true;
  } else if (QuantAttr quant = getQuant(type);
             isa<IntegerType>(acc) && quant &&
             (mode == ZeroPointMode::ShiftedStored ||
              mode == ZeroPointMode::ShiftedDense) &&
             shiftedWidth(type, quant, acc)) {
    // Shifted once per call into the narrowest signed type that holds
    // q - zp (B + 1 bits), which the loops extend in registers.
    Type narrow = b.getIntegerType(shiftedWidth(type, quant, acc));
    stored.values =
        toBuffer(b, loc, macDomainValues(b, loc, parts, narrow, mode));
    stored.isSigned = true;
  } else {
    stored.values =
        toBuffer(b, loc, macDomainValues(b, loc, parts, acc, mode));
  }
  auto index = [&](PartKind kind) {
    Value part = parts.get(kind);
    return part ? toBuffer(b, loc, byteIndexPart(b, loc, part)) : Value();
  };
  if (encoding && !encoding.isDense()) {
    stored.positions = index(PartKind::Positions);
    stored.coordinates = index(PartKind::Coordinates);
    stored.bitmap = index(PartKind::Bitmap);
    if (auto [bytes, bits] = packedMetadata(b, loc, parts); bytes) {
      stored.metadata = toBuffer(b, loc, bytes);
      stored.metadataBits = bits;
    } else {
      stored.metadata = index(PartKind::Metadata);
    }
    if (stored.format == FormatKind::NM) {
      stored.n = encoding.getN();
      stored.m = encoding.getM();
    }
    if (stored.format == FormatKind::BCSR) {
      stored.blockRows = encoding.getBlockRows();
      stored.blockCols = encoding.getBlockCols();
    }
  }
  return stored;
}

/// `dataflow(dense)` of a run-time compressed operand: its stored entries
/// (values already in the loops' domain, prepareOperand) scattered into a
/// zeroed dense matrix of the logical operand (A as [M, K], B as [K, N]), one
/// store per stored entry, once per call. The dense GEMM then reads it.
StoredOperand scatterToDense(Emitter &e, const StoredOperand &sparse) {
  Type element = cast<MemRefType>(sparse.values.getType()).getElementType();
  Value dense = e.zeros({sparse.rows, sparse.cols}, element);
  forEachStoredEntry(e, sparse, [&](Emitter &e, Value r, Value c, Value v) {
    e.store(v, dense, {r, c});
  });
  StoredOperand result;
  result.format = FormatKind::Dense;
  result.rows = sparse.rows;
  result.cols = sparse.cols;
  result.storedTransposed = false;
  result.isSigned = sparse.isSigned;
  result.values = dense;
  return result;
}

/// The index into an operand's scale vector for output (m, n): its scale
/// varies at most along the output axis it contributes (the plan checked).
Value scaleIndex(Emitter &e, RankedTensorType type, Value outputIndex) {
  QuantAttr quant = getQuant(type);
  if (quant.getGranularity() == Granularity::Tensor)
    return e.idx(0);
  return outputIndex;
}

/// The zero-point correction of `C = sum_k (a - za)(b - zb)` when A and/or B
/// is kept as stored (`Raw`, dense). A raw operand's zero point factors as
/// `z(out) * z(k)` with one factor 1 (it varies along its output axis, along
/// K, or not at all). With the loops' product `P = sum_k a b'` (b' the
/// values the loops read):
///   C[m, n] = P[m, n] - rowTerm[m] * zbOut(n) - zaOut(m) * colTerm[n]
///             + zaOut(m) * zbOut(n) * kTerm
/// rowTerm[m] = sum over A's stored (m, k) of a[m, k] * zbK(k) (B raw),
/// colTerm[n] = sum over B's stored (k, n) of zaK(k) * b[k, n] (A raw),
/// kTerm = sum_k zaK(k) * zbK(k) (both raw). Sums of a constant operand
/// with a trivial K factor are computed in the compiler; others once per
/// call, linear in the operand's stored entries.
struct ZeroPointCorrection {
  Type acc;
  const OperandQuant *qa = nullptr, *qb = nullptr;
  Value rowTerm, colTerm, kTerm;
  SmallVector<Value> allocated;

  bool any() const { return rowTerm || colTerm; }

  /// The zero point of a raw operand at `index` (of its own axis).
  Value zeroPointAt(Emitter &e, const OperandQuant &q, Value index) const {
    Value at = q.axis == ZeroPointAxis::Tensor ? e.idx(0) : index;
    return lowering::convertScalar(e.b, e.loc, e.load(q.zeroPoints, {at}),
                                   acc, true);
  }
  /// z(out) of a raw operand, or null for 1.
  Value outFactor(Emitter &e, const OperandQuant &q, Value index) const {
    if (q.mode != ZeroPointMode::Raw || q.axis == ZeroPointAxis::Reduction)
      return {};
    return zeroPointAt(e, q, index);
  }
  /// z(k) of a raw operand, or null for 1.
  Value kFactor(Emitter &e, const OperandQuant &q, Value k) const {
    if (q.mode != ZeroPointMode::Raw || q.axis != ZeroPointAxis::Reduction)
      return {};
    return zeroPointAt(e, q, k);
  }
  static Value times(Emitter &e, Value x, Value factor) {
    return factor ? arith::MulIOp::create(e.b, e.loc, x, factor) : x;
  }

  /// `v` (the loops' sum at (i, j)) corrected.
  Value apply(Emitter &e, Value v, Value i, Value j) const {
    Value zaOut = colTerm ? outFactor(e, *qa, i) : Value();
    Value zbOut = rowTerm ? outFactor(e, *qb, j) : Value();
    if (rowTerm)
      v = arith::SubIOp::create(e.b, e.loc, v,
                                times(e, e.load(rowTerm, {i}), zbOut));
    if (colTerm)
      v = arith::SubIOp::create(e.b, e.loc, v,
                                times(e, e.load(colTerm, {j}), zaOut));
    if (kTerm)
      v = arith::AddIOp::create(e.b, e.loc, v,
                                times(e, times(e, kTerm, zaOut), zbOut));
    return v;
  }

  void release(Emitter &e) const {
    for (Value buffer : allocated)
      memref::DeallocOp::create(e.b, e.loc, buffer);
  }
};

/// A constant vector of `acc` as a memref.
Value constantVector(Emitter &e, ArrayRef<int64_t> data, Type acc) {
  unsigned width = acc.getIntOrFloatBitWidth();
  SmallVector<APInt> values;
  for (int64_t v : data)
    values.push_back(APInt(width, v, /*isSigned=*/true));
  auto type = RankedTensorType::get({int64_t(data.size())}, acc);
  Value t = arith::ConstantOp::create(e.b, e.loc,
                                      DenseElementsAttr::get(type, values));
  return toBuffer(e.b, e.loc, t);
}

/// Sums of `operand`'s zero-point-free entries (logical [rows, cols] with
/// the stored matrix transposed when `storedTransposed`) along its logical
/// rows (`byRows`) or columns, weighted by `weight(other index)` (null: 1):
/// in the compiler when the operand is constant and unweighted, else in
/// generated code over its stored entries.
Value lineSums(Emitter &e, const StoredOperand &stored, const OperandQuant &q,
               bool byRows, bool storedTransposed, Type acc,
               function_ref<Value(Emitter &, Value)> weight, bool weighted,
               SmallVector<Value> &allocated) {
  int64_t extent = byRows ? stored.rows : stored.cols;
  if (q.constant && !weighted) {
    std::vector<int64_t> sums(extent, 0);
    for (auto [entry, v] : llvm::zip_equal(q.constant->entries,
                                           q.constant->values)) {
      int64_t row = storedTransposed ? entry.col : entry.row;
      int64_t col = storedTransposed ? entry.row : entry.col;
      sums[byRows ? row : col] += v;
    }
    return constantVector(e, sums, acc);
  }
  Value sums = e.zeros({extent}, acc);
  allocated.push_back(sums);
  forEachStoredEntry(e, stored, [&](Emitter &e, Value r, Value c, Value v) {
    v = stored.widen(e, v, acc);
    Value line = byRows ? r : c;
    Value w = weighted ? weight(e, byRows ? c : r) : Value();
    e.store(arith::AddIOp::create(e.b, e.loc, e.load(sums, {line}),
                                  ZeroPointCorrection::times(e, v, w)),
            sums, {line});
  });
  return sums;
}

/// The correction terms of a product whose operands were prepared as `qa`
/// and `qb` say.
ZeroPointCorrection buildCorrection(Emitter &e, Type acc,
                                    const StoredOperand &a,
                                    const StoredOperand &bm,
                                    const OperandQuant &qa,
                                    const OperandQuant &qb, bool transposeB) {
  ZeroPointCorrection c;
  c.acc = acc;
  c.qa = &qa;
  c.qb = &qb;
  bool rawA = qa.mode == ZeroPointMode::Raw;
  bool rawB = qb.mode == ZeroPointMode::Raw;
  if (rawB) {
    bool weighted = qb.axis == ZeroPointAxis::Reduction;
    c.rowTerm = lineSums(
        e, a, qa, /*byRows=*/true, false, acc,
        [&](Emitter &e, Value k) { return c.kFactor(e, qb, k); }, weighted,
        c.allocated);
  }
  if (rawA) {
    bool weighted = qa.axis == ZeroPointAxis::Reduction;
    c.colTerm = lineSums(
        e, bm, qb, /*byRows=*/false, transposeB, acc,
        [&](Emitter &e, Value k) { return c.kFactor(e, qa, k); }, weighted,
        c.allocated);
  }
  if (rawA && rawB) {
    int64_t k = a.cols;
    if (qa.axis != ZeroPointAxis::Reduction &&
        qb.axis != ZeroPointAxis::Reduction) {
      c.kTerm = arith::ConstantOp::create(e.b, e.loc,
                                          e.b.getIntegerAttr(acc, k));
    } else {
      Value sum = e.zeros({1}, acc);
      c.allocated.push_back(sum);
      Value c0 = e.idx(0);
      e.forLoop(0, k, [&](Emitter &e, Value kk) {
        Value za = c.kFactor(e, qa, kk), zb = c.kFactor(e, qb, kk);
        Value term = za ? ZeroPointCorrection::times(e, za, zb) : zb;
        e.store(arith::AddIOp::create(e.b, e.loc, e.load(sum, {c0}), term),
                sum, {c0});
      });
      c.kTerm = e.load(sum, {c0});
    }
  }
  return c;
}

const LayoutConversion *findConversion(const DataflowPlan &plan,
                                       MatmulOperand which) {
  for (const LayoutConversion &c : plan.conversions)
    if (c.operand == which)
      return &c;
  return nullptr;
}

/// How lowerGrouped expands a matmul with scales grouped along K: the
/// constant operand in the compiler (B if it is one), else a run-time one in
/// generated code: the sparse one (B when both or neither are), laid out so
/// the partial product's loops read it in place. The partial product puts
/// the sparse operand on the left: L = A (A expanded, or A sparse beside
/// the expanded B, which is then R), else L = B^T. Lines of L by rows and of
/// R by columns are the (output, group) lines of the expanded operand; L by
/// columns and R by rows its K lines.
struct GroupExpansion {
  bool lhs = false;
  bool atCompileTime = false;
  bool linesPerGroup = true;
  /// Run time, a csr / csc operand whose lines already run along the
  /// expanded lines' outer index: only new positions (linesPerGroup) or
  /// new coordinates, the rest reused (emitGroupExpanded); else a counting
  /// sort.
  bool inPlace = false;
};

GroupExpansion planGroupExpansion(MatmulOp op, const DataflowPlan &plan,
                                  bool rhsConstant, bool lhsConstant) {
  GroupExpansion expansion;
  if (rhsConstant || lhsConstant) {
    expansion.lhs = !rhsConstant;
    expansion.atCompileTime = true;
    return expansion;
  }
  auto sparse = [](RankedTensorType type) {
    EncodingAttr encoding = getSparqEncoding(type);
    return encoding && !encoding.isDense();
  };
  bool sparseA = sparse(op.getLhs().getType());
  bool sparseB = sparse(op.getRhs().getType());
  expansion.lhs = sparseA && !sparseB;
  expansion.linesPerGroup = sparseA && !expansion.lhs
                                ? plan.dataflow == Dataflow::Inner
                                : plan.dataflow != Dataflow::Outer;
  EncodingAttr encoding = getSparqEncoding(
      expansion.lhs ? op.getLhs().getType() : op.getRhs().getType());
  FormatKind format = encoding ? encoding.getFormat() : FormatKind::Dense;
  bool storedTransposed = !expansion.lhs && op.getTransposeB();
  bool linesAreRows = (format == FormatKind::CSR) != storedTransposed;
  expansion.inPlace =
      (format == FormatKind::CSR || format == FormatKind::CSC) &&
      (expansion.lhs == linesAreRows) == expansion.linesPerGroup;
  return expansion;
}

/// The print-plan note of a matmul with scales grouped along K.
void printGroupExpansion(raw_ostream &os, MatmulOp op,
                         const DataflowPlan &plan, int64_t group) {
  GroupExpansion x = planGroupExpansion(
      op, plan, readConstantIntegerOperand(op.getRhs()).has_value(),
      readConstantIntegerOperand(op.getLhs()).has_value());
  int64_t k = op.getLhs().getType().getDimSize(1), groups = k / group;
  bool csr = x.atCompileTime ? x.lhs : x.lhs == x.linesPerGroup;
  os << "; scales grouped along K (" << groups << " groups of " << group
     << "): " << (x.lhs ? "A" : "B") << " expanded per group "
     << (x.atCompileTime ? "in the compiler"
         : !x.inPlace      ? "at run time (counting sort)"
         : x.linesPerGroup ? "at run time (in place: new group-boundary "
                             "positions)"
                           : "at run time (in place: coordinates remapped)")
     << " into " << (x.lhs ? "[M * G, K] " : "[K, N * G] ")
     << (csr ? "csr" : "csc") << " (in place of any conversion of "
     << (x.lhs ? "A" : "B") << " above)"
     << ", one exact integer partial sum per output and group, scaled and "
        "summed in f64, rounded once";
}

/// Whether an integer product accumulates in f32 (exact float
/// accumulation, ExactFloatAccumulation.h), and the words of the plan
/// remark.
struct AccumulationDecision {
  bool useFloat = false;
  /// f32 only within each reduction block of the dense GEMM, the block sums
  /// added in the integer accumulator (KernelOptions::blockFloat); implies
  /// useFloat's operand preparation.
  bool blockFloat = false;
  std::string text;
  /// The values part of an operand that is not a readable constant but
  /// whose values are (readConstantValues: e.g. N:M with packed metadata),
  /// made an f32 constant under f32 accumulation.
  std::optional<std::vector<int64_t>> lhsValues, rhsValues;
};

struct SparqLowerDataflowPass
    : sparq::impl::SparqLowerDataflowBase<SparqLowerDataflowPass> {
  using SparqLowerDataflowBase::SparqLowerDataflowBase;

  /// The accumulation note of the last emitMatmul (for the plan remark).
  std::string accumulationNote;

  /// Decides the accumulation of `op` (operands classified as `qa`, `qb`).
  /// f32 needs an integer accumulator of at least 32 bits, a plain result,
  /// a dense operand (the vectorized loops: register tiles, the dense GEMM,
  /// outer's rows; sparse x sparse loops multiply scalars, where i32 costs
  /// nothing extra) and the bound (boundIntegerProduct).
  AccumulationDecision decideAccumulation(MatmulOp op, const DataflowPlan &plan,
                                          const OperandQuant &qa,
                                          const OperandQuant &qb) const {
    AccumulationDecision d;
    Type acc = op.getAccType();
    if (!isa<IntegerType>(acc))
      return d;
    std::string accName;
    llvm::raw_string_ostream(accName) << acc;
    llvm::raw_string_ostream os(d.text);
    if (!exactFloatAccumulation) {
      os << "accumulate in " << accName << " (exact-float-accumulation=false)";
      return d;
    }
    if (acc.getIntOrFloatBitWidth() < 32) {
      os << "accumulate in " << accName << " (narrower than i32)";
      return d;
    }
    if (plan.resultFormat != FormatKind::Dense) {
      os << "accumulate in " << accName << " (a "
         << stringifyFormatKind(plan.resultFormat)
         << " result is built in the integer accumulator)";
      return d;
    }
    auto isDense = [&](Value operand) {
      EncodingAttr encoding =
          getSparqEncoding(cast<RankedTensorType>(operand.getType()));
      return !encoding || encoding.isDense();
    };
    if (plan.dataflow != Dataflow::Dense && !isDense(op.getLhs()) &&
        !isDense(op.getRhs())) {
      os << "accumulate in " << accName
         << " (sparse x sparse: scalar integer multiply-adds)";
      return d;
    }
    // Not a readable constant: the range of its type, or the largest
    // magnitude of its values when they are a readable constant. An N:M
    // operand stores its values as [stored rows, slots]: when its stored
    // rows are its output lines (A's rows; B's columns with transpose_b),
    // each row's sum of |value| bounds that line's partial sums, metadata
    // unread (maxLineSum).
    auto magnitude = [&](Value operand, const OperandQuant &q,
                         std::optional<std::vector<int64_t>> &values,
                         AccumulationOperand &result, bool linesAreRows) {
      if (q.mode == ZeroPointMode::None)
        values = readConstantValues(operand);
      result.magnitudeFromValues = values.has_value();
      if (!values) {
        result.maxMagnitude = runTimeMagnitude(operand, q.mode, acc);
        return;
      }
      auto abs = [](int64_t v) {
        return v < 0 ? uint64_t(0) - uint64_t(v) : uint64_t(v);
      };
      for (int64_t v : *values)
        result.maxMagnitude = std::max(result.maxMagnitude, abs(v));
      EncodingAttr encoding =
          getSparqEncoding(cast<RankedTensorType>(operand.getType()));
      auto valuesType = cast<RankedTensorType>(
          operand.getDefiningOp<AssembleOp>().getPart(PartKind::Values)
              .getType());
      if (!linesAreRows || !encoding ||
          encoding.getFormat() != FormatKind::NM ||
          valuesType.getRank() != 2 || valuesType.getDimSize(1) <= 0)
        return;
      int64_t slots = valuesType.getDimSize(1);
      for (size_t row = 0; row * slots < values->size(); ++row) {
        uint64_t sum = 0;
        for (int64_t j = 0; j < slots; ++j)
          if (__builtin_add_overflow(sum, abs((*values)[row * slots + j]),
                                     &sum))
            sum = std::numeric_limits<uint64_t>::max();
        result.maxLineSum = std::max(result.maxLineSum, sum);
      }
    };
    AccumulationOperand a, bo;
    a.constant = qa.constant ? &*qa.constant : nullptr;
    if (!a.constant)
      magnitude(op.getLhs(), qa, d.lhsValues, a, /*linesAreRows=*/true);
    bo.constant = qb.constant ? &*qb.constant : nullptr;
    bo.storedTransposed = op.getTransposeB();
    if (!bo.constant)
      magnitude(op.getRhs(), qb, d.rhsValues, bo,
                /*linesAreRows=*/bo.storedTransposed);
    int64_t k = op.getLhs().getType().getDimSize(1);
    // The dense GEMM (both operands iterated dense once the plan's
    // conversions are made, B by rows, out not transposed: canEmitDenseGemm)
    // may sum per reduction block.
    bool denseGemm = plan.orientation != MatmulOrientation::Transposed &&
                     plan.lhs.format == FormatKind::Dense &&
                     plan.rhs.format == FormatKind::Dense &&
                     plan.rhs.major == MajorAxis::Rows;
    FloatAccumulationChoice choice =
        boundIntegerProduct(a, bo, k, denseGemm ? kDenseGemmReductionBlock : 0);
    choice.print(os, accName);
    d.useFloat = choice.exact || choice.block;
    d.blockFloat = !choice.exact && choice.block;
    return d;
  }

  /// Stack left for the loops' buffers, per allocation scope.
  llvm::DenseMap<Operation *, StackBudget> stackBudgets;

  /// Lowers `op` and replaces it; with print-plan, then remarks `planText`
  /// and the accumulation chosen while lowering (decideAccumulation).
  LogicalResult lower(MatmulOp op, const DataflowPlan &plan,
                      const std::string &planText) {
    Location loc = op.getLoc();
    accumulationNote.clear();
    if (failed(lowerOp(op, plan)))
      return failure();
    if (printPlan) {
      std::string text = planText;
      if (!accumulationNote.empty())
        text += "; " + accumulationNote;
      emitRemark(loc) << text;
    }
    return success();
  }

  /// Lowers `op` (a group-free one: see lowerGrouped) and replaces it.
  LogicalResult lowerOp(MatmulOp op, const DataflowPlan &plan) {
    if (int64_t group = getScaleGroupAlongK(op))
      return lowerGrouped(op, plan, group);
    if (RequantizeOp requantize = getFusableRequantize(op)) {
      Value result = emitMatmul(op, plan, requantize);
      requantize.replaceAllUsesWith(result);
      requantize.erase();
      op.erase();
      return success();
    }
    Value result = emitMatmul(op, plan);
    op.replaceAllUsesWith(result);
    op.erase();
    return success();
  }

  /// The sparq.requantize that is the only user of `op`'s raw integer
  /// accumulator, which the epilogue then applies per output; null if none.
  static RequantizeOp getFusableRequantize(MatmulOp op) {
    if (op.getType().getElementType() != op.getAccType() ||
        getSparqEncoding(op.getType()) || !op->hasOneUse())
      return {};
    auto requantize = dyn_cast<RequantizeOp>(*op->user_begin());
    if (!requantize || requantize.getInput() != op.getResult() ||
        !requantize.getInScales())
      return {};
    QuantAttr quant = getQuant(requantize.getType());
    if (!quant || quant.getScheme() == QuantScheme::Codebook)
      return {};
    return requantize;
  }

  /// Emits the loops, correction and scaling of `op` and returns the result
  /// tensor (the op is left in place). With `requantize` (the only user of
  /// op's accumulator), the epilogue requantizes each output and the
  /// returned value replaces the requantize; the code is then emitted right
  /// before it (its scales may be defined after the matmul).
  Value emitMatmul(MatmulOp op, const DataflowPlan &plan,
                   RequantizeOp requantize = {}) {
    OpBuilder b(op);
    if (requantize)
      b.setInsertionPoint(requantize);
    Location loc = op.getLoc();
    Type acc = op.getAccType();
    bool transposeB = op.getTransposeB();
    RankedTensorType lhsType = op.getLhs().getType();
    RankedTensorType rhsType = op.getRhs().getType();
    OperandQuant qa = classifyOperand(op.getLhs(), true, false, acc);
    OperandQuant qb = classifyOperand(op.getRhs(), false, transposeB, acc);
    // Exact float accumulation: the loops run on f32 (constant operands
    // become f32 constants here, run-time dense ones are copied as f32,
    // others converted in registers), and one pass converts the sums to acc.
    AccumulationDecision decision = decideAccumulation(op, plan, qa, qb);
    accumulationNote = decision.text;
    bool floatAcc = decision.useFloat;
    Type f32 = b.getF32Type();
    // Zero points of constant operands are removed here, in the compiler.
    auto fold = [&](Value operand, const OperandQuant &q,
                    const std::optional<std::vector<int64_t>> &values) -> Value {
      if (floatAcc && q.constant)
        return buildZeroPointFreeConstant(b, loc, operand, *q.constant, f32);
      if (floatAcc && values)
        return buildFloatValuesOperand(b, loc, operand, *values);
      if (q.mode != ZeroPointMode::Folded)
        return operand;
      // The narrowest integer holding the values (the loops extend them in
      // registers), the accumulator type if none is narrower.
      unsigned width = narrowestWidth(*q.constant);
      Type element = width < acc.getIntOrFloatBitWidth()
                         ? b.getIntegerType(width)
                         : acc;
      return buildZeroPointFreeConstant(b, loc, operand, *q.constant, element);
    };
    // Conversions of constant operands happen here, in the compiler: the
    // operand is replaced by its re-laid-out constant parts.
    // dataflow(dense): the operands to scatter into a dense matrix in
    // generated code (scatterToDense).
    bool scatterA = false, scatterB = false;
    auto operandFor = [&](MatmulOperand which, Value operand,
                          bool &storedTransposed, bool &convertInCode) {
      const LayoutConversion *c = findConversion(plan, which);
      convertInCode = c != nullptr;
      if (c && c->to.format == FormatKind::Dense &&
          c->from.format != FormatKind::Dense) {
        // dataflow(dense) on a compressed operand: a constant becomes a
        // dense constant here (transposed to the logical layout when it is
        // a stored-transposed B), else it is scattered in generated code.
        convertInCode = false;
        // A dense constant means the same only without zero points (the
        // compressed operand's unstored entries are its zero point; an
        // integer accumulator's fold removed them already) and codebooks.
        QuantAttr quant = getQuant(cast<RankedTensorType>(operand.getType()));
        bool sameMeaning = !quant || quant.getScheme() == QuantScheme::Symmetric;
        if (c->when == ConversionTime::CompileTime && sameMeaning) {
          if (Value dense =
                  densifyConstant(b, loc, operand, storedTransposed)) {
            storedTransposed = false;
            return dense;
          }
          if (Value dense = densifyConstant(b, loc, operand, false)) {
            // Stored transposed: the views transpose it as a dense operand.
            convertInCode = storedTransposed;
            return dense;
          }
        }
        (which == MatmulOperand::Lhs ? scatterA : scatterB) = true;
        return operand;
      }
      if (!c || c->when != ConversionTime::CompileTime)
        return operand;
      if (c->to.format == FormatKind::Bitmap) {
        // A bitmap along the other axis: the transposed matrix as a bitmap.
        Value converted = transposeConstantBitmap(b, loc, operand);
        if (!converted)
          return operand;
        convertInCode = false;
        storedTransposed = !storedTransposed;
        return converted;
      }
      bool byStoredRows = (c->to.major == MajorAxis::Rows) != storedTransposed;
      Value converted = convertConstantLayout(
          b, loc, operand, byStoredRows ? FormatKind::CSR : FormatKind::CSC);
      if (!converted)
        return operand;
      convertInCode = false;
      return converted;
    };
    bool convertA, convertB;
    bool lhsTransposed = false, rhsTransposed = transposeB;
    Value lhs =
        operandFor(MatmulOperand::Lhs, fold(op.getLhs(), qa, decision.lhsValues),
                   lhsTransposed, convertA);
    Value rhs =
        operandFor(MatmulOperand::Rhs, fold(op.getRhs(), qb, decision.rhsValues),
                   rhsTransposed, convertB);
    CompressedValue lhsParts, rhsParts;
    // (f32 constants are taken as they are; run-time operands as for an
    // integer accumulator, then converted by the views or the loops.)
    bool floatA = floatAcc && (qa.constant || decision.lhsValues);
    bool floatB = floatAcc && (qb.constant || decision.rhsValues);
    StoredOperand a = prepareOperand(b, loc, lhs, floatA ? f32 : acc,
                                     lhsTransposed, qa.mode, lhsParts);
    StoredOperand bm = prepareOperand(b, loc, rhs, floatB ? f32 : acc,
                                      rhsTransposed, qb.mode, rhsParts);
    if (qa.mode == ZeroPointMode::Raw)
      qa.zeroPoints = toBuffer(b, loc, lhsParts.get(PartKind::ZeroPoints));
    if (qb.mode == ZeroPointMode::Raw)
      qb.zeroPoints = toBuffer(b, loc, rhsParts.get(PartKind::ZeroPoints));
    Emitter e{b, loc};
    // The scattered matrices are read by the correction terms too
    // (lineSums), so they are freed last (freeScattered).
    SmallVector<Value, 2> scattered;
    if (scatterA) {
      a = scatterToDense(e, a);
      scattered.push_back(a.values);
    }
    if (scatterB) {
      bm = scatterToDense(e, bm);
      scattered.push_back(bm.values);
    }
    auto freeScattered = [&] {
      for (Value buffer : scattered)
        memref::DeallocOp::create(b, loc, buffer);
    };
    // One stack budget per allocation scope (function): the loops' stack
    // buffers of all its matmuls live until it returns.
    StackBudget *stack = &stackBudgets[op->getParentWithTrait<
        OpTrait::AutomaticAllocationScope>()];
    Type denseElement = floatAcc ? f32 : Type();
    MatrixView va =
        buildView(e, a, plan.lhs, convertA, vectorLanes, stack, denseElement);
    MatrixView vb =
        buildView(e, bm, plan.rhs, convertB, vectorLanes, stack, denseElement);
    bool flipped = plan.orientation == MatmulOrientation::Transposed;
    MatrixView l = flipped ? vb.transpose() : va;
    MatrixView r = flipped ? va.transpose() : vb;
    // A dense operand read in place by rows that start off cache lines is
    // copied once into aligned rows when the loops read its rows often
    // (freed with the views).
    if (plan.dataflow == Dataflow::Row) {
      MatrixView aligned = alignedRowsCopy(e, r, l, vectorLanes, stack);
      if (aligned.values != r.values) {
        (flipped ? va : vb).values = aligned.values;
        r.values = aligned.values;
      }
    }
    int64_t m = a.rows, n = bm.cols, k = a.cols;
    KernelOptions options;
    options.lanes = vectorLanes;
    options.tile = registerTile;
    options.kBlocking = kBlocking;
    options.kBlockSize = kBlockSize;
    options.kBlockRows = kBlockRows;
    options.stack = stack;
    int64_t work = m * n * k;
    options.parallel = parallel && work >= minParallelWork;
    // Row-wise with a dense R, inner (register tiles, merge or bitmap join)
    // and the dense GEMM store every output; the others accumulate into
    // zeros.
    auto freeViews = [&] {
      // Free what the run-time conversions allocated.
      for (const MatrixView &v : {va, vb})
        for (Value buffer : {v.values, v.positions, v.coordinates, v.metadata,
                             v.bitmap, v.offsets})
          if (Value heap = heapAllocation(buffer))
            if (!llvm::is_contained(scattered, heap))
              memref::DeallocOp::create(b, loc, heap);
    };
    RankedTensorType resultType = op.getType();
    Type resultElement = resultType.getElementType();
    bool scaled = resultElement != acc;
    Value sa = scaled && getQuant(lhsType)
                   ? toBuffer(b, loc,
                              PartOp::create(b, loc, op.getLhs(),
                                             PartKind::Scales))
                   : Value();
    Value sb = scaled && getQuant(rhsType)
                   ? toBuffer(b, loc,
                              PartOp::create(b, loc, op.getRhs(),
                                             PartKind::Scales))
                   : Value();
    // The epilogue of output (i, j): zero-point correction terms, then
    // (integer accumulator, float result) acc * (sa * sb) in f64 (the
    // scales' product is exact), rounded once, as the reference lowering
    // does.
    auto finishOutput = [&](const ZeroPointCorrection &correction, Emitter &e,
                            Value v, Value i, Value j) -> Value {
      v = correction.apply(e, v, i, j);
      if (!scaled)
        return v;
      Type f64 = e.b.getF64Type();
      v = lowering::convertScalar(e.b, e.loc, v, f64, true);
      Value product;
      auto scaleBy = [&](Value scales, RankedTensorType type, Value at) {
        Value s = lowering::convertScalar(
            e.b, e.loc, e.load(scales, {scaleIndex(e, type, at)}), f64, true);
        product = product
                      ? arith::MulFOp::create(e.b, e.loc, product, s).getResult()
                      : s;
      };
      if (sa)
        scaleBy(sa, lhsType, i);
      if (sb)
        scaleBy(sb, rhsType, j);
      if (product)
        v = arith::MulFOp::create(e.b, e.loc, v, product);
      return lowering::convertScalar(e.b, e.loc, v, resultElement, true);
    };
    if (plan.resultFormat != FormatKind::Dense) {
      // A compressed result (SparseResult.cpp), each stored value through the
      // same epilogue.
      ZeroPointCorrection correction =
          buildCorrection(e, acc, a, bm, qa, qb, transposeB);
      Value result = emitCompressedResult(
          e, op, plan, l, r, options,
          [&](Emitter &e, Value v, Value i, Value j) {
            return finishOutput(correction, e, v, i, j);
          });
      freeViews();
      correction.release(e);
      freeScattered();
      return result;
    }
    bool writesEveryOutput =
        productWritesEveryOutput(plan.dataflow, l, r, flipped);
    Value out;
    if (decision.blockFloat) {
      // The dense GEMM adds converted block sums into the integer out (any
      // other kernel, should the views not make a GEMM, accumulates in the
      // integer type, converting the f32 operand values exactly).
      out = writesEveryOutput ? e.alloc({m, n}, acc) : e.zeros({m, n}, acc);
      options.blockFloat = true;
    } else if (floatAcc) {
      // The f32 sums live in a scratch buffer: on the stack when it fits
      // and the matmul is not inside a loop of its function (an alloca
      // there would grow the stack every iteration), else on the heap.
      auto floatType = MemRefType::get({m, n}, f32);
      bool topLevel = op->getParentOp() ==
                      op->getParentWithTrait<OpTrait::AutomaticAllocationScope>();
      out = topLevel ? allocBuffer(e, floatType, stack)
                     : e.alloc({m, n}, f32);
      if (!writesEveryOutput)
        e.fillZero(out, f32);
    } else {
      out = writesEveryOutput ? e.alloc({m, n}, acc) : e.zeros({m, n}, acc);
    }
    // Every sum is an integer of magnitude <= 2^24: fptosi is exact, done
    // by the kernel's final stores where it can (KernelOptions::finalOut),
    // else in a pass over the f32 sums.
    Value sums;
    bool finalWritten = false;
    if (floatAcc && !decision.blockFloat) {
      sums = e.alloc({m, n}, acc);
      options.finalOut = sums;
      options.finalWritten = &finalWritten;
    }
    emitProduct(e, plan.dataflow, l, r, out, flipped, options);
    options.finalOut = {};
    options.finalWritten = nullptr;
    freeViews();
    if (floatAcc && !decision.blockFloat) {
      if (!finalWritten)
        emitConvertCopy(e, out, sums, /*isSigned=*/true, vectorLanes);
      if (isHeapBuffer(out))
        memref::DeallocOp::create(b, loc, out);
      out = sums;
    }

    ZeroPointCorrection correction =
        buildCorrection(e, acc, a, bm, qa, qb, transposeB);
    QuantAttr outQuant =
        requantize ? getQuant(requantize.getType()) : QuantAttr();
    Type storage = outQuant ? b.getIntegerType(outQuant.getBits()) : Type();
    Value inScales, outScales, outZeroPoints;
    if (requantize) {
      inScales = toBuffer(b, loc, requantize.getInScales());
      outScales = toBuffer(b, loc, requantize.getScales());
      outZeroPoints = toBuffer(b, loc, requantize.getZeroPoints());
    }
    if (correction.any() || scaled || requantize) {
      Value result = scaled       ? e.alloc({m, n}, resultElement)
                     : requantize ? e.alloc({m, n}, storage)
                                  : out;
      e.forLoop(0, m, [&](Emitter &e, Value i) {
        e.forLoop(0, n, [&](Emitter &e, Value j) {
          Value v = e.load(out, {i, j});
          if (requantize) {
            // The requantization of the corrected accumulator, with the
            // reference lowering's scalar builder.
            v = correction.apply(e, v, i, j);
            SmallVector<Value> at =
                lowering::getParamIndices(e.b, e.loc, outQuant, {i, j});
            auto inType = cast<MemRefType>(inScales.getType());
            SmallVector<Value> inAt =
                inType.getRank() == 1 && inType.getDimSize(0) == 1
                    ? SmallVector<Value>{e.idx(0)}
                    : at;
            Value q = lowering::buildRequantizeRawScalar(
                e.b, e.loc, v, e.load(inScales, inAt), e.load(outScales, at),
                outZeroPoints ? e.load(outZeroPoints, at) : Value(),
                outQuant);
            e.store(q, result, {i, j});
            return;
          }
          e.store(finishOutput(correction, e, v, i, j),
                  result, {i, j});
        });
      });
      correction.release(e);
      if (scaled || requantize) {
        memref::DeallocOp::create(b, loc, out);
        out = result;
      }
    }
    freeScattered();
    if (requantize) {
      auto valuesType = RankedTensorType::get({m, n}, storage);
      Value values = bufferization::ToTensorOp::create(
          b, loc, valuesType, out, /*restrict=*/b.getUnitAttr(),
          /*writable=*/b.getUnitAttr());
      return AssembleOp::create(b, loc, requantize.getType(), values, Value(),
                                Value(), Value(), Value(),
                                requantize.getScales(),
                                requantize.getZeroPoints(), Value());
    }
    return bufferization::ToTensorOp::create(b, loc, resultType, out,
                                             /*restrict=*/b.getUnitAttr(),
                                             /*writable=*/b.getUnitAttr());
  }

  /// The run-time operand of a grouped `op` (no constant operand) expanded
  /// per group of K in generated code (emitGroupExpanded), zero-point free,
  /// as planGroupExpansion says; `expandLhs` says which operand it is.
  Value expandRuntimeOperand(OpBuilder &b, Location loc, MatmulOp op,
                             const DataflowPlan &plan, int64_t group,
                             bool &expandLhs, GroupExpandedOperand &out) {
    Type acc = op.getAccType();
    RankedTensorType lhsType = op.getLhs().getType();
    RankedTensorType rhsType = op.getRhs().getType();
    auto sparse = [](RankedTensorType type) {
      EncodingAttr encoding = getSparqEncoding(type);
      return encoding && !encoding.isDense();
    };
    GroupExpansion expansion = planGroupExpansion(op, plan, false, false);
    expandLhs = expansion.lhs;
    Value operand = expandLhs ? op.getLhs() : op.getRhs();
    RankedTensorType type = expandLhs ? lhsType : rhsType;
    bool storedTransposed = !expandLhs && op.getTransposeB();
    // Zero points are removed once per stored entry (per element of a dense
    // operand) before the expansion.
    ZeroPointMode mode = ZeroPointMode::None;
    QuantAttr quant = getQuant(type);
    if (quant && quant.getScheme() == QuantScheme::Asymmetric)
      mode = sparse(type) ? ZeroPointMode::ShiftedStored
                          : ZeroPointMode::ShiftedDense;
    CompressedValue parts;
    StoredOperand stored = prepareOperand(b, loc, operand, acc,
                                          storedTransposed, mode, parts);
    // The expanded values are signless, so an unsigned narrow type is
    // widened to the next width.
    auto element =
        cast<IntegerType>(cast<MemRefType>(stored.values.getType())
                              .getElementType());
    Type expandedElement = element;
    if (!stored.isSigned && element.getWidth() < acc.getIntOrFloatBitWidth())
      expandedElement = b.getIntegerType(element.getWidth() * 2);
    Emitter e{b, loc};
    out = emitGroupExpanded(e, stored, expandLhs, expansion.linesPerGroup, group,
                            expandedElement);
    return out.tensor;
  }

  /// Scales grouped along K (an integer accumulator, a float result): one
  /// operand is expanded so that each group of K has its own output line
  /// (or coordinates), the product of the expanded matmul is the exact
  /// integer partial sum of every group (zero points handled as for any
  /// matmul), and the epilogue computes
  /// C[m, n] = sum_G f64(partial[m, n, G]) * sa * sb in G order, rounded
  /// once: the reference lowering's numbers, bit for bit. A constant operand
  /// is expanded in the compiler (buildGroupExpandedConstant); otherwise a
  /// run-time one in generated code, once per call (emitGroupExpanded). A
  /// compressed result is the sparq.pack of that plain result (its
  /// definition: exactly the nonzero results).
  LogicalResult lowerGrouped(MatmulOp op, const DataflowPlan &plan,
                             int64_t group) {
    OpBuilder b(op);
    Location loc = op.getLoc();
    Type acc = op.getAccType();
    bool transposeB = op.getTransposeB();
    RankedTensorType lhsType = op.getLhs().getType();
    RankedTensorType rhsType = op.getRhs().getType();
    int64_t m = lhsType.getDimSize(0), k = lhsType.getDimSize(1);
    int64_t n = op.getType().getDimSize(1), groups = k / group;
    // Expand B when it is constant, else A; with no constant operand, a
    // run-time one.
    std::optional<ConstantIntegerOperand> read =
        readConstantIntegerOperand(op.getRhs());
    bool expandLhs = !read;
    if (expandLhs)
      read = readConstantIntegerOperand(op.getLhs());
    Value expanded;
    GroupExpandedOperand runtime;
    if (read) {
      // The narrowest integer that holds every zero-point-free value, so
      // the expanded matmul keeps the accumulator rule of the verifier.
      unsigned width = narrowestWidth(*read);
      Type element = b.getIntegerType(width);
      expanded = buildGroupExpandedConstant(
          b, loc, *read, expandLhs, expandLhs ? false : transposeB, group,
          element);
      // The verifier's accumulator rule for the expanded matmul: the other
      // operand's bits (+1 when unsigned or asymmetric) plus `width`.
      RankedTensorType otherType = expandLhs ? rhsType : lhsType;
      QuantAttr otherQuant = getQuant(otherType);
      unsigned otherBits =
          otherType.getElementType().getIntOrFloatBitWidth() +
          (otherQuant && (!otherQuant.isSigned() ||
                          otherQuant.getScheme() == QuantScheme::Asymmetric)
               ? 1
               : 0);
      if (width + otherBits > acc.getIntOrFloatBitWidth()) {
        expanded.getDefiningOp()->erase();
        return op.emitError()
               << "sparq-lower-dataflow: the per-group partial sums of this "
                  "matmul need a " << width + otherBits
               << "-bit accumulator (the constant operand's zero-point-free "
                  "values take " << width << " bits), wider than " << acc;
      }
    } else {
      expanded = expandRuntimeOperand(b, loc, op, plan, group, expandLhs,
                                      runtime);
    }
    Value lhs = expandLhs ? expanded : op.getLhs();
    Value rhs = expandLhs ? op.getRhs() : expanded;
    int64_t pm = expandLhs ? m * groups : m, pn = expandLhs ? n : n * groups;
    auto partialType = RankedTensorType::get({pm, pn}, acc);
    auto partialOp = MatmulOp::create(
        b, loc, partialType, lhs, rhs, acc,
        /*transposeB=*/expandLhs && transposeB,
        op.getDataflowAttr() ? std::optional<Dataflow>(plan.dataflow)
                             : std::optional<Dataflow>());
    std::string reason;
    FailureOr<DataflowPlan> partialPlan =
        planMatmulDataflow(partialOp, plan.dataflow, &reason);
    if (failed(partialPlan)) {
      partialOp.erase();
      return op.emitError() << "sparq-lower-dataflow: cannot lower the "
                               "per-group partial sums: "
                            << reason;
    }
    Value partial = emitMatmul(partialOp, *partialPlan);
    partialOp.erase();
    if (!accumulationNote.empty())
      accumulationNote = "per-group partial sums: " + accumulationNote;
    // The run-time expansion's buffers are read by the product only.
    for (Value buffer :
         {runtime.positions, runtime.coordinates, runtime.values})
      if (buffer)
        memref::DeallocOp::create(b, loc, buffer);

    Emitter e{b, loc};
    Value partialBuffer = toBuffer(b, loc, partial);
    Type resultElement = op.getType().getElementType();
    Value result = e.alloc({m, n}, resultElement);
    auto scalesOf = [&](Value operand) -> Value {
      if (!getQuant(cast<RankedTensorType>(operand.getType())))
        return {};
      return toBuffer(b, loc, PartOp::create(b, loc, operand, PartKind::Scales));
    };
    Value sa = scalesOf(op.getLhs()), sb = scalesOf(op.getRhs());
    // The indices into an operand's scales for output (i, j), group g.
    auto scaleAt = [&](Emitter &e, RankedTensorType type, bool isLhs, Value i,
                       Value j, Value g) -> SmallVector<Value> {
      QuantAttr quant = getQuant(type);
      int64_t kAxis = isLhs ? 1 : (transposeB ? 1 : 0);
      Value out = isLhs ? i : j;
      switch (quant.getGranularity()) {
      case Granularity::Tensor:
        return {e.idx(0)};
      case Granularity::Channel:
        return {quant.getAxis() == kAxis ? g : out};
      case Granularity::Group:
        // Grouped along K (the plan checked): the output index and g, in
        // the order of the stored axes.
        return kAxis == 1 ? SmallVector<Value>{out, g}
                          : SmallVector<Value>{g, out};
      }
      llvm_unreachable("unknown granularity");
    };
    Type f64 = b.getF64Type();
    Value zero = arith::ConstantOp::create(b, loc, b.getF64FloatAttr(0.0));
    e.forLoop(0, m, [&](Emitter &e, Value i) {
      e.forLoop(0, n, [&](Emitter &e, Value j) {
        auto loop = scf::ForOp::create(
            e.b, e.loc, e.idx(0), e.idx(groups), e.idx(1), ValueRange{zero},
            [&](OpBuilder &nb, Location nloc, Value g, ValueRange sum) {
              Emitter ie{nb, nloc};
              Value at = ie.add(ie.mul(expandLhs ? i : j, ie.idx(groups)), g);
              Value p = expandLhs ? ie.load(partialBuffer, {at, j})
                                  : ie.load(partialBuffer, {i, at});
              Value v = lowering::convertScalar(nb, nloc, p, f64, true);
              // partial * (sa * sb): the scales' product is exact in f64,
              // as in the reference lowering.
              Value product;
              for (auto [scales, type, isLhs] :
                   {std::tuple{sa, lhsType, true},
                    std::tuple{sb, rhsType, false}}) {
                if (!scales)
                  continue;
                Value s = lowering::convertScalar(
                    nb, nloc,
                    ie.load(scales, scaleAt(ie, type, isLhs, i, j, g)), f64,
                    true);
                product = product
                              ? arith::MulFOp::create(nb, nloc, product, s)
                                    .getResult()
                              : s;
              }
              if (product)
                v = arith::MulFOp::create(nb, nloc, v, product);
              scf::YieldOp::create(
                  nb, nloc,
                  ValueRange{arith::AddFOp::create(nb, nloc, sum[0], v)});
            });
        e.store(lowering::convertScalar(e.b, e.loc, loop.getResult(0),
                                        resultElement, true),
                result, {i, j});
      });
    });
    RankedTensorType resultType = op.getType();
    auto plainType =
        RankedTensorType::get(resultType.getShape(), resultElement);
    Value tensor = bufferization::ToTensorOp::create(
        b, loc, plainType, result, /*restrict=*/b.getUnitAttr(),
        /*writable=*/b.getUnitAttr());
    if (getSparqEncoding(resultType))
      tensor = PackOp::create(b, loc, resultType, tensor);
    op.replaceAllUsesWith(tensor);
    op.erase();
    return success();
  }

  void runOnOperation() override {
    if (vectorLanes < 1 || registerTile < 1) {
      getOperation().emitError()
          << "sparq-lower-dataflow: vector-lanes and register-tile must be "
             "at least 1";
      return signalPassFailure();
    }
    if (kBlockSize < 0 || kBlockRows < 0) {
      getOperation().emitError()
          << "sparq-lower-dataflow: k-block-size and k-block-rows must be at "
             "least 0 (0: automatic)";
      return signalPassFailure();
    }
    stackBudgets.clear();
    // (op, plan, plan remark text).
    SmallVector<std::tuple<MatmulOp, DataflowPlan, std::string>> work;
    bool anyFailed = false;
    getOperation().walk([&](MatmulOp op) {
      DataflowAttr attr = op.getDataflowAttr();
      bool explicitChoice = attr && attr.getValue() != Dataflow::Auto;
      Dataflow dataflow = attr ? attr.getValue() : Dataflow::Auto;
      std::string reason;
      FailureOr<DataflowPlan> plan = planMatmulDataflow(op, dataflow, &reason);
      if (failed(plan)) {
        // Without an explicit dataflow the reference lowering takes the op.
        if (explicitChoice) {
          op.emitError() << "sparq-lower-dataflow cannot lower this matmul "
                            "with dataflow("
                         << stringifyDataflow(dataflow) << "): " << reason;
          anyFailed = true;
        }
        return;
      }
      // Band-by-band compaction of a compressed result is sequential: a
      // product this pass runs in parallel keeps the whole-matrix path,
      // whose product loops are parallel (docs/dataflow.md).
      if (parallel && plan->resultBandLines) {
        RankedTensorType lhs = op.getLhs().getType();
        if (lhs.getDimSize(0) * lhs.getDimSize(1) *
                op.getType().getDimSize(1) >=
            minParallelWork)
          plan->resultBandLines = 0;
      }
      // The remark is emitted once the op is lowered, with the
      // accumulation chosen then (lower).
      std::string text;
      if (printPlan) {
        llvm::raw_string_ostream os(text);
        plan->print(os);
        if (int64_t group = getScaleGroupAlongK(op))
          printGroupExpansion(os, op, *plan, group);
      }
      work.push_back({op, *plan, std::move(text)});
    });
    if (anyFailed)
      return signalPassFailure();
    for (auto &[op, plan, text] : work)
      if (mlir::failed(lower(op, plan, text)))
        return signalPassFailure();
  }
};

} // namespace
