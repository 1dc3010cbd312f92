//===- ShapeOps.cpp - Flatten, Reshape, Transpose, Concat, Pad, Constant --===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// Data movement on statically shaped tensors. Shape operands (Reshape's
// shape, Pad's pads) must be constants and are read at import time.
// Reshapes are collapse_shape / expand_shape pairs, which bufferize to views.
//
//===----------------------------------------------------------------------===//

#include "Importer.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <cstring>

using namespace mlir;
using namespace sparq::onnx;

static int64_t product(ArrayRef<int64_t> shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

LogicalResult Importer::importFlatten() {
  if (failed(checkAttributes({"axis"})) || failed(checkArity(1, 1)))
    return failure();
  FailureOr<int64_t> axisAttr = getInt("axis", 1);
  FailureOr<Value> x = getInput(0);
  if (failed(axisAttr) || failed(x))
    return failure();
  ArrayRef<int64_t> shape = shapeOf(*x);
  int64_t rank = shape.size();
  // axis may equal rank (everything in the first dimension).
  if (*axisAttr < -rank || *axisAttr > rank)
    return error() << "axis " << *axisAttr << " is out of range for rank "
                   << rank;
  int64_t axis = *axisAttr < 0 ? *axisAttr + rank : *axisAttr;
  setOutput(0, reshape(*x, {product(shape.take_front(axis)),
                            product(shape.drop_front(axis))}));
  return success();
}

LogicalResult Importer::importReshape() {
  if (failed(checkAttributes({"allowzero"})) || failed(checkArity(2, 2)))
    return failure();
  FailureOr<int64_t> allowZero = getInt("allowzero", 0);
  FailureOr<Value> x = getInput(0);
  if (failed(allowZero) || failed(x))
    return failure();
  FailureOr<SmallVector<int64_t>> requested = getConstantIntegers(1, "shape");
  if (failed(requested))
    return failure();
  ArrayRef<int64_t> in = shapeOf(*x);
  SmallVector<int64_t> shape;
  int64_t inferred = -1;
  for (auto [i, d] : llvm::enumerate(*requested)) {
    if (d == 0 && !*allowZero) {
      if (i >= in.size())
        return error() << "shape entry " << i
                       << " is 0 (copy) but the input has rank " << in.size();
      shape.push_back(in[i]);
    } else if (d == -1) {
      if (inferred >= 0)
        return error() << "the shape has more than one -1";
      inferred = i;
      shape.push_back(1);
    } else if (d <= 0) {
      return error() << "shape entry " << i << " = " << d
                     << " is not supported";
    } else {
      shape.push_back(d);
    }
  }
  int64_t known = product(shape), total = product(in);
  if (inferred >= 0) {
    if (total % known)
      return error() << "cannot reshape [" << in << "] to [" << *requested
                     << "]";
    shape[inferred] = total / known;
  }
  if (product(shape) != total)
    return error() << "cannot reshape [" << in << "] (" << total
                   << " elements) to [" << shape << "]";
  setOutput(0, reshape(*x, shape));
  return success();
}

LogicalResult Importer::importTranspose() {
  if (failed(checkAttributes({"perm"})) || failed(checkArity(1, 1)))
    return failure();
  FailureOr<Value> x = getInput(0);
  if (failed(x))
    return failure();
  int64_t rank = shapeOf(*x).size();
  SmallVector<int64_t> reversed;
  for (int64_t d = rank - 1; d >= 0; --d)
    reversed.push_back(d);
  FailureOr<SmallVector<int64_t>> perm = getInts("perm", reversed);
  if (failed(perm))
    return failure();
  SmallVector<bool> seen(rank, false);
  bool valid = static_cast<int64_t>(perm->size()) == rank;
  for (int64_t p : *perm) {
    if (!valid || p < 0 || p >= rank || seen[p]) {
      valid = false;
      break;
    }
    seen[p] = true;
  }
  if (!valid)
    return error() << "perm [" << *perm << "] is not a permutation of rank "
                   << rank;
  setOutput(0, transpose(*x, *perm));
  return success();
}

LogicalResult Importer::importConcat() {
  if (failed(checkAttributes({"axis"})) || failed(checkArity(1, 1u << 20)))
    return failure();
  FailureOr<int64_t> axisAttr = getInt("axis", 0);
  if (failed(axisAttr))
    return failure();
  if (!node->getAttribute("axis"))
    return error() << "attribute 'axis' is required";
  SmallVector<Value> inputs;
  for (unsigned i = 0; i < node->inputs.size(); ++i) {
    FailureOr<Value> v = getInput(i);
    if (failed(v))
      return failure();
    inputs.push_back(*v);
  }
  SmallVector<int64_t> shape(shapeOf(inputs[0]));
  int64_t rank = shape.size();
  FailureOr<int64_t> axis = normalizeAxis(*axisAttr, rank);
  if (failed(axis))
    return failure();
  shape[*axis] = 0;
  for (Value v : inputs) {
    ArrayRef<int64_t> s = shapeOf(v);
    for (int64_t d = 0; d < rank; ++d)
      if (static_cast<int64_t>(s.size()) != rank ||
          (d != *axis && s[d] != shape[d]))
        return error() << "input shapes [" << shapeOf(inputs[0]) << "] and ["
                       << s << "] do not concatenate along axis " << *axis;
    shape[*axis] += s[*axis];
  }
  Value result =
      tensor::EmptyOp::create(builder, loc, shape, builder.getF32Type());
  int64_t offset = 0;
  for (Value v : inputs) {
    ArrayRef<int64_t> s = shapeOf(v);
    SmallVector<int64_t> offsets(rank, 0), strides(rank, 1);
    offsets[*axis] = offset;
    result = tensor::InsertSliceOp::create(builder, loc, v, result, ValueRange{},
                                           ValueRange{}, ValueRange{}, offsets,
                                           s, strides);
    offset += s[*axis];
  }
  setOutput(0, result);
  return success();
}

LogicalResult Importer::importPad() {
  if (failed(checkAttributes({"mode"})) || failed(checkArity(2, 3)))
    return failure();
  FailureOr<std::string> mode = getString("mode", "constant");
  FailureOr<Value> x = getInput(0);
  if (failed(mode) || failed(x))
    return failure();
  if (*mode != "constant")
    return error() << "mode '" << *mode << "' is not supported (only "
                   << "'constant')";
  FailureOr<SmallVector<int64_t>> pads = getConstantIntegers(1, "pads");
  if (failed(pads))
    return failure();
  int64_t rank = shapeOf(*x).size();
  if (static_cast<int64_t>(pads->size()) != 2 * rank)
    return error() << "pads has " << pads->size() << " values for rank "
                   << rank << " (expected " << 2 * rank << ")";
  if (llvm::any_of(*pads, [](int64_t p) { return p < 0; }))
    return error() << "negative pads are not supported";
  float value = 0.0f;
  if (hasInput(2)) {
    FailureOr<float> v = getConstantScalar(2, "constant value");
    if (failed(v))
      return failure();
    value = *v;
  }
  ArrayRef<int64_t> p(*pads);
  setOutput(0, pad(*x, p.take_front(rank), p.drop_front(rank), value));
  return success();
}

LogicalResult Importer::importIdentity() {
  if (node->opType == "Dropout") {
    // Inference: Dropout is the identity unless training_mode is true.
    if (failed(checkAttributes({"seed", "ratio"})) || failed(checkArity(1, 3)))
      return failure();
    if (hasInput(2))
      return error() << "the training_mode input is not supported";
  } else if (failed(checkAttributes({})) || failed(checkArity(1, 1))) {
    return failure();
  }
  FailureOr<Value> x = getInput(0);
  if (failed(x))
    return failure();
  setOutput(0, *x);
  return success();
}

FailureOr<Tensor> Importer::readConstantNode(const Node &n) {
  if (n.attributes.size() != 1)
    return error() << "expected exactly one value attribute";
  const NodeAttribute &attr = n.attributes.front();
  Tensor t;
  t.name = n.outputs.empty() ? std::string() : n.outputs[0];
  auto append = [&](const void *p, size_t bytes) {
    const char *c = static_cast<const char *>(p);
    t.data.insert(t.data.end(), c, c + bytes);
  };
  if (attr.name == "value" && attr.kind == NodeAttribute::Tensor) {
    t = attr.t;
    t.name = n.outputs.empty() ? std::string() : n.outputs[0];
  } else if (attr.name == "value_float" && attr.kind == NodeAttribute::Float) {
    t.dataType = kFloat;
    append(&attr.f, 4);
  } else if (attr.name == "value_floats" && attr.kind == NodeAttribute::Floats) {
    t.dataType = kFloat;
    t.dims = {static_cast<int64_t>(attr.floats.size())};
    append(attr.floats.data(), 4 * attr.floats.size());
  } else if (attr.name == "value_int" && attr.kind == NodeAttribute::Int) {
    t.dataType = kInt64;
    append(&attr.i, 8);
  } else if (attr.name == "value_ints" && attr.kind == NodeAttribute::Ints) {
    t.dataType = kInt64;
    t.dims = {static_cast<int64_t>(attr.ints.size())};
    append(attr.ints.data(), 8 * attr.ints.size());
  } else {
    return error() << "unsupported attribute '" << attr.name << "'";
  }
  return t;
}

LogicalResult Importer::importConstant() {
  // The value was read before the walk (see Importer::run); it becomes a
  // dense_resource constant where a float op uses it.
  return checkArity(0, 0);
}

//===----------------------------------------------------------------------===//
// Shape arithmetic. Exporters compute reshape targets at run time (e.g.
// PyTorch's `x.view(x.size(0), -1)` becomes Shape / Gather / Unsqueeze /
// Concat); with static shapes these are integer constants, folded here.
//===----------------------------------------------------------------------===//

/// An int64 tensor of `dims` holding `values`.
static Tensor makeInt64Tensor(ArrayRef<int64_t> dims, ArrayRef<int64_t> values) {
  Tensor t;
  t.dataType = kInt64;
  t.dims.assign(dims.begin(), dims.end());
  const char *p = reinterpret_cast<const char *>(values.data());
  t.data.assign(p, p + 8 * values.size());
  return t;
}

void Importer::defineConstant(unsigned i, Tensor tensor) {
  tensor.name = node->outputs[i];
  ownedTensors.push_back(std::move(tensor));
  constants[node->outputs[i]] = &ownedTensors.back();
}

/// True when input `i` is a constant int32 / int64 tensor.
bool Importer::isConstantInteger(unsigned i) const {
  const Tensor *t = getConstantInput(i);
  return t && t->supported && (t->dataType == kInt64 || t->dataType == kInt32);
}

LogicalResult Importer::importShape() {
  if (failed(checkAttributes({"start", "end"})) || failed(checkArity(1, 1)))
    return failure();
  SmallVector<int64_t> shape;
  if (const Tensor *t = getConstantInput(0)) {
    shape.assign(t->dims.begin(), t->dims.end());
  } else {
    FailureOr<Value> x = getInput(0);
    if (failed(x))
      return failure();
    shape.assign(shapeOf(*x).begin(), shapeOf(*x).end());
  }
  int64_t rank = shape.size();
  FailureOr<int64_t> start = getInt("start", 0), end = getInt("end", rank);
  if (failed(start) || failed(end))
    return failure();
  auto clamp = [&](int64_t v) {
    if (v < 0)
      v += rank;
    return std::min(std::max<int64_t>(v, 0), rank);
  };
  int64_t b = clamp(*start), e = std::max(b, clamp(*end));
  ArrayRef<int64_t> slice = ArrayRef<int64_t>(shape).slice(b, e - b);
  defineConstant(0, makeInt64Tensor({e - b}, slice));
  return success();
}

LogicalResult Importer::importGather() {
  if (failed(checkAttributes({"axis"})) || failed(checkArity(2, 2)))
    return failure();
  if (!isConstantInteger(0) || !isConstantInteger(1))
    return error() << "only Gather of constant integer data (shape "
                      "arithmetic) is supported";
  const Tensor &data = *getConstantInput(0);
  const Tensor &indicesT = *getConstantInput(1);
  FailureOr<SmallVector<int64_t>> values = getConstantIntegers(0, "data");
  FailureOr<SmallVector<int64_t>> indices = getConstantIntegers(1, "indices");
  FailureOr<int64_t> axisAttr = getInt("axis", 0);
  if (failed(values) || failed(indices) || failed(axisAttr))
    return failure();
  int64_t rank = data.dims.size();
  if (rank == 0)
    return error() << "Gather of a rank-0 tensor is not defined";
  FailureOr<int64_t> axis = normalizeAxis(*axisAttr, rank);
  if (failed(axis))
    return failure();
  int64_t outer = product(ArrayRef<int64_t>(data.dims).take_front(*axis));
  int64_t inner = product(ArrayRef<int64_t>(data.dims).drop_front(*axis + 1));
  int64_t extent = data.dims[*axis];
  SmallVector<int64_t> result;
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t index : *indices) {
      if (index < -extent || index >= extent)
        return error() << "index " << index << " is out of range [" << -extent
                       << ", " << extent << ")";
      int64_t k = index < 0 ? index + extent : index;
      for (int64_t in = 0; in < inner; ++in)
        result.push_back((*values)[(o * extent + k) * inner + in]);
    }
  SmallVector<int64_t> dims(data.dims.begin(), data.dims.begin() + *axis);
  dims.append(indicesT.dims.begin(), indicesT.dims.end());
  dims.append(data.dims.begin() + *axis + 1, data.dims.end());
  defineConstant(0, makeInt64Tensor(dims, result));
  return success();
}

