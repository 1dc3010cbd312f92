//===- QuantToSparq.cpp - !quant.uniform to sparq quantization ------------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// `--sparq-from-quant`: the quantization parameters that a `!quant.uniform`
// type holds at compile time become `arith.constant` scale / zero-point
// parts of a `#sparq.quant` tensor. Function boundaries carry the plain
// storage integer tensor; the body re-assembles it with the constants, which
// is faithful because the quant type fixed them.
//
//===----------------------------------------------------------------------===//

#include "sparq/Conversion/QuantToSparq/QuantToSparq.h"
#include "sparq/Conversion/Passes.h"
#include "sparq/Dialect/Sparq/IR/SparqOps.h"
#include "sparq/Dialect/Sparq/IR/SparqTypes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Transforms/DialectConversion.h"

namespace sparq {
#define GEN_PASS_DEF_SPARQFROMQUANT
#include "sparq/Conversion/Passes.h.inc"
} // namespace sparq

using namespace mlir;
using namespace sparq;

/// Largest storage width a `#sparq.quant` accepts.
static constexpr unsigned kMaxSparqBits = 16;

//===----------------------------------------------------------------------===//
// Quant type -> sparq parameters
//===----------------------------------------------------------------------===//

/// Builds a constant of `type` (a float tensor) from `values`, rounding them
/// to the element type. f32 and f64 go through raw arrays; other float types
/// need APFloat's rounding.
static DenseElementsAttr buildFloatConstant(RankedTensorType type,
                                            ArrayRef<double> values) {
  Type element = type.getElementType();
  if (element.isF64())
    return DenseElementsAttr::get(type, values);
  if (element.isF32()) {
    SmallVector<float> narrowed(values.begin(), values.end());
    return DenseElementsAttr::get(type, ArrayRef<float>(narrowed));
  }
  const llvm::fltSemantics &semantics =
      cast<FloatType>(element).getFloatSemantics();
  SmallVector<APFloat> rounded;
  rounded.reserve(values.size());
  for (double value : values) {
    APFloat converted(value);
    bool losesInfo;
    converted.convert(semantics, APFloat::rmNearestTiesToEven, &losesInfo);
    rounded.push_back(converted);
  }
  return DenseElementsAttr::get(type, rounded);
}

/// Builds an i32 constant of `shape` from `values`.
static DenseElementsAttr buildI32Constant(MLIRContext *ctx,
                                          ArrayRef<int64_t> shape,
                                          ArrayRef<int64_t> values) {
  SmallVector<int32_t> narrowed(values.begin(), values.end());
  return DenseElementsAttr::get(
      RankedTensorType::get(shape, IntegerType::get(ctx, 32)),
      ArrayRef<int32_t>(narrowed));
}

/// Reads the zero points of a sub-channel type (stored in the storage integer
/// type) as int64, honouring the type's signedness.
static SmallVector<int64_t> readZeroPoints(DenseElementsAttr attr,
                                           bool isSigned) {
  SmallVector<int64_t> result;
  result.reserve(attr.getNumElements());
  for (const APInt &value : attr.getValues<APInt>())
    result.push_back(isSigned ? value.getSExtValue()
                              : static_cast<int64_t>(value.getZExtValue()));
  return result;
}

/// `[a, b, c]`, for diagnostics.
static std::string formatList(ArrayRef<int64_t> values) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "[";
  llvm::interleaveComma(values, os);
  os << "]";
  return text;
}

namespace {
/// Granularity of a quant type, in sparq's terms.
struct GranularityInfo {
  Granularity granularity = Granularity::Tensor;
  int64_t axis = -1;
  int64_t groupSize = 0;
};
} // namespace

