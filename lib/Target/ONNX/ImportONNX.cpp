//===- ImportONNX.cpp - The ONNX importer's driver and shared helpers -----===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// Walks the graph in its (topological) order, binds graph inputs to the
// function's arguments, dispatches each node to its `import<Op>` member and
// returns the graph outputs. Initializers become dense_resource constants on
// first use. Every value is a statically shaped f32 tensor; int32 / int64
// tensors exist only as constant data (shapes, pads, axes) read at import
// time.
//
//===----------------------------------------------------------------------===//

#include "Importer.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Verifier.h"

#include <cstring>

using namespace mlir;
using namespace sparq::onnx;

void sparq::onnx::registerImportDialects(DialectRegistry &registry) {
  registry.insert<arith::ArithDialect, func::FuncDialect, linalg::LinalgDialect,
                  math::MathDialect, tensor::TensorDialect>();
}

std::string sparq::onnx::getNodeName(const Node &node) {
  if (!node.name.empty())
    return node.name;
  if (!node.outputs.empty() && !node.outputs.front().empty())
    return node.outputs.front();
  return node.opType;
}

Importer::Importer(const Model &model, MLIRContext *context,
                   const ImportOptions &options)
    : model(model), options(options), context(context), builder(context),
      loc(UnknownLoc::get(context)) {}

//===----------------------------------------------------------------------===//
// Node access
//===----------------------------------------------------------------------===//

InFlightDiagnostic Importer::error() {
  return emitError(loc) << "node '" << getNodeName(*node) << "' ("
                        << node->opType << "): ";
}

LogicalResult Importer::checkAttributes(ArrayRef<StringRef> known) {
  for (const NodeAttribute &attr : node->attributes)
    if (!llvm::is_contained(known, attr.name))
      return error() << "unsupported attribute '" << attr.name << "'";
  return success();
}

LogicalResult Importer::checkArity(unsigned minInputs, unsigned maxInputs,
                                   unsigned outputs) {
  unsigned n = node->inputs.size();
  if (n < minInputs || n > maxInputs)
    return error() << "expected " << minInputs
                   << (minInputs == maxInputs
                           ? std::string()
                           : " to " + std::to_string(maxInputs))
                   << (maxInputs == 1 ? " input" : " inputs") << ", got " << n;
  for (unsigned i = 0; i < minInputs; ++i)
    if (!hasInput(i))
      return error() << "required input " << i << " is missing";
  for (unsigned i = outputs; i < node->outputs.size(); ++i)
    if (!node->outputs[i].empty() && useCounts.lookup(node->outputs[i]))
      return error() << "output " << i << " ('" << node->outputs[i]
                     << "') is used but not supported";
  if (node->outputs.size() < outputs)
    return error() << "expected " << outputs
                   << (outputs == 1 ? " output" : " outputs") << ", got "
                   << node->outputs.size();
  return success();
}

bool Importer::hasInput(unsigned i) const {
  return i < node->inputs.size() && !node->inputs[i].empty();
}

const Tensor *Importer::getConstantInput(unsigned i) const {
  if (!hasInput(i))
    return nullptr;
  return constants.lookup(node->inputs[i]);
}

const Tensor *Importer::getConstantFloats(unsigned i) const {
  const Tensor *t = getConstantInput(i);
  if (!t || !t->supported || t->dataType != kFloat)
    return nullptr;
  return t;
}

/// Reads the integers of a supported int32 / int64 tensor.
static SmallVector<int64_t> readIntegers(const Tensor &t) {
  SmallVector<int64_t> result;
  int64_t n = t.getNumElements();
  for (int64_t k = 0; k < n; ++k) {
    if (t.dataType == kInt64) {
      int64_t v;
      std::memcpy(&v, t.data.data() + 8 * k, 8);
      result.push_back(v);
    } else {
      int32_t v;
      std::memcpy(&v, t.data.data() + 4 * k, 4);
      result.push_back(v);
    }
  }
  return result;
}

