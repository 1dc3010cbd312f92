//===- Passes.td - SparQ conversion passes -----------------*- tablegen -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_CONVERSION_PASSES_TD
#define SPARQ_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

//===----------------------------------------------------------------------===//
// Interop with upstream sparse_tensor
//===----------------------------------------------------------------------===//

def SparqToSparseTensor : Pass<"sparq-to-sparse-tensor", "::mlir::ModuleOp"> {
  let summary = "Rewrites sparq storage formats as upstream #sparse_tensor.encoding";
  let description = [{
    Replaces every unquantized rank-2 `#sparq.encoding` that upstream can
    express (csr, csc, coo, bcsr<R x C>, nm<N, M> with 8- or 16-bit metadata
    and M <= 255) by the `#sparse_tensor.encoding` that stores the same
    arrays, in function signatures and op types (func, scf, tensor.dim), and
    rewrites the sparq ops on such tensors into upstream ops: `sparq.pack` /
    `unpack` become `sparse_tensor.convert`, `sparq.assemble` becomes
    `sparse_tensor.assemble`, `sparq.part` becomes `sparse_tensor.positions`
    / `coordinates` / `coordinates_buffer` / `values` (wrapped in a read-only
    `bufferization.to_tensor` and reshaped to the part's type), and a float
    `sparq.matmul` whose operands have the accumulator type becomes
    `linalg.matmul` into a zero-filled init (`transpose_b` as indexing maps).
    Bitmap, 2- and 4-bit N:M metadata, quantized tensors, ranks other than 2,
    `sparq.pack`/`sparq.assemble` into nm (upstream neither pads nor checks
    N:M groups, and miscompiles assembled structured tensors) and any other
    op on a converted type are reported at the op that uses them and the
    pass fails before anything is rewritten.

    ```mlir
    // tensor<8x16xf32, #sparq.encoding<csr>>  becomes
    // tensor<8x16xf32, #sparse_tensor.encoding<{map = (i, j) -> (i : dense, j : compressed)}>>
    ```
  }];
  let dependentDialects = [
    "::mlir::sparse_tensor::SparseTensorDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect",
    "::mlir::arith::ArithDialect",
    "::mlir::bufferization::BufferizationDialect",
  ];
}

def SparqFromSparseTensor : Pass<"sparq-from-sparse-tensor", "::mlir::ModuleOp"> {
  let summary = "Rewrites upstream #sparse_tensor.encoding as sparq storage formats";
  let description = [{
    The inverse of `--sparq-to-sparse-tensor`: an upstream encoding becomes
    the `#sparq.encoding` whose forward conversion gives it back (CSR, CSC,
    COO with AoS coordinates, BSR, structured[N, M] with 8- or 16-bit
    coordinates; index widths become 64). `sparse_tensor.convert` becomes
    `sparq.pack` / `sparq.unpack` (both for a format change),
    `sparse_tensor.assemble` becomes `sparq.assemble` (COO arrays cut to
    positions[1]), the array accessors become `sparq.part` handed out with
    `bufferization.to_buffer`, and a float `linalg.matmul` with a sparse
    operand becomes `sparq.matmul acc(element type)`: a zero-filled (or
    empty sparse) init is dropped, any other dense init is added afterwards
    with `linalg.add` (the same sum up to float rounding order). Encodings without a sparq equivalent (other level
    formats or properties, dimension orders, slices, explicit values, ranks
    other than 2) and ops without a rewrite are reported and the pass fails.
  }];
  let dependentDialects = [
    "::sparq::SparqDialect",
    "::mlir::sparse_tensor::SparseTensorDialect",
    "::mlir::tensor::TensorDialect",
    "::mlir::arith::ArithDialect",
    "::mlir::bufferization::BufferizationDialect",
    "::mlir::linalg::LinalgDialect",
  ];
}

//===----------------------------------------------------------------------===//
// Interop with upstream quant
//===----------------------------------------------------------------------===//

def SparqToQuant : Pass<"sparq-to-quant", "::mlir::ModuleOp"> {
  let summary = "Rewrites sparq quantization as upstream !quant.uniform types";
  let description = [{
    Rewrites `sparq.quantize` / `sparq.dequantize` on dense tensors whose
    scales and zero points are constants into `quant.qcast` / `quant.dcast`
    with the constant parameters folded into a `!quant.uniform` element type
    (per-tensor, per-axis, or sub-channel for group granularity). Codebooks,
    non-constant scales, rounding other than to nearest even and compressed
    formats cannot be expressed with `!quant.uniform`: each is reported at
    its op and the pass fails.

    Types: `si<B>` / `ui<B>` storage becomes `i<B>` / `u<B>`; symmetric
    quantization keeps its narrow range (`i8<-127:127>`), asymmetric the
    full range with its zero points; `channel(a)` is per-axis on `a`, and
    `group(a, g)` is sub-channel with block size `g` on `a` and 1 on every
    other axis (sparq's scale part shape). `sparq.assemble` of a dense
    quantized tensor becomes `quant.scast` of its values, `sparq.part values`
    a `quant.scast` back, `sparq.part scales` / `zero_points` the constants.
    Function results take the `!quant.uniform` type of the value returned
    (and calls the result types of their callee); a function argument of
    sparq quantized type carries its scales at run time and is reported, as
    is any other op on such tensors.

    The conversion keeps the meaning of the types (`real = s * (q - zp)`,
    values rounded half to even and saturated at the storage range), not the
    numerics of upstream's `--lower-quant-ops`, which truncates toward zero
    and does not saturate.

    ```mlir
    %q = sparq.quantize %x scales(%s : tensor<1xf32>) : tensor<4xf32>
        -> tensor<4xi8, #sparq.encoding<dense,
               quant = #sparq.quant<si8:f32, symmetric, tensor>>>
    // with %s = arith.constant dense<0.5> becomes
    %q = quant.qcast %x : tensor<4xf32>
        to tensor<4x!quant.uniform<i8<-127:127>:f32, 5.000000e-01>>
    ```
  }];
  let dependentDialects = [
    "::mlir::quant::QuantDialect",
    "::mlir::tensor::TensorDialect",
    "::mlir::arith::ArithDialect",
    "::mlir::func::FuncDialect",
  ];
}

def SparqFromQuant : Pass<"sparq-from-quant", "::mlir::ModuleOp"> {
  let summary = "Rewrites upstream !quant.uniform types as sparq quantization";
  let description = [{
    The inverse of `--sparq-to-quant`: `quant.qcast` / `quant.dcast` /
    `quant.scast` and function arguments and results of `!quant.uniform`
    tensor type become sparq ops on `#sparq.quant` tensors; the scales and
    zero points held in the type become `arith.constant` tensors passed as
    parts. Per-tensor, per-axis and sub-channel types are supported.

    Scheme rule: a signed type with the narrow range
    `[-(2^(B-1) - 1), 2^(B-1) - 1]` and all zero points 0 becomes
    `symmetric`; a type with the full range of its storage width becomes
    `asymmetric` (with an i32 zero-point part, even if all are 0); other
    ranges are reported. A sub-channel type becomes `group(a, g)` when its
    blocks are `g` along `a` and 1 along every other axis (`tensor` /
    `channel(a)` when they amount to those). Scales are rounded to the
    expressed type. `quant.qcast` becomes `sparq.quantize`, `quant.dcast`
    `sparq.dequantize`, `quant.scast` to a quantized tensor `sparq.assemble`
    of the integers, and back `sparq.part values`. Function arguments,
    results and call operands of `!quant.uniform` tensor type become the
    storage integer tensor, re-assembled with the constant parameters in the
    body: this is faithful because the quant type fixes the scales at compile
    time. Storage wider than 16 bits, `!quant.any` / `!quant.calibrated`,
    scalar, vector or unranked quant types and other ops on quant types are
    reported and the pass fails.

    The conversion keeps the meaning of the types, with sparq's numerics
    (round half to even, saturation), not those of upstream's
    `--lower-quant-ops`, which truncates toward zero.

    ```mlir
    %q = quant.qcast %x : tensor<4xf32> to tensor<4x!quant.uniform<u8:f32, 0.5:3>>
    // becomes
    %s = arith.constant dense<5.000000e-01> : tensor<1xf32>
    %z = arith.constant dense<3> : tensor<1xi32>
    %q = sparq.quantize %x scales(%s : tensor<1xf32>) zero_points(%z : tensor<1xi32>)
        : tensor<4xf32> -> tensor<4xi8, #sparq.encoding<dense,
              quant = #sparq.quant<ui8:f32, asymmetric, tensor>>>
    ```
  }];
  let dependentDialects = [
    "::sparq::SparqDialect",
    "::mlir::tensor::TensorDialect",
    "::mlir::arith::ArithDialect",
    "::mlir::func::FuncDialect",
  ];
}

//===----------------------------------------------------------------------===//
// Lowering to upstream compute
//===----------------------------------------------------------------------===//

def SparqToLinalg : Pass<"sparq-to-linalg", "::mlir::ModuleOp"> {
  let summary = "Reference lowering of sparq ops to tensor, linalg, scf and arith";
  let description = [{
    Lowers every sparq op to upstream ops on plain tensors: a compressed
    tensor is expanded into its parts (a 1:N type conversion, also across
    function boundaries), `pack`/`unpack` become loops that build or expand
    the format's arrays, `quantize`/`dequantize`/`requantize` become
    elementwise `linalg.generic`s with SparQ's rounding and saturation, and
    `matmul`/`conv2d` dequantize (or widen) their operands to dense tensors
    and use `linalg.matmul`/`linalg.conv_2d_*`. It is the exact but slow
    reference path that `--sparq-to-llvm` uses for anything the optimized
    lowerings do not handle.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::cf::ControlFlowDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

//===----------------------------------------------------------------------===//
// PE array
//===----------------------------------------------------------------------===//

def SparqToPE : Pass<"sparq-to-pe", "::mlir::ModuleOp"> {
  let summary = "Lowers integer sparq.matmul / conv2d ops to sparq_pe instructions";
  let description = [{
    Rewrites every rank-2 `sparq.matmul` with integer (2-, 4- or 8-bit,
    signed or unsigned, raw, symmetric or asymmetric) operands and an integer
    accumulator (integer or scaled float result) into a straight-line
    `sparq_pe` program for the module's
    `#sparq_pe.accelerator` (the defaults when there is none): the result
    is tiled over M and N (and K, see below) so that one activation tile
    `[TM, TK]`, one weight tile `[TK, TN]` and one accumulator tile fit the
    input, weight and output buffers; every tile is loaded, computed by the
    scheme's instructions into the accumulator, and stored. Sparse operands are unpacked first. A
    `sparq.conv2d` (either layout) is the matmul of its im2col matrix and its
    weight matrix, reshaped back.

    - `bitfusion` (default): one `sparq_pe.fused_mac` per tile holding the
      `(a/2) * (w/2)` BitBricks of every digit pair; exact.
    - `drq`: 8-bit activations only. `sparq_pe.region_select` marks the
      sensitive `region-rows x region-cols` regions (mean |x| above
      `threshold`, or the `top-fraction` r of regions, R = round-half-even(r *
      regions)); sensitive regions use an 8-bit `sparq_pe.mac`, the others a
      4-bit `sparq_pe.mac` of `sparq_pe.high_bits` (floor(x / 16)) shifted by
      4. The result is the DRQ approximation, equal to the exact product
      when every region is sensitive.
    - `atoms`: one `sparq_pe.atom_mac` per tile (2-bit atoms of the
      magnitudes, zero atoms and pruned zeros skipped); exact.
    - `bitmap`: `sparq_pe.bitmap_encode` of both tiles along K and one
      `sparq_pe.inner_join` (SparTen); exact.

    Integer accumulators only. Asymmetric operands (zero points per tensor or
    along the output dimension, constant or not) are multiplied as stored
    and corrected after the program from row sums of the activation and
    column sums of the weight; a float result gets the reference lowering's
    f64 rescale once per output (scales per tensor or along the output
    dimension). Both are ordinary `linalg.generic` ops tagged
    `sparq_pe.host_work` (work outside the array). A reduction too long for
    the buffers is split into K tiles whose partial sums stay in the
    accumulator. Float operands, codebooks, widths other than 2, 4 and 8,
    zero points or (with a float result) scales along the reduction,
    batched matmuls and bad options are diagnosed at the op or the module.
  }];
  let options = [
    Option<"scheme", "scheme", "std::string", "\"bitfusion\"",
           "bitfusion | drq | atoms | bitmap">,
    Option<"regionRows", "region-rows", "int64_t", "1",
           "DRQ region height (rows of the activation)">,
    Option<"regionCols", "region-cols", "int64_t", "16",
           "DRQ region width (columns of the activation, along K)">,
    Option<"threshold", "threshold", "int64_t", "16",
           "DRQ: a region is sensitive when its mean |x| exceeds this">,
    Option<"topFraction", "top-fraction", "double", "-1.0",
           "DRQ: the fraction r of regions (largest mean |x|) that are "
           "sensitive; replaces threshold when in [0, 1]">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect",
    "::sparq::pe::PEDialect",
  ];
}

def SparqPEToArith : Pass<"sparq-pe-to-arith", "::mlir::ModuleOp"> {
  let summary = "Lowers sparq_pe instructions to linalg.generic / scf / arith";
  let description = [{
    The bit-exact execution of PE programs: every `sparq_pe` instruction
    becomes tensor code that computes exactly its documented semantics digit
    by digit (BitBricks extract 2-bit digits and shift their products, atom
    MACs split magnitudes into 2-bit atoms, the inner join ANDs bitmaps and
    gathers operands through prefix popcounts). Loads and stores become
    `tensor.extract_slice` / `tensor.insert_slice`. Part of `--sparq-to-llvm`.
    The module's `sparq_pe.accelerator` and the `sparq_pe.host_work` tags of
    `sparq-to-pe` are dropped (the executed program no longer needs them).
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def SparqLowerDataflow : Pass<"sparq-lower-dataflow", "::mlir::ModuleOp"> {
  let summary = "Lowers sparq.matmul to inner / outer / row-wise loops on the operands' parts";
  let description = [{
    Lowers every rank-2 `sparq.matmul` with static shapes and a plain, `csr`,
    `csc`, `coo`, `bitmap` or `bcsr` result (not `nm`: a product is in
    general not N:M, a diagnostic) to `scf` / `memref` / `vector` / `arith`
    loops that follow
    its `dataflow`
    attribute (`auto` or absent: row-wise). The decisions are those of
    `sparq::planMatmulDataflow` (`include/sparq/Conversion/SparqToLoops/DataflowPlan.h`):
    the orientation (`C = A * B`, or `C^T = B^T * A^T` when only B is sparse,
    so the sparse operand drives the loops and the dense one is read along
    contiguous rows), and the layout conversions the dataflow needs.

    - row (Gustavson): `for m: for k in A[m,:]: C[m,:] += A[m,k] * B[k,:]`;
      with a dense B the output row is strip-mined into register tiles of
      `register-tile` vectors of `vector-lanes` lanes.
    - inner: `for m, n: C[m,n] = A[m,:] . B[:,n]`; with a dense B a
      register tile of n at a time, with a sparse B a two-pointer merge of
      the sorted coordinates (no branch per entry: selects), with two
      bitmaps an AND + popcount join of their words.
    - outer: `for k: for m in A[:,k]: for n in B[k,:]: C[m,n] += ...`, the
      partial products merged into the dense output as they are formed.

    Operands are taken with `sparq.part` and brought into the accumulator's
    domain once (dequantized per stored entry for a float accumulator,
    widened minus the zero point for an integer one); an integer accumulator
    with a float result is scaled once per output in f64. An integer product
    with a dense operand is accumulated in f32 when every partial sum is
    provably at most 2^24 in magnitude (exact, converted to the integer
    accumulator with `fptosi`), or, on the dense GEMM, when every sum over
    one of its 256-deep reduction blocks is (each block summed in f32,
    converted, and the block sums added in the integer accumulator);
    `exact-float-accumulation=false` turns both off; `print-plan` says
    which and why. A compressed
    result holds exactly what `sparq.pack` of the plain result would: the
    nonzero results (a `bcsr` block whole, zeros included, when one of its
    results is nonzero), in pack's layout and order; built line by line
    with a sparse accumulator (one block row for `bcsr`) under row-wise over
    two sparse operands; under row-wise or inner with a sparse left loop
    operand whose rows are the result's lines, computed and compacted a
    band of at most 8 lines (one block row) at a time; otherwise compacted
    from a dense M x N accumulator (docs/dataflow.md). Ops the plan
    rejects are left to `--sparq-to-linalg` unless their `dataflow` was
    explicit (`inner`, `outer`, `row`), which is an error.

    ```mlir
    %c = sparq.matmul %x, %w acc(f32) dataflow(row)
        : tensor<128x1024xf32>, tensor<1024x1024xf32, #sparq.encoding<csr>>
        -> tensor<128x1024xf32>
    // becomes loops over sparq.part values / positions / coordinates of %w
    ```
  }];
  let options = [
    Option<"parallel", "parallel", "bool", "false",
           "Run the outer loop of the product as scf.parallel (lowered to "
           "OpenMP by --sparq-to-llvm) when the op has enough work">,
    Option<"minParallelWork", "min-parallel-work", "int64_t", "1 << 22",
           "Dense M*N*K below which the loops stay sequential">,
    Option<"vectorLanes", "vector-lanes", "int64_t", "8",
           "Lanes of the vectors along the dense dimension">,
    Option<"registerTile", "register-tile", "int64_t", "8",
           "Accumulator vectors per register tile">,
    Option<"kBlocking", "k-blocking", "bool", "true",
           "Block the row kernels over a dense operand along K, so that the "
           "rows of it one block reads stay in L1 (N:M operands, and "
           "compressed constants: block positions computed in the compiler)">,
    Option<"kBlockSize", "k-block-size", "int64_t", "0",
           "K indices per block of the K-blocked row kernels (0: from the "
           "cache sizes and the density; rounded up to a multiple of an N:M "
           "group)">,
    Option<"kBlockRows", "k-block-rows", "int64_t", "0",
           "Rows of the sparse operand per row block of the K-blocked row "
           "kernels (0: from the cache sizes; rounded up to a multiple of "
           "vector-lanes with a transposed output)">,
    Option<"printPlan", "print-plan", "bool", "false",
           "Emit a remark with the plan of every lowered matmul">,
    Option<"exactFloatAccumulation", "exact-float-accumulation", "bool",
           "true",
           "Accumulate an integer product with a dense operand in f32 when "
           "the compiler bounds every partial sum (or, on the dense GEMM, "
           "every sum within a 256-deep reduction block, the block sums "
           "added in the integer type) by 2^24 (then bit-exact; "
           "docs/dataflow.md, Numerics)">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::bufferization::BufferizationDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
    "::mlir::vector::VectorDialect",
    "::sparq::SparqDialect",
  ];
}

#endif // SPARQ_CONVERSION_PASSES_TD
