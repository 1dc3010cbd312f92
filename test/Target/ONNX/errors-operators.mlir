// Operator-specific errors of the importer: unsupported attribute values,
// shapes and operand kinds, each naming the node, exit code 1. The models
// are built with onnx.helper by Inputs/make_models.py (make_error_models).

// RUN: not sparq-import-onnx %S/Inputs/errors/add-broadcast.onnx 2>&1 | FileCheck %s --check-prefix=ADD-BROADCAST
// ADD-BROADCAST: add-broadcast.onnx: error: node 'n1' (Add): input shapes [2, 3] and [4] do not broadcast

// RUN: not sparq-import-onnx %S/Inputs/errors/avgpool-dilations.onnx 2>&1 | FileCheck %s --check-prefix=AVGPOOL-DILATIONS
// AVGPOOL-DILATIONS: avgpool-dilations.onnx: error: node 'n1' (AveragePool): unsupported attribute 'dilations'

// RUN: not sparq-import-onnx %S/Inputs/errors/avgpool-rank.onnx 2>&1 | FileCheck %s --check-prefix=AVGPOOL-RANK
// AVGPOOL-RANK: avgpool-rank.onnx: error: node 'n1' (AveragePool): only 2-D pooling (a rank-4 NCHW input) is supported

// RUN: not sparq-import-onnx %S/Inputs/errors/avgpool-window-in-padding.onnx 2>&1 | FileCheck %s --check-prefix=AVGPOOL-WINDOW-IN-PADDING
// AVGPOOL-WINDOW-IN-PADDING: avgpool-window-in-padding.onnx: error: node 'n1' (AveragePool): a pooling window lies entirely in the padding

// RUN: not sparq-import-onnx %S/Inputs/errors/batchnorm-dynamic-stats.onnx 2>&1 | FileCheck %s --check-prefix=BATCHNORM-DYNAMIC-STATS
// BATCHNORM-DYNAMIC-STATS: batchnorm-dynamic-stats.onnx: error: node 'n1' (BatchNormalization): scale, bias, mean and variance must be float32 constants

// RUN: not sparq-import-onnx %S/Inputs/errors/batchnorm-rank.onnx 2>&1 | FileCheck %s --check-prefix=BATCHNORM-RANK
// BATCHNORM-RANK: batchnorm-rank.onnx: error: node 'n1' (BatchNormalization): the input must have rank 2 or more

// RUN: not sparq-import-onnx %S/Inputs/errors/batchnorm-stats-shape.onnx 2>&1 | FileCheck %s --check-prefix=BATCHNORM-STATS-SHAPE
// BATCHNORM-STATS-SHAPE: batchnorm-stats-shape.onnx: error: node 'n1' (BatchNormalization): input 4 must have shape [3]

// RUN: not sparq-import-onnx %S/Inputs/errors/batchnorm-training.onnx 2>&1 | FileCheck %s --check-prefix=BATCHNORM-TRAINING
// BATCHNORM-TRAINING: batchnorm-training.onnx: error: node 'n1' (BatchNormalization): training_mode = 1 is not supported (inference only)

// RUN: not sparq-import-onnx %S/Inputs/errors/cast-int.onnx 2>&1 | FileCheck %s --check-prefix=CAST-INT
// CAST-INT: cast-int.onnx: error: node 'n1' (Cast): Cast to INT32 is not supported (only float32 tensors are)

// RUN: not sparq-import-onnx %S/Inputs/errors/clip-bound-shape.onnx 2>&1 | FileCheck %s --check-prefix=CLIP-BOUND-SHAPE
// CLIP-BOUND-SHAPE: clip-bound-shape.onnx: error: node 'n1' (Clip): the minimum must be one float32 value

// RUN: not sparq-import-onnx %S/Inputs/errors/clip-dynamic-bound.onnx 2>&1 | FileCheck %s --check-prefix=CLIP-DYNAMIC-BOUND
// CLIP-DYNAMIC-BOUND: clip-dynamic-bound.onnx: error: node 'n1' (Clip): the minimum (input 1) must be a constant (initializer or Constant node)