FailureOr<SmallVector<int64_t>> Importer::getConstantIntegers(unsigned i,
                                                              StringRef what) {
  const Tensor *t = getConstantInput(i);
  if (!t)
    return error() << "the " << what << " (input " << i
                   << ") must be a constant (initializer or Constant node)";
  if (!t->supported)
    return error() << "the " << what << " cannot be read: " << t->why;
  if (t->dataType != kInt64 && t->dataType != kInt32)
    return error() << "the " << what << " must be int64, not "
                   << getDataTypeName(t->dataType);
  return readIntegers(*t);
}

FailureOr<float> Importer::getConstantScalar(unsigned i, StringRef what) {
  const Tensor *t = getConstantInput(i);
  if (!t)
    return error() << "the " << what << " (input " << i
                   << ") must be a constant (initializer or Constant node)";
  if (!t->supported || t->dataType != kFloat || t->getNumElements() != 1)
    return error() << "the " << what << " must be one float32 value";
  float v;
  std::memcpy(&v, t->data.data(), 4);
  return v;
}

FailureOr<Value> Importer::getInput(unsigned i) {
  if (!hasInput(i))
    return error() << "input " << i << " is missing";
  const std::string &name = node->inputs[i];
  if (Value v = values.lookup(name))
    return v;
  const Tensor *t = constants.lookup(name);
  if (!t)
    return error() << "input '" << name << "' is not defined";
  if (!t->supported)
    return error() << "the constant '" << name
                   << "' is not supported: " << t->why;
  if (t->dataType != kFloat)
    return error() << "input '" << name << "' has data type "
                   << getDataTypeName(t->dataType)
                   << "; only float32 tensors are supported as values";
  ArrayRef<float> data(reinterpret_cast<const float *>(t->data.data()),
                       t->getNumElements());
  Value v = createWeight(t->dims, data, name);
  values[name] = v;
  return v;
}

FailureOr<int64_t> Importer::getInt(StringRef name, int64_t dflt) {
  const NodeAttribute *attr = node->getAttribute(name);
  if (!attr)
    return dflt;
  if (attr->kind != NodeAttribute::Int)
    return error() << "attribute '" << name << "' must be an integer";
  return attr->i;
}

FailureOr<float> Importer::getFloat(StringRef name, float dflt) {
  const NodeAttribute *attr = node->getAttribute(name);
  if (!attr)
    return dflt;
  if (attr->kind != NodeAttribute::Float)
    return error() << "attribute '" << name << "' must be a float";
  return attr->f;
}

FailureOr<std::string> Importer::getString(StringRef name, StringRef dflt) {
  const NodeAttribute *attr = node->getAttribute(name);
  if (!attr)
    return dflt.str();
  if (attr->kind != NodeAttribute::String)
    return error() << "attribute '" << name << "' must be a string";
  return attr->s;
}

FailureOr<SmallVector<int64_t>> Importer::getInts(StringRef name,
                                                  ArrayRef<int64_t> dflt) {
  const NodeAttribute *attr = node->getAttribute(name);
  if (!attr)
    return SmallVector<int64_t>(dflt);
  if (attr->kind != NodeAttribute::Ints)
    return error() << "attribute '" << name << "' must be a list of integers";
  return SmallVector<int64_t>(attr->ints.begin(), attr->ints.end());
}

void Importer::setOutput(unsigned i, Value value) {
  values[node->outputs[i]] = value;
}

FailureOr<int64_t> Importer::normalizeAxis(int64_t axis, int64_t rank,
                                           StringRef what) {
  if (axis < -rank || axis >= rank)
    return error() << what << " " << axis << " is out of range for rank "
                   << rank;
  return axis < 0 ? axis + rank : axis;
}

//===----------------------------------------------------------------------===//
// IR helpers
//===----------------------------------------------------------------------===//

RankedTensorType Importer::getF32Type(ArrayRef<int64_t> shape) {
  return RankedTensorType::get(shape, builder.getF32Type());
}

ArrayRef<int64_t> Importer::shapeOf(Value value) {
  return cast<RankedTensorType>(value.getType()).getShape();
}