/// Classifies the blocks of a sub-channel type on a tensor of `shape`.
static FailureOr<GranularityInfo>
classifySubChannel(quant::UniformQuantizedSubChannelType type,
                   ArrayRef<int64_t> shape,
                   function_ref<InFlightDiagnostic()> emitError) {
  int64_t rank = shape.size();
  // -1: no block size given, i.e. the whole dimension.
  SmallVector<int64_t> block(rank, -1);
  for (auto [dim, size] : type.getBlockSizeInfo()) {
    if (dim >= rank) {
      if (emitError)
        emitError() << "quantized dimension " << dim
                    << " is out of range for a rank-" << rank << " tensor";
      return failure();
    }
    block[dim] = size;
  }
  auto isWhole = [&](int64_t i) {
    return block[i] == -1 ||
           (!ShapedType::isDynamic(shape[i]) && block[i] == shape[i]);
  };
  auto isOne = [&](int64_t i) {
    return block[i] == 1 || (block[i] == -1 && shape[i] == 1);
  };
  SmallVector<int64_t> partial, notOne;
  for (int64_t i = 0; i < rank; ++i) {
    if (!isWhole(i))
      partial.push_back(i);
    if (!isOne(i))
      notOne.push_back(i);
  }
  GranularityInfo info;
  if (partial.empty())
    return info;
  if (partial.size() == 1 && isOne(partial.front())) {
    info.granularity = Granularity::Channel;
    info.axis = partial.front();
    return info;
  }
  if (notOne.size() <= 1 && rank > 0) {
    info.granularity = Granularity::Group;
    info.axis = notOne.empty() ? rank - 1 : notOne.front();
    int64_t size = block[info.axis];
    if (size == -1)
      size = shape[info.axis];
    if (!ShapedType::isDynamic(size)) {
      info.groupSize = size;
      return info;
    }
  }
  if (emitError)
    emitError() << "sparq groups run along one axis with one scale per "
                   "element of every other axis; these blocks (sizes "
                << formatList(block)
                << ", -1 meaning the whole dimension) have no sparq "
                   "granularity";
  return failure();
}

