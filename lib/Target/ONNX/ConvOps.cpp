//===- ConvOps.cpp - Conv, BatchNormalization and pooling -----------------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// 2-D convolution and pooling on NCHW tensors. Padding is an explicit
// tensor.pad (zeros for Conv / AveragePool, -inf for MaxPool) followed by
// the unpadded linalg op, so that Conv is linalg.conv_2d_nchw_fchw (group 1)
// with the filter as a constant operand: one of the contractions that the
// compression passes rewrite. A BatchNormalization that directly follows a
// Conv (and is the only user of its result) is folded into the Conv's
// filter and bias at import time.
//
//===----------------------------------------------------------------------===//

#include "Importer.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <cmath>
#include <cstring>
#include <limits>

using namespace mlir;
using namespace sparq::onnx;

/// The f32 elements of a supported float tensor.
static ArrayRef<float> floatsOf(const Tensor &t) {
  return ArrayRef<float>(reinterpret_cast<const float *>(t.data.data()),
                         t.getNumElements());
}

namespace {
/// The window geometry of one spatial dimension of a conv or pool.
struct Window {
  int64_t kernel = 1, stride = 1, dilation = 1, padBegin = 0, padEnd = 0;
  int64_t output = 0;
};

/// Kernel, strides, dilations and pads of a 2-D conv or pool, read and
/// checked from the current node's attributes.
struct Window2D {
  Window dims[2];
};
} // namespace

/// Reads kernel_shape / strides / dilations / pads / auto_pad / ceil_mode
/// for the spatial dims of `inputShape` (NCHW) and computes the output size.
/// `kernel` is the filter's spatial shape for Conv (kernel_shape must then
/// agree) or empty for pools (kernel_shape is required). With `ceilMode`, the
/// output is rounded up as ONNX / PyTorch do (a window must start inside the
/// input or the leading padding) and `padEnd` grows to cover the last window.
static FailureOr<Window2D> readWindow(Importer &im,
                                      ArrayRef<int64_t> inputShape,
                                      ArrayRef<int64_t> kernel) {
  Window2D result;
  FailureOr<SmallVector<int64_t>> kernelShape =
      im.getInts("kernel_shape", kernel);
  FailureOr<SmallVector<int64_t>> strides = im.getInts("strides", {1, 1});
  FailureOr<SmallVector<int64_t>> dilations = im.getInts("dilations", {1, 1});
  FailureOr<SmallVector<int64_t>> pads = im.getInts("pads", {0, 0, 0, 0});
  FailureOr<std::string> autoPad = im.getString("auto_pad", "NOTSET");
  FailureOr<int64_t> ceilMode = im.getInt("ceil_mode", 0);
  if (failed(kernelShape) || failed(strides) || failed(dilations) ||
      failed(pads) || failed(autoPad) || failed(ceilMode))
    return failure();
  if (kernelShape->size() != 2)
    return im.error() << (kernel.empty() ? "attribute 'kernel_shape' is "
                                           "required and must have 2 values"
                                         : "attribute 'kernel_shape' must "
                                           "have 2 values");
  if (!kernel.empty() && ArrayRef<int64_t>(*kernelShape) != kernel)
    return im.error() << "attribute 'kernel_shape' [" << *kernelShape
                      << "] does not match the filter's [" << kernel << "]";
  if (strides->size() != 2 || dilations->size() != 2 || pads->size() != 4)
    return im.error() << "strides and dilations need 2 values and pads 4 "
                         "(only 2-D windows are supported)";
  if (*ceilMode != 0 && *ceilMode != 1)
    return im.error() << "attribute 'ceil_mode' must be 0 or 1";
  for (int i = 0; i < 2; ++i) {
    Window &w = result.dims[i];
    w.kernel = (*kernelShape)[i];
    w.stride = (*strides)[i];
    w.dilation = (*dilations)[i];
    w.padBegin = (*pads)[i];
    w.padEnd = (*pads)[i + 2];
    if (w.kernel < 1 || w.stride < 1 || w.dilation < 1)
      return im.error() << "kernel sizes, strides and dilations must be "
                           "positive";
    if (w.padBegin < 0 || w.padEnd < 0)
      return im.error() << "attribute 'pads' must not be negative";
  }
  int64_t extent[2];
  for (int i = 0; i < 2; ++i) {
    Window &w = result.dims[i];
    int64_t in = inputShape[2 + i];
    extent[i] = w.dilation * (w.kernel - 1) + 1;
    if (*autoPad == "VALID") {
      w.padBegin = w.padEnd = 0;
    } else if (*autoPad == "SAME_UPPER" || *autoPad == "SAME_LOWER") {
      int64_t out = (in + w.stride - 1) / w.stride;
      int64_t total =
          std::max<int64_t>(0, (out - 1) * w.stride + extent[i] - in);
      int64_t small = total / 2;
      w.padBegin = *autoPad == "SAME_UPPER" ? small : total - small;
      w.padEnd = total - w.padBegin;
    } else if (*autoPad != "NOTSET") {
      return im.error() << "attribute 'auto_pad' = '" << *autoPad
                        << "' is not supported";
    }
    int64_t span = in + w.padBegin + w.padEnd - extent[i];
    if (span < 0)
      return im.error() << "the window (" << extent[i]
                        << ") is larger than the padded input ("
                        << in + w.padBegin + w.padEnd << ")";
    w.output =
        *ceilMode ? (span + w.stride - 1) / w.stride + 1 : span / w.stride + 1;
    if (*ceilMode && (w.output - 1) * w.stride >= in + w.padBegin)
      --w.output;
  }
  return result;
}

