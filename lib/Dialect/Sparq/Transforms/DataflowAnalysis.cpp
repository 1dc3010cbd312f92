//===- DataflowAnalysis.cpp - Counts and cost of each dataflow of an op ---===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// The pattern of a constant compressed operand is read from its index parts
// as raw integer buffers (never per element through attributes): every
// stored entry becomes a flat row-major index of the tensor, which is then
// mapped to its (batch, row, column) in the im2col operand matrix and
// bucketed into CSR rows. That is linear in the stored entries, plus a sort
// of each row.
//
//===----------------------------------------------------------------------===//

#include "sparq/Dialect/Sparq/Transforms/DataflowAnalysis.h"
#include "sparq/Dialect/Sparq/IR/SparqOps.h"
#include "sparq/Dialect/Sparq/IR/SparqTypes.h"
#include "sparq/Dialect/Sparq/Transforms/WeightOperand.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/TargetParser/Host.h"

#include <algorithm>
#include <cmath>

using namespace mlir;
using namespace sparq;
using cost::OperandPattern;
using SparsityPattern = sparq::cost::Pattern;

Dataflow sparq::toDataflow(cost::DataflowKind kind) {
  switch (kind) {
  case cost::DataflowKind::Inner:
    return Dataflow::Inner;
  case cost::DataflowKind::Outer:
    return Dataflow::Outer;
  case cost::DataflowKind::Row:
    return Dataflow::Row;
  case cost::DataflowKind::Dense:
    return Dataflow::Dense;
  }
  return Dataflow::Row;
}

std::string sparq::makeDataflowAnalysisOptions(
    double assumedDensity, int64_t cacheBytes, double bandwidth,
    double cacheBandwidth, double computeRate, unsigned vectorBits,
    double gemmRate, double entryOverhead, bool denseAlternative,
    DataflowAnalysisOptions &options) {
  if (!(assumedDensity >= 0.0 && assumedDensity <= 1.0))
    return llvm::formatv("assumed-density={0} must be in [0, 1]",
                         assumedDensity);
  if (cacheBytes < 0)
    return llvm::formatv("cache-bytes={0} must not be negative", cacheBytes);
  if (!(bandwidth > 0.0) || !std::isfinite(bandwidth))
    return llvm::formatv("bandwidth={0} must be a positive number of GB/s",
                         bandwidth);
  if (!(cacheBandwidth > 0.0) || !std::isfinite(cacheBandwidth))
    return llvm::formatv(
        "cache-bandwidth={0} must be a positive number of GB/s",
        cacheBandwidth);
  if (!(computeRate > 0.0) || !std::isfinite(computeRate))
    return llvm::formatv("compute-rate={0} must be a positive number of "
                         "operations per ns",
                         computeRate);
  if (!(gemmRate > 0.0) || !std::isfinite(gemmRate))
    return llvm::formatv("gemm-rate={0} must be a positive number of "
                         "multiply-accumulates per ns",
                         gemmRate);
  if (!(entryOverhead >= 0.0) || !std::isfinite(entryOverhead))
    return llvm::formatv("entry-overhead={0} must be a non-negative number of "
                         "vector steps",
                         entryOverhead);
  // 0: the host's width, as --sparq-to-llvm's vector-lanes=0 (512 bits with
  // AVX-512F, else 256).
  if (vectorBits == 0) {
    llvm::StringMap<bool> features = llvm::sys::getHostCPUFeatures();
    auto it = features.find("avx512f");
    vectorBits = it != features.end() && it->second ? 512 : 256;
  }
  if (vectorBits < 8 || vectorBits % 8 != 0)
    return llvm::formatv("vector-bits={0} must be a positive multiple of 8 "
                         "(or 0: the host's)",
                         vectorBits);
  options.assumedDensity = assumedDensity;
  options.machine.cacheBytes = double(cacheBytes);
  options.machine.bandwidthGBs = bandwidth;
  options.machine.cacheBandwidthGBs = cacheBandwidth;
  options.machine.macsPerNs = computeRate;
  options.machine.vectorBits = vectorBits;
  options.machine.gemmMacsPerNs = gemmRate;
  options.machine.entryOverhead = entryOverhead;
  options.denseAlternative = denseAlternative;
  return "";
}

