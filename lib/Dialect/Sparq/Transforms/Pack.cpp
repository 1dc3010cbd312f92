//===- Pack.cpp - Compile-time packing of constant weights ----------------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// The pass reads each contraction's constant weight (f32, or the integers of
// a dense quantized sparq.assemble) into a raw buffer, lets the numerics
// library build the arrays of the chosen storage format, writes each array
// as a dense_resource part (sub-byte arrays as packed bytes behind
// sparq.from_bytes), and assembles them into the compressed weight the
// consumer takes. The part types come from sparq::getCompressedParts.
//
//===----------------------------------------------------------------------===//

#include "ContractionRewrite.h"
#include "sparq/Dialect/Sparq/IR/SparqOps.h"
#include "sparq/Dialect/Sparq/IR/SparqTypes.h"
#include "sparq/Dialect/Sparq/Transforms/Passes.h"
#include "GroupedConv.h"
#include "sparq/Dialect/Sparq/Transforms/WeightOperand.h"
#include "sparq/Numerics/Packing.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Transforms/RegionUtils.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/TypeSwitch.h"

#include <cstring>

namespace sparq {
#define GEN_PASS_DEF_SPARQPACK
#include "sparq/Dialect/Sparq/Transforms/Passes.h.inc"
} // namespace sparq

using namespace mlir;
using namespace sparq;
namespace num = sparq::numerics;

namespace {

static_assert(static_cast<int>(FormatKind::BCSR) ==
                  static_cast<int>(num::PackFormat::BCSR),
              "FormatKind and PackFormat list the formats in one order");

FormatKind toFormatKind(num::PackFormat format) {
  return static_cast<FormatKind>(static_cast<int>(format));
}

/// Validated pass options.
struct Settings {
  /// std::nullopt: auto.
  std::optional<num::PackFormat> format;
  num::PackOptions options;
  unsigned posWidth, crdWidth, metaWidth;
};

/// The weight of one op, read into raw buffers.
struct SourceWeight {
  WeightOperand operand;
  /// The stored shape (after an nm transposition, the transposed one).
  SmallVector<int64_t> shape;
  /// Null for an f32 weight.
  QuantAttr quant;
  AssembleOp assemble;
  std::vector<float> floats;
  /// Quantized storage integers and the per-element integer that means 0.
  std::vector<int32_t> ints, zeros;
  /// Parts carried over from the dense quantized weight.
  Value scales, zeroPoints, codebook;

  bool isQuantized() const { return static_cast<bool>(quant); }
  unsigned getValueBits() const { return quant ? quant.getBits() : 32; }
};

/// True for a value the pass can pack: a constant f32 tensor, or a dense
/// quantized sparq.assemble whose parts are all constants.
bool isPackableWeight(Value value) {
  auto isConstantPart = [](Value part) {
    if (!part)
      return true;
    if (auto fromBytes = part.getDefiningOp<FromBytesOp>())
      part = fromBytes.getBytes();
    return static_cast<bool>(part.getDefiningOp<arith::ConstantOp>());
  };
  if (auto constant = value.getDefiningOp<arith::ConstantOp>()) {
    auto type = dyn_cast<RankedTensorType>(constant.getType());
    return type && !type.getEncoding() && type.getElementType().isF32();
  }
  auto assemble = value.getDefiningOp<AssembleOp>();
  if (!assemble)
    return false;
  EncodingAttr encoding = getSparqEncoding(assemble.getType());
  if (!encoding || !encoding.isDense() || !encoding.isQuantized() ||
      !assemble.getType().hasStaticShape())
    return false;
  return llvm::all_of(assemble.getOperands(), isConstantPart);
}

/// Swaps the last two of the axes `shape` of `data` (each element `inner`
/// consecutive entries): a [.., K, N] weight becomes [.., N, K].
template <typename T>
std::vector<T> swapLastTwoAxes(const std::vector<T> &data,
                               ArrayRef<int64_t> shape, int64_t inner = 1) {
  int64_t rank = shape.size();
  int64_t rows = shape[rank - 2], cols = shape[rank - 1];
  int64_t outer = 1;
  for (int64_t d : shape.drop_back(2))
    outer *= d;
  std::vector<T> result(data.size());
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t c = 0; c < cols; ++c)
        std::memcpy(&result[((o * cols + c) * rows + r) * inner],
                    &data[((o * rows + r) * cols + c) * inner],
                    inner * sizeof(T));
  return result;
}

