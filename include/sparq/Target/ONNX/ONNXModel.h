//===- ONNXModel.h - An ONNX model as plain C++ data ------------*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// The importer reads an ONNX file with ONNX's own protobuf classes
// (libonnx_proto) into these plain structs, so that only one translation
// unit (ReadModel.cpp) sees protobuf headers and the MLIR side sees neither
// protobuf nor its exception / RTTI requirements.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_TARGET_ONNX_ONNXMODEL_H
#define SPARQ_TARGET_ONNX_ONNXMODEL_H

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <string>
#include <vector>

namespace sparq::onnx {

/// ONNX TensorProto.DataType values the importer knows by name.
enum DataType : int32_t {
  kUndefined = 0,
  kFloat = 1,
  kUInt8 = 2,
  kInt8 = 3,
  kInt32 = 6,
  kInt64 = 7,
  kBool = 9,
  kFloat16 = 10,
  kDouble = 11,
};

/// The name of an ONNX data type ("float", "int64", ...), for diagnostics.
const char *getDataTypeName(int32_t dataType);

/// A tensor (initializer or attribute value). `data` holds the elements
/// row-major in little-endian storage of the element type for float, int32
/// and int64 tensors; it is empty for other types (`supported` is false).
struct Tensor {
  std::string name;
  int32_t dataType = kUndefined;
  std::vector<int64_t> dims;
  std::vector<char> data;
  /// False when the element type is not float / int32 / int64, or the data
  /// is stored outside the model file (`why` says which).
  bool supported = true;
  std::string why;

  int64_t getNumElements() const;
};

/// A node attribute; only the member of its `kind` is meaningful.
struct NodeAttribute {
  enum Kind { Float, Int, String, Tensor, Floats, Ints, Strings, Other };
  std::string name;
  Kind kind = Other;
  float f = 0;
  int64_t i = 0;
  std::string s;
  sparq::onnx::Tensor t;
  std::vector<float> floats;
  std::vector<int64_t> ints;
};

/// A graph node. Missing optional inputs are empty strings, as in ONNX.
struct Node {
  std::string name, opType, domain;
  std::vector<std::string> inputs, outputs;
  std::vector<NodeAttribute> attributes;

  /// The attribute called `name`, or nullptr.
  const NodeAttribute *getAttribute(llvm::StringRef name) const;
};

/// A graph input or output: its element type and shape. A dimension is -1
/// when it is symbolic or unknown; `hasShape` is false without any shape.
struct ValueInfo {
  std::string name;
  int32_t dataType = kUndefined;
  bool hasShape = false;
  std::vector<int64_t> dims;
  std::vector<std::string> dimNames;
};

/// The main graph of a model.
struct Graph {
  std::string name;
  std::vector<Node> nodes;
  std::vector<Tensor> initializers;
  std::vector<ValueInfo> inputs, outputs;
};

/// A model: its graph and the opset of the default ("" / "ai.onnx") domain.
struct Model {
  int64_t irVersion = 0;
  int64_t opsetVersion = 0;
  std::string producerName, producerVersion;
  /// Opsets imported from other domains ("domain:version"), for diagnostics.
  std::vector<std::string> otherOpsets;
  Graph graph;
};

/// Reads the ONNX file at `path` into `model`. Returns false and sets
/// `error` when the file cannot be read or is not a valid ModelProto.
bool readModel(llvm::StringRef path, Model &model, std::string &error);

/// Like `readModel`, for a serialized ModelProto in memory.
bool parseModel(llvm::StringRef bytes, Model &model, std::string &error);

} // namespace sparq::onnx

#endif // SPARQ_TARGET_ONNX_ONNXMODEL_H
