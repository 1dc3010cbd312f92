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
    attached to the op as `sparq.sparsity` (f64), with the structure as
    `sparq.structure`, for later passes and reports.
    An op's own `sparq.prune` dictionary attribute (same keys as the options)
    overrides the options for that op; `ops=a,b` restricts the pass to ops
    whose location is `NameLoc` "a" or "b" (a name no contraction has is a
    warning). A pruned f32 weight can be pruned again; a weight another pass
    already packed, quantized or narrowed is an error at the op (prune
    first: docs/compression-order.md).

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
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    // Grouped convolutions are split into per-group linalg convolutions.
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect",
    "::sparq::SparqDialect"
  ];
}

def SparqQuantize : Pass<"sparq-quantize", "::mlir::ModuleOp"> {
  let summary = "Quantizes constant weights at compile time (linear or k-means)";
  let description = [{
    Quantizes the constant f32 weight of every `linalg.matmul`,
    `linalg.batch_matmul`, `linalg.matvec`, `linalg.conv_2d_nhwc_hwcf`,
    `linalg.conv_2d_nchw_fchw`, `sparq.matmul` and `sparq.conv2d` with
    SparQ's numerics library and replaces it by one quantized weight,
    `sparq.assemble`d from `dense_resource` parts (values stored one byte per
    element, two for more than 8 bits; f32 scales; i32 zero points; f32
    codebooks):

    - `symmetric` (`si<B>`, B in [2, 16]): `scale = max|w| / (2^(B-1) - 1)`,
      `q = clamp(round(w / scale), -(2^(B-1) - 1), 2^(B-1) - 1)`;
    - `asymmetric` (`ui<B>`, B in [1, 16]): over `[min(w, 0), max(w, 0)]`,
      `scale = range / (2^B - 1)`, `zp = clamp(round_half_even(-min / scale),
      0, 2^B - 1)`, `q = clamp(round(w / scale) + zp, 0, 2^B - 1)`;
    - `kmeans` (`ui<B>` codebook indices, B in [1, 8]): 2^B centroids per
      group by Lloyd's algorithm from linearly spaced centroids (at most 100
      iterations); `rounding` does not apply.

    `round` is `rounding` (`nearest_even`, `nearest_away`, `toward_zero`).
    An all-zero group gets scale 1. Exact zeros (pruned weights) stay exactly
    zero: they quantize to the zero point, and k-means pins centroid 0 to 0.0.

    Granularity: `tensor`; `channel` = the weight's output-channel axis (N of
    a matmul, F of a conv); `group` = `group-size` consecutive entries along
    the reduction axis (K of a matmul) within each output channel. A conv
    weight's reduction spans C, KH and KW: its groups run along the
    input-channel axis C (at a fixed kernel position and filter), so
    `group-size` must divide C.

    Consumers are rewritten to the sparq op that takes the quantized weight
    (with `acc(f32)`): `linalg.matmul` / `batch_matmul` become `sparq.matmul`
    with operands in place (the constant may be either operand),
    `linalg.matvec` becomes a `sparq.matmul` of the weight with the vector
    expanded to `[K, 1]` (the result collapsed back), `linalg.conv_2d_*`
    becomes `sparq.conv2d` with the same strides and dilations. A linalg init
    that is not +0.0 (a `linalg.fill` or splat constant) is kept by adding it
    to the product (`linalg.add`; the init is added once after the sum
    instead of being its starting value, which may round differently).
    `sparq.matmul` / `sparq.conv2d` take the quantized weight
    in place. The rewritten op carries `sparq.quant_mse`, the mean squared
    error of the dequantized weight.

    An op's own `sparq.quantize` dictionary attribute (keys `scheme`,
    `bits`, `granularity`, `group-size`, `rounding`) overrides the options for
    that op; `ops=a,b` restricts the pass to ops whose location is `NameLoc`
    "a" or "b" (a name no contraction has is a warning). A weight that is
    already quantized, packed or narrowed, or raw integers, is an error at
    the op (docs/compression-order.md).

    ```mlir
    // sparq-opt --sparq-quantize="scheme=symmetric bits=8 granularity=channel"
    %y = linalg.matmul ins(%x, %w : tensor<8x16xf32>, tensor<16x4xf32>) ...
    // becomes
    %q = sparq.assemble values(%v : tensor<16x4xi8>) scales(%s : tensor<4xf32>)
        : tensor<16x4xi8, #sparq.encoding<dense,
            quant = #sparq.quant<si8:f32, symmetric, channel(1)>>>
    %y = sparq.matmul %x, %q acc(f32) : tensor<8x16xf32>, tensor<16x4xi8, ...>
        -> tensor<8x4xf32>
    ```
  }];
  let options = [
    Option<"scheme", "scheme", "std::string", "\"symmetric\"",
           "symmetric, asymmetric or kmeans">,
    Option<"bits", "bits", "unsigned", "8",
           "storage bits (symmetric: 2-16, asymmetric: 1-16, kmeans: 1-8)">,
    Option<"granularity", "granularity", "std::string", "\"channel\"",
           "tensor, channel (output channels) or group (along the reduction)">,
    Option<"groupSize", "group-size", "int64_t", "32",
           "entries per group along the reduction axis (granularity=group)">,
    Option<"rounding", "rounding", "std::string", "\"nearest_even\"",
           "nearest_even, nearest_away or toward_zero">,
    ListOption<"ops", "ops", "std::string",
               "only quantize ops located at these NameLoc names">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect",
    "::sparq::SparqDialect"
  ];
}