/// The quantization of a weight whose last two axes are swapped.
QuantAttr swapQuantAxes(QuantAttr quant, int64_t rank) {
  if (!quant || quant.getGranularity() == Granularity::Tensor)
    return quant;
  int64_t axis = quant.getAxis();
  if (axis == rank - 1)
    axis = rank - 2;
  else if (axis == rank - 2)
    axis = rank - 1;
  return QuantAttr::get(quant.getContext(), quant.getStorageType(),
                        quant.getExpressedType(), quant.getScheme(),
                        quant.getGranularity(), axis, quant.getGroupSize(),
                        quant.getRounding());
}

/// A resource-name prefix: the op's NameLoc when it has one.
std::string namePrefix(Operation *op) {
  std::string name;
  op->getLoc()->walk([&](Location loc) {
    if (auto named = dyn_cast<NameLoc>(loc)) {
      name = named.getName().str();
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  for (char &c : name)
    if (!llvm::isAlnum(c) && c != '_')
      c = '_';
  if (name.empty() || llvm::isDigit(name.front()))
    name = "sparq_packed" + (name.empty() ? "" : "_" + name);
  return name;
}

/// Largest value an unsigned index of `width` bits holds.
uint64_t maxIndex(unsigned width) {
  return width >= 64 ? UINT64_MAX : (uint64_t(1) << width) - 1;
}

/// The index-width rule of the encoding verifier, as a predicate (auto skips
/// formats whose indices would not fit).
bool indicesFit(num::PackFormat format, int64_t rows, int64_t cols,
                const Settings &s) {
  uint64_t extent = 0, entries = uint64_t(rows) * uint64_t(cols);
  switch (format) {
  case num::PackFormat::CSR:
    extent = cols;
    break;
  case num::PackFormat::CSC:
    extent = rows;
    break;
  case num::PackFormat::COO:
    extent = std::max(rows, cols);
    break;
  case num::PackFormat::BCSR:
    extent = cols / s.options.blockCols;
    entries = extent * uint64_t(rows / s.options.blockRows);
    break;
  default:
    return true;
  }
  if (extent > 0 && extent - 1 > maxIndex(s.crdWidth))
    return false;
  return format == num::PackFormat::COO || entries <= maxIndex(s.posWidth);
}

struct SparqPackPass : sparq::impl::SparqPackBase<SparqPackPass> {
  using SparqPackBase::SparqPackBase;

  void runOnOperation() override;

private:
  LogicalResult packOp(Operation *op, const Settings &settings);
  LogicalResult readWeight(const WeightOperand &operand, SourceWeight &weight);
  LogicalResult rewriteConsumer(const WeightOperand &operand, Value packed,
                                bool transposed);
};

LogicalResult SparqPackPass::readWeight(const WeightOperand &operand,
                                        SourceWeight &weight) {
  Operation *op = operand.op;
  Value value = operand.getValue();
  weight.operand = operand;
  weight.shape.assign(operand.type.getShape().begin(),
                      operand.type.getShape().end());
  std::string why;
  weight.assemble = value.getDefiningOp<AssembleOp>();
  if (!weight.assemble) {
    if (!readConstantF32(value, weight.floats, &why))
      return op->emitError() << "sparq-pack: cannot read the weight: " << why;
    return success();
  }
  weight.quant = getQuant(operand.type);
  QuantAttr quant = weight.quant;
  if (!readConstantIntegers(weight.assemble.getValues(), quant.isSigned(),
                            weight.ints, &why))
    return op->emitError() << "sparq-pack: cannot read the weight values: "
                           << why;
  weight.scales = weight.assemble.getScales();
  weight.zeroPoints = weight.assemble.getZeroPoints();
  weight.codebook = weight.assemble.getCodebook();

  // The integer that stands for a real 0, per element.
  if (!computeZeroStorageValues(quant, weight.shape, weight.zeroPoints,
                                weight.codebook, weight.zeros, &why))
    return op->emitError() << "sparq-pack: cannot read the quantization "
                              "parameters: "
                           << why;
  return success();
}

LogicalResult SparqPackPass::rewriteConsumer(const WeightOperand &operand,
                                             Value packed, bool transposed) {
  Operation *op = operand.op;
  if (isa<MatmulOp, Conv2DOp>(op)) {
    op->setOperand(operand.operandNumber, packed);
    if (transposed)
      cast<MatmulOp>(op).setTransposeB(true);
    return success();
  }

  Type acc =
      cast<RankedTensorType>(op->getResult(0).getType()).getElementType();
  return replaceLinalgContraction(op, operand.operandNumber, packed, acc,
                                  transposed, "sparq-pack");
}

LogicalResult SparqPackPass::packOp(Operation *op, const Settings &settings) {
  std::optional<WeightOperand> operand =
      findWeightOperand(op, isPackableWeight);
  if (!operand)
    operand = findBatchedLhsWeight(op, isPackableWeight);
  if (!operand) {
    // A weight already packed, narrowed to another float type, or raw
    // integers: say so instead of skipping it.
    // As in --sparq-quantize: a constant weight whose axes the pass cannot
    // tell (custom indexing maps) is an error, not a skip.
    if (hasUndescribableConstantWeight(op)) {
      std::string whyNot;
      findWeightOperand(op, &whyNot);
      return op->emitError() << "sparq-pack: " << whyNot;
    }
    if (std::optional<std::string> what = describeRewrittenWeight(op))
      return op->emitError()
             << "sparq-pack: cannot pack the weight: it " << *what
             << (hasPackedWeight(op)
                     ? "; pack each weight once (restrict repeated runs with "
                       "ops=)"
                     : "; --sparq-pack stores f32 weights and the dense "
                       "quantized weights of --sparq-quantize");
    return success();
  }
  SourceWeight weight;
  if (failed(readWeight(*operand, weight)))
    return failure();

  MLIRContext *ctx = op->getContext();
  int64_t rank = weight.shape.size();
  bool isConv = operand->inputChannelAxis.has_value();
  bool fchw = isConv && operand->outputAxis == 0;
  // Matrix view: an FCHW filter is [F, C*KH*KW]; everything else is the
  // default [first rank-1 dims, last dim].
  unsigned rowDims = fchw ? 1 : 0;
  auto matrixOf = [&](ArrayRef<int64_t> shape) {
    unsigned split = rowDims ? rowDims : shape.size() - 1;
    int64_t rows = 1, cols = 1;
    for (auto [i, d] : llvm::enumerate(shape))
      (i < split ? rows : cols) *= d;
    return std::make_pair(rows, cols);
  };
  int64_t rows, cols;
  std::tie(rows, cols) = matrixOf(weight.shape);
  // nm groups run along the columns, which must be the reduction. A matrix
  // weight with its output channels last is stored transposed.
  bool outputLast = operand->outputAxis == rank - 1;
  bool canTranspose = outputLast && !isConv;
  bool nmPossible = !outputLast || canTranspose;

  // The data in the nm view (transposed when needed).
  SmallVector<int64_t> nmShape(weight.shape);
  std::vector<float> nmFloats;
  std::vector<int32_t> nmInts, nmZeros;
  auto makeNMView = [&]() {
    if (!canTranspose)
      return;
    std::swap(nmShape[rank - 2], nmShape[rank - 1]);
    if (weight.isQuantized()) {
      nmInts = swapLastTwoAxes(weight.ints, weight.shape);
      nmZeros = swapLastTwoAxes(weight.zeros, weight.shape);
    } else {
      nmFloats = swapLastTwoAxes(weight.floats, weight.shape);
    }
  };

  num::PackWidths widths{weight.getValueBits(), settings.posWidth,
                         settings.crdWidth, settings.metaWidth};
  // Statistics of the plain view or of the nm view.
  auto stats = [&](bool nmView, const num::PackOptions &options) {
    bool swapped = nmView && canTranspose;
    auto [r, c] = matrixOf(swapped ? ArrayRef<int64_t>(nmShape)
                                   : ArrayRef<int64_t>(weight.shape));
    if (weight.isQuantized())
      return num::computeMatrixStats((swapped ? nmInts : weight.ints).data(),
                                     (swapped ? nmZeros : weight.zeros).data(),
                                     r, c, options);
    return num::computeMatrixStats((swapped ? nmFloats : weight.floats).data(),
                                   static_cast<const float *>(nullptr), r, c,
                                   options);
  };

  // Choose the format.
  num::PackFormat format;
  if (settings.format) {
    format = *settings.format;
    if (format == num::PackFormat::NM && !nmPossible)
      return op->emitError()
             << "sparq-pack: cannot store the HWCF filter " << operand->type
             << " as nm: its matrix [KH*KW*C, F] has the output channels "
                "along the columns, and N:M groups run along the columns "
                "(use the nchw_fchw layout, whose [F, C*KH*KW] matrix groups "
                "the reduction)";
    if (format == num::PackFormat::NM)
      makeNMView();
  } else {
    num::MatrixStats plain = stats(false, settings.options);
    std::optional<num::MatrixStats> nmStats;
    if (nmPossible) {
      makeNMView();
      nmStats = stats(true, settings.options);
    }
    std::optional<uint64_t> best;
    format = num::PackFormat::Dense;
    for (num::PackFormat candidate :
         {num::PackFormat::Dense, num::PackFormat::CSR, num::PackFormat::CSC,
          num::PackFormat::COO, num::PackFormat::Bitmap, num::PackFormat::NM,
          num::PackFormat::BCSR}) {
      bool isNM = candidate == num::PackFormat::NM;
      if (isNM && !nmStats)
        continue;
      const num::MatrixStats &s = isNM ? *nmStats : plain;
      if (!indicesFit(candidate, s.rows, s.cols, settings))
        continue;
      std::optional<uint64_t> bytes =
          num::predictPackedBytes(candidate, s, settings.options, widths);
      if (bytes && (!best || *bytes < *best)) {
        best = bytes;
        format = candidate;
      }
    }
  }
  // A weight that stays dense at its stored size is left alone.
  if (format == num::PackFormat::Dense && weight.getValueBits() >= 8)
    return success();

  bool transposed = format == num::PackFormat::NM && canTranspose;
  SmallVector<int64_t> shape = transposed ? nmShape : weight.shape;
  std::tie(rows, cols) = matrixOf(shape);
  QuantAttr quant =
      transposed ? swapQuantAxes(weight.quant, rank) : weight.quant;

  // The encoding; its verifier checks the shape and the index widths.
  std::optional<PruneStructure> structure;
  if (auto attr = op->getAttrOfType<PruneStructureAttr>("sparq.structure"))
    structure = attr.getValue();
  bool usesIndices =
      format == num::PackFormat::CSR || format == num::PackFormat::CSC ||
      format == num::PackFormat::COO || format == num::PackFormat::BCSR;
  bool isNM = format == num::PackFormat::NM;
  bool isBCSR = format == num::PackFormat::BCSR;
  auto encoding = EncodingAttr::get(
      ctx, toFormatKind(format), isNM ? settings.options.n : 0,
      isNM ? settings.options.m : 0, isBCSR ? settings.options.blockRows : 0,
      isBCSR ? settings.options.blockCols : 0,
      usesIndices ? settings.posWidth : 32,
      usesIndices ? settings.crdWidth : 32, isNM ? settings.metaWidth : 0,
      format == num::PackFormat::Dense ? 0 : rowDims, structure, quant);
  Type element = weight.isQuantized()
                     ? Type(IntegerType::get(ctx, quant.getBits()))
                     : Type(Float32Type::get(ctx));
  StringRef formatName = num::getPackFormatName(format);

  // Build the parts with the numerics library.
  num::PackOptions options = settings.options;
  options.format = format;
  num::PackedMatrix<float> packedFloats;
  num::PackedMatrix<int32_t> packedInts;
  std::string error;
  if (weight.isQuantized())
    error = num::packMatrix(transposed ? nmInts.data() : weight.ints.data(),
                            transposed ? nmZeros.data() : weight.zeros.data(),
                            rows, cols, options, packedInts);
  else
    error = num::packMatrix(transposed ? nmFloats.data() : weight.floats.data(),
                            static_cast<const float *>(nullptr), rows, cols,
                            options, packedFloats);
  if (!error.empty()) {
    InFlightDiagnostic diag = op->emitError()
                              << "sparq-pack: cannot store the weight "
                              << operand->type << " as " << formatName
                              << (transposed ? " (transposed to [N, K])" : "")
                              << ": " << error;
    if (isNM && error.find("nonzeros") != std::string::npos)
      diag << "; run --sparq-prune=structure=nm n=" << options.n
           << " m=" << options.m << " first";
    return diag;
  }
  if (failed(encoding.verifyEncoding(shape, element, [&] {
        return op->emitError() << "sparq-pack: cannot store the weight "
                               << operand->type << " as " << formatName << ": ";
      })))
    return failure();
  RankedTensorType type = getCompressedType(shape, element, encoding);

  int64_t stored = weight.isQuantized() ? packedInts.getNumStored()
                                        : packedFloats.getNumStored();
  std::string prefix = namePrefix(op);
  OpBuilder builder(op);
  Location loc = operand->getValue().getLoc();
  // A constant part of `partType`'s element type with `shape`: sub-byte
  // integers as packed bytes read by sparq.from_bytes.
  auto intPart = [&](ArrayRef<int64_t> partShape, unsigned bits,
                     const auto &values, StringRef suffix) -> Value {
    auto partType =
        RankedTensorType::get(partShape, IntegerType::get(ctx, bits));
    std::vector<int64_t> wide(values.begin(), values.end());
    return createIntegerConstant(builder, loc, partType, wide,
                                 prefix + "_" + suffix.str());
  };
  auto valuesPart = [&](ArrayRef<int64_t> partShape) -> Value {
    if (weight.isQuantized())
      return intPart(partShape, quant.getBits(), packedInts.values, "values");
    auto partType = RankedTensorType::get(partShape, element);
    return createResourceConstant(
        builder, loc, partType,
        ArrayRef<char>(
            reinterpret_cast<const char *>(packedFloats.values.data()),
            packedFloats.values.size() * sizeof(float)),
        prefix + "_values");
  };
  const std::vector<uint64_t> &positions =
      weight.isQuantized() ? packedInts.positions : packedFloats.positions;
  const std::vector<uint64_t> &coordinates =
      weight.isQuantized() ? packedInts.coordinates : packedFloats.coordinates;
  const std::vector<uint64_t> &bitmap =
      weight.isQuantized() ? packedInts.bitmap : packedFloats.bitmap;
  const std::vector<uint64_t> &metadata =
      weight.isQuantized() ? packedInts.metadata : packedFloats.metadata;
  int64_t count = static_cast<int64_t>(positions.size());

  Value values, positionsValue, coordinatesValue, bitmapValue, metadataValue;
  switch (format) {
  case num::PackFormat::Dense:
    values = valuesPart(shape);
    break;
  case num::PackFormat::CSR:
  case num::PackFormat::CSC:
  case num::PackFormat::BCSR:
    if (isBCSR)
      values = valuesPart({stored / (options.blockRows * options.blockCols),
                           options.blockRows, options.blockCols});
    else
      values = valuesPart({stored});
    positionsValue =
        intPart({count}, settings.posWidth, positions, "positions");
    coordinatesValue = intPart({static_cast<int64_t>(coordinates.size())},
                               settings.crdWidth, coordinates, "coordinates");
    break;
  case num::PackFormat::COO:
    values = valuesPart({stored});
    coordinatesValue =
        intPart({stored, 2}, settings.crdWidth, coordinates, "coordinates");
    break;
  case num::PackFormat::Bitmap:
    values = valuesPart({stored});
    bitmapValue = intPart({rows, (cols + 63) / 64}, 64, bitmap, "bitmap");
    break;
  case num::PackFormat::NM: {
    int64_t kept = cols / options.m * options.n;
    values = valuesPart({rows, kept});
    metadataValue =
        intPart({rows, kept}, settings.metaWidth, metadata, "metadata");
    break;
  }
  }

  // Scales, zero points and codebooks carry over; a group granularity along
  // the swapped axes swaps them too.
  Value scales = weight.scales, zeroPoints = weight.zeroPoints,
        codebook = weight.codebook;
  if (transposed && quant && quant.getGranularity() == Granularity::Group) {
    SmallVector<int64_t> paramShape = weight.quant.getParamShape(weight.shape);
    auto swapped = [&](ArrayRef<int64_t> s) {
      SmallVector<int64_t> result(s);
      std::swap(result[rank - 2], result[rank - 1]);
      return result;
    };
    std::string why;
    if (scales) {
      std::vector<float> data;
      if (!readConstantF32(scales, data, &why))
        return op->emitError() << "sparq-pack: cannot read the scales: " << why;
      data = swapLastTwoAxes(data, paramShape);
      scales = createResourceConstant(
          builder, loc,
          RankedTensorType::get(
              swapped(paramShape),
              cast<RankedTensorType>(scales.getType()).getElementType()),
          ArrayRef<char>(reinterpret_cast<const char *>(data.data()),
                         data.size() * sizeof(float)),
          prefix + "_scales");
    }
    if (zeroPoints) {
      std::vector<int32_t> data;
      if (!readConstantIntegers(zeroPoints, true, data, &why))
        return op->emitError()
               << "sparq-pack: cannot read the zero points: " << why;
      data = swapLastTwoAxes(data, paramShape);
      zeroPoints = createResourceConstant(
          builder, loc,
          RankedTensorType::get(swapped(paramShape), IntegerType::get(ctx, 32)),
          ArrayRef<char>(reinterpret_cast<const char *>(data.data()),
                         data.size() * sizeof(int32_t)),
          prefix + "_zero_points");
    }
    if (codebook) {
      std::vector<float> data;
      if (!readConstantF32(codebook, data, &why))
        return op->emitError()
               << "sparq-pack: cannot read the codebook: " << why;
      int64_t k = int64_t(1) << quant.getBits();
      data = swapLastTwoAxes(data, paramShape, k);
      SmallVector<int64_t> cbShape = swapped(paramShape);
      cbShape.push_back(k);
      codebook = createResourceConstant(
          builder, loc, RankedTensorType::get(cbShape, Float32Type::get(ctx)),
          ArrayRef<char>(reinterpret_cast<const char *>(data.data()),
                         data.size() * sizeof(float)),
          prefix + "_codebook");
    }
  }
  Value packed = AssembleOp::create(
      builder, loc, type, values, positionsValue, coordinatesValue, bitmapValue,
      metadataValue, scales, zeroPoints, codebook);

  // Swap in the compressed weight; drop what only the old weight used.
  Value old = operand->getValue();
  if (failed(rewriteConsumer(*operand, packed, transposed)))
    return failure();
  SmallVector<Operation *> worklist = {old.getDefiningOp()};
  llvm::SmallPtrSet<Operation *, 8> erased;
  while (!worklist.empty()) {
    Operation *dead = worklist.pop_back_val();
    if (!dead || erased.contains(dead) || !isOpTriviallyDead(dead))
      continue;
    for (Value in : dead->getOperands())
      worklist.push_back(in.getDefiningOp());
    erased.insert(dead);
    dead->erase();
  }
  return success();
}

void SparqPackPass::runOnOperation() {
  ModuleOp module = getOperation();
  Settings settings;
  if (format != "auto") {
    settings.format = num::parsePackFormat(format);
    if (!settings.format) {
      module.emitError() << "sparq-pack: unknown format '" << format
                         << "' (expected auto, dense, csr, csc, coo, bitmap, "
                            "nm or bcsr)";
      return signalPassFailure();
    }
  }
  auto [blockRows, blockCols] = StringRef(block).split('x');
  if (blockRows.getAsInteger(10, settings.options.blockRows) ||
      blockCols.getAsInteger(10, settings.options.blockCols) ||
      settings.options.blockRows <= 0 || settings.options.blockCols <= 0) {
    module.emitError() << "sparq-pack: block must be written RxC with "
                          "positive sizes, got '"
                       << block << "'";
    return signalPassFailure();
  }
  if (n == 0 || n >= m) {
    module.emitError() << "sparq-pack: nm needs 0 < n < m, got n = "
                       << static_cast<unsigned>(n)
                       << ", m = " << static_cast<unsigned>(m);
    return signalPassFailure();
  }
  settings.metaWidth = EncodingAttr::getDefaultMetaWidth(m);
  if (settings.metaWidth == 0) {
    module.emitError() << "sparq-pack: m = " << static_cast<unsigned>(m)
                       << " is too large for 16-bit N:M metadata";
    return signalPassFailure();
  }
  settings.options.n = n;
  settings.options.m = m;
  for (auto [name, width] :
       {std::pair<StringRef, unsigned>{"pos-width", posWidth},
        {"crd-width", crdWidth}})
    if (width != 8 && width != 16 && width != 32 && width != 64) {
      module.emitError() << "sparq-pack: " << name
                         << " must be 8, 16, 32 or 64, got " << width;
      return signalPassFailure();
    }
  settings.posWidth = posWidth;
  settings.crdWidth = crdWidth;

  // Grouped convolutions: one ordinary convolution per group first.
  splitGroupedConvolutions(module, ops);
  checkOpsOption(module, ops, "sparq-pack");
  SmallVector<Operation *> targets = collectContractions(module, ops);
  bool failedAny = false;
  for (Operation *op : targets)
    failedAny |= failed(packOp(op, settings));
  if (failedAny)
    signalPassFailure();
}

} // namespace
