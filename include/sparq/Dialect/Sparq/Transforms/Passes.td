//===- Passes.td - Compression passes of the sparq dialect -*- tablegen -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_DIALECT_SPARQ_TRANSFORMS_PASSES_TD
#define SPARQ_DIALECT_SPARQ_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def SparqPrune : Pass<"sparq-prune", "::mlir::ModuleOp"> {
  let summary = "Magnitude pruning of constant weights";
  let description = [{
    Zeroes entries of the constant weight of every `linalg.matmul`,
    `linalg.batch_matmul`, `linalg.matvec`, `linalg.conv_2d_nhwc_hwcf`,
    `linalg.conv_2d_nchw_fchw`, `sparq.matmul` and `sparq.conv2d` (the weight
    is the operand defined by an `arith.constant`; f32 dense or
    `dense_resource` data), by magnitude:

    - `unstructured`: the `round(sparsity * numel)` entries of smallest |w|;
    - `nm`: in every group of `m` consecutive entries along the reduction
      dimension, all but the `n` largest |w|;
    - `block` (`block=RxC` tiles of the im2col weight matrix), `filter` (whole
      output channels), `shape` (whole reduction positions: rows of the im2col
      weight matrix), `channel` (all kernel positions of one input channel),
      `kernel` (one KHxKW kernel of one filter), `vector` (one kernel row):
      `round(sparsity * #groups)` groups of smallest L2 norm.

    Ties keep the lower index. The achieved sparsity is exact; it is
    attached to the op as `sparq.sparsity` and listed with `report=FILE`.
    An op's own `sparq.prune` dictionary attribute (same keys as the options)
    overrides the options for that op; `ops=a,b` restricts the pass to ops
    whose location is `NameLoc` "a" or "b".

    ```mlir
    // sparq-opt --sparq-prune="structure=nm n=2 m=4"
    %y = linalg.matmul ins(%x, %w : tensor<8x16xf32>, tensor<16x4xf32>) ...
    // %w (a constant) now has 2 nonzeros in every 4 consecutive rows.
    ```
  }];
  let options = [
    Option<"structure", "structure", "std::string", "\"unstructured\"",
           "unstructured, nm, block, filter, shape, channel, kernel or vector">,
    Option<"sparsity", "sparsity", "double", "0.5",
           "fraction of entries (or groups) to zero, in [0, 1)">,
    Option<"n", "n", "unsigned", "2", "entries kept per group (nm)">,
    Option<"m", "m", "unsigned", "4", "group length along the reduction (nm)">,
    Option<"block", "block", "std::string", "\"4x4\"",
           "block size RxC of the im2col weight matrix (block)">,
    ListOption<"ops", "ops", "std::string",
               "only prune ops located at these NameLoc names">,
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect"];
}

#endif // SPARQ_DIALECT_SPARQ_TRANSFORMS_PASSES_TD
