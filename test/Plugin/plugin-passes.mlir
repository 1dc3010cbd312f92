// SparQ's passes and pipelines run inside Debian's stock mlir-opt through the
// plugin (plugin passes are registered after option parsing, so they are
// reached through --pass-pipeline).
// RUN: mlir-opt %s --load-dialect-plugin=%sparq_lib_dir/libSparqPlugin%shlibext --load-pass-plugin=%sparq_lib_dir/libSparqPlugin%shlibext --pass-pipeline="builtin.module(sparq-prune{structure=nm n=1 m=2})" | FileCheck %s --check-prefix=PRUNE
// RUN: mlir-opt %s --load-dialect-plugin=%sparq_lib_dir/libSparqPlugin%shlibext --load-pass-plugin=%sparq_lib_dir/libSparqPlugin%shlibext --pass-pipeline="builtin.module(sparq-prune{structure=nm n=1 m=2}, sparq-to-llvm)" | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s --check-prefix=EXEC

// W = [[1, -4], [2, 3]] pruned 1:2 along the reduction keeps 2 (column 0)
// and -4 (column 1): [[0, -4], [2, 0]]. x = [[1, 1], [2, -1]], so
// x * W = [[2, -4], [-2, -8]],.
// PRUNE: sparq.matmul {{.*}} {sparq.sparsity = 5.000000e-01 : f64, sparq.structure = #sparq<structure nm>}
// EXEC: ( ( 2, -4 ), ( -2, -8 ) )

func.func @main() {
  %x = arith.constant dense<[[1.0, 1.0], [2.0, -1.0]]> : tensor<2x2xf32>
  %w = arith.constant dense<[[1.0, -4.0], [2.0, 3.0]]> : tensor<2x2xf32>
  %y = sparq.matmul %x, %w acc(f32) : tensor<2x2xf32>, tensor<2x2xf32> -> tensor<2x2xf32>
  %c0 = arith.constant 0 : index
  %pad = arith.constant 0.0 : f32
  %v = vector.transfer_read %y[%c0, %c0], %pad : tensor<2x2xf32>, vector<2x2xf32>
  vector.print %v : vector<2x2xf32>
  return
}