// RUN: not sparq-import-onnx %S/Inputs/errors/concat-axis.onnx 2>&1 | FileCheck %s --check-prefix=CONCAT-AXIS
// CONCAT-AXIS: concat-axis.onnx: error: node 'n1' (Concat): axis 7 is out of range for rank 4

// RUN: not sparq-import-onnx %S/Inputs/errors/concat-int-axis.onnx 2>&1 | FileCheck %s --check-prefix=CONCAT-INT-AXIS
// CONCAT-INT-AXIS: concat-int-axis.onnx: error: node 'n1' (Concat): axis 1 is out of range for rank 1

// RUN: not sparq-import-onnx %S/Inputs/errors/concat-int-rank.onnx 2>&1 | FileCheck %s --check-prefix=CONCAT-INT-RANK
// CONCAT-INT-RANK: concat-int-rank.onnx: error: node 'n1' (Concat): only rank-1 integer constants can be concatenated

// RUN: not sparq-import-onnx %S/Inputs/errors/concat-no-axis.onnx 2>&1 | FileCheck %s --check-prefix=CONCAT-NO-AXIS
// CONCAT-NO-AXIS: concat-no-axis.onnx: error: node 'n1' (Concat): attribute 'axis' is required

// RUN: not sparq-import-onnx %S/Inputs/errors/concat-shapes.onnx 2>&1 | FileCheck %s --check-prefix=CONCAT-SHAPES
// CONCAT-SHAPES: concat-shapes.onnx: error: node 'n1' (Concat): input shapes [1, 3, 4, 4] and [1, 3, 5, 4] do not concatenate along axis 1

// RUN: not sparq-import-onnx %S/Inputs/errors/constant-sparse.onnx 2>&1 | FileCheck %s --check-prefix=CONSTANT-SPARSE
// CONSTANT-SPARSE: constant-sparse.onnx: error: node 'c1' (Constant): unsupported attribute 'sparse_value'

// RUN: not sparq-import-onnx %S/Inputs/errors/constant-two-values.onnx 2>&1 | FileCheck %s --check-prefix=CONSTANT-TWO-VALUES
// CONSTANT-TWO-VALUES: constant-two-values.onnx: error: node 'c1' (Constant): expected exactly one value attribute

// RUN: not sparq-import-onnx %S/Inputs/errors/conv-3d.onnx 2>&1 | FileCheck %s --check-prefix=CONV-3D
// CONV-3D: conv-3d.onnx: error: node 'n1' (Conv): only 2-D convolution (a rank-4 NCHW input) is supported, got rank 5

// RUN: not sparq-import-onnx %S/Inputs/errors/conv-auto-pad.onnx 2>&1 | FileCheck %s --check-prefix=CONV-AUTO-PAD
// CONV-AUTO-PAD: conv-auto-pad.onnx: error: node 'n1' (Conv): attribute 'auto_pad' = 'FOO' is not supported

// RUN: not sparq-import-onnx %S/Inputs/errors/conv-bias-shape.onnx 2>&1 | FileCheck %s --check-prefix=CONV-BIAS-SHAPE
// CONV-BIAS-SHAPE: conv-bias-shape.onnx: error: node 'n1' (Conv): the bias must have shape [2]

// RUN: not sparq-import-onnx %S/Inputs/errors/conv-filter-rank.onnx 2>&1 | FileCheck %s --check-prefix=CONV-FILTER-RANK
// CONV-FILTER-RANK: conv-filter-rank.onnx: error: node 'n1' (Conv): the filter must have rank 4 (FCHW), got rank 3

// RUN: not sparq-import-onnx %S/Inputs/errors/conv-group.onnx 2>&1 | FileCheck %s --check-prefix=CONV-GROUP
// CONV-GROUP: conv-group.onnx: error: node 'n1' (Conv): group 2 does not fit 3 input channels and a filter of shape [2, 3, 3, 3]

// RUN: not sparq-import-onnx %S/Inputs/errors/conv-kernel-shape.onnx 2>&1 | FileCheck %s --check-prefix=CONV-KERNEL-SHAPE
// CONV-KERNEL-SHAPE: conv-kernel-shape.onnx: error: node 'n1' (Conv): attribute 'kernel_shape' [2, 2] does not match the filter's [3, 3]

