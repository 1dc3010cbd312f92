//===- Quantize.cpp - Compile-time quantization of constant weights -------===//
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

#include "sparq/Dialect/Sparq/IR/SparqOps.h"
#include "sparq/Dialect/Sparq/IR/SparqTypes.h"
#include "sparq/Dialect/Sparq/Transforms/Passes.h"
#include "sparq/Dialect/Sparq/Transforms/WeightOperand.h"
#include "sparq/Numerics/GroupLayout.h"
#include "sparq/Numerics/KMeans.h"
#include "sparq/Numerics/LinearQuantization.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/TypeSwitch.h"

#include <cmath>
#include <cstring>
#include <map>

namespace sparq {
#define GEN_PASS_DEF_SPARQQUANTIZE
#include "sparq/Dialect/Sparq/Transforms/Passes.h.inc"
} // namespace sparq

using namespace mlir;
using namespace sparq;

namespace {

/// The per-op attribute that overrides the pass options.
constexpr StringLiteral kOverrideAttr = "sparq.quantize";
/// The mean squared error of the dequantized weight, set on the consumer.
constexpr StringLiteral kMseAttr = "sparq.quant_mse";

enum class Scheme { Symmetric, Asymmetric, KMeans };

/// The options as written (pass options, then a `sparq.quantize` override).
struct RawSettings {
  std::string scheme;
  int64_t bits;
  std::string granularity;
  int64_t groupSize;
  std::string rounding;
};

/// Validated settings.
struct Settings {
  Scheme scheme;
  unsigned bits;
  Granularity granularity;
  int64_t groupSize;
  RoundingMode rounding;
};

/// Checks the settings that do not depend on a weight. `where` says where the
/// settings came from in messages.
FailureOr<Settings> validate(const RawSettings &raw,
                             function_ref<InFlightDiagnostic()> emitError,
                             StringRef where) {
  Settings s;
  if (raw.scheme == "symmetric")
    s.scheme = Scheme::Symmetric;
  else if (raw.scheme == "asymmetric")
    s.scheme = Scheme::Asymmetric;
  else if (raw.scheme == "kmeans")
    s.scheme = Scheme::KMeans;
  else
    return emitError() << "sparq-quantize: unknown scheme '" << raw.scheme
                       << "'" << where
                       << " (expected symmetric, asymmetric or kmeans)";
  if (raw.bits < 1 || raw.bits > 16)
    return emitError() << "sparq-quantize: bits must be in [1, 16], got "
                       << raw.bits << where;
  if (s.scheme == Scheme::Symmetric && raw.bits < 2)
    return emitError() << "sparq-quantize: symmetric quantization needs bits "
                          "in [2, 16] (a 1-bit symmetric grid holds only 0), "
                          "got "
                       << raw.bits << where;
  if (s.scheme == Scheme::KMeans && raw.bits > 8)
    return emitError() << "sparq-quantize: kmeans quantization supports bits "
                          "in [1, 8] (2^bits centroids per group), got "
                       << raw.bits << where;
  s.bits = static_cast<unsigned>(raw.bits);
  if (raw.granularity == "tensor")
    s.granularity = Granularity::Tensor;
  else if (raw.granularity == "channel")
    s.granularity = Granularity::Channel;
  else if (raw.granularity == "group")
    s.granularity = Granularity::Group;
  else
    return emitError() << "sparq-quantize: unknown granularity '"
                       << raw.granularity << "'" << where
                       << " (expected tensor, channel or group)";
  s.groupSize = raw.groupSize;
  if (s.granularity == Granularity::Group && raw.groupSize < 1)
    return emitError() << "sparq-quantize: group-size must be positive, got "
                       << raw.groupSize << where;
  std::optional<RoundingMode> rounding = symbolizeRoundingMode(raw.rounding);
  if (!rounding)
    return emitError() << "sparq-quantize: unknown rounding '" << raw.rounding
                       << "'" << where
                       << " (expected nearest_even, nearest_away or "
                          "toward_zero)";
  s.rounding = *rounding;
  return s;
}

/// Applies an op's `sparq.quantize` dictionary to `raw`.
LogicalResult applyOverride(Operation *op, RawSettings &raw) {
  Attribute attr = op->getAttr(kOverrideAttr);
  if (!attr)
    return success();
  auto dict = dyn_cast<DictionaryAttr>(attr);
  if (!dict)
    return op->emitError() << "sparq-quantize: the '" << kOverrideAttr
                           << "' attribute must be a dictionary, got " << attr;
  for (NamedAttribute entry : dict) {
    StringRef key = entry.getName().getValue();
    Attribute value = entry.getValue();
    std::string *text = key == "scheme"        ? &raw.scheme
                        : key == "granularity" ? &raw.granularity
                        : key == "rounding"    ? &raw.rounding
                                               : nullptr;
    int64_t *number = key == "bits"         ? &raw.bits
                      : key == "group-size" ? &raw.groupSize
                                            : nullptr;
    if (text) {
      auto str = dyn_cast<StringAttr>(value);
      if (!str)
        return op->emitError()
               << "sparq-quantize: '" << kOverrideAttr << "' key '" << key
               << "' must be a string, got " << value;
      *text = str.getValue().str();
    } else if (number) {
      auto integer = dyn_cast<IntegerAttr>(value);
      if (!integer || !isa<IntegerType>(integer.getType()))
        return op->emitError()
               << "sparq-quantize: '" << kOverrideAttr << "' key '" << key
               << "' must be an integer, got " << value;
      *number = integer.getInt();
    } else {
      return op->emitError()
             << "sparq-quantize: unknown key '" << key << "' in '"
             << kOverrideAttr
             << "' (expected scheme, bits, granularity, group-size or "
                "rounding)";
    }
  }
  return success();
}

/// True when `init` is all +0.0 (a fill or a splat constant): the sparq ops
/// start their sums from +0.0 too, so dropping it is exact. (A -0.0 start
/// could change the sign of a zero sum, so it is added like any init.)
bool isZeroInit(Value init) {
  if (auto fill = init.getDefiningOp<linalg::FillOp>())
    return matchPattern(fill.getInputs()[0], m_PosZeroFloat());
  return matchPattern(init, m_PosZeroFloat());
}

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

/// A resource-name prefix: the op's NameLoc when it has one.
std::string namePrefix(Operation *op, unsigned index) {
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

template <typename T> ArrayRef<char> bytesOf(const std::vector<T> &v) {
  return ArrayRef<char>(reinterpret_cast<const char *>(v.data()),
                        v.size() * sizeof(T));
}

/// One quantized weight, shared by every consumer with the same constant and
/// the same settings.
struct QuantizedWeight {
  Value value;
  double mse;
};

struct SparqQuantizePass : sparq::impl::SparqQuantizeBase<SparqQuantizePass> {
  using SparqQuantizeBase::SparqQuantizeBase;

  void runOnOperation() override;

private:
  /// Quantizes the weight of `op` and rewrites `op`. Returns failure after
  /// emitting a diagnostic.
  LogicalResult quantizeOp(Operation *op, const Settings &settings,
                           unsigned index);
  FailureOr<QuantizedWeight> quantizeWeight(const WeightOperand &weight,
                                            const Settings &settings,
                                            unsigned index);
  LogicalResult rewriteConsumer(const WeightOperand &weight,
                                const QuantizedWeight &quantized);

  /// Key: (constant op, settings and axes) -> quantized weight.
  std::map<std::pair<Operation *, std::string>, QuantizedWeight> cache;
};

FailureOr<QuantizedWeight>
SparqQuantizePass::quantizeWeight(const WeightOperand &weight,
                                  const Settings &settings, unsigned index) {
  Operation *op = weight.op;
  RankedTensorType type = weight.type;
  ArrayRef<int64_t> shape = type.getShape();
  std::vector<int64_t> shapeVec(shape.begin(), shape.end());

  // Which axis the parameters vary along.
  int64_t axis = -1;
  switch (settings.granularity) {
  case Granularity::Tensor:
    break;
  case Granularity::Channel:
    axis = weight.outputAxis;
    break;
  case Granularity::Group: {
    // Matrix weights have one reduction axis; a conv weight's groups run
    // along its input channels, at a fixed kernel position and filter.
    axis = weight.inputChannelAxis ? *weight.inputChannelAxis
                                   : weight.reductionAxes.front();
    if (shape[axis] % settings.groupSize != 0) {
      InFlightDiagnostic diag = op->emitError()
                                << "sparq-quantize: group-size "
                                << settings.groupSize << " does not divide ";
      if (weight.inputChannelAxis)
        diag << "the input-channel dimension (axis " << axis << ", size "
             << shape[axis] << ") of the conv weight " << type
             << " (groups of a conv weight run along its input channels)";
      else
        diag << "the reduction dimension (axis " << axis << ", size "
             << shape[axis] << ") of the weight " << type;
      return failure();
    }
    break;
  }
  }

  std::string key;
  llvm::raw_string_ostream(key)
      << static_cast<int>(settings.scheme) << "/" << settings.bits << "/"
      << static_cast<int>(settings.granularity) << "/" << axis << "/"
      << settings.groupSize << "/" << static_cast<int>(settings.rounding);
  Operation *constant = weight.getValue().getDefiningOp();
  auto cached = cache.find({constant, key});
  if (cached != cache.end())
    return cached->second;

  std::vector<float> data;
  std::string whyNot;
  if (!readConstantF32(weight.getValue(), data, &whyNot))
    return op->emitError() << "sparq-quantize: cannot read the weight: "
                           << whyNot;

  numerics::GroupLayout layout =
      settings.granularity == Granularity::Tensor
          ? numerics::GroupLayout::tensor(shapeVec)
      : settings.granularity == Granularity::Channel
          ? numerics::GroupLayout::channel(shapeVec, axis)
          : numerics::GroupLayout::group(shapeVec, axis, settings.groupSize);
  if (std::string error = layout.validate(); !error.empty())
    return op->emitError() << "sparq-quantize: " << error;

  MLIRContext *ctx = op->getContext();
  bool isSigned = settings.scheme == Scheme::Symmetric;
  QuantScheme scheme =
      settings.scheme == Scheme::Symmetric    ? QuantScheme::Symmetric
      : settings.scheme == Scheme::Asymmetric ? QuantScheme::Asymmetric
                                              : QuantScheme::Codebook;
  // Codebook indices are nearest centroids: rounding does not apply.
  RoundingMode rounding = settings.scheme == Scheme::KMeans
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

  // Integers (and their dequantized values, for the error) from the library.
  int64_t n = layout.getNumElements();
  std::vector<int32_t> q(n);
  std::vector<float> real(n);
  numerics::LinearParams params;
  numerics::Codebook codebook;
  if (settings.scheme == Scheme::KMeans) {
    numerics::KMeansOptions options;
    options.bits = settings.bits;
    options.keepZero = true;
    std::vector<uint32_t> indices(n);
    codebook =
        numerics::kmeansQuantize(data.data(), layout, options, indices.data());
    int64_t k = int64_t(1) << settings.bits;
    for (int64_t i = 0; i < n; ++i) {
      q[i] = static_cast<int32_t>(indices[i]);
      real[i] = codebook.centroids[layout.groupOf(i) * k + indices[i]];
    }
  } else {
    numerics::LinearFormat format{settings.bits, isSigned,
                                  settings.scheme == Scheme::Symmetric,
                                  toNumerics(settings.rounding)};
    params = numerics::computeLinearParams(data.data(), layout, format);
    numerics::quantizeLinear(data.data(), layout, format, params, q.data());
    numerics::dequantizeLinear(q.data(), layout, params, real.data());
  }
  double sum = 0;
  int64_t counted = 0;
  for (int64_t i = 0; i < n; ++i) {
    if (std::isnan(data[i]))
      continue;
    double diff = static_cast<double>(data[i]) - real[i];
    sum += diff * diff;
    ++counted;
  }
  double mse = counted ? sum / counted : 0.0;

  // Storage: one byte per element up to 8 bits, two above.
  std::vector<char> storage;
  if (settings.bits <= 8) {
    storage.resize(n);
    for (int64_t i = 0; i < n; ++i)
      storage[i] = static_cast<char>(static_cast<uint8_t>(q[i]));
  } else {
    storage.resize(2 * n);
    for (int64_t i = 0; i < n; ++i) {
      uint16_t v = static_cast<uint16_t>(q[i]);
      std::memcpy(&storage[2 * i], &v, 2);
    }
  }

  // The parts, with the types the layout contract gives them.
  OpBuilder builder(ctx);
  builder.setInsertionPointAfter(constant);
  Location loc = constant->getLoc();
  std::string prefix = namePrefix(op, index);
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
                                    prefix + "_" + suffix.str());
    };
    switch (part.kind) {
    case PartKind::Values:
      values = create(storage, "values");
      break;
    case PartKind::Scales:
      scales = create(bytesOf(params.scales), "scales");
      break;
    case PartKind::ZeroPoints:
      zeroPoints = create(bytesOf(params.zeroPoints), "zero_points");
      break;
    case PartKind::Codebook:
      codebookValue = create(bytesOf(codebook.centroids), "codebook");
      break;
    default:
      llvm_unreachable("a dense quantized tensor has no other parts");
    }
  }
  Value assembled =
      AssembleOp::create(builder, loc, quantType, values, Value(), Value(),
                         Value(), Value(), scales, zeroPoints, codebookValue);
  QuantizedWeight result{assembled, mse};
  cache[{constant, key}] = result;
  return result;
}