def SparqFloatFormat : Pass<"sparq-float-format", "::mlir::ModuleOp"> {
  let summary = "Narrows constant weights to a 16- or 8-bit float format";
  let description = [{
    Rounds the constant f32 weight of every supported contraction (the ops
    of `sparq-quantize`) to `type` with round-to-nearest-even and the
    format's own overflow rule (infinity for f16, bf16, tf32 and f8E5M2; NaN
    for f8E4M3FN, which has no infinity), so that the compiled model computes
    with exactly the narrowed weights on CPU:

    - `f16`, `bf16`: the weight becomes a `dense_resource` constant of that
      type. `sparq.matmul` / `sparq.conv2d` take it as a float operand with
      their f32 accumulator; linalg ops are rebuilt with the narrow operand,
      which their body extends (`arith.extf`, exact) to the output type.
    - `tf32`, `f8E4M3FN`, `f8E5M2`: upstream's CPU lowering cannot compute
      with these types without the APFloat wrapper library, so the weight
      stays an f32 `dense_resource` constant that holds the narrowed values
      (every value of these formats is exactly an f32).

    The op is marked `sparq.float_format = "<type>"`. Weights that overflow
    to infinity or NaN are reported with a warning. `ops=a,b` restricts the
    pass to ops whose location is `NameLoc` "a" or "b" (a name no
    contraction has is a warning). A weight that is already quantized,
    packed, narrowed to f16 / bf16, or raw integers, is an error at the op
    (docs/compression-order.md).

    ```mlir
    // sparq-opt --sparq-float-format="type=f16"
    %w = arith.constant dense<...> : tensor<16x4xf32>
    %y = linalg.matmul ins(%x, %w : tensor<8x16xf32>, tensor<16x4xf32>) ...
    // becomes
    %w16 = arith.constant dense_resource<w> : tensor<16x4xf16>
    %y = linalg.matmul ins(%x, %w16 : tensor<8x16xf32>, tensor<16x4xf16>) ...
    ```
  }];
  let options = [
    Option<"type", "type", "std::string", "\"f16\"",
           "f16, bf16, tf32, f8E4M3FN or f8E5M2">,
    ListOption<"ops", "ops", "std::string",
               "only narrow the weights of ops located at these NameLoc names">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect"
  ];
}

