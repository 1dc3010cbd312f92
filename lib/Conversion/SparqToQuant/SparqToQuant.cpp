//===- SparqToQuant.cpp - sparq quantization to !quant.uniform ------------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// `--sparq-to-quant`: a `!quant.uniform` type holds its scales at compile
// time, while a `#sparq.quant` tensor carries them as SSA parts. A sparq value
// therefore converts only when the op producing it (sparq.quantize or
// sparq.assemble) takes constant parts; the type converter is context-aware
// and reads them there. Everything else (run-time scales, codebooks, rounding
// modes, compressed formats, ops quant has no counterpart for) is reported
// before anything is rewritten.
//
//===----------------------------------------------------------------------===//

#include "sparq/Conversion/SparqToQuant/SparqToQuant.h"
#include "sparq/Conversion/Passes.h"
#include "sparq/Conversion/QuantToSparq/QuantToSparq.h"
#include "sparq/Dialect/Sparq/IR/SparqOps.h"
#include "sparq/Dialect/Sparq/IR/SparqTypes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Transforms/DialectConversion.h"
#include "llvm/ADT/SetVector.h"

namespace sparq {
#define GEN_PASS_DEF_SPARQTOQUANT
#include "sparq/Conversion/Passes.h.inc"
} // namespace sparq

using namespace mlir;
using namespace sparq;

//===----------------------------------------------------------------------===//
// Sparq parameters -> quant type
//===----------------------------------------------------------------------===//

/// True for a tensor type with a `#sparq.quant` (in any format).
static bool isSparqQuantized(Type type) {
  return static_cast<bool>(getQuant(type));
}

/// Reads a float constant as doubles: raw arrays for f32 / f64, APFloat only
/// for the narrower types.
static SmallVector<double> readFloats(DenseElementsAttr attr) {
  SmallVector<double> result;
  result.reserve(attr.getNumElements());
  Type element = attr.getElementType();
  if (element.isF32())
    llvm::append_range(result, attr.getValues<float>());
  else if (element.isF64())
    llvm::append_range(result, attr.getValues<double>());
  else
    for (const APFloat &value : attr.getValues<APFloat>())
      result.push_back(value.convertToDouble());
  return result;
}

/// The constant behind `value` (null when `value` is null), or failure with a
/// message through `emitError`.
static FailureOr<DenseElementsAttr>
getDenseConstant(Value value, StringRef what,
                 function_ref<InFlightDiagnostic()> emitError) {
  Attribute attr;
  if (!value || !matchPattern(value, m_Constant(&attr))) {
    if (emitError)
      emitError() << what
                  << " are not a constant: !quant.uniform holds them in the "
                     "type, so they must be known at compile time";
    return failure();
  }
  auto dense = dyn_cast<DenseElementsAttr>(attr);
  if (!dense) {
    if (emitError)
      emitError() << what << " are a " << attr
                  << " constant; only dense constants can be folded into a "
                     "!quant.uniform type";
    return failure();
  }
  return dense;
}

