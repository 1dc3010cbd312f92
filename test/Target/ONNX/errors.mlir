// Every model the importer cannot translate exactly is an error that names
// the node (or graph value), exit code 1, and no output file: one RUN per
// diagnostic (graph-level and generic node errors here, operator-specific
// ones in errors-operators.mlir). The models are built with onnx.helper by
// Inputs/make_models.py (make_error_models) into Inputs/errors/.

// No output file is written on error.
// RUN: not sparq-import-onnx %S/Inputs/errors/unsupported-op.onnx -o %t.op.mlir
// RUN: %python -c "import os, sys; sys.exit(os.path.exists(sys.argv[1]))" %t.op.mlir

// RUN: not sparq-import-onnx %t.does-not-exist.onnx 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: sparq-import-onnx: error: cannot read '{{.*}}does-not-exist.onnx': No such file or directory

// RUN: not sparq-import-onnx %S/Inputs/lenet.onnx --batch=-2 2>&1 | FileCheck %s --check-prefix=BATCH
// BATCH: sparq-import-onnx: error: --batch must be positive

// RUN: not sparq-import-onnx %S/Inputs/errors/attribute-alpha.onnx 2>&1 | FileCheck %s --check-prefix=ATTRIBUTE-ALPHA
// ATTRIBUTE-ALPHA: attribute-alpha.onnx: error: node 'n1' (Gemm): attribute 'alpha' must be a float

// RUN: not sparq-import-onnx %S/Inputs/errors/attribute-float.onnx 2>&1 | FileCheck %s --check-prefix=ATTRIBUTE-FLOAT
// ATTRIBUTE-FLOAT: attribute-float.onnx: error: node 'n1' (Conv): attribute 'group' must be an integer

// RUN: not sparq-import-onnx %S/Inputs/errors/attribute-kind.onnx 2>&1 | FileCheck %s --check-prefix=ATTRIBUTE-KIND
// ATTRIBUTE-KIND: attribute-kind.onnx: error: node 'n1' (Conv): attribute 'strides' must be a list of integers

// RUN: not sparq-import-onnx %S/Inputs/errors/attribute-string.onnx 2>&1 | FileCheck %s --check-prefix=ATTRIBUTE-STRING
// ATTRIBUTE-STRING: attribute-string.onnx: error: node 'n1' (Conv): attribute 'auto_pad' must be a string

// RUN: not sparq-import-onnx %S/Inputs/errors/bad-raw-data.onnx 2>&1 | FileCheck %s --check-prefix=BAD-RAW-DATA
// BAD-RAW-DATA: bad-raw-data.onnx: error: node 'n1' (Add): the constant 'r' is not supported: it holds 4 bytes of data for 16 bytes of elements

// RUN: not sparq-import-onnx %S/Inputs/errors/custom-domain.onnx 2>&1 | FileCheck %s --check-prefix=CUSTOM-DOMAIN
// CUSTOM-DOMAIN: custom-domain.onnx: error: node 'n1' (Relu): operator domain 'com.example' is not supported

// RUN: not sparq-import-onnx %S/Inputs/errors/defined-twice.onnx 2>&1 | FileCheck %s --check-prefix=DEFINED-TWICE
// DEFINED-TWICE: defined-twice.onnx: error: node 'second' (Relu): value 't' is defined twice

// RUN: not sparq-import-onnx %S/Inputs/errors/dynamic-inner-dim.onnx 2>&1 | FileCheck %s --check-prefix=DYNAMIC-INNER-DIM
// DYNAMIC-INNER-DIM: dynamic-inner-dim.onnx: error: graph input 'x' has a dynamic dimension 1 ('c') (only static shapes are supported)

// RUN: not sparq-import-onnx %S/Inputs/errors/dynamic-shape.onnx 2>&1 | FileCheck %s --check-prefix=DYNAMIC-SHAPE
// DYNAMIC-SHAPE: dynamic-shape.onnx: error: graph input 'x' has a dynamic dimension 0 ('batch') (only static shapes are supported; --batch=N gives a dynamic dimension 0 a size)

// RUN: not sparq-import-onnx %S/Inputs/errors/float16-constant.onnx 2>&1 | FileCheck %s --check-prefix=FLOAT16-CONSTANT
// FLOAT16-CONSTANT: float16-constant.onnx: error: node 'n1' (Add): the constant 'h' is not supported: its data type is FLOAT16

// RUN: not sparq-import-onnx %S/Inputs/errors/int-input.onnx 2>&1 | FileCheck %s --check-prefix=INT-INPUT
// INT-INPUT: int-input.onnx: error: graph input 'x' has data type INT64; only float32 is supported