// RUN: not sparq-import-onnx %S/Inputs/errors/conv-negative-pads.onnx 2>&1 | FileCheck %s --check-prefix=CONV-NEGATIVE-PADS
// CONV-NEGATIVE-PADS: conv-negative-pads.onnx: error: node 'n1' (Conv): attribute 'pads' must not be negative

// RUN: not sparq-import-onnx %S/Inputs/errors/conv-stride-zero.onnx 2>&1 | FileCheck %s --check-prefix=CONV-STRIDE-ZERO
// CONV-STRIDE-ZERO: conv-stride-zero.onnx: error: node 'n1' (Conv): kernel sizes, strides and dilations must be positive

// RUN: not sparq-import-onnx %S/Inputs/errors/conv-strides-length.onnx 2>&1 | FileCheck %s --check-prefix=CONV-STRIDES-LENGTH
// CONV-STRIDES-LENGTH: conv-strides-length.onnx: error: node 'n1' (Conv): strides and dilations need 2 values and pads 4 (only 2-D windows are supported)

// RUN: not sparq-import-onnx %S/Inputs/errors/conv-window-too-large.onnx 2>&1 | FileCheck %s --check-prefix=CONV-WINDOW-TOO-LARGE
// CONV-WINDOW-TOO-LARGE: conv-window-too-large.onnx: error: node 'n1' (Conv): the window (5) is larger than the padded input (4)

// RUN: not sparq-import-onnx %S/Inputs/errors/dropout-training.onnx 2>&1 | FileCheck %s --check-prefix=DROPOUT-TRAINING
// DROPOUT-TRAINING: dropout-training.onnx: error: node 'n1' (Dropout): the training_mode input is not supported

// RUN: not sparq-import-onnx %S/Inputs/errors/flatten-axis.onnx 2>&1 | FileCheck %s --check-prefix=FLATTEN-AXIS
// FLATTEN-AXIS: flatten-axis.onnx: error: node 'n1' (Flatten): axis 5 is out of range for rank 4

// RUN: not sparq-import-onnx %S/Inputs/errors/gather-float.onnx 2>&1 | FileCheck %s --check-prefix=GATHER-FLOAT
// GATHER-FLOAT: gather-float.onnx: error: node 'n1' (Gather): only Gather of constant integer data (shape arithmetic) is supported

// RUN: not sparq-import-onnx %S/Inputs/errors/gather-index.onnx 2>&1 | FileCheck %s --check-prefix=GATHER-INDEX
// GATHER-INDEX: gather-index.onnx: error: node 'gather' (Gather): index 7 is out of range [-4, 4)

// RUN: not sparq-import-onnx %S/Inputs/errors/gemm-b-rank.onnx 2>&1 | FileCheck %s --check-prefix=GEMM-B-RANK
// GEMM-B-RANK: gemm-b-rank.onnx: error: node 'n1' (Gemm): input B must have rank 2

// RUN: not sparq-import-onnx %S/Inputs/errors/gemm-c-shape.onnx 2>&1 | FileCheck %s --check-prefix=GEMM-C-SHAPE
// GEMM-C-SHAPE: gemm-c-shape.onnx: error: node 'n1' (Gemm): input shapes [2, 5] and [3, 5] do not broadcast

// RUN: not sparq-import-onnx %S/Inputs/errors/gemm-rank.onnx 2>&1 | FileCheck %s --check-prefix=GEMM-RANK
// GEMM-RANK: gemm-rank.onnx: error: node 'n1' (Gemm): input A must have rank 2

// RUN: not sparq-import-onnx %S/Inputs/errors/gemm-shapes.onnx 2>&1 | FileCheck %s --check-prefix=GEMM-SHAPES
// GEMM-SHAPES: gemm-shapes.onnx: error: node 'n1' (Gemm): A' [2, 4] and B' [3, 5] do not multiply

// RUN: not sparq-import-onnx %S/Inputs/errors/globalpool-rank.onnx 2>&1 | FileCheck %s --check-prefix=GLOBALPOOL-RANK
// GLOBALPOOL-RANK: globalpool-rank.onnx: error: node 'n1' (GlobalAveragePool): the input must have rank 3 or more (N, C, spatial)

