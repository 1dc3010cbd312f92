// Every model the importer cannot translate exactly is an error that names
// the node (or graph value), exit code 1, and no output file.
// The models are built by Inputs/make_models.py (make_error_models).

// RUN: not sparq-import-onnx %S/Inputs/error-unsupported-op.onnx -o %t.op.mlir 2>&1 | FileCheck %s --check-prefix=OP
// OP: error-unsupported-op.onnx: error: node 'lrn1' (LRN): unsupported operator
// RUN: %python -c "import os, sys; sys.exit(os.path.exists(sys.argv[1]))" %t.op.mlir

// RUN: not sparq-import-onnx %S/Inputs/error-unknown-attribute.onnx 2>&1 | FileCheck %s --check-prefix=ATTR
// ATTR: error: node 'relu1' (Relu): unsupported attribute 'alpha'

// RUN: not sparq-import-onnx %S/Inputs/error-attribute-value.onnx 2>&1 | FileCheck %s --check-prefix=VALUE
// VALUE: error: node 'pool1' (MaxPool): attribute 'storage_order' = 1 is not supported

// RUN: not sparq-import-onnx %S/Inputs/error-pad-mode.onnx 2>&1 | FileCheck %s --check-prefix=PAD
// PAD: error: node 'pad1' (Pad): mode 'reflect' is not supported (only 'constant')

// RUN: not sparq-import-onnx %S/Inputs/error-training-batchnorm.onnx 2>&1 | FileCheck %s --check-prefix=TRAIN
// TRAIN: error: node 'bn1' (BatchNormalization): training_mode = 1 is not supported (inference only)

// RUN: not sparq-import-onnx %S/Inputs/error-conv-3d.onnx 2>&1 | FileCheck %s --check-prefix=CONV3D
// CONV3D: error: node 'conv3d' (Conv): only 2-D convolution (a rank-4 NCHW input) is supported, got rank 5

// RUN: not sparq-import-onnx %S/Inputs/error-bad-reshape.onnx 2>&1 | FileCheck %s --check-prefix=RESHAPE
// RESHAPE: error: node 'reshape1' (Reshape): the shape has more than one -1

// RUN: not sparq-import-onnx %S/Inputs/error-matmul-broadcast.onnx 2>&1 | FileCheck %s --check-prefix=MATMUL
// MATMUL: error: node 'mm1' (MatMul): broadcasting the batch dimensions of [2, 1, 3, 4] and [3, 4, 5] is not supported

// RUN: not sparq-import-onnx %S/Inputs/error-dynamic-shape.onnx -o %t.dyn.mlir 2>&1 | FileCheck %s --check-prefix=DYNAMIC
// DYNAMIC: error-dynamic-shape.onnx: error: graph input 'x' has a dynamic dimension 0 ('batch') (only static shapes are supported; --batch=N gives a dynamic dimension 0 a size)
// RUN: %python -c "import os, sys; sys.exit(os.path.exists(sys.argv[1]))" %t.dyn.mlir

// RUN: not sparq-import-onnx %S/Inputs/error-int-input.onnx 2>&1 | FileCheck %s --check-prefix=DTYPE
// DTYPE: error: graph input 'x' has data type INT64; only float32 is supported

// RUN: not sparq-import-onnx %S/Inputs/error-output-shape.onnx 2>&1 | FileCheck %s --check-prefix=OUTSHAPE
// OUTSHAPE: error: graph output 'y' is declared as 'tensor<1x3x4x5xf32>' but computes 'tensor<1x3x4x4xf32>'

// RUN: not sparq-import-onnx %S/Inputs/error-old-opset.onnx 2>&1 | FileCheck %s --check-prefix=OPSET
// OPSET: error: ONNX opset 9 is not supported (supported: 11 to 17)

// RUN: not sparq-import-onnx %S/Inputs/error-not-onnx.onnx 2>&1 | FileCheck %s --check-prefix=BADFILE
// BADFILE: sparq-import-onnx: error: '{{.*}}error-not-onnx.onnx' is not a valid ONNX model (protobuf parsing failed)

// RUN: not sparq-import-onnx %t.does-not-exist.onnx 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: sparq-import-onnx: error: cannot read '{{.*}}does-not-exist.onnx': No such file or directory

// RUN: not sparq-import-onnx %S/Inputs/lenet.onnx --batch=-2 2>&1 | FileCheck %s --check-prefix=BATCH
// BATCH: sparq-import-onnx: error: --batch must be positive