// RUN: not sparq-import-onnx %S/Inputs/errors/int-operand.onnx 2>&1 | FileCheck %s --check-prefix=INT-OPERAND
// INT-OPERAND: int-operand.onnx: error: node 'n1' (Add): input 'k' has data type INT64; only float32 tensors are supported as values

// RUN: not sparq-import-onnx %S/Inputs/errors/missing-input.onnx 2>&1 | FileCheck %s --check-prefix=MISSING-INPUT
// MISSING-INPUT: missing-input.onnx: error: node 'n1' (Add): required input 1 is missing

// RUN: not sparq-import-onnx %S/Inputs/errors/no-outputs.onnx 2>&1 | FileCheck %s --check-prefix=NO-OUTPUTS
// NO-OUTPUTS: no-outputs.onnx: error: node 'n1' (Relu): expected 1 output, got 0

// RUN: not sparq-import-onnx %S/Inputs/errors/no-shape.onnx 2>&1 | FileCheck %s --check-prefix=NO-SHAPE
// NO-SHAPE: no-shape.onnx: error: graph input 'x' has no shape (only static shapes are supported)

// RUN: not sparq-import-onnx %S/Inputs/errors/not-onnx.onnx 2>&1 | FileCheck %s --check-prefix=NOT-ONNX
// NOT-ONNX: sparq-import-onnx: error: '{{.*}}not-onnx.onnx' is not a valid ONNX model (protobuf parsing failed)

// RUN: not sparq-import-onnx %S/Inputs/errors/old-opset.onnx 2>&1 | FileCheck %s --check-prefix=OLD-OPSET
// OLD-OPSET: old-opset.onnx: error: ONNX opset 9 is not supported (supported: 11 to 17)

// RUN: not sparq-import-onnx %S/Inputs/errors/output-constant.onnx 2>&1 | FileCheck %s --check-prefix=OUTPUT-CONSTANT
// OUTPUT-CONSTANT: output-constant.onnx: error: graph output 'c' is a constant; only computed outputs are supported

// RUN: not sparq-import-onnx %S/Inputs/errors/output-shape.onnx 2>&1 | FileCheck %s --check-prefix=OUTPUT-SHAPE
// OUTPUT-SHAPE: output-shape.onnx: error: graph output 'y' is declared as 'tensor<1x3x4x5xf32>' but computes 'tensor<1x3x4x4xf32>'

// RUN: not sparq-import-onnx %S/Inputs/errors/output-undefined.onnx 2>&1 | FileCheck %s --check-prefix=OUTPUT-UNDEFINED
// OUTPUT-UNDEFINED: output-undefined.onnx: error: graph output 'y' is not computed by any node

// RUN: not sparq-import-onnx %S/Inputs/errors/too-many-inputs.onnx 2>&1 | FileCheck %s --check-prefix=TOO-MANY-INPUTS
// TOO-MANY-INPUTS: too-many-inputs.onnx: error: node 'n1' (Relu): expected 1 input, got 2

// RUN: not sparq-import-onnx %S/Inputs/errors/unknown-attribute.onnx 2>&1 | FileCheck %s --check-prefix=UNKNOWN-ATTRIBUTE
// UNKNOWN-ATTRIBUTE: unknown-attribute.onnx: error: node 'n1' (Relu): unsupported attribute 'alpha'

// RUN: not sparq-import-onnx %S/Inputs/errors/unsorted.onnx 2>&1 | FileCheck %s --check-prefix=UNSORTED
// UNSORTED: unsorted.onnx: error: node 'second' (Relu): input 't' is not defined before the node (the graph must be topologically sorted)

// RUN: not sparq-import-onnx %S/Inputs/errors/unsupported-op.onnx 2>&1 | FileCheck %s --check-prefix=UNSUPPORTED-OP
// UNSUPPORTED-OP: unsupported-op.onnx: error: node 'n1' (LRN): unsupported operator

// RUN: not sparq-import-onnx %S/Inputs/errors/used-extra-output.onnx 2>&1 | FileCheck %s --check-prefix=USED-EXTRA-OUTPUT
// USED-EXTRA-OUTPUT: used-extra-output.onnx: error: node 'n1' (MaxPool): output 1 ('idx') is used but not supported

// RUN: not sparq-import-onnx %S/Inputs/errors/zero-dim.onnx 2>&1 | FileCheck %s --check-prefix=ZERO-DIM
// ZERO-DIM: zero-dim.onnx: error: graph input 'x' has a zero-sized dimension 0

