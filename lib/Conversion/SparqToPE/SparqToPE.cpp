//===- SparqToPE.cpp - Lower sparq.matmul to sparq_pe instructions --------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// Every integer rank-2 sparq.matmul (and sparq.conv2d, as im2col matrix x
// weight matrix) becomes a straight-line PE program for the module's
// #sparq_pe.accelerator: the output is tiled over M and N (and K when a
// reduction row does not fit the buffers) so that one activation tile
// [TM, TK], one weight tile [TK, TN] and one accumulator tile [TM, TN] fit the
// input, weight and output buffers; each tile pair is loaded and computed by
// the chosen scheme into the accumulator, which is stored once its K tiles
// are done. The array multiplies the stored integers; zero points are
// corrected and scales applied after the program, outside the array (host
// work tagged `sparq_pe.host_work`). The schemes and their numerics are
// specified in docs/pe.md.
//
//===----------------------------------------------------------------------===//

#include "sparq/Conversion/Passes.h"
#include "sparq/Conversion/SparqToLinalg/SparqToLinalg.h"
#include "sparq/Dialect/PE/IR/PEOps.h"
#include "sparq/Dialect/Sparq/IR/SparqOps.h"
#include "sparq/Dialect/Sparq/IR/SparqTypes.h"

#include "mlir/IR/Matchers.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FormatVariadic.h"

#include <cmath>

namespace sparq {
#define GEN_PASS_DEF_SPARQTOPE
#include "sparq/Conversion/Passes.h.inc"
} // namespace sparq

using namespace mlir;
using namespace sparq;

