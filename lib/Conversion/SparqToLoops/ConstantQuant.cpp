//===- ConstantQuant.cpp - Zero points of constant operands, in the compiler ===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// A constant quantized operand (a weight) has its zero points removed in the
// compiler: every stored `q` becomes `q - zp` of its coordinates, read from
// the constants' raw bytes (linear in the stored entries), so the generated
// code neither subtracts zero points nor widens per call. The same reading
// gives the operand's row and column sums (the zero-point correction terms of
// the other operand, see docs/dataflow.md, Numerics).
//
//===----------------------------------------------------------------------===//

#include "ConstantQuant.h"

#include "sparq/Dialect/Sparq/IR/SparqOps.h"
#include "sparq/Dialect/Sparq/IR/SparqTypes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"

#include <algorithm>

using namespace mlir;

namespace sparq::loops {

std::optional<ConstantIntegerOperand>
readConstantIntegerOperand(Value operand) {
  auto type = cast<RankedTensorType>(operand.getType());
  if (type.getRank() != 2 || !type.hasStaticShape())
    return std::nullopt;
  auto element = dyn_cast<IntegerType>(type.getElementType());
  if (!element)
    return std::nullopt;
  ConstantIntegerOperand result;
  result.rows = type.getDimSize(0);
  result.cols = type.getDimSize(1);
  EncodingAttr encoding = getSparqEncoding(type);
  QuantAttr quant = encoding ? encoding.getQuant() : QuantAttr();
  if (quant && quant.getScheme() == QuantScheme::Codebook)
    return std::nullopt;
  unsigned bits = element.getWidth();
  bool isSigned = quant ? quant.isSigned() : true;
  std::optional<RawConstant> values;
  std::optional<RawConstant> zeroPoints;
  if (!encoding) {
    values = readConstant(operand);
    if (!values)
      return std::nullopt;
    result.entries.reserve(result.rows * result.cols);
    for (int64_t r = 0; r < result.rows; ++r)
      for (int64_t c = 0; c < result.cols; ++c)
        result.entries.push_back({r, c, r * result.cols + c});
  } else {
    auto assemble = operand.getDefiningOp<AssembleOp>();
    if (!assemble)
      return std::nullopt;
    values = readConstant(assemble.getPart(PartKind::Values));
    std::optional<std::vector<StoredEntry>> entries =
        readConstantEntries(assemble);
    if (!values || !entries)
      return std::nullopt;
    result.entries = std::move(*entries);
    if (Value zp = assemble.getPart(PartKind::ZeroPoints)) {
      zeroPoints = readConstant(zp);
      if (!zeroPoints)
        return std::nullopt;
      result.hasZeroPoints = true;
    }
  }
  // The index of the zero point of stored entry (r, c).
  auto zeroPointIndex = [&](int64_t r, int64_t c) -> int64_t {
    switch (quant.getGranularity()) {
    case Granularity::Tensor:
      return 0;
    case Granularity::Channel:
      return quant.getAxis() == 0 ? r : c;
    case Granularity::Group: {
      int64_t g = quant.getGroupSize();
      return quant.getAxis() == 0 ? (r / g) * result.cols + c
                                  : r * (result.cols / g) + c / g;
    }
    }
    llvm_unreachable("unknown granularity");
  };
  result.values.reserve(result.entries.size());
  for (const StoredEntry &e : result.entries) {
    int64_t q = isSigned ? values->signedAt(e.at, bits)
                         : int64_t(values->unsignedAt(e.at) &
                                   ((uint64_t(1) << bits) - 1));
    if (zeroPoints)
      q -= zeroPoints->signedAt(zeroPointIndex(e.row, e.col), 32);
    result.values.push_back(q);
  }
  return result;
}

Value buildZeroPointFreeConstant(OpBuilder &b, Location loc, Value operand,
                                 const ConstantIntegerOperand &read,
                                 Type element) {
  auto type = cast<RankedTensorType>(operand.getType());
  EncodingAttr encoding = getSparqEncoding(type);
  unsigned width = element.getIntOrFloatBitWidth();
  auto attrOf = [&](ArrayRef<int64_t> shape, int64_t count) {
    auto attrType = RankedTensorType::get(shape, element);
    if (element.isF32()) {
      // Exact float accumulation: integers of at most 2^24 in magnitude.
      std::vector<float> data(count, 0.0f);
      for (auto [entry, v] : llvm::zip_equal(read.entries, read.values))
        data[entry.at] = static_cast<float>(v);
      return DenseElementsAttr::get(attrType, llvm::ArrayRef<float>(data));
    }
    std::vector<APInt> data(count, APInt(width, 0));
    for (auto [entry, v] : llvm::zip_equal(read.entries, read.values))
      data[entry.at] = APInt(width, v, /*isSigned=*/true);
    return DenseElementsAttr::get(attrType, data);
  };
  if (!encoding || encoding.isDense())
    return arith::ConstantOp::create(
        b, loc, attrOf(type.getShape(), read.rows * read.cols));
  auto assemble = operand.getDefiningOp<AssembleOp>();
  auto valuesType =
      cast<RankedTensorType>(assemble.getPart(PartKind::Values).getType());
  Value values = arith::ConstantOp::create(
      b, loc, attrOf(valuesType.getShape(), valuesType.getNumElements()));
  auto newType = RankedTensorType::get(type.getShape(), element,
                                       encoding.withQuant({}));
  return AssembleOp::create(b, loc, newType, values,
                            assemble.getPart(PartKind::Positions),
                            assemble.getPart(PartKind::Coordinates),
                            assemble.getPart(PartKind::Bitmap),
                            assemble.getPart(PartKind::Metadata), Value(),
                            Value(), Value());
}

std::optional<std::vector<int64_t>> readConstantValues(Value operand) {
  auto type = cast<RankedTensorType>(operand.getType());
  auto element = dyn_cast<IntegerType>(type.getElementType());
  auto assemble = operand.getDefiningOp<AssembleOp>();
  if (!element || element.getWidth() < 8 || !assemble ||
      assemble.getPart(PartKind::ZeroPoints) ||
      assemble.getPart(PartKind::Codebook))
    return std::nullopt;
  QuantAttr quant = getQuant(type);
  if (quant && quant.getScheme() == QuantScheme::Codebook)
    return std::nullopt;
  std::optional<RawConstant> raw =
      readConstant(assemble.getPart(PartKind::Values));
  if (!raw)
    return std::nullopt;
  unsigned bits = element.getWidth();
  bool isSigned = quant ? quant.isSigned() : true;
  std::vector<int64_t> values(raw->count);
  for (int64_t i = 0; i < raw->count; ++i)
    values[i] =
        isSigned
            ? raw->signedAt(i, bits)
            : int64_t(raw->unsignedAt(i) &
                      (bits == 64 ? ~uint64_t(0) : (uint64_t(1) << bits) - 1));
  return values;
}

Value buildFloatValuesOperand(OpBuilder &b, Location loc, Value operand,
                              ArrayRef<int64_t> values) {
  auto type = cast<RankedTensorType>(operand.getType());
  auto assemble = operand.getDefiningOp<AssembleOp>();
  auto valuesType =
      cast<RankedTensorType>(assemble.getPart(PartKind::Values).getType());
  std::vector<float> data(values.begin(), values.end());
  Type f32 = b.getF32Type();
  Value valuesPart = arith::ConstantOp::create(
      b, loc,
      DenseElementsAttr::get(RankedTensorType::get(valuesType.getShape(), f32),
                             ArrayRef<float>(data)));
  auto newType = RankedTensorType::get(type.getShape(), f32,
                                       getSparqEncoding(type).withQuant({}));
  return AssembleOp::create(
      b, loc, newType, valuesPart, assemble.getPart(PartKind::Positions),
      assemble.getPart(PartKind::Coordinates),
      assemble.getPart(PartKind::Bitmap), assemble.getPart(PartKind::Metadata),
      Value(), Value(), Value());
}

Value buildGroupExpandedConstant(OpBuilder &b, Location loc,
                                 const ConstantIntegerOperand &read,
                                 bool isLhs, bool storedTransposed,
                                 int64_t group, Type element) {
  // Logical shape: A [M, K], B [K, N].
  int64_t rows = storedTransposed ? read.cols : read.rows;
  int64_t cols = storedTransposed ? read.rows : read.cols;
  int64_t k = isLhs ? cols : rows;
  int64_t groups = k / group;
  int64_t outer = isLhs ? rows : cols;
  int64_t lines = outer * groups;
  // Line and coordinate (k) of every entry, then a counting sort by line
  // (stable, so coordinates stay ascending within a line when the entries
  // come in k order per line; sorted below otherwise).
  std::vector<int64_t> positions(lines + 1, 0);
  std::vector<std::pair<int64_t, int64_t>> lineAndK;
  lineAndK.reserve(read.entries.size());
  for (const StoredEntry &e : read.entries) {
    int64_t r = storedTransposed ? e.col : e.row;
    int64_t c = storedTransposed ? e.row : e.col;
    int64_t kk = isLhs ? c : r, o = isLhs ? r : c;
    int64_t line = o * groups + kk / group;
    lineAndK.push_back({line, kk});
    ++positions[line + 1];
  }
  for (int64_t i = 0; i < lines; ++i)
    positions[i + 1] += positions[i];
  int64_t nnz = read.entries.size();
  std::vector<int64_t> cursor(positions.begin(), positions.end() - 1);
  std::vector<std::pair<int64_t, int64_t>> placed(nnz); // (k, value)
  for (int64_t i = 0; i < nnz; ++i)
    placed[cursor[lineAndK[i].first]++] = {lineAndK[i].second, read.values[i]};
  for (int64_t i = 0; i < lines; ++i)
    std::sort(placed.begin() + positions[i], placed.begin() + positions[i + 1]);
  unsigned width = element.getIntOrFloatBitWidth();
  std::vector<APInt> values;
  std::vector<int32_t> coordinates;
  values.reserve(nnz);
  coordinates.reserve(nnz);
  for (auto [kk, v] : placed) {
    coordinates.push_back(static_cast<int32_t>(kk));
    values.push_back(APInt(width, v, /*isSigned=*/true));
  }
  std::vector<int32_t> positions32(positions.begin(), positions.end());
  Type i32 = b.getI32Type();
  Value valuesPart = arith::ConstantOp::create(
      b, loc,
      DenseElementsAttr::get(RankedTensorType::get({nnz}, element), values));
  Value positionsPart = arith::ConstantOp::create(
      b, loc,
      DenseElementsAttr::get(RankedTensorType::get({lines + 1}, i32),
                             ArrayRef<int32_t>(positions32)));
  Value coordinatesPart = arith::ConstantOp::create(
      b, loc,
      DenseElementsAttr::get(RankedTensorType::get({nnz}, i32),
                             ArrayRef<int32_t>(coordinates)));
  FormatKind format = isLhs ? FormatKind::CSR : FormatKind::CSC;
  SmallVector<int64_t> shape =
      isLhs ? SmallVector<int64_t>{lines, k} : SmallVector<int64_t>{k, lines};
  auto type = RankedTensorType::get(
      shape, element, EncodingAttr::get(b.getContext(), format));
  return AssembleOp::create(b, loc, type, valuesPart, positionsPart,
                            coordinatesPart, Value(), Value(), Value(),
                            Value(), Value());
}

} // namespace sparq::loops