/// A resource key made of the characters MLIR prints without quoting.
static std::string sanitizeKey(StringRef name) {
  std::string key;
  for (char c : name)
    key.push_back(llvm::isAlnum(c) || c == '_' || c == '.' ? c : '_');
  if (key.empty() || llvm::isDigit(key.front()))
    key.insert(key.begin(), '_');
  return key;
}

Value Importer::createWeight(ArrayRef<int64_t> shape, ArrayRef<float> data,
                             StringRef name) {
  // Weights are created at the top of the function, in order of first use,
  // located at their initializer's name, so that they read as the model's
  // weights in one place.
  OpBuilder::InsertionGuard guard(builder);
  if (lastWeight)
    builder.setInsertionPointAfter(lastWeight);
  else
    builder.setInsertionPointToStart(builder.getInsertionBlock());
  RankedTensorType type = getF32Type(shape);
  Location weightLoc = NameLoc::get(builder.getStringAttr(name));
  // A one-element constant (a scalar operand of Add, Div, ...) is an inline
  // splat: upstream folders iterate over the elements of constant operands,
  // which dense_resource does not allow (a crash in MLIR 22's
  // canonicalizer), and a blob would hold nothing worth compressing.
  if (data.size() == 1) {
    lastWeight = arith::ConstantOp::create(
        builder, weightLoc, type, DenseElementsAttr::get(type, data.front()));
    return lastWeight->getResult(0);
  }
  ArrayRef<char> bytes(reinterpret_cast<const char *>(data.data()),
                       data.size() * sizeof(float));
  AsmResourceBlob blob =
      HeapAsmResourceBlob::allocateAndCopyWithAlign(bytes, alignof(uint64_t));
  auto attr =
      DenseResourceElementsAttr::get(type, sanitizeKey(name), std::move(blob));
  lastWeight = arith::ConstantOp::create(builder, weightLoc, type, attr);
  return lastWeight->getResult(0);
}

Value Importer::createScalar(OpBuilder &b, Location l, float v) {
  return arith::ConstantOp::create(b, l, b.getF32FloatAttr(v));
}

Value Importer::createFilled(ArrayRef<int64_t> shape, float value) {
  Value empty =
      tensor::EmptyOp::create(builder, loc, shape, builder.getF32Type());
  Value scalar = createScalar(builder, loc, value);
  return linalg::FillOp::create(builder, loc, ValueRange{scalar},
                                ValueRange{empty})
      .getResult(0);
}

Value Importer::reshape(Value value, ArrayRef<int64_t> shape) {
  ArrayRef<int64_t> from = shapeOf(value);
  if (from == shape)
    return value;
  // One collapse_shape or expand_shape when the dims group that way (e.g.
  // Flatten), else through a 1-D tensor.
  if (!from.empty() && !shape.empty() && from.size() != shape.size()) {
    RankedTensorType fromType = getF32Type(from), toType = getF32Type(shape);
    if (std::optional<SmallVector<ReassociationIndices>> groups =
            getReassociationIndicesForReshape(fromType, toType)) {
      if (from.size() > shape.size())
        return tensor::CollapseShapeOp::create(builder, loc, toType, value,
                                               *groups);
      return tensor::ExpandShapeOp::create(builder, loc, toType, value,
                                           *groups);
    }
  }
  int64_t n = 1;
  for (int64_t d : from)
    n *= d;
  Value flat = value;
  if (from.size() != 1) {
    SmallVector<ReassociationIndices> all;
    if (!from.empty()) {
      all.emplace_back();
      for (int64_t d = 0, e = from.size(); d < e; ++d)
        all.back().push_back(d);
    }
    flat = tensor::CollapseShapeOp::create(builder, loc, getF32Type({n}), value,
                                           all);
    if (shape.empty()) // rank-0 result of a one-element tensor
      return tensor::CollapseShapeOp::create(builder, loc, getF32Type({}),
                                             value, all);
  }
  if (shape.size() == 1)
    return flat;
  SmallVector<ReassociationIndices> all;
  if (shape.empty())
    return tensor::CollapseShapeOp::create(builder, loc, getF32Type({}), flat,
                                           all);
  all.emplace_back();
  for (int64_t d = 0, e = shape.size(); d < e; ++d)
    all.back().push_back(d);
  return tensor::ExpandShapeOp::create(builder, loc, getF32Type(shape), flat,
                                       all);
}

