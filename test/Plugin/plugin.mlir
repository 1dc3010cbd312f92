// Debian's stock mlir-opt loads SparQ as a dialect and pass plugin.
// RUN: mlir-opt %s --load-dialect-plugin=%sparq_lib_dir/libSparqPlugin%shlibext --load-pass-plugin=%sparq_lib_dir/libSparqPlugin%shlibext --pass-pipeline="builtin.module(canonicalize)" | FileCheck %s
// RUN: mlir-opt %s --load-dialect-plugin=%sparq_lib_dir/libSparqPlugin%shlibext --load-pass-plugin=%sparq_lib_dir/libSparqPlugin%shlibext --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC
// RUN: mlir-opt --load-pass-plugin=%sparq_lib_dir/libSparqPlugin%shlibext --load-dialect-plugin=%sparq_lib_dir/libSparqPlugin%shlibext --help | FileCheck %s --check-prefix=HELP
// RUN: not mlir-opt %s 2>&1 | FileCheck %s --check-prefix=NOPLUGIN

#csr = #sparq.encoding<csr>
#q8 = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>

// The plugin's dialect folds unpack(pack(x)) under the stock canonicalizer.
// CHECK-LABEL: func @fold
// CHECK-SAME: (%[[X:.*]]: tensor<8x4xf32>, %{{.*}}: tensor<4x4xi8, #dense_si8>, %[[I:.*]]: tensor<8x4xi8>)
// CHECK-NEXT: %[[Y:.*]] = sparq.matmul %[[X]], %{{.*}} acc(f32) dataflow(row) : tensor<8x4xf32>, tensor<4x4xi8, #dense_si8> -> tensor<8x4xf32>
// CHECK-NEXT: return %[[I]], %[[Y]]
// GENERIC: "sparq.pack"
// GENERIC: "sparq.unpack"
// GENERIC: "sparq.matmul"(%{{.*}}, %{{.*}}) <{acc_type = f32, dataflow = #sparq<dataflow row>}>
func.func @fold(%x: tensor<8x4xf32>, %w: tensor<4x4xi8, #q8>, %i: tensor<8x4xi8>) -> (tensor<8x4xi8>, tensor<8x4xf32>) {
  %p = sparq.pack %i : tensor<8x4xi8> -> tensor<8x4xi8, #csr>
  %u = sparq.unpack %p : tensor<8x4xi8, #csr> -> tensor<8x4xi8>
  %y = sparq.matmul %x, %w acc(f32) dataflow(row) : tensor<8x4xf32>, tensor<4x4xi8, #q8> -> tensor<8x4xf32>
  return %u, %y : tensor<8x4xi8>, tensor<8x4xf32>
}

// HELP-DAG: sparq-to-linalg
// HELP-DAG: sparq-to-sparse-tensor
// HELP-DAG: sparq-from-sparse-tensor
// HELP-DAG: sparq-to-quant
// HELP-DAG: sparq-from-quant
// HELP-DAG: sparq-to-llvm

// NOPLUGIN: #"sparq"<"encoding<csr>"> : 'none' attribute created with unregistered dialect