/// The axes of Squeeze / Unsqueeze: an attribute before opset 13, an
/// optional constant input from 13 on.
FailureOr<SmallVector<int64_t>> Importer::getAxes(bool required) {
  if (model.opsetVersion < 13) {
    if (failed(checkAttributes({"axes"})) || failed(checkArity(1, 1)))
      return failure();
    if (required && !node->getAttribute("axes"))
      return error() << "attribute 'axes' is required";
    return getInts("axes", {});
  }
  if (failed(checkAttributes({})) || failed(checkArity(1, 2)))
    return failure();
  if (!hasInput(1)) {
    if (required)
      return error() << "input 'axes' is required";
    return SmallVector<int64_t>();
  }
  return getConstantIntegers(1, "axes");
}

/// Reshapes input 0 to `shape`: a new constant for constant integers, else
/// a reshape of the f32 value.
LogicalResult Importer::reshapeInput(ArrayRef<int64_t> shape) {
  if (isConstantInteger(0)) {
    FailureOr<SmallVector<int64_t>> values = getConstantIntegers(0, "data");
    if (failed(values))
      return failure();
    defineConstant(0, makeInt64Tensor(shape, *values));
    return success();
  }
  FailureOr<Value> x = getInput(0);
  if (failed(x))
    return failure();
  setOutput(0, reshape(*x, shape));
  return success();
}

