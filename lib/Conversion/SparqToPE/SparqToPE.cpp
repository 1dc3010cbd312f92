//===- SparqToPE.cpp - Lower sparq.matmul to sparq_pe instructions --------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// Every integer rank-2 sparq.matmul becomes a straight-line PE program for
// the module's #sparq_pe.accelerator: the output is tiled over M and N so
// that one activation tile [TM, K], one weight tile [K, TN] and one
// accumulator tile [TM, TN] fit the input, weight and output buffers; each
// tile pair is loaded, computed by the chosen scheme into a zero accumulator
// and stored. The schemes and their numerics are specified in docs/pe.md.
//
//===----------------------------------------------------------------------===//

#include "sparq/Conversion/Passes.h"
#include "sparq/Dialect/PE/IR/PEOps.h"
#include "sparq/Dialect/Sparq/IR/SparqOps.h"
#include "sparq/Dialect/Sparq/IR/SparqTypes.h"

#include "mlir/IR/Matchers.h"
#include "llvm/ADT/StringSwitch.h"

#include <cmath>

namespace sparq {
#define GEN_PASS_DEF_SPARQTOPE
#include "sparq/Conversion/Passes.h.inc"
} // namespace sparq

using namespace mlir;
using namespace sparq;

namespace {

enum class Scheme { BitFusion, DRQ, Atoms, Bitmap };

/// One checked matmul operand: its storage integers (after unpacking), how
/// they are read, and their width.
struct PEOperand {
  Value values;
  pe::Signedness sign;
  unsigned bits;
};

/// True when `zeroPoints` is a constant tensor of zeros.
static bool isConstantZero(Value zeroPoints) {
  DenseIntElementsAttr attr;
  if (!zeroPoints || !matchPattern(zeroPoints, m_Constant(&attr)))
    return false;
  return llvm::all_of(attr.getValues<APInt>(),
                      [](const APInt &v) { return v.isZero(); });
}

/// Checks that `value` (operand `name` of `op`) is something the PE array
/// multiplies: 2-, 4- or 8-bit integers, raw (signed) or symmetric, or
/// asymmetric with constant zero zero points (unsigned operands). Emits the
/// diagnostic at `op` otherwise.
static FailureOr<PEOperand> checkOperand(Operation *op, Value value,
                                         StringRef name) {
  auto type = cast<RankedTensorType>(value.getType());
  Type elem = type.getElementType();
  if (!elem.isSignlessInteger())
    return op->emitOpError() << "operand '" << name << "' has element type "
                            << elem
                            << "; sparq-to-pe needs integer (quantized or "
                               "raw) operands";
  unsigned bits = elem.getIntOrFloatBitWidth();
  if (bits != 2 && bits != 4 && bits != 8)
    return op->emitOpError() << "operand '" << name << "' is " << bits
                            << "-bit; the PE array multiplies 2-, 4- or "
                               "8-bit operands";
  pe::Signedness sign = pe::Signedness::Signed;
  if (QuantAttr quant = getQuant(type)) {
    switch (quant.getScheme()) {
    case QuantScheme::Symmetric:
      break;
    case QuantScheme::Codebook:
      return op->emitOpError() << "operand '" << name
                              << "' is codebook-quantized; the PE array "
                                 "multiplies linear integers";
    case QuantScheme::Asymmetric: {
      auto assemble = value.getDefiningOp<AssembleOp>();
      if (!assemble || !isConstantZero(assemble.getZeroPoints()))
        return op->emitOpError()
               << "operand '" << name
               << "' is asymmetric with zero points that are not constant "
                  "zeros; the PE array multiplies the stored integers";
      break;
    }
    }
    if (!quant.isSigned())
      sign = pe::Signedness::Unsigned;
  }
  return PEOperand{value, sign, bits};
}

/// The storage integers of `value` as a plain dense tensor: sparse formats
/// are unpacked, quantized tensors give their values part. Both fold when
/// `value` is assembled / packed in the same function, so constant operands
/// stay visible to the simulator.
static Value materializeValues(OpBuilder &b, Location loc, Value value) {
  auto type = cast<RankedTensorType>(value.getType());
  EncodingAttr encoding = getSparqEncoding(type);
  if (!encoding)
    return value;
  if (!encoding.isDense()) {
    RankedTensorType denseType =
        getCompressedType(type.getShape(), type.getElementType(),
                          encoding.withFormat(FormatKind::Dense));
    value = b.createOrFold<UnpackOp>(loc, denseType, value);
  }
  if (getSparqEncoding(value.getType()))
    value = b.createOrFold<PartOp>(loc, value, PartKind::Values);
  return value;
}

/// Bytes of `numel` elements of `bits` bits.
static int64_t bytesOf(int64_t numel, unsigned bits) {
  return (numel * bits + 7) / 8;
}

struct SparqToPEPass : public sparq::impl::SparqToPEBase<SparqToPEPass> {
  using SparqToPEBase::SparqToPEBase;

