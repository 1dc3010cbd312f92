// Buffers the compiled code allocates are freed after every call (the
// lowering frees no temporary itself): 300 calls with an 8 MB temporary each
// would need 2.4 GB if they leaked; the run must stay far below. Results
// that alias an input or a global constant are returned intact (not freed).
// RUN: %python -c "import numpy as np; np.save('%t.x.npy', np.array([1, 2, 3, 4], np.float32))"
// RUN: %python -c "import resource, subprocess; subprocess.run(['sparq-run', '%s', '--input=%t.x.npy', '--repeat=300', '--print'], check=True); rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss; print('peak below 1 GB' if rss < 1000000 else 'peak %%d kB' %% rss)" | FileCheck %s
// CHECK: result 0: f32 4: 2097153 2097154 2097155 2097156{{$}}
// CHECK: result 1: f32 4: 1 2 3 4{{$}}
// CHECK: result 2: f32 4: 0.5 0.25 0.125 0.0625{{$}}
// CHECK: compile:
// CHECK: run: 300 calls
// CHECK: peak below 1 GB

func.func @main(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %one = arith.constant 1.0 : f32
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2097152xf32>
  %big = linalg.fill ins(%one : f32) outs(%e : tensor<2097152xf32>) -> tensor<2097152xf32>
  %se = tensor.empty() : tensor<f32>
  %s0 = linalg.fill ins(%zero : f32) outs(%se : tensor<f32>) -> tensor<f32>
  %sum = linalg.reduce ins(%big : tensor<2097152xf32>) outs(%s0 : tensor<f32>) dimensions = [0]
    (%in: f32, %acc: f32) {
      %a = arith.addf %in, %acc : f32
      linalg.yield %a : f32
    }
  %xe = tensor.empty() : tensor<4xf32>
  %b = linalg.broadcast ins(%sum : tensor<f32>) outs(%xe : tensor<4xf32>) dimensions = [0]
  %y = arith.addf %x, %b : tensor<4xf32>
  %c = arith.constant dense<[0.5, 0.25, 0.125, 0.0625]> : tensor<4xf32>
  return %y, %x, %c : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}
