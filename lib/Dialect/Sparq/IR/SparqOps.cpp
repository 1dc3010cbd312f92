//===- SparqOps.cpp - Operations of the sparq dialect ---------------------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#include "sparq/Dialect/Sparq/IR/SparqOps.h"
#include "sparq/Dialect/Sparq/IR/SparqTypes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/DialectImplementation.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/STLExtras.h"

using namespace mlir;
using namespace sparq;

//===----------------------------------------------------------------------===//
// Custom directives
//===----------------------------------------------------------------------===//

/// Parses `keyword(case)` into an enum attribute; the clause is optional when
/// the attribute is (a null attribute means absent).
template <typename EnumAttrT>
static ParseResult parseKeywordEnum(OpAsmParser &parser, EnumAttrT &attr,
                                    StringRef keyword) {
  using EnumT = decltype(std::declval<EnumAttrT>().getValue());
  if (failed(parser.parseOptionalKeyword(keyword))) {
    if constexpr (std::is_same_v<EnumT, ConvLayout>)
      return parser.emitError(parser.getCurrentLocation())
             << "expected `" << keyword << "(...)`";
    return success();
  }
  StringRef name;
  SMLoc loc = parser.getCurrentLocation();
  if (parser.parseLParen() || parser.parseKeyword(&name) ||
      parser.parseRParen())
    return failure();
  std::optional<EnumT> value;
  if constexpr (std::is_same_v<EnumT, Dataflow>)
    value = symbolizeDataflow(name);
  else
    value = symbolizeConvLayout(name);
  if (!value)
    return parser.emitError(loc)
           << "unknown " << keyword << " '" << name << "'";
  attr = EnumAttrT::get(parser.getContext(), *value);
  return success();
}

/// The optional `dataflow(...)` clause prints its own leading space, so an
/// absent clause leaves no double space.
static ParseResult parseOptionalKeywordEnum(OpAsmParser &parser,
                                            DataflowAttr &attr,
                                            StringRef keyword) {
  return parseKeywordEnum(parser, attr, keyword);
}

static void printOptionalKeywordEnum(OpAsmPrinter &printer, Operation *,
                                     DataflowAttr attr, StringRef keyword) {
  if (attr)
    printer << " " << keyword << "(" << stringifyDataflow(attr.getValue())
            << ")";
}

static void printKeywordEnum(OpAsmPrinter &printer, Operation *,
                             ConvLayoutAttr attr, StringRef keyword) {
  printer << keyword << "(" << stringifyConvLayout(attr.getValue()) << ")";
}

#define GET_OP_CLASSES
#include "sparq/Dialect/Sparq/IR/SparqOps.cpp.inc"

//===----------------------------------------------------------------------===//
// Shared checks
//===----------------------------------------------------------------------===//

/// Rejects tensor encodings that are not sparq's: sparq ops only understand
/// `#sparq.encoding` (upstream encodings go through the interop passes).
static LogicalResult verifyNoForeignEncoding(Operation *op, Type type,
                                             StringRef name) {
  auto tensorType = cast<RankedTensorType>(type);
  Attribute encoding = tensorType.getEncoding();
  if (!encoding || isa<EncodingAttr>(encoding))
    return success();
  return op->emitOpError()
         << name << " has encoding " << encoding
         << " that is not a #sparq.encoding (convert "
            "upstream encodings with --sparq-from-sparse-tensor)";
}

/// True when `actual` can stand for a part of type `expected`: same element
/// type, same rank, and equal sizes wherever both are static.
static bool isCompatiblePartType(RankedTensorType actual,
                                 RankedTensorType expected) {
  return actual.getElementType() == expected.getElementType() &&
         !actual.getEncoding() &&
         succeeded(verifyCompatibleShape(actual, expected));
}

/// Checks an optional part operand against the part the type `of` needs
/// (`expected` null: the part must be absent).
static LogicalResult verifyPartOperand(Operation *op, Value given,
                                       RankedTensorType expected,
                                       StringRef name, Type of) {
  if (expected && !given)
    return op->emitOpError()
           << "needs `" << name << "` of type " << expected << " for " << of;
  if (!expected && given)
    return op->emitOpError() << "takes no `" << name << "` for " << of;
  if (given &&
      !isCompatiblePartType(cast<RankedTensorType>(given.getType()), expected))
    return op->emitOpError() << "`" << name << "` has type " << given.getType()
                             << " but " << of << " needs " << expected;
  return success();
}

