// sparq -> upstream -> sparq gives back the same types and ops.
// RUN: sparq-opt %s --sparq-to-sparse-tensor --sparq-from-sparse-tensor --canonicalize | FileCheck %s

#csr = #sparq.encoding<csr>
#csc = #sparq.encoding<csc, pos_width = 16, crd_width = 16>
#coo = #sparq.encoding<coo, crd_width = 64>
#bcsr = #sparq.encoding<bcsr<2x3>, pos_width = 8, crd_width = 8>
#nm24 = #sparq.encoding<nm<2, 4>, meta_width = 8>
#nm28 = #sparq.encoding<nm<2, 8>, pos_width = 64, meta_width = 16>

// CHECK-DAG: #[[CSR:.*]] = #sparq.encoding<csr>
// CHECK-DAG: #[[CSC:.*]] = #sparq.encoding<csc, pos_width = 16, crd_width = 16>
// CHECK-DAG: #[[COO:.*]] = #sparq.encoding<coo, crd_width = 64>
// CHECK-DAG: #[[BCSR:.*]] = #sparq.encoding<bcsr<2x3>, pos_width = 8, crd_width = 8>
// CHECK-DAG: #[[NM24:.*]] = #sparq.encoding<nm<2, 4>, meta_width = 8>
// CHECK-DAG: #[[NM28:.*]] = #sparq.encoding<nm<2, 8>, pos_width = 64, meta_width = 16>

// CHECK-LABEL: func.func @types(
// CHECK-SAME: tensor<8x16xf32, #[[CSR]]>, %{{.*}}: tensor<8x16xf32, #[[CSC]]>, %{{.*}}: tensor<8x16xf64, #[[COO]]>,
// CHECK-SAME: tensor<4x6xf32, #[[BCSR]]>, %{{.*}}: tensor<8x16xf16, #[[NM24]]>, %{{.*}}: tensor<?x16xi8, #[[NM28]]>)
// CHECK-SAME: -> tensor<8x16xf32, #[[CSR]]>
func.func @types(%a: tensor<8x16xf32, #csr>, %b: tensor<8x16xf32, #csc>,
                 %c: tensor<8x16xf64, #coo>, %d: tensor<4x6xf32, #bcsr>,
                 %e: tensor<8x16xf16, #nm24>, %f: tensor<?x16xi8, #nm28>)
    -> tensor<8x16xf32, #csr> {
  return %a : tensor<8x16xf32, #csr>
}

// CHECK-LABEL: func.func @pack_unpack(
// CHECK-SAME: %[[X:.*]]: tensor<8x16xf32>, %[[S:.*]]: tensor<8x16xf64, #[[COO]]>)
// CHECK: %[[P:.*]] = sparq.pack %[[X]] : tensor<8x16xf32> -> tensor<8x16xf32, #[[CSC]]>
// CHECK: %[[U:.*]] = sparq.unpack %[[S]] : tensor<8x16xf64, #[[COO]]> -> tensor<8x16xf64>
// CHECK: return %[[P]], %[[U]]
func.func @pack_unpack(%x: tensor<8x16xf32>, %s: tensor<8x16xf64, #coo>) -> (tensor<8x16xf32, #csc>, tensor<8x16xf64>) {
  %p = sparq.pack %x : tensor<8x16xf32> -> tensor<8x16xf32, #csc>
  %u = sparq.unpack %s : tensor<8x16xf64, #coo> -> tensor<8x16xf64>
  return %p, %u : tensor<8x16xf32, #csc>, tensor<8x16xf64>
}