def SparqPack : Pass<"sparq-pack", "::mlir::ModuleOp"> {
  let summary = "Stores constant weights in a compressed storage format";
  let description = [{
    Stores the weight of every `linalg.matmul`, `linalg.batch_matmul`,
    `linalg.matvec`, `linalg.conv_2d_nhwc_hwcf`, `linalg.conv_2d_nchw_fchw`,
    `sparq.matmul` and `sparq.conv2d` in `format`. The weight is a constant
    f32 tensor, or a quantized weight `sparq.assemble values(cst) scales(cst)
    [zero_points(cst) | codebook(cst)]` in the dense format (the output of
    `--sparq-quantize`). Each part of the chosen format (see
    `#sparq.encoding`) is built at compile time on raw buffers and stored as a
    `dense_resource` constant; values and N:M metadata narrower than 8 bits
    are stored as packed bytes (LSB first) and read with `sparq.from_bytes`.
    Scales, zero points and codebooks are carried over. The parts are
    `sparq.assemble`d into one compressed weight whose encoding records the
    op's `sparq.structure` (left by `--sparq-prune`) and the quantization.

    An entry is dropped when its real value is zero (for asymmetric weights:
    `q` equals the zero point of its group). The matrix view is the
    encoding's: `[K, N]` for a matmul weight, `[M, K]` for a weight on the
    left, `[KH*KW*C, F]` for an HWCF filter and `[F, C*KH*KW]` (`row_dims =
    1`) for an FCHW filter.

    `nm` groups `m` consecutive columns, which must be the reduction: a
    `[K, N]` matmul weight is stored transposed as `[N, K]` and consumed with
    `transpose_b`; an FCHW filter is already `[F, C*KH*KW]`; an HWCF filter
    (output channels along its columns) cannot be stored as `nm`. A group
    with more than `n` nonzeros is an error (prune with
    `--sparq-prune=structure=nm` first); fewer are padded with zeros.

    `auto` picks, per weight, the format with the fewest bytes (values at
    their packed size, indices at `pos-width` / `crd-width`, metadata at
    the smallest width that holds `m` positions), among the formats that can
    hold it; ties go to the first of dense, csr, csc, coo, bitmap, nm, bcsr.
    An f32 weight that stays dense is left as it is.

    Consumers: `sparq.matmul` / `sparq.conv2d` take the compressed weight in
    place. `linalg` ops become `sparq.matmul` / `sparq.conv2d` with
    `acc(<element type>)` (a matvec becomes a matmul with the vector
    expanded to `[K, 1]`); a linalg init that is not a zero fill is added to
    the product (`linalg.add`). `ops=a,b` restricts the pass to ops located
    at `NameLoc` "a" or "b" (a name no contraction has is a warning). A
    weight already packed in a sparse format, narrowed, or raw integers, is
    an error at the op (docs/compression-order.md).

    ```mlir
    // sparq-opt --sparq-pack="format=csr"
    %y = linalg.matmul ins(%x, %w : tensor<8x16xf32>, tensor<16x4xf32>) ...
    // becomes
    %w = sparq.assemble values(%v : tensor<9xf32>)
        positions(%p : tensor<17xi32>) coordinates(%c : tensor<9xi32>)
        : tensor<16x4xf32, #sparq.encoding<csr>>
    %y = sparq.matmul %x, %w acc(f32) : tensor<8x16xf32>,
        tensor<16x4xf32, #sparq.encoding<csr>> -> tensor<8x4xf32>
    ```
  }];
  let options = [
    Option<"format", "format", "std::string", "\"auto\"",
           "auto, dense, csr, csc, coo, bitmap, nm or bcsr">,
    Option<"n", "n", "unsigned", "2", "entries stored per group (nm)">,
    Option<"m", "m", "unsigned", "4", "group length in columns (nm)">,
    Option<"block", "block", "std::string", "\"4x4\"",
           "block size RxC of the weight matrix (bcsr)">,
    Option<"posWidth", "pos-width", "unsigned", "32",
           "bits of positions: 8, 16, 32 or 64">,
    Option<"crdWidth", "crd-width", "unsigned", "32",
           "bits of coordinates: 8, 16, 32 or 64">,
    ListOption<"ops", "ops", "std::string",
               "only pack the weights of ops located at these NameLoc names">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect",
    "::sparq::SparqDialect"
  ];
}

def SparqReport : Pass<"sparq-report", "::mlir::ModuleOp"> {
  let summary = "Reports the size and sparsity of every weight, and the "
                "dataflow counts and costs of every contraction, as JSON";
  let description = [{
    Walks the module and describes every weight of a `sparq.matmul` /
    `sparq.conv2d` (a `sparq.assemble` of constant parts, or a plain
    constant) and every constant weight of a `linalg` contraction: the op's
    location name, the shape, the pruning structure, the sparsity counted
    from the data (an entry is zero when its real value is: `q` equal to its
    zero point, or a codebook centroid equal to 0), the value bits, the
    format, the bytes before (the weight as a dense f32 tensor) and after
    (every part at its stored size: packed bytes for `sparq.from_bytes`
    parts), and the compression ratio; then the totals. The JSON goes to
    `file` (`-` is stdout, so use `-o` for the IR then); `summary=true`
    prints a short table to stdout. At least one of the two must be asked
    for. A weight shared by several ops is listed once. The IR is not
    changed.

    Under `dataflows`, every `sparq.matmul` / `sparq.conv2d` gets the
    counts of the three dataflows (inner: `a_reads`, `b_reads`,
    `intersection_steps`, `c_writes`; outer: `a_reads`, `b_reads`,
    `partial_products`, `merge_traffic`; row: `a_reads`, `b_reads`,
    `c_updates`; `effectual_macs` and the partial-sum granularity of each),
    the machine model's estimated time of each (the options are those of
    `--sparq-select-dataflow`), the dataflow the op runs with (its
    `dataflow` attribute, else the cost model's choice) and why. Counts are
    JSON integers when exact and expectations when a run-time operand's
    density was assumed (`"exact": false`). See `docs/cost-model.md`.

    ```mlir
    // sparq-opt --sparq-report="file=report.json summary=true"
    ```
  }];
  let options = [
    Option<"file", "file", "std::string", "\"\"",
           "where to write the JSON report (- for stdout; empty: none)">,
    Option<"summary", "summary", "bool", "false",
           "also print a human-readable table to stdout">,
    Option<"assumedDensity", "assumed-density", "double", "0.5",
           "density assumed for a run-time csr/csc/coo/bitmap/bcsr operand">,
    Option<"cacheBytes", "cache-bytes", "int64_t", "2097152",
           "bytes of the cache that holds reused data (per-core L2)">,
    Option<"bandwidth", "bandwidth", "double", "10.0",
           "memory bandwidth of one core in GB/s">,
    Option<"cacheBandwidth", "cache-bandwidth", "double", "64.0",
           "bandwidth of the cache for partial sums loaded and stored per "
           "update, in GB/s">,
    Option<"computeRate", "compute-rate", "double", "2.0",
           "scalar multiply-accumulates (or merge steps) per ns">,
    Option<"vectorBits", "vector-bits", "unsigned", "256",
           "bits of a vector register the generated code uses (0: the "
           "host's, as --sparq-to-llvm's vector-lanes=0)">,
    Option<"gemmRate", "gemm-rate", "double", "2.44",
           "scalar multiply-accumulates per ns per lane of the dense GEMM "
           "(the sparse kernels' is compute-rate)">,
    Option<"entryOverhead", "entry-overhead", "double", "3.0",
           "vector steps of loop work per stored entry per column chunk of "
           "the sparse x dense register-tile kernels (0: none)">,
    Option<"denseAlternative", "dense-alternative", "bool", "true",
           "also cost dataflow(dense) (decompress, then the dense GEMM) and "
           "pick it when it is cheaper">,
  ];
}