namespace {

enum class Scheme { BitFusion, DRQ, Atoms, Bitmap };

/// One checked contraction operand: the sparq operand, its storage integers
/// (after unpacking), how they are read, their width, its quantization and
/// whether its zero points must be corrected after the PE program.
struct PEOperand {
  Value operand;
  Value values;
  pe::Signedness sign;
  unsigned bits;
  QuantAttr quant;
  bool correctZeroPoints = false;
};

/// True when `zeroPoints` is a constant tensor of zeros.
static bool isConstantZero(Value zeroPoints) {
  DenseIntElementsAttr attr;
  if (!zeroPoints || !matchPattern(zeroPoints, m_Constant(&attr)))
    return false;
  return llvm::all_of(attr.getValues<APInt>(),
                      [](const APInt &v) { return v.isZero(); });
}

/// The zero points `value` was built or quantized with, when visible in the
/// IR (through assemble, quantize, requantize, pack and unpack); else null.
static Value findZeroPoints(Value value) {
  Operation *def = value.getDefiningOp();
  if (auto assemble = dyn_cast_or_null<AssembleOp>(def))
    return assemble.getZeroPoints();
  if (auto quantize = dyn_cast_or_null<QuantizeOp>(def))
    return quantize.getZeroPoints();
  if (auto requantize = dyn_cast_or_null<RequantizeOp>(def))
    return requantize.getZeroPoints();
  if (isa_and_nonnull<PackOp, UnpackOp>(def))
    return findZeroPoints(def->getOperand(0));
  return {};
}

static std::string granularityString(QuantAttr quant) {
  switch (quant.getGranularity()) {
  case Granularity::Tensor:
    return "tensor";
  case Granularity::Channel:
    return llvm::formatv("channel({0})", quant.getAxis()).str();
  case Granularity::Group:
    return llvm::formatv("group({0}, {1})", quant.getAxis(),
                         quant.getGroupSize())
        .str();
  }
  llvm_unreachable("unknown granularity");
}

/// True when `quant`'s scales / zero points vary at most along operand axis
/// `outputAxis` (the operand's output dimension; -1 when it has none).
static bool variesAlongOutputOnly(QuantAttr quant, int64_t outputAxis) {
  if (quant.getGranularity() == Granularity::Tensor)
    return true;
  return quant.getGranularity() == Granularity::Channel && outputAxis >= 0 &&
         quant.getAxis() == outputAxis;
}

/// What the parameters of an operand may vary along, for diagnostics.
static std::string allowedParams(int64_t outputAxis) {
  if (outputAxis < 0)
    return "per tensor";
  return llvm::formatv("per tensor or channel({0})", outputAxis).str();
}

/// Checks that `value` (operand `name` of `op`) is something the PE array
/// multiplies: 2-, 4- or 8-bit integers, raw (signed), symmetric, or
/// asymmetric with zero points per tensor or along the operand's output
/// dimension `outputAxis` (corrected after the program). With a float result
/// (`scaled`), its scales must vary at most along that dimension too. Emits
/// the diagnostic at `op` otherwise.
static FailureOr<PEOperand> checkOperand(Operation *op, Value value,
                                         StringRef name, int64_t outputAxis,
                                         bool scaled) {
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
  PEOperand result{value, value, pe::Signedness::Signed, bits, {}};
  QuantAttr quant = getQuant(type);
  if (!quant)
    return result;
  result.quant = quant;
  switch (quant.getScheme()) {
  case QuantScheme::Symmetric:
    break;
  case QuantScheme::Codebook:
    return op->emitOpError() << "operand '" << name
                            << "' is codebook-quantized; the PE array "
                               "multiplies linear integers";
  case QuantScheme::Asymmetric:
    if (!variesAlongOutputOnly(quant, outputAxis))
      return op->emitOpError()
             << "operand '" << name << "' has " << granularityString(quant)
             << " zero points; sparq-to-pe corrects zero points once per "
                "output row / column after the PE program, so they must be "
             << allowedParams(outputAxis);
    result.correctZeroPoints = !isConstantZero(findZeroPoints(value));
    break;
  }
  if (scaled && !variesAlongOutputOnly(quant, outputAxis))
    return op->emitOpError()
           << "operand '" << name << "' has " << granularityString(quant)
           << " scales; sparq-to-pe scales the integer accumulator once per "
              "output after the PE program, so they must be "
           << allowedParams(outputAxis)
           << " (scales along the reduction need one integer sum per group)";
  if (!quant.isSigned())
    result.sign = pe::Signedness::Unsigned;
  return result;
}

/// The operand axes of a contraction that are output dimensions (for the
/// scales / zero points of each operand), -1 when there is none.
struct OutputAxes {
  int64_t lhs, rhs;
};

static OutputAxes getOutputAxes(Operation *op) {
  if (auto matmul = dyn_cast<MatmulOp>(op))
    return {0, matmul.getTransposeB() ? 0 : 1};
  // The conv input's channels are reduced; the filter's output channel is F.
  bool nhwc = cast<Conv2DOp>(op).getLayout() == ConvLayout::NHWC_HWCF;
  return {-1, nhwc ? 3 : 0};
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
  /// Row / column / reduction tile sizes of an [M, K] x [K, N] contraction.
  struct TilePlan {
    int64_t tm, tn, tk;
    /// DRQ regions of the whole activation (for top-fraction).
    int64_t regionsTotal;
  };
  /// Checks one matmul / conv2d and that it tiles onto `accel` (emitting
  /// the diagnostic at it), so that lowering never fails halfway.
  LogicalResult check(Operation *op, Scheme kind, pe::AcceleratorAttr accel);
  /// The tiles of a checked matmul / conv2d ([M, K] x [K, N]; a convolution
  /// as im2col matrix x weight matrix).
  FailureOr<TilePlan> planFor(Operation *op, Scheme kind,
                              pe::AcceleratorAttr accel);
  FailureOr<TilePlan> planTiles(Operation *op, int64_t m, int64_t n, int64_t k,
                                unsigned aBits, unsigned wBits,
                                unsigned accBits, Scheme kind,
                                pe::AcceleratorAttr accel);
  /// The tiled program of `lhs.values` [M, K] x `rhs.values` [K, N] into an
  /// `accElem` accumulator [M, N].
  Value emitProgram(OpBuilder &b, Location loc, Scheme kind,
                    const TilePlan &plan, const PEOperand &lhs,
                    const PEOperand &rhs, Type accElem);
  LogicalResult lower(MatmulOp op, Scheme kind, pe::AcceleratorAttr accel);
  /// A convolution is the matmul of its im2col matrix and weight matrix.
  LogicalResult lower(Conv2DOp op, Scheme kind, pe::AcceleratorAttr accel);
  /// Builds the program of one [TM, TK] x [TK, TN] tile pair accumulating
  /// into `acc`.
  Value buildTile(OpBuilder &b, Location loc, Scheme kind, Value a,
                  const PEOperand &lhs, Value w, const PEOperand &rhs,
                  Value acc, int64_t regionsTotal);
};

/// Tags `v`'s defining op as work done outside the PE array (reported by
/// sparq-pe-simulate under `host_work`, not in the array's cycles).
static Value tagHostWork(Value v, StringRef kind) {
  Operation *def = v.getDefiningOp();
  def->setAttr(pe::PEDialect::kHostWorkAttrName,
               StringAttr::get(def->getContext(), kind));
  return v;
}

/// Converts an integer scalar to `to` as the reference lowering does
/// (sign- or zero-extension, truncation).
static Value castInt(OpBuilder &b, Location loc, Value v, Type to,
                     bool isSigned) {
  unsigned from = v.getType().getIntOrFloatBitWidth();
  unsigned width = to.getIntOrFloatBitWidth();
  if (from == width)
    return v;
  if (from > width)
    return arith::TruncIOp::create(b, loc, to, v);
  if (isSigned)
    return arith::ExtSIOp::create(b, loc, to, v);
  return arith::ExtUIOp::create(b, loc, to, v);
}

/// Sums of the storage integers of `x` ([R, C]) over its dimension
/// `reduced` (1: row sums [R]; 0: column sums [C]) in `accElem`.
static Value buildSums(OpBuilder &b, Location loc, Value x, bool isSigned,
                       int64_t reduced, Type accElem) {
  auto type = cast<RankedTensorType>(x.getType());
  MLIRContext *ctx = b.getContext();
  int64_t kept = 1 - reduced;
  Value init = tensor::EmptyOp::create(
      b, loc, ArrayRef<int64_t>{type.getDimSize(kept)}, accElem);
  Value zero = arith::ConstantOp::create(b, loc, b.getZeroAttr(accElem));
  init = linalg::FillOp::create(b, loc, zero, init).getResult(0);
  SmallVector<utils::IteratorType> iterators(2, utils::IteratorType::parallel);
  iterators[reduced] = utils::IteratorType::reduction;
  SmallVector<AffineMap> maps = {
      b.getMultiDimIdentityMap(2),
      AffineMap::get(2, 0, getAffineDimExpr(kept, ctx))};
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{init.getType()}, ValueRange{x}, ValueRange{init}, maps,
      iterators, [&](OpBuilder &nb, Location nloc, ValueRange args) {
        Value v = castInt(nb, nloc, args[0], accElem, isSigned);
        linalg::YieldOp::create(
            nb, nloc, ValueRange{arith::AddIOp::create(nb, nloc, args[1], v)});
      });
  return tagHostWork(generic.getResult(0), "zero_point_correction");
}

