//===- SparqAttributes.cpp - Attributes of the sparq dialect --------------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#include "sparq/Dialect/Sparq/IR/SparqAttributes.h"
#include "sparq/Dialect/Sparq/IR/SparqDialect.h"
#include "sparq/Dialect/Sparq/IR/SparqTypes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace sparq;

#include "sparq/Dialect/Sparq/IR/SparqEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "sparq/Dialect/Sparq/IR/SparqAttributes.cpp.inc"

void SparqDialect::registerAttributes() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "sparq/Dialect/Sparq/IR/SparqAttributes.cpp.inc"
      >();
}

static constexpr unsigned kDefaultIndexWidth = 32;

/// Parses `keyword` as one of the cases of an enum, with `what` in the error.
template <typename EnumT>
static FailureOr<EnumT>
parseEnumKeyword(AsmParser &parser,
                 std::optional<EnumT> (*symbolize)(StringRef), StringRef what) {
  SMLoc loc = parser.getCurrentLocation();
  StringRef keyword;
  if (parser.parseKeyword(&keyword))
    return failure();
  std::optional<EnumT> value = symbolize(keyword);
  if (!value) {
    parser.emitError(loc) << "unknown " << what << " '" << keyword << "'";
    return failure();
  }
  return *value;
}

//===----------------------------------------------------------------------===//
// QuantAttr
//===----------------------------------------------------------------------===//

Attribute QuantAttr::parse(AsmParser &parser, Type) {
  // <si8:f32, symmetric, channel(1) [, rounding = nearest_even]>
  Type storage, expressed;
  SMLoc storageLoc, expressedLoc;
  if (parser.parseLess())
    return {};
  storageLoc = parser.getCurrentLocation();
  if (parser.parseType(storage) || parser.parseColon())
    return {};
  expressedLoc = parser.getCurrentLocation();
  if (parser.parseType(expressed) || parser.parseComma())
    return {};
  auto storageType = dyn_cast<IntegerType>(storage);
  if (!storageType) {
    parser.emitError(storageLoc, "quantized storage type must be an integer "
                                 "type such as si8 or ui4, got ")
        << storage;
    return {};
  }
  auto expressedType = dyn_cast<FloatType>(expressed);
  if (!expressedType) {
    parser.emitError(expressedLoc, "expressed type must be a float type, got ")
        << expressed;
    return {};
  }
  FailureOr<QuantScheme> scheme = parseEnumKeyword<QuantScheme>(
      parser, symbolizeQuantScheme, "quantization scheme");
  if (failed(scheme) || parser.parseComma())
    return {};
  FailureOr<Granularity> granularity = parseEnumKeyword<Granularity>(
      parser, symbolizeGranularity, "granularity");
  if (failed(granularity))
    return {};
  int64_t axis = -1, groupSize = 0;
  if (*granularity != Granularity::Tensor) {
    if (parser.parseLParen() || parser.parseInteger(axis))
      return {};
    if (*granularity == Granularity::Group &&
        (parser.parseComma() || parser.parseInteger(groupSize)))
      return {};
    if (parser.parseRParen())
      return {};
  }
  RoundingMode rounding = RoundingMode::NearestEven;
  bool roundingGiven = false;
  while (succeeded(parser.parseOptionalComma())) {
    SMLoc keyLoc = parser.getCurrentLocation();
    if (parser.parseKeyword("rounding") || parser.parseEqual())
      return {};
    if (roundingGiven) {
      parser.emitError(keyLoc, "rounding is given twice");
      return {};
    }
    roundingGiven = true;
    FailureOr<RoundingMode> mode = parseEnumKeyword<RoundingMode>(
        parser, symbolizeRoundingMode, "rounding mode");
    if (failed(mode))
      return {};
    rounding = *mode;
  }
  if (parser.parseGreater())
    return {};
  return parser.getChecked<QuantAttr>(parser.getContext(), storageType,
                                      expressedType, *scheme, *granularity,
                                      axis, groupSize, rounding);
}