static RankedTensorType partOf(Type type, PartKind kind) {
  return getPartType(cast<RankedTensorType>(type), kind);
}

/// Verifies that `input` and `result` have compatible shapes.
static LogicalResult verifySameShape(Operation *op, Type input, Type result) {
  if (failed(verifyCompatibleShape(input, result)))
    return op->emitOpError() << "input shape " << input
                             << " does not match result shape " << result;
  return success();
}

//===----------------------------------------------------------------------===//
// QuantizeOp
//===----------------------------------------------------------------------===//

LogicalResult QuantizeOp::verify() {
  auto inputType = getInput().getType();
  auto resultType = getResult().getType();
  if (inputType.getEncoding() || !isa<FloatType>(inputType.getElementType()))
    return emitOpError() << "input must be a plain float tensor, got "
                         << inputType;
  if (failed(verifyNoForeignEncoding(*this, resultType, "result")))
    return failure();
  QuantAttr quant = getQuant(resultType);
  if (!quant)
    return emitOpError() << "result must be a quantized tensor "
                            "(#sparq.encoding with quant = ...), got "
                         << resultType;
  if (!getSparqEncoding(resultType).isDense())
    return emitOpError() << "result must use the dense format (change the "
                            "format afterwards with sparq.pack), got "
                         << resultType;
  if (inputType.getElementType() != quant.getExpressedType())
    return emitOpError() << "input element type " << inputType.getElementType()
                         << " differs from the expressed type "
                         << quant.getExpressedType() << " of the result";
  if (failed(verifySameShape(*this, inputType, resultType)))
    return failure();
  return success(
      succeeded(verifyPartOperand(*this, getScales(),
                                  partOf(resultType, PartKind::Scales),
                                  "scales", resultType)) &&
      succeeded(verifyPartOperand(*this, getZeroPoints(),
                                  partOf(resultType, PartKind::ZeroPoints),
                                  "zero_points", resultType)) &&
      succeeded(verifyPartOperand(*this, getCodebook(),
                                  partOf(resultType, PartKind::Codebook),
                                  "codebook", resultType)));
}

//===----------------------------------------------------------------------===//
// DequantizeOp
//===----------------------------------------------------------------------===//

LogicalResult DequantizeOp::verify() {
  auto inputType = getInput().getType();
  if (failed(verifyNoForeignEncoding(*this, inputType, "input")))
    return failure();
  EncodingAttr encoding = getSparqEncoding(inputType);
  if (!encoding || !encoding.isQuantized())
    return emitOpError() << "input must be a quantized tensor, got "
                         << inputType;
  RankedTensorType expected = getCompressedType(
      inputType.getShape(), encoding.getQuant().getExpressedType(),
      encoding.withQuant({}));
  if (getResult().getType() != expected)
    return emitOpError()
           << "result type must be " << expected
           << " (the input's format with the expressed type), got "
           << getResult().getType();
  return success();
}

//===----------------------------------------------------------------------===//
// RequantizeOp
//===----------------------------------------------------------------------===//

