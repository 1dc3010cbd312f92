//===- WeightOperand.cpp - Finding and rewriting constant weights ---------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#include "sparq/Dialect/Sparq/Transforms/WeightOperand.h"
#include "sparq/Dialect/Sparq/IR/SparqOps.h"
#include "sparq/Dialect/Sparq/IR/SparqTypes.h"
#include "sparq/Numerics/GroupLayout.h"
#include "sparq/Numerics/Packing.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/MathExtras.h"

#include <cstring>

using namespace mlir;

namespace sparq {

static bool isConstant(Value value) {
  return static_cast<bool>(value.getDefiningOp<arith::ConstantOp>());
}

/// Fills `weight` for a matrix operand [rows, cols] (+ optional leading batch).
static WeightOperand matrixWeight(Operation *op, unsigned operandNumber,
                                  bool outputIsRows, bool batched) {
  WeightOperand weight;
  weight.op = op;
  weight.operandNumber = operandNumber;
  weight.type = cast<RankedTensorType>(op->getOperand(operandNumber).getType());
  int64_t base = batched ? 1 : 0;
  if (batched)
    weight.batchAxis = 0;
  weight.outputAxis = outputIsRows ? base : base + 1;
  weight.reductionAxes = {outputIsRows ? base + 1 : base};
  return weight;
}

static WeightOperand convWeight(Operation *op, unsigned operandNumber,
                                bool hwcf) {
  WeightOperand weight;
  weight.op = op;
  weight.operandNumber = operandNumber;
  weight.type = cast<RankedTensorType>(op->getOperand(operandNumber).getType());
  if (hwcf) {
    weight.outputAxis = 3;
    weight.reductionAxes = {0, 1, 2};
    weight.kernelHeightAxis = 0;
    weight.kernelWidthAxis = 1;
    weight.inputChannelAxis = 2;
  } else {
    weight.outputAxis = 0;
    weight.reductionAxes = {1, 2, 3};
    weight.inputChannelAxis = 1;
    weight.kernelHeightAxis = 2;
    weight.kernelWidthAxis = 3;
  }
  return weight;
}

std::optional<WeightOperand> findWeightOperand(Operation *op,
                                               std::string *whyNot) {
  return findWeightOperand(op, isConstant, whyNot);
}

std::optional<WeightOperand>
findWeightOperand(Operation *op, function_ref<bool(Value)> isWeight,
                  std::string *whyNot) {
  auto fail = [&](const Twine &reason) -> std::optional<WeightOperand> {
    if (whyNot)
      *whyNot = reason.str();
    return std::nullopt;
  };
  auto noConstant = [&]() {
    return fail("no operand is an arith.constant weight");
  };
  return llvm::TypeSwitch<Operation *, std::optional<WeightOperand>>(op)
      .Case<linalg::MatmulOp>([&](linalg::MatmulOp matmul) {
        if (matmul.hasUserDefinedMaps())
          return fail("linalg.matmul with custom indexing maps is not "
                      "supported");
        if (isWeight(matmul.getInputs()[1]))
          return std::optional(matrixWeight(op, 1, false, false));
        if (isWeight(matmul.getInputs()[0]))
          return std::optional(matrixWeight(op, 0, true, false));
        return noConstant();
      })
      .Case<linalg::BatchMatmulOp>([&](linalg::BatchMatmulOp matmul) {
        if (matmul.hasUserDefinedMaps())
          return fail("linalg.batch_matmul with custom indexing maps is not "
                      "supported");
        if (isWeight(matmul.getInputs()[1]))
          return std::optional(matrixWeight(op, 1, false, true));
        if (isWeight(matmul.getInputs()[0]))
          return std::optional(matrixWeight(op, 0, true, true));
        return noConstant();
      })
      .Case<linalg::MatvecOp>([&](linalg::MatvecOp matvec) {
        if (isWeight(matvec.getInputs()[0]))
          return std::optional(matrixWeight(op, 0, true, false));
        return noConstant();
      })
      .Case<linalg::Conv2DNhwcHwcfOp>([&](linalg::Conv2DNhwcHwcfOp conv) {
        if (isWeight(conv.getInputs()[1]))
          return std::optional(convWeight(op, 1, true));
        return noConstant();
      })
      .Case<linalg::Conv2DNchwFchwOp>([&](linalg::Conv2DNchwFchwOp conv) {
        if (isWeight(conv.getInputs()[1]))
          return std::optional(convWeight(op, 1, false));
        return noConstant();
      })
      .Case<MatmulOp>([&](MatmulOp matmul) {
        bool batchedRhs = matmul.getRhs().getType().getRank() == 3;
        if (isWeight(matmul.getRhs()))
          return std::optional(
              matrixWeight(op, 1, matmul.getTransposeB(), batchedRhs));
        if (isWeight(matmul.getLhs()) &&
            matmul.getLhs().getType().getRank() == 2)
          return std::optional(matrixWeight(op, 0, true, false));
        return noConstant();
      })
      .Case<Conv2DOp>([&](Conv2DOp conv) {
        if (isWeight(conv.getFilter()))
          return std::optional(
              convWeight(op, 1, conv.getLayout() == ConvLayout::NHWC_HWCF));
        return noConstant();
      })
      .Default(
          [&](Operation *) { return fail("not a supported contraction"); });
}

std::optional<WeightOperand>
findBatchedLhsWeight(Operation *op, function_ref<bool(Value)> isWeight) {
  auto matmul = dyn_cast<MatmulOp>(op);
  if (!matmul || isWeight(matmul.getRhs()) ||
      matmul.getLhs().getType().getRank() != 3 || !isWeight(matmul.getLhs()))
    return std::nullopt;
  return matrixWeight(op, 0, /*outputIsRows=*/true, /*batched=*/true);
}

/// A value defined by a constant, possibly read through sparq.from_bytes.
static bool isConstantData(Value value) {
  if (!value)
    return true;
  if (auto fromBytes = value.getDefiningOp<FromBytesOp>())
    value = fromBytes.getBytes();
  return isConstant(value);
}

/// A weight as the compression passes leave it: an arith.constant, a
/// sparq.from_bytes of one, or a sparq.assemble of constant parts.
static bool isStoredWeight(Value value) {
  if (value.getDefiningOp<FromBytesOp>())
    return isConstantData(value);
  if (auto assemble = value.getDefiningOp<AssembleOp>())
    return llvm::all_of(assemble.getOperands(), isConstantData);
  return isConstant(value);
}

template <typename T> static std::string printed(T value) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << value;
  return text;
}