/// The map from the [M, N] output space to an operand's scales or zero
/// points: its one value (tensor) or its output dimension `dim` (0 = m,
/// 1 = n).
static AffineMap paramMap(QuantAttr quant, unsigned dim, MLIRContext *ctx) {
  if (quant.getGranularity() == Granularity::Tensor)
    return AffineMap::get(2, 0, getAffineConstantExpr(0, ctx));
  return AffineMap::get(2, 0, getAffineDimExpr(dim, ctx));
}

/// The contraction's result from the PE program's accumulator `acc` [M, N]:
/// zero points corrected algebraically from row sums of `a` [M, K] and column
/// sums of `w` [K, N] (`acc - zb sum_k a - za sum_k w + K za zb`, exact in
/// the accumulator type, wrapping like the reference), then, for a float
/// result, the scales applied once per output with the reference lowering's
/// rounding.
static Value finishResult(OpBuilder &b, Location loc, Value acc, Value a,
                          Value w, const PEOperand &lhs, const PEOperand &rhs,
                          Type resultElement) {
  MLIRContext *ctx = b.getContext();
  auto accType = cast<RankedTensorType>(acc.getType());
  Type accElem = accType.getElementType();
  int64_t k = cast<RankedTensorType>(a.getType()).getDimSize(1);
  if (lhs.correctZeroPoints || rhs.correctZeroPoints) {
    SmallVector<Value> inputs = {acc};
    SmallVector<AffineMap> maps = {b.getMultiDimIdentityMap(2)};
    AffineMap rowMap = AffineMap::get(2, 0, getAffineDimExpr(0, ctx));
    AffineMap colMap = AffineMap::get(2, 0, getAffineDimExpr(1, ctx));
    // zb * (row sums of a), then za * (column sums of w).
    if (rhs.correctZeroPoints) {
      inputs.push_back(buildSums(b, loc, a,
                                 lhs.sign == pe::Signedness::Signed, 1,
                                 accElem));
      maps.push_back(rowMap);
      inputs.push_back(
          b.createOrFold<PartOp>(loc, rhs.operand, PartKind::ZeroPoints));
      maps.push_back(paramMap(rhs.quant, 1, ctx));
    }
    if (lhs.correctZeroPoints) {
      inputs.push_back(buildSums(b, loc, w,
                                 rhs.sign == pe::Signedness::Signed, 0,
                                 accElem));
      maps.push_back(colMap);
      inputs.push_back(
          b.createOrFold<PartOp>(loc, lhs.operand, PartKind::ZeroPoints));
      maps.push_back(paramMap(lhs.quant, 0, ctx));
    }
    maps.push_back(b.getMultiDimIdentityMap(2));
    Value init = tensor::EmptyOp::create(b, loc, accType.getShape(), accElem);
    SmallVector<utils::IteratorType> iterators(2,
                                               utils::IteratorType::parallel);
    bool both = lhs.correctZeroPoints && rhs.correctZeroPoints;
    auto generic = linalg::GenericOp::create(
        b, loc, TypeRange{accType}, inputs, ValueRange{init}, maps, iterators,
        [&](OpBuilder &nb, Location nloc, ValueRange args) {
          Value v = args[0];
          Value zb, za;
          unsigned next = 1;
          if (rhs.correctZeroPoints) {
            zb = castInt(nb, nloc, args[next + 1], accElem, true);
            v = arith::SubIOp::create(
                nb, nloc, v, arith::MulIOp::create(nb, nloc, zb, args[next]));
            next += 2;
          }
          if (lhs.correctZeroPoints) {
            za = castInt(nb, nloc, args[next + 1], accElem, true);
            v = arith::SubIOp::create(
                nb, nloc, v, arith::MulIOp::create(nb, nloc, za, args[next]));
          }
          if (both) {
            Value kc = arith::ConstantOp::create(
                nb, nloc, nb.getIntegerAttr(accElem, k));
            v = arith::AddIOp::create(
                nb, nloc, v,
                arith::MulIOp::create(
                    nb, nloc, kc, arith::MulIOp::create(nb, nloc, za, zb)));
          }
          linalg::YieldOp::create(nb, nloc, v);
        });
    acc = tagHostWork(generic.getResult(0), "zero_point_correction");
  }
  if (resultElement == accElem)
    return acc;
  // Float result: the reference's f64 rescale, lhs scale first.
  SmallVector<std::pair<Value, AffineMap>> scales;
  if (lhs.quant)
    scales.push_back(
        {b.createOrFold<PartOp>(loc, lhs.operand, PartKind::Scales),
         paramMap(lhs.quant, 0, ctx)});
  if (rhs.quant)
    scales.push_back(
        {b.createOrFold<PartOp>(loc, rhs.operand, PartKind::Scales),
         paramMap(rhs.quant, 1, ctx)});
  return tagHostWork(
      buildScaledAccumulator(b, loc, acc, resultElement, scales), "rescale");
}

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
  for (Operation *op : contractions)
    ok &= succeeded(check(op, *kind, accel));
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