Value Importer::pad(Value value, ArrayRef<int64_t> low, ArrayRef<int64_t> high,
                    float padValue) {
  if (llvm::all_of(low, [](int64_t p) { return p == 0; }) &&
      llvm::all_of(high, [](int64_t p) { return p == 0; }))
    return value;
  SmallVector<int64_t> shape(shapeOf(value));
  for (size_t d = 0; d < shape.size(); ++d)
    shape[d] += low[d] + high[d];
  Value padScalar = createScalar(builder, loc, padValue);
  return tensor::PadOp::create(builder, loc, getF32Type(shape), value,
                               getAsIndexOpFoldResult(context, low),
                               getAsIndexOpFoldResult(context, high),
                               padScalar);
}

Value Importer::transpose(Value value, ArrayRef<int64_t> perm) {
  ArrayRef<int64_t> from = shapeOf(value);
  SmallVector<int64_t> shape;
  for (int64_t p : perm)
    shape.push_back(from[p]);
  Value init =
      tensor::EmptyOp::create(builder, loc, shape, builder.getF32Type());
  return linalg::TransposeOp::create(builder, loc, value, init, perm)
      .getResult()[0];
}

FailureOr<SmallVector<int64_t>> Importer::broadcastShapes(ArrayRef<int64_t> a,
                                                          ArrayRef<int64_t> b) {
  size_t rank = std::max(a.size(), b.size());
  SmallVector<int64_t> result(rank);
  for (size_t i = 0; i < rank; ++i) {
    int64_t da = i < rank - a.size() ? 1 : a[i - (rank - a.size())];
    int64_t db = i < rank - b.size() ? 1 : b[i - (rank - b.size())];
    if (da != db && da != 1 && db != 1)
      return error() << "input shapes [" << a << "] and [" << b
                     << "] do not broadcast";
    result[i] = da == 1 ? db : da;
  }
  return result;
}

Value Importer::elementwise(ValueRange inputs, ArrayRef<int64_t> outShape,
                            ScalarBody body) {
  SmallVector<AffineMap> maps;
  int64_t rank = outShape.size();
  for (Value input : inputs) {
    ArrayRef<int64_t> shape = shapeOf(input);
    int64_t offset = rank - shape.size();
    SmallVector<AffineExpr> exprs;
    for (int64_t d = 0, e = shape.size(); d < e; ++d)
      exprs.push_back(shape[d] == 1 && outShape[offset + d] != 1
                          ? builder.getAffineConstantExpr(0)
                          : builder.getAffineDimExpr(offset + d));
    maps.push_back(AffineMap::get(rank, 0, exprs, context));
  }
  return generic(inputs, maps, outShape, body);
}

Value Importer::generic(ValueRange inputs, ArrayRef<AffineMap> inputMaps,
                        ArrayRef<int64_t> outShape, ScalarBody body) {
  SmallVector<AffineMap> maps(inputMaps);
  maps.push_back(builder.getMultiDimIdentityMap(outShape.size()));
  SmallVector<utils::IteratorType> iterators(outShape.size(),
                                             utils::IteratorType::parallel);
  Value init =
      tensor::EmptyOp::create(builder, loc, outShape, builder.getF32Type());
  auto op = linalg::GenericOp::create(
      builder, loc, TypeRange{init.getType()}, inputs, ValueRange{init}, maps,
      iterators, [&](OpBuilder &b, Location l, ValueRange args) {
        Value result = body(b, l, args.drop_back());
        linalg::YieldOp::create(b, l, result);
      });
  return op.getResult(0);
}

//===----------------------------------------------------------------------===//
// The graph
//===----------------------------------------------------------------------===//