/// The extra trailing padding that ceil_mode needs on each spatial dim.
static int64_t ceilPadding(const Window &w, int64_t in) {
  int64_t needed = (w.output - 1) * w.stride + w.dilation * (w.kernel - 1) + 1;
  return std::max<int64_t>(0, needed - (in + w.padBegin + w.padEnd));
}

//===----------------------------------------------------------------------===//
// BatchNormalization folding
//===----------------------------------------------------------------------===//

/// Per-channel scale gamma / sqrt(var + eps) and shift beta - mean * scale
/// of an inference-mode BatchNormalization with constant statistics, in
/// double precision; false when `bn` does not have that form.
static bool getBatchNormAffine(const Importer &im, const Node &bn,
                               int64_t channels, std::vector<double> &scale,
                               std::vector<double> &shift) {
  double epsilon = 1e-5;
  for (const NodeAttribute &attr : bn.attributes) {
    if (attr.name == "epsilon") {
      if (attr.kind != NodeAttribute::Float)
        return false;
      epsilon = attr.f;
    } else if (attr.name == "training_mode") {
      if (attr.kind != NodeAttribute::Int || attr.i != 0)
        return false;
    } else if (attr.name != "momentum") {
      return false;
    }
  }
  if (bn.inputs.size() != 5)
    return false;
  const Tensor *params[4];
  for (int i = 0; i < 4; ++i) {
    params[i] = im.constants.lookup(bn.inputs[i + 1]);
    if (!params[i] || !params[i]->supported || params[i]->dataType != kFloat ||
        params[i]->dims != std::vector<int64_t>{channels})
      return false;
  }
  ArrayRef<float> gamma = floatsOf(*params[0]), beta = floatsOf(*params[1]),
                  mean = floatsOf(*params[2]), var = floatsOf(*params[3]);
  scale.resize(channels);
  shift.resize(channels);
  for (int64_t c = 0; c < channels; ++c) {
    scale[c] = double(gamma[c]) / std::sqrt(double(var[c]) + epsilon);
    shift[c] = double(beta[c]) - double(mean[c]) * scale[c];
  }
  return true;
}

