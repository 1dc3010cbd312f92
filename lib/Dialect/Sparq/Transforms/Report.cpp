//===- Report.cpp - Size and sparsity report of every weight --------------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// Reads every weight back from its parts (the same raw readers the
// compression passes use), rebuilds the dense matrix with the numerics
// library to count the zeros, and sums the bytes each part is stored in.
// Nothing is taken on trust from attributes that earlier passes left.
//
//===----------------------------------------------------------------------===//

#include "ReportDataflow.h"

#include "sparq/Dialect/Sparq/IR/SparqOps.h"
#include "sparq/Dialect/Sparq/IR/SparqTypes.h"
#include "sparq/Dialect/Sparq/Transforms/Passes.h"
#include "sparq/Dialect/Sparq/Transforms/WeightOperand.h"
#include "sparq/Numerics/Packing.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

#include "llvm/Support/raw_ostream.h"
#include <cstring>

namespace sparq {
#define GEN_PASS_DEF_SPARQREPORT
#include "sparq/Dialect/Sparq/Transforms/Passes.h.inc"
} // namespace sparq

using namespace mlir;
using namespace sparq;
namespace num = sparq::numerics;

namespace {

/// What the report says about one weight.
struct WeightEntry {
  std::string name, opName, format, structure, scheme;
  SmallVector<int64_t> shape;
  unsigned bits = 32;
  /// Negative when the data could not be read.
  double sparsity = -1;
  int64_t numElements = 0, zeros = 0;
  uint64_t bytesBefore = 0, bytesAfter = 0;
  /// Stored bytes per part, in canonical part order.
  SmallVector<std::pair<std::string, uint64_t>> parts;
};

/// The op's location name (NameLoc), or its printed location.
std::string locationName(Operation *op) {
  std::string name;
  op->getLoc()->walk([&](Location loc) {
    if (auto named = dyn_cast<NameLoc>(loc)) {
      name = named.getName().str();
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  if (name.empty())
    llvm::raw_string_ostream(name) << op->getLoc();
  return name;
}

/// The bytes a constant part is stored in: the packed bytes behind a
/// sparq.from_bytes, otherwise one element per 1, 2, 4 or 8 bytes.
uint64_t storedBytes(Value part) {
  if (auto fromBytes = part.getDefiningOp<FromBytesOp>())
    part = fromBytes.getBytes();
  auto type = cast<RankedTensorType>(part.getType());
  unsigned bits = type.getElementTypeBitWidth();
  return num::getStorageBytes(type.getNumElements(), std::max(bits, 8u));
}

/// The format as `#sparq.encoding` spells it, parameters included.
std::string formatName(EncodingAttr encoding) {
  if (!encoding)
    return "dense";
  std::string name = stringifyFormatKind(encoding.getFormat()).str();
  if (encoding.getFormat() == FormatKind::NM)
    name += llvm::formatv("<{0}, {1}>", encoding.getN(), encoding.getM());
  else if (encoding.getFormat() == FormatKind::BCSR)
    name += llvm::formatv("<{0}x{1}>", encoding.getBlockRows(),
                          encoding.getBlockCols());
  return name;
}

/// Counts the real zeros of the weight held by `assemble` (any format);
/// returns false when a part is not a readable constant.
bool countCompressedZeros(AssembleOp assemble, int64_t &zeros) {
  RankedTensorType type = assemble.getType();
  EncodingAttr encoding = getSparqEncoding(type);
  QuantAttr quant = encoding.getQuant();
  if (!type.hasStaticShape())
    return false;
  auto [rows, cols] = encoding.isDense()
                          ? std::make_pair(type.getNumElements(), int64_t(1))
                          : encoding.getMatrixShape(type.getShape());
  auto readIndices = [&](Value part, std::vector<uint64_t> &out) {
    if (!part)
      return true;
    std::vector<int64_t> data;
    if (!readConstantIntegers(part, /*isSigned=*/false, data))
      return false;
    out.assign(data.begin(), data.end());
    return true;
  };
  auto fill = [&](auto &packed) {
    packed.format = static_cast<num::PackFormat>(encoding.getFormat());
    packed.rows = rows;
    packed.cols = cols;
    packed.options.n = encoding.getN();
    packed.options.m = encoding.getM();
    packed.options.blockRows = encoding.getBlockRows();
    packed.options.blockCols = encoding.getBlockCols();
    return readIndices(assemble.getPositions(), packed.positions) &&
           readIndices(assemble.getCoordinates(), packed.coordinates) &&
           readIndices(assemble.getBitmap(), packed.bitmap) &&
           readIndices(assemble.getMetadata(), packed.metadata);
  };
  std::vector<uint8_t> stored;
  if (quant) {
    num::PackedMatrix<int32_t> packed;
    if (!fill(packed) || !readConstantIntegers(assemble.getValues(),
                                               quant.isSigned(), packed.values))
      return false;
    std::vector<int32_t> zeroValues, dense;
    if (!computeZeroStorageValues(quant, type.getShape(),
                                  assemble.getZeroPoints(),
                                  assemble.getCodebook(), zeroValues))
      return false;
    num::unpackMatrix(packed, int32_t(0), dense, &stored);
    zeros = 0;
    for (size_t i = 0; i < dense.size(); ++i)
      zeros += !stored[i] || dense[i] == zeroValues[i];
    return true;
  }
  num::PackedMatrix<float> packed;
  if (!fill(packed) || !readConstantF32(assemble.getValues(), packed.values))
    return false;
  std::vector<float> dense;
  num::unpackMatrix(packed, 0.0f, dense, &stored);
  zeros = 0;
  for (size_t i = 0; i < dense.size(); ++i)
    zeros += !stored[i] || dense[i] == 0.0f;
  return true;
}

/// Describes the weight `value` of `op`, or std::nullopt when it is neither
/// a constant nor a sparq.assemble.
std::optional<WeightEntry> describe(Operation *op, Value value) {
  auto type = cast<RankedTensorType>(value.getType());
  if (!type.hasStaticShape())
    return std::nullopt;
  WeightEntry entry;
  entry.name = locationName(op);
  entry.opName = op->getName().getStringRef().str();
  entry.shape.assign(type.getShape().begin(), type.getShape().end());
  entry.numElements = type.getNumElements();
  entry.bytesBefore = entry.numElements * sizeof(float);
  if (auto attr = op->getAttrOfType<PruneStructureAttr>("sparq.structure"))
    entry.structure = stringifyPruneStructure(attr.getValue()).str();

  if (auto assemble = value.getDefiningOp<AssembleOp>()) {
    EncodingAttr encoding = getSparqEncoding(type);
    entry.format = formatName(encoding);
    if (encoding.getStructure())
      entry.structure = stringifyPruneStructure(*encoding.getStructure()).str();
    if (QuantAttr quant = encoding.getQuant()) {
      entry.bits = quant.getBits();
      entry.scheme = stringifyQuantScheme(quant.getScheme()).str();
    } else {
      entry.bits = type.getElementTypeBitWidth();
    }
    for (const CompressedPart &part : getCompressedParts(type)) {
      Value operand = assemble.getPart(part.kind);
      uint64_t bytes = operand ? storedBytes(operand) : 0;
      entry.parts.push_back({stringifyPartKind(part.kind).str(), bytes});
      entry.bytesAfter += bytes;
    }
    if (countCompressedZeros(assemble, entry.zeros))
      entry.sparsity =
          entry.numElements ? double(entry.zeros) / entry.numElements : 0.0;
    return entry;
  }

  if (!value.getDefiningOp<arith::ConstantOp>() || type.getEncoding())
    return std::nullopt;
  entry.format = "dense";
  entry.bits = type.getElementTypeBitWidth();
  entry.bytesAfter = storedBytes(value);
  entry.parts.push_back({"values", entry.bytesAfter});
  bool read = false;
  if (type.getElementType().isF32()) {
    std::vector<float> data;
    if ((read = readConstantF32(value, data)))
      entry.zeros =
          entry.numElements -
          num::countNonzeros(data.data(), static_cast<const float *>(nullptr),
                             entry.numElements);
  } else if (isa<IntegerType>(type.getElementType()) && entry.bits <= 32) {
    std::vector<int32_t> data;
    if ((read = readConstantIntegers(value, /*isSigned=*/false, data)))
      entry.zeros =
          entry.numElements -
          num::countNonzeros(data.data(), static_cast<const int32_t *>(nullptr),
                             entry.numElements);
  } else if (auto dense = dyn_cast<DenseFPElementsAttr>(
                 value.getDefiningOp<arith::ConstantOp>().getValue())) {
    // Narrow floats (f16, bf16, f8, f64): a zero of either sign has every
    // bit but the sign bit clear; scan the raw storage.
    unsigned width = dense.getElementType().getIntOrFloatBitWidth();
    if (width % 8 == 0 && width <= 64) {
      read = true;
      unsigned bytes = width / 8;
      uint64_t magnitude =
          (width == 64 ? ~uint64_t(0) : (uint64_t(1) << width) - 1) >> 1;
      ArrayRef<char> raw = dense.getRawData();
      int64_t stored = dense.isSplat() ? 1 : entry.numElements;
      int64_t zeros = 0;
      for (int64_t i = 0; i < stored; ++i) {
        uint64_t bits = 0;
        std::memcpy(&bits, raw.data() + i * bytes, bytes); // little-endian
        zeros += (bits & magnitude) == 0;
      }
      entry.zeros = dense.isSplat() ? zeros * entry.numElements : zeros;
    }
  }
  if (read)
    entry.sparsity =
        entry.numElements ? double(entry.zeros) / entry.numElements : 0.0;
  return entry;
}

llvm::json::Object toJSON(const WeightEntry &entry) {
  llvm::json::Object object;
  object["name"] = entry.name;
  object["op"] = entry.opName;
  object["shape"] = llvm::json::Array(entry.shape);
  object["structure"] = entry.structure.empty()
                            ? llvm::json::Value(nullptr)
                            : llvm::json::Value(entry.structure);
  object["sparsity"] = entry.sparsity < 0 ? llvm::json::Value(nullptr)
                                          : llvm::json::Value(entry.sparsity);
  object["zeros"] = entry.zeros;
  object["elements"] = entry.numElements;
  object["bits"] = static_cast<int64_t>(entry.bits);
  object["quant"] = entry.scheme.empty() ? llvm::json::Value(nullptr)
                                         : llvm::json::Value(entry.scheme);
  object["format"] = entry.format;
  object["bytes_before"] = static_cast<int64_t>(entry.bytesBefore);
  object["bytes_after"] = static_cast<int64_t>(entry.bytesAfter);
  object["compression_ratio"] =
      entry.bytesAfter ? double(entry.bytesBefore) / entry.bytesAfter : 0.0;
  llvm::json::Object parts;
  for (const auto &[name, bytes] : entry.parts)
    parts[name] = static_cast<int64_t>(bytes);
  object["parts"] = std::move(parts);
  return object;
}

struct SparqReportPass : sparq::impl::SparqReportBase<SparqReportPass> {
  using SparqReportBase::SparqReportBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (file.empty() && !summary) {
      module.emitError("sparq-report: nothing to write: give file=F.json "
                       "(- for stdout) and/or summary=true");
      return signalPassFailure();
    }
    DataflowAnalysisOptions dataflowOptions;
    std::string why = makeDataflowAnalysisOptions(
        assumedDensity, cacheBytes, bandwidth, cacheBandwidth, computeRate,
        vectorBits, gemmRate, entryOverhead, denseAlternative, dataflowOptions);
    if (!why.empty()) {
      module.emitError() << "sparq-report: " << why;
      return signalPassFailure();
    }
    std::vector<DataflowEntry> dataflows;
    bool unreadable = false;
    module.walk([&](Operation *op) {
      if (!isa<MatmulOp, Conv2DOp>(op))
        return;
      if (std::optional<DataflowEntry> entry =
              describeDataflows(op, locationName(op), dataflowOptions))
        dataflows.push_back(std::move(*entry));
      else
        unreadable = true;
    });
    if (unreadable)
      return signalPassFailure();

    std::vector<WeightEntry> entries;
    // A weight value shared by several ops is one weight: listed and counted
    // once (at its first consumer).
    llvm::DenseSet<Value> seen;
    module.walk([&](Operation *op) {
      if (!isa<linalg::MatmulOp, linalg::BatchMatmulOp, linalg::MatvecOp,
               linalg::Conv2DNhwcHwcfOp, linalg::Conv2DNchwFchwOp, MatmulOp,
               Conv2DOp>(op))
        return;
      auto isWeight = [](Value v) {
        return v.getDefiningOp<arith::ConstantOp>() ||
               v.getDefiningOp<AssembleOp>();
      };
      std::optional<WeightOperand> weight = findWeightOperand(op, isWeight);
      if (!weight)
        weight = findBatchedLhsWeight(op, isWeight);
      if (!weight || !seen.insert(weight->getValue()).second)
        return;
      if (std::optional<WeightEntry> entry = describe(op, weight->getValue()))
        entries.push_back(std::move(*entry));
    });

    uint64_t before = 0, after = 0;
    int64_t zeros = 0, elements = 0;
    llvm::json::Array weights;
    for (const WeightEntry &entry : entries) {
      before += entry.bytesBefore;
      after += entry.bytesAfter;
      zeros += entry.zeros;
      elements += entry.numElements;
      weights.push_back(toJSON(entry));
    }
    llvm::json::Object totals;
    totals["weights"] = static_cast<int64_t>(entries.size());
    totals["elements"] = elements;
    totals["zeros"] = zeros;
    totals["sparsity"] = elements ? double(zeros) / elements : 0.0;
    totals["bytes_before"] = static_cast<int64_t>(before);
    totals["bytes_after"] = static_cast<int64_t>(after);
    totals["compression_ratio"] = after ? double(before) / after : 0.0;
    llvm::json::Array dataflowArray;
    for (const DataflowEntry &entry : dataflows)
      dataflowArray.push_back(toJSON(entry));
    llvm::json::Object report;
    report["dataflows"] = std::move(dataflowArray);
    report["weights"] = std::move(weights);
    report["totals"] = std::move(totals);
    llvm::json::Value json(std::move(report));

    if (file.empty()) {
      // summary only
    } else if (file == "-") {
      llvm::outs() << llvm::formatv("{0:2}", json) << "\n";
    } else {
      std::error_code error;
      llvm::raw_fd_ostream os(file, error, llvm::sys::fs::OF_Text);
      if (error) {
        module.emitError() << "sparq-report: cannot write '" << file
                           << "': " << error.message();
        return signalPassFailure();
      }
      os << llvm::formatv("{0:2}", json) << "\n";
    }
    if (summary) {
      printSummary(entries, before, after, zeros, elements);
      printDataflowSummary(dataflows, llvm::outs());
    }
    markAllAnalysesPreserved();
  }

  void printSummary(ArrayRef<WeightEntry> entries, uint64_t before,
                    uint64_t after, int64_t zeros, int64_t elements) {
    llvm::raw_ostream &os = llvm::outs();
    os << llvm::formatv("{0,-16} {1,-14} {2,-12} {3,4} {4,8} {5,10} {6,10} "
                        "{7,7}\n",
                        "weight", "shape", "format", "bits", "sparsity",
                        "before", "after", "ratio");
    for (const WeightEntry &e : entries) {
      std::string shape;
      llvm::raw_string_ostream s(shape);
      llvm::interleave(e.shape, s, "x");
      std::string sparsity =
          e.sparsity < 0 ? "?" : llvm::formatv("{0:P1}", e.sparsity).str();
      os << llvm::formatv("{0,-16} {1,-14} {2,-12} {3,4} {4,8} {5,10} {6,10} "
                          "{7,7:F2}x\n",
                          e.name, shape, e.format, e.bits, sparsity,
                          e.bytesBefore, e.bytesAfter,
                          e.bytesAfter ? double(e.bytesBefore) / e.bytesAfter
                                       : 0.0);
    }
    os << llvm::formatv(
        "{0,-16} {1,-14} {2,-12} {3,4} {4,8} {5,10} {6,10} "
        "{7,7:F2}x\n",
        "total", "", "", "",
        llvm::formatv("{0:P1}", elements ? double(zeros) / elements : 0.0)
            .str(),
        before, after, after ? double(before) / after : 0.0);
  }
};

} // namespace