LogicalResult SparqToPEPass::check(Operation *op, Scheme kind,
                                   pe::AcceleratorAttr accel) {
  auto matmul = dyn_cast<MatmulOp>(op);
  auto conv = dyn_cast<Conv2DOp>(op);
  Value lhsValue = matmul ? matmul.getLhs() : conv.getInput();
  Value rhsValue = matmul ? matmul.getRhs() : conv.getFilter();
  Type accType = matmul ? matmul.getAccType() : conv.getAccType();
  auto resultType = cast<RankedTensorType>(op->getResult(0).getType());
  if (matmul && (resultType.getRank() != 2 ||
                 cast<RankedTensorType>(rhsValue.getType()).getRank() != 2))
    return op->emitOpError(
        "sparq-to-pe lowers rank-2 (unbatched) matmuls only (run "
        "--sparq-unbatch-matmul first)");
  Type resultElem = resultType.getElementType();
  bool scaled = isa<FloatType>(resultElem);
  StringRef lhsName = matmul ? "lhs" : "input";
  OutputAxes axes = getOutputAxes(op);
  FailureOr<PEOperand> lhs =
      checkOperand(op, lhsValue, lhsName, axes.lhs, scaled);
  if (failed(lhs))
    return failure();
  if (failed(checkOperand(op, rhsValue, matmul ? "rhs" : "filter", axes.rhs,
                          scaled)))
    return failure();
  // (The verifier makes an integer result the accumulator itself.)
  if (!isa<IntegerType>(accType))
    return op->emitOpError()
           << "sparq-to-pe needs an integer accumulator; acc(" << accType
           << ") dequantizes the operands before multiplying";
  if (kind == Scheme::DRQ && lhs->bits != 8)
    return op->emitOpError() << "drq computes 8-bit activations at 8 or 4 "
                                "bits; operand '"
                             << lhsName << "' is " << lhs->bits << "-bit";
  return planFor(op, kind, accel);
}