FailureOr<RankedTensorType> Importer::getGraphValueType(const ValueInfo &info,
                                                        StringRef kind) {
  auto fail = [&](const Twine &why) -> FailureOr<RankedTensorType> {
    return emitError(loc) << "graph " << kind << " '" << info.name << "' "
                          << why;
  };
  if (info.dataType != kFloat)
    return fail(Twine("has data type ") + getDataTypeName(info.dataType) +
                "; only float32 is supported");
  if (!info.hasShape)
    return fail("has no shape (only static shapes are supported)");
  SmallVector<int64_t> dims(info.dims.begin(), info.dims.end());
  if (!dims.empty() && dims[0] < 0 && options.batchSize > 0)
    dims[0] = options.batchSize;
  for (size_t d = 0; d < dims.size(); ++d)
    if (dims[d] < 0)
      return fail(
          "has a dynamic dimension " + Twine(d) +
          (info.dimNames[d].empty() ? Twine()
                                    : Twine(" ('") + info.dimNames[d] + "')") +
          " (only static shapes are supported" +
          (d == 0 ? "; --batch=N gives a dynamic dimension 0 a size)" : ")"));
    else if (dims[d] == 0)
      return fail("has a zero-sized dimension " + Twine(d));
  return getF32Type(dims);
}

OwningOpRef<ModuleOp> Importer::run() {
  const Graph &graph = model.graph;
  loc = UnknownLoc::get(context);
  if (model.opsetVersion < kMinOpset || model.opsetVersion > kMaxOpset) {
    emitError(loc) << "ONNX opset " << model.opsetVersion
                   << " is not supported (supported: " << kMinOpset << " to "
                   << kMaxOpset << ")";
    return nullptr;
  }

  // Initializers that are also graph inputs (old exporters) are constants.
  for (const Tensor &init : graph.initializers)
    constants[init.name] = &init;
  for (const Node &n : graph.nodes)
    for (const std::string &input : n.inputs)
      if (!input.empty())
        ++useCounts[input];
  for (const ValueInfo &output : graph.outputs)
    ++useCounts[output.name];

  OwningOpRef<ModuleOp> module = ModuleOp::create(loc);
  builder.setInsertionPointToEnd(module->getBody());

  SmallVector<const ValueInfo *> inputs;
  SmallVector<Type> inputTypes, outputTypes;
  for (const ValueInfo &input : graph.inputs) {
    if (constants.count(input.name))
      continue;
    loc = NameLoc::get(builder.getStringAttr(input.name));
    FailureOr<RankedTensorType> type = getGraphValueType(input, "input");
    if (failed(type))
      return nullptr;
    inputs.push_back(&input);
    inputTypes.push_back(*type);
  }
  for (const ValueInfo &output : graph.outputs) {
    loc = NameLoc::get(builder.getStringAttr(output.name));
    FailureOr<RankedTensorType> type = getGraphValueType(output, "output");
    if (failed(type))
      return nullptr;
    outputTypes.push_back(*type);
  }

  loc = NameLoc::get(builder.getStringAttr(
      graph.name.empty() ? options.entryName : graph.name));
  auto func =
      func::FuncOp::create(builder, loc, options.entryName,
                           builder.getFunctionType(inputTypes, outputTypes));
  Block *entry = func.addEntryBlock();
  for (auto [info, arg] : llvm::zip(inputs, entry->getArguments())) {
    arg.setLoc(NameLoc::get(builder.getStringAttr(info->name)));
    values[info->name] = arg;
  }
  builder.setInsertionPointToStart(entry);

  // Constant nodes are known before the walk, so that a BatchNormalization
  // whose statistics are Constant nodes can still be folded.
  for (const Node &n : graph.nodes) {
    if (n.opType != "Constant" || !n.domain.empty() || n.outputs.size() != 1)
      continue;
    node = &n;
    loc = NameLoc::get(builder.getStringAttr(getNodeName(n)));
    FailureOr<Tensor> value = readConstantNode(n);
    if (failed(value))
      return nullptr;
    ownedTensors.push_back(std::move(*value));
    constants[n.outputs[0]] = &ownedTensors.back();
  }
  if (options.foldBatchNorm && failed(findBatchNormFolds()))
    return nullptr;

  for (const Node &n : graph.nodes)
    if (failed(importNode(n)))
      return nullptr;

  SmallVector<Value> results;
  for (auto [output, type] : llvm::zip(graph.outputs, outputTypes)) {
    loc = NameLoc::get(builder.getStringAttr(output.name));
    Value v = values.lookup(output.name);
    if (!v && constants.count(output.name)) {
      emitError(loc) << "graph output '" << output.name
                     << "' is a constant; only computed outputs are "
                        "supported";
      return nullptr;
    }
    if (!v) {
      emitError(loc) << "graph output '" << output.name
                     << "' is not computed by any node";
      return nullptr;
    }
    if (v.getType() != type) {
      emitError(loc) << "graph output '" << output.name << "' is declared as "
                     << type << " but computes " << v.getType();
      return nullptr;
    }
    results.push_back(v);
  }
  func::ReturnOp::create(builder, loc, results);

  if (failed(verify(*module))) {
    emitError(UnknownLoc::get(context))
        << "internal error: the imported module does not verify";
    return nullptr;
  }
  return module;
}