FailureOr<SparqQuantParams>
sparq::getSparqQuantParams(quant::QuantizedType type, ArrayRef<int64_t> shape,
                           function_ref<InFlightDiagnostic()> emitError) {
  MLIRContext *ctx = type.getContext();
  auto fail = [&](auto &&...message) -> FailureOr<SparqQuantParams> {
    if (emitError)
      (emitError() << ... << message);
    return failure();
  };
  if (!isa<quant::UniformQuantizedType, quant::UniformQuantizedPerAxisType,
           quant::UniformQuantizedSubChannelType>(type))
    return fail("only !quant.uniform types have a sparq equivalent; ", type,
                " has no scales");
  unsigned bits = type.getStorageTypeIntegralWidth();
  if (bits > kMaxSparqBits)
    return fail("storage width ", bits, " of ", type,
                " exceeds the 16 bits sparq quantization supports");
  // quant's verifier guarantees a float expressed type.
  auto expressed = cast<FloatType>(type.getExpressedType());
  bool isSigned = type.isSigned();
  int64_t fullMin =
      quant::QuantizedType::getDefaultMinimumForInteger(isSigned, bits);
  int64_t fullMax =
      quant::QuantizedType::getDefaultMaximumForInteger(isSigned, bits);
  int64_t rank = shape.size();

  // Scales / zero points in the order of the sparq scale part, the shape of
  // that part, and the granularity.
  SmallVector<double> scales;
  SmallVector<int64_t> zeroPoints;
  SmallVector<int64_t> paramShape;
  DenseElementsAttr subChannelScales;
  GranularityInfo info;
  if (auto perTensor = dyn_cast<quant::UniformQuantizedType>(type)) {
    scales.push_back(perTensor.getScale());
    zeroPoints.push_back(perTensor.getZeroPoint());
    paramShape = {1};
  } else if (auto perAxis =
                 dyn_cast<quant::UniformQuantizedPerAxisType>(type)) {
    int64_t axis = perAxis.getQuantizedDimension();
    if (axis >= rank)
      return fail("quantized dimension ", axis, " is out of range for a rank-",
                  rank, " tensor");
    llvm::append_range(scales, perAxis.getScales());
    llvm::append_range(zeroPoints, perAxis.getZeroPoints());
    if (!ShapedType::isDynamic(shape[axis]) &&
        shape[axis] != static_cast<int64_t>(scales.size()))
      return fail("dimension ", axis, " has size ", shape[axis], " but ", type,
                  " has ", scales.size(), " scales");
    info.granularity = Granularity::Channel;
    info.axis = axis;
    paramShape = {static_cast<int64_t>(scales.size())};
  } else {
    auto subChannel = cast<quant::UniformQuantizedSubChannelType>(type);
    FailureOr<GranularityInfo> classified =
        classifySubChannel(subChannel, shape, emitError);
    if (failed(classified))
      return failure();
    info = *classified;
    subChannelScales = subChannel.getScales();
    ArrayRef<int64_t> scaleShape = subChannelScales.getType().getShape();
    if (static_cast<int64_t>(scaleShape.size()) != rank)
      return fail("scales of ", type, " have rank ", scaleShape.size(),
                  " but the tensor has rank ", rank);
    // The shape quant's op verifier checks (it does not run on function
    // arguments): dimension / block size along every axis.
    DenseMap<int64_t, int64_t> blocks;
    for (auto [dim, size] : subChannel.getBlockSizeInfo())
      blocks[dim] = size;
    for (int64_t i = 0; i < rank; ++i) {
      if (ShapedType::isDynamic(shape[i]))
        continue;
      int64_t size = blocks.lookup(i) ? blocks.lookup(i) : shape[i];
      if (shape[i] % size != 0 || scaleShape[i] != shape[i] / size)
        return fail("scales of ", type, " have shape ", formatList(scaleShape),
                    ", which does not match the blocks of a tensor of shape ",
                    formatList(shape));
    }
    zeroPoints = readZeroPoints(subChannel.getZeroPoints(), isSigned);
    switch (info.granularity) {
    case Granularity::Tensor:
      paramShape = {1};
      break;
    case Granularity::Channel:
      paramShape = {scaleShape[info.axis]};
      break;
    case Granularity::Group:
      paramShape.assign(scaleShape.begin(), scaleShape.end());
      break;
    }
  }

  // Scheme: see the header for the rule.
  bool allZero = llvm::all_of(zeroPoints, [](int64_t zp) { return zp == 0; });
  int64_t min = type.getStorageTypeMin(), max = type.getStorageTypeMax();
  QuantScheme scheme;
  if (isSigned && bits >= 2 && min == fullMin + 1 && max == fullMax && allZero)
    scheme = QuantScheme::Symmetric;
  else if (min == fullMin && max == fullMax)
    scheme = QuantScheme::Asymmetric;
  else
    return fail("storage range [", min, ", ", max, "] of ", type,
                " has no sparq equivalent: sparq saturates at the full range [",
                fullMin, ", ", fullMax,
                "] (asymmetric) or, with all zero points 0, "
                "at the symmetric range [",
                isSigned && bits >= 2 ? fullMin + 1 : fullMin, ", ", fullMax,
                "]");
  if (scheme == QuantScheme::Asymmetric)
    for (int64_t zp : zeroPoints)
      if (zp < fullMin || zp > fullMax)
        return fail("zero point ", zp, " of ", type,
                    " is outside the storage range [", fullMin, ", ", fullMax,
                    "] that sparq requires");

  auto storage = IntegerType::get(
      ctx, bits, isSigned ? IntegerType::Signed : IntegerType::Unsigned);
  SparqQuantParams params;
  params.quant =
      QuantAttr::get(ctx, storage, expressed, scheme, info.granularity,
                     info.axis, info.groupSize, RoundingMode::NearestEven);
  if (failed(params.quant.verifyShape(shape, emitError)))
    return failure();
  auto scaleType = RankedTensorType::get(paramShape, expressed);
  params.scales = subChannelScales ? subChannelScales.reshape(scaleType)
                                   : buildFloatConstant(scaleType, scales);
  if (scheme == QuantScheme::Asymmetric)
    params.zeroPoints = buildI32Constant(ctx, paramShape, zeroPoints);
  return params;
}

//===----------------------------------------------------------------------===//
// Type converter
//===----------------------------------------------------------------------===//

/// The quant element type of `type` (tensor, vector or scalar), or null.
static quant::QuantizedType getQuantElement(Type type) {
  return dyn_cast<quant::QuantizedType>(getElementTypeOrSelf(type));
}

/// The sparq type of a ranked tensor of quant elements, or null.
static RankedTensorType convertQuantTensor(RankedTensorType type) {
  auto element = dyn_cast<quant::QuantizedType>(type.getElementType());
  if (!element || type.getEncoding())
    return {};
  FailureOr<SparqQuantParams> params =
      getSparqQuantParams(element, type.getShape());
  if (failed(params))
    return {};
  MLIRContext *ctx = type.getContext();
  return RankedTensorType::get(
      type.getShape(), IntegerType::get(ctx, params->quant.getBits()),
      EncodingAttr::get(ctx, FormatKind::Dense, params->quant));
}