def SparqSelectDataflow : Pass<"sparq-select-dataflow", "::mlir::ModuleOp"> {
  let summary = "Sets the dataflow (inner, outer, row, dense) of every "
                "sparq.matmul and sparq.conv2d";
  let description = [{
    With `policy=inner|outer|row`, sets that `dataflow` on every
    `sparq.matmul` / `sparq.conv2d` (or on those named by `ops=`). With
    `policy=cost` (the default), views each op as
    `C[M, N] = A[M, K] * B[K, N]` (a conv2d through im2col:
    `X[N*OH*OW, KH*KW*C] * S[KH*KW*C, F]`), counts the work and traffic of
    the three dataflows exactly (effectual MACs, operand reads, merge steps
    of the inner product's index intersection, partial products and merge
    traffic of the outer product, partial-sum updates of the row-wise
    product), and picks the one with the lowest estimated time on the
    machine model:
    `time = ops / (compute-rate * lanes) + missed bytes / bandwidth +
    partial-sum bytes in the cache / cache-bandwidth`.
    It also costs `dense` (decompress every sparse operand, a run-time one
    by a scatter into a zeroed buffer, a constant one in the compiler for
    free, then the dense GEMM: M * N * K MACs at `gemm-rate` per lane) and
    picks it when it is cheaper than the best of the three.

    Patterns: a constant operand (an `arith.constant`, or a `sparq.assemble`
    of constant parts in any format) has an exact pattern, read from its
    index parts; a dense operand stores every entry; a run-time operand in
    `nm<N, M>` stores N / M of its entries, and one in another sparse format
    is assumed to store `assumed-density` of them, independently at random
    (its counts are then expectations). The formulas, the machine model and
    an example are in `docs/cost-model.md`; `--sparq-report` prints the
    counts, the costs and the reason for each op.

    ```mlir
    // sparq-opt --sparq-select-dataflow="policy=cost cache-bytes=1048576"
    %c = sparq.matmul %x, %w acc(f32) dataflow(row)
        : tensor<128x1024xf32>, tensor<1024x1024xf32, #csr> -> tensor<128x1024xf32>
    ```
  }];
  let options = [
    Option<"policy", "policy", "std::string", "\"cost\"",
           "cost (cheapest under the machine model), inner, outer, row or "
           "dense (decompress, then the dense GEMM)">,
    Option<"assumedDensity", "assumed-density", "double", "0.5",
           "density assumed for a run-time csr/csc/coo/bitmap/bcsr operand">,
    Option<"cacheBytes", "cache-bytes", "int64_t", "2097152",
           "bytes of the cache that holds reused data (per-core L2)">,
    Option<"bandwidth", "bandwidth", "double", "10.0",
           "memory bandwidth of one core in GB/s">,
    Option<"cacheBandwidth", "cache-bandwidth", "double", "64.0",
           "bandwidth of the cache for partial sums loaded and stored per "
           "update, in GB/s">,
    Option<"computeRate", "compute-rate", "double", "2.0",
           "scalar multiply-accumulates (or merge steps) per ns">,
    Option<"vectorBits", "vector-bits", "unsigned", "256",
           "bits of a vector register the generated code uses (0: the "
           "host's, as --sparq-to-llvm's vector-lanes=0)">,
    Option<"gemmRate", "gemm-rate", "double", "2.44",
           "scalar multiply-accumulates per ns per lane of the dense GEMM "
           "(the sparse kernels' is compute-rate)">,
    Option<"entryOverhead", "entry-overhead", "double", "3.0",
           "vector steps of loop work per stored entry per column chunk of "
           "the sparse x dense register-tile kernels (0: none)">,
    Option<"denseAlternative", "dense-alternative", "bool", "true",
           "also cost dataflow(dense) (decompress, then the dense GEMM) and "
           "pick it when it is cheaper">,
    ListOption<"ops", "ops", "std::string",
               "only ops with these location names (default: all)">,
  ];
  let dependentDialects = ["::sparq::SparqDialect"];
}