FailureOr<SparqToPEPass::TilePlan>
SparqToPEPass::planFor(Operation *op, Scheme kind, pe::AcceleratorAttr accel) {
  auto matmul = dyn_cast<MatmulOp>(op);
  auto conv = dyn_cast<Conv2DOp>(op);
  auto lhsType = cast<RankedTensorType>(
      (matmul ? matmul.getLhs() : conv.getInput()).getType());
  auto rhsType = cast<RankedTensorType>(
      (matmul ? matmul.getRhs() : conv.getFilter()).getType());
  auto resultType = cast<RankedTensorType>(op->getResult(0).getType());
  if (!lhsType.hasStaticShape() || !rhsType.hasStaticShape() ||
      !resultType.hasStaticShape())
    return op->emitOpError("sparq-to-pe needs static shapes");
  int64_t m, n, k;
  if (matmul) {
    m = resultType.getDimSize(0);
    n = resultType.getDimSize(1);
    k = lhsType.getDimSize(1);
  } else {
    bool nhwc = conv.getLayout() == ConvLayout::NHWC_HWCF;
    m = resultType.getDimSize(0) * resultType.getDimSize(nhwc ? 1 : 2) *
        resultType.getDimSize(nhwc ? 2 : 3);
    n = rhsType.getDimSize(nhwc ? 3 : 0);
    k = rhsType.getDimSize(nhwc ? 0 : 2) * rhsType.getDimSize(nhwc ? 1 : 3) *
        rhsType.getDimSize(nhwc ? 2 : 1);
  }
  Type acc = matmul ? matmul.getAccType() : conv.getAccType();
  return planTiles(op, m, n, k, lhsType.getElementTypeBitWidth(),
                   rhsType.getElementTypeBitWidth(),
                   acc.getIntOrFloatBitWidth(), kind, accel);
}