// RUN: not sparq-import-onnx %S/Inputs/errors/matmul-broadcast.onnx 2>&1 | FileCheck %s --check-prefix=MATMUL-BROADCAST
// MATMUL-BROADCAST: matmul-broadcast.onnx: error: node 'n1' (MatMul): broadcasting the batch dimensions of [2, 1, 3, 4] and [3, 4, 5] is not supported

// RUN: not sparq-import-onnx %S/Inputs/errors/matmul-scalar.onnx 2>&1 | FileCheck %s --check-prefix=MATMUL-SCALAR
// MATMUL-SCALAR: matmul-scalar.onnx: error: node 'n1' (MatMul): MatMul of a rank-0 tensor is not defined

// RUN: not sparq-import-onnx %S/Inputs/errors/matmul-shapes.onnx 2>&1 | FileCheck %s --check-prefix=MATMUL-SHAPES
// MATMUL-SHAPES: matmul-shapes.onnx: error: node 'n1' (MatMul): shapes [2, 4] and [3, 5] do not multiply

// RUN: not sparq-import-onnx %S/Inputs/errors/maxpool-3d.onnx 2>&1 | FileCheck %s --check-prefix=MAXPOOL-3D
// MAXPOOL-3D: maxpool-3d.onnx: error: node 'n1' (MaxPool): only 2-D pooling (a rank-4 NCHW input) is supported

// RUN: not sparq-import-onnx %S/Inputs/errors/maxpool-ceil-mode.onnx 2>&1 | FileCheck %s --check-prefix=MAXPOOL-CEIL-MODE
// MAXPOOL-CEIL-MODE: maxpool-ceil-mode.onnx: error: node 'n1' (MaxPool): attribute 'ceil_mode' must be 0 or 1

// RUN: not sparq-import-onnx %S/Inputs/errors/maxpool-no-kernel.onnx 2>&1 | FileCheck %s --check-prefix=MAXPOOL-NO-KERNEL
// MAXPOOL-NO-KERNEL: maxpool-no-kernel.onnx: error: node 'n1' (MaxPool): attribute 'kernel_shape' is required and must have 2 values

// RUN: not sparq-import-onnx %S/Inputs/errors/maxpool-storage-order.onnx 2>&1 | FileCheck %s --check-prefix=MAXPOOL-STORAGE-ORDER
// MAXPOOL-STORAGE-ORDER: maxpool-storage-order.onnx: error: node 'n1' (MaxPool): attribute 'storage_order' = 1 is not supported

// RUN: not sparq-import-onnx %S/Inputs/errors/pad-length.onnx 2>&1 | FileCheck %s --check-prefix=PAD-LENGTH
// PAD-LENGTH: pad-length.onnx: error: node 'n1' (Pad): pads has 4 values for rank 4 (expected 8)

// RUN: not sparq-import-onnx %S/Inputs/errors/pad-mode.onnx 2>&1 | FileCheck %s --check-prefix=PAD-MODE
// PAD-MODE: pad-mode.onnx: error: node 'n1' (Pad): mode 'reflect' is not supported (only 'constant')

// RUN: not sparq-import-onnx %S/Inputs/errors/pad-negative.onnx 2>&1 | FileCheck %s --check-prefix=PAD-NEGATIVE
// PAD-NEGATIVE: pad-negative.onnx: error: node 'n1' (Pad): negative pads are not supported

// RUN: not sparq-import-onnx %S/Inputs/errors/reshape-allowzero.onnx 2>&1 | FileCheck %s --check-prefix=RESHAPE-ALLOWZERO
// RESHAPE-ALLOWZERO: reshape-allowzero.onnx: error: node 'n1' (Reshape): shape entry 0 = 0 is not supported

// RUN: not sparq-import-onnx %S/Inputs/errors/reshape-copy-rank.onnx 2>&1 | FileCheck %s --check-prefix=RESHAPE-COPY-RANK
// RESHAPE-COPY-RANK: reshape-copy-rank.onnx: error: node 'n1' (Reshape): shape entry 4 is 0 (copy) but the input has rank 4

// RUN: not sparq-import-onnx %S/Inputs/errors/reshape-count.onnx 2>&1 | FileCheck %s --check-prefix=RESHAPE-COUNT
// RESHAPE-COUNT: reshape-count.onnx: error: node 'n1' (Reshape): cannot reshape [1, 3, 4, 4] (48 elements) to [5, 5]