std::optional<std::string> describeRewrittenWeight(Operation *op) {
  std::optional<WeightOperand> weight = findWeightOperand(op, isStoredWeight);
  if (!weight)
    weight = findBatchedLhsWeight(op, isStoredWeight);
  if (!weight)
    return std::nullopt;
  Value value = weight->getValue();
  RankedTensorType type = weight->type;
  if (value.getDefiningOp<AssembleOp>()) {
    EncodingAttr encoding = getSparqEncoding(type);
    QuantAttr quant = encoding ? encoding.getQuant() : QuantAttr();
    std::string text;
    if (encoding && !encoding.isDense())
      text = "is already stored compressed (" +
             stringifyFormatKind(encoding.getFormat()).str() +
             (quant ? ", quantized as " + printed(quant) : std::string()) + ")";
    else if (quant)
      text = "is already quantized (" + printed(quant) + ")";
    else
      text = "is already a sparq.assemble'd " + printed(type);
    return text;
  }
  Type element = type.getElementType();
  if (element.isF32() && !type.getEncoding())
    return std::nullopt;
  if (isa<FloatType>(element))
    return "holds " + printed(element) +
           " values, not f32 (e.g. narrowed by --sparq-float-format)";
  return "holds raw " + printed(element) + " integers, not f32 values";
}

bool hasPackedWeight(Operation *op) {
  std::optional<WeightOperand> weight = findWeightOperand(op, isStoredWeight);
  if (!weight)
    weight = findBatchedLhsWeight(op, isStoredWeight);
  if (!weight || !weight->getValue().getDefiningOp<AssembleOp>())
    return false;
  EncodingAttr encoding = getSparqEncoding(weight->type);
  return encoding && !encoding.isDense();
}

