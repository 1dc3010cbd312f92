//===- LowerDataflow.cpp - sparq.matmul to loops per dataflow -------------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// Lowers each rank-2 sparq.matmul with a plain result to memref loops that
// follow its dataflow (planMatmulDataflow): the operands' parts are taken
// with sparq.part, brought into the accumulator's domain once (widened and
// zero-point free, or dequantized per stored entry, with the reference
// lowering's numerics builders), handed to the loops as memrefs
// (bufferization.to_buffer), and the result comes back with
// bufferization.to_tensor. Everything else (other sparq ops, the parts'
// sources) is left to sparq-to-linalg.
//
//===----------------------------------------------------------------------===//

#include "BitmapJoin.h"
#include "ConstantLayout.h"
#include "LoopEmitter.h"
#include "sparq/Conversion/Passes.h"
#include "sparq/Conversion/SparqToLoops/DataflowPlan.h"
#include "sparq/Dialect/Sparq/IR/SparqOps.h"
#include "sparq/Dialect/Sparq/IR/SparqTypes.h"

// The reference lowering's numerics builders (dequantize, widen, zero
// points): the fast path shares their rounding rules rather than copying them.
#include "../SparqToLinalg/CompressedBuilders.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/PatternMatch.h"

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

/// The values of `value` (the whole tensor when dense, the values part when
/// sparse) in the accumulator's domain: dequantized for a float accumulator,
/// widened and zero-point free for an integer one.
Value macDomainValues(OpBuilder &b, Location loc, const CompressedValue &value,
                      Type acc) {
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
  if (!quant || !zeroPoints)
    return convert(values, isSigned);
  // (q - zp) once per stored entry; the loops then need no zero-point term.
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
                             CompressedValue &parts) {
  parts = takeParts(b, loc, operand);
  RankedTensorType type = parts.type;
  EncodingAttr encoding = getSparqEncoding(type);
  StoredOperand stored;
  stored.format = encoding ? encoding.getFormat() : FormatKind::Dense;
  int64_t r = type.getDimSize(0), c = type.getDimSize(1);
  stored.rows = storedTransposed ? c : r;
  stored.cols = storedTransposed ? r : c;
  stored.storedTransposed = storedTransposed;
  stored.values = toBuffer(b, loc, macDomainValues(b, loc, parts, acc));
  auto index = [&](PartKind kind) {
    Value part = parts.get(kind);
    return part ? toBuffer(b, loc, byteIndexPart(b, loc, part)) : Value();
  };
  if (encoding && !encoding.isDense()) {
    stored.positions = index(PartKind::Positions);
    stored.coordinates = index(PartKind::Coordinates);
    stored.bitmap = index(PartKind::Bitmap);
    stored.metadata = index(PartKind::Metadata);
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

/// The index into an operand's scale vector for output (m, n): its scale
/// varies at most along the output axis it contributes (the plan checked).
Value scaleIndex(Emitter &e, RankedTensorType type, Value outputIndex) {
  QuantAttr quant = getQuant(type);
  if (quant.getGranularity() == Granularity::Tensor)
    return e.idx(0);
  return outputIndex;
}

const LayoutConversion *findConversion(const DataflowPlan &plan,
                                       MatmulOperand which) {
  for (const LayoutConversion &c : plan.conversions)
    if (c.operand == which)
      return &c;
  return nullptr;
}

struct SparqLowerDataflowPass
    : sparq::impl::SparqLowerDataflowBase<SparqLowerDataflowPass> {
  using SparqLowerDataflowBase::SparqLowerDataflowBase;

  LogicalResult lower(MatmulOp op, const DataflowPlan &plan) {
    OpBuilder b(op);
    Location loc = op.getLoc();
    Type acc = op.getAccType();
    // Conversions of constant operands happen here, in the compiler: the
    // operand is replaced by its re-laid-out constant parts.
    auto operandFor = [&](MatmulOperand which, Value operand,
                          bool &storedTransposed, bool &convertInCode) {
      const LayoutConversion *c = findConversion(plan, which);
      convertInCode = c != nullptr;
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
    bool lhsTransposed = false, rhsTransposed = op.getTransposeB();
    Value lhs =
        operandFor(MatmulOperand::Lhs, op.getLhs(), lhsTransposed, convertA);
    Value rhs =
        operandFor(MatmulOperand::Rhs, op.getRhs(), rhsTransposed, convertB);
    CompressedValue lhsParts, rhsParts;
    StoredOperand a = prepareOperand(b, loc, lhs, acc, lhsTransposed, lhsParts);
    StoredOperand bm =
        prepareOperand(b, loc, rhs, acc, rhsTransposed, rhsParts);
    Emitter e{b, loc};
    MatrixView va = buildView(e, a, plan.lhs, convertA);
    MatrixView vb = buildView(e, bm, plan.rhs, convertB);
    bool flipped = plan.orientation == MatmulOrientation::Transposed;
    MatrixView l = flipped ? vb.transpose() : va;
    MatrixView r = flipped ? va.transpose() : vb;
    int64_t m = a.rows, n = bm.cols;
    KernelOptions options;
    options.lanes = vectorLanes;
    options.tile = registerTile;
    int64_t work = m * n * a.cols;
    options.parallel = parallel && work >= minParallelWork;
    // Row-wise with a dense R and inner (register tiles, merge or bitmap
    // join) store every output; the others accumulate into zeros.
    bool writesEveryOutput =
        plan.dataflow == Dataflow::Inner ||
        (r.kind == MatrixView::Kind::Dense && plan.dataflow != Dataflow::Outer);
    Value out = writesEveryOutput ? e.alloc({m, n}, acc) : e.zeros({m, n}, acc);
    emitProduct(e, plan.dataflow, l, r, out, flipped, options);
    // Free what the run-time conversions allocated.
    for (const MatrixView &v : {va, vb})
      for (Value buffer : {v.values, v.positions, v.coordinates, v.metadata,
                           v.bitmap, v.offsets})
        if (buffer && buffer.getDefiningOp<memref::AllocOp>())
          memref::DeallocOp::create(b, loc, buffer);

    RankedTensorType resultType = op.getType();
    Type resultElement = resultType.getElementType();
    if (resultElement != acc) {
      // Integer accumulator, float result: acc * sa * sb in f64, rounded
      // once, as the reference lowering does.
      Value result = e.alloc({m, n}, resultElement);
      Value sa = getQuant(lhsParts.type)
                     ? toBuffer(b, loc, lhsParts.get(PartKind::Scales))
                     : Value();
      Value sb = getQuant(rhsParts.type)
                     ? toBuffer(b, loc, rhsParts.get(PartKind::Scales))
                     : Value();
      Type f64 = b.getF64Type();
      e.forLoop(0, m, [&](Emitter &e, Value i) {
        e.forLoop(0, n, [&](Emitter &e, Value j) {
          Value v = lowering::convertScalar(e.b, e.loc, e.load(out, {i, j}),
                                            f64, true);
          auto scaleBy = [&](Value scales, RankedTensorType type, Value at) {
            Value s = e.load(scales, {scaleIndex(e, type, at)});
            v = arith::MulFOp::create(
                e.b, e.loc, v,
                lowering::convertScalar(e.b, e.loc, s, f64, true));
          };
          if (sa)
            scaleBy(sa, lhsParts.type, i);
          if (sb)
            scaleBy(sb, rhsParts.type, j);
          e.store(lowering::convertScalar(e.b, e.loc, v, resultElement, true),
                  result, {i, j});
        });
      });
      memref::DeallocOp::create(b, loc, out);
      out = result;
    }
    Value tensor = bufferization::ToTensorOp::create(
        b, loc, resultType, out, /*restrict=*/b.getUnitAttr(),
        /*writable=*/b.getUnitAttr());
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
    SmallVector<std::pair<MatmulOp, DataflowPlan>> work;
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
      if (printPlan) {
        std::string text;
        llvm::raw_string_ostream os(text);
        plan->print(os);
        op.emitRemark() << text;
      }
      work.push_back({op, *plan});
    });
    if (anyFailed)
      return signalPassFailure();
    for (auto &[op, plan] : work)
      if (mlir::failed(lower(op, plan)))
        return signalPassFailure();
  }
};

} // namespace
