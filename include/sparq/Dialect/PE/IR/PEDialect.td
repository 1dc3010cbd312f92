//===- PEDialect.td - The sparq_pe dialect -----------------*- tablegen -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_DIALECT_PE_IR_PEDIALECT_TD
#define SPARQ_DIALECT_PE_IR_PEDIALECT_TD

include "mlir/IR/OpBase.td"

def PE_Dialect : Dialect {
  let name = "sparq_pe";
  let cppNamespace = "::sparq::pe";
  let summary = "Instructions of a multi-precision processing-element array";
  let description = [{
    The `sparq_pe` dialect holds the instructions of a configurable
    accelerator built from multi-precision processing elements (PEs): loads
    and stores between global memory and the on-chip buffers, multiply-
    accumulates at a given operand precision, BitFusion's 2-bit BitBrick
    products grouped into fusion units, DRQ's region-precision select, 2-bit
    atom MACs that skip zero atoms, and SparTen's bitmap inner join.

    Every instruction works on one statically shaped *tile* held in value
    semantics (a ranked tensor of signless integers): a PE program is a
    straight-line sequence of tile instructions, so it can be both executed
    bit-exactly (each instruction lowers to `linalg.generic` + `arith`) and
    walked by a simulator that evaluates and counts every event exactly. The
    operand precision is the element width (`i2`, `i4`, `i8`); signedness is
    an attribute (`signed` / `unsigned`).

    The accelerator is described by a `#sparq_pe.accelerator<...>` attribute
    named `sparq_pe.accelerator` on the module; every pass reads it (absent
    fields take the documented defaults). See docs/pe.md.

    ```mlir
    module attributes {sparq_pe.accelerator = #sparq_pe.accelerator<rows = 8, cols = 8>} {
      func.func @f(%a: tensor<4x8xi4>, %w: tensor<8x2xi4>, %acc: tensor<4x2xi32>) -> tensor<4x2xi32> {
        %r = sparq_pe.mac %a(signed), %w(signed), %acc
            : tensor<4x8xi4>, tensor<8x2xi4>, tensor<4x2xi32>
        return %r : tensor<4x2xi32>
      }
    }
    ```
  }];
  let useDefaultAttributePrinterParser = 1;
  let hasOperationAttrVerify = 1;
  let extraClassDeclaration = [{
    /// Registers the attributes (defined in PEAttributes.cpp).
    void registerAttributes();
    /// The name of the module attribute holding the accelerator description.
    static constexpr ::llvm::StringLiteral kAcceleratorAttrName =
        "sparq_pe.accelerator";
    /// The discardable attribute `sparq-to-pe` puts on the ops it emits for
    /// work done outside the PE array ("zero_point_correction", "rescale"):
    /// sparq-pe-simulate reports it as host work, not as array cycles.
    static constexpr ::llvm::StringLiteral kHostWorkAttrName =
        "sparq_pe.host_work";
  }];
}

#endif // SPARQ_DIALECT_PE_IR_PEDIALECT_TD