FailureOr<quant::QuantizedType>
sparq::getQuantElementType(QuantAttr quant, ArrayRef<int64_t> shape,
                           Value scales, Value zeroPoints,
                           function_ref<InFlightDiagnostic()> emitError) {
  auto fail = [&](auto &&...message) -> FailureOr<quant::QuantizedType> {
    if (emitError)
      (emitError() << ... << message);
    return failure();
  };
  if (quant.getScheme() == QuantScheme::Codebook)
    return fail("codebook quantization (", quant,
                ") maps indices to centroids; !quant.uniform has no codebooks");
  if (quant.getRounding() != RoundingMode::NearestEven)
    return fail("rounding = ", stringifyRoundingMode(quant.getRounding()),
                " cannot be kept: !quant.uniform has no rounding mode, and "
                "the conversion back reads it as round half to even");
  FailureOr<DenseElementsAttr> scaleAttr =
      getDenseConstant(scales, "scales", emitError);
  if (failed(scaleAttr))
    return failure();
  bool asymmetric = quant.getScheme() == QuantScheme::Asymmetric;
  SmallVector<int64_t> zps;
  if (asymmetric) {
    FailureOr<DenseElementsAttr> zpAttr =
        getDenseConstant(zeroPoints, "zero points", emitError);
    if (failed(zpAttr))
      return failure();
    for (int32_t zp : zpAttr->getValues<int32_t>())
      zps.push_back(zp);
  }

  MLIRContext *ctx = quant.getContext();
  unsigned bits = quant.getBits();
  unsigned flags = quant.isSigned() ? quant::QuantizationFlags::Signed : 0;
  Type storage = IntegerType::get(ctx, bits);
  Type expressed = quant.getExpressedType();
  int64_t min = quant.getStorageMin(), max = quant.getStorageMax();

  SmallVector<double> scaleValues = readFloats(*scaleAttr);
  for (auto [index, scale] : llvm::enumerate(scaleValues))
    if (!(scale > 0.0) || std::isinf(scale))
      return fail("scale #", index, " is ", scale,
                  "; !quant.uniform needs positive finite scales");
  for (auto [index, zp] : llvm::enumerate(zps))
    if (zp < min || zp > max)
      return fail("zero point #", index, " is ", zp,
                  ", outside the storage range [", min, ", ", max, "]");
  if (!asymmetric)
    zps.assign(scaleValues.size(), 0);

  switch (quant.getGranularity()) {
  case Granularity::Tensor:
    return cast<quant::QuantizedType>(quant::UniformQuantizedType::get(
        flags, storage, expressed, scaleValues.front(), zps.front(), min, max));
  case Granularity::Channel:
    return cast<quant::QuantizedType>(quant::UniformQuantizedPerAxisType::get(
        flags, storage, expressed, scaleValues, zps, quant.getAxis(), min,
        max));
  case Granularity::Group: {
    // One block of `groupSize` along the axis, one element along the others:
    // sub-channel's default (the whole dimension) would share scales.
    int64_t rank = shape.size();
    SmallVector<int32_t> dims;
    SmallVector<int64_t> blocks;
    for (int64_t i = 0; i < rank; ++i) {
      dims.push_back(i);
      blocks.push_back(i == quant.getAxis() ? quant.getGroupSize() : 1);
    }
    auto zpType =
        RankedTensorType::get(scaleAttr->getType().getShape(), storage);
    DenseElementsAttr zpAttr;
    if (llvm::all_equal(zps))
      zpAttr = DenseElementsAttr::get(zpType, APInt(bits, zps.front(),
                                                    /*isSigned=*/true,
                                                    /*implicitTrunc=*/true));
    else
      zpAttr = DenseElementsAttr::get(
          zpType, llvm::map_to_vector(zps, [&](int64_t zp) {
            return APInt(bits, zp, /*isSigned=*/true, /*implicitTrunc=*/true);
          }));
    return cast<quant::QuantizedType>(
        quant::UniformQuantizedSubChannelType::get(flags, storage, expressed,
                                                   *scaleAttr, zpAttr, dims,
                                                   blocks, min, max));
  }
  }
  llvm_unreachable("unknown granularity");
}

/// Calls nested deeper than this are not followed (recursive functions).
static constexpr unsigned kMaxCallDepth = 8;

static Type getQuantTensorType(Value value,
                               function_ref<InFlightDiagnostic()> emitError,
                               unsigned depth);

/// The `!quant.uniform` type of result `index` of the function `call` calls:
/// the one type of every value the callee returns there; null when there is
/// none.
static Type getCallResultType(func::CallOp call, unsigned index,
                              unsigned depth) {
  auto callee = SymbolTable::lookupNearestSymbolFrom<func::FuncOp>(
      call, call.getCalleeAttr());
  if (!callee || callee.isExternal() || depth >= kMaxCallDepth)
    return {};
  Type result;
  WalkResult walk = callee.walk([&](func::ReturnOp ret) {
    Value returned = ret.getOperand(index);
    // Already rewritten by the conversion: the type is the answer.
    Type t = quant::QuantizedType::getQuantizedElementType(returned.getType())
                 ? returned.getType()
                 : getQuantTensorType(returned, nullptr, depth + 1);
    if (!t || (result && t != result))
      return WalkResult::interrupt();
    result = t;
    return WalkResult::advance();
  });
  return walk.wasInterrupted() ? Type() : result;
}

