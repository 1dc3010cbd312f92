//===- Importer.h - The state of one ONNX import ----------------*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// Private to lib/Target/ONNX: the importer walks the graph in order and
// calls one `import<Op>` member per node; the members live in files grouped
// by operator family (ConvOps.cpp, MatmulOps.cpp, ElementwiseOps.cpp,
// ShapeOps.cpp, ShapeArithmetic.cpp) and share the helpers declared here.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_LIB_TARGET_ONNX_IMPORTER_H
#define SPARQ_LIB_TARGET_ONNX_IMPORTER_H

#include "sparq/Target/ONNX/ImportONNX.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

#include <deque>
#include <optional>

namespace sparq::onnx {

/// Builds the body of an elementwise linalg.generic: scalar inputs in,
/// scalar result out.
using ScalarBody = llvm::function_ref<mlir::Value(
    mlir::OpBuilder &, mlir::Location, mlir::ValueRange)>;

class Importer {
public:
  Importer(const Model &model, mlir::MLIRContext *context,
           const ImportOptions &options);

  /// Runs the import; null after an error (already reported).
  mlir::OwningOpRef<mlir::ModuleOp> run();

  //===--------------------------------------------------------------------===//
  // The node being imported
  //===--------------------------------------------------------------------===//

  /// An error about the current node: "node 'NAME' (OpType): ...".
  mlir::InFlightDiagnostic error();
  /// Fails unless every attribute of the node is in `known`.
  mlir::LogicalResult checkAttributes(llvm::ArrayRef<llvm::StringRef> known);
  /// Fails unless the node has between `min` and `max` inputs (missing
  /// optional inputs count) and exactly the given outputs in use.
  mlir::LogicalResult checkArity(unsigned minInputs, unsigned maxInputs,
                                 unsigned outputs = 1);

  /// True when input `i` is present (not omitted, not an empty name).
  bool hasInput(unsigned i) const;
  /// Input `i` as a statically shaped f32 tensor (materializing a constant
  /// initializer on first use); fails with an error otherwise.
  mlir::FailureOr<mlir::Value> getInput(unsigned i);
  /// The constant data of input `i` (an initializer or a Constant node
  /// output), or nullptr.
  const Tensor *getConstantInput(unsigned i) const;
  /// Input `i` read as constant integers (int32 / int64); fails with an
  /// error naming `what` when it is not a constant integer tensor.
  mlir::FailureOr<llvm::SmallVector<int64_t>>
  getConstantIntegers(unsigned i, llvm::StringRef what);
  /// Input `i` read as one constant float (a one-element f32 tensor).
  mlir::FailureOr<float> getConstantScalar(unsigned i, llvm::StringRef what);
  /// Input `i` as constant f32 data with its shape, or failure (no error).
  const Tensor *getConstantFloats(unsigned i) const;

  /// Attribute accessors: the default when absent, an error when the
  /// attribute has another kind.
  mlir::FailureOr<int64_t> getInt(llvm::StringRef name, int64_t dflt);
  mlir::FailureOr<float> getFloat(llvm::StringRef name, float dflt);
  mlir::FailureOr<std::string> getString(llvm::StringRef name,
                                         llvm::StringRef dflt);
  mlir::FailureOr<llvm::SmallVector<int64_t>>
  getInts(llvm::StringRef name, llvm::ArrayRef<int64_t> dflt);

  /// Binds output `i` of the current node to `value`.
  void setOutput(unsigned i, mlir::Value value);

  /// Normalizes a possibly negative `axis` of a rank-`rank` tensor; fails
  /// with an error when out of range.
  mlir::FailureOr<int64_t> normalizeAxis(int64_t axis, int64_t rank,
                                         llvm::StringRef what = "axis");

  //===--------------------------------------------------------------------===//
  // IR helpers
  //===--------------------------------------------------------------------===//

  mlir::RankedTensorType getF32Type(llvm::ArrayRef<int64_t> shape);
  static llvm::ArrayRef<int64_t> shapeOf(mlir::Value value);

  /// An f32 constant tensor holding `data` (row-major) as a dense_resource
  /// blob named after `name`, at the top of the function, located at
  /// `loc(name)`.
  mlir::Value createWeight(llvm::ArrayRef<int64_t> shape,
                           llvm::ArrayRef<float> data, llvm::StringRef name);
  /// An f32 scalar constant.
  mlir::Value createScalar(mlir::OpBuilder &b, mlir::Location loc, float v);
  /// A tensor of `shape` filled with `value`.
  mlir::Value createFilled(llvm::ArrayRef<int64_t> shape, float value);