/// The storage integer tensor that carries a quant tensor across function
/// boundaries (the type itself when it has no quant elements).
static Type getStorageTensorType(Type type) {
  if (auto tensor = dyn_cast<RankedTensorType>(type))
    if (isa<quant::QuantizedType>(tensor.getElementType()))
      return quant::QuantizedType::castToStorageType(tensor);
  return type;
}

/// Materializes the scale / zero-point constants of `quantType` for a tensor
/// of `shape`.
static std::pair<Value, Value>
buildParamConstants(OpBuilder &builder, Location loc,
                    quant::QuantizedType quantType, ArrayRef<int64_t> shape) {
  FailureOr<SparqQuantParams> params = getSparqQuantParams(quantType, shape);
  if (failed(params))
    return {};
  Value scales = arith::ConstantOp::create(builder, loc, params->scales);
  Value zeroPoints =
      params->zeroPoints
          ? arith::ConstantOp::create(builder, loc, params->zeroPoints)
                .getResult()
          : Value();
  return {scales, zeroPoints};
}

/// `sparq.assemble values(%storage) scales(cst) [zero_points(cst)]`.
static Value buildAssemble(OpBuilder &builder, Location loc,
                           RankedTensorType sparqType, Value storage,
                           RankedTensorType quantTensorType) {
  auto quantType = cast<quant::QuantizedType>(quantTensorType.getElementType());
  auto [scales, zeroPoints] =
      buildParamConstants(builder, loc, quantType, quantTensorType.getShape());
  if (!scales)
    return {};
  return AssembleOp::create(builder, loc, sparqType, storage, Value(), Value(),
                            Value(), Value(), scales, zeroPoints, Value());
}

QuantToSparqTypeConverter::QuantToSparqTypeConverter() {
  addConversion([](Type type) { return type; });
  addConversion([](RankedTensorType type) -> std::optional<Type> {
    if (!isa<quant::QuantizedType>(type.getElementType()))
      return std::nullopt;
    // Null: a quant tensor sparq cannot express has no legal form.
    return Type(convertQuantTensor(type));
  });
  // A storage integer tensor (function argument, call result) standing for a
  // quant tensor: assemble it with the constants of the original type.
  addTargetMaterialization([](OpBuilder &builder, RankedTensorType resultType,
                              ValueRange inputs, Location loc,
                              Type originalType) -> Value {
    auto original = dyn_cast_or_null<RankedTensorType>(originalType);
    if (inputs.size() != 1 || !original || !getQuant(resultType) ||
        !isa<quant::QuantizedType>(original.getElementType()) ||
        inputs.front().getType() != getStorageTensorType(original))
      return {};
    return buildAssemble(builder, loc, resultType, inputs.front(), original);
  });
}

//===----------------------------------------------------------------------===//
// Patterns
//===----------------------------------------------------------------------===//

namespace {

/// quant.qcast -> sparq.quantize with constant scales / zero points.
struct QuantizeCastToQuantize
    : public OpConversionPattern<quant::QuantizeCastOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(quant::QuantizeCastOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto quantTensor = dyn_cast<RankedTensorType>(op.getType());
    auto sparqType =
        getTypeConverter()->convertType<RankedTensorType>(op.getType());
    if (!quantTensor || !sparqType || !getQuant(sparqType))
      return rewriter.notifyMatchFailure(op, "result has no sparq type");
    auto [scales, zeroPoints] = buildParamConstants(
        rewriter, op.getLoc(), op.getQuantizedType(), quantTensor.getShape());
    Value quantized =
        QuantizeOp::create(rewriter, op.getLoc(), sparqType, adaptor.getInput(),
                           scales, zeroPoints, Value());
    rewriter.replaceOp(op, quantized);
    return success();
  }
};