void QuantAttr::print(AsmPrinter &printer) const {
  printer << "<" << getStorageType() << ":" << getExpressedType() << ", "
          << stringifyQuantScheme(getScheme()) << ", "
          << stringifyGranularity(getGranularity());
  if (getGranularity() == Granularity::Channel)
    printer << "(" << getAxis() << ")";
  else if (getGranularity() == Granularity::Group)
    printer << "(" << getAxis() << ", " << getGroupSize() << ")";
  if (getRounding() != RoundingMode::NearestEven)
    printer << ", rounding = " << stringifyRoundingMode(getRounding());
  printer << ">";
}

LogicalResult QuantAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                IntegerType storageType, FloatType,
                                QuantScheme scheme, Granularity granularity,
                                int64_t axis, int64_t groupSize, RoundingMode) {
  unsigned bits = storageType.getWidth();
  if (bits < 1 || bits > 16)
    return emitError() << "quantization bit width must be in [1, 16], got "
                       << bits;
  if (storageType.isSignless())
    return emitError() << "quantized storage type must state its signedness "
                          "(si"
                       << bits << " or ui" << bits << "), got " << storageType;
  if (scheme == QuantScheme::Symmetric && !storageType.isSigned())
    return emitError() << "symmetric quantization needs signed storage (si"
                       << bits << "), got " << storageType;
  if (scheme == QuantScheme::Symmetric && bits < 2)
    return emitError() << "symmetric quantization needs at least 2 bits, got "
                       << bits;
  if (scheme == QuantScheme::Codebook && !storageType.isUnsigned())
    return emitError() << "codebook indices need unsigned storage (ui" << bits
                       << "), got " << storageType;
  switch (granularity) {
  case Granularity::Tensor:
    if (axis != -1 || groupSize != 0)
      return emitError() << "tensor granularity takes no axis or group size";
    break;
  case Granularity::Channel:
    if (axis < 0)
      return emitError() << "channel axis must be non-negative, got " << axis;
    if (groupSize != 0)
      return emitError() << "channel granularity takes no group size";
    break;
  case Granularity::Group:
    if (axis < 0)
      return emitError() << "group axis must be non-negative, got " << axis;
    if (groupSize < 1)
      return emitError() << "group size must be positive, got " << groupSize;
    break;
  }
  return success();
}

int64_t QuantAttr::getStorageMin() const {
  unsigned bits = getBits();
  if (!isSigned())
    return 0;
  int64_t lowest = -(int64_t(1) << (bits - 1));
  // Symmetric quantization keeps the grid symmetric around zero.
  return getScheme() == QuantScheme::Symmetric ? lowest + 1 : lowest;
}

int64_t QuantAttr::getStorageMax() const {
  unsigned bits = getBits();
  return isSigned() ? (int64_t(1) << (bits - 1)) - 1 : (int64_t(1) << bits) - 1;
}

SmallVector<int64_t> QuantAttr::getParamShape(ArrayRef<int64_t> shape) const {
  switch (getGranularity()) {
  case Granularity::Tensor:
    return {1};
  case Granularity::Channel:
    return {shape[getAxis()]};
  case Granularity::Group: {
    SmallVector<int64_t> result(shape);
    int64_t &dim = result[getAxis()];
    if (!ShapedType::isDynamic(dim))
      dim /= getGroupSize();
    return result;
  }
  }
  llvm_unreachable("unknown granularity");
}

SmallVector<int64_t>
QuantAttr::getCodebookShape(ArrayRef<int64_t> shape) const {
  SmallVector<int64_t> result;
  if (getGranularity() != Granularity::Tensor)
    result = getParamShape(shape);
  result.push_back(int64_t(1) << getBits());
  return result;
}

LogicalResult
QuantAttr::verifyShape(ArrayRef<int64_t> shape,
                       function_ref<InFlightDiagnostic()> emitError) const {
  if (getGranularity() == Granularity::Tensor)
    return success();
  int64_t rank = shape.size();
  if (getAxis() >= rank)
    return emitError() << "quantization axis " << getAxis()
                       << " is out of range for a rank-" << rank << " tensor";
  int64_t dim = shape[getAxis()];
  if (getGranularity() == Granularity::Group && !ShapedType::isDynamic(dim) &&
      dim % getGroupSize() != 0)
    return emitError() << "group size " << getGroupSize()
                       << " does not divide dimension " << getAxis()
                       << " of size " << dim;
  return success();
}

