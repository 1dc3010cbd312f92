//===- SparqTypes.cpp - Compressed tensor types and their parts -----------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#include "sparq/Dialect/Sparq/IR/SparqTypes.h"

#include "llvm/Support/MathExtras.h"

using namespace mlir;

namespace sparq {

unsigned ceilLog2(uint64_t x) { return llvm::Log2_64_Ceil(x); }

EncodingAttr getSparqEncoding(Type type) {
  auto tensorType = dyn_cast<RankedTensorType>(type);
  return tensorType
             ? dyn_cast_if_present<EncodingAttr>(tensorType.getEncoding())
             : EncodingAttr();
}

QuantAttr getQuant(Type type) {
  EncodingAttr encoding = getSparqEncoding(type);
  return encoding ? encoding.getQuant() : QuantAttr();
}

int64_t getGroupAlongK(Type type, int64_t kAxis) {
  QuantAttr quant = getQuant(type);
  if (!quant || quant.getAxis() != kAxis)
    return 0;
  if (quant.getGranularity() == Granularity::Group)
    return quant.getGroupSize();
  if (quant.getGranularity() == Granularity::Channel)
    return 1;
  return 0;
}

RankedTensorType getCompressedType(ArrayRef<int64_t> shape, Type elementType,
                                   EncodingAttr encoding) {
  if (encoding && encoding.isDense() && !encoding.isQuantized())
    encoding = {};
  return RankedTensorType::get(shape, elementType, encoding);
}

SmallVector<CompressedPart> getCompressedParts(RankedTensorType type) {
  MLIRContext *ctx = type.getContext();
  Type elementType = type.getElementType();
  auto tensor = [](ArrayRef<int64_t> shape, Type element) {
    return RankedTensorType::get(shape, element);
  };
  SmallVector<CompressedPart> parts;
  EncodingAttr encoding = getSparqEncoding(type);
  if (!encoding) {
    parts.push_back({PartKind::Values, tensor(type.getShape(), elementType)});
    return parts;
  }
  constexpr int64_t kDyn = ShapedType::kDynamic;
  auto [rows, cols] = encoding.getMatrixShape(type.getShape());
  auto plus1 = [](int64_t d) { return ShapedType::isDynamic(d) ? d : d + 1; };
  auto divide = [](int64_t d, int64_t by) {
    return ShapedType::isDynamic(d) ? d : d / by;
  };
  Type pos = IntegerType::get(ctx, encoding.getPosWidth());
  Type crd = IntegerType::get(ctx, encoding.getCrdWidth());
  switch (encoding.getFormat()) {
  case FormatKind::Dense:
    parts.push_back({PartKind::Values, tensor(type.getShape(), elementType)});
    break;
  case FormatKind::CSR:
  case FormatKind::CSC: {
    bool csr = encoding.getFormat() == FormatKind::CSR;
    parts.push_back({PartKind::Values, tensor({kDyn}, elementType)});
    parts.push_back(
        {PartKind::Positions, tensor({plus1(csr ? rows : cols)}, pos)});
    parts.push_back({PartKind::Coordinates, tensor({kDyn}, crd)});
    break;
  }
  case FormatKind::COO:
    parts.push_back({PartKind::Values, tensor({kDyn}, elementType)});
    parts.push_back({PartKind::Coordinates, tensor({kDyn, 2}, crd)});
    break;
  case FormatKind::Bitmap: {
    int64_t words = ShapedType::isDynamic(cols) ? cols : (cols + 63) / 64;
    parts.push_back({PartKind::Values, tensor({kDyn}, elementType)});
    parts.push_back(
        {PartKind::Bitmap, tensor({rows, words}, IntegerType::get(ctx, 64))});
    break;
  }
  case FormatKind::NM: {
    int64_t kept = ShapedType::isDynamic(cols)
                       ? cols
                       : cols / encoding.getM() * encoding.getN();
    parts.push_back({PartKind::Values, tensor({rows, kept}, elementType)});
    parts.push_back(
        {PartKind::Metadata,
         tensor({rows, kept}, IntegerType::get(ctx, encoding.getMetaWidth()))});
    break;
  }
  case FormatKind::BCSR:
    parts.push_back({PartKind::Values, tensor({kDyn, encoding.getBlockRows(),
                                               encoding.getBlockCols()},
                                              elementType)});
    parts.push_back(
        {PartKind::Positions,
         tensor({plus1(divide(rows, encoding.getBlockRows()))}, pos)});
    parts.push_back({PartKind::Coordinates, tensor({kDyn}, crd)});
    break;
  }
  if (QuantAttr quant = encoding.getQuant()) {
    Type scaleType = quant.getExpressedType();
    switch (quant.getScheme()) {
    case QuantScheme::Symmetric:
      parts.push_back(
          {PartKind::Scales,
           tensor(quant.getParamShape(type.getShape()), scaleType)});
      break;
    case QuantScheme::Asymmetric:
      parts.push_back(
          {PartKind::Scales,
           tensor(quant.getParamShape(type.getShape()), scaleType)});
      parts.push_back(
          {PartKind::ZeroPoints, tensor(quant.getParamShape(type.getShape()),
                                        IntegerType::get(ctx, 32))});
      break;
    case QuantScheme::Codebook:
      parts.push_back(
          {PartKind::Codebook,
           tensor(quant.getCodebookShape(type.getShape()), scaleType)});
      break;
    }
  }
  return parts;
}

RankedTensorType getPartType(RankedTensorType type, PartKind kind) {
  for (const CompressedPart &part : getCompressedParts(type))
    if (part.kind == kind)
      return part.type;
  return {};
}

} // namespace sparq
