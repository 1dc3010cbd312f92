//===- PEOps.td - Instructions of the sparq_pe dialect -----*- tablegen -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_DIALECT_PE_IR_PEOPS_TD
#define SPARQ_DIALECT_PE_IR_PEOPS_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/CommonAttrConstraints.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "sparq/Dialect/PE/IR/PEAttributes.td"

class PE_Op<string mnemonic, list<Trait> traits = []>
    : Op<PE_Dialect, mnemonic, traits>;

/// A statically shaped tensor of signless integers (a tile).
def PE_Tile : Type<And<[AnyStaticShapeTensor.predicate,
                        CPred<"::llvm::cast<::mlir::ShapedType>($_self)"
                              ".getElementType().isSignlessInteger()">,
                        CPred<"!::llvm::cast<::mlir::RankedTensorType>($_self)"
                              ".getEncoding()">]>,
                   "statically shaped tensor of signless integers without encoding",
                   "::mlir::RankedTensorType">;

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

def PE_LoadOp : PE_Op<"load", [Pure]> {
  let summary = "Moves a tile from global memory into an on-chip buffer";
  let description = [{
    `result = source[offsets : offsets + shape(result)]`: reads the tile of
    `source` (global memory) starting at `offsets` whose shape is the
    result's, and places it in `buffer` (`input`, `weight` or `output`). The
    element type is kept. Every element moves once from global memory to the
    buffer: `numel(result) * bits / 8` bytes (sub-byte elements are counted
    at their width).

    ```mlir
    %t = sparq_pe.load %x [0, 16] into input : tensor<32x64xi8> -> tensor<32x16xi8>
    ```
  }];
  let arguments = (ins PE_Tile:$source, DenseI64ArrayAttr:$offsets,
                       PE_BufferAttr:$buffer);
  let results = (outs PE_Tile:$result);
  let assemblyFormat = [{
    $source $offsets `into` $buffer attr-dict `:` type($source) `->` type($result)
  }];
  let hasVerifier = 1;
}

