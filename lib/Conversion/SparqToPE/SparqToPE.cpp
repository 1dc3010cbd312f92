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
static FailureOr<PEOperand> checkOperand(MatmulOp op, Value value,
                                         StringRef name) {
  auto type = cast<RankedTensorType>(value.getType());
  Type elem = type.getElementType();
  if (!elem.isSignlessInteger())
    return op.emitOpError() << "operand '" << name << "' has element type "
                            << elem
                            << "; sparq-to-pe needs integer (quantized or "
                               "raw) operands";
  unsigned bits = elem.getIntOrFloatBitWidth();
  if (bits != 2 && bits != 4 && bits != 8)
    return op.emitOpError() << "operand '" << name << "' is " << bits
                            << "-bit; the PE array multiplies 2-, 4- or "
                               "8-bit operands";
  pe::Signedness sign = pe::Signedness::Signed;
  if (QuantAttr quant = getQuant(type)) {
    switch (quant.getScheme()) {
    case QuantScheme::Symmetric:
      break;
    case QuantScheme::Codebook:
      return op.emitOpError() << "operand '" << name
                              << "' is codebook-quantized; the PE array "
                                 "multiplies linear integers";
    case QuantScheme::Asymmetric: {
      auto assemble = value.getDefiningOp<AssembleOp>();
      if (!assemble || !isConstantZero(assemble.getZeroPoints()))
        return op.emitOpError()
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
  LogicalResult lower(MatmulOp op, Scheme kind, pe::AcceleratorAttr accel);
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
  SmallVector<MatmulOp> matmuls;
  module.walk([&](MatmulOp op) { matmuls.push_back(op); });
  // Check every op before rewriting any, so a failure leaves the IR as it was.
  bool ok = true;
  for (MatmulOp op : matmuls) {
    auto resultType = cast<RankedTensorType>(op.getResult().getType());
    if (resultType.getRank() != 2 ||
        cast<RankedTensorType>(op.getRhs().getType()).getRank() != 2) {
      op.emitOpError("sparq-to-pe lowers rank-2 (unbatched) matmuls only");
      ok = false;
      continue;
    }
    FailureOr<PEOperand> lhs = checkOperand(op, op.getLhs(), "lhs");
    FailureOr<PEOperand> rhs = failure();
    if (succeeded(lhs))
      rhs = checkOperand(op, op.getRhs(), "rhs");
    if (failed(lhs) || failed(rhs)) {
      ok = false;
      continue;
    }
    if (resultType.getElementType() != op.getAccType()) {
      op.emitOpError() << "sparq-to-pe computes the integer accumulator; the "
                          "result must be acc("
                       << op.getAccType() << "), not "
                       << resultType.getElementType()
                       << " (apply scales after the matmul)";
      ok = false;
      continue;
    }
    if (*kind == Scheme::DRQ && lhs->bits != 8) {
      op.emitOpError() << "drq computes 8-bit activations at 8 or 4 bits; "
                          "operand 'lhs' is "
                       << lhs->bits << "-bit";
      ok = false;
    }
  }
  if (!ok)
    return signalPassFailure();
  for (MatmulOp op : matmuls)
    if (failed(lower(op, *kind, accel)))
      return signalPassFailure();
}

LogicalResult SparqToPEPass::lower(MatmulOp op, Scheme kind,
                                   pe::AcceleratorAttr accel) {
  OpBuilder b(op);
  Location loc = op.getLoc();
  PEOperand lhs = *checkOperand(op, op.getLhs(), "lhs");
  PEOperand rhs = *checkOperand(op, op.getRhs(), "rhs");
  auto resultType = cast<RankedTensorType>(op.getResult().getType());
  int64_t m = resultType.getDimSize(0), n = resultType.getDimSize(1);
  auto lhsType = cast<RankedTensorType>(op.getLhs().getType());
  int64_t k = lhsType.getDimSize(1);
  if (ShapedType::isDynamic(m) || ShapedType::isDynamic(n) ||
      ShapedType::isDynamic(k))
    return op.emitOpError("sparq-to-pe needs static shapes");
  unsigned accBits = resultType.getElementTypeBitWidth();

  // Tile sizes: whole K; as many rows / columns as the buffers hold.
  int64_t tm = std::min<int64_t>(m, accel.getInputBuffer() * 8 / (k * lhs.bits));
  int64_t tn =
      std::min<int64_t>(n, accel.getWeightBuffer() * 8 / (k * rhs.bits));
  if (tm < 1 || tn < 1)
    return op.emitOpError() << "a reduction of K = " << k
                            << " does not fit the accelerator's "
                            << (tm < 1 ? "input" : "weight") << " buffer ("
                            << (tm < 1 ? accel.getInputBuffer()
                                       : accel.getWeightBuffer())
                            << " bytes)";
  while (bytesOf(tm * tn, accBits) > accel.getOutputBuffer() &&
         (tm > 1 || tn > 1))
    (tm >= tn ? tm : tn) = std::max<int64_t>(1, (tm >= tn ? tm : tn) / 2);
  if (bytesOf(tm * tn, accBits) > accel.getOutputBuffer())
    return op.emitOpError() << "one i" << accBits
                            << " accumulator does not fit the output buffer";
  // DRQ regions must not straddle two row tiles, and top(R) ranks the
  // regions of the whole activation: it needs a single row tile.
  int64_t regionsTotal = 0;
  if (kind == Scheme::DRQ) {
    regionsTotal = llvm::divideCeil(m, regionRows) *
                   llvm::divideCeil(k, regionCols);
    if (tm < m)
      tm = std::max<int64_t>(regionRows, tm - tm % regionRows);
    if (useTop && tm < m)
      return op.emitOpError()
             << "drq top-fraction ranks the regions of the whole activation, "
                "which needs "
             << bytesOf(m * k, lhs.bits)
             << " bytes of input buffer (the accelerator has "
             << accel.getInputBuffer() << ")";
    if (bytesOf(tm * k, lhs.bits) > accel.getInputBuffer())
      return op.emitOpError() << "one row of DRQ regions (" << regionRows
                              << " x " << k
                              << ") does not fit the input buffer";
  }

  // Operands as plain [M, K] and [K, N] storage tensors.
  Value a = materializeValues(b, loc, op.getLhs());
  Value w = materializeValues(b, loc, op.getRhs());
  if (op.getTransposeB()) {
    auto wType = cast<RankedTensorType>(w.getType());
    Value init = tensor::EmptyOp::create(
        b, loc, ArrayRef<int64_t>{k, n}, wType.getElementType());
    w = linalg::TransposeOp::create(b, loc, w, init,
                                    ArrayRef<int64_t>{1, 0})
            ->getResult(0);
  }
  lhs.values = a;
  rhs.values = w;

  Value out = tensor::EmptyOp::create(b, loc, resultType.getShape(),
                                      resultType.getElementType());
  auto elemOf = [](Value v) {
    return cast<RankedTensorType>(v.getType()).getElementType();
  };
  for (int64_t m0 = 0; m0 < m; m0 += tm) {
    int64_t rows = std::min(tm, m - m0);
    Value aTile = pe::LoadOp::create(
        b, loc, RankedTensorType::get({rows, k}, elemOf(a)), a,
        b.getDenseI64ArrayAttr({m0, 0}), pe::Buffer::Input);
    for (int64_t n0 = 0; n0 < n; n0 += tn) {
      int64_t cols = std::min(tn, n - n0);
      Value wTile = pe::LoadOp::create(
          b, loc, RankedTensorType::get({k, cols}, elemOf(w)), w,
          b.getDenseI64ArrayAttr({0, n0}), pe::Buffer::Weight);
      auto accType =
          RankedTensorType::get({rows, cols}, resultType.getElementType());
      Value result = buildTile(b, loc, kind, aTile, lhs, wTile, rhs, accType,
                               regionsTotal);
      out = pe::StoreOp::create(b, loc, result, out,
                                b.getDenseI64ArrayAttr({m0, n0}));
    }
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