LogicalResult RequantizeOp::verify() {
  auto inputType = getInput().getType();
  auto resultType = getResult().getType();
  if (failed(verifyNoForeignEncoding(*this, inputType, "input")) ||
      failed(verifyNoForeignEncoding(*this, resultType, "result")))
    return failure();
  EncodingAttr inEncoding = getSparqEncoding(inputType);
  EncodingAttr outEncoding = getSparqEncoding(resultType);
  if (!outEncoding || !outEncoding.isQuantized() || !outEncoding.isDense())
    return emitOpError() << "result must be a quantized tensor in the dense "
                            "format, got "
                         << resultType;
  QuantAttr outQuant = outEncoding.getQuant();
  if (outQuant.getScheme() == QuantScheme::Codebook)
    return emitOpError() << "cannot requantize to a codebook; use "
                            "sparq.quantize with a codebook";
  if (failed(verifySameShape(*this, inputType, resultType)))
    return failure();
  if (inEncoding) {
    if (!inEncoding.isQuantized() || !inEncoding.isDense())
      return emitOpError() << "input must be a raw integer tensor or a "
                              "quantized tensor in the dense format, got "
                           << inputType;
    if (getInScales())
      return emitOpError() << "takes no `in_scales` for the quantized input "
                           << inputType << ", which carries its own scales";
  } else {
    if (!isa<IntegerType>(inputType.getElementType()))
      return emitOpError() << "input must be a raw integer tensor or a "
                              "quantized tensor, got "
                           << inputType;
    if (!getInScales())
      return emitOpError() << "needs `in_scales` for the raw integer input "
                           << inputType;
    auto inScales = cast<RankedTensorType>(getInScales().getType());
    RankedTensorType outScales = partOf(resultType, PartKind::Scales);
    bool scalar = inScales.getRank() == 1 && inScales.getDimSize(0) == 1;
    if (inScales.getElementType() != outQuant.getExpressedType() ||
        (!scalar && !isCompatiblePartType(inScales, outScales)))
      return emitOpError() << "`in_scales` has type " << inScales
                           << " but must be "
                           << RankedTensorType::get({1},
                                                    outQuant.getExpressedType())
                           << " or " << outScales;
  }
  return success(
      succeeded(verifyPartOperand(*this, getScales(),
                                  partOf(resultType, PartKind::Scales),
                                  "scales", resultType)) &&
      succeeded(verifyPartOperand(*this, getZeroPoints(),
                                  partOf(resultType, PartKind::ZeroPoints),
                                  "zero_points", resultType)));
}

//===----------------------------------------------------------------------===//
// PackOp / UnpackOp
//===----------------------------------------------------------------------===//

LogicalResult PackOp::verify() {
  auto inputType = getInput().getType();
  auto resultType = getResult().getType();
  if (failed(verifyNoForeignEncoding(*this, inputType, "input")) ||
      failed(verifyNoForeignEncoding(*this, resultType, "result")))
    return failure();
  EncodingAttr inEncoding = getSparqEncoding(inputType);
  EncodingAttr outEncoding = getSparqEncoding(resultType);
  if (inEncoding && !inEncoding.isDense())
    return emitOpError() << "input must be in the dense format, got "
                         << inputType;
  if (!outEncoding || outEncoding.isDense())
    return emitOpError() << "result must use a compressed format (csr, csc, "
                            "coo, bitmap, nm or bcsr), got "
                         << resultType;
  if (inputType.getElementType() != resultType.getElementType())
    return emitOpError() << "element type changes from "
                         << inputType.getElementType() << " to "
                         << resultType.getElementType()
                         << "; pack only changes the format";
  QuantAttr inQuant = inEncoding ? inEncoding.getQuant() : QuantAttr();
  if (inQuant != outEncoding.getQuant())
    return emitOpError() << "quantization changes from "
                         << (inQuant ? Attribute(inQuant) : Attribute())
                         << " to "
                         << (outEncoding.getQuant()
                                 ? Attribute(outEncoding.getQuant())
                                 : Attribute())
                         << "; pack only changes the format";
  return verifySameShape(*this, inputType, resultType);
}

LogicalResult UnpackOp::verify() {
  auto inputType = getInput().getType();
  if (failed(verifyNoForeignEncoding(*this, inputType, "input")))
    return failure();
  EncodingAttr encoding = getSparqEncoding(inputType);
  if (!encoding || encoding.isDense())
    return emitOpError() << "input must use a compressed format, got "
                         << inputType;
  RankedTensorType expected =
      getCompressedType(inputType.getShape(), inputType.getElementType(),
                        encoding.withFormat(FormatKind::Dense));
  if (getResult().getType() != expected)
    return emitOpError() << "result type must be " << expected
                         << " (the dense form of the input), got "
                         << getResult().getType();
  return success();
}

OpFoldResult UnpackOp::fold(FoldAdaptor) {
  // unpack(pack(x)) is x for integer storage: packing is lossless. Floats are
  // not folded: pack drops -0.0 like +0.0, and unpack restores +0.0.
  if (auto pack = getInput().getDefiningOp<PackOp>())
    if (pack.getInput().getType() == getType() &&
        isa<IntegerType>(getType().getElementType()))
      return pack.getInput();
  return {};
}

//===----------------------------------------------------------------------===//
// FromBytesOp
//===----------------------------------------------------------------------===//