/// Discardable attributes worth keeping on a replacement op.
SmallVector<NamedAttribute> keptAttributes(Operation *op) {
  SmallVector<NamedAttribute> kept;
  for (NamedAttribute attr : op->getDiscardableAttrs())
    if (attr.getName() != kOverrideAttr &&
        !attr.getName().getValue().starts_with("linalg."))
      kept.push_back(attr);
  return kept;
}

LogicalResult
SparqQuantizePass::rewriteConsumer(const WeightOperand &weight,
                                   const QuantizedWeight &quantized) {
  Operation *op = weight.op;
  MLIRContext *ctx = op->getContext();
  auto mseAttr = FloatAttr::get(Float64Type::get(ctx), quantized.mse);
  if (isa<MatmulOp, Conv2DOp>(op)) {
    op->setOperand(weight.operandNumber, quantized.value);
    op->removeAttr(kOverrideAttr);
    op->setAttr(kMseAttr, mseAttr);
    return success();
  }

  auto linalgOp = cast<linalg::LinalgOp>(op);
  if (!linalgOp.hasPureTensorSemantics())
    return op->emitError() << "sparq-quantize: only linalg ops on tensors "
                              "can be rewritten to sparq ops";
  Value init = linalgOp.getDpsInits()[0];
  auto resultType = cast<RankedTensorType>(op->getResult(0).getType());
  Type f32 = Float32Type::get(ctx);
  if (!resultType.getElementType().isF32())
    return op->emitError() << "sparq-quantize: the result must be an f32 "
                              "tensor (sparq ops accumulate in f32), got "
                           << resultType;
  for (OpOperand *input : linalgOp.getDpsInputOperands()) {
    if (input->getOperandNumber() == weight.operandNumber)
      continue;
    auto inputType = cast<RankedTensorType>(input->get().getType());
    if (!inputType.getElementType().isF32())
      return op->emitError() << "sparq-quantize: the activation must be an "
                                "f32 tensor, got "
                             << inputType;
  }

  OpBuilder builder(op);
  Location loc = op->getLoc();
  SmallVector<Value> inputs(linalgOp.getDpsInputs());
  inputs[weight.operandNumber] = quantized.value;
  Operation *replacement = nullptr;
  Value product =
      llvm::TypeSwitch<Operation *, Value>(op)
          .Case<linalg::MatmulOp, linalg::BatchMatmulOp>([&](Operation *) {
            replacement = MatmulOp::create(builder, loc, resultType, inputs[0],
                                           inputs[1], f32);
            return replacement->getResult(0);
          })
          .Case<linalg::MatvecOp>([&](linalg::MatvecOp) -> Value {
            // y[M] = A[M, K] x[K] is the matmul A * x[K, 1].
            auto vectorType = cast<RankedTensorType>(inputs[1].getType());
            int64_t k = weight.type.getDimSize(1),
                    m = weight.type.getDimSize(0);
            Value vector = inputs[1];
            if (!vectorType.hasStaticShape())
              vector = tensor::CastOp::create(
                  builder, loc, RankedTensorType::get({k}, f32), vector);
            SmallVector<ReassociationIndices> reassociation = {{0, 1}};
            Value column = tensor::ExpandShapeOp::create(
                builder, loc, RankedTensorType::get({k, 1}, f32), vector,
                reassociation);
            replacement = MatmulOp::create(builder, loc,
                                           RankedTensorType::get({m, 1}, f32),
                                           inputs[0], column, f32);
            Value collapsed = tensor::CollapseShapeOp::create(
                builder, loc, RankedTensorType::get({m}, f32),
                replacement->getResult(0), reassociation);
            if (collapsed.getType() != resultType)
              collapsed =
                  tensor::CastOp::create(builder, loc, resultType, collapsed);
            return collapsed;
          })
          .Case<linalg::Conv2DNhwcHwcfOp, linalg::Conv2DNchwFchwOp>(
              [&](Operation *) {
                bool nhwc = isa<linalg::Conv2DNhwcHwcfOp>(op);
                auto attrValues = [&](StringRef name) {
                  SmallVector<int64_t> result;
                  if (auto attr = op->getAttrOfType<DenseIntElementsAttr>(name))
                    for (const APInt &v : attr.getValues<APInt>())
                      result.push_back(v.getSExtValue());
                  else
                    result = {1, 1};
                  return result;
                };
                replacement = Conv2DOp::create(
                    builder, loc, resultType, inputs[0], inputs[1],
                    nhwc ? ConvLayout::NHWC_HWCF : ConvLayout::NCHW_FCHW, f32,
                    attrValues("strides"), attrValues("dilations"));
                return replacement->getResult(0);
              })
          .Default([](Operation *) { return Value(); });
  if (!product)
    return op->emitError() << "sparq-quantize: unsupported op";
  for (NamedAttribute attr : keptAttributes(op))
    replacement->setAttr(attr.getName(), attr.getValue());
  replacement->setAttr(kMseAttr, mseAttr);
  // The linalg op adds its init; a zero init is the sparq op's own start.
  if (!isZeroInit(init))
    product = linalg::AddOp::create(builder, loc, TypeRange{resultType},
                                    ValueRange{product, init}, ValueRange{init})
                  .getResult(0);
  op->getResult(0).replaceAllUsesWith(product);
  op->erase();
  return success();
}

