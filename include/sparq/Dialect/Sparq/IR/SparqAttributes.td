//===- SparqAttributes.td - Attributes of the sparq dialect *- tablegen -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_DIALECT_SPARQ_IR_SPARQATTRIBUTES_TD
#define SPARQ_DIALECT_SPARQ_IR_SPARQATTRIBUTES_TD

include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"
include "mlir/IR/TensorEncoding.td"
include "sparq/Dialect/Sparq/IR/SparqDialect.td"
include "sparq/Dialect/Sparq/IR/SparqEnums.td"

class Sparq_Attr<string name, string attrMnemonic, list<Trait> traits = []>
    : AttrDef<Sparq_Dialect, name, traits> {
  let mnemonic = attrMnemonic;
}

def Sparq_DataflowAttr : EnumAttr<Sparq_Dialect, Sparq_Dataflow, "dataflow"> {
  let summary = "sparse matmul dataflow (inner, outer, row or auto)";
}

def Sparq_ConvLayoutAttr : EnumAttr<Sparq_Dialect, Sparq_ConvLayout, "layout"> {
  let summary = "2-D convolution data layout";
}

def Sparq_PruneStructureAttr
    : EnumAttr<Sparq_Dialect, Sparq_PruneStructure, "structure"> {
  let summary = "pruning granularity";
}

//===----------------------------------------------------------------------===//
// QuantAttr
//===----------------------------------------------------------------------===//

def Sparq_QuantAttr : Sparq_Attr<"Quant", "quant"> {
  let summary = "How a tensor's stored integers map to real values";
  let description = [{
    Describes a quantized tensor: the storage integer type (width 1 to 16 and
    its signedness, written `si<B>` or `ui<B>`), the expressed float type, the
    scheme, the granularity and the rounding mode used when values are
    quantized.

    - `symmetric`: `real = scale * q`, zero point 0, `q` in
      `[-(2^(B-1) - 1), 2^(B-1) - 1]` (signed storage required);
    - `asymmetric`: `real = scale * (q - zp)`, `q` and `zp` in the storage range;
    - `codebook`: `q` is an index into a codebook of `2^B` real centroids
      (unsigned storage required).

    Granularity says how many elements share one scale / zero point /
    codebook: `tensor` (one for the whole tensor), `channel(axis)` (one per
    index along `axis`) and `group(axis, size)` (one per `size` consecutive
    elements along `axis`, separately for every index of the other axes).

    The scales (f32, or the expressed type), zero points (i32) and codebooks
    are not stored here: they are parts of the compressed tensor value (see
    `sparq.assemble` and `sparq.part`).

    ```mlir
    #sparq.quant<si8:f32, symmetric, channel(1)>
    #sparq.quant<ui4:f32, asymmetric, group(0, 32), rounding = nearest_away>
    #sparq.quant<ui5:f32, codebook, tensor>
    ```
  }];
  let parameters = (ins
    "::mlir::IntegerType":$storageType,
    "::mlir::FloatType":$expressedType,
    "::sparq::QuantScheme":$scheme,
    "::sparq::Granularity":$granularity,
    "int64_t":$axis,
    "int64_t":$groupSize,
    "::sparq::RoundingMode":$rounding
  );
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    /// Number of storage bits.
    unsigned getBits() const { return getStorageType().getWidth(); }
    /// True when stored integers are signed.
    bool isSigned() const { return getStorageType().isSigned(); }
    /// Smallest and largest storage value the scheme may produce.
    int64_t getStorageMin() const;
    int64_t getStorageMax() const;
    /// The shape of the scale / zero-point tensor for a tensor of `shape`.
    ::llvm::SmallVector<int64_t> getParamShape(::llvm::ArrayRef<int64_t> shape) const;
    /// The shape of the codebook tensor for a tensor of `shape`.
    ::llvm::SmallVector<int64_t> getCodebookShape(::llvm::ArrayRef<int64_t> shape) const;
    /// Checks the attribute against the shape of the tensor it describes.
    ::llvm::LogicalResult verifyShape(::llvm::ArrayRef<int64_t> shape,
        ::llvm::function_ref<::mlir::InFlightDiagnostic()> emitError) const;
  }];
}

//===----------------------------------------------------------------------===//
// EncodingAttr
//===----------------------------------------------------------------------===//