LogicalResult FromBytesOp::verify() {
  auto bytesType = getBytes().getType();
  auto resultType = getResult().getType();
  auto element = dyn_cast<IntegerType>(resultType.getElementType());
  if (resultType.getEncoding() || !element || element.getWidth() > 16)
    return emitOpError() << "result must be a plain tensor of 1- to 16-bit "
                            "integers, got "
                         << resultType;
  if (bytesType.getRank() != 1 || bytesType.getEncoding())
    return emitOpError() << "bytes must be a plain rank-1 i8 tensor, got "
                         << bytesType;
  if (!resultType.hasStaticShape() || bytesType.isDynamicDim(0))
    return success();
  int64_t bits = resultType.getNumElements() * element.getWidth();
  int64_t expected = (bits + 7) / 8;
  if (bytesType.getDimSize(0) != expected)
    return emitOpError() << resultType.getNumElements() << " elements of "
                         << element.getWidth() << " bits need " << expected
                         << " bytes, got " << bytesType.getDimSize(0);
  return success();
}

//===----------------------------------------------------------------------===//
// AssembleOp / PartOp
//===----------------------------------------------------------------------===//

Value AssembleOp::getPart(PartKind kind) {
  switch (kind) {
  case PartKind::Values:
    return getValues();
  case PartKind::Positions:
    return getPositions();
  case PartKind::Coordinates:
    return getCoordinates();
  case PartKind::Bitmap:
    return getBitmap();
  case PartKind::Metadata:
    return getMetadata();
  case PartKind::Scales:
    return getScales();
  case PartKind::ZeroPoints:
    return getZeroPoints();
  case PartKind::Codebook:
    return getCodebook();
  }
  llvm_unreachable("unknown part kind");
}

LogicalResult AssembleOp::verify() {
  auto resultType = getResult().getType();
  if (failed(verifyNoForeignEncoding(*this, resultType, "result")))
    return failure();
  if (!getSparqEncoding(resultType))
    return emitOpError() << "result must be a compressed tensor "
                            "(#sparq.encoding), got "
                         << resultType;
  for (uint32_t i = 0; i <= static_cast<uint32_t>(PartKind::Codebook); ++i) {
    auto kind = static_cast<PartKind>(i);
    if (failed(verifyPartOperand(*this, getPart(kind), partOf(resultType, kind),
                                 stringifyPartKind(kind), resultType)))
      return failure();
  }
  return success();
}

void PartOp::build(OpBuilder &builder, OperationState &state, Value tensor,
                   PartKind kind) {
  build(builder, state,
        getPartType(cast<RankedTensorType>(tensor.getType()), kind), tensor,
        kind);
}

LogicalResult PartOp::verify() {
  auto tensorType = getTensor().getType();
  if (failed(verifyNoForeignEncoding(*this, tensorType, "operand")))
    return failure();
  if (!getSparqEncoding(tensorType))
    return emitOpError() << "operand must be a compressed tensor "
                            "(#sparq.encoding), got "
                         << tensorType;
  RankedTensorType partType = getPartType(tensorType, getKind());
  if (!partType) {
    InFlightDiagnostic diag = emitOpError() << tensorType << " has no "
                                            << stringifyPartKind(getKind())
                                            << " part (its parts are: ";
    llvm::interleaveComma(getCompressedParts(tensorType), diag,
                          [&](const CompressedPart &part) {
                            diag << stringifyPartKind(part.kind);
                          });
    return diag << ")";
  }
  if (getType() != partType)
    return emitOpError() << "the " << stringifyPartKind(getKind()) << " of "
                         << tensorType << " have type " << partType << ", not "
                         << getType();
  return success();
}

OpFoldResult PartOp::fold(FoldAdaptor) {
  if (auto assemble = getTensor().getDefiningOp<AssembleOp>())
    if (Value part = assemble.getPart(getKind()))
      if (part.getType() == getType())
        return part;
  return {};
}

//===----------------------------------------------------------------------===//
// MatmulOp / Conv2DOp
//===----------------------------------------------------------------------===//