/// quant.dcast -> sparq.dequantize.
struct DequantizeCastToDequantize
    : public OpConversionPattern<quant::DequantizeCastOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(quant::DequantizeCastOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (!getQuant(adaptor.getInput().getType()))
      return rewriter.notifyMatchFailure(op, "input was not converted");
    Value result = DequantizeOp::create(rewriter, op.getLoc(), op.getType(),
                                        adaptor.getInput());
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// quant.scast: storage -> quantized is a sparq.assemble with constant
/// parameters, quantized -> storage is `sparq.part values`.
struct StorageCastToAssembleOrPart
    : public OpConversionPattern<quant::StorageCastOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(quant::StorageCastOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    if (auto quantTensor = dyn_cast<RankedTensorType>(op.getType());
        quantTensor &&
        isa<quant::QuantizedType>(quantTensor.getElementType())) {
      auto sparqType =
          getTypeConverter()->convertType<RankedTensorType>(quantTensor);
      if (!sparqType)
        return rewriter.notifyMatchFailure(op, "result has no sparq type");
      Value assembled = buildAssemble(rewriter, loc, sparqType,
                                      adaptor.getInput(), quantTensor);
      if (!assembled)
        return rewriter.notifyMatchFailure(op, "cannot build the parameters");
      rewriter.replaceOp(op, assembled);
      return success();
    }
    if (!getQuant(adaptor.getInput().getType()))
      return rewriter.notifyMatchFailure(op, "input was not converted");
    Value values = PartOp::create(rewriter, loc, op.getType(),
                                  adaptor.getInput(), PartKind::Values);
    rewriter.replaceOp(op, values);
    return success();
  }
};

/// Function signatures carry quant tensors as their storage integer tensors;
/// the type converter's materialization assembles them in the body.
struct FuncSignatureToStorage : public OpConversionPattern<func::FuncOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(func::FuncOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FunctionType type = op.getFunctionType();
    TypeConverter::SignatureConversion signature(type.getNumInputs());
    for (auto [index, input] : llvm::enumerate(type.getInputs()))
      signature.addInputs(index, getStorageTensorType(input));
    SmallVector<Type> results =
        llvm::map_to_vector(type.getResults(), getStorageTensorType);
    if (!op.isExternal())
      rewriter.applySignatureConversion(&op.getBody().front(), signature,
                                        getTypeConverter());
    rewriter.modifyOpInPlace(op, [&] {
      op.setType(
          rewriter.getFunctionType(signature.getConvertedTypes(), results));
    });
    return success();
  }
};

/// Replaces quant-typed operands of a return / call by the storage tensor
/// (`sparq.part values` of the converted value).
static SmallVector<Value> toStorageOperands(OpBuilder &builder, Location loc,
                                            OperandRange original,
                                            ValueRange converted) {
  SmallVector<Value> result;
  for (auto [before, after] : llvm::zip_equal(original, converted)) {
    Type storage = getStorageTensorType(before.getType());
    if (storage == before.getType() || after.getType() == storage) {
      result.push_back(after);
      continue;
    }
    result.push_back(
        PartOp::create(builder, loc, storage, after, PartKind::Values));
  }
  return result;
}

/// func.return of quant tensors returns their storage tensors.
struct ReturnToStorage : public OpConversionPattern<func::ReturnOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(func::ReturnOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    SmallVector<Value> operands = toStorageOperands(
        rewriter, op.getLoc(), op->getOperands(), adaptor.getOperands());
    func::ReturnOp::create(rewriter, op.getLoc(), operands);
    rewriter.eraseOp(op);
    return success();
  }
};

/// func.call passes and receives storage tensors; users of the results see
/// them re-assembled by the type converter's materialization.
struct CallToStorage : public OpConversionPattern<func::CallOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(func::CallOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    SmallVector<Value> operands = toStorageOperands(
        rewriter, op.getLoc(), op->getOperands(), adaptor.getOperands());
    SmallVector<Type> results =
        llvm::map_to_vector(op.getResultTypes(), getStorageTensorType);
    auto call = func::CallOp::create(rewriter, op.getLoc(), op.getCallee(),
                                     results, operands);
    rewriter.replaceOp(op, call.getResults());
    return success();
  }
};

} // namespace

