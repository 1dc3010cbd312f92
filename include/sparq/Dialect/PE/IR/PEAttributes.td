//===- PEAttributes.td - Attributes of the sparq_pe dialect -*- tablegen -*-=//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_DIALECT_PE_IR_PEATTRIBUTES_TD
#define SPARQ_DIALECT_PE_IR_PEATTRIBUTES_TD

include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"
include "sparq/Dialect/PE/IR/PEDialect.td"

//===----------------------------------------------------------------------===//
// Enums
//===----------------------------------------------------------------------===//

def PE_SignednessAttr : I32EnumAttr<"Signedness",
    "how the bits of an operand are read", [
    I32EnumAttrCase<"Signed", 0, "signed">,
    I32EnumAttrCase<"Unsigned", 1, "unsigned">]> {
  let cppNamespace = "::sparq::pe";
}

def PE_BufferAttr : I32EnumAttr<"Buffer", "on-chip buffer of the PE array", [
    I32EnumAttrCase<"Input", 0, "input">,
    I32EnumAttrCase<"Weight", 1, "weight">,
    I32EnumAttrCase<"Output", 2, "output">]> {
  let cppNamespace = "::sparq::pe";
}

def PE_RegionClassAttr : I32EnumAttr<"RegionClass",
    "which DRQ regions an instruction computes", [
    I32EnumAttrCase<"Sensitive", 0, "sensitive">,
    I32EnumAttrCase<"Insensitive", 1, "insensitive">]> {
  let cppNamespace = "::sparq::pe";
}


//===----------------------------------------------------------------------===//
// AcceleratorAttr
//===----------------------------------------------------------------------===//

def PE_AcceleratorAttr : AttrDef<PE_Dialect, "Accelerator"> {
  let mnemonic = "accelerator";
  let summary = "Description of a multi-precision PE array";
  let description = [{
    The machine every `sparq_pe` pass targets. It is attached to the module as
    `sparq_pe.accelerator`; omitted fields take these defaults:

    | field | default | meaning |
    |-------|---------|---------|
    | `rows`, `cols` | 16, 16 | PEs (fusion units) in the array |
    | `bitbricks` | 16 | BitBricks (2-bit multipliers) per fusion unit |
    | `input_buffer`, `weight_buffer`, `output_buffer` | 65536 each | on-chip buffer sizes in bytes |
    | `bandwidth` | 16 | global memory <-> buffers, bytes per cycle (0 = unconstrained) |
    | `bitbrick_cycles` | 1 | cycles of one round of a fusion unit (each BitBrick does one 2-bit product) |
    | `mac4_cycles`, `mac8_cycles` | 1, 4 | cycles of one MAC with an activation of at most 4 / of 8 bits (DRQ's PE) |
    | `atom_cycles` | 1 | cycles of one round of nonzero 2-bit atom pairs (each BitBrick of a PE takes one pair per round) |
    | `join_cycles` | 1 | cycles per matched (both bits set) position of a bitmap inner join per PE |
    | `energy` | see below | energy per access, picojoules |

    `energy` is a dictionary of non-negative floats; omitted keys take the
    defaults `dram_byte = 100.0` (one byte moved to or from global memory),
    `buffer_byte = 6.0` (one byte read or written in an on-chip buffer),
    `bitbrick = 0.02` (one 2-bit product), `mac4 = 0.05`, `mac8 = 0.2` (one
    MAC at 4 / 8 activation bits), `atom_pair = 0.02` (one nonzero atom pair),
    `bitmap_word = 0.1` (AND + prefix popcount of one 64-bit bitmap word).

    ```mlir
    module attributes {sparq_pe.accelerator = #sparq_pe.accelerator<rows = 4,
        cols = 4, bandwidth = 0, energy = {dram_byte = 80.0}>} {}
    ```
  }];
  let parameters = (ins
    DefaultValuedParameter<"int64_t", "16">:$rows,
    DefaultValuedParameter<"int64_t", "16">:$cols,
    DefaultValuedParameter<"int64_t", "16">:$bitbricks,
    DefaultValuedParameter<"int64_t", "65536">:$input_buffer,
    DefaultValuedParameter<"int64_t", "65536">:$weight_buffer,
    DefaultValuedParameter<"int64_t", "65536">:$output_buffer,
    DefaultValuedParameter<"int64_t", "16">:$bandwidth,
    DefaultValuedParameter<"int64_t", "1">:$bitbrick_cycles,
    DefaultValuedParameter<"int64_t", "1">:$mac4_cycles,
    DefaultValuedParameter<"int64_t", "4">:$mac8_cycles,
    DefaultValuedParameter<"int64_t", "1">:$atom_cycles,
    DefaultValuedParameter<"int64_t", "1">:$join_cycles,
    OptionalParameter<"::mlir::DictionaryAttr">:$energy);
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    /// The energy table keys with their defaults (picojoules per access).
    static ::llvm::ArrayRef<std::pair<::llvm::StringLiteral, double>>
    getEnergyDefaults();
    /// The energy of one access of kind `key` (one of getEnergyDefaults()).
    double getEnergyPJ(::llvm::StringRef key) const;
    /// The PEs of the array (`rows * cols`).
    int64_t getNumPEs() const { return getRows() * getCols(); }
    /// The size in bytes of `buffer`.
    int64_t getBufferBytes(Buffer buffer) const;
    /// The accelerator of the module enclosing `op` (the defaults when the
    /// module has none).
    static AcceleratorAttr lookup(::mlir::Operation *op);
  }];
}

#endif // SPARQ_DIALECT_PE_IR_PEATTRIBUTES_TD