def PE_StoreOp : PE_Op<"store", [Pure, AllTypesMatch<["dest", "result"]>]> {
  let summary = "Moves a tile from the output buffer to global memory";
  let description = [{
    `result = dest` with `result[offsets : offsets + shape(tile)] = tile`: the
    tile leaves the output buffer and is written to global memory.

    ```mlir
    %y1 = sparq_pe.store %tile into %y0 [0, 16] : tensor<32x16xi32> into tensor<32x64xi32>
    ```
  }];
  let arguments = (ins PE_Tile:$tile, PE_Tile:$dest, DenseI64ArrayAttr:$offsets);
  let results = (outs PE_Tile:$result);
  let assemblyFormat = [{
    $tile `into` $dest $offsets attr-dict `:` type($tile) `into` type($dest)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Multiply-accumulate
//===----------------------------------------------------------------------===//

def PE_MacOp : PE_Op<"mac", [Pure, AllTypesMatch<["acc", "result"]>]> {
  let summary = "Multiply-accumulate at a given operand precision (multi-precision PE)";
  let description = [{
    `result[m, n] = acc[m, n] + sum_k [sel(m, k)] (a[m, k] * w[k, n]) << shift`
    for `a: [M, K] x iA`, `w: [K, N] x iW`, `acc: [M, N] x iC`. The operand
    precision is the element width (A-bit x W-bit); each operand is read as
    `signed` (two's complement) or `unsigned`. Arithmetic is exact in iC
    (which must have at least A + W + shift bits; sums over K wrap modulo 2^C).

    With `regions(%mask, class, [RH, RW])`, `sel(m, k)` is true when the DRQ
    region `(m / RH, k / RW)` of `mask` (`[ceil(M/RH), ceil(K/RW)] x i1`) is
    set (`sensitive`) or clear (`insensitive`); without it every position is
    computed. One MAC costs `mac4_cycles` when A <= 4 and `mac8_cycles` when
    A > 4 (see `#sparq_pe.accelerator`).

    ```mlir
    %r = sparq_pe.mac %hi(signed), %w(signed), %acc shift(4)
        regions(%mask : tensor<2x2xi1>, insensitive, [2, 4])
        : tensor<4x8xi4>, tensor<8x3xi8>, tensor<4x3xi32>
    ```
  }];
  let arguments = (ins PE_Tile:$a, PE_SignednessAttr:$a_sign,
                       PE_Tile:$w, PE_SignednessAttr:$w_sign,
                       PE_Tile:$acc,
                       Optional<PE_Tile>:$mask,
                       DefaultValuedAttr<I64Attr, "0">:$shift,
                       OptionalAttr<PE_RegionClassAttr>:$region_class,
                       OptionalAttr<DenseI64ArrayAttr>:$region_size);
  let results = (outs PE_Tile:$result);
  let assemblyFormat = [{
    $a `(` $a_sign `)` `,` $w `(` $w_sign `)` `,` $acc
    (`shift` `(` $shift^ `)`)?
    (`regions` `(` $mask^ `:` type($mask) `,` $region_class `,` $region_size `)`)?
    attr-dict `:` type($a) `,` type($w) `,` type($acc)
  }];
  let hasVerifier = 1;
}

def PE_FusedMacOp : PE_Op<"fused_mac", [RecursiveMemoryEffects,
    AllTypesMatch<["acc", "result"]>]> {
  let summary = "A fusion unit: BitBricks fused to compute A-bit x W-bit products";
  let description = [{
    BitFusion's fused PE. `result[m, n] = acc[m, n] + sum_k a[m, k] * w[k, n]`,
    computed by the body: exactly one `sparq_pe.bitbrick` per digit pair
    `(i, j)`, `0 <= i < A/2`, `0 <= j < W/2` (`A/2 * W/2` BitBricks), chained
    through the accumulator and yielded. The body's block arguments are the
    operands `(a, w, acc)`; A and W must be even (2 to 16 bits).

    A fusion unit with `bitbricks` BitBricks (16 by default) completes
    `bitbricks / (A/2 * W/2)` products per round, which for 16 BitBricks is
    `floor(8/A) * floor(8/W)` relative to one 8x8 product.

    ```mlir
    %r = sparq_pe.fused_mac %a(signed), %w(unsigned), %acc
        : tensor<4x8xi4>, tensor<8x2xi2>, tensor<4x2xi32> {
    ^bb0(%ba: tensor<4x8xi4>, %bw: tensor<8x2xi2>, %c0: tensor<4x2xi32>):
      %c1 = sparq_pe.bitbrick %ba(signed), %bw(unsigned), %c0 digits(0, 0)
          : tensor<4x8xi4>, tensor<8x2xi2>, tensor<4x2xi32>
      %c2 = sparq_pe.bitbrick %ba(signed), %bw(unsigned), %c1 digits(1, 0)
          : tensor<4x8xi4>, tensor<8x2xi2>, tensor<4x2xi32>
      sparq_pe.yield %c2 : tensor<4x2xi32>
    }
    ```
  }];
  let arguments = (ins PE_Tile:$a, PE_SignednessAttr:$a_sign,
                       PE_Tile:$w, PE_SignednessAttr:$w_sign,
                       PE_Tile:$acc);
  let results = (outs PE_Tile:$result);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    $a `(` $a_sign `)` `,` $w `(` $w_sign `)` `,` $acc
    attr-dict `:` type($a) `,` type($w) `,` type($acc) $body
  }];
  let hasRegionVerifier = 1;
  let extraClassDeclaration = [{
    /// BitBricks one product of this unit needs: (A/2) * (W/2).
    int64_t getBitBricksPerProduct();
  }];
}

def PE_BitBrickOp : PE_Op<"bitbrick", [Pure, HasParent<"FusedMacOp">,
    AllTypesMatch<["acc", "result"]>]> {
  let summary = "2-bit x 2-bit BitBrick products of one digit pair, shifted";
  let description = [{
    `result[m, n] = acc[m, n] + sum_k (d_i(a[m, k]) * d_j(w[k, n])) << (2i + 2j)`
    where `d_i(x)` is bits `[2i, 2i + 2)` of `x`: an unsigned digit in
    `[0, 3]`, except the top digit (`i = A/2 - 1`) of a `signed` operand,
    which is signed (`[-2, 1]`). Since `x = sum_i d_i(x) << 2i` exactly, the
    BitBricks of all digit pairs sum to `a * w`. The shift is `2 * (i + j)`
    (`getShift()`). Only valid inside a `sparq_pe.fused_mac`.
  }];
  let arguments = (ins PE_Tile:$a, PE_SignednessAttr:$a_sign,
                       PE_Tile:$w, PE_SignednessAttr:$w_sign,
                       PE_Tile:$acc,
                       ConfinedAttr<I64Attr, [IntNonNegative]>:$a_digit,
                       ConfinedAttr<I64Attr, [IntNonNegative]>:$w_digit);
  let results = (outs PE_Tile:$result);
  let assemblyFormat = [{
    $a `(` $a_sign `)` `,` $w `(` $w_sign `)` `,` $acc
    `digits` `(` $a_digit `,` $w_digit `)`
    attr-dict `:` type($a) `,` type($w) `,` type($acc)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The left shift of this digit pair's product: 2 * (a_digit + w_digit).
    int64_t getShift() { return 2 * (getADigit() + getWDigit()); }
  }];
}

def PE_YieldOp : PE_Op<"yield", [Pure, Terminator, ReturnLike,
    HasParent<"FusedMacOp">]> {
  let summary = "Yields the accumulator of a fusion unit";
  let description = [{
    Terminates the body of `sparq_pe.fused_mac` with the final accumulator.
  }];
  let arguments = (ins PE_Tile:$value);
  let assemblyFormat = "$value attr-dict `:` type($value)";
}

//===----------------------------------------------------------------------===//
// Dynamic region precision (DRQ)
//===----------------------------------------------------------------------===//

def PE_RegionSelectOp : PE_Op<"region_select", [Pure]> {
  let summary = "Marks the sensitive regions of an activation tile (DRQ)";
  let description = [{
    Splits `input: [M, K]` into regions of `[RH, RW]` elements (edge regions
    are smaller) and returns `mask: [ceil(M/RH), ceil(K/RW)] x i1`. With
    `S(r)` the sum of `|x|` over region `r` (x read with `sign`) and `n(r)` its
    element count:

    - `threshold(T)`: `r` is sensitive iff `S(r) > T * n(r)` (mean magnitude
      above T, exact in integers);
    - `top(R)`: the R regions of largest mean magnitude are sensitive; `r` is
      ranked before `q` iff `S(r) * n(q) > S(q) * n(r)`, or equal and `r`
      comes first in row-major order.

    ```mlir
    %m = sparq_pe.region_select %x(signed) regions [2, 4] threshold(20)
        : tensor<4x8xi8> -> tensor<2x2xi1>
    ```
  }];
  let arguments = (ins PE_Tile:$input, PE_SignednessAttr:$sign,
                       DenseI64ArrayAttr:$region_size,
                       OptionalAttr<ConfinedAttr<I64Attr, [IntNonNegative]>>:$threshold,
                       OptionalAttr<ConfinedAttr<I64Attr, [IntNonNegative]>>:$top);
  let results = (outs PE_Tile:$mask);
  let assemblyFormat = [{
    $input `(` $sign `)` `regions` $region_size
    (`threshold` `(` $threshold^ `)`)? (`top` `(` $top^ `)`)?
    attr-dict `:` type($input) `->` type($mask)
  }];
  let hasVerifier = 1;
}

def PE_HighBitsOp : PE_Op<"high_bits", [Pure]> {
  let summary = "Keeps the high bits of every element (DRQ's low-precision value)";
  let description = [{
    `result = input >> (S - R)` for an `iS` input and an `iR` result (R < S),
    arithmetic for `signed`, logical for `unsigned`: the high R bits, i.e.
    `floor(x / 2^(S-R))`. A MAC of the result with `shift(S - R)` computes
    `floor(x / 2^(S-R)) * 2^(S-R) * w`, an approximation of `x * w` with error
    `(x mod 2^(S-R)) * w`.

    ```mlir
    %hi = sparq_pe.high_bits %x(signed) : tensor<4x8xi8> -> tensor<4x8xi4>
    ```
  }];
  let arguments = (ins PE_Tile:$input, PE_SignednessAttr:$sign);
  let results = (outs PE_Tile:$result);
  let assemblyFormat = [{
    $input `(` $sign `)` attr-dict `:` type($input) `->` type($result)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// 2-bit atoms with zero skipping
//===----------------------------------------------------------------------===//

def PE_AtomMacOp : PE_Op<"atom_mac", [Pure, AllTypesMatch<["acc", "result"]>]> {
  let summary = "MAC on 2-bit magnitude atoms, skipping zero atoms";
  let description = [{
    Each operand is split into sign and magnitude; the magnitude `|x|` (at
    most 2^(A-1) for a signed A-bit operand, so it fits A bits) into
    `ceil(A/2)` 2-bit atoms `t_i(|x|)` (bits `[2i, 2i + 2)`). Then
    `result[m, n] = acc[m, n] + sum_k sign(a) sign(w) * sum_{i, j}
    t_i(|a|) * t_j(|w|) << (2i + 2j)`, which equals `acc + a * w` exactly.
    Pairs with a zero atom (in particular every pair of a pruned zero) are
    skipped: the work is the number of nonzero atom pairs.

    ```mlir
    %r = sparq_pe.atom_mac %a(signed), %w(signed), %acc
        : tensor<4x8xi8>, tensor<8x2xi4>, tensor<4x2xi32>
    ```
  }];
  let arguments = (ins PE_Tile:$a, PE_SignednessAttr:$a_sign,
                       PE_Tile:$w, PE_SignednessAttr:$w_sign,
                       PE_Tile:$acc);
  let results = (outs PE_Tile:$result);
  let assemblyFormat = [{
    $a `(` $a_sign `)` `,` $w `(` $w_sign `)` `,` $acc
    attr-dict `:` type($a) `,` type($w) `,` type($acc)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Bitmap inner join (SparTen)
//===----------------------------------------------------------------------===//

def PE_BitmapEncodeOp : PE_Op<"bitmap_encode", [Pure,
    AllTypesMatch<["input", "values"]>]> {
  let summary = "Compresses a tile into a bitmap and packed nonzero values";
  let description = [{
    Along `dim` (the reduction dimension: 1 for an activation `[M, K]`, 0 for
    a weight `[K, N]`), every line of `input` becomes `bitmap` (`x != 0`) and
    `values`, holding the line's nonzeros in order at the start of the line
    (zeros after them). The nonzero at position `k` of a line is
    `values[popcount(bitmap[.. k))]` (exclusive prefix popcount).

    ```mlir
    %v, %b = sparq_pe.bitmap_encode %x along 1 : tensor<4x8xi8> -> tensor<4x8xi8>, tensor<4x8xi1>
    ```
  }];
  let arguments = (ins PE_Tile:$input, ConfinedAttr<I64Attr, [IntNonNegative]>:$dim);
  let results = (outs PE_Tile:$values, PE_Tile:$bitmap);
  let assemblyFormat = [{
    $input `along` $dim attr-dict `:` type($input) `->` type($values) `,` type($bitmap)
  }];
  let hasVerifier = 1;
}

def PE_InnerJoinOp : PE_Op<"inner_join", [Pure, AllTypesMatch<["acc", "result"]>]> {
  let summary = "Bitmap intersection (AND + prefix popcount) and MAC of matched pairs";
  let description = [{
    SparTen's inner join. `a_values`/`a_bitmap` encode `a: [M, K]` along K and
    `w_values`/`w_bitmap` encode `w: [K, N]` along K (see
    `sparq_pe.bitmap_encode`). For every output `(m, n)`, the bitmaps are
    ANDed; for every set position `k` the operands are found by prefix
    popcounts, `pa = popcount(a_bitmap[m, ..k))`, `pw = popcount(w_bitmap[..k), n])`:
    `result[m, n] = acc[m, n] + sum_{k : a_bitmap[m,k] & w_bitmap[k,n]}
    a_values[m, pa] * w_values[pw, n]`, which equals `acc + a * w`. Only the
    matched positions are computed; each pair scans `ceil(K/64)` 64-bit
    bitmap words.

    ```mlir
    %r = sparq_pe.inner_join %av(signed), %ab, %wv(signed), %wb, %acc
        : tensor<4x8xi8>, tensor<4x8xi1>, tensor<8x2xi8>, tensor<8x2xi1>, tensor<4x2xi32>
    ```
  }];
  let arguments = (ins PE_Tile:$a_values, PE_SignednessAttr:$a_sign,
                       PE_Tile:$a_bitmap,
                       PE_Tile:$w_values, PE_SignednessAttr:$w_sign,
                       PE_Tile:$w_bitmap, PE_Tile:$acc);
  let results = (outs PE_Tile:$result);
  let assemblyFormat = [{
    $a_values `(` $a_sign `)` `,` $a_bitmap `,` $w_values `(` $w_sign `)` `,`
    $w_bitmap `,` $acc attr-dict `:` type($a_values) `,` type($a_bitmap) `,`
    type($w_values) `,` type($w_bitmap) `,` type($acc)
  }];
  let hasVerifier = 1;
}

#endif // SPARQ_DIALECT_PE_IR_PEOPS_TD