/// The `!quant.uniform` tensor type of `value`, read from the op that
/// produces it (through calls, from the callee's returns); null when it has
/// none.
static Type
getQuantTensorType(Value value,
                   function_ref<InFlightDiagnostic()> emitError = nullptr,
                   unsigned depth = 0) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  QuantAttr quant = getQuant(type);
  if (!quant || !getSparqEncoding(type).isDense())
    return {};
  if (auto call = value.getDefiningOp<func::CallOp>())
    return getCallResultType(call, cast<OpResult>(value).getResultNumber(),
                             depth);
  Value scales, zeroPoints;
  if (auto quantize = value.getDefiningOp<QuantizeOp>()) {
    scales = quantize.getScales();
    zeroPoints = quantize.getZeroPoints();
  } else if (auto assemble = value.getDefiningOp<AssembleOp>()) {
    scales = assemble.getScales();
    zeroPoints = assemble.getZeroPoints();
  } else {
    return {};
  }
  FailureOr<quant::QuantizedType> element = getQuantElementType(
      quant, type.getShape(), scales, zeroPoints, emitError);
  if (failed(element))
    return {};
  return RankedTensorType::get(type.getShape(), *element);
}

SparqToQuantTypeConverter::SparqToQuantTypeConverter() {
  addConversion([](Type type) { return type; });
  // Without the producing op there are no scales to put in the type.
  addConversion([](RankedTensorType type) -> std::optional<Type> {
    if (isSparqQuantized(type))
      return Type();
    return std::nullopt;
  });
  addConversion([](Value value) -> std::optional<Type> {
    if (!isSparqQuantized(value.getType()))
      return std::nullopt;
    return getQuantTensorType(value);
  });
}

//===----------------------------------------------------------------------===//
// Patterns
//===----------------------------------------------------------------------===//

namespace {

/// sparq.quantize -> quant.qcast to the type holding the constant parameters.
struct QuantizeToQuantizeCast : public OpConversionPattern<QuantizeOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(QuantizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Type type = getTypeConverter()->convertType(op.getResult());
    if (!type || type == op.getType())
      return rewriter.notifyMatchFailure(op, "no !quant.uniform result type");
    Value cast = quant::QuantizeCastOp::create(rewriter, op.getLoc(), type,
                                               adaptor.getInput());
    rewriter.replaceOp(op, cast);
    return success();
  }
};

/// sparq.assemble of a dense quantized tensor -> quant.scast of its values.
struct AssembleToStorageCast : public OpConversionPattern<AssembleOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(AssembleOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Type type = getTypeConverter()->convertType(op.getResult());
    if (!type || type == op.getType())
      return rewriter.notifyMatchFailure(op, "no !quant.uniform result type");
    Value cast = quant::StorageCastOp::create(rewriter, op.getLoc(), type,
                                              adaptor.getValues());
    rewriter.replaceOp(op, cast);
    return success();
  }
};

/// sparq.dequantize -> quant.dcast.
struct DequantizeToDequantizeCast : public OpConversionPattern<DequantizeOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(DequantizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (!quant::QuantizedType::getQuantizedElementType(
            adaptor.getInput().getType()))
      return rewriter.notifyMatchFailure(op, "input was not converted");
    Value cast = quant::DequantizeCastOp::create(
        rewriter, op.getLoc(), op.getType(), adaptor.getInput());
    rewriter.replaceOp(op, cast);
    return success();
  }
};

/// `sparq.part values` -> quant.scast to the storage tensor; the scales and
/// zero points become the constants the type holds.
struct PartToStorageCast : public OpConversionPattern<PartOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(PartOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value tensor = adaptor.getTensor();
    auto tensorType = dyn_cast<RankedTensorType>(tensor.getType());
    quant::QuantizedType element =
        quant::QuantizedType::getQuantizedElementType(tensor.getType());
    if (!tensorType || !element)
      return rewriter.notifyMatchFailure(op, "operand was not converted");
    Location loc = op.getLoc();
    if (op.getKind() == PartKind::Values) {
      Value cast =
          quant::StorageCastOp::create(rewriter, loc, op.getType(), tensor);
      rewriter.replaceOp(op, cast);
      return success();
    }
    FailureOr<SparqQuantParams> params =
        getSparqQuantParams(element, tensorType.getShape());
    if (failed(params))
      return rewriter.notifyMatchFailure(op, "type has no sparq parameters");
    DenseElementsAttr attr =
        op.getKind() == PartKind::Scales ? params->scales : params->zeroPoints;
    if (!attr)
      return rewriter.notifyMatchFailure(op, "no such part");
    Value constant = arith::ConstantOp::create(rewriter, loc, attr);
    if (constant.getType() != op.getType())
      constant = tensor::CastOp::create(rewriter, loc, op.getType(), constant);
    rewriter.replaceOp(op, constant);
    return success();
  }
};