//===----------------------------------------------------------------------===//
// EncodingAttr
//===----------------------------------------------------------------------===//

unsigned EncodingAttr::getDefaultMetaWidth(unsigned m) {
  unsigned needed = ceilLog2(std::max(m, 2u));
  for (unsigned width : {2u, 4u, 8u, 16u})
    if (width >= needed)
      return width;
  return 0;
}

Attribute EncodingAttr::parse(AsmParser &parser, Type) {
  // <csr | nm<2, 4> | bcsr<4x4> ... [, key = value]*>
  if (parser.parseLess())
    return {};
  FailureOr<FormatKind> format =
      parseEnumKeyword<FormatKind>(parser, symbolizeFormatKind, "format");
  if (failed(format))
    return {};
  unsigned n = 0, m = 0, blockRows = 0, blockCols = 0;
  if (*format == FormatKind::NM) {
    if (parser.parseLess() || parser.parseInteger(n) || parser.parseComma() ||
        parser.parseInteger(m) || parser.parseGreater())
      return {};
  } else if (*format == FormatKind::BCSR) {
    SmallVector<int64_t, 2> block;
    SMLoc loc = parser.getCurrentLocation();
    if (parser.parseLess() ||
        parser.parseDimensionList(block, /*allowDynamic=*/false,
                                  /*withTrailingX=*/false) ||
        parser.parseGreater())
      return {};
    if (block.size() != 2) {
      parser.emitError(loc, "bcsr block must be written RxC");
      return {};
    }
    if (block[0] > UINT32_MAX || block[1] > UINT32_MAX) {
      parser.emitError(loc, "bcsr block dimensions must fit in 32 bits");
      return {};
    }
    blockRows = block[0];
    blockCols = block[1];
  }
  unsigned posWidth = kDefaultIndexWidth, crdWidth = kDefaultIndexWidth;
  unsigned metaWidth = *format == FormatKind::NM ? getDefaultMetaWidth(m) : 0;
  unsigned rowDims = 0;
  std::optional<PruneStructure> structure;
  QuantAttr quant;
  llvm::StringSet<> seen;
  while (succeeded(parser.parseOptionalComma())) {
    SMLoc loc = parser.getCurrentLocation();
    StringRef key;
    if (parser.parseKeyword(&key) || parser.parseEqual())
      return {};
    if (!seen.insert(key).second) {
      parser.emitError(loc, "encoding key '") << key << "' is given twice";
      return {};
    }
    ParseResult result = success();
    if (key == "pos_width")
      result = parser.parseInteger(posWidth);
    else if (key == "crd_width")
      result = parser.parseInteger(crdWidth);
    else if (key == "meta_width")
      result = parser.parseInteger(metaWidth);
    else if (key == "row_dims")
      result = parser.parseInteger(rowDims);
    else if (key == "structure") {
      FailureOr<PruneStructure> parsed = parseEnumKeyword<PruneStructure>(
          parser, symbolizePruneStructure, "pruning structure");
      if (failed(parsed))
        return {};
      structure = *parsed;
    } else if (key == "quant") {
      Attribute attr;
      SMLoc attrLoc = parser.getCurrentLocation();
      if (parser.parseAttribute(attr))
        return {};
      quant = dyn_cast<QuantAttr>(attr);
      if (!quant) {
        parser.emitError(attrLoc, "expected a #sparq.quant attribute");
        return {};
      }
    } else {
      parser.emitError(loc, "unknown encoding key '")
          << key
          << "' (expected pos_width, crd_width, meta_width, row_dims, "
             "structure or quant)";
      return {};
    }
    if (failed(result))
      return {};
  }
  if (parser.parseGreater())
    return {};
  return parser.getChecked<EncodingAttr>(
      parser.getContext(), *format, n, m, blockRows, blockCols, posWidth,
      crdWidth, metaWidth, rowDims, structure, quant);
}