LogicalResult Importer::importNode(const Node &n) {
  node = &n;
  std::string name = getNodeName(n);
  loc = NameLoc::get(builder.getStringAttr(name));
  if (foldedAway.count(&n))
    return success();
  if (!n.domain.empty() && n.domain != "ai.onnx")
    return error() << "operator domain '" << n.domain << "' is not supported";
  for (const std::string &output : n.outputs)
    if (!output.empty() && (values.count(output) || (constants.count(output) &&
                                                     n.opType != "Constant")))
      return error() << "value '" << output << "' is defined twice";
  for (const std::string &input : n.inputs)
    if (!input.empty() && !values.count(input) && !constants.count(input))
      return error() << "input '" << input
                     << "' is not defined before the node (the graph must be "
                        "topologically sorted)";
  StringRef op = n.opType;
  if (op == "Conv")
    return importConv();
  if (op == "BatchNormalization")
    return importBatchNormalization();
  if (op == "MaxPool")
    return importMaxPool();
  if (op == "AveragePool")
    return importAveragePool();
  if (op == "GlobalAveragePool")
    return importGlobalAveragePool();
  if (op == "Gemm")
    return importGemm();
  if (op == "MatMul")
    return importMatMul();
  if (op == "Add" || op == "Sub" || op == "Mul" || op == "Div")
    return importBinary();
  if (op == "Relu" || op == "Sigmoid" || op == "Tanh")
    return importUnary();
  if (op == "Clip")
    return importClip();
  if (op == "Softmax" || op == "LogSoftmax")
    return importSoftmax();
  if (op == "Flatten")
    return importFlatten();
  if (op == "Reshape")
    return importReshape();
  if (op == "Transpose")
    return importTranspose();
  if (op == "Concat") {
    bool allIntegers = !n.inputs.empty();
    for (unsigned i = 0; i < n.inputs.size(); ++i)
      allIntegers &= isConstantInteger(i);
    return allIntegers ? importConstantConcat() : importConcat();
  }
  if (op == "Shape")
    return importShape();
  if (op == "Gather")
    return importGather();
  if (op == "Unsqueeze")
    return importUnsqueeze();
  if (op == "Squeeze")
    return importSqueeze();
  if (op == "Cast")
    return importCast();
  if (op == "Pad")
    return importPad();
  if (op == "Identity" || op == "Dropout")
    return importIdentity();
  if (op == "Constant")
    return importConstant();
  return error() << "unsupported operator";
}

OwningOpRef<ModuleOp> sparq::onnx::importModel(const Model &model,
                                               MLIRContext *context,
                                               const ImportOptions &options) {
  DialectRegistry registry;
  registerImportDialects(registry);
  context->appendDialectRegistry(registry);
  context->loadAllAvailableDialects();
  Importer importer(model, context, options);
  return importer.run();
}
