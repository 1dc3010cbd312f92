//===- SparqDialect.td - The sparq dialect -----------------*- tablegen -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_DIALECT_SPARQ_IR_SPARQDIALECT_TD
#define SPARQ_DIALECT_SPARQ_IR_SPARQDIALECT_TD

include "mlir/IR/OpBase.td"

def Sparq_Dialect : Dialect {
  let name = "sparq";
  let cppNamespace = "::sparq";
  let summary = "Sparse and quantized tensors and the ops that consume them";
  let description = [{
    The `sparq` dialect represents pruned and quantized DNN tensors and the
    matmul / conv2d ops that consume them.

    A compressed tensor is a builtin ranked tensor whose encoding is a
    `#sparq.encoding`. The encoding holds only small static facts (storage
    format, index widths, quantization scheme); the element type is the
    storage type (`i8`, `i4`, `f16`, ...). The large data of a compressed tensor
    (values, positions, coordinates, bitmaps, N:M metadata, scales, zero
    points, codebooks) are SSA values: `sparq.assemble` builds a compressed
    value from its parts and `sparq.part` takes one part out. Passes therefore
    see one SSA value per tensor while lowerings see the parts.

    ```mlir
    #w8 = #sparq.encoding<csr, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>
    func.func @layer(%x: tensor<16x64xf32>, %w: tensor<64x32xi8, #w8>) -> tensor<16x32xf32> {
      %y = sparq.matmul %x, %w acc(f32) dataflow(row)
          : tensor<16x64xf32>, tensor<64x32xi8, #w8> -> tensor<16x32xf32>
      return %y : tensor<16x32xf32>
    }
    ```
  }];
  let useDefaultAttributePrinterParser = 1;
  let extraClassDeclaration = [{
    /// Registers the attributes (defined in SparqAttributes.cpp).
    void registerAttributes();
  }];
  let dependentDialects = ["::mlir::tensor::TensorDialect"];
}

#endif // SPARQ_DIALECT_SPARQ_IR_SPARQDIALECT_TD