def SparqQuantizeActivations
    : Pass<"sparq-quantize-activations", "::mlir::ModuleOp"> {
  let summary = "Dynamic or calibrated quantization of activations: integer matmul / conv";
  let description = [{
    Makes every `sparq.matmul` / `sparq.conv2d` whose weight is linearly
    quantized (run `--sparq-quantize` first) consume quantized activations
    too, so that W8A8, W4A8 and W4A4 layers run as integer arithmetic
    (`acc(i32)`, result still f32 with the scales applied once per output).
    The activation is the operand that is a plain f32 tensor (the lhs of a
    matmul, the input of a conv). Its scale is computed at run time from the
    actual values with the same rules as the weights' (docs/design.md):

    - `symmetric` (`si<B>`): `scale = f32(f64(max|x|) / (2^(B-1) - 1))`;
    - `asymmetric` (`ui<B>`): over `[min(x, 0), max(x, 0)]`,
      `scale = f32(f64(hi - lo) / (2^B - 1))`,
      `zp = clamp(round_half_even(f64(-lo) / f64(scale)), 0, 2^B - 1)`;

    an all-zero range gives scale 1; NaNs are ignored by the range and
    quantize to the zero point. `granularity=tensor` computes one scale per
    tensor, `granularity=row` one per row of a rank-2 matmul activation
    (`channel(0)`: one scale per token). The
    values are then quantized by `sparq.quantize` (round half to even,
    saturating). `ops=a,b` restricts the pass to ops located at those
    `NameLoc` names (a name no contraction has is a warning). An activation
    that is already quantized (the pass ran on the op before) or not f32 is
    an error at the op; a contraction whose weight is not linearly quantized
    (a float or codebook weight, a linalg op) gets a warning and keeps f32
    activations.

    With `calibration=FILE.json` (written by `sparq-calibrate`, see
    docs/calibration.md) the scales are static: each activation's range,
    recorded under its key (the op's `NameLoc` name, or `#N` for the N-th
    contraction), by the chosen `observer` (`minmax`, `percentile` or `mse`)
    gives a per-tensor scale and zero point by the same rule, emitted as
    constants. A missing or malformed file, an activation missing from it,
    or an observer it did not record is an error.

    ```mlir
    // sparq-opt --sparq-quantize-activations="bits=8 scheme=asymmetric"
    %y = sparq.matmul %x, %w acc(f32) : tensor<4x16xf32>, tensor<16x8xi8, #w8> -> tensor<4x8xf32>
    // becomes (scale and zero point computed from %x at run time)
    %q = sparq.quantize %x scales(%s : tensor<1xf32>) zero_points(%z : tensor<1xi32>)
        : tensor<4x16xf32> -> tensor<4x16xi8, #a8>
    %y = sparq.matmul %q, %w acc(i32) : tensor<4x16xi8, #a8>, tensor<16x8xi8, #w8> -> tensor<4x8xf32>
    ```
  }];
  let options = [
    Option<"scheme", "scheme", "std::string", "\"symmetric\"",
           "symmetric or asymmetric">,
    Option<"bits", "bits", "unsigned", "8",
           "activation bits (symmetric: 2-16, asymmetric: 1-16)">,
    Option<"granularity", "granularity", "std::string", "\"tensor\"",
           "tensor (one scale) or row (one scale per matmul row)">,
    ListOption<"ops", "ops", "std::string",
               "only change ops located at these NameLoc names">,
    Option<"calibration", "calibration", "std::string", "\"\"",
           "JSON file written by sparq-calibrate: emit static scales and "
           "zero points from its recorded ranges instead of computing them "
           "at run time">,
    Option<"observer", "observer", "std::string", "\"minmax\"",
           "with calibration=: which recorded range gives the scale "
           "(minmax, percentile or mse)">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect",
    "::mlir::tensor::TensorDialect",
    "::sparq::SparqDialect"
  ];
}