  void runOnOperation() override;

private:
  /// DRQ ranks regions (top-fraction) instead of thresholding them.
  bool useTop = false;
  /// Row / column tile sizes of an [M, K] x [K, N] contraction.
  struct TilePlan {
    int64_t tm, tn;
    /// DRQ regions of the whole activation (for top-fraction).
    int64_t regionsTotal;
  };
  FailureOr<TilePlan> planTiles(Operation *op, int64_t m, int64_t n, int64_t k,
                                unsigned aBits, unsigned wBits,
                                unsigned accBits, Scheme kind,
                                pe::AcceleratorAttr accel);
  /// The tiled program of `lhs.values` [M, K] x `rhs.values` [K, N].
  Value emitProgram(OpBuilder &b, Location loc, Scheme kind,
                    const TilePlan &plan, const PEOperand &lhs,
                    const PEOperand &rhs, RankedTensorType resultType);
  LogicalResult lower(MatmulOp op, Scheme kind, pe::AcceleratorAttr accel);
  /// A convolution is the matmul of its im2col matrix and weight matrix.
  LogicalResult lower(Conv2DOp op, Scheme kind, pe::AcceleratorAttr accel);
  /// Builds the program of one [TM, K] x [K, TN] tile pair.
  Value buildTile(OpBuilder &b, Location loc, Scheme kind, Value a,
                  const PEOperand &lhs, Value w, const PEOperand &rhs,
                  RankedTensorType accType, int64_t regionsTotal);
};

} // namespace