/// Function results of sparq quantized type take the `!quant.uniform` type of
/// the values returned (every return must agree).
struct FuncResultsToQuant : public OpConversionPattern<func::FuncOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(func::FuncOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FunctionType type = op.getFunctionType();
    if (llvm::any_of(type.getInputs(), isSparqQuantized))
      return rewriter.notifyMatchFailure(
          op, "arguments carry their scales at run time");
    SmallVector<Type> results(type.getResults());
    for (auto [index, result] : llvm::enumerate(results)) {
      if (!isSparqQuantized(result))
        continue;
      Type converted;
      WalkResult walk = op.walk([&](func::ReturnOp ret) {
        Type t = getTypeConverter()->convertType(ret.getOperand(index));
        if (!t || (converted && t != converted))
          return WalkResult::interrupt();
        converted = t;
        return WalkResult::advance();
      });
      if (walk.wasInterrupted() || !converted)
        return rewriter.notifyMatchFailure(op, "result has no single type");
      result = converted;
    }
    rewriter.modifyOpInPlace(op, [&] {
      op.setType(rewriter.getFunctionType(type.getInputs(), results));
    });
    return success();
  }
};

/// func.call takes the result types of the converted callee.
struct CallConversion : public OpConversionPattern<func::CallOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(func::CallOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    SmallVector<Type> results;
    for (Value result : op.getResults()) {
      Type type = getTypeConverter()->convertType(result);
      if (!type)
        return rewriter.notifyMatchFailure(op, "result has no quant type");
      results.push_back(type);
    }
    auto call = func::CallOp::create(rewriter, op.getLoc(), op.getCallee(),
                                     results, adaptor.getOperands());
    rewriter.replaceOp(op, call.getResults());
    return success();
  }
};

/// func.return forwards the converted values.
struct ReturnConversion : public OpConversionPattern<func::ReturnOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(func::ReturnOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.modifyOpInPlace(op,
                             [&] { op->setOperands(adaptor.getOperands()); });
    return success();
  }
};

} // namespace

void sparq::populateSparqToQuantPatterns(TypeConverter &typeConverter,
                                         RewritePatternSet &patterns) {
  patterns.add<QuantizeToQuantizeCast, AssembleToStorageCast,
               DequantizeToDequantizeCast, PartToStorageCast,
               FuncResultsToQuant, CallConversion, ReturnConversion>(
      typeConverter, patterns.getContext());
}

//===----------------------------------------------------------------------===//
// Pass
//===----------------------------------------------------------------------===//

static bool hasSparqQuantTypes(Operation *op) {
  if (auto func = dyn_cast<func::FuncOp>(op))
    return llvm::any_of(func.getFunctionType().getInputs(), isSparqQuantized) ||
           llvm::any_of(func.getFunctionType().getResults(), isSparqQuantized);
  return llvm::any_of(op->getOperandTypes(), isSparqQuantized) ||
         llvm::any_of(op->getResultTypes(), isSparqQuantized);
}