/// Checks the element and accumulator types shared by matmul and conv2d.
static LogicalResult verifyContractionTypes(Operation *op, Type lhs, Type rhs,
                                            Type acc, Type result) {
  if (failed(verifyNoForeignEncoding(op, lhs, "operand #0")) ||
      failed(verifyNoForeignEncoding(op, rhs, "operand #1")) ||
      failed(verifyNoForeignEncoding(op, result, "result")))
    return failure();
  if (!isa<IntegerType, FloatType>(acc))
    return op->emitOpError() << "accumulator must be an integer or float "
                                "type, got "
                             << acc;
  if (getQuant(result))
    return op->emitOpError() << "result must not be quantized (requantize the "
                                "accumulator with sparq.requantize), got "
                             << result;
  bool anyQuant = false;
  unsigned productBits = 0;
  Type operands[] = {lhs, rhs};
  for (auto [index, type] : llvm::enumerate(operands)) {
    Type element = cast<RankedTensorType>(type).getElementType();
    QuantAttr quant = getQuant(type);
    anyQuant |= static_cast<bool>(quant);
    if (!isa<IntegerType>(acc))
      continue;
    if (quant && quant.getScheme() == QuantScheme::Codebook)
      return op->emitOpError()
             << "operand #" << index
             << " is codebook-quantized: its centroids are real values, so it "
                "needs a float accumulator, not "
             << acc;
    if (!isa<IntegerType>(element))
      return op->emitOpError()
             << "integer accumulator " << acc << " needs integer operands, "
             << "but operand #" << index << " has element type " << element;
    // A symmetric or raw signed value needs its B bits; an unsigned or
    // asymmetric one becomes (q - zp) in [-(2^B - 1), 2^B - 1]: B + 1 bits.
    bool widened = quant && (!quant.isSigned() ||
                             quant.getScheme() == QuantScheme::Asymmetric);
    productBits += cast<IntegerType>(element).getWidth() + (widened ? 1 : 0);
  }
  if (auto accInt = dyn_cast<IntegerType>(acc);
      accInt && accInt.getWidth() < productBits)
    return op->emitOpError() << "accumulator " << acc
                             << " cannot hold a product of the operands ("
                             << productBits << " bits)";
  Type resultElement = cast<RankedTensorType>(result).getElementType();
  bool dequantizedResult =
      isa<IntegerType>(acc) && anyQuant && isa<FloatType>(resultElement);
  if (resultElement != acc && !dequantizedResult)
    return op->emitOpError()
           << "result element type " << resultElement
           << " must be the accumulator type " << acc
           << (isa<IntegerType>(acc) && anyQuant
                   ? " or a float type (scales applied to the accumulator)"
                   : "");
  return success();
}

static LogicalResult verifyDim(Operation *op, int64_t actual, int64_t expected,
                               StringRef what) {
  if (!ShapedType::isDynamic(actual) && !ShapedType::isDynamic(expected) &&
      actual != expected)
    return op->emitOpError()
           << what << " is " << actual << " but must be " << expected;
  return success();
}

LogicalResult MatmulOp::verify() {
  auto lhsType = getLhs().getType();
  auto rhsType = getRhs().getType();
  auto resultType = getResult().getType();
  if (failed(verifyContractionTypes(*this, lhsType, rhsType, getAccType(),
                                    resultType)))
    return failure();
  int64_t lhsRank = lhsType.getRank(), rhsRank = rhsType.getRank();
  if (lhsRank != 2 && lhsRank != 3)
    return emitOpError() << "lhs must have rank 2 ([M, K]) or 3 ([B, M, K]), "
                            "got rank "
                         << lhsRank;
  if (rhsRank != 2 && !(rhsRank == 3 && lhsRank == 3))
    return emitOpError() << "rhs must have rank 2, or rank 3 with a rank-3 "
                            "lhs, got rank "
                         << rhsRank;
  if (resultType.getRank() != lhsRank)
    return emitOpError() << "result must have rank " << lhsRank << ", got "
                         << resultType.getRank();
  ArrayRef<int64_t> lhs = lhsType.getShape(), rhs = rhsType.getShape(),
                    res = resultType.getShape();
  int64_t m = lhs[lhsRank - 2], k = lhs[lhsRank - 1];
  int64_t rhsK = getTransposeB() ? rhs[rhsRank - 1] : rhs[rhsRank - 2];
  int64_t n = getTransposeB() ? rhs[rhsRank - 2] : rhs[rhsRank - 1];
  if (failed(verifyDim(*this, rhsK, k, "reduction size of rhs")) ||
      failed(verifyDim(*this, res[lhsRank - 2], m, "result dimension M")) ||
      failed(verifyDim(*this, res[lhsRank - 1], n, "result dimension N")))
    return failure();
  if (lhsRank == 3) {
    if (failed(verifyDim(*this, res[0], lhs[0], "result batch size")))
      return failure();
    if (rhsRank == 3 &&
        failed(verifyDim(*this, rhs[0], lhs[0], "rhs batch size")))
      return failure();
  }
  return success();
}