void checkOpsOption(Operation *root, ArrayRef<std::string> names,
                    StringRef pass) {
  if (names.empty())
    return;
  SmallVector<Operation *> all = collectContractions(root, {});
  SmallVector<std::string> missing;
  for (const std::string &name : names)
    if (llvm::none_of(all, [&](Operation *op) {
          return hasLocationName(op, name);
        }))
      missing.push_back(name);
  if (missing.empty())
    return;
  // The names the contractions do have, in walk order, once each.
  SmallVector<std::string> present;
  for (Operation *op : all)
    op->getLoc()->walk([&](Location loc) {
      if (auto named = dyn_cast<NameLoc>(loc))
        if (!llvm::is_contained(present, named.getName().str()))
          present.push_back(named.getName().str());
      return WalkResult::advance();
    });
  InFlightDiagnostic diag = root->emitWarning()
                            << pass << ": ops= names no contraction here: '"
                            << llvm::join(missing, "', '") << "'";
  if (present.empty())
    diag << " (no contraction has a NameLoc)";
  else
    diag << " (contractions are located at '"
         << llvm::join(present, "', '") << "')";
  diag << "; nothing is done for it";
}

bool readConstantIntegers(Value value, bool isSigned,
                          std::vector<int64_t> &data, std::string *whyNot) {
  auto fail = [&](const Twine &reason) {
    if (whyNot)
      *whyNot = reason.str();
    return false;
  };
  // Sub-byte integers stored as packed bytes: read the bytes, then unpack.
  if (auto fromBytes = value.getDefiningOp<FromBytesOp>()) {
    std::vector<int64_t> bytes;
    if (!readConstantIntegers(fromBytes.getBytes(), /*isSigned=*/false, bytes,
                              whyNot))
      return false;
    RankedTensorType type = fromBytes.getResult().getType();
    if (!type.hasStaticShape())
      return fail("sparq.from_bytes must have a statically shaped result");
    std::vector<uint8_t> raw(bytes.begin(), bytes.end());
    data = numerics::unpackBits(raw.data(), type.getNumElements(),
                                type.getElementTypeBitWidth(), isSigned);
    return true;
  }
  auto constant = value.getDefiningOp<arith::ConstantOp>();
  if (!constant)
    return fail("the value is not an arith.constant");
  auto type = dyn_cast<RankedTensorType>(constant.getType());
  auto element =
      type ? dyn_cast<IntegerType>(type.getElementType()) : IntegerType();
  if (!type || !type.hasStaticShape() || !element || element.getWidth() > 64)
    return fail("the value must be a statically shaped tensor of integers of "
                "at most 64 bits");
  unsigned width = element.getWidth();
  int64_t count = type.getNumElements();
  data.resize(count);
  auto extend = [&](uint64_t raw) {
    return isSigned ? llvm::SignExtend64(raw, width)
                    : static_cast<int64_t>(raw);
  };
  Attribute attr = constant.getValue();
  if (auto dense = dyn_cast<DenseIntElementsAttr>(attr)) {
    bool byteWidth = width == 8 || width == 16 || width == 32 || width == 64;
    if (!byteWidth || dense.isSplat()) {
      // Splats, and widths whose attribute storage is not one plain integer
      // per element (i1 is bit-packed): element by element.
      int64_t i = 0;
      for (const APInt &v : dense.getValues<APInt>())
        data[i++] = extend(v.getZExtValue());
      return true;
    }
    ArrayRef<char> raw = dense.getRawData();
    unsigned bytes = width / 8;
    for (int64_t i = 0; i < count; ++i) {
      uint64_t v = 0;
      std::memcpy(&v, raw.data() + i * bytes, bytes); // little-endian host
      data[i] = extend(v);
    }
    return true;
  }
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(attr)) {
    AsmResourceBlob *blob = resource.getRawHandle().getBlob();
    if (!blob)
      return fail("the dense_resource blob is missing");
    ArrayRef<char> raw = blob->getData();
    unsigned bytes = width <= 8 ? 1 : width <= 16 ? 2 : width <= 32 ? 4 : 8;
    if (raw.size() != static_cast<size_t>(count) * bytes)
      return fail("the dense_resource blob holds " + Twine(raw.size()) +
                  " bytes, not the " + Twine(count * bytes) + " of " +
                  Twine(count) + " elements of " + Twine(bytes) + " bytes");
    for (int64_t i = 0; i < count; ++i) {
      uint64_t v = 0;
      std::memcpy(&v, raw.data() + i * bytes, bytes); // little-endian host
      data[i] = extend(v & llvm::maskTrailingOnes<uint64_t>(width));
    }
    return true;
  }
  return fail("the constant is neither dense nor dense_resource");
}