namespace {

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

/// Bytes per stored entry of a `rows x cols` matrix in `encoding` with `nnz`
/// stored entries of `valueBits` bits: the value plus the entry's share of
/// the index arrays (positions, coordinates, bitmap words, N:M metadata).
double bytesPerEntry(EncodingAttr encoding, double valueBits, double rows,
                     double cols, double nnz) {
  double indexBits = 0;
  if (encoding && !encoding.isDense()) {
    double pos = encoding.getPosWidth() ? encoding.getPosWidth() : 32;
    double crd = encoding.getCrdWidth() ? encoding.getCrdWidth() : 32;
    switch (encoding.getFormat()) {
    case FormatKind::Dense:
      break;
    case FormatKind::CSR:
      indexBits = crd * nnz + pos * (rows + 1);
      break;
    case FormatKind::CSC:
      indexBits = crd * nnz + pos * (cols + 1);
      break;
    case FormatKind::COO:
      indexBits = 2 * crd * nnz;
      break;
    case FormatKind::Bitmap:
      indexBits = rows * std::ceil(cols / 64) * 64;
      break;
    case FormatKind::NM: {
      double meta = encoding.getMetaWidth()
                        ? encoding.getMetaWidth()
                        : EncodingAttr::getDefaultMetaWidth(encoding.getM());
      indexBits = meta * nnz;
      break;
    }
    case FormatKind::BCSR: {
      double block = double(encoding.getBlockRows()) * encoding.getBlockCols();
      indexBits = crd * nnz / block + pos * (rows / encoding.getBlockRows() + 1);
      break;
    }
    }
  }
  if (nnz <= 0)
    return valueBits / 8;
  return (valueBits * nnz + indexBits) / 8 / nnz;
}

/// Why the stored entries of a constant could not be read.
enum class ReadStatus { Ok, NotConstant, Malformed };

/// Appends the flat row-major tensor index of every entry the parts of
/// `assemble` store (matrix view `rows x cols`). Index parts that are not
/// constants give NotConstant; indices that do not describe the matrix give
/// Malformed with `why` set.
ReadStatus readStoredEntries(AssembleOp assemble, EncodingAttr encoding,
                             int64_t rows, int64_t cols,
                             std::vector<int64_t> &flat, std::string &why) {
  auto read = [&](Value part, std::vector<int64_t> &out) {
    return part && readConstantIntegers(part, /*isSigned=*/false, out);
  };
  auto bad = [&](const std::string &message) {
    why = message;
    return ReadStatus::Malformed;
  };
  auto checkPositions = [&](const std::vector<int64_t> &pos, int64_t count,
                            int64_t stored) -> std::string {
    if (static_cast<int64_t>(pos.size()) != count + 1)
      return "has " + std::to_string(pos.size()) + " positions, expected " +
             std::to_string(count + 1);
    if (pos[0] != 0)
      return "positions do not start at 0";
    for (int64_t i = 0; i < count; ++i)
      if (pos[i + 1] < pos[i])
        return "positions decrease at " + std::to_string(i);
    if (pos[count] > stored)
      return "positions end at " + std::to_string(pos[count]) + " but only " +
             std::to_string(stored) + " coordinates are stored";
    return "";
  };
  std::vector<int64_t> pos, crd;
  switch (encoding.getFormat()) {
  case FormatKind::Dense:
    return ReadStatus::NotConstant; // handled as a dense operand
  case FormatKind::CSR:
  case FormatKind::CSC: {
    bool csr = encoding.getFormat() == FormatKind::CSR;
    int64_t outer = csr ? rows : cols, inner = csr ? cols : rows;
    if (!read(assemble.getPositions(), pos) ||
        !read(assemble.getCoordinates(), crd))
      return ReadStatus::NotConstant;
    if (std::string e = checkPositions(pos, outer, crd.size()); !e.empty())
      return bad(e);
    for (int64_t o = 0; o < outer; ++o)
      for (int64_t i = pos[o]; i < pos[o + 1]; ++i) {
        if (crd[i] < 0 || crd[i] >= inner)
          return bad(llvm::formatv("coordinate {0} of {1} {2} is out of range "
                                   "[0, {3})",
                                   crd[i], csr ? "row" : "column", o, inner));
        flat.push_back(csr ? o * cols + crd[i] : crd[i] * cols + o);
      }
    return ReadStatus::Ok;
  }
  case FormatKind::COO: {
    if (!read(assemble.getCoordinates(), crd))
      return ReadStatus::NotConstant;
    for (size_t i = 0; i + 1 < crd.size(); i += 2) {
      if (crd[i] < 0 || crd[i] >= rows || crd[i + 1] < 0 ||
          crd[i + 1] >= cols)
        return bad(llvm::formatv("coordinate ({0}, {1}) is out of range",
                                 crd[i], crd[i + 1]));
      flat.push_back(crd[i] * cols + crd[i + 1]);
    }
    return ReadStatus::Ok;
  }
  case FormatKind::Bitmap: {
    std::vector<int64_t> words;
    if (!read(assemble.getBitmap(), words))
      return ReadStatus::NotConstant;
    int64_t perRow = (cols + 63) / 64;
    if (static_cast<int64_t>(words.size()) != rows * perRow)
      return bad("bitmap has " + std::to_string(words.size()) +
                 " words, expected " + std::to_string(rows * perRow));
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t w = 0; w < perRow; ++w) {
        uint64_t bits = static_cast<uint64_t>(words[r * perRow + w]);
        while (bits) {
          int64_t c = w * 64 + llvm::countr_zero(bits);
          bits &= bits - 1;
          if (c >= cols)
            return bad(llvm::formatv("bitmap bit {0} of row {1} is beyond the "
                                     "{2} columns",
                                     c, r, cols));
          flat.push_back(r * cols + c);
        }
      }
    return ReadStatus::Ok;
  }
  case FormatKind::NM: {
    std::vector<int64_t> meta;
    if (!read(assemble.getMetadata(), meta))
      return ReadStatus::NotConstant;
    int64_t n = encoding.getN(), m = encoding.getM();
    int64_t perRow = cols / m * n;
    if (static_cast<int64_t>(meta.size()) != rows * perRow)
      return bad("metadata has " + std::to_string(meta.size()) +
                 " entries, expected " + std::to_string(rows * perRow));
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t j = 0; j < perRow; ++j) {
        int64_t position = meta[r * perRow + j];
        if (position < 0 || position >= m)
          return bad(llvm::formatv("metadata {0} at row {1} is not a position "
                                   "in a group of {2}",
                                   position, r, m));
        flat.push_back(r * cols + (j / n) * m + position);
      }
    return ReadStatus::Ok;
  }
  case FormatKind::BCSR: {
    int64_t br = encoding.getBlockRows(), bc = encoding.getBlockCols();
    if (!read(assemble.getPositions(), pos) ||
        !read(assemble.getCoordinates(), crd))
      return ReadStatus::NotConstant;
    if (std::string e = checkPositions(pos, rows / br, crd.size()); !e.empty())
      return bad(e);
    for (int64_t b = 0; b < rows / br; ++b)
      for (int64_t i = pos[b]; i < pos[b + 1]; ++i) {
        if (crd[i] < 0 || crd[i] >= cols / bc)
          return bad(llvm::formatv("block column {0} of block row {1} is out "
                                   "of range [0, {2})",
                                   crd[i], b, cols / bc));
        for (int64_t r = 0; r < br; ++r)
          for (int64_t c = 0; c < bc; ++c)
            flat.push_back((b * br + r) * cols + crd[i] * bc + c);
      }
    return ReadStatus::Ok;
  }
  }
  return ReadStatus::NotConstant;
}

