// LeNet-5 exported by torch.onnx.export (opset 13: Conv, Relu, MaxPool,
// Flatten, Gemm) runs within float tolerance of PyTorch's output on the same
// input: |got - ref| <= 1e-5 + 1e-4 |ref| (Inputs/make_models.py wrote both).
// RUN: sparq-import-onnx %S/Inputs/lenet.onnx -o %t.mlir
// RUN: sparq-run %t.mlir --entry=main --input=%S/Inputs/lenet.in.npy --output=%t.out.npy
// RUN: %python %S/Inputs/compare.py %t.out.npy %S/Inputs/lenet.out.npy | FileCheck %s
// CHECK: max abs error {{.*}}: ok

// The same model with BatchNormalization after each Conv (kept by the
// exporter, folded into the filters by the importer) and AvgPool2d (opset 17
// exports it as Pad + AveragePool).
// RUN: sparq-import-onnx %S/Inputs/lenet-bn-avgpool.onnx -o %t.bn.mlir
// RUN: sparq-run %t.bn.mlir --input=%S/Inputs/lenet-bn-avgpool.in.npy --output=%t.bn.out.npy
// RUN: %python %S/Inputs/compare.py %t.bn.out.npy %S/Inputs/lenet-bn-avgpool.out.npy | FileCheck %s

// Unfolded (--no-fold-batchnorm): the same outputs through elementwise BatchNorm.
// RUN: sparq-import-onnx %S/Inputs/lenet-bn-avgpool.onnx --no-fold-batchnorm -o %t.nofold.mlir
// RUN: sparq-run %t.nofold.mlir --input=%S/Inputs/lenet-bn-avgpool.in.npy --output=%t.nofold.out.npy
// RUN: %python %S/Inputs/compare.py %t.nofold.out.npy %S/Inputs/lenet-bn-avgpool.out.npy | FileCheck %s

// Compressed after import: 50% pruning of every layer found by the pass
// changes the logits (the comparison must fail), which shows the imported
// contractions are what the compression passes rewrite.
// RUN: sparq-opt %t.mlir --sparq-prune="sparsity=0.5" -o %t.pruned.mlir
// RUN: sparq-run %t.pruned.mlir --input=%S/Inputs/lenet.in.npy --output=%t.pruned.npy
// RUN: not %python %S/Inputs/compare.py %t.pruned.npy %S/Inputs/lenet.out.npy 2>&1 | FileCheck %s --check-prefix=PRUNED
// PRUNED: compare: element
