//===- ReadModel.cpp - Reading an ONNX file with ONNX's protobuf classes --===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// The only translation unit that includes protobuf headers: it parses the
// file with onnx::ModelProto (Debian's libonnx_proto) and copies what the
// importer needs into the plain structs of ONNXModel.h. Protobuf's generated
// code and runtime report failure by return value, so this file builds with
// LLVM's -fno-exceptions like the rest of SparQ.
//
//===----------------------------------------------------------------------===//

#include "sparq/Target/ONNX/ONNXModel.h"

#include "onnx/onnx_pb.h"

#include "llvm/Support/MemoryBuffer.h"

#include <climits>
#include <cstring>

using namespace sparq::onnx;

const char *sparq::onnx::getDataTypeName(int32_t dataType) {
  if (!::onnx::TensorProto_DataType_IsValid(dataType))
    return "unknown";
  // TensorProto_DataType_Name returns a reference to a static string.
  return ::onnx::TensorProto_DataType_Name(
             static_cast<::onnx::TensorProto_DataType>(dataType))
      .c_str();
}

int64_t Tensor::getNumElements() const {
  int64_t n = 1;
  for (int64_t d : dims)
    n *= d;
  return n;
}

const NodeAttribute *Node::getAttribute(llvm::StringRef name) const {
  for (const NodeAttribute &attr : attributes)
    if (attr.name == name)
      return &attr;
  return nullptr;
}

/// Appends the little-endian bytes of `values` to `data`.
template <typename T, typename Range>
static void appendAs(std::vector<char> &data, const Range &values) {
  for (auto v : values) {
    T x = static_cast<T>(v);
    const char *p = reinterpret_cast<const char *>(&x);
    data.insert(data.end(), p, p + sizeof(T));
  }
}

static Tensor convertTensor(const ::onnx::TensorProto &proto) {
  Tensor tensor;
  tensor.name = proto.name();
  tensor.dataType = proto.data_type();
  tensor.dims.assign(proto.dims().begin(), proto.dims().end());
  if (proto.data_location() == ::onnx::TensorProto::EXTERNAL) {
    tensor.supported = false;
    tensor.why = "its data is stored in an external file";
    return tensor;
  }
  size_t elementSize = 0;
  switch (tensor.dataType) {
  case kFloat:
  case kInt32:
    elementSize = 4;
    break;
  case kInt64:
    elementSize = 8;
    break;
  default:
    tensor.supported = false;
    tensor.why =
        std::string("its data type is ") + getDataTypeName(tensor.dataType);
    return tensor;
  }
  for (int64_t d : tensor.dims)
    if (d < 0) {
      tensor.supported = false;
      tensor.why = "it has a negative dimension";
      return tensor;
    }
  size_t expected = static_cast<size_t>(tensor.getNumElements()) * elementSize;
  if (proto.has_raw_data()) {
    const std::string &raw = proto.raw_data();
    tensor.data.assign(raw.begin(), raw.end());
  } else if (tensor.dataType == kFloat) {
    appendAs<float>(tensor.data, proto.float_data());
  } else if (tensor.dataType == kInt32) {
    appendAs<int32_t>(tensor.data, proto.int32_data());
  } else {
    appendAs<int64_t>(tensor.data, proto.int64_data());
  }
  if (tensor.data.size() != expected) {
    tensor.supported = false;
    tensor.why = "it holds " + std::to_string(tensor.data.size()) +
                 " bytes of data for " + std::to_string(expected) +
                 " bytes of elements";
    tensor.data.clear();
  }
  return tensor;
}

static ValueInfo convertValueInfo(const ::onnx::ValueInfoProto &proto) {
  ValueInfo info;
  info.name = proto.name();
  if (!proto.has_type() || !proto.type().has_tensor_type())
    return info;
  const ::onnx::TypeProto_Tensor &tensorType = proto.type().tensor_type();
  info.dataType = tensorType.elem_type();
  if (!tensorType.has_shape())
    return info;
  info.hasShape = true;
  for (const ::onnx::TensorShapeProto_Dimension &dim :
       tensorType.shape().dim()) {
    info.dims.push_back(dim.has_dim_value() ? dim.dim_value() : -1);
    info.dimNames.push_back(dim.has_dim_param() ? dim.dim_param() : "");
  }
  return info;
}