void SparqToPEPass::runOnOperation() {
  ModuleOp module = getOperation();
  std::optional<Scheme> kind = llvm::StringSwitch<std::optional<Scheme>>(scheme)
                                   .Case("bitfusion", Scheme::BitFusion)
                                   .Case("drq", Scheme::DRQ)
                                   .Case("atoms", Scheme::Atoms)
                                   .Case("bitmap", Scheme::Bitmap)
                                   .Default(std::nullopt);
  if (!kind) {
    module.emitError() << "unknown sparq-to-pe scheme '" << scheme
                       << "' (expected bitfusion, drq, atoms or bitmap)";
    return signalPassFailure();
  }
  if (*kind == Scheme::DRQ) {
    if (regionRows < 1 || regionCols < 1) {
      module.emitError() << "sparq-to-pe: region-rows and region-cols must "
                            "be at least 1, got "
                         << static_cast<int64_t>(regionRows) << " and "
                         << static_cast<int64_t>(regionCols);
      return signalPassFailure();
    }
    if (threshold < 0) {
      module.emitError() << "sparq-to-pe: threshold must be >= 0, got "
                         << static_cast<int64_t>(threshold);
      return signalPassFailure();
    }
    if (topFraction.hasValue() && threshold.hasValue()) {
      module.emitError() << "sparq-to-pe: give either threshold or "
                            "top-fraction, not both";
      return signalPassFailure();
    }
    useTop = topFraction.hasValue() || topFraction >= 0.0;
    if (useTop && !(topFraction >= 0.0 && topFraction <= 1.0)) {
      module.emitError() << "sparq-to-pe: top-fraction must be in [0, 1], got "
                         << static_cast<double>(topFraction);
      return signalPassFailure();
    }
  }
  pe::AcceleratorAttr accel = pe::AcceleratorAttr::lookup(module);
  SmallVector<Operation *> contractions;
  module.walk([&](Operation *op) {
    if (isa<MatmulOp, Conv2DOp>(op))
      contractions.push_back(op);
  });
  // Check every op before rewriting any, so a failure leaves the IR as it was.
  bool ok = true;
  for (Operation *op : contractions) {
    auto matmul = dyn_cast<MatmulOp>(op);
    auto conv = dyn_cast<Conv2DOp>(op);
    Value lhsValue = matmul ? matmul.getLhs() : conv.getInput();
    Value rhsValue = matmul ? matmul.getRhs() : conv.getFilter();
    Type accType = matmul ? matmul.getAccType() : conv.getAccType();
    auto resultType = cast<RankedTensorType>(op->getResult(0).getType());
    if (matmul && (resultType.getRank() != 2 ||
                   cast<RankedTensorType>(rhsValue.getType()).getRank() != 2)) {
      op->emitOpError("sparq-to-pe lowers rank-2 (unbatched) matmuls only");
      ok = false;
      continue;
    }
    StringRef lhsName = matmul ? "lhs" : "input";
    FailureOr<PEOperand> lhs = checkOperand(op, lhsValue, lhsName);
    FailureOr<PEOperand> rhs = failure();
    if (succeeded(lhs))
      rhs = checkOperand(op, rhsValue, matmul ? "rhs" : "filter");
    if (failed(lhs) || failed(rhs)) {
      ok = false;
      continue;
    }
    if (resultType.getElementType() != accType) {
      op->emitOpError() << "sparq-to-pe computes the integer accumulator; the "
                           "result must be acc("
                        << accType << "), not " << resultType.getElementType()
                        << " (apply scales after the "
                        << (matmul ? "matmul" : "convolution") << ")";
      ok = false;
      continue;
    }
    if (*kind == Scheme::DRQ && lhs->bits != 8) {
      op->emitOpError() << "drq computes 8-bit activations at 8 or 4 bits; "
                           "operand '"
                        << lhsName << "' is " << lhs->bits << "-bit";
      ok = false;
    }
  }
  if (!ok)
    return signalPassFailure();
  for (Operation *op : contractions) {
    LogicalResult result = isa<MatmulOp>(op)
                               ? lower(cast<MatmulOp>(op), *kind, accel)
                               : lower(cast<Conv2DOp>(op), *kind, accel);
    if (failed(result))
      return signalPassFailure();
  }
}

FailureOr<SparqToPEPass::TilePlan>
SparqToPEPass::planTiles(Operation *op, int64_t m, int64_t n, int64_t k,
                         unsigned aBits, unsigned wBits, unsigned accBits,
                         Scheme kind, pe::AcceleratorAttr accel) {
  if (ShapedType::isDynamic(m) || ShapedType::isDynamic(n) ||
      ShapedType::isDynamic(k))
    return op->emitOpError("sparq-to-pe needs static shapes");
  // Tile sizes: whole K; as many rows / columns as the buffers hold.
  int64_t tm = std::min<int64_t>(m, accel.getInputBuffer() * 8 / (k * aBits));
  int64_t tn = std::min<int64_t>(n, accel.getWeightBuffer() * 8 / (k * wBits));
  if (tm < 1 || tn < 1)
    return op->emitOpError() << "a reduction of K = " << k
                             << " does not fit the accelerator's "
                             << (tm < 1 ? "input" : "weight") << " buffer ("
                             << (tm < 1 ? accel.getInputBuffer()
                                        : accel.getWeightBuffer())
                             << " bytes)";
  while (bytesOf(tm * tn, accBits) > accel.getOutputBuffer() &&
         (tm > 1 || tn > 1))
    (tm >= tn ? tm : tn) = std::max<int64_t>(1, (tm >= tn ? tm : tn) / 2);
  if (bytesOf(tm * tn, accBits) > accel.getOutputBuffer())
    return op->emitOpError() << "one i" << accBits
                             << " accumulator does not fit the output buffer";
  // DRQ regions must not straddle two row tiles, and top(R) ranks the
  // regions of the whole activation: it needs a single row tile.
  int64_t regionsTotal = 0;
  if (kind == Scheme::DRQ) {
    regionsTotal =
        llvm::divideCeil(m, regionRows) * llvm::divideCeil(k, regionCols);
    if (tm < m)
      tm = std::max<int64_t>(regionRows, tm - tm % regionRows);
    if (useTop && tm < m)
      return op->emitOpError()
             << "drq top-fraction ranks the regions of the whole activation, "
                "which needs "
             << bytesOf(m * k, aBits)
             << " bytes of input buffer (the accelerator has "
             << accel.getInputBuffer() << ")";
    if (bytesOf(tm * k, aBits) > accel.getInputBuffer())
      return op->emitOpError()
             << "one row of DRQ regions (" << static_cast<int64_t>(regionRows)
             << " x " << k << ") does not fit the input buffer";
  }
  return TilePlan{tm, tn, regionsTotal};
}