LogicalResult Conv2DOp::verify() {
  auto inputType = getInput().getType();
  auto filterType = getFilter().getType();
  auto resultType = getResult().getType();
  if (failed(verifyContractionTypes(*this, inputType, filterType, getAccType(),
                                    resultType)))
    return failure();
  if (inputType.getRank() != 4 || filterType.getRank() != 4 ||
      resultType.getRank() != 4)
    return emitOpError() << "input, filter and result must have rank 4";
  if (getStrides().size() != 2 || getDilations().size() != 2)
    return emitOpError() << "strides and dilations must have 2 elements";
  if (getPadding().size() != 4)
    return emitOpError()
           << "padding must have 4 elements [top, bottom, left, right]";
  if (llvm::any_of(getStrides(), [](int64_t s) { return s < 1; }) ||
      llvm::any_of(getDilations(), [](int64_t d) { return d < 1; }))
    return emitOpError() << "strides and dilations must be positive";
  if (llvm::any_of(getPadding(), [](int64_t p) { return p < 0; }))
    return emitOpError() << "padding must be non-negative";
  // Keep the size arithmetic below far from int64 overflow.
  constexpr int64_t kLimit = int64_t(1) << 31;
  if (llvm::any_of(getPadding(), [&](int64_t p) { return p >= kLimit; }) ||
      llvm::any_of(getStrides(), [&](int64_t v) { return v >= kLimit; }) ||
      llvm::any_of(getDilations(), [&](int64_t v) { return v >= kLimit; }))
    return emitOpError() << "strides, dilations and padding must be below 2^31";
  bool nhwc = getLayout() == ConvLayout::NHWC_HWCF;
  ArrayRef<int64_t> in = inputType.getShape(), f = filterType.getShape(),
                    out = resultType.getShape();
  // Dimension positions per layout: {batch, channel, height, width}.
  int64_t inC = nhwc ? in[3] : in[1], inH = nhwc ? in[1] : in[2],
          inW = nhwc ? in[2] : in[3];
  int64_t fC = nhwc ? f[2] : f[1], fF = nhwc ? f[3] : f[0],
          kH = nhwc ? f[0] : f[2], kW = nhwc ? f[1] : f[3];
  if (kH == 0 || kW == 0 || fC == 0 || fF == 0)
    return emitOpError() << "filter dimensions must be positive, got "
                         << filterType;
  int64_t outN = out[0], outF = nhwc ? out[3] : out[1],
          outH = nhwc ? out[1] : out[2], outW = nhwc ? out[2] : out[3];
  auto outSize = [](int64_t size, int64_t kernel, int64_t padBefore,
                    int64_t padAfter, int64_t stride, int64_t dilation) {
    if (ShapedType::isDynamic(size) || ShapedType::isDynamic(kernel))
      return ShapedType::kDynamic;
    int64_t span = size + padBefore + padAfter - dilation * (kernel - 1) - 1;
    return span < 0 ? int64_t(0) : span / stride + 1;
  };
  ArrayRef<int64_t> pad = getPadding(), stride = getStrides(),
                    dil = getDilations();
  int64_t expH = outSize(inH, kH, pad[0], pad[1], stride[0], dil[0]);
  int64_t expW = outSize(inW, kW, pad[2], pad[3], stride[1], dil[1]);
  if (expH == 0 || expW == 0)
    return emitOpError() << "the kernel (" << kH << "x" << kW
                         << ", dilated) does not fit the padded input (" << inH
                         << "x" << inW << ")";
  return success(
      succeeded(verifyDim(*this, fC, inC, "filter channel count")) &&
      succeeded(verifyDim(*this, outN, in[0], "result batch size")) &&
      succeeded(verifyDim(*this, outF, fF, "result channel count")) &&
      succeeded(verifyDim(*this, outH, expH, "result height")) &&
      succeeded(verifyDim(*this, outW, expW, "result width")));
}