def SparqMixedPrecision : Pass<"sparq-mixed-precision", "::mlir::ModuleOp"> {
  let summary = "Chooses the bits of every weight (and its outlier channels) "
                "to minimize the quantization error within a size budget";
  let description = [{
    Treats the constant f32 weight of every contraction `--sparq-quantize`
    handles as a layer, and quantizes each layer at one of the `candidates`
    bit widths, chosen so that the total weighted quantization error is the
    smallest possible within the size budget:

    - For each layer and candidate `b`, the weight is quantized and
      dequantized with SparQ's numerics library exactly as `--sparq-quantize`
      would (`scheme`, `granularity`, `group-size`; round half to even). The
      error of a layer is its total squared error `SSE = MSE * numel` (the
      MSE weighted by the number of weight elements; NaNs are not counted).
    - The size of a layer is `bits * entries` summed over what it stores:
      `numel * b`, or with outliers `(numel - numel_out) * b + numel_out *
      outlier-bits`. Scales, zero points and codebooks are not counted (the
      same for every candidate at a given granularity).
    - The budget is `budget` (total bits) or `avg-bits` (bits per weight
      element over all layers: `budget = floor(avg-bits * sum(numel))`);
      exactly one is given.
    - The assignment minimizes `sum SSE` subject to `sum size <= budget`
      (a multiple-choice knapsack), solved exactly by dynamic programming
      over the Pareto frontier of (size, error) of the layers seen so far:
      a partial assignment that is not smaller than another one with no
      larger error is dropped. The frontier never has more points than
      distinct sizes (<= budget / gcd of sizes) nor than |candidates|^L, so
      the cost is O(L * |F| * |candidates|) with |F| capped at 2^20 points
      (a diagnostic beyond). Ties in error go to the smaller size, then to
      the earliest-found (narrower bits for earlier layers).

    Outlier channels (`outlier-fraction > 0`): in each layer the
    `round_half_even(outlier-fraction * channels)` output channels with the
    largest max|w| (ties: lower index) are kept at `outlier-bits`. The weight
    is split exactly: `W_low` is the weight with the outlier channels zeroed,
    quantized at the layer's bits, and `W_out` holds only the outlier
    channels (the rest zero), quantized at `outlier-bits`; both are full-size
    dense quantized weights. The op is rewritten to take `W_low`, a clone of
    it takes `W_out`, and the two products are added (`linalg.add`). Zeros
    stay exactly zero under every scheme, so `deq(W_low) + deq(W_out)` is the
    layer's effective weight and each element's error comes from one part.
    The budget counts only the entries each part represents (the zero
    channels of `W_out` are what `--sparq-pack` with a sparse format drops;
    its index bits are not counted).

    Each op is rewritten exactly as `--sparq-quantize` would with the chosen
    bits and tagged `sparq.bits` and `sparq.quant_mse` (the MSE of its own
    weight part over all `numel` elements, so the parts' values add up to
    the layer's MSE); an outlier split also tags the first op
    `sparq.outlier_channels` and its clone `sparq.outlier_part`. `report=FILE`
    (`-` for stdout) writes JSON: per layer the candidates' sizes, SSEs and
    MSEs, the outlier channels, the chosen bits; the budget, the totals, and
    why: the frontier points right below and above the chosen one (the
    cheaper assignment that loses more error, and the better one that does
    not fit) and each layer's marginal trade-offs (one step narrower or
    wider). `ops=a,b` restricts the pass to ops located at `NameLoc` "a" or
    "b" (a name no contraction has is a warning); a weight already
    quantized, packed or narrowed is an error at the op. Widths other than 8
    and 16 lower after `--sparq-pack`.

    ```mlir
    // sparq-opt --sparq-mixed-precision="candidates=2,4,8 avg-bits=5 report=-"
    %y = linalg.matmul ins(%x, %w : tensor<8x16xf32>, tensor<16x4xf32>) ...
    // becomes (the knapsack chose 4 bits for this layer)
    %q = sparq.assemble values(%v : tensor<16x4xi4>) scales(%s : tensor<4xf32>)
        : tensor<16x4xi4, #sparq.encoding<dense,
            quant = #sparq.quant<si4:f32, symmetric, channel(1)>>>
    %y = sparq.matmul %x, %q acc(f32) {sparq.bits = 4 : i64, sparq.quant_mse = ...}
        : tensor<8x16xf32>, tensor<16x4xi4, ...> -> tensor<8x4xf32>
    ```
  }];
  let options = [
    ListOption<"candidates", "candidates", "int64_t",
               "candidate bit widths (distinct)">,
    Option<"budget", "budget", "int64_t", "-1",
           "size budget in bits, summed over all layers">,
    Option<"avgBits", "avg-bits", "double", "0.0",
           "size budget as average bits per weight element (instead of budget)">,
    Option<"outlierFraction", "outlier-fraction", "double", "0.0",
           "fraction of output channels kept at outlier-bits, in [0, 1)">,
    Option<"outlierBits", "outlier-bits", "int64_t", "16",
           "bits of the outlier channels">,
    Option<"scheme", "scheme", "std::string", "\"symmetric\"",
           "symmetric, asymmetric or kmeans">,
    Option<"granularity", "granularity", "std::string", "\"channel\"",
           "tensor, channel (output channels) or group (along the reduction)">,
    Option<"groupSize", "group-size", "int64_t", "32",
           "entries per group along the reduction axis (granularity=group)">,
    Option<"report", "report", "std::string", "\"\"",
           "where to write the JSON report (- for stdout; empty: none)">,
    ListOption<"ops", "ops", "std::string",
               "only quantize ops located at these NameLoc names">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect",
    "::sparq::SparqDialect"
  ];
}