LogicalResult SparqQuantizePass::quantizeOp(Operation *op,
                                            const Settings &defaults,
                                            unsigned index) {
  std::string whyNot;
  std::optional<WeightOperand> weight = findWeightOperand(op, &whyNot);
  if (!weight) {
    // Matmuls whose maps are not the default ones cannot be described by
    // sparq.matmul: fail rather than leave a constant weight unquantized.
    if (isa<linalg::MatmulOp, linalg::BatchMatmulOp>(op) &&
        llvm::any_of(op->getOperands(), [](Value v) {
          return static_cast<bool>(v.getDefiningOp<arith::ConstantOp>());
        }))
      return op->emitError() << "sparq-quantize: " << whyNot;
    return success();
  }
  // Only float weights are quantized (an integer constant already is).
  if (weight->type.getEncoding() || !weight->type.getElementType().isF32())
    return success();

  Settings settings = defaults;
  if (op->hasAttr(kOverrideAttr)) {
    RawSettings raw{scheme, bits, granularity, groupSize, rounding};
    if (failed(applyOverride(op, raw)))
      return failure();
    FailureOr<Settings> overridden = validate(
        raw, [&] { return op->emitError(); }, " (from 'sparq.quantize')");
    if (failed(overridden))
      return failure();
    settings = *overridden;
  }
  FailureOr<QuantizedWeight> quantized =
      quantizeWeight(*weight, settings, index);
  if (failed(quantized))
    return failure();
  return rewriteConsumer(*weight, *quantized);
}