FailureOr<SparqToPEPass::TilePlan>
SparqToPEPass::planTiles(Operation *op, int64_t m, int64_t n, int64_t k,
                         unsigned aBits, unsigned wBits, unsigned accBits,
                         Scheme kind, pe::AcceleratorAttr accel) {
  int64_t inBits = accel.getInputBuffer() * 8;
  int64_t wBufBits = accel.getWeightBuffer() * 8;
  // The whole reduction in one tile when one activation row and one weight
  // column fit; otherwise K is split into tiles of TK, as long as the
  // buffers still hold one array's worth of rows and columns (or, for tiny
  // buffers, one row and one column), and partial sums stay in the output
  // buffer.
  int64_t tk = k;
  if (inBits / (k * aBits) < 1 || wBufBits / (k * wBits) < 1) {
    int64_t rows = std::min<int64_t>(m, accel.getRows());
    int64_t cols = std::min<int64_t>(n, accel.getCols());
    tk = std::min({k, inBits / (rows * aBits), wBufBits / (cols * wBits)});
    if (tk < 1)
      tk = std::min({k, inBits / aBits, wBufBits / wBits});
    if (kind == Scheme::DRQ) {
      if (useTop)
        return op->emitOpError()
               << "drq top-fraction ranks the regions of the whole "
                  "activation, which needs "
               << bytesOf(m * k, aBits)
               << " bytes of input buffer (the accelerator has "
               << accel.getInputBuffer() << ")";
      // DRQ regions must not straddle two K tiles.
      tk -= tk % regionCols;
    }
    if (tk < 1)
      return op->emitOpError()
             << "the reduction (K = " << k << ") cannot be split into tiles "
             << "that fit the accelerator's buffers (input "
             << accel.getInputBuffer() << ", weight "
             << accel.getWeightBuffer() << " bytes"
             << (kind == Scheme::DRQ
                     ? ", DRQ regions of " + std::to_string(regionCols) +
                           " columns"
                     : std::string())
             << ")";
  }
  int64_t tm = std::min<int64_t>(m, inBits / (tk * aBits));
  int64_t tn = std::min<int64_t>(n, wBufBits / (tk * wBits));
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
    if (bytesOf(tm * tk, aBits) > accel.getInputBuffer())
      return op->emitOpError()
             << "one row of DRQ regions (" << static_cast<int64_t>(regionRows)
             << " x " << tk << ") does not fit the input buffer";
  }
  return TilePlan{tm, tn, tk, regionsTotal};
}

