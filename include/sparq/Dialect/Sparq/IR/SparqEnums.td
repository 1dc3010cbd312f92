//===- SparqEnums.td - Enumerations of the sparq dialect ---*- tablegen -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_DIALECT_SPARQ_IR_SPARQENUMS_TD
#define SPARQ_DIALECT_SPARQ_IR_SPARQENUMS_TD

include "mlir/IR/EnumAttr.td"

def Sparq_FormatKind : I32EnumAttr<"FormatKind", "storage format of a tensor", [
    I32EnumAttrCase<"Dense", 0, "dense">,
    I32EnumAttrCase<"CSR", 1, "csr">,
    I32EnumAttrCase<"CSC", 2, "csc">,
    I32EnumAttrCase<"COO", 3, "coo">,
    I32EnumAttrCase<"Bitmap", 4, "bitmap">,
    I32EnumAttrCase<"NM", 5, "nm">,
    I32EnumAttrCase<"BCSR", 6, "bcsr">]> {
  let cppNamespace = "::sparq";
  let genSpecializedAttr = 0;
}

def Sparq_PruneStructure : I32EnumAttr<"PruneStructure",
    "granularity at which zeros were introduced by pruning", [
    I32EnumAttrCase<"Unstructured", 0, "unstructured">,
    I32EnumAttrCase<"NM", 1, "nm">,
    I32EnumAttrCase<"Block", 2, "block">,
    I32EnumAttrCase<"Filter", 3, "filter">,
    I32EnumAttrCase<"Shape", 4, "shape">,
    I32EnumAttrCase<"Channel", 5, "channel">,
    I32EnumAttrCase<"Kernel", 6, "kernel">,
    I32EnumAttrCase<"Vector", 7, "vector">]> {
  let cppNamespace = "::sparq";
  let genSpecializedAttr = 0;
}

def Sparq_QuantScheme : I32EnumAttr<"QuantScheme", "quantization scheme", [
    I32EnumAttrCase<"Symmetric", 0, "symmetric">,
    I32EnumAttrCase<"Asymmetric", 1, "asymmetric">,
    I32EnumAttrCase<"Codebook", 2, "codebook">]> {
  let cppNamespace = "::sparq";
  let genSpecializedAttr = 0;
}

def Sparq_Granularity : I32EnumAttr<"Granularity",
    "how many elements share one scale / zero point / codebook", [
    I32EnumAttrCase<"Tensor", 0, "tensor">,
    I32EnumAttrCase<"Channel", 1, "channel">,
    I32EnumAttrCase<"Group", 2, "group">]> {
  let cppNamespace = "::sparq";
  let genSpecializedAttr = 0;
}

def Sparq_RoundingMode : I32EnumAttr<"RoundingMode",
    "rounding of value / scale to the integer grid", [
    I32EnumAttrCase<"NearestEven", 0, "nearest_even">,
    I32EnumAttrCase<"NearestAway", 1, "nearest_away">,
    I32EnumAttrCase<"TowardZero", 2, "toward_zero">]> {
  let cppNamespace = "::sparq";
  let genSpecializedAttr = 0;
}

def Sparq_Dataflow : I32EnumAttr<"Dataflow", "sparse matmul dataflow", [
    I32EnumAttrCase<"Inner", 0, "inner">,
    I32EnumAttrCase<"Outer", 1, "outer">,
    I32EnumAttrCase<"Row", 2, "row">,
    I32EnumAttrCase<"Auto", 3, "auto">,
    // Not a sparse dataflow: decompress the sparse operand(s), then run the
    // dense GEMM.
    I32EnumAttrCase<"Dense", 4, "dense">]> {
  let cppNamespace = "::sparq";
  let genSpecializedAttr = 0;
}

def Sparq_ConvLayout : I32EnumAttr<"ConvLayout",
    "data layout of a 2-D convolution (input / filter)", [
    I32EnumAttrCase<"NHWC_HWCF", 0, "nhwc_hwcf">,
    I32EnumAttrCase<"NCHW_FCHW", 1, "nchw_fchw">]> {
  let cppNamespace = "::sparq";
  let genSpecializedAttr = 0;
}

def Sparq_PartKind : I32EnumAttr<"PartKind",
    "one of the arrays that make up a compressed tensor", [
    I32EnumAttrCase<"Values", 0, "values">,
    I32EnumAttrCase<"Positions", 1, "positions">,
    I32EnumAttrCase<"Coordinates", 2, "coordinates">,
    I32EnumAttrCase<"Bitmap", 3, "bitmap">,
    I32EnumAttrCase<"Metadata", 4, "metadata">,
    I32EnumAttrCase<"Scales", 5, "scales">,
    I32EnumAttrCase<"ZeroPoints", 6, "zero_points">,
    I32EnumAttrCase<"Codebook", 7, "codebook">]> {
  let cppNamespace = "::sparq";
  let genSpecializedAttr = 0;
}

#endif // SPARQ_DIALECT_SPARQ_IR_SPARQENUMS_TD