bool readConstantIntegers(Value value, bool isSigned,
                          std::vector<int32_t> &data, std::string *whyNot) {
  std::vector<int64_t> wide;
  if (auto type = dyn_cast<RankedTensorType>(value.getType());
      !type || type.getElementTypeBitWidth() > 32) {
    if (whyNot)
      *whyNot = "the value must be a tensor of integers of at most 32 bits";
    return false;
  }
  if (!readConstantIntegers(value, isSigned, wide, whyNot))
    return false;
  data.assign(wide.begin(), wide.end());
  return true;
}

bool computeZeroStorageValues(QuantAttr quant, ArrayRef<int64_t> shape,
                              Value zeroPoints, Value codebook,
                              std::vector<int32_t> &zeros,
                              std::string *whyNot) {
  std::vector<int64_t> dims(shape.begin(), shape.end());
  numerics::GroupLayout layout =
      quant.getGranularity() == Granularity::Tensor
          ? numerics::GroupLayout::tensor(dims)
      : quant.getGranularity() == Granularity::Channel
          ? numerics::GroupLayout::channel(dims, quant.getAxis())
          : numerics::GroupLayout::group(dims, quant.getAxis(),
                                         quant.getGroupSize());
  int64_t count = layout.getNumElements();
  zeros.assign(count, 0);
  switch (quant.getScheme()) {
  case QuantScheme::Symmetric:
    return true;
  case QuantScheme::Asymmetric: {
    std::vector<int32_t> zp;
    if (!zeroPoints || !readConstantIntegers(zeroPoints, true, zp, whyNot))
      return false;
    for (int64_t i = 0; i < count; ++i)
      zeros[i] = zp[layout.groupOf(i)];
    return true;
  }
  case QuantScheme::Codebook: {
    std::vector<float> centroids;
    if (!codebook || !readConstantF32(codebook, centroids, whyNot))
      return false;
    int64_t k = int64_t(1) << quant.getBits();
    // A group without a 0.0 centroid holds no zeros: -1 is no unsigned index.
    std::vector<int32_t> zeroIndex(layout.getNumGroups(), -1);
    for (int64_t g = 0; g < layout.getNumGroups(); ++g)
      for (int64_t j = 0; j < k; ++j)
        if (centroids[g * k + j] == 0.0f) {
          zeroIndex[g] = j;
          break;
        }
    for (int64_t i = 0; i < count; ++i)
      zeros[i] = zeroIndex[layout.groupOf(i)];
    return true;
  }
  }
  return true;
}

bool hasUndescribableConstantWeight(Operation *op) {
  auto anyConstantInput = [](ValueRange inputs) {
    return llvm::any_of(inputs, [](Value v) { return isConstant(v); });
  };
  if (auto matmul = dyn_cast<linalg::MatmulOp>(op))
    return matmul.hasUserDefinedMaps() && anyConstantInput(matmul.getInputs());
  if (auto matmul = dyn_cast<linalg::BatchMatmulOp>(op))
    return matmul.hasUserDefinedMaps() && anyConstantInput(matmul.getInputs());
  return false;
}