Value SparqToPEPass::emitProgram(OpBuilder &b, Location loc, Scheme kind,
                                 const TilePlan &plan, const PEOperand &lhs,
                                 const PEOperand &rhs,
                                 RankedTensorType resultType) {
  Value a = lhs.values, w = rhs.values;
  int64_t m = resultType.getDimSize(0), n = resultType.getDimSize(1);
  int64_t k = cast<RankedTensorType>(a.getType()).getDimSize(1);
  Value out = tensor::EmptyOp::create(b, loc, resultType.getShape(),
                                      resultType.getElementType());
  auto elemOf = [](Value v) {
    return cast<RankedTensorType>(v.getType()).getElementType();
  };
  for (int64_t m0 = 0; m0 < m; m0 += plan.tm) {
    int64_t rows = std::min(plan.tm, m - m0);
    Value aTile = pe::LoadOp::create(
        b, loc, RankedTensorType::get({rows, k}, elemOf(a)), a,
        b.getDenseI64ArrayAttr({m0, 0}), pe::Buffer::Input);
    for (int64_t n0 = 0; n0 < n; n0 += plan.tn) {
      int64_t cols = std::min(plan.tn, n - n0);
      Value wTile = pe::LoadOp::create(
          b, loc, RankedTensorType::get({k, cols}, elemOf(w)), w,
          b.getDenseI64ArrayAttr({0, n0}), pe::Buffer::Weight);
      auto accType =
          RankedTensorType::get({rows, cols}, resultType.getElementType());
      Value result = buildTile(b, loc, kind, aTile, lhs, wTile, rhs, accType,
                               plan.regionsTotal);
      out = pe::StoreOp::create(b, loc, result, out,
                                b.getDenseI64ArrayAttr({m0, n0}));
    }
  }
  return out;
}

LogicalResult SparqToPEPass::lower(MatmulOp op, Scheme kind,
                                   pe::AcceleratorAttr accel) {
  OpBuilder b(op);
  Location loc = op.getLoc();
  PEOperand lhs = *checkOperand(op, op.getLhs(), "lhs");
  PEOperand rhs = *checkOperand(op, op.getRhs(), "rhs");
  auto resultType = cast<RankedTensorType>(op.getResult().getType());
  int64_t m = resultType.getDimSize(0), n = resultType.getDimSize(1);
  int64_t k = cast<RankedTensorType>(op.getLhs().getType()).getDimSize(1);
  FailureOr<TilePlan> plan =
      planTiles(op, m, n, k, lhs.bits, rhs.bits,
                resultType.getElementTypeBitWidth(), kind, accel);
  if (failed(plan))
    return failure();
  // Operands as plain [M, K] and [K, N] storage tensors.
  lhs.values = materializeValues(b, loc, op.getLhs());
  Value w = materializeValues(b, loc, op.getRhs());
  if (op.getTransposeB()) {
    Value init = tensor::EmptyOp::create(
        b, loc, ArrayRef<int64_t>{k, n},
        cast<RankedTensorType>(w.getType()).getElementType());
    w = linalg::TransposeOp::create(b, loc, w, init, ArrayRef<int64_t>{1, 0})
            ->getResult(0);
  }
  rhs.values = w;
  Value out = emitProgram(b, loc, kind, *plan, lhs, rhs, resultType);
  op.getResult().replaceAllUsesWith(out);
  op.erase();
  return success();
}