def SparqAdoptLinalg : Pass<"sparq-adopt-linalg", "::mlir::ModuleOp"> {
  let summary = "Replaces plain f32 linalg contractions by the sparq ops computing them";
  let description = [{
    An uncompressed model's contractions are plain f32 linalg ops, which the
    upstream lowering runs as scalar loops. This pass replaces each
    `linalg.matmul` / `linalg.batch_matmul` (without user-defined
    `indexing_maps`) and `linalg.matvec` (`matmuls=true`) and each
    `linalg.conv_2d_nhwc_hwcf` / `linalg.conv_2d_nchw_fchw`
    (`convolutions=true`) whose operands are all static f32 tensors without
    an encoding by the `sparq.matmul` / `sparq.conv2d` computing it with
    `acc(f32)`, so it takes the dataflow lowerings (`--sparq-to-llvm` runs
    this pass first). A `+0.0` init (a fill or splat) is dropped, since the
    sparq ops start their sums from +0.0; any other init is added after the
    product with `linalg.add` (float results then differ from linalg's by
    reassociation and FMA contraction, within the dataflow lowerings' float
    tolerance). A matvec
    `y = A x` becomes `A * x[K, 1]`, collapsed back. Discardable attributes
    move over (except `linalg.*`). Everything else is left as it is.

    ```mlir
    %0 = linalg.fill ins(%zero : f32) outs(%e : tensor<100x128xf32>) -> tensor<100x128xf32>
    %1 = linalg.matmul ins(%x, %w : tensor<100x400xf32>, tensor<400x128xf32>)
                       outs(%0 : tensor<100x128xf32>) -> tensor<100x128xf32>
    // becomes
    %1 = sparq.matmul %x, %w acc(f32)
        : tensor<100x400xf32>, tensor<400x128xf32> -> tensor<100x128xf32>
    ```
  }];
  let options = [
    Option<"matmuls", "matmuls", "bool", /*default=*/"true",
           "Replace linalg.matmul, linalg.batch_matmul and linalg.matvec">,
    Option<"convolutions", "convolutions", "bool", /*default=*/"true",
           "Replace linalg.conv_2d_nhwc_hwcf and linalg.conv_2d_nchw_fchw">
  ];
  let dependentDialects = [
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect",
    "::sparq::SparqDialect"
  ];
}

