// The bundled MLP example (scripts/mlp-example.sh) under each of its
// compression configurations, JIT-run and compared by examples/mlp/reference.py,
// an independent numpy implementation of the same rules (it exits non-zero
// when a printed number is off by more than its tolerance).
// DEFINE: %{mlp} = %sparq_src_root/examples/mlp
// DEFINE: %{run} = sparq-opt --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs
// RUN: sparq-opt %{mlp}/mlp.mlir | %{run} | %python %{mlp}/reference.py float | FileCheck %s
// RUN: sparq-opt %{mlp}/mlp.mlir --sparq-prune="structure=nm n=2 m=4" | %{run} | %python %{mlp}/reference.py nm24 | FileCheck %s
// RUN: sparq-opt %{mlp}/mlp.mlir --sparq-prune="structure=unstructured sparsity=0.9" | %{run} | %python %{mlp}/reference.py unstructured90 | FileCheck %s
// RUN: sparq-opt %{mlp}/mlp.mlir --sparq-quantize="scheme=symmetric bits=8 granularity=channel" | %{run} | %python %{mlp}/reference.py w8 | FileCheck %s
// RUN: sparq-opt %{mlp}/mlp.mlir --sparq-prune="structure=nm n=2 m=4" --sparq-quantize="scheme=symmetric bits=8 granularity=channel" | %{run} | %python %{mlp}/reference.py nm24-w8 | FileCheck %s
// RUN: sparq-opt %{mlp}/mlp.mlir --sparq-prune="structure=nm n=2 m=4" --sparq-quantize="scheme=symmetric bits=4 granularity=group group-size=8" --sparq-pack="format=auto" | %{run} | %python %{mlp}/reference.py nm24-w4g8-packed | FileCheck %s
// CHECK: max |SparQ - numpy| = {{.*}}: OK