/// Where the stored entry with flat tensor index `flat` lands in the
/// operand matrix: batch, row, column.
using EntryMap = llvm::function_ref<void(int64_t flat, int64_t &batch,
                                         int64_t &row, int64_t &col)>;

/// Buckets `flat` into one CSR pattern per batch; fails (with `why`) on a
/// repeated entry.
bool buildPatterns(ArrayRef<int64_t> flat, int64_t batches, int64_t rows,
                   int64_t cols, EntryMap map, std::vector<SparsityPattern> &patterns,
                   std::string &why) {
  std::vector<int64_t> rowStart(batches * rows + 1, 0);
  std::vector<std::pair<int64_t, int64_t>> placed(flat.size());
  for (size_t i = 0; i < flat.size(); ++i) {
    int64_t b, r, c;
    map(flat[i], b, r, c);
    placed[i] = {b * rows + r, c};
    ++rowStart[b * rows + r + 1];
  }
  for (int64_t i = 0; i < batches * rows; ++i)
    rowStart[i + 1] += rowStart[i];
  std::vector<int64_t> columns(flat.size());
  std::vector<int64_t> fill(rowStart.begin(), rowStart.end() - 1);
  for (auto [globalRow, c] : placed)
    columns[fill[globalRow]++] = c;
  patterns.assign(batches, SparsityPattern());
  for (int64_t b = 0; b < batches; ++b) {
    SparsityPattern &p = patterns[b];
    p.rows = rows;
    p.cols = cols;
    int64_t base = rowStart[b * rows];
    p.rowPtr.resize(rows + 1);
    for (int64_t r = 0; r <= rows; ++r)
      p.rowPtr[r] = rowStart[b * rows + r] - base;
    p.colIdx.assign(columns.begin() + base,
                    columns.begin() + rowStart[(b + 1) * rows]);
    for (int64_t r = 0; r < rows; ++r) {
      auto begin = p.colIdx.begin() + p.rowPtr[r],
           end = p.colIdx.begin() + p.rowPtr[r + 1];
      std::sort(begin, end);
      if (std::adjacent_find(begin, end) != end) {
        why = llvm::formatv("entry ({0}, {1}) of the operand matrix is stored "
                            "twice",
                            r, *std::adjacent_find(begin, end));
        return false;
      }
    }
  }
  return true;
}

