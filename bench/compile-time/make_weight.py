#!/usr/bin/env python3
"""Writes an MLIR module whose one linalg.matmul takes an N x N f32 weight
stored as a dense_resource blob (random normal values, fixed seed)."""
import sys

import numpy as np

n = int(sys.argv[1])
out = sys.argv[2]
rng = np.random.default_rng(0)
w = rng.standard_normal((n, n), dtype=np.float32)
with open(out, "w") as f:
    f.write(f"""func.func @layer(%x: tensor<8x{n}xf32>) -> tensor<8x{n}xf32> {{
  %w = arith.constant dense_resource<weight> : tensor<{n}x{n}xf32>
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<8x{n}xf32>
  %i = linalg.fill ins(%z : f32) outs(%e : tensor<8x{n}xf32>) -> tensor<8x{n}xf32>
  %y = linalg.matmul ins(%x, %w : tensor<8x{n}xf32>, tensor<{n}x{n}xf32>)
                     outs(%i : tensor<8x{n}xf32>) -> tensor<8x{n}xf32>
  return %y : tensor<8x{n}xf32>
}}
{{-#
  dialect_resources: {{
    builtin: {{
      weight: "0x04000000""")
    f.write(w.tobytes().hex().upper())
    f.write('"\n    }\n  }\n#-}\n')