Value SparqToPEPass::emitProgram(OpBuilder &b, Location loc, Scheme kind,
                                 const TilePlan &plan, const PEOperand &lhs,
                                 const PEOperand &rhs, Type accElem) {
  Value a = lhs.values, w = rhs.values;
  auto aType = cast<RankedTensorType>(a.getType());
  int64_t m = aType.getDimSize(0), k = aType.getDimSize(1);
  int64_t n = cast<RankedTensorType>(w.getType()).getDimSize(1);
  Value out =
      tensor::EmptyOp::create(b, loc, ArrayRef<int64_t>{m, n}, accElem);
  auto elemOf = [](Value v) {
    return cast<RankedTensorType>(v.getType()).getElementType();
  };
  auto zeroTile = [&](int64_t rows, int64_t cols) -> Value {
    auto type = RankedTensorType::get({rows, cols}, accElem);
    return arith::ConstantOp::create(
        b, loc, type,
        DenseElementsAttr::get(type, b.getIntegerAttr(accElem, 0)));
  };
  auto load = [&](Value g, int64_t o0, int64_t o1, int64_t d0, int64_t d1,
                  pe::Buffer buffer) -> Value {
    return pe::LoadOp::create(b, loc,
                              RankedTensorType::get({d0, d1}, elemOf(g)), g,
                              b.getDenseI64ArrayAttr({o0, o1}), buffer);
  };
  bool splitK = plan.tk < k;
  for (int64_t m0 = 0; m0 < m; m0 += plan.tm) {
    int64_t rows = std::min(plan.tm, m - m0);
    // With the whole K in one tile, the activation tile serves every
    // column tile.
    Value aTile;
    if (!splitK)
      aTile = load(a, m0, 0, rows, k, pe::Buffer::Input);
    for (int64_t n0 = 0; n0 < n; n0 += plan.tn) {
      int64_t cols = std::min(plan.tn, n - n0);
      Value acc;
      if (!splitK) {
        Value wTile = load(w, 0, n0, k, cols, pe::Buffer::Weight);
        acc = buildTile(b, loc, kind, aTile, lhs, wTile, rhs,
                        zeroTile(rows, cols), plan.regionsTotal);
      } else {
        // Partial sums over the K tiles stay in the output buffer.
        acc = zeroTile(rows, cols);
        for (int64_t k0 = 0; k0 < k; k0 += plan.tk) {
          int64_t depth = std::min(plan.tk, k - k0);
          Value aPart = load(a, m0, k0, rows, depth, pe::Buffer::Input);
          Value wPart = load(w, k0, n0, depth, cols, pe::Buffer::Weight);
          acc = buildTile(b, loc, kind, aPart, lhs, wPart, rhs, acc,
                          plan.regionsTotal);
        }
      }
      out = pe::StoreOp::create(b, loc, acc, out,
                                b.getDenseI64ArrayAttr({m0, n0}));
    }
  }
  return out;
}

LogicalResult SparqToPEPass::lower(MatmulOp op, Scheme kind,
                                   pe::AcceleratorAttr accel) {
  OpBuilder b(op);
  Location loc = op.getLoc();
  auto resultType = cast<RankedTensorType>(op.getResult().getType());
  bool scaled = isa<FloatType>(resultType.getElementType());
  OutputAxes axes = getOutputAxes(op);
  PEOperand lhs = *checkOperand(op, op.getLhs(), "lhs", axes.lhs, scaled);
  PEOperand rhs = *checkOperand(op, op.getRhs(), "rhs", axes.rhs, scaled);
  Type accElem = op.getAccType();
  int64_t n = resultType.getDimSize(1);
  int64_t k = cast<RankedTensorType>(op.getLhs().getType()).getDimSize(1);
  FailureOr<TilePlan> plan = planFor(op, kind, accel);
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
  Value out = emitProgram(b, loc, kind, *plan, lhs, rhs, accElem);
  out = finishResult(b, loc, out, lhs.values, rhs.values, lhs, rhs,
                     resultType.getElementType());
  op.getResult().replaceAllUsesWith(out);
  op.erase();
  return success();
}