def SparqConv2DToMatmul : Pass<"sparq-conv2d-to-matmul", "::mlir::ModuleOp"> {
  let summary = "Rewrites sparq.conv2d as im2col + a rank-2 sparq.matmul";
  let description = [{
    Rewrites each `sparq.conv2d` (any strides, dilations and padding, any
    batch) as one rank-2 `sparq.matmul` with the filter in its stored order:
    `nhwc_hwcf` as `X[N*OH*OW, KH*KW*C] * S[KH*KW*C, F]`, expanded back to
    `[N, OH, OW, F]`; `nchw_fchw` as `S[F, C*KH*KW] * X^T[C*KH*KW, N*OH*OW]`,
    expanded to `[F, N, OH, OW]` and transposed to `[N, F, OH, OW]` (a
    reshape when N = 1). The input is padded with the value the reference
    lowering pads with (0, or the stored zero point of an asymmetric
    activation), gathered by a `linalg.generic` and collapsed (im2col); the
    filter is its im2col matrix view (a `tensor.collapse_shape` of a plain
    filter; for an encoded filter the same parts, re-assembled as a rank-2
    tensor with the same format and quantization, HWCF `channel(3)` scales
    becoming `channel(1)`, FCHW `channel(0)` staying `channel(0)`); the
    `sparq.matmul` keeps `acc`, `dataflow` and discardable attributes. The
    result is the reference lowering's, bit for bit for integers (same pad
    value; reduction order kh, kw, c for nhwc and c, kh, kw for nchw, as
    linalg's). Filters whose scales (and zero points) are grouped along C
    are rewritten too, with the K order (kh, kw, c), in which each group of
    g channels at one kernel position is a contiguous run of K: HWCF
    `group(2, g)` keeps its parts (any format), its `[KH, KW, C/g, F]`
    parameters collapsed to `group(0, g)` of `[KH*KW*C, F]`; a dense FCHW
    `group(1, g)` filter whose parts are constants is permuted in the
    compiler to the `[F, KH*KW*C]` matrix with `group(1, g)`, the input
    gathered in the order (kh, kw, c) to match (float sums then differ from
    the reference by reassociation only; integer sums are equal). Left
    unchanged: dynamic shapes, an encoded result, an input that is sparse or
    has per-channel/group or codebook quantization, a sparse filter whose
    matrix view is not the im2col matrix (`row_dims` other than 3 for HWCF,
    other than 1 for FCHW), a filter with scales along KH or KW, or along C
    per channel, a compressed FCHW filter grouped along C, or a dense one
    whose parts are not constants. With `linalg=true` (default),
    plain f32 `linalg.conv_2d_nhwc_hwcf` / `linalg.conv_2d_nchw_fchw` ops on
    static tensors are first replaced by the `sparq.conv2d` computing them (a
    `+0.0` init dropped, another init added after), so uncompressed models
    take the same path.

    ```mlir
    %y = sparq.conv2d %x, %w layout(nhwc_hwcf) acc(f32) strides = [2, 2]
        : tensor<1x9x9x2xf32>, tensor<3x3x2x4xf32, #csr> -> tensor<1x4x4x4xf32>
    // becomes
    %s = sparq.assemble values(..) positions(..) coordinates(..)
        : tensor<18x4xf32, #csr>
    %m = sparq.matmul %im2col, %s acc(f32)
        : tensor<16x18xf32>, tensor<18x4xf32, #csr> -> tensor<16x4xf32>
    %y = tensor.expand_shape %m [[0, 1, 2], [3]] output_shape [1, 4, 4, 4]
        : tensor<16x4xf32> into tensor<1x4x4x4xf32>
    ```
  }];
  let options = [
    Option<"linalg", "linalg", "bool", /*default=*/"true",
           "Also rewrite plain f32 linalg.conv_2d_nhwc_hwcf / conv_2d_nchw_fchw "
           "on static tensors (an uncompressed model) through im2col, as the "
           "sparq.conv2d that computes them">,
    Option<"printSkipped", "print-skipped", "bool", /*default=*/"false",
           "Emit a remark at each sparq.conv2d left as it is, saying why (it "
           "then takes the reference lowering)">
  ];
  let dependentDialects = [
    "::mlir::affine::AffineDialect",
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect",
    "::sparq::SparqDialect"
  ];
}

def SparqUnbatchMatmul : Pass<"sparq-unbatch-matmul", "::mlir::ModuleOp"> {
  let summary = "Rewrites batched sparq.matmul as rank-2 sparq.matmuls";
  let description = [{
    Turns each `sparq.matmul` with a rank-3 lhs `[B, M, K]` (static shapes,
    plain result) into rank-2 products, so the dataflow lowerings
    (`sparq-lower-dataflow`) apply:

    - with a shared rank-2 rhs (a weight), one `[B*M, K] x [K, N]` product:
      the lhs is collapsed (a plain tensor, or an encoded one whose parts are
      those of `[B*M, K]`: dense, or a sparse format with the default
      `row_dims`; quantized per tensor, per channel of K, or per group along
      M or K) and the result expanded back to `[B, M, N]`;
    - otherwise (a rank-3 rhs, or an lhs that cannot be collapsed) one
      `scf.for` over the batch whose body takes batch `b` of each operand
      with `tensor.extract_slice` (a dense encoded operand: its values and
      any quantization parameter with a batch axis; per-channel-of-B scales
      become per-tensor), multiplies the rank-2 slices and inserts the
      `[M, N]` product into the result.

    `acc`, `transpose_b`, `dataflow` and discardable attributes carry over.
    Exact: each output is the same sum. Left unchanged (reference lowering):
    dynamic shapes, an encoded result, and in the loop form a sparse operand
    or group quantization along B.

    ```mlir
    %c = sparq.matmul %x, %w acc(f32)
        : tensor<4x8x16xf32>, tensor<16x32xf32, #csr> -> tensor<4x8x32xf32>
    // becomes
    %x2 = tensor.collapse_shape %x [[0, 1], [2]]
        : tensor<4x8x16xf32> into tensor<32x16xf32>
    %m = sparq.matmul %x2, %w acc(f32)
        : tensor<32x16xf32>, tensor<16x32xf32, #csr> -> tensor<32x32xf32>
    %c = tensor.expand_shape %m [[0, 1], [2]] output_shape [4, 8, 32]
        : tensor<32x32xf32> into tensor<4x8x32xf32>
    ```
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
    "::sparq::SparqDialect"
  ];
}

#endif // SPARQ_DIALECT_SPARQ_TRANSFORMS_PASSES_TD