void EncodingAttr::print(AsmPrinter &printer) const {
  printer << "<" << stringifyFormatKind(getFormat());
  if (getFormat() == FormatKind::NM)
    printer << "<" << getN() << ", " << getM() << ">";
  else if (getFormat() == FormatKind::BCSR)
    printer << "<" << getBlockRows() << "x" << getBlockCols() << ">";
  if (getPosWidth() != kDefaultIndexWidth)
    printer << ", pos_width = " << getPosWidth();
  if (getCrdWidth() != kDefaultIndexWidth)
    printer << ", crd_width = " << getCrdWidth();
  if (getFormat() == FormatKind::NM &&
      getMetaWidth() != getDefaultMetaWidth(getM()))
    printer << ", meta_width = " << getMetaWidth();
  if (getRowDims() != 0)
    printer << ", row_dims = " << getRowDims();
  if (getStructure())
    printer << ", structure = " << stringifyPruneStructure(*getStructure());
  if (getQuant())
    printer << ", quant = " << getQuant();
  printer << ">";
}

static bool isIndexWidth(unsigned width) {
  return width == 8 || width == 16 || width == 32 || width == 64;
}

LogicalResult EncodingAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                   FormatKind format, unsigned n, unsigned m,
                                   unsigned blockRows, unsigned blockCols,
                                   unsigned posWidth, unsigned crdWidth,
                                   unsigned metaWidth, unsigned rowDims,
                                   std::optional<PruneStructure>, QuantAttr) {
  if (!isIndexWidth(posWidth))
    return emitError() << "pos_width must be 8, 16, 32 or 64, got " << posWidth;
  if (!isIndexWidth(crdWidth))
    return emitError() << "crd_width must be 8, 16, 32 or 64, got " << crdWidth;
  if (format == FormatKind::NM) {
    if (n == 0 || n >= m)
      return emitError() << "N:M sparsity needs 0 < N < M, got " << n << ":"
                         << m;
    if (metaWidth != 2 && metaWidth != 4 && metaWidth != 8 && metaWidth != 16)
      return emitError() << "meta_width must be 2, 4, 8 or 16, got "
                         << metaWidth;
    if (metaWidth < ceilLog2(m))
      return emitError() << "meta_width " << metaWidth
                         << " cannot hold the positions 0.." << m - 1
                         << " of an N:M group with M = " << m;
  } else if (n || m || metaWidth) {
    return emitError() << "N, M and meta_width apply only to the nm format";
  }
  if (format == FormatKind::BCSR) {
    if (blockRows == 0 || blockCols == 0)
      return emitError() << "bcsr block dimensions must be positive, got "
                         << blockRows << "x" << blockCols;
  } else if (blockRows || blockCols) {
    return emitError() << "block dimensions apply only to the bcsr format";
  }
  if (format == FormatKind::Dense && rowDims != 0)
    return emitError() << "row_dims applies only to compressed formats";
  return success();
}

std::pair<int64_t, int64_t>
EncodingAttr::getMatrixShape(ArrayRef<int64_t> shape) const {
  // Only compressed formats of rank >= 2 have a matrix view; anything else
  // (the dense format, or a rank the verifier rejects) is one row.
  unsigned split = shape.size() >= 2
                       ? std::min<unsigned>(getEffectiveRowDims(shape.size()),
                                            shape.size())
                       : 0;
  auto product = [](ArrayRef<int64_t> dims) -> int64_t {
    int64_t result = 1;
    for (int64_t dim : dims) {
      if (ShapedType::isDynamic(dim))
        return ShapedType::kDynamic;
      result *= dim;
    }
    return result;
  };
  return {product(shape.take_front(split)), product(shape.drop_front(split))};
}

