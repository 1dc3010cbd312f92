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
    result = tensor::InsertSliceOp::create(builder, loc, v, result,
                                           ValueRange{}, ValueRange{},
                                           ValueRange{}, offsets, s, strides);
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
    return error() << "pads has " << pads->size() << " values for rank " << rank
                   << " (expected " << 2 * rank << ")";
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
  } else if (attr.name == "value_floats" &&
             attr.kind == NodeAttribute::Floats) {
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