/// The im2col matrix `[N*OH*OW, KH*KW*C]` (columns `(kh, kw, c)`, HWCF) or
/// `[N*OH*OW, C*KH*KW]` (columns `(c, kh, kw)`, FCHW) of `input`, with zeros
/// for padding.
static Value buildIm2col(OpBuilder &b, Location loc, Conv2DOp op, Value input,
                         int64_t outH, int64_t outW, int64_t kh, int64_t kw) {
  auto type = cast<RankedTensorType>(input.getType());
  bool nhwc = op.getLayout() == ConvLayout::NHWC_HWCF;
  int64_t batch = type.getDimSize(0);
  int64_t channels = type.getDimSize(nhwc ? 3 : 1);
  int64_t height = type.getDimSize(nhwc ? 1 : 2);
  int64_t width = type.getDimSize(nhwc ? 2 : 3);
  ArrayRef<int64_t> strides = op.getStrides(), dil = op.getDilations(),
                    pad = op.getPadding();
  auto resultType = RankedTensorType::get(
      {batch * outH * outW, kh * kw * channels}, type.getElementType());
  Value init = tensor::EmptyOp::create(b, loc, resultType.getShape(),
                                       resultType.getElementType());
  SmallVector<AffineMap> maps = {b.getMultiDimIdentityMap(2)};
  SmallVector<utils::IteratorType> iterators(2, utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{resultType}, ValueRange{}, ValueRange{init}, maps,
      iterators, [&](OpBuilder &nb, Location nloc, ValueRange) {
        auto c = [&](int64_t v) {
          return arith::ConstantIndexOp::create(nb, nloc, v).getResult();
        };
        auto div = [&](Value x, int64_t d) {
          return arith::DivUIOp::create(nb, nloc, x, c(d)).getResult();
        };
        auto rem = [&](Value x, int64_t d) {
          return arith::RemUIOp::create(nb, nloc, x, c(d)).getResult();
        };
        auto mul = [&](Value x, int64_t d) {
          return arith::MulIOp::create(nb, nloc, x, c(d)).getResult();
        };
        auto add = [&](Value x, Value y) {
          return arith::AddIOp::create(nb, nloc, x, y).getResult();
        };
        Value row = linalg::IndexOp::create(nb, nloc, 0);
        Value col = linalg::IndexOp::create(nb, nloc, 1);
        Value n = div(row, outH * outW);
        Value oh = div(rem(row, outH * outW), outW);
        Value ow = rem(row, outW);
        Value ch, ki, kj;
        if (nhwc) {
          ki = div(col, kw * channels);
          kj = div(rem(col, kw * channels), channels);
          ch = rem(col, channels);
        } else {
          ch = div(col, kh * kw);
          ki = div(rem(col, kh * kw), kw);
          kj = rem(col, kw);
        }
        // ih = oh * sh - pad_top + ki * dh (may be negative: signed compare).
        Value ih = arith::SubIOp::create(
            nb, nloc, add(mul(oh, strides[0]), mul(ki, dil[0])), c(pad[0]));
        Value iw = arith::SubIOp::create(
            nb, nloc, add(mul(ow, strides[1]), mul(kj, dil[1])), c(pad[2]));
        auto inRange = [&](Value x, int64_t size) {
          Value lo = arith::CmpIOp::create(nb, nloc, arith::CmpIPredicate::sge,
                                           x, c(0));
          Value hi = arith::CmpIOp::create(nb, nloc, arith::CmpIPredicate::slt,
                                           x, c(size));
          return arith::AndIOp::create(nb, nloc, lo, hi).getResult();
        };
        auto clamp = [&](Value x, int64_t size) {
          return arith::MaxSIOp::create(
                     nb, nloc, c(0),
                     arith::MinSIOp::create(nb, nloc, x, c(size - 1)))
              .getResult();
        };
        Value inside = arith::AndIOp::create(nb, nloc, inRange(ih, height),
                                             inRange(iw, width));
        Value ihc = clamp(ih, height), iwc = clamp(iw, width);
        SmallVector<Value> at = nhwc ? SmallVector<Value>{n, ihc, iwc, ch}
                                     : SmallVector<Value>{n, ch, ihc, iwc};
        Value x = tensor::ExtractOp::create(nb, nloc, input, at);
        Value zero = arith::ConstantOp::create(
            nb, nloc, resultType.getElementType(),
            nb.getIntegerAttr(resultType.getElementType(), 0));
        linalg::YieldOp::create(
            nb, nloc,
            arith::SelectOp::create(nb, nloc, inside, x, zero).getResult());
      });
  return generic.getResult(0);
}