  /// Reshapes `value` (same number of elements) with collapse_shape /
  /// expand_shape through a 1-D tensor.
  mlir::Value reshape(mlir::Value value, llvm::ArrayRef<int64_t> shape);
  /// Pads the dimensions of `value` with `low` / `high` copies of `padValue`.
  mlir::Value pad(mlir::Value value, llvm::ArrayRef<int64_t> low,
                  llvm::ArrayRef<int64_t> high, float padValue);
  /// linalg.transpose of `value` by `perm`.
  mlir::Value transpose(mlir::Value value, llvm::ArrayRef<int64_t> perm);

  /// The numpy broadcast of two shapes; fails with an error when they are
  /// incompatible.
  mlir::FailureOr<llvm::SmallVector<int64_t>>
  broadcastShapes(llvm::ArrayRef<int64_t> a, llvm::ArrayRef<int64_t> b);
  /// An elementwise linalg.generic of `outShape` over `inputs` with numpy
  /// broadcasting (each input's shape must broadcast to `outShape`).
  mlir::Value elementwise(mlir::ValueRange inputs,
                          llvm::ArrayRef<int64_t> outShape, ScalarBody body);
  /// A linalg.generic of `outShape` reading each input through its own
  /// projection `maps[i]` of the output iteration space.
  mlir::Value generic(mlir::ValueRange inputs,
                      llvm::ArrayRef<mlir::AffineMap> maps,
                      llvm::ArrayRef<int64_t> outShape, ScalarBody body);

  //===--------------------------------------------------------------------===//
  // Operators (one member per ONNX op type)
  //===--------------------------------------------------------------------===//

  mlir::LogicalResult importConv();
  mlir::LogicalResult importBatchNormalization();
  mlir::LogicalResult importMaxPool();
  mlir::LogicalResult importAveragePool();
  mlir::LogicalResult importGlobalAveragePool();
  mlir::LogicalResult importGemm();
  mlir::LogicalResult importMatMul();
  mlir::LogicalResult importBinary();
  mlir::LogicalResult importUnary();
  mlir::LogicalResult importClip();
  mlir::LogicalResult importSoftmax();
  mlir::LogicalResult importFlatten();
  mlir::LogicalResult importReshape();
  mlir::LogicalResult importTranspose();
  mlir::LogicalResult importConcat();
  mlir::LogicalResult importPad();
  mlir::LogicalResult importIdentity();
  mlir::LogicalResult importConstant();
  // Shape arithmetic on integer constants (ShapeArithmetic.cpp).
  mlir::LogicalResult importShape();
  mlir::LogicalResult importGather();
  mlir::LogicalResult importUnsqueeze();
  mlir::LogicalResult importSqueeze();
  mlir::LogicalResult importConstantConcat();
  mlir::LogicalResult importCast();

  /// Binds output `i` of the current node to constant data.
  void defineConstant(unsigned i, Tensor tensor);
  /// True when input `i` is a constant int32 / int64 tensor.
  bool isConstantInteger(unsigned i) const;
  /// The axes of Squeeze / Unsqueeze (attribute or input by opset).
  mlir::FailureOr<llvm::SmallVector<int64_t>> getAxes(bool required);
  /// Input 0 reshaped to `shape` (constant data or an f32 value).
  mlir::LogicalResult reshapeInput(llvm::ArrayRef<int64_t> shape);
  /// The shape of input `i`, constant or computed.
  mlir::FailureOr<llvm::SmallVector<int64_t>> getInputShape(unsigned i);

  /// The Constant node's value as a tensor (value, value_float(s),
  /// value_int(s)); fails with an error for other forms.
  mlir::FailureOr<Tensor> readConstantNode(const Node &node);

  const Model &model;
  const ImportOptions &options;
  mlir::MLIRContext *context;
  mlir::OpBuilder builder;
  /// The node being imported and its location.
  const Node *node = nullptr;
  mlir::Location loc;

  /// ONNX value name -> SSA value.
  llvm::StringMap<mlir::Value> values;
  /// ONNX value name -> constant data (initializers and Constant outputs).
  llvm::StringMap<const Tensor *> constants;
  /// Tensors made by the importer (Constant node values).
  std::deque<Tensor> ownedTensors;
  /// How many node inputs and graph outputs name each value.
  llvm::StringMap<unsigned> useCounts;
  /// Conv node -> the BatchNormalization node folded into it.
  llvm::DenseMap<const Node *, const Node *> foldedBatchNorm;
  /// BatchNormalization nodes already folded into their Conv.
  llvm::DenseSet<const Node *> foldedAway;
  /// The last weight constant created (weights go first, in order).
  mlir::Operation *lastWeight = nullptr;

private:
  mlir::LogicalResult importNode(const Node &node);
  mlir::LogicalResult findBatchNormFolds();
  mlir::FailureOr<mlir::RankedTensorType>
  getGraphValueType(const ValueInfo &info, llvm::StringRef kind);
};

/// A readable name for a node: its name, else its first output.
std::string getNodeName(const Node &node);

} // namespace sparq::onnx

#endif // SPARQ_LIB_TARGET_ONNX_IMPORTER_H