bool readConstantF32(Value value, std::vector<float> &data,
                     std::string *whyNot) {
  auto fail = [&](const Twine &reason) {
    if (whyNot)
      *whyNot = reason.str();
    return false;
  };
  auto constant = value.getDefiningOp<arith::ConstantOp>();
  if (!constant)
    return fail("the weight is not an arith.constant");
  auto type = dyn_cast<RankedTensorType>(constant.getType());
  if (!type || !type.hasStaticShape() || !type.getElementType().isF32())
    return fail("the weight must be a statically shaped f32 tensor");
  int64_t count = type.getNumElements();
  data.resize(count);
  Attribute attr = constant.getValue();
  if (auto dense = dyn_cast<DenseElementsAttr>(attr)) {
    if (dense.isSplat()) {
      std::fill(data.begin(), data.end(), dense.getSplatValue<float>());
      return true;
    }
    ArrayRef<char> raw = dense.getRawData();
    if (raw.size() != count * sizeof(float))
      return fail("unexpected dense weight storage size");
    std::memcpy(data.data(), raw.data(), raw.size());
    return true;
  }
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(attr)) {
    AsmResourceBlob *blob = resource.getRawHandle().getBlob();
    if (!blob)
      return fail("the dense_resource blob of the weight is missing");
    ArrayRef<char> raw = blob->getData();
    if (raw.size() != count * sizeof(float))
      return fail("the dense_resource blob holds " + Twine(raw.size()) +
                  " bytes, not the " + Twine(count * sizeof(float)) +
                  " of the weight type");
    std::memcpy(data.data(), raw.data(), raw.size());
    return true;
  }
  return fail("the weight constant is neither dense nor dense_resource");
}

Value createResourceConstant(OpBuilder &builder, Location loc,
                             RankedTensorType type, ArrayRef<char> data,
                             StringRef name) {
  AsmResourceBlob blob =
      HeapAsmResourceBlob::allocateAndCopyWithAlign(data, alignof(uint64_t));
  auto attr = DenseResourceElementsAttr::get(type, name, std::move(blob));
  return arith::ConstantOp::create(builder, loc, type, attr);
}

Value createIntegerConstant(OpBuilder &builder, Location loc,
                            RankedTensorType type, ArrayRef<int64_t> values,
                            StringRef name) {
  unsigned bits = type.getElementTypeBitWidth();
  if (bits == 8 || bits == 16 || bits == 32 || bits == 64) {
    unsigned bytes = bits / 8;
    std::vector<char> raw(values.size() * bytes);
    for (size_t i = 0; i < values.size(); ++i) {
      uint64_t v = static_cast<uint64_t>(values[i]);
      std::memcpy(&raw[i * bytes], &v, bytes); // little-endian host
    }
    return createResourceConstant(builder, loc, type, raw, name);
  }
  std::vector<uint8_t> packed =
      numerics::packBits(values.data(), values.size(), bits);
  auto bytesType = RankedTensorType::get({static_cast<int64_t>(packed.size())},
                                         builder.getIntegerType(8));
  Value raw = createResourceConstant(
      builder, loc, bytesType,
      ArrayRef<char>(reinterpret_cast<const char *>(packed.data()),
                     packed.size()),
      name);
  return FromBytesOp::create(builder, loc, type, raw);
}

SmallVector<Operation *> collectContractions(Operation *root,
                                             ArrayRef<std::string> names) {
  SmallVector<Operation *> result;
  root->walk([&](Operation *op) {
    if (!isa<linalg::MatmulOp, linalg::BatchMatmulOp, linalg::MatvecOp,
             linalg::Conv2DNhwcHwcfOp, linalg::Conv2DNchwFchwOp, MatmulOp,
             Conv2DOp>(op))
      return;
    if (!names.empty() && llvm::none_of(names, [&](const std::string &name) {
          return hasLocationName(op, name);
        }))
      return;
    result.push_back(op);
  });
  return result;
}

bool hasLocationName(Operation *op, StringRef name) {
  bool found = false;
  op->getLoc()->walk([&](Location loc) {
    if (auto named = dyn_cast<NameLoc>(loc))
      found |= named.getName() == name;
    return found ? WalkResult::interrupt() : WalkResult::advance();
  });
  return found;
}

} // namespace sparq