LogicalResult SparqToPEPass::lower(Conv2DOp op, Scheme kind,
                                   pe::AcceleratorAttr accel) {
  OpBuilder b(op);
  Location loc = op.getLoc();
  PEOperand lhs = *checkOperand(op, op.getInput(), "input");
  PEOperand rhs = *checkOperand(op, op.getFilter(), "filter");
  auto resultType = cast<RankedTensorType>(op.getResult().getType());
  auto filterType = cast<RankedTensorType>(op.getFilter().getType());
  bool nhwc = op.getLayout() == ConvLayout::NHWC_HWCF;
  int64_t batch = resultType.getDimSize(0);
  int64_t outH = resultType.getDimSize(nhwc ? 1 : 2);
  int64_t outW = resultType.getDimSize(nhwc ? 2 : 3);
  int64_t features = filterType.getDimSize(nhwc ? 3 : 0);
  int64_t kh = filterType.getDimSize(nhwc ? 0 : 2);
  int64_t kw = filterType.getDimSize(nhwc ? 1 : 3);
  int64_t channels = filterType.getDimSize(nhwc ? 2 : 1);
  if (!resultType.hasStaticShape() || !filterType.hasStaticShape() ||
      !cast<RankedTensorType>(op.getInput().getType()).hasStaticShape())
    return op.emitOpError("sparq-to-pe needs static shapes");
  int64_t m = batch * outH * outW, k = kh * kw * channels, n = features;
  FailureOr<TilePlan> plan =
      planTiles(op, m, n, k, lhs.bits, rhs.bits,
                resultType.getElementTypeBitWidth(), kind, accel);
  if (failed(plan))
    return failure();
  Value input = materializeValues(b, loc, op.getInput());
  Value filter = materializeValues(b, loc, op.getFilter());
  lhs.values = buildIm2col(b, loc, op, input, outH, outW, kh, kw);
  // The im2col weight matrix [K, F].
  Type wElem = cast<RankedTensorType>(filter.getType()).getElementType();
  if (nhwc) {
    filter = tensor::CollapseShapeOp::create(
        b, loc, RankedTensorType::get({k, n}, wElem), filter,
        ArrayRef<ReassociationIndices>{{0, 1, 2}, {3}});
  } else {
    Value flat = tensor::CollapseShapeOp::create(
        b, loc, RankedTensorType::get({n, k}, wElem), filter,
        ArrayRef<ReassociationIndices>{{0}, {1, 2, 3}});
    Value init =
        tensor::EmptyOp::create(b, loc, ArrayRef<int64_t>{k, n}, wElem);
    filter = linalg::TransposeOp::create(b, loc, flat, init,
                                         ArrayRef<int64_t>{1, 0})
                 ->getResult(0);
  }
  rhs.values = filter;
  auto flatType = RankedTensorType::get({m, n}, resultType.getElementType());
  Value out = emitProgram(b, loc, kind, *plan, lhs, rhs, flatType);
  // [N*OH*OW, F] -> [N, OH, OW, F] (-> [N, F, OH, OW] for nchw).
  auto nhwcType = RankedTensorType::get({batch, outH, outW, n},
                                        resultType.getElementType());
  out = tensor::ExpandShapeOp::create(
      b, loc, nhwcType, out, ArrayRef<ReassociationIndices>{{0, 1, 2}, {3}});
  if (!nhwc) {
    Value init = tensor::EmptyOp::create(b, loc, resultType.getShape(),
                                         resultType.getElementType());
    out = linalg::TransposeOp::create(b, loc, out, init,
                                      ArrayRef<int64_t>{0, 3, 1, 2})
              ->getResult(0);
  }
  op.getResult().replaceAllUsesWith(out);
  op.erase();
  return success();
}