void SparqQuantizePass::runOnOperation() {
  ModuleOp module = getOperation();
  cache.clear();
  RawSettings raw{scheme, bits, granularity, groupSize, rounding};
  FailureOr<Settings> defaults = validate(
      raw, [&] { return module.emitError(); }, "");
  if (failed(defaults))
    return signalPassFailure();

  SmallVector<Operation *> targets;
  module.walk([&](Operation *op) {
    if (!isa<linalg::MatmulOp, linalg::BatchMatmulOp, linalg::MatvecOp,
             linalg::Conv2DNhwcHwcfOp, linalg::Conv2DNchwFchwOp, MatmulOp,
             Conv2DOp>(op))
      return;
    if (!ops.empty() && llvm::none_of(ops, [&](const std::string &name) {
          return hasLocationName(op, name);
        }))
      return;
    targets.push_back(op);
  });

  llvm::SetVector<Operation *> constants;
  bool failedAny = false;
  for (auto [index, op] : llvm::enumerate(targets)) {
    std::optional<WeightOperand> weight = findWeightOperand(op);
    Operation *constant = weight ? weight->getValue().getDefiningOp() : nullptr;
    if (failed(quantizeOp(op, *defaults, index)))
      failedAny = true;
    else if (constant)
      constants.insert(constant);
  }
  // Drop the f32 weights nobody uses any more.
  for (Operation *constant : constants)
    if (constant->use_empty())
      constant->erase();
  cache.clear();
  if (failedAny)
    signalPassFailure();
}

} // namespace