// CHECK-LABEL: func.func @parts(
// CHECK-SAME: %[[A:.*]]: tensor<4x6xf32, #[[BCSR]]>, %[[N:.*]]: tensor<8x16xf16, #[[NM24]]>, %[[C:.*]]: tensor<8x16xf64, #[[COO]]>)
// CHECK-DAG: %[[V:.*]] = sparq.part values of %[[A]] : tensor<4x6xf32, #[[BCSR]]> -> tensor<?x2x3xf32>
// CHECK-DAG: %[[P:.*]] = sparq.part positions of %[[A]] : tensor<4x6xf32, #[[BCSR]]> -> tensor<3xi8>
// CHECK-DAG: %[[M:.*]] = sparq.part metadata of %[[N]] : tensor<8x16xf16, #[[NM24]]> -> tensor<8x8xi8>
// CHECK-DAG: %[[K:.*]] = sparq.part coordinates of %[[C]] : tensor<8x16xf64, #[[COO]]> -> tensor<?x2xi64>
// CHECK: return %[[V]], %[[P]], %[[M]], %[[K]] :
func.func @parts(%a: tensor<4x6xf32, #bcsr>, %n: tensor<8x16xf16, #nm24>, %c: tensor<8x16xf64, #coo>)
    -> (tensor<?x2x3xf32>, tensor<3xi8>, tensor<8x8xi8>, tensor<?x2xi64>) {
  %v = sparq.part values of %a : tensor<4x6xf32, #bcsr> -> tensor<?x2x3xf32>
  %p = sparq.part positions of %a : tensor<4x6xf32, #bcsr> -> tensor<3xi8>
  %m = sparq.part metadata of %n : tensor<8x16xf16, #nm24> -> tensor<8x8xi8>
  %k = sparq.part coordinates of %c : tensor<8x16xf64, #coo> -> tensor<?x2xi64>
  return %v, %p, %m, %k : tensor<?x2x3xf32>, tensor<3xi8>, tensor<8x8xi8>, tensor<?x2xi64>
}

// CHECK-LABEL: func.func @assemble(
// CHECK-SAME: %[[V:.*]]: tensor<?xf32>, %[[P:.*]]: tensor<9xi32>, %[[C:.*]]: tensor<?xi32>, %[[BV:.*]]: tensor<?x2x3xf32>, %[[BP:.*]]: tensor<3xi8>, %[[BC:.*]]: tensor<?xi8>)
// CHECK-DAG: sparq.assemble values(%[[V]] : tensor<?xf32>) positions(%[[P]] : tensor<9xi32>) coordinates(%[[C]] : tensor<?xi32>) : tensor<8x16xf32, #[[CSR]]>
// CHECK-DAG: sparq.assemble values(%[[BV]] : tensor<?x2x3xf32>) positions(%[[BP]] : tensor<3xi8>) coordinates(%[[BC]] : tensor<?xi8>) : tensor<4x6xf32, #[[BCSR]]>
func.func @assemble(%v: tensor<?xf32>, %p: tensor<9xi32>, %c: tensor<?xi32>, %bv: tensor<?x2x3xf32>, %bp: tensor<3xi8>, %bc: tensor<?xi8>)
    -> (tensor<8x16xf32, #csr>, tensor<4x6xf32, #bcsr>) {
  %a = sparq.assemble values(%v : tensor<?xf32>) positions(%p : tensor<9xi32>) coordinates(%c : tensor<?xi32>) : tensor<8x16xf32, #csr>
  %b = sparq.assemble values(%bv : tensor<?x2x3xf32>) positions(%bp : tensor<3xi8>) coordinates(%bc : tensor<?xi8>) : tensor<4x6xf32, #bcsr>
  return %a, %b : tensor<8x16xf32, #csr>, tensor<4x6xf32, #bcsr>
}

// CHECK-LABEL: func.func @matmul(
// CHECK-SAME: %[[X:.*]]: tensor<?x8xf32>, %[[W:.*]]: tensor<8x16xf32, #[[CSR]]>, %[[T:.*]]: tensor<4x8xf32, #[[CSC]]>)
// CHECK: %[[Y:.*]] = sparq.matmul %[[X]], %[[W]] acc(f32) {{ *}}: tensor<?x8xf32>, tensor<8x16xf32, #[[CSR]]> -> tensor<?x16xf32>
// CHECK: %[[Z:.*]] = sparq.matmul %[[X]], %[[T]] transpose_b acc(f32) {{ *}}: tensor<?x8xf32>, tensor<4x8xf32, #[[CSC]]> -> tensor<?x4xf32>
// CHECK: return %[[Y]], %[[Z]]
func.func @matmul(%x: tensor<?x8xf32>, %w: tensor<8x16xf32, #csr>, %t: tensor<4x8xf32, #csc>) -> (tensor<?x16xf32>, tensor<?x4xf32>) {
  %y = sparq.matmul %x, %w acc(f32) : tensor<?x8xf32>, tensor<8x16xf32, #csr> -> tensor<?x16xf32>
  %z = sparq.matmul %x, %t transpose_b acc(f32) : tensor<?x8xf32>, tensor<4x8xf32, #csc> -> tensor<?x4xf32>
  return %y, %z : tensor<?x16xf32>, tensor<?x4xf32>
}