Value SparqToPEPass::buildTile(OpBuilder &b, Location loc, Scheme kind,
                               Value a, const PEOperand &lhs, Value w,
                               const PEOperand &rhs, RankedTensorType accType,
                               int64_t regionsTotal) {
  Value zero = arith::ConstantOp::create(
      b, loc, accType,
      DenseElementsAttr::get(accType,
                             b.getIntegerAttr(accType.getElementType(), 0)));
  switch (kind) {
  case Scheme::BitFusion: {
    auto fused = pe::FusedMacOp::create(b, loc, accType, a, lhs.sign, w,
                                        rhs.sign, zero);
    OpBuilder::InsertionGuard guard(b);
    Block *body = b.createBlock(&fused.getBody(), {},
                                {a.getType(), w.getType(), accType},
                                {loc, loc, loc});
    Value chain = body->getArgument(2);
    for (int64_t i = 0; i < lhs.bits / 2; ++i)
      for (int64_t j = 0; j < rhs.bits / 2; ++j)
        chain = pe::BitBrickOp::create(b, loc, accType, body->getArgument(0),
                                       lhs.sign, body->getArgument(1),
                                       rhs.sign, chain, i, j);
    pe::YieldOp::create(b, loc, chain);
    return fused.getResult();
  }
  case Scheme::DRQ: {
    auto aType = cast<RankedTensorType>(a.getType());
    int64_t rows = aType.getDimSize(0), k = aType.getDimSize(1);
    auto maskType = RankedTensorType::get(
        {(int64_t)llvm::divideCeil(rows, regionRows),
         (int64_t)llvm::divideCeil(k, regionCols)},
        b.getI1Type());
    IntegerAttr thresholdAttr, topAttr;
    if (useTop)
      topAttr = b.getI64IntegerAttr(static_cast<int64_t>(
          std::nearbyint(topFraction * static_cast<double>(regionsTotal))));
    else
      thresholdAttr = b.getI64IntegerAttr(threshold);
    SmallVector<int64_t> regionSize = {regionRows, regionCols};
    Value mask = pe::RegionSelectOp::create(
        b, loc, maskType, a, lhs.sign, b.getDenseI64ArrayAttr(regionSize),
        thresholdAttr, topAttr);
    Value high = pe::HighBitsOp::create(
        b, loc, RankedTensorType::get(aType.getShape(), b.getIntegerType(4)),
        a, lhs.sign);
    auto signAttr = [&](pe::Signedness sign) {
      return pe::SignednessAttr::get(b.getContext(), sign);
    };
    Value acc = pe::MacOp::create(
        b, loc, accType, a, signAttr(lhs.sign), w, signAttr(rhs.sign), zero,
        mask,
        b.getI64IntegerAttr(0),
        pe::RegionClassAttr::get(b.getContext(), pe::RegionClass::Sensitive),
        b.getDenseI64ArrayAttr(regionSize));
    return pe::MacOp::create(b, loc, accType, high, signAttr(lhs.sign), w,
                             signAttr(rhs.sign), acc, mask, b.getI64IntegerAttr(4),
                             pe::RegionClassAttr::get(
                                 b.getContext(), pe::RegionClass::Insensitive),
                             b.getDenseI64ArrayAttr(regionSize));
  }
  case Scheme::Atoms:
    return pe::AtomMacOp::create(b, loc, accType, a, lhs.sign, w, rhs.sign,
                                 zero);
  case Scheme::Bitmap: {
    auto bitmapOf = [&](Value v) {
      return RankedTensorType::get(cast<RankedTensorType>(v.getType()).getShape(),
                                   b.getI1Type());
    };
    auto aEnc = pe::BitmapEncodeOp::create(b, loc, a.getType(), bitmapOf(a),
                                           a, /*dim=*/1);
    auto wEnc = pe::BitmapEncodeOp::create(b, loc, w.getType(), bitmapOf(w),
                                           w, /*dim=*/0);
    return pe::InnerJoinOp::create(b, loc, accType, aEnc.getValues(),
                                   lhs.sign, aEnc.getBitmap(),
                                   wEnc.getValues(), rhs.sign,
                                   wEnc.getBitmap(), zero);
  }
  }
  llvm_unreachable("unknown scheme");
}