/// The shape of input 0, constant or computed.
FailureOr<SmallVector<int64_t>> Importer::getInputShape(unsigned i) {
  if (const Tensor *t = getConstantInput(i))
    return SmallVector<int64_t>(t->dims.begin(), t->dims.end());
  FailureOr<Value> x = getInput(i);
  if (failed(x))
    return failure();
  return SmallVector<int64_t>(shapeOf(*x));
}

LogicalResult Importer::importUnsqueeze() {
  FailureOr<SmallVector<int64_t>> axes = getAxes(/*required=*/true);
  if (failed(axes))
    return failure();
  FailureOr<SmallVector<int64_t>> in = getInputShape(0);
  if (failed(in))
    return failure();
  int64_t rank = in->size() + axes->size();
  SmallVector<bool> inserted(rank, false);
  for (int64_t a : *axes) {
    FailureOr<int64_t> axis = normalizeAxis(a, rank, "axis");
    if (failed(axis))
      return failure();
    if (inserted[*axis])
      return error() << "axis " << a << " is repeated";
    inserted[*axis] = true;
  }
  SmallVector<int64_t> shape;
  unsigned next = 0;
  for (int64_t d = 0; d < rank; ++d)
    shape.push_back(inserted[d] ? 1 : (*in)[next++]);
  return reshapeInput(shape);
}

