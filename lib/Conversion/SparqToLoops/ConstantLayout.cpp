//===- ConstantLayout.cpp - Layout conversion of constant operands --------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// When a compressed operand is a sparq.assemble of constants, the layout a
// dataflow needs (compressed rows or columns) is built in the compiler: the
// stored entries are read from the constants' raw bytes, counting-sorted
// along the new major axis, and the values are permuted byte for byte (the
// storage type is kept, so quantization parts are reused unchanged). Linear
// in the number of stored entries.
//
//===----------------------------------------------------------------------===//

#include "ConstantLayout.h"

#include "sparq/Dialect/Sparq/IR/SparqOps.h"
#include "sparq/Dialect/Sparq/IR/SparqTypes.h"
#include "sparq/Numerics/Packing.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Matchers.h"

#include <cstring>

using namespace mlir;

namespace sparq::loops {

uint64_t RawConstant::unsignedAt(int64_t i) const {
  const char *p = at(i);
  uint64_t v = 0;
  std::memcpy(&v, p, std::min<int64_t>(elementBytes, 8));
  if (elementBytes < 8)
    v &= (uint64_t(1) << (8 * elementBytes)) - 1;
  return v;
}

int64_t RawConstant::signedAt(int64_t i, unsigned bits) const {
  uint64_t v = unsignedAt(i);
  if (bits < 64 && (v >> (bits - 1)) & 1)
    v |= ~uint64_t(0) << bits;
  return static_cast<int64_t>(v);
}

std::optional<RawConstant> readConstant(Value value) {
  Attribute attr;
  if (!value || !matchPattern(value, m_Constant(&attr)))
    return std::nullopt;
  auto shaped = dyn_cast<ShapedType>(cast<TypedAttr>(attr).getType());
  if (!shaped || !shaped.hasStaticShape())
    return std::nullopt;
  unsigned bits = shaped.getElementType().getIntOrFloatBitWidth();
  if (bits % 8 != 0 && bits > 8)
    return std::nullopt;
  RawConstant raw;
  // Narrow integers are stored one per byte.
  raw.elementBytes = bits < 8 ? 1 : bits / 8;
  if (bits == 1)
    return std::nullopt;
  raw.count = shaped.getNumElements();
  if (auto dense = dyn_cast<DenseElementsAttr>(attr)) {
    raw.bytes = dense.getRawData();
    raw.splat = dense.isSplat();
    return raw;
  }
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(attr)) {
    AsmResourceBlob *blob = resource.getRawHandle().getBlob();
    if (!blob)
      return std::nullopt;
    raw.bytes = blob->getData();
    if (static_cast<int64_t>(raw.bytes.size()) !=
        raw.count * raw.elementBytes)
      return std::nullopt;
    return raw;
  }
  return std::nullopt;
}

std::optional<RawConstant> readConstantBuffer(Value memref) {
  auto toBuffer = memref ? memref.getDefiningOp<bufferization::ToBufferOp>()
                         : bufferization::ToBufferOp();
  if (!toBuffer)
    return std::nullopt;
  Value tensor = toBuffer.getTensor();
  if (auto part = tensor.getDefiningOp<PartOp>())
    if (auto assemble = part.getTensor().getDefiningOp<AssembleOp>())
      tensor = assemble.getPart(part.getKind());
  return readConstant(tensor);
}

