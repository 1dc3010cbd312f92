//===- ShapeArithmetic.cpp - Shape, Gather, Unsqueeze, Squeeze, Cast -----===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// Exporters compute reshape targets at run time (PyTorch's
// `x.view(x.size(0), -1)` becomes Shape / Gather / Unsqueeze / Concat into a
// Reshape). With static shapes these are integer constants, folded here at
// import time. Squeeze / Unsqueeze of an f32 value is a reshape, and Cast of
// an f32 value to f32 is forwarded.
//
//===----------------------------------------------------------------------===//

#include "Importer.h"

using namespace mlir;
using namespace sparq::onnx;

static int64_t product(ArrayRef<int64_t> shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

/// An int64 tensor of `dims` holding `values`.
static Tensor makeInt64Tensor(ArrayRef<int64_t> dims,
                              ArrayRef<int64_t> values) {
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
  defineConstant(
      0, makeInt64Tensor({static_cast<int64_t>(result.size())}, result));
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