LogicalResult Importer::importSqueeze() {
  FailureOr<SmallVector<int64_t>> axes = getAxes(/*required=*/false);
  if (failed(axes))
    return failure();
  FailureOr<SmallVector<int64_t>> in = getInputShape(0);
  if (failed(in))
    return failure();
  int64_t rank = in->size();
  SmallVector<bool> removed(rank, false);
  for (int64_t a : *axes) {
    FailureOr<int64_t> axis = normalizeAxis(a, rank, "axis");
    if (failed(axis))
      return failure();
    if ((*in)[*axis] != 1)
      return error() << "axis " << a << " has size " << (*in)[*axis]
                     << ", not 1";
    removed[*axis] = true;
  }
  SmallVector<int64_t> shape;
  for (int64_t d = 0; d < rank; ++d)
    if (!(axes->empty() ? (*in)[d] == 1 : removed[d]))
      shape.push_back((*in)[d]);
  return reshapeInput(shape);
}

LogicalResult Importer::importConstantConcat() {
  if (failed(checkAttributes({"axis"})) || failed(checkArity(1, 1u << 20)))
    return failure();
  FailureOr<int64_t> axisAttr = getInt("axis", 0);
  if (failed(axisAttr))
    return failure();
  SmallVector<int64_t> result;
  for (unsigned i = 0; i < node->inputs.size(); ++i) {
    const Tensor *t = getConstantInput(i);
    if (t->dims.size() != 1)
      return error() << "only rank-1 integer constants can be concatenated";
    FailureOr<SmallVector<int64_t>> values = getConstantIntegers(i, "input");
    if (failed(values))
      return failure();
    result.append(values->begin(), values->end());
  }
  if (*axisAttr != 0 && *axisAttr != -1)
    return error() << "axis " << *axisAttr << " is out of range for rank 1";
  defineConstant(0, makeInt64Tensor({static_cast<int64_t>(result.size())},
                                    result));
  return success();
}

LogicalResult Importer::importCast() {
  if (failed(checkAttributes({"to", "saturate"})) || failed(checkArity(1, 1)))
    return failure();
  FailureOr<int64_t> to = getInt("to", kUndefined);
  if (failed(to))
    return failure();
  if (isConstantInteger(0) && (*to == kInt64 || *to == kInt32)) {
    FailureOr<SmallVector<int64_t>> values = getConstantIntegers(0, "input");
    if (failed(values))
      return failure();
    defineConstant(0, makeInt64Tensor(getConstantInput(0)->dims, *values));
    return success();
  }
  if (*to != kFloat)
    return error() << "Cast to " << getDataTypeName(*to)
                   << " is not supported (only float32 tensors are)";
  FailureOr<Value> x = getInput(0);
  if (failed(x))
    return failure();
  setOutput(0, *x);
  return success();
}