/// Reports, at the op concerned, everything the conversion cannot express,
/// and collects the parameter constants that the conversion will orphan.
static LogicalResult checkConvertible(ModuleOp module,
                                      llvm::SetVector<Operation *> &constants) {
  bool ok = true;
  module.walk([&](Operation *op) {
    if (!hasSparqQuantTypes(op))
      return;
    auto emitError = [op] { return op->emitError(); };
    if (auto func = dyn_cast<func::FuncOp>(op)) {
      FunctionType type = func.getFunctionType();
      for (auto [index, input] : llvm::enumerate(type.getInputs())) {
        if (!isSparqQuantized(input))
          continue;
        func.emitError() << "argument #" << index << " has type " << input
                         << ", whose scales are run-time values of the "
                            "argument; a !quant.uniform type needs them at "
                            "compile time";
        ok = false;
      }
      for (auto [index, result] : llvm::enumerate(type.getResults())) {
        if (!isSparqQuantized(result))
          continue;
        Type converted;
        func.walk([&](func::ReturnOp ret) {
          // A value without a type was reported where it is produced.
          Type t = getQuantTensorType(ret.getOperand(index));
          if (!t || !converted) {
            converted = converted ? converted : t;
            return;
          }
          if (t != converted) {
            func.emitError() << "result #" << index
                             << " is returned with different quantization "
                                "parameters ("
                             << converted << " and " << t
                             << "); a function has one result type";
            ok = false;
          }
        });
      }
      return;
    }
    // Only dense tensors have a !quant.uniform form.
    for (Type type :
         llvm::concat<Type>(llvm::to_vector(op->getOperandTypes()),
                            llvm::to_vector(op->getResultTypes()))) {
      EncodingAttr encoding = getSparqEncoding(type);
      if (!encoding || !encoding.isQuantized() || encoding.isDense())
        continue;
      op->emitError() << "quantized tensor " << type << " uses the "
                      << stringifyFormatKind(encoding.getFormat())
                      << " format; !quant.uniform tensors are dense only "
                         "(sparq.unpack it first)";
      ok = false;
      return;
    }
    if (isa<QuantizeOp, AssembleOp>(op)) {
      Value scales = isa<QuantizeOp>(op) ? cast<QuantizeOp>(op).getScales()
                                         : cast<AssembleOp>(op).getScales();
      Value zeroPoints = isa<QuantizeOp>(op)
                             ? cast<QuantizeOp>(op).getZeroPoints()
                             : cast<AssembleOp>(op).getZeroPoints();
      if (!getQuantTensorType(op->getResult(0), emitError)) {
        ok = false;
        return;
      }
      for (Value param : {scales, zeroPoints})
        if (Operation *def = param ? param.getDefiningOp() : nullptr)
          constants.insert(def);
      return;
    }
    if (isa<DequantizeOp, PartOp, func::ReturnOp>(op))
      return;
    if (auto call = dyn_cast<func::CallOp>(op)) {
      // Arguments are reported at the callee.
      for (OpResult result : call->getResults()) {
        if (!isSparqQuantized(result.getType()) || getQuantTensorType(result))
          continue;
        call.emitError() << "result #" << result.getResultNumber()
                         << " has no single !quant.uniform type: the callee "
                            "does not always return a value quantized with "
                            "the same constant parameters";
        ok = false;
      }
      return;
    }
    Type type = *llvm::find_if(
        llvm::concat<Type>(llvm::to_vector(op->getOperandTypes()),
                           llvm::to_vector(op->getResultTypes())),
        isSparqQuantized);
    op->emitError() << "'" << op->getName() << "' on the quantized tensor "
                    << type << " has no counterpart on !quant.uniform tensors";
    ok = false;
  });
  return success(ok);
}

namespace {
struct SparqToQuantPass
    : public sparq::impl::SparqToQuantBase<SparqToQuantPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    llvm::SetVector<Operation *> constants;
    if (failed(checkConvertible(module, constants)))
      return signalPassFailure();

    MLIRContext *ctx = &getContext();
    SparqToQuantTypeConverter typeConverter;
    RewritePatternSet patterns(ctx);
    populateSparqToQuantPatterns(typeConverter, patterns);
    ConversionTarget target(*ctx);
    target.markUnknownOpDynamicallyLegal(
        [](Operation *op) { return !hasSparqQuantTypes(op); });
    // No folding: quant.dcast(quant.qcast(x)) folds to x, which would drop
    // the quantization this conversion exists to keep.
    ConversionConfig config;
    config.foldingMode = DialectConversionFoldingMode::Never;
    if (failed(applyPartialConversion(module, target, std::move(patterns),
                                      config)))
      return signalPassFailure();
    // The parameters now live in the types.
    for (Operation *constant : constants)
      if (constant->use_empty() && isMemoryEffectFree(constant))
        constant->erase();
  }
};
} // namespace