/// readConstantEntries; with `packedMetadata`, N:M metadata may also be a
/// sparq.from_bytes of constant bytes (densifyConstant; the other users keep
/// treating such an operand as not constant).
static std::optional<std::vector<StoredEntry>>
readEntries(AssembleOp assemble, bool packedMetadata) {
  auto type = cast<RankedTensorType>(assemble.getType());
  EncodingAttr encoding = getSparqEncoding(type);
  if (!encoding || type.getRank() != 2)
    return std::nullopt;
  auto [rows, cols] = encoding.getMatrixShape(type.getShape());
  std::optional<RawConstant> values =
      readConstant(assemble.getPart(PartKind::Values));
  if (!values)
    return std::nullopt;
  auto read = [&](PartKind kind) { return readConstant(assemble.getPart(kind)); };
  std::vector<StoredEntry> entries;
  switch (encoding.getFormat()) {
  case FormatKind::Dense:
    entries.reserve(rows * cols);
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t c = 0; c < cols; ++c)
        entries.push_back({r, c, r * cols + c});
    break;
  case FormatKind::CSR:
  case FormatKind::CSC: {
    auto pos = read(PartKind::Positions), crd = read(PartKind::Coordinates);
    if (!pos || !crd)
      return std::nullopt;
    bool byRows = encoding.getFormat() == FormatKind::CSR;
    int64_t lines = byRows ? rows : cols;
    for (int64_t o = 0; o < lines; ++o)
      for (uint64_t j = pos->unsignedAt(o); j < pos->unsignedAt(o + 1); ++j) {
        int64_t i = crd->unsignedAt(j);
        entries.push_back(byRows ? StoredEntry{o, i, int64_t(j)}
                                 : StoredEntry{i, o, int64_t(j)});
      }
    break;
  }
  case FormatKind::COO: {
    auto crd = read(PartKind::Coordinates);
    if (!crd)
      return std::nullopt;
    for (int64_t j = 0; j < values->count; ++j)
      entries.push_back({int64_t(crd->unsignedAt(2 * j)),
                         int64_t(crd->unsignedAt(2 * j + 1)), j});
    break;
  }
  case FormatKind::Bitmap: {
    auto bitmap = read(PartKind::Bitmap);
    if (!bitmap)
      return std::nullopt;
    int64_t words = (cols + 63) / 64, next = 0;
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t w = 0; w < words; ++w) {
        uint64_t word = bitmap->unsignedAt(r * words + w);
        while (word) {
          int64_t bit = llvm::countr_zero(word);
          entries.push_back({r, w * 64 + bit, next++});
          word &= word - 1;
        }
      }
    break;
  }
  case FormatKind::NM: {
    int64_t n = encoding.getN(), m = encoding.getM(), slots = cols / m * n;
    // Metadata as a constant, or as the packed bytes of a sparq.from_bytes
    // (unpacked as that op reads them, numerics::unpackBits).
    std::optional<RawConstant> meta = read(PartKind::Metadata);
    std::vector<int64_t> unpacked;
    if (!meta) {
      auto fromBytes = packedMetadata ? assemble.getPart(PartKind::Metadata)
                                            .getDefiningOp<FromBytesOp>()
                                      : FromBytesOp();
      if (!fromBytes)
        return std::nullopt;
      std::optional<RawConstant> packed = readConstant(fromBytes.getBytes());
      unsigned bits = cast<RankedTensorType>(fromBytes.getType())
                          .getElementType()
                          .getIntOrFloatBitWidth();
      if (!packed || packed->elementBytes != 1 || bits > 8 ||
          packed->count * 8 < rows * slots * bits)
        return std::nullopt;
      std::vector<uint8_t> bytes(packed->count);
      for (int64_t i = 0; i < packed->count; ++i)
        bytes[i] = static_cast<uint8_t>(packed->unsignedAt(i));
      unpacked = numerics::unpackBits(bytes.data(), rows * slots, bits,
                                      /*isSigned=*/false);
    }
    auto slotAt = [&](int64_t i) {
      return meta ? int64_t(meta->unsignedAt(i)) : unpacked[i];
    };
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t s = 0; s < slots; ++s)
        entries.push_back({r, s / n * m + slotAt(r * slots + s),
                           r * slots + s});
    break;
  }
  case FormatKind::BCSR: {
    auto pos = read(PartKind::Positions), crd = read(PartKind::Coordinates);
    if (!pos || !crd)
      return std::nullopt;
    int64_t br = encoding.getBlockRows(), bc = encoding.getBlockCols();
    for (int64_t bi = 0; bi < rows / br; ++bi)
      for (uint64_t k = pos->unsignedAt(bi); k < pos->unsignedAt(bi + 1); ++k) {
        int64_t bj = crd->unsignedAt(k);
        for (int64_t a = 0; a < br; ++a)
          for (int64_t c = 0; c < bc; ++c)
            entries.push_back({bi * br + a, bj * bc + c,
                               int64_t(k) * br * bc + a * bc + c});
      }
    break;
  }
  }
  return entries;
}

std::optional<std::vector<StoredEntry>> readConstantEntries(AssembleOp assemble) {
  return readEntries(assemble, /*packedMetadata=*/false);
}

namespace {
/// A compressed rank-2 constant operand as the compiler reads it: its
/// sparq.assemble, type and encoding, its values and its stored entries
/// (N:M metadata read packed when `packedMetadata`).
struct CompressedConstant {
  AssembleOp assemble;
  RankedTensorType type;
  EncodingAttr encoding;
  RawConstant values;
  std::vector<StoredEntry> entries;
};

/// `operand` read as a CompressedConstant; nullopt when it is not one.
std::optional<CompressedConstant> readCompressedConstant(Value operand,
                                                         bool packedMetadata) {
  CompressedConstant c;
  c.assemble = operand.getDefiningOp<AssembleOp>();
  if (!c.assemble)
    return std::nullopt;
  c.type = cast<RankedTensorType>(operand.getType());
  c.encoding = getSparqEncoding(c.type);
  if (!c.encoding || c.encoding.isDense() || c.type.getRank() != 2)
    return std::nullopt;
  std::optional<RawConstant> values =
      readConstant(c.assemble.getPart(PartKind::Values));
  if (!values)
    return std::nullopt;
  c.values = *values;
  std::optional<std::vector<StoredEntry>> entries =
      readEntries(c.assemble, packedMetadata);
  if (!entries)
    return std::nullopt;
  c.entries = std::move(*entries);
  return c;
}
} // namespace

