//===- SparqOps.td - Operations of the sparq dialect -------*- tablegen -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_DIALECT_SPARQ_IR_SPARQOPS_TD
#define SPARQ_DIALECT_SPARQ_IR_SPARQOPS_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/Properties.td"
include "mlir/IR/CommonAttrConstraints.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "sparq/Dialect/Sparq/IR/SparqAttributes.td"

class Sparq_Op<string mnemonic, list<Trait> traits = []>
    : Op<Sparq_Dialect, mnemonic, traits>;

//===----------------------------------------------------------------------===//
// Quantization
//===----------------------------------------------------------------------===//

def Sparq_QuantizeOp : Sparq_Op<"quantize",
    [Pure, AttrSizedOperandSegments]> {
  let summary = "Quantizes a float tensor with given scales / zero points / codebook";
  let description = [{
    Maps every element `x` of a float tensor to the storage integer of the
    result's `#sparq.quant`:

    - symmetric: `q = clamp(round(x / s), -(2^(B-1) - 1), 2^(B-1) - 1)`;
    - asymmetric: `q = clamp(round(x / s) + zp, qmin, qmax)`; an input exactly
      0 maps to `zp`, so zeros stay zeros;
    - codebook: `q` = index of the nearest centroid (the lower index on a tie).

    `round` is the result's rounding mode (round half to even by default);
    out-of-range values saturate, NaN maps to 0 (to `zp` when asymmetric).
    `s`, `zp` and the codebook are the element of `scales`, `zero_points`
    (i32) and `codebook` for the element's granularity group. The result must
    be in the `dense` format; `sparq.pack` changes the format afterwards.

    ```mlir
    %q = sparq.quantize %w scales(%s : tensor<32xf32>)
        : tensor<64x32xf32> -> tensor<64x32xi8, #sparq.encoding<dense,
            quant = #sparq.quant<si8:f32, symmetric, channel(1)>>>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input,
                       Optional<AnyRankedTensor>:$scales,
                       Optional<AnyRankedTensor>:$zero_points,
                       Optional<AnyRankedTensor>:$codebook);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $input (`scales` `(` $scales^ `:` type($scales) `)`)?
    (`zero_points` `(` $zero_points^ `:` type($zero_points) `)`)?
    (`codebook` `(` $codebook^ `:` type($codebook) `)`)?
    attr-dict `:` type($input) `->` type($result)
  }];
  let hasVerifier = 1;
}

def Sparq_DequantizeOp : Sparq_Op<"dequantize", [Pure]> {
  let summary = "Maps a quantized tensor back to real values";
  let description = [{
    `real = s * q` (symmetric), `s * (q - zp)` (asymmetric) or `codebook[q]`,
    computed in the expressed type, using the scales / zero points / codebook
    carried by the operand. The storage format is kept: a quantized CSR tensor
    dequantizes to a float CSR tensor with the same sparsity pattern; a dense
    one to a plain tensor.

    ```mlir
    %w = sparq.dequantize %q : tensor<64x32xi8, #q8> -> tensor<64x32xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def Sparq_RequantizeOp : Sparq_Op<"requantize",
    [Pure, AttrSizedOperandSegments]> {
  let summary = "Re-expresses an integer tensor under new quantization parameters";
  let description = [{
    Converts a quantized tensor, or a raw integer tensor (for example the i32
    accumulator of a `sparq.matmul`) together with its `in_scales`, into the
    result's quantization: `q_out = clamp(round(real / s_out) + zp_out)`,
    where `real` is the input's real value. The rescale is computed exactly
    (in f64, whose 53-bit mantissa holds every i32 times an f32 scale) and
    then rounded with the result's rounding mode, saturating at the storage
    range. `in_scales` has the shape of the result's scales, or one element.

    ```mlir
    %y = sparq.requantize %acc in_scales(%sa : tensor<32xf32>)
        scales(%so : tensor<1xf32>) zero_points(%zo : tensor<1xi32>)
        : tensor<16x32xi32> -> tensor<16x32xi8, #a8>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input,
                       Optional<AnyRankedTensor>:$in_scales,
                       AnyRankedTensor:$scales,
                       Optional<AnyRankedTensor>:$zero_points);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $input (`in_scales` `(` $in_scales^ `:` type($in_scales) `)`)?
    `scales` `(` $scales `:` type($scales) `)`
    (`zero_points` `(` $zero_points^ `:` type($zero_points) `)`)?
    attr-dict `:` type($input) `->` type($result)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Storage formats
//===----------------------------------------------------------------------===//

def Sparq_PackOp : Sparq_Op<"pack", [Pure]> {
  let summary = "Compresses a dense tensor into a storage format";
  let description = [{
    Stores a dense tensor (plain, or quantized in the `dense` format) in the
    result's format. Element type and quantization are unchanged. An entry is
    dropped when its real value is zero (for asymmetric quantization: when
    `q` equals its zero point). N:M formats require at most N nonzeros in every
    group of M; a group with fewer is padded with explicit zeros at the lowest
    free positions. Packing a constant whose groups hold more than N nonzeros
    is a compile-time error; at run time it aborts with a message.

    ```mlir
    %c = sparq.pack %w : tensor<64x32xf32> -> tensor<64x32xf32, #sparq.encoding<csr>>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def Sparq_UnpackOp : Sparq_Op<"unpack", [Pure]> {
  let summary = "Expands a compressed tensor to the dense format";
  let description = [{
    The inverse of `sparq.pack`: the result holds the same elements in the
    `dense` format (a plain tensor when not quantized), with zeros (or zero
    points) where nothing is stored.

    ```mlir
    %d = sparq.unpack %c : tensor<64x32xf32, #sparq.encoding<csr>> -> tensor<64x32xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Sparq_AssembleOp : Sparq_Op<"assemble", [Pure, AttrSizedOperandSegments]> {
  let summary = "Builds a compressed tensor from its parts";
  let description = [{
    Makes one compressed value out of the arrays listed for its format and
    quantization in `#sparq.encoding`'s description. Exactly the parts the
    result type needs must be given, each with the part's type (a dynamic
    dimension of the part type accepts any size). No data are copied: this is
    how a compiler pass turns `dense_resource` constants into one weight.

    ```mlir
    %w = sparq.assemble values(%v : tensor<?xi8>) positions(%p : tensor<65xi32>)
        coordinates(%c : tensor<?xi32>) scales(%s : tensor<32xf32>)
        : tensor<64x32xi8, #q8csr>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$values,
                       Optional<AnyRankedTensor>:$positions,
                       Optional<AnyRankedTensor>:$coordinates,
                       Optional<AnyRankedTensor>:$bitmap,
                       Optional<AnyRankedTensor>:$metadata,
                       Optional<AnyRankedTensor>:$scales,
                       Optional<AnyRankedTensor>:$zero_points,
                       Optional<AnyRankedTensor>:$codebook);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    `values` `(` $values `:` type($values) `)`
    (`positions` `(` $positions^ `:` type($positions) `)`)?
    (`coordinates` `(` $coordinates^ `:` type($coordinates) `)`)?
    (`bitmap` `(` $bitmap^ `:` type($bitmap) `)`)?
    (`metadata` `(` $metadata^ `:` type($metadata) `)`)?
    (`scales` `(` $scales^ `:` type($scales) `)`)?
    (`zero_points` `(` $zero_points^ `:` type($zero_points) `)`)?
    (`codebook` `(` $codebook^ `:` type($codebook) `)`)?
    attr-dict `:` type($result)
  }];
  let extraClassDeclaration = [{
    /// The operand holding `kind`, or null when absent.
    ::mlir::Value getPart(::sparq::PartKind kind);
  }];
  let hasVerifier = 1;
}

def Sparq_FromBytesOp : Sparq_Op<"from_bytes", [Pure]> {
  let summary = "Reads sub-byte integers packed into a byte array";
  let description = [{
    Reinterprets a rank-1 `i8` tensor as the densely packed bits of a tensor
    of `B`-bit integers (`B` from 1 to 16): element `i` (row-major) is the
    `B` bits starting at bit `i * B` of the byte stream, least significant
    bit first (bit `k` of the stream is bit `k % 8` of byte `k / 8`). The byte
    count must be `ceil(numel * B / 8)`; unused high bits of the last byte are
    ignored. This is how compressed weights store 2-, 4- or 5-bit values and
    N:M metadata at their real size: the constant is the packed bytes, and
    the part that `sparq.assemble` takes is the unpacked tensor.

    ```mlir
    %v = sparq.from_bytes %packed : tensor<3xi8> -> tensor<2x3xi4>
    ```
  }];
  let arguments = (ins RankedTensorOf<[I8]>:$bytes);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$bytes attr-dict `:` type($bytes) `->` type($result)";
  let hasVerifier = 1;
}

def Sparq_PartOp : Sparq_Op<"part", [Pure]> {
  let summary = "Returns one array of a compressed tensor";
  let description = [{
    Returns the values, positions, coordinates, bitmap, N:M metadata, scales,
    zero points or codebook of a compressed tensor. The result type follows
    from the tensor type (see `#sparq.encoding`); asking for a part the format
    or quantization does not have is an error.

    ```mlir
    %pos = sparq.part positions of %w : tensor<64x32xi8, #q8csr> -> tensor<65xi32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$tensor, EnumProp<Sparq_PartKind>:$kind);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $kind `of` $tensor attr-dict `:` type($tensor) `->` type($result)
  }];
  let builders = [
    // The result type follows from the tensor type and the part kind.
    OpBuilder<(ins "::mlir::Value":$tensor, "::sparq::PartKind":$kind)>
  ];
  let hasVerifier = 1;
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Compute
//===----------------------------------------------------------------------===//

def Sparq_MatmulOp : Sparq_Op<"matmul", [Pure]> {
  let summary = "Matrix product of dense, sparse and/or quantized operands";
  let description = [{
    `C[m, n] = sum_k A[m, k] * B[k, n]` (with `transpose_b`, B is stored as
    `[N, K]`); a rank-3 `A` (and optionally `B`) adds a leading batch
    dimension. Either operand may be a plain tensor or a `#sparq.encoding`
    tensor (sparse and/or quantized).

    Products are accumulated in `acc`. An integer `acc` requires both
    operands to be integer (quantized or raw) and at least as wide as the sum
    of their bit widths; zero points are subtracted exactly (`(a - za)(b - zb)`).
    A float `acc` dequantizes quantized operands. The result element type is
    `acc`, or, for an integer `acc` with a quantized operand, a float type: then
    the scales are applied once per output element,
    `f32(f64(acc) * (f64(s_a) * f64(s_b)))` (the scales' product is exact in
    f64, so the operand order does not matter). The optional `dataflow`
    (`inner`, `outer`, `row`, `auto`) selects the sparse loop order; absent means
    the lowering chooses.

    ```mlir
    %c = sparq.matmul %a, %w acc(i32) dataflow(inner)
        : tensor<16x64xi8, #a8>, tensor<64x32xi8, #w8>
        -> tensor<16x32xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$lhs, AnyRankedTensor:$rhs,
                       TypeAttr:$acc_type,
                       UnitAttr:$transpose_b,
                       OptionalAttr<Sparq_DataflowAttr>:$dataflow);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs (`transpose_b` $transpose_b^)? `acc` `(` $acc_type `)`
    `` custom<OptionalKeywordEnum>($dataflow, "\"dataflow\"")
    attr-dict `:` type($lhs) `,` type($rhs) `->` type($result)
  }];
  let builders = [
    OpBuilder<(ins "::mlir::Type":$result, "::mlir::Value":$lhs,
                   "::mlir::Value":$rhs, "::mlir::Type":$accType,
                   CArg<"bool", "false">:$transposeB,
                   CArg<"std::optional<::sparq::Dataflow>", "std::nullopt">:$dataflow), [{
      build($_builder, $_state, result, lhs, rhs, accType, transposeB,
            dataflow ? ::sparq::DataflowAttr::get($_builder.getContext(), *dataflow)
                     : ::sparq::DataflowAttr());
    }]>
  ];
  let hasVerifier = 1;
}

def Sparq_Conv2DOp : Sparq_Op<"conv2d", [Pure]> {
  let summary = "2-D convolution of dense, sparse and/or quantized operands";
  let description = [{
    A 2-D convolution in the `nhwc_hwcf` (input `[N, H, W, C]`, filter
    `[KH, KW, C, F]`, result `[N, OH, OW, F]`) or `nchw_fchw` (input
    `[N, C, H, W]`, filter `[F, C, KH, KW]`, result `[N, F, OH, OW]`) layout,
    with `OH = (H + pad_top + pad_bottom - dh * (KH - 1) - 1) / sh + 1` (and the
    same for W). `padding` is `[top, bottom, left, right]` (zeros, or zero
    points for asymmetric inputs). Operand, accumulator and result types
    follow the rules of `sparq.matmul`; the filter is the im2col weight matrix
    `[KH*KW*C, F]` (resp. `[F, C*KH*KW]`) for sparse formats.

    ```mlir
    %y = sparq.conv2d %x, %f layout(nhwc_hwcf) acc(f32) strides = [2, 2]
        : tensor<1x32x32x3xf32>, tensor<3x3x3x16xf32> -> tensor<1x15x15x16xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$filter,
                       Sparq_ConvLayoutAttr:$layout,
                       TypeAttr:$acc_type,
                       DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$strides,
                       DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$dilations,
                       DefaultValuedAttr<DenseI64ArrayAttr, "{0, 0, 0, 0}">:$padding,
                       OptionalAttr<Sparq_DataflowAttr>:$dataflow);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $input `,` $filter custom<KeywordEnum>($layout, "\"layout\"")
    `acc` `(` $acc_type `)`
    (`strides` `=` $strides^)? (`dilations` `=` $dilations^)?
    (`padding` `=` $padding^)?
    `` custom<OptionalKeywordEnum>($dataflow, "\"dataflow\"")
    attr-dict `:` type($input) `,` type($filter) `->` type($result)
  }];
  let builders = [
    OpBuilder<(ins "::mlir::Type":$result, "::mlir::Value":$input,
                   "::mlir::Value":$filter, "::sparq::ConvLayout":$layout,
                   "::mlir::Type":$accType,
                   CArg<"::llvm::ArrayRef<int64_t>", "{1, 1}">:$strides,
                   CArg<"::llvm::ArrayRef<int64_t>", "{1, 1}">:$dilations,
                   CArg<"::llvm::ArrayRef<int64_t>", "{0, 0, 0, 0}">:$padding,
                   CArg<"std::optional<::sparq::Dataflow>", "std::nullopt">:$dataflow), [{
      build($_builder, $_state, result, input, filter,
            ::sparq::ConvLayoutAttr::get($_builder.getContext(), layout),
            ::mlir::TypeAttr::get(accType),
            $_builder.getDenseI64ArrayAttr(strides),
            $_builder.getDenseI64ArrayAttr(dilations),
            $_builder.getDenseI64ArrayAttr(padding),
            dataflow ? ::sparq::DataflowAttr::get($_builder.getContext(), *dataflow)
                     : ::sparq::DataflowAttr());
    }]>
  ];
  let hasVerifier = 1;
}

#endif // SPARQ_DIALECT_SPARQ_IR_SPARQOPS_TD