void sparq::populateQuantToSparqPatterns(TypeConverter &typeConverter,
                                         RewritePatternSet &patterns) {
  patterns.add<QuantizeCastToQuantize, DequantizeCastToDequantize,
               StorageCastToAssembleOrPart, FuncSignatureToStorage,
               ReturnToStorage, CallToStorage>(typeConverter,
                                               patterns.getContext());
}

//===----------------------------------------------------------------------===//
// Pass
//===----------------------------------------------------------------------===//

/// True when `type` holds quant elements anywhere a conversion must remove.
static bool hasQuantTypes(Type type) {
  if (auto function = dyn_cast<FunctionType>(type))
    return llvm::any_of(function.getInputs(), hasQuantTypes) ||
           llvm::any_of(function.getResults(), hasQuantTypes);
  return static_cast<bool>(getQuantElement(type));
}

static bool hasQuantTypes(Operation *op) {
  if (auto func = dyn_cast<func::FuncOp>(op))
    return hasQuantTypes(func.getFunctionType());
  return llvm::any_of(op->getOperandTypes(),
                      [](Type t) { return hasQuantTypes(t); }) ||
         llvm::any_of(op->getResultTypes(),
                      [](Type t) { return hasQuantTypes(t); });
}

/// Checks that `type`, used as `what` of `op`, has a sparq form; reports why
/// not at `op` otherwise.
static LogicalResult checkQuantType(Operation *op, Type type,
                                    const Twine &what) {
  quant::QuantizedType element = getQuantElement(type);
  if (!element)
    return success();
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor)
    return op->emitError() << what << " has type " << type
                           << ": sparq quantizes ranked tensors only (scalar, "
                              "vector and unranked !quant types have no sparq "
                              "equivalent)";
  if (tensor.getEncoding())
    return op->emitError() << what << " has type " << type
                           << ", whose encoding sparq cannot combine with "
                              "its quantization";
  return getSparqQuantParams(element, tensor.getShape(), [&] {
    return op->emitError() << what << " has type " << type << ": ";
  });
}

/// Reports every quant type and every op on quant types the pass cannot
/// convert, so the conversion itself only runs on input it can finish.
static LogicalResult checkConvertible(ModuleOp module) {
  bool ok = true;
  module.walk([&](Operation *op) {
    if (!hasQuantTypes(op))
      return;
    if (auto func = dyn_cast<func::FuncOp>(op)) {
      for (auto [index, input] :
           llvm::enumerate(func.getFunctionType().getInputs()))
        ok &= succeeded(checkQuantType(op, input, "argument #" + Twine(index)));
      for (auto [index, result] :
           llvm::enumerate(func.getFunctionType().getResults()))
        ok &= succeeded(checkQuantType(op, result, "result #" + Twine(index)));
      return;
    }
    if (!isa<quant::QuantizeCastOp, quant::DequantizeCastOp,
             quant::StorageCastOp, func::ReturnOp, func::CallOp>(op)) {
      op->emitError() << "'" << op->getName()
                      << "' on !quant types has no sparq counterpart (only "
                         "quant.qcast, quant.dcast, quant.scast and func "
                         "boundaries are converted)";
      ok = false;
      return;
    }
    // Operands come from results or arguments checked where they are defined.
    for (auto [index, result] : llvm::enumerate(op->getResultTypes()))
      ok &= succeeded(checkQuantType(op, result, "result #" + Twine(index)));
  });
  return success(ok);
}

namespace {
struct SparqFromQuantPass
    : public sparq::impl::SparqFromQuantBase<SparqFromQuantPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (failed(checkConvertible(module)))
      return signalPassFailure();

    MLIRContext *ctx = &getContext();
    QuantToSparqTypeConverter typeConverter;
    RewritePatternSet patterns(ctx);
    populateQuantToSparqPatterns(typeConverter, patterns);
    ConversionTarget target(*ctx);
    target.addIllegalDialect<quant::QuantDialect>();
    target.markUnknownOpDynamicallyLegal(
        [](Operation *op) { return !hasQuantTypes(op); });
    // No folding: quant.dcast(quant.qcast(x)) folds to x, which would drop
    // the quantization this conversion exists to keep.
    ConversionConfig config;
    config.foldingMode = DialectConversionFoldingMode::Never;
    if (failed(applyPartialConversion(module, target, std::move(patterns),
                                      config)))
      signalPassFailure();
  }
};
} // namespace
