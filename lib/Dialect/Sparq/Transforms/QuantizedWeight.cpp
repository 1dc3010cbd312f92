//===- QuantizedWeight.cpp - Quantizing a weight and its consumer ---------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// Every number is computed by the numerics library (sparq/Numerics): this
// file only decides which elements share parameters (the GroupLayout of the
// weight), writes the library's integers, scales, zero points and codebooks
// as dense_resource parts, and rewrites the consumer to the sparq op that
// takes the assembled quantized weight.
//
//===----------------------------------------------------------------------===//

#include "QuantizedWeight.h"
#include "ContractionRewrite.h"

#include "sparq/Dialect/Sparq/IR/SparqOps.h"
#include "sparq/Dialect/Sparq/IR/SparqTypes.h"
#include "sparq/Numerics/GroupLayout.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/StringExtras.h"

#include "llvm/ADT/TypeSwitch.h"
#include <cmath>

#include <cstring>

using namespace mlir;
using namespace sparq;

namespace {

/// The numerics library's name for a rounding mode.
numerics::Rounding toNumerics(RoundingMode mode) {
  switch (mode) {
  case RoundingMode::NearestEven:
    return numerics::Rounding::NearestEven;
  case RoundingMode::NearestAway:
    return numerics::Rounding::NearestAway;
  case RoundingMode::TowardZero:
    return numerics::Rounding::TowardZero;
  }
  return numerics::Rounding::NearestEven;
}

template <typename T> ArrayRef<char> bytesOf(const std::vector<T> &v) {
  return ArrayRef<char>(reinterpret_cast<const char *>(v.data()),
                        v.size() * sizeof(T));
}

numerics::GroupLayout makeLayout(ArrayRef<int64_t> shape, int64_t axis,
                                 const QuantizeSettings &settings) {
  std::vector<int64_t> shapeVec(shape.begin(), shape.end());
  return settings.granularity == Granularity::Tensor
             ? numerics::GroupLayout::tensor(shapeVec)
         : settings.granularity == Granularity::Channel
             ? numerics::GroupLayout::channel(shapeVec, axis)
             : numerics::GroupLayout::group(shapeVec, axis, settings.groupSize);
}

} // namespace

FailureOr<int64_t> sparq::getQuantizationAxis(const WeightOperand &weight,
                                              const QuantizeSettings &settings,
                                              StringRef passName) {
  ArrayRef<int64_t> shape = weight.type.getShape();
  switch (settings.granularity) {
  case Granularity::Tensor:
    return int64_t(-1);
  case Granularity::Channel:
    return weight.outputAxis;
  case Granularity::Group: {
    // Matrix weights have one reduction axis; a conv weight's groups run
    // along its input channels, at a fixed kernel position and filter.
    int64_t axis = weight.inputChannelAxis ? *weight.inputChannelAxis
                                           : weight.reductionAxes.front();
    if (shape[axis] % settings.groupSize != 0) {
      InFlightDiagnostic diag = weight.op->emitError()
                                << passName << ": group-size "
                                << settings.groupSize << " does not divide ";
      if (weight.inputChannelAxis)
        diag << "the input-channel dimension (axis " << axis << ", size "
             << shape[axis] << ") of the conv weight " << weight.type
             << " (groups of a conv weight run along its input channels)";
      else
        diag << "the reduction dimension (axis " << axis << ", size "
             << shape[axis] << ") of the weight " << weight.type;
      return failure();
    }
    return axis;
  }
  }
  return int64_t(-1);
}

bool sparq::quantizeData(ArrayRef<float> data, ArrayRef<int64_t> shape,
                         int64_t axis, const QuantizeSettings &settings,
                         QuantizedData &result, std::string &error) {
  numerics::GroupLayout layout = makeLayout(shape, axis, settings);
  if (std::string why = layout.validate(); !why.empty()) {
    error = why;
    return false;
  }
  // A NaN or infinity has no place on a quantization grid: an infinite
  // range would silently zero every finite weight of its group.
  if (llvm::any_of(data, [](float w) { return !std::isfinite(w); })) {
    error = "the weight holds NaN or infinite values";
    return false;
  }
  int64_t n = layout.getNumElements();
  result.q.assign(n, 0);
  result.real.assign(n, 0.0f);
  if (settings.scheme == QuantizeScheme::KMeans) {
    numerics::KMeansOptions options;
    options.bits = settings.bits;
    options.keepZero = true;
    std::vector<uint32_t> indices(n);
    result.codebook =
        numerics::kmeansQuantize(data.data(), layout, options, indices.data());
    int64_t k = int64_t(1) << settings.bits;
    for (int64_t i = 0; i < n; ++i) {
      result.q[i] = static_cast<int32_t>(indices[i]);
      result.real[i] =
          result.codebook.centroids[layout.groupOf(i) * k + indices[i]];
    }
    return true;
  }
  bool isSigned = settings.scheme == QuantizeScheme::Symmetric;
  numerics::LinearFormat format{settings.bits, isSigned, isSigned,
                                toNumerics(settings.rounding)};
  result.params = numerics::computeLinearParams(data.data(), layout, format);
  numerics::quantizeLinear(data.data(), layout, format, result.params,
                           result.q.data());
  numerics::dequantizeLinear(result.q.data(), layout, result.params,
                             result.real.data());
  return true;
}