bool isConstantValue(Value value) {
  if (value.getDefiningOp<arith::ConstantOp>())
    return true;
  auto assemble = value.getDefiningOp<AssembleOp>();
  if (!assemble)
    return false;
  return llvm::all_of(assemble->getOperands(), [](Value part) {
    Operation *def = part.getDefiningOp();
    if (auto fromBytes = dyn_cast_or_null<FromBytesOp>(def))
      def = fromBytes.getBytes().getDefiningOp();
    return def && isa<arith::ConstantOp>(def);
  });
}

/// One operand of the im2col matmul: its description and its pattern per
/// batch.
struct OperandModel {
  DataflowOperand info;
  std::vector<OperandPattern> patterns; // one per batch, or one shared
};

/// Describes `value`, the operand of `op` that is the `rows x cols` matrix
/// (`batches` of them). With `map`, a constant compressed operand's exact
/// pattern is read; without it (a conv input, whose im2col repeats entries)
/// a constant's stored fraction is used as its density.
FailureOr<OperandModel> modelOperand(Operation *op, unsigned operandNumber,
                                     int64_t batches, int64_t rows,
                                     int64_t cols, EntryMap *map,
                                     const DataflowAnalysisOptions &options) {
  Value value = op->getOperand(operandNumber);
  auto type = cast<RankedTensorType>(value.getType());
  EncodingAttr encoding = getSparqEncoding(type);
  OperandModel model;
  DataflowOperand &info = model.info;
  info.format = formatName(encoding);
  info.constant = isConstantValue(value);
  double valueBits = type.getElementTypeBitWidth();
  double entries = double(rows) * double(cols);
  auto finish = [&](double nnz, bool denseLayout) {
    info.nnz = nnz;
    info.density = entries > 0 ? nnz / entries : 1.0;
    info.storage.denseLayout = denseLayout;
    info.storage.valueBytes = valueBits / 8;
    info.storage.constant = info.constant && !denseLayout;
    info.storage.bytesPerEntry =
        bytesPerEntry(encoding, valueBits, double(rows), double(cols), nnz);
    return model;
  };
  if (!encoding || encoding.isDense()) {
    model.patterns.push_back(OperandPattern::dense(rows, cols));
    return finish(entries, true);
  }

  auto assemble = value.getDefiningOp<AssembleOp>();
  if (assemble && info.constant) {
    auto [matRows, matCols] = encoding.getMatrixShape(type.getShape());
    std::vector<int64_t> flat;
    std::string why;
    ReadStatus status =
        readStoredEntries(assemble, encoding, matRows, matCols, flat, why);
    if (status == ReadStatus::Malformed)
      return op->emitError() << "cannot read the sparsity pattern of operand #"
                             << operandNumber << " (" << info.format
                             << "): " << why;
    if (status == ReadStatus::Ok) {
      double nnz = double(flat.size()) / double(batches);
      if (!map) {
        double density =
            type.getNumElements() ? double(flat.size()) / type.getNumElements()
                                  : 0.0;
        model.patterns.push_back(
            OperandPattern::assumed(rows, cols, density));
        return finish(density * entries, false);
      }
      std::vector<SparsityPattern> patterns;
      if (!buildPatterns(flat, batches, rows, cols, *map, patterns, why))
        return op->emitError() << "cannot read the sparsity pattern of "
                                  "operand #"
                               << operandNumber << " (" << info.format
                               << "): " << why;
      for (SparsityPattern &p : patterns)
        model.patterns.push_back(OperandPattern::fromPattern(std::move(p)));
      return finish(nnz, false);
    }
  }
  // A run-time (or not readable) sparse operand: N:M fixes its density,
  // other formats take the assumption.
  info.constant = false;
  double density =
      encoding.getFormat() == FormatKind::NM
          ? double(encoding.getN()) / double(encoding.getM())
          : options.assumedDensity;
  model.patterns.push_back(OperandPattern::assumed(rows, cols, density));
  return finish(density * entries, false);
}

