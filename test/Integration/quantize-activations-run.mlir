// W8A8 with dynamic activation quantization, JIT-run; the same CHECK lines
// are matched by an independent numpy reference.
// RUN: sparq-opt %s --sparq-quantize="scheme=symmetric bits=8 granularity=channel" --sparq-quantize-activations="scheme=symmetric bits=8 granularity=tensor ops=sym" --sparq-quantize-activations="scheme=asymmetric bits=8 granularity=row ops=asym" --sparq-quantize-activations="scheme=asymmetric bits=4 granularity=tensor ops=a4" --sparq-quantize-activations="scheme=symmetric bits=8 granularity=row ops=mv" --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s
// RUN: %python %S/Inputs/activation_reference.py | FileCheck %s
// RUN: sparq-opt %s --sparq-quantize="scheme=symmetric bits=8 granularity=channel" --sparq-quantize-activations="scheme=asymmetric bits=8 granularity=row" --mlir-print-local-scope | FileCheck %s --check-prefix=IR

// IR-LABEL: func @main
// IR: linalg.generic
// IR: arith.minnumf
// IR: arith.maxnumf
// IR: math.roundeven
// IR: sparq.quantize %{{.*}} scales(%{{.*}} : tensor<3xf32>) zero_points(%{{.*}} : tensor<3xi32>) : tensor<3x4xf32> -> tensor<3x4xi8, #sparq.encoding<dense, quant = #sparq.quant<ui8:f32, asymmetric, channel(0)>>>
// IR: sparq.matmul %{{.*}}, %{{.*}} acc(i32)
// IR: sparq.quantize %{{.*}} scales(%{{.*}} : tensor<1xf32>) zero_points(%{{.*}} : tensor<1xi32>) : tensor<4x1xf32> -> tensor<4x1xi8
// IR: sparq.matmul %{{.*}}, %{{.*}} acc(i32) {{.*}}: tensor<2x4xi8, {{.*}}>, tensor<4x1xi8

// The exact float products are [[-2.375, 4], [4.5, -1.25], [0, 0]].
// For a4 the scale is f32(6 / 15) = 0.4000000059604645, so 3 / scale is
// 7.4999998882 in f64 (rounds to 7) but 7.5 in f32 (would round to 8): the
// run-time quantization follows the compile-time f64 rule.
// CHECK-LABEL: sym
// CHECK-NEXT: ( ( -2.39072, 4.03943 ), ( 4.49408, -1.38087 ), ( 0, 0 ) )
// CHECK-LABEL: asym
// CHECK-NEXT: ( ( -2.37355, 4.01186 ), ( 4.49606, -1.38336 ), ( 0, 0 ) )
// CHECK-LABEL: a4
// CHECK-NEXT: ( ( -2.39764, 3.82362 ), ( 4.09843, -1.20945 ), ( 0, 0 ) )
// The exact matvec is [-11, -21].
// CHECK-LABEL: mv
// CHECK-NEXT: ( -11.0157, -21.0473 )
func.func @main() {
  %x = arith.constant dense<[[1.0, -2.0, 0.5, 4.0], [0.0, 3.0, -1.0, 0.25], [0.0, 0.0, 0.0, 0.0]]> : tensor<3x4xf32>
  %w = arith.constant dense<[[0.5, 1.0], [1.25, -0.5], [-0.75, 0.0], [0.0, 0.5]]> : tensor<4x2xf32>
  %c0 = arith.constant 0 : index
  %pad = arith.constant 0.0 : f32
  %a = sparq.matmul %x, %w acc(f32) : tensor<3x4xf32>, tensor<4x2xf32> -> tensor<3x2xf32> loc("sym")
  %va = vector.transfer_read %a[%c0, %c0], %pad : tensor<3x2xf32>, vector<3x2xf32>
  vector.print str "sym\n"
  vector.print %va : vector<3x2xf32>
  %b = sparq.matmul %x, %w acc(f32) : tensor<3x4xf32>, tensor<4x2xf32> -> tensor<3x2xf32> loc("asym")
  %vb = vector.transfer_read %b[%c0, %c0], %pad : tensor<3x2xf32>, vector<3x2xf32>
  vector.print str "asym\n"
  vector.print %vb : vector<3x2xf32>
  %c = sparq.matmul %x, %w acc(f32) : tensor<3x4xf32>, tensor<4x2xf32> -> tensor<3x2xf32> loc("a4")
  %vc = vector.transfer_read %c[%c0, %c0], %pad : tensor<3x2xf32>, vector<3x2xf32>
  vector.print str "a4\n"
  vector.print %vc : vector<3x2xf32>

  // A matvec: after --sparq-quantize the weight is the lhs (y = W * x), so
  // the activation is the rhs [4, 1]; per row means one scale per column.
  %wm = arith.constant dense<[[1.0, -2.0, 3.0, -4.0], [5.0, -6.0, 7.0, -8.0]]> : tensor<2x4xf32>
  %xm = arith.constant dense<[1.0, 0.5, -1.0, 2.0]> : tensor<4xf32>
  %zm = arith.constant dense<0.0> : tensor<2xf32>
  %ym = linalg.matvec ins(%wm, %xm : tensor<2x4xf32>, tensor<4xf32>) outs(%zm : tensor<2xf32>) -> tensor<2xf32> loc("mv")
  %vm = vector.transfer_read %ym[%c0], %pad : tensor<2xf32>, vector<2xf32>
  vector.print str "mv\n"
  vector.print %vm : vector<2xf32>
  return
}