LogicalResult Importer::findBatchNormFolds() {
  llvm::StringMap<const Node *> producer;
  for (const Node &n : model.graph.nodes)
    for (const std::string &output : n.outputs)
      producer[output] = &n;
  for (const Node &bn : model.graph.nodes) {
    if (bn.opType != "BatchNormalization" || !bn.domain.empty() ||
        bn.inputs.size() != 5)
      continue;
    bool extraOutputsUsed = false;
    for (size_t i = 1; i < bn.outputs.size(); ++i)
      extraOutputsUsed |=
          !bn.outputs[i].empty() && useCounts.lookup(bn.outputs[i]);
    const Node *conv = producer.lookup(bn.inputs[0]);
    if (extraOutputsUsed || !conv || conv->opType != "Conv" ||
        !conv->domain.empty() || conv->outputs.size() != 1 ||
        useCounts.lookup(bn.inputs[0]) != 1 || conv->inputs.size() < 2)
      continue;
    const Tensor *weight = constants.lookup(conv->inputs[1]);
    if (!weight || !weight->supported || weight->dataType != kFloat ||
        weight->dims.size() != 4)
      continue;
    if (conv->inputs.size() > 2 && !conv->inputs[2].empty()) {
      const Tensor *bias = constants.lookup(conv->inputs[2]);
      if (!bias || !bias->supported || bias->dataType != kFloat)
        continue;
    }
    std::vector<double> scale, shift;
    if (!getBatchNormAffine(*this, bn, weight->dims[0], scale, shift))
      continue;
    foldedBatchNorm[conv] = &bn;
    foldedAway.insert(&bn);
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Conv
//===----------------------------------------------------------------------===//

LogicalResult Importer::importConv() {
  if (failed(checkAttributes({"auto_pad", "dilations", "group", "kernel_shape",
                              "pads", "strides"})) ||
      failed(checkArity(2, 3)))
    return failure();
  FailureOr<Value> x = getInput(0);
  if (failed(x))
    return failure();
  ArrayRef<int64_t> xShape = shapeOf(*x);
  if (xShape.size() != 4)
    return error() << "only 2-D convolution (a rank-4 NCHW input) is "
                      "supported, got rank "
                   << xShape.size();
  const Node *bn = foldedBatchNorm.lookup(node);
  const Tensor *weightData = getConstantFloats(1);
  SmallVector<int64_t> wShape;
  if (weightData) {
    wShape.assign(weightData->dims.begin(), weightData->dims.end());
  } else {
    FailureOr<Value> w = getInput(1);
    if (failed(w))
      return failure();
    wShape.assign(shapeOf(*w).begin(), shapeOf(*w).end());
  }
  if (wShape.size() != 4)
    return error() << "the filter must have rank 4 (FCHW), got rank "
                   << wShape.size();
  FailureOr<int64_t> group = getInt("group", 1);
  if (failed(group))
    return failure();
  int64_t n = xShape[0], c = xShape[1], f = wShape[0];
  if (*group < 1 || c % *group || f % *group || wShape[1] * *group != c)
    return error() << "group " << *group << " does not fit " << c
                   << " input channels and a filter of shape [" << wShape
                   << "]";
  FailureOr<Window2D> window =
      readWindow(*this, xShape, ArrayRef<int64_t>(wShape).drop_front(2));
  if (failed(window))
    return failure();
  const Window &wh = window->dims[0], &ww = window->dims[1];

  Location nodeLoc = loc;
  if (bn)
    loc = FusedLoc::get(
        context,
        {nodeLoc, NameLoc::get(builder.getStringAttr(getNodeName(*bn)))});

  // The filter, with the BatchNormalization's scale folded in, grouped as
  // [G, F/G, C/G, KH, KW] when group > 1.
  int64_t g = *group;
  SmallVector<int64_t> filterShape(wShape);
  if (g > 1)
    filterShape = {g, f / g, wShape[1], wShape[2], wShape[3]};
  std::vector<double> bnScale, bnShift;
  if (bn)
    getBatchNormAffine(*this, *bn, f, bnScale, bnShift);
  Value filter;
  if (weightData) {
    ArrayRef<float> data = floatsOf(*weightData);
    if (bn) {
      std::vector<float> folded(data.size());
      int64_t perFilter = data.size() / f;
      for (int64_t k = 0; k < f; ++k)
        for (int64_t e = 0; e < perFilter; ++e)
          folded[k * perFilter + e] =
              static_cast<float>(data[k * perFilter + e] * bnScale[k]);
      filter = createWeight(filterShape, folded, node->inputs[1]);
    } else if (g > 1) {
      filter = createWeight(filterShape, data, node->inputs[1]);
    } else {
      filter = *getInput(1);
    }
  } else {
    filter = reshape(*getInput(1), filterShape);
  }

  Value padded = pad(*x, {0, 0, wh.padBegin, ww.padBegin},
                     {0, 0, wh.padEnd, ww.padEnd}, 0.0f);
  Attribute strides = builder.getI64TensorAttr({wh.stride, ww.stride});
  Attribute dilations = builder.getI64TensorAttr({wh.dilation, ww.dilation});
  SmallVector<int64_t> outShape = {n, f, wh.output, ww.output};
  Value result;
  if (g == 1) {
    Value init = createFilled(outShape, 0.0f);
    result =
        linalg::Conv2DNchwFchwOp::create(
            builder, loc, TypeRange{init.getType()}, ValueRange{padded, filter},
            ValueRange{init}, strides, dilations)
            .getResult(0);
  } else {
    ArrayRef<int64_t> p = shapeOf(padded);
    Value grouped = reshape(padded, {n, g, c / g, p[2], p[3]});
    Value init = createFilled({n, g, f / g, wh.output, ww.output}, 0.0f);
    result =
        linalg::Conv2DNgchwGfchwOp::create(
            builder, loc, TypeRange{init.getType()},
            ValueRange{grouped, filter}, ValueRange{init}, strides, dilations)
            .getResult(0);
    result = reshape(result, outShape);
  }

  // The bias (folded: (b - mean) * scale + beta), added per channel.
  Value bias;
  if (bn) {
    std::vector<float> folded(f);
    const Tensor *b = hasInput(2) ? getConstantFloats(2) : nullptr;
    for (int64_t k = 0; k < f; ++k)
      folded[k] = static_cast<float>((b ? floatsOf(*b)[k] : 0.0) * bnScale[k] +
                                     bnShift[k]);
    bias = createWeight({f}, folded,
                        hasInput(2) ? node->inputs[2]
                                    : getNodeName(*node) + ".bias");
  } else if (hasInput(2)) {
    FailureOr<Value> b = getInput(2);
    if (failed(b))
      return failure();
    if (shapeOf(*b) != ArrayRef<int64_t>{f})
      return error() << "the bias must have shape [" << f << "]";
    bias = *b;
  }
  if (bias) {
    AffineMap identity = builder.getMultiDimIdentityMap(4);
    AffineMap channel = AffineMap::get(4, 0, builder.getAffineDimExpr(1));
    result = generic({result, bias}, {identity, channel}, outShape,
                     [](OpBuilder &b, Location l, ValueRange args) -> Value {
                       return arith::AddFOp::create(b, l, args[0], args[1]);
                     });
  }
  setOutput(0, result);
  if (bn)
    values[bn->outputs[0]] = result;
  loc = nodeLoc;
  return success();
}

//===----------------------------------------------------------------------===//
// BatchNormalization (not folded): y = x * scale[c] + shift[c]
//===----------------------------------------------------------------------===//

LogicalResult Importer::importBatchNormalization() {
  if (failed(checkAttributes({"epsilon", "momentum", "training_mode"})) ||
      failed(checkArity(5, 5)))
    return failure();
  FailureOr<int64_t> training = getInt("training_mode", 0);
  FailureOr<float> epsilon = getFloat("epsilon", 1e-5f);
  if (failed(training) || failed(epsilon))
    return failure();
  if (*training != 0)
    return error() << "training_mode = " << *training
                   << " is not supported (inference only)";
  FailureOr<Value> x = getInput(0);
  if (failed(x))
    return failure();
  ArrayRef<int64_t> shape = shapeOf(*x);
  if (shape.size() < 2)
    return error() << "the input must have rank 2 or more";
  int64_t c = shape[1];
  for (unsigned i = 1; i < 5; ++i) {
    const Tensor *t = getConstantFloats(i);
    if (!t)
      return error() << "scale, bias, mean and variance must be float32 "
                        "constants";
    if (t->dims != std::vector<int64_t>{c})
      return error() << "input " << i << " must have shape [" << c << "]";
  }
  std::vector<double> scale, shift;
  if (!getBatchNormAffine(*this, *node, c, scale, shift))
    return error() << "cannot read the normalization parameters";
  std::vector<float> scaleF(scale.begin(), scale.end()),
      shiftF(shift.begin(), shift.end());
  std::string name = getNodeName(*node);
  Value scaleV = createWeight({c}, scaleF, name + ".scale");
  Value shiftV = createWeight({c}, shiftF, name + ".shift");
  int64_t rank = shape.size();
  AffineMap identity = builder.getMultiDimIdentityMap(rank);
  AffineMap channel = AffineMap::get(rank, 0, builder.getAffineDimExpr(1));
  setOutput(
      0, generic({*x, scaleV, shiftV}, {identity, channel, channel}, shape,
                 [](OpBuilder &b, Location l, ValueRange args) {
                   Value m = arith::MulFOp::create(b, l, args[0], args[1]);
                   return arith::AddFOp::create(b, l, m, args[2]).getResult();
                 }));
  return success();
}

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

LogicalResult Importer::importMaxPool() {
  if (failed(
          checkAttributes({"auto_pad", "ceil_mode", "dilations", "kernel_shape",
                           "pads", "storage_order", "strides"})) ||
      failed(checkArity(1, 1)))
    return failure();
  FailureOr<int64_t> storageOrder = getInt("storage_order", 0);
  if (failed(storageOrder))
    return failure();
  if (*storageOrder != 0)
    return error() << "attribute 'storage_order' = " << *storageOrder
                   << " is not supported";
  FailureOr<Value> x = getInput(0);
  if (failed(x))
    return failure();
  ArrayRef<int64_t> xShape = shapeOf(*x);
  if (xShape.size() != 4)
    return error() << "only 2-D pooling (a rank-4 NCHW input) is supported";
  FailureOr<Window2D> window = readWindow(*this, xShape, {});
  if (failed(window))
    return failure();
  const Window &wh = window->dims[0], &ww = window->dims[1];
  float negInf = -std::numeric_limits<float>::infinity();
  Value padded = pad(*x, {0, 0, wh.padBegin, ww.padBegin},
                     {0, 0, wh.padEnd + ceilPadding(wh, xShape[2]),
                      ww.padEnd + ceilPadding(ww, xShape[3])},
                     negInf);
  SmallVector<int64_t> outShape = {xShape[0], xShape[1], wh.output, ww.output};
  Value init = createFilled(outShape, negInf);
  Value windowShape = tensor::EmptyOp::create(
      builder, loc, ArrayRef<int64_t>{wh.kernel, ww.kernel},
      builder.getF32Type());
  setOutput(0, linalg::PoolingNchwMaxOp::create(
                   builder, loc, TypeRange{init.getType()},
                   ValueRange{padded, windowShape}, ValueRange{init},
                   builder.getI64TensorAttr({wh.stride, ww.stride}),
                   builder.getI64TensorAttr({wh.dilation, ww.dilation}))
                   .getResult(0));
  return success();
}

/// How many of the window positions of output `o` fall inside the input
/// (`includePad`: inside the input and its declared padding, not the extra
/// ceil_mode padding), as PyTorch and ONNX divide an average.
static int64_t windowCount(const Window &w, int64_t in, int64_t o,
                           bool includePad) {
  int64_t lo = includePad ? 0 : w.padBegin;
  int64_t hi = includePad ? in + w.padBegin + w.padEnd : w.padBegin + in;
  int64_t count = 0;
  for (int64_t k = 0; k < w.kernel; ++k) {
    int64_t p = o * w.stride + k;
    count += p >= lo && p < hi;
  }
  return count;
}

LogicalResult Importer::importAveragePool() {
  if (failed(checkAttributes({"auto_pad", "ceil_mode", "count_include_pad",
                              "kernel_shape", "pads", "strides"})) ||
      failed(checkArity(1, 1)))
    return failure();
  FailureOr<int64_t> includePad = getInt("count_include_pad", 0);
  if (failed(includePad))
    return failure();
  FailureOr<Value> x = getInput(0);
  if (failed(x))
    return failure();
  ArrayRef<int64_t> xShape = shapeOf(*x);
  if (xShape.size() != 4)
    return error() << "only 2-D pooling (a rank-4 NCHW input) is supported";
  FailureOr<Window2D> window = readWindow(*this, xShape, {});
  if (failed(window))
    return failure();
  const Window &wh = window->dims[0], &ww = window->dims[1];
  Value padded = pad(*x, {0, 0, wh.padBegin, ww.padBegin},
                     {0, 0, wh.padEnd + ceilPadding(wh, xShape[2]),
                      ww.padEnd + ceilPadding(ww, xShape[3])},
                     0.0f);
  SmallVector<int64_t> outShape = {xShape[0], xShape[1], wh.output, ww.output};
  Value init = createFilled(outShape, 0.0f);
  Value windowShape = tensor::EmptyOp::create(
      builder, loc, ArrayRef<int64_t>{wh.kernel, ww.kernel},
      builder.getF32Type());
  Value sum = linalg::PoolingNchwSumOp::create(
                  builder, loc, TypeRange{init.getType()},
                  ValueRange{padded, windowShape}, ValueRange{init},
                  builder.getI64TensorAttr({wh.stride, ww.stride}),
                  builder.getI64TensorAttr({1, 1}))
                  .getResult(0);

  // The divisor of each output position; one scalar when they are all equal.
  std::vector<float> divisor;
  bool uniform = true;
  for (int64_t oh = 0; oh < wh.output; ++oh)
    for (int64_t ow = 0; ow < ww.output; ++ow) {
      divisor.push_back(
          static_cast<float>(windowCount(wh, xShape[2], oh, *includePad) *
                             windowCount(ww, xShape[3], ow, *includePad)));
      uniform &= divisor.back() == divisor.front();
    }
  if (llvm::is_contained(divisor, 0.0f))
    return error() << "a pooling window lies entirely in the padding";
  AffineMap identity = builder.getMultiDimIdentityMap(4);
  Value result;
  if (uniform) {
    float d = divisor.front();
    result = generic({sum}, {identity}, outShape,
                     [&](OpBuilder &b, Location l, ValueRange args) -> Value {
                       return arith::DivFOp::create(b, l, args[0],
                                                    createScalar(b, l, d));
                     });
  } else {
    Value divisors = createWeight({wh.output, ww.output}, divisor,
                                  getNodeName(*node) + ".divisor");
    AffineMap spatial = AffineMap::get(
        4, 0, {builder.getAffineDimExpr(2), builder.getAffineDimExpr(3)},
        context);
    result = generic({sum, divisors}, {identity, spatial}, outShape,
                     [](OpBuilder &b, Location l, ValueRange args) -> Value {
                       return arith::DivFOp::create(b, l, args[0], args[1]);
                     });
  }
  setOutput(0, result);
  return success();
}

LogicalResult Importer::importGlobalAveragePool() {
  if (failed(checkAttributes({})) || failed(checkArity(1, 1)))
    return failure();
  FailureOr<Value> x = getInput(0);
  if (failed(x))
    return failure();
  ArrayRef<int64_t> shape = shapeOf(*x);
  if (shape.size() < 3)
    return error() << "the input must have rank 3 or more (N, C, spatial)";
  SmallVector<int64_t> dims;
  int64_t count = 1;
  for (int64_t d = 2, e = shape.size(); d < e; ++d) {
    dims.push_back(d);
    count *= shape[d];
  }
  SmallVector<int64_t> reducedShape = {shape[0], shape[1]};
  Value init = createFilled(reducedShape, 0.0f);
  Value sum = linalg::ReduceOp::create(
                  builder, loc, ValueRange{*x}, ValueRange{init}, dims,
                  [](OpBuilder &b, Location l, ValueRange args) {
                    Value s = arith::AddFOp::create(b, l, args[0], args[1]);
                    linalg::YieldOp::create(b, l, s);
                  })
                  .getResult(0);
  float n = static_cast<float>(count);
  Value mean = elementwise(
      {sum}, reducedShape,
      [&](OpBuilder &b, Location l, ValueRange args) -> Value {
        return arith::DivFOp::create(b, l, args[0], createScalar(b, l, n));
      });
  SmallVector<int64_t> outShape(shape.size(), 1);
  outShape[0] = shape[0];
  outShape[1] = shape[1];
  setOutput(0, reshape(mean, outShape));
  return success();
}