Value sparq::buildQuantizedWeight(OpBuilder &builder, Location loc,
                                  ArrayRef<int64_t> shape, int64_t axis,
                                  const QuantizeSettings &settings,
                                  const QuantizedData &quantized,
                                  StringRef prefix) {
  MLIRContext *ctx = builder.getContext();
  bool isSigned = settings.scheme == QuantizeScheme::Symmetric;
  QuantScheme scheme =
      settings.scheme == QuantizeScheme::Symmetric    ? QuantScheme::Symmetric
      : settings.scheme == QuantizeScheme::Asymmetric ? QuantScheme::Asymmetric
                                                      : QuantScheme::Codebook;
  // Codebook indices are nearest centroids: rounding does not apply.
  RoundingMode rounding = settings.scheme == QuantizeScheme::KMeans
                              ? RoundingMode::NearestEven
                              : settings.rounding;
  auto quant = QuantAttr::get(
      ctx,
      IntegerType::get(ctx, settings.bits,
                       isSigned ? IntegerType::Signed : IntegerType::Unsigned),
      Float32Type::get(ctx), scheme, settings.granularity, axis,
      settings.granularity == Granularity::Group ? settings.groupSize : 0,
      rounding);
  auto quantType =
      RankedTensorType::get(shape, IntegerType::get(ctx, settings.bits),
                            EncodingAttr::get(ctx, FormatKind::Dense, quant));

  // The parts, with the types the layout contract gives them.
  Value values, scales, zeroPoints, codebookValue;
  for (const CompressedPart &part : getCompressedParts(quantType)) {
    auto create = [&](ArrayRef<char> bytes, StringRef suffix) {
      assert(bytes.size() ==
                 part.type.getNumElements() *
                     (part.type.getElementTypeBitWidth() <= 8
                          ? 1
                          : (part.type.getElementTypeBitWidth() + 7) / 8) &&
             "part data does not match the part type");
      return createResourceConstant(builder, loc, part.type, bytes,
                                    (prefix + "_" + suffix).str());
    };
    switch (part.kind) {
    case PartKind::Values: {
      // 8- and 16-bit values are one blob; other widths are stored packed
      // and read through sparq.from_bytes.
      std::vector<int64_t> wide(quantized.q.begin(), quantized.q.end());
      values = createIntegerConstant(builder, loc, part.type, wide,
                                     (prefix + "_values").str());
      break;
    }
    case PartKind::Scales:
      scales = create(bytesOf(quantized.params.scales), "scales");
      break;
    case PartKind::ZeroPoints:
      zeroPoints = create(bytesOf(quantized.params.zeroPoints), "zero_points");
      break;
    case PartKind::Codebook:
      codebookValue = create(bytesOf(quantized.codebook.centroids), "codebook");
      break;
    default:
      llvm_unreachable("a dense quantized tensor has no other parts");
    }
  }
  return AssembleOp::create(builder, loc, quantType, values, Value(), Value(),
                            Value(), Value(), scales, zeroPoints,
                            codebookValue);
}

LogicalResult sparq::checkQuantizedConsumer(const WeightOperand &weight,
                                            StringRef passName) {
  Operation *op = weight.op;
  if (isa<MatmulOp, Conv2DOp>(op))
    return success();
  auto linalgOp = cast<linalg::LinalgOp>(op);
  if (!linalgOp.hasPureTensorSemantics())
    return op->emitError() << passName
                           << ": only linalg ops on tensors "
                              "can be rewritten to sparq ops";
  auto resultType = cast<RankedTensorType>(op->getResult(0).getType());
  if (!resultType.getElementType().isF32())
    return op->emitError() << passName
                           << ": the result must be an f32 "
                              "tensor (sparq ops accumulate in f32), got "
                           << resultType;
  for (OpOperand *input : linalgOp.getDpsInputOperands()) {
    if (input->getOperandNumber() == weight.operandNumber)
      continue;
    auto inputType = cast<RankedTensorType>(input->get().getType());
    if (!inputType.getElementType().isF32())
      return op->emitError() << passName
                             << ": the activation must be an "
                                "f32 tensor, got "
                             << inputType;
  }
  return success();
}

FailureOr<Operation *>
sparq::rewriteQuantizedConsumer(const WeightOperand &weight, Value quantized,
                                ArrayRef<NamedAttribute> attrs,
                                StringRef droppedAttr, StringRef passName) {
  Operation *op = weight.op;
  MLIRContext *ctx = op->getContext();
  if (isa<MatmulOp, Conv2DOp>(op)) {
    op->setOperand(weight.operandNumber, quantized);
    op->removeAttr(droppedAttr);
    for (NamedAttribute attr : attrs)
      op->setAttr(attr.getName(), attr.getValue());
    return op;
  }
  if (failed(checkQuantizedConsumer(weight, passName)))
    return failure();

  FailureOr<Operation *> replacement = replaceLinalgContraction(
      op, weight.operandNumber, quantized, Float32Type::get(ctx),
      /*transposeB=*/false, passName);
  if (failed(replacement))
    return failure();
  (*replacement)->removeAttr(droppedAttr);
  for (NamedAttribute attr : attrs)
    (*replacement)->setAttr(attr.getName(), attr.getValue());
  return *replacement;
}

std::string sparq::getWeightNamePrefix(Operation *op, unsigned index) {
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
    name = "sparq_w" + std::to_string(index) + (name.empty() ? "" : "_" + name);
  return name;
}
