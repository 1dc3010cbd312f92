//===- SelectDataflow.cpp - Choose the dataflow of each contraction -------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// Sets `dataflow(inner|outer|row|dense)` on sparq.matmul / sparq.conv2d: a
// fixed policy, or the cheapest choice under the cost model of
// DataflowAnalysis.h (the same analysis --sparq-report prints); `dense`
// (decompress, then the dense GEMM) when it beats every sparse dataflow.
//
//===----------------------------------------------------------------------===//

#include "sparq/Dialect/Sparq/IR/SparqOps.h"
#include "sparq/Dialect/Sparq/Transforms/DataflowAnalysis.h"
#include "sparq/Dialect/Sparq/Transforms/Passes.h"
#include "sparq/Dialect/Sparq/Transforms/WeightOperand.h"

namespace sparq {
#define GEN_PASS_DEF_SPARQSELECTDATAFLOW
#include "sparq/Dialect/Sparq/Transforms/Passes.h.inc"
} // namespace sparq

using namespace mlir;
using namespace sparq;

namespace {

struct SparqSelectDataflowPass
    : sparq::impl::SparqSelectDataflowBase<SparqSelectDataflowPass> {
  using SparqSelectDataflowBase::SparqSelectDataflowBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    std::optional<Dataflow> fixed;
    if (policy == "inner")
      fixed = Dataflow::Inner;
    else if (policy == "outer")
      fixed = Dataflow::Outer;
    else if (policy == "row")
      fixed = Dataflow::Row;
    else if (policy == "dense")
      fixed = Dataflow::Dense;
    else if (policy != "cost") {
      module.emitError() << "sparq-select-dataflow: unknown policy '" << policy
                         << "' (expected cost, inner, outer, row or dense)";
      return signalPassFailure();
    }
    DataflowAnalysisOptions options;
    std::string why = makeDataflowAnalysisOptions(
        assumedDensity, cacheBytes, bandwidth, cacheBandwidth, computeRate,
        vectorBits, gemmRate, entryOverhead, denseAlternative, options);
    if (!why.empty()) {
      module.emitError() << "sparq-select-dataflow: " << why;
      return signalPassFailure();
    }
    bool failedAny = false;
    for (Operation *op : collectContractions(module, ops)) {
      if (!isa<MatmulOp, Conv2DOp>(op))
        continue;
      Dataflow choice;
      if (fixed) {
        choice = *fixed;
      } else {
        FailureOr<DataflowAnalysis> analysis = analyzeDataflows(op, options);
        if (failed(analysis)) {
          failedAny = true;
          continue;
        }
        choice = toDataflow(analysis->cost.best);
      }
      op->setAttr("dataflow", DataflowAttr::get(op->getContext(), choice));
    }
    if (failedAny)
      signalPassFailure();
  }
};

} // namespace