static NodeAttribute convertAttribute(const ::onnx::AttributeProto &proto) {
  NodeAttribute attr;
  attr.name = proto.name();
  switch (proto.type()) {
  case ::onnx::AttributeProto::FLOAT:
    attr.kind = NodeAttribute::Float;
    attr.f = proto.f();
    break;
  case ::onnx::AttributeProto::INT:
    attr.kind = NodeAttribute::Int;
    attr.i = proto.i();
    break;
  case ::onnx::AttributeProto::STRING:
    attr.kind = NodeAttribute::String;
    attr.s = proto.s();
    break;
  case ::onnx::AttributeProto::TENSOR:
    attr.kind = NodeAttribute::Tensor;
    attr.t = convertTensor(proto.t());
    break;
  case ::onnx::AttributeProto::FLOATS:
    attr.kind = NodeAttribute::Floats;
    attr.floats.assign(proto.floats().begin(), proto.floats().end());
    break;
  case ::onnx::AttributeProto::INTS:
    attr.kind = NodeAttribute::Ints;
    attr.ints.assign(proto.ints().begin(), proto.ints().end());
    break;
  case ::onnx::AttributeProto::STRINGS:
    attr.kind = NodeAttribute::Strings;
    break;
  default:
    attr.kind = NodeAttribute::Other;
    break;
  }
  return attr;
}

bool sparq::onnx::parseModel(llvm::StringRef bytes, Model &model,
                             std::string &error) {
  if (bytes.size() > static_cast<size_t>(INT_MAX)) {
    error = "the model is larger than 2 GiB, which protobuf cannot parse";
    return false;
  }
  ::onnx::ModelProto proto;
  if (!proto.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    error = "not a valid ONNX model (protobuf parsing failed)";
    return false;
  }
  if (!proto.has_graph()) {
    error = "not a valid ONNX model (no graph)";
    return false;
  }
  model.irVersion = proto.ir_version();
  model.producerName = proto.producer_name();
  model.producerVersion = proto.producer_version();
  for (const ::onnx::OperatorSetIdProto &opset : proto.opset_import()) {
    if (opset.domain().empty() || opset.domain() == "ai.onnx")
      model.opsetVersion = opset.version();
    else
      model.otherOpsets.push_back(opset.domain() + ":" +
                                  std::to_string(opset.version()));
  }

  const ::onnx::GraphProto &graphProto = proto.graph();
  Graph &graph = model.graph;
  graph.name = graphProto.name();
  for (const ::onnx::TensorProto &init : graphProto.initializer())
    graph.initializers.push_back(convertTensor(init));
  for (const ::onnx::ValueInfoProto &input : graphProto.input())
    graph.inputs.push_back(convertValueInfo(input));
  for (const ::onnx::ValueInfoProto &output : graphProto.output())
    graph.outputs.push_back(convertValueInfo(output));
  for (const ::onnx::NodeProto &nodeProto : graphProto.node()) {
    Node node;
    node.name = nodeProto.name();
    node.opType = nodeProto.op_type();
    node.domain = nodeProto.domain();
    node.inputs.assign(nodeProto.input().begin(), nodeProto.input().end());
    node.outputs.assign(nodeProto.output().begin(), nodeProto.output().end());
    for (const ::onnx::AttributeProto &attr : nodeProto.attribute())
      node.attributes.push_back(convertAttribute(attr));
    graph.nodes.push_back(std::move(node));
  }
  return true;
}

bool sparq::onnx::readModel(llvm::StringRef path, Model &model,
                            std::string &error) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      llvm::MemoryBuffer::getFileOrSTDIN(path, /*IsText=*/false);
  if (std::error_code ec = buffer.getError()) {
    error = "cannot read '" + path.str() + "': " + ec.message();
    return false;
  }
  if (!parseModel((*buffer)->getBuffer(), model, error)) {
    error = "'" + path.str() + "' is " + error;
    return false;
  }
  return true;
}