double elementBytes(Type type) {
  Type element = getElementTypeOrSelf(type);
  return element.isIntOrFloat() ? element.getIntOrFloatBitWidth() / 8.0 : 4.0;
}

} // namespace

FailureOr<DataflowAnalysis>
sparq::analyzeDataflows(Operation *op, const DataflowAnalysisOptions &options) {
  DataflowAnalysis result;
  for (Value v : op->getOperands())
    if (!cast<RankedTensorType>(v.getType()).hasStaticShape())
      return op->emitError()
             << "the dataflow cost model needs static shapes, got "
             << v.getType();
  FailureOr<OperandModel> a = failure(), b = failure();
  Type accType, resultType = op->getResult(0).getType();
  if (auto matmul = dyn_cast<MatmulOp>(op)) {
    ArrayRef<int64_t> lhs = matmul.getLhs().getType().getShape();
    ArrayRef<int64_t> rhs = matmul.getRhs().getType().getShape();
    bool lhsBatched = lhs.size() == 3, rhsBatched = rhs.size() == 3;
    bool transposed = matmul.getTransposeB();
    int64_t m = lhs[lhs.size() - 2], k = lhs.back();
    int64_t n = transposed ? rhs[rhs.size() - 2] : rhs.back();
    result.batch = lhsBatched ? lhs[0] : 1;
    result.m = m;
    result.n = n;
    result.k = k;
    auto mapA = [&](int64_t f, int64_t &bt, int64_t &r, int64_t &c) {
      bt = lhsBatched ? f / (m * k) : 0;
      r = (f / k) % m;
      c = f % k;
    };
    auto mapB = [&](int64_t f, int64_t &bt, int64_t &r, int64_t &c) {
      bt = rhsBatched ? f / (k * n) : 0;
      r = transposed ? f % k : (f / n) % k;
      c = transposed ? (f / k) % n : f % n;
    };
    EntryMap entryA = mapA, entryB = mapB;
    a = modelOperand(op, 0, result.batch, m, k, &entryA, options);
    if (failed(a))
      return failure();
    b = modelOperand(op, 1, rhsBatched ? result.batch : 1, k, n, &entryB,
                     options);
    accType = matmul.getAccType();
  } else {
    auto conv = cast<Conv2DOp>(op);
    bool nhwc = conv.getLayout() == ConvLayout::NHWC_HWCF;
    ArrayRef<int64_t> f = conv.getFilter().getType().getShape();
    ArrayRef<int64_t> out = conv.getResult().getType().getShape();
    int64_t filters = nhwc ? f[3] : f[0];
    int64_t reduction = nhwc ? f[0] * f[1] * f[2] : f[1] * f[2] * f[3];
    result.m = out[0] * (nhwc ? out[1] * out[2] : out[2] * out[3]);
    result.n = filters;
    result.k = reduction;
    auto mapB = [&](int64_t flat, int64_t &bt, int64_t &r, int64_t &c) {
      bt = 0;
      r = nhwc ? flat / filters : flat % reduction;
      c = nhwc ? flat % filters : flat / reduction;
    };
    EntryMap entryB = mapB;
    a = modelOperand(op, 0, 1, result.m, result.k, nullptr, options);
    if (failed(a))
      return failure();
    b = modelOperand(op, 1, 1, result.k, result.n, &entryB, options);
    accType = conv.getAccType();
  }
  if (failed(b))
    return failure();
  result.a = a->info;
  result.b = b->info;

  // Counts per batch (a shared operand has one pattern for all batches).
  auto patternOf = [](const OperandModel &model, int64_t batch) {
    return &model.patterns[model.patterns.size() == 1 ? 0 : batch];
  };
  bool perBatch = a->patterns.size() > 1 || b->patterns.size() > 1;
  cost::MatmulEstimate one;
  for (int64_t batch = 0; batch < result.batch; ++batch) {
    if (batch == 0 || perBatch) {
      std::string why;
      one = cost::estimateMatmul(*patternOf(*a, batch), *patternOf(*b, batch),
                                 &why);
      if (!why.empty())
        return op->emitError() << "dataflow cost model: " << why;
    }
    if (batch == 0)
      result.counts = one;
    else
      result.counts.accumulate(one);
  }

  cost::CostInput direct;
  direct.batch = result.batch;
  direct.m = result.m;
  direct.n = result.n;
  direct.k = result.k;
  direct.counts = result.counts;
  direct.a = result.a.storage;
  direct.b = result.b.storage;
  direct.accBytes = elementBytes(accType);
  direct.resultBytes = elementBytes(resultType);
  cost::DataflowCostEstimate estimates[3];
  for (cost::DataflowKind kind : {cost::DataflowKind::Inner,
                                  cost::DataflowKind::Outer,
                                  cost::DataflowKind::Row}) {
    PlannedLowering &lowering =
        kind == cost::DataflowKind::Inner   ? result.inner
        : kind == cost::DataflowKind::Outer ? result.outer
                                            : result.row;
    cost::CostInput input = direct;
    if (auto matmul = dyn_cast<MatmulOp>(op)) {
      FailureOr<DataflowPlan> plan =
          planMatmulDataflow(matmul, toDataflow(kind), &lowering.whyNot);
      if (succeeded(plan)) {
        lowering.plan = *plan;
        for (const LayoutConversion &c : plan->conversions) {
          if (c.when != ConversionTime::RunTime)
            continue;
          const DataflowOperand &operand =
              c.operand == MatmulOperand::Lhs ? result.a : result.b;
          lowering.conversionBytes += 2.0 * operand.nnz * double(result.batch) *
                                      operand.storage.bytesPerEntry;
        }
        if (plan->intersection == IntersectionKind::BitmapJoin) {
          // The join ANDs ceil(K / 64) word pairs per output; each matched
          // bit then costs one MAC (effectual_macs).
          double words = double(result.batch) * double(result.m) *
                         double(result.n) * double((result.k + 63) / 64);
          result.counts.inner.intersectionSteps = words;
          input.counts.inner.intersectionSteps = words;
          input.bitmapJoin = true;
        }
        if (plan->orientation == MatmulOrientation::Transposed) {
          std::swap(input.m, input.n);
          std::swap(input.a, input.b);
          input.counts = input.counts.transposed();
        }
      }
    } else {
      lowering.whyNot = "the dataflow lowering plans sparq.matmul only; a "
                        "conv2d is costed as its im2col product, turned "
                        "around (C^T = B^T * A^T) when only B is sparse";
    }
    input.conversionBytes = lowering.conversionBytes;
    estimates[static_cast<int>(kind)] =
        cost::estimateDataflow(kind, input, options.machine);
  }
  result.cost = cost::rankDataflows(
      estimates[static_cast<int>(cost::DataflowKind::Inner)],
      estimates[static_cast<int>(cost::DataflowKind::Outer)],
      estimates[static_cast<int>(cost::DataflowKind::Row)]);
  // The dense alternative: decompress, then the dense GEMM on C = A * B.
  if (!options.denseAlternative)
    return result;
  if (auto matmul = dyn_cast<MatmulOp>(op)) {
    FailureOr<DataflowPlan> plan =
        planMatmulDataflow(matmul, Dataflow::Dense, &result.dense.whyNot);
    if (succeeded(plan)) {
      result.dense.plan = *plan;
      // A constant is free only when the plan decompresses it in the
      // compiler (a codebook or zero points may need the run-time scatter).
      for (const LayoutConversion &c : plan->conversions)
        if (c.to.format == FormatKind::Dense &&
            c.from.format != FormatKind::Dense)
          (c.operand == MatmulOperand::Lhs ? direct.a : direct.b).constant =
              c.when == ConversionTime::CompileTime;
    }
  } else {
    result.dense.whyNot = "the dataflow lowering plans sparq.matmul only; a "
                          "conv2d is costed as its im2col product";
  }
  cost::DataflowCostEstimate dense =
      cost::estimateDenseGemm(direct, options.machine);
  result.dense.conversionBytes = dense.conversionBytes;
  cost::rankWithDense(result.cost, dense);
  return result;
}

const PlannedLowering &
DataflowAnalysis::getLowering(cost::DataflowKind kind) const {
  switch (kind) {
  case cost::DataflowKind::Inner:
    return inner;
  case cost::DataflowKind::Outer:
    return outer;
  case cost::DataflowKind::Row:
    return row;
  case cost::DataflowKind::Dense:
    return dense;
  }
  return row;
}