EncodingAttr EncodingAttr::withQuant(QuantAttr quant) const {
  return EncodingAttr::get(getContext(), getFormat(), getN(), getM(),
                           getBlockRows(), getBlockCols(), getPosWidth(),
                           getCrdWidth(), getMetaWidth(), getRowDims(),
                           getStructure(), quant);
}

EncodingAttr EncodingAttr::withFormat(FormatKind format) const {
  return EncodingAttr::get(getContext(), format, getQuant());
}

/// Largest value an unsigned index of `width` bits holds.
static uint64_t maxIndex(unsigned width) {
  return width >= 64 ? UINT64_MAX : (uint64_t(1) << width) - 1;
}

LogicalResult EncodingAttr::verifyEncoding(
    ArrayRef<int64_t> shape, Type elementType,
    function_ref<InFlightDiagnostic()> emitError) const {
  int64_t rank = shape.size();
  if (QuantAttr quant = getQuant()) {
    auto intType = dyn_cast<IntegerType>(elementType);
    if (!intType || !intType.isSignless() ||
        intType.getWidth() != quant.getBits())
      return emitError() << "a tensor quantized to " << quant.getStorageType()
                         << " must have element type i" << quant.getBits()
                         << ", got " << elementType;
    if (failed(quant.verifyShape(shape, emitError)))
      return failure();
  } else if (!isa<IntegerType, FloatType>(elementType)) {
    return emitError() << "compressed element type must be an integer or "
                          "float type, got "
                       << elementType;
  }
  if (isDense()) {
    if (!getQuant())
      return emitError() << "an unquantized dense encoding is a plain tensor: "
                            "drop the encoding";
    return success();
  }
  StringRef formatName = stringifyFormatKind(getFormat());
  if (rank < 2)
    return emitError() << "format " << formatName
                       << " needs a tensor of rank >= 2, got rank " << rank;
  if (getRowDims() >= rank)
    return emitError() << "row_dims " << getRowDims() << " must be in [1, "
                       << rank - 1 << "] for a rank-" << rank << " tensor";
  auto [rows, cols] = getMatrixShape(shape);
  bool staticShape =
      !ShapedType::isDynamic(rows) && !ShapedType::isDynamic(cols);
  if (getFormat() == FormatKind::NM && !ShapedType::isDynamic(cols) &&
      cols % getM() != 0)
    return emitError() << "format nm<" << getN() << ", " << getM()
                       << "> needs the column count (" << cols
                       << ") to be a multiple of M = " << getM();
  if (getFormat() == FormatKind::BCSR) {
    if (!ShapedType::isDynamic(rows) && rows % getBlockRows() != 0)
      return emitError() << "format bcsr<" << getBlockRows() << "x"
                         << getBlockCols() << "> needs the row count (" << rows
                         << ") to be a multiple of " << getBlockRows();
    if (!ShapedType::isDynamic(cols) && cols % getBlockCols() != 0)
      return emitError() << "format bcsr<" << getBlockRows() << "x"
                         << getBlockCols() << "> needs the column count ("
                         << cols << ") to be a multiple of " << getBlockCols();
  }
  if (!staticShape)
    return success();
  // Index widths must address every coordinate and count every entry.
  uint64_t crdExtent = 0, entries = uint64_t(rows) * uint64_t(cols);
  switch (getFormat()) {
  case FormatKind::CSR:
    crdExtent = cols;
    break;
  case FormatKind::CSC:
    crdExtent = rows;
    break;
  case FormatKind::COO:
    crdExtent = std::max(rows, cols);
    break;
  case FormatKind::BCSR:
    crdExtent = cols / getBlockCols();
    entries = crdExtent * uint64_t(rows / getBlockRows());
    break;
  default:
    return success();
  }
  if (crdExtent > 0 && crdExtent - 1 > maxIndex(getCrdWidth()))
    return emitError() << "crd_width " << getCrdWidth()
                       << " cannot address coordinate " << crdExtent - 1;
  if (getFormat() != FormatKind::COO && entries > maxIndex(getPosWidth()))
    return emitError() << "pos_width " << getPosWidth() << " cannot count "
                       << entries << " stored entries";
  return success();
}