Value convertConstantLayout(OpBuilder &b, Location loc, Value operand,
                            FormatKind format) {
  std::optional<CompressedConstant> read =
      readCompressedConstant(operand, /*packedMetadata=*/false);
  if (!read)
    return {};
  AssembleOp assemble = read->assemble;
  RankedTensorType type = read->type;
  EncodingAttr encoding = read->encoding;
  auto [rows, cols] = encoding.getMatrixShape(type.getShape());
  const RawConstant *values = &read->values;
  std::vector<StoredEntry> &entries = read->entries;

  // Counting sort along the new major axis (stable: the minor coordinates
  // stay ascending, as every enumeration above is row- or column-major).
  bool byRows = format == FormatKind::CSR;
  int64_t lines = byRows ? rows : cols;
  std::vector<int64_t> positions(lines + 1, 0);
  for (const StoredEntry &e : entries)
    ++positions[(byRows ? e.row : e.col) + 1];
  for (int64_t i = 0; i < lines; ++i)
    positions[i + 1] += positions[i];
  std::vector<int64_t> cursor(positions.begin(), positions.end() - 1);
  int64_t nnz = entries.size();
  std::vector<int32_t> coordinates(nnz);
  std::vector<char> permuted(nnz * values->elementBytes);
  for (const StoredEntry &e : entries) {
    int64_t at = cursor[byRows ? e.row : e.col]++;
    coordinates[at] = static_cast<int32_t>(byRows ? e.col : e.row);
    std::memcpy(permuted.data() + at * values->elementBytes,
                values->at(e.at), values->elementBytes);
  }

  EncodingAttr newEncoding = EncodingAttr::get(
      b.getContext(), format, 0, 0, 0, 0, 32, 32, 0, 0,
      encoding.getStructure(), encoding.getQuant());
  auto newType =
      RankedTensorType::get(type.getShape(), type.getElementType(), newEncoding);
  Type element = type.getElementType();
  auto valuesType = RankedTensorType::get({nnz}, element);
  Value newValues = arith::ConstantOp::create(
      b, loc,
      DenseElementsAttr::getFromRawBuffer(valuesType, ArrayRef<char>(permuted)));
  std::vector<int32_t> positions32(positions.begin(), positions.end());
  Value newPositions = arith::ConstantOp::create(
      b, loc,
      DenseElementsAttr::get(
          RankedTensorType::get({lines + 1}, b.getI32Type()),
          ArrayRef<int32_t>(positions32)));
  Value newCoordinates = arith::ConstantOp::create(
      b, loc,
      DenseElementsAttr::get(RankedTensorType::get({nnz}, b.getI32Type()),
                             ArrayRef<int32_t>(coordinates)));
  return AssembleOp::create(b, loc, newType, newValues, newPositions,
                            newCoordinates, Value(), Value(),
                            assemble.getPart(PartKind::Scales),
                            assemble.getPart(PartKind::ZeroPoints),
                            assemble.getPart(PartKind::Codebook));
}

Value densifyConstant(OpBuilder &b, Location loc, Value operand,
                      bool transpose) {
  std::optional<CompressedConstant> read =
      readCompressedConstant(operand, /*packedMetadata=*/true);
  if (!read)
    return {};
  AssembleOp assemble = read->assemble;
  RankedTensorType type = read->type;
  EncodingAttr encoding = read->encoding;
  QuantAttr quant = encoding.getQuant();
  if (transpose && quant && quant.getGranularity() != Granularity::Tensor)
    return {};
  const RawConstant *values = &read->values;
  const std::vector<StoredEntry> *entries = &read->entries;
  int64_t rows = type.getDimSize(0), cols = type.getDimSize(1);
  int64_t outCols = transpose ? rows : cols;
  int64_t bytes = values->elementBytes;
  std::vector<char> dense(rows * cols * bytes, 0);
  for (const StoredEntry &e : *entries) {
    int64_t at = transpose ? e.col * outCols + e.row : e.row * outCols + e.col;
    std::memcpy(dense.data() + at * bytes, values->at(e.at), bytes);
  }
  SmallVector<int64_t> shape =
      transpose ? SmallVector<int64_t>{cols, rows}
                : SmallVector<int64_t>{rows, cols};
  Type element = type.getElementType();
  auto plainType = RankedTensorType::get(shape, element);
  Value constant = arith::ConstantOp::create(
      b, loc,
      DenseElementsAttr::getFromRawBuffer(plainType, ArrayRef<char>(dense)));
  if (!quant)
    return constant;
  auto denseType = RankedTensorType::get(
      shape, element, encoding.withFormat(FormatKind::Dense));
  return AssembleOp::create(b, loc, denseType, constant, Value(), Value(),
                            Value(), Value(),
                            assemble.getPart(PartKind::Scales),
                            assemble.getPart(PartKind::ZeroPoints),
                            assemble.getPart(PartKind::Codebook));
}

} // namespace sparq::loops
