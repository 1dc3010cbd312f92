//===- Passes.td - Passes on sparq_pe programs --------------*- tablegen -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_DIALECT_PE_TRANSFORMS_PASSES_TD
#define SPARQ_DIALECT_PE_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def SparqPESimulate : Pass<"sparq-pe-simulate", "::mlir::ModuleOp"> {
  let summary = "Cycle, traffic and energy report of sparq_pe programs";
  let description = [{
    Walks every function holding `sparq_pe` instructions, counts the events
    of each instruction exactly and evaluates them on the module's
    `#sparq_pe.accelerator` with the cycle model of docs/pe-cycle-model.md
    (`include/sparq/CostModel/PECycleModel.h`). The JSON report (`report`,
    `-` for stdout) has, per function, one entry per instruction and a total,
    with the keys `cycles`, `compute_cycles`, `memory_cycles`, `bound`
    (`compute` or `memory`), `macs_by_precision` (`"AxW": count`),
    `bitbrick_ops`, `atom_pairs`, `bitmap_words`, `skipped_work`,
    `pe_utilization`, `buffer_traffic_bytes`, `memory_traffic_bytes` and
    `energy` (pJ), plus `sensitive_fraction` and `speedup_vs_8bit` for DRQ
    (`sparq_pe.mac` with `regions`).

    Work that depends on data (DRQ region masks, nonzero 2-bit atoms, bitmap
    intersections) is counted from the actual values: constants are read at
    compile time; values of function arguments (run-time activations) come
    from `input`, a JSON file `{"func": {"0": [row-major integers], ...}}`.
    A count that needs a value it cannot know is an error, never a guess.
    The IR is not changed.

    ```mlir
    // sparq-opt --sparq-pe-simulate="report=cycles.json input=acts.json"
    ```
  }];
  let options = [
    Option<"report", "report", "std::string", "\"\"",
           "where to write the JSON report (- for stdout)">,
    Option<"input", "input", "std::string", "\"\"",
           "JSON file with the values of function arguments">,
  ];
  // The accelerator defaults are a sparq_pe attribute even for a module
  // without PE ops.
  let dependentDialects = ["::sparq::pe::PEDialect"];
}

#endif // SPARQ_DIALECT_PE_TRANSFORMS_PASSES_TD