def Sparq_EncodingAttr : Sparq_Attr<"Encoding", "encoding",
    [DeclareAttrInterfaceMethods<VerifiableTensorEncoding>]> {
  let summary = "Storage format and quantization of a compressed tensor";
  let description = [{
    The encoding of a compressed tensor type. It holds only static facts; the
    tensor's element type is the storage type, and its data are SSA parts.

    Formats view a tensor of rank `r >= 2` as a matrix whose rows are the first
    `row_dims` dimensions (default `r - 1`) and whose columns are the rest, so
    an HWCF conv filter is the `[H*W*C, F]` im2col weight matrix:

    | format       | parts (for a `R x C` matrix, storage element `E`)                |
    |--------------|-------------------------------------------------------------------|
    | `dense`      | values `tensor<shape x E>`                                         |
    | `csr`        | positions `<R+1 x i{pos}>`, coordinates `<? x i{crd}>`, values `<? x E>` |
    | `csc`        | positions `<C+1 x i{pos}>`, coordinates `<? x i{crd}>`, values `<? x E>` |
    | `coo`        | coordinates `<? x 2 x i{crd}>` (row, col; row-major order), values `<? x E>` |
    | `bitmap`     | bitmap `<R x ceil(C/64) x i64>` (bit `c % 64` of word `c / 64`), values `<? x E>` in row-major order |
    | `nm<N, M>`   | values `<R x C*N/M x E>`, metadata `<R x C*N/M x i{meta}>` (position inside the group of M, ascending) |
    | `bcsr<A x B>`| positions `<R/A+1 x i{pos}>`, coordinates `<? x i{crd}>` (block columns), values `<? x A x B x E>` |

    N:M groups are `M` consecutive columns; every group holds exactly `N`
    stored entries (padding zeros count as stored). Quantized tensors add
    `scales`, `zero_points` (asymmetric) or `codebook` parts whose shapes
    follow from the granularity (see `#sparq.quant`).

    ```mlir
    #csr   = #sparq.encoding<csr>
    #nm24  = #sparq.encoding<nm<2, 4>, meta_width = 2>
    #blk   = #sparq.encoding<bcsr<4x4>, pos_width = 16, crd_width = 16, structure = block>
    #q4csr = #sparq.encoding<csr, quant = #sparq.quant<si4:f32, symmetric, channel(1)>>
    #conv  = #sparq.encoding<nm<2, 4>, row_dims = 1>   // FCHW filter as [F, C*H*W]
    ```
  }];
  let parameters = (ins
    "::sparq::FormatKind":$format,
    "unsigned":$n,
    "unsigned":$m,
    "unsigned":$blockRows,
    "unsigned":$blockCols,
    "unsigned":$posWidth,
    "unsigned":$crdWidth,
    "unsigned":$metaWidth,
    "unsigned":$rowDims,
    "std::optional<::sparq::PruneStructure>":$structure,
    "::sparq::QuantAttr":$quant
  );
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
  let builders = [
    AttrBuilder<(ins "::sparq::FormatKind":$format,
                     CArg<"::sparq::QuantAttr", "{}">:$quant), [{
      return $_get($_ctxt, format, 0, 0, 0, 0, 32, 32, 0, 0, std::nullopt,
                   quant);
    }]>
  ];
  let extraClassDeclaration = [{
    bool isDense() const { return getFormat() == ::sparq::FormatKind::Dense; }
    bool isQuantized() const { return static_cast<bool>(getQuant()); }
    /// The same encoding with another quantization (null drops it).
    EncodingAttr withQuant(::sparq::QuantAttr quant) const;
    /// The same encoding with another format (and its default widths).
    EncodingAttr withFormat(::sparq::FormatKind format) const;
    /// Number of leading dims that form matrix rows for a tensor of `rank`.
    unsigned getEffectiveRowDims(int64_t rank) const {
      return getRowDims() ? getRowDims() : static_cast<unsigned>(rank - 1);
    }
    /// The matrix view [rows, cols] of a tensor shape (dynamic if any part is).
    std::pair<int64_t, int64_t> getMatrixShape(::llvm::ArrayRef<int64_t> shape) const;
    /// The smallest metadata width (2, 4, 8 or 16 bits) that holds M positions.
    static unsigned getDefaultMetaWidth(unsigned m);
  }];
}

#endif // SPARQ_DIALECT_SPARQ_IR_SPARQATTRIBUTES_TD