/// The im2col matrix `[N*OH*OW, KH*KW*C]` (columns `(kh, kw, c)`, HWCF) or
/// `[N*OH*OW, C*KH*KW]` (columns `(c, kh, kw)`, FCHW) of `input`, with
/// `padValue` (zero when null) for padding.
static Value buildIm2col(OpBuilder &b, Location loc, Conv2DOp op, Value input,
                         int64_t outH, int64_t outW, int64_t kh, int64_t kw,
                         Value padValue) {
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
        Value zero = padValue ? padValue
                              : arith::ConstantOp::create(
                               nb, nloc, resultType.getElementType(),
                               nb.getIntegerAttr(resultType.getElementType(),
                                                 0))
                               .getResult();
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
  auto resultType = cast<RankedTensorType>(op.getResult().getType());
  bool scaled = isa<FloatType>(resultType.getElementType());
  OutputAxes axes = getOutputAxes(op);
  PEOperand lhs = *checkOperand(op, op.getInput(), "input", axes.lhs, scaled);
  PEOperand rhs =
      *checkOperand(op, op.getFilter(), "filter", axes.rhs, scaled);
  Type accElem = op.getAccType();
  auto filterType = cast<RankedTensorType>(op.getFilter().getType());
  bool nhwc = op.getLayout() == ConvLayout::NHWC_HWCF;
  int64_t batch = resultType.getDimSize(0);
  int64_t outH = resultType.getDimSize(nhwc ? 1 : 2);
  int64_t outW = resultType.getDimSize(nhwc ? 2 : 3);
  int64_t features = filterType.getDimSize(nhwc ? 3 : 0);
  int64_t kh = filterType.getDimSize(nhwc ? 0 : 2);
  int64_t kw = filterType.getDimSize(nhwc ? 1 : 3);
  int64_t channels = filterType.getDimSize(nhwc ? 2 : 1);
  int64_t k = kh * kw * channels, n = features;
  FailureOr<TilePlan> plan = planFor(op, kind, accel);
  if (failed(plan))
    return failure();
  Value input = materializeValues(b, loc, op.getInput());
  Value filter = materializeValues(b, loc, op.getFilter());
  // Padding is the real value 0: the zero point of an asymmetric input.
  Value pad;
  if (lhs.correctZeroPoints &&
      llvm::any_of(op.getPadding(), [](int64_t p) { return p != 0; })) {
    Value zp = b.createOrFold<PartOp>(loc, op.getInput(), PartKind::ZeroPoints);
    Value zero = arith::ConstantIndexOp::create(b, loc, 0);
    pad = castInt(b, loc, tensor::ExtractOp::create(b, loc, zp, zero),
                  cast<RankedTensorType>(input.getType()).getElementType(),
                  true);
  }
  lhs.values = buildIm2col(b, loc, op, input, outH, outW, kh, kw, pad);
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
  Value out = emitProgram(b, loc, kind, *plan, lhs, rhs, accElem);
  Type resultElem = resultType.getElementType();
  out = finishResult(b, loc, out, lhs.values, rhs.values, lhs, rhs,
                     resultElem);
  // [N*OH*OW, F] -> [N, OH, OW, F] (-> [N, F, OH, OW] for nchw).
  auto nhwcType = RankedTensorType::get({batch, outH, outW, n}, resultElem);
  out = tensor::ExpandShapeOp::create(
      b, loc, nhwcType, out, ArrayRef<ReassociationIndices>{{0, 1, 2}, {3}});
  if (!nhwc) {
    Value init =
        tensor::EmptyOp::create(b, loc, resultType.getShape(), resultElem);
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
                               const PEOperand &rhs, Value acc,
                               int64_t regionsTotal) {
  auto accType = cast<RankedTensorType>(acc.getType());
  switch (kind) {
  case Scheme::BitFusion: {
    auto fused = pe::FusedMacOp::create(b, loc, accType, a, lhs.sign, w,
                                        rhs.sign, acc);
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
    Value sensitive = pe::MacOp::create(
        b, loc, accType, a, signAttr(lhs.sign), w, signAttr(rhs.sign), acc,
        mask,
        b.getI64IntegerAttr(0),
        pe::RegionClassAttr::get(b.getContext(), pe::RegionClass::Sensitive),
        b.getDenseI64ArrayAttr(regionSize));
    return pe::MacOp::create(b, loc, accType, high, signAttr(lhs.sign), w,
                             signAttr(rhs.sign), sensitive, mask, b.getI64IntegerAttr(4),
                             pe::RegionClassAttr::get(
                                 b.getContext(), pe::RegionClass::Insensitive),
                             b.getDenseI64ArrayAttr(regionSize));
  }
  case Scheme::Atoms:
    return pe::AtomMacOp::create(b, loc, accType, a, lhs.sign, w, rhs.sign,
                                 acc);
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
                                   wEnc.getBitmap(), acc);
  }
  }
  llvm_unreachable("unknown scheme");
}