// RUN: not sparq-import-onnx %S/Inputs/errors/reshape-dynamic-shape.onnx 2>&1 | FileCheck %s --check-prefix=RESHAPE-DYNAMIC-SHAPE
// RESHAPE-DYNAMIC-SHAPE: reshape-dynamic-shape.onnx: error: graph input 's' has data type INT64; only float32 is supported

// RUN: not sparq-import-onnx %S/Inputs/errors/reshape-float-shape.onnx 2>&1 | FileCheck %s --check-prefix=RESHAPE-FLOAT-SHAPE
// RESHAPE-FLOAT-SHAPE: reshape-float-shape.onnx: error: node 'n1' (Reshape): the shape must be int64, not FLOAT

// RUN: not sparq-import-onnx %S/Inputs/errors/reshape-indivisible.onnx 2>&1 | FileCheck %s --check-prefix=RESHAPE-INDIVISIBLE
// RESHAPE-INDIVISIBLE: reshape-indivisible.onnx: error: node 'n1' (Reshape): cannot reshape [1, 3, 4, 4] to [5, -1]

// RUN: not sparq-import-onnx %S/Inputs/errors/reshape-negative.onnx 2>&1 | FileCheck %s --check-prefix=RESHAPE-NEGATIVE
// RESHAPE-NEGATIVE: reshape-negative.onnx: error: node 'n1' (Reshape): shape entry 0 = -2 is not supported

// RUN: not sparq-import-onnx %S/Inputs/errors/reshape-two-inferred.onnx 2>&1 | FileCheck %s --check-prefix=RESHAPE-TWO-INFERRED
// RESHAPE-TWO-INFERRED: reshape-two-inferred.onnx: error: node 'n1' (Reshape): the shape has more than one -1

// RUN: not sparq-import-onnx %S/Inputs/errors/softmax-axis.onnx 2>&1 | FileCheck %s --check-prefix=SOFTMAX-AXIS
// SOFTMAX-AXIS: softmax-axis.onnx: error: node 'n1' (Softmax): axis 4 is out of range for rank 4

// RUN: not sparq-import-onnx %S/Inputs/errors/softmax-rank.onnx 2>&1 | FileCheck %s --check-prefix=SOFTMAX-RANK
// SOFTMAX-RANK: softmax-rank.onnx: error: node 'n1' (Softmax): the input must have rank 1 or more

// RUN: not sparq-import-onnx %S/Inputs/errors/squeeze-not-one.onnx 2>&1 | FileCheck %s --check-prefix=SQUEEZE-NOT-ONE
// SQUEEZE-NOT-ONE: squeeze-not-one.onnx: error: node 'n1' (Squeeze): axis 1 has size 3, not 1

// RUN: not sparq-import-onnx %S/Inputs/errors/transpose-perm.onnx 2>&1 | FileCheck %s --check-prefix=TRANSPOSE-PERM
// TRANSPOSE-PERM: transpose-perm.onnx: error: node 'n1' (Transpose): perm [0, 1, 1, 2] is not a permutation of rank 4

// RUN: not sparq-import-onnx %S/Inputs/errors/unsqueeze-no-axes-opset11.onnx 2>&1 | FileCheck %s --check-prefix=UNSQUEEZE-NO-AXES-OPSET11
// UNSQUEEZE-NO-AXES-OPSET11: unsqueeze-no-axes-opset11.onnx: error: node 'n1' (Unsqueeze): attribute 'axes' is required

// RUN: not sparq-import-onnx %S/Inputs/errors/unsqueeze-no-axes.onnx 2>&1 | FileCheck %s --check-prefix=UNSQUEEZE-NO-AXES
// UNSQUEEZE-NO-AXES: unsqueeze-no-axes.onnx: error: node 'n1' (Unsqueeze): input 'axes' is required

// RUN: not sparq-import-onnx %S/Inputs/errors/unsqueeze-repeated.onnx 2>&1 | FileCheck %s --check-prefix=UNSQUEEZE-REPEATED
// UNSQUEEZE-REPEATED: unsqueeze-repeated.onnx: error: node 'n1' (Unsqueeze): axis 0 is repeated
