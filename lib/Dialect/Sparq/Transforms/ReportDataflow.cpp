//===- ReportDataflow.cpp - Dataflow section of sparq-report --------------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// Per sparq.matmul / sparq.conv2d: the im2col shape, what is known about
// each operand, the counts of the three dataflows (issue #4's table), the
// machine model's estimate of each, and the dataflow the op runs with and
// why. The analysis is the one --sparq-select-dataflow uses.
//
//===----------------------------------------------------------------------===//

#include "ReportDataflow.h"

#include "sparq/Dialect/Sparq/IR/SparqOps.h"

#include "llvm/Support/FormatVariadic.h"

#include <cmath>

using namespace mlir;
using namespace sparq;

std::optional<DataflowEntry>
sparq::describeDataflows(Operation *op, StringRef name,
                         const DataflowAnalysisOptions &options) {
  DataflowEntry entry;
  entry.name = name.str();
  entry.opName = op->getName().getStringRef().str();
  for (Value v : op->getOperands())
    if (!cast<RankedTensorType>(v.getType()).hasStaticShape()) {
      entry.reason = "not analyzed: dynamic shape";
      return entry;
    }
  FailureOr<DataflowAnalysis> analysis = analyzeDataflows(op, options);
  if (failed(analysis))
    return std::nullopt;
  entry.analysis = std::move(*analysis);
  const cost::DataflowCostResult &cost = entry.analysis.cost;
  std::string modelChoice = cost::getDataflowKindName(cost.best);
  auto attr = op->getAttrOfType<DataflowAttr>("dataflow");
  if (attr && attr.getValue() != Dataflow::Auto) {
    entry.chosen = stringifyDataflow(attr.getValue()).str();
    entry.chosenBy = "attribute";
    entry.reason = "dataflow(" + entry.chosen + ") is set on the op";
    entry.reason += entry.chosen == modelChoice
                        ? "; the cost model agrees: " + cost.reason
                        : "; the cost model would pick " + modelChoice +
                              ": " + cost.reason;
  } else {
    entry.chosen = modelChoice;
    entry.chosenBy = "cost model";
    entry.reason = cost.reason;
  }
  return entry;
}

namespace {

/// An exact count as a JSON integer, an expected one as a number.
llvm::json::Value count(double value, bool exact) {
  if (exact && std::nearbyint(value) == value && std::fabs(value) < 9.0e15)
    return static_cast<int64_t>(value);
  return value;
}

llvm::json::Object operandJSON(const DataflowOperand &operand, bool exact) {
  llvm::json::Object object;
  object["format"] = operand.format;
  object["constant"] = operand.constant;
  object["nnz"] = count(operand.nnz, exact);
  object["density"] = operand.density;
  object["bytes_per_entry"] = operand.storage.bytesPerEntry;
  return object;
}

llvm::json::Object costJSON(const cost::DataflowCostEstimate &e) {
  llvm::json::Object object;
  object["ops"] = e.ops;
  object["lanes"] = e.lanes;
  object["compute_ns"] = e.computeNs;
  object["memory_bytes"] = e.memoryBytes;
  object["memory_ns"] = e.memoryNs;
  object["cache_bytes"] = e.cacheBytes;
  object["cache_ns"] = e.cacheNs;
  object["total_ns"] = e.totalNs();
  if (e.overheadOps > 0)
    object["overhead_ops"] = e.overheadOps;
  return object;
}

llvm::json::Object loweringJSON(const PlannedLowering &lowering) {
  llvm::json::Object object;
  object["planned"] = lowering.plan.has_value();
  if (!lowering.plan) {
    object["why_not"] = lowering.whyNot;
    return object;
  }
  const DataflowPlan &plan = *lowering.plan;
  object["orientation"] = stringifyOrientation(plan.orientation).str();
  object["a_layout"] = stringifyLayout(plan.lhs);
  object["b_layout"] = stringifyLayout(plan.rhs);
  object["intersection"] = stringifyIntersection(plan.intersection).str();
  if (plan.resultFormat != FormatKind::Dense) {
    std::string how = plan.resultByLine ? " built line by line"
                      : plan.resultBandLines
                          ? " compacted band by band (" +
                                std::to_string(plan.resultBandLines) +
                                " lines)"
                          : " compacted from a dense accumulator";
    object["result"] = (stringifyFormatKind(plan.resultFormat) + how).str();
  }
  llvm::json::Array conversions;
  for (const LayoutConversion &c : plan.conversions) {
    llvm::json::Object conversion;
    conversion["operand"] = c.operand == MatmulOperand::Lhs ? "A" : "B";
    conversion["from"] = stringifyLayout(c.from);
    conversion["to"] = stringifyLayout(c.to);
    conversion["when"] = c.when == ConversionTime::CompileTime
                             ? "compile time"
                             : "run time";
    conversion["reason"] = c.reason;
    conversions.push_back(std::move(conversion));
  }
  object["conversions"] = std::move(conversions);
  object["run_time_conversion_bytes"] = lowering.conversionBytes;
  return object;
}

} // namespace

llvm::json::Object sparq::toJSON(const DataflowEntry &entry) {
  llvm::json::Object object;
  object["name"] = entry.name;
  object["op"] = entry.opName;
  if (entry.chosen.empty()) {
    object["chosen"] = nullptr;
    object["reason"] = entry.reason;
    return object;
  }
  const DataflowAnalysis &a = entry.analysis;
  bool exact = a.counts.exact;
  llvm::json::Object shape;
  shape["batch"] = a.batch;
  shape["m"] = a.m;
  shape["n"] = a.n;
  shape["k"] = a.k;
  object["matmul"] = std::move(shape);
  object["a"] = operandJSON(a.a, a.a.constant || a.a.density == 1.0 ||
                                     a.a.density == 0.0);
  object["b"] = operandJSON(a.b, a.b.constant || a.b.density == 1.0 ||
                                     a.b.density == 0.0);
  object["exact"] = exact;

  const cost::MatmulEstimate &c = a.counts;
  llvm::json::Object counts;
  counts["effectual_macs"] = count(c.inner.effectualMacs, exact);
  llvm::json::Object inner, outer, row;
  inner["a_reads"] = count(c.inner.aReads, exact);
  inner["b_reads"] = count(c.inner.bReads, exact);
  inner["intersection_steps"] = count(c.inner.intersectionSteps, exact);
  // What intersection_steps counts: words ANDed by the bitmap join, or
  // coordinates examined by a two-pointer merge.
  inner["intersection"] =
      a.inner.plan && a.inner.plan->intersection == IntersectionKind::BitmapJoin
          ? "bitmap-and"
          : "merge";
  inner["c_writes"] = count(c.inner.cWrites, exact);
  inner["psum"] = cost::getPsumGranularityName(c.inner.psum);
  outer["a_reads"] = count(c.outer.aReads, exact);
  outer["b_reads"] = count(c.outer.bReads, exact);
  outer["partial_products"] = count(c.outer.partialProducts, exact);
  outer["merge_traffic"] = count(c.outer.mergeTraffic, exact);
  outer["psum"] = cost::getPsumGranularityName(c.outer.psum);
  row["a_reads"] = count(c.row.aReads, exact);
  row["b_reads"] = count(c.row.bReads, exact);
  row["c_updates"] = count(c.row.cWrites, exact);
  row["psum"] = cost::getPsumGranularityName(c.row.psum);
  counts["inner"] = std::move(inner);
  counts["outer"] = std::move(outer);
  counts["row"] = std::move(row);
  object["counts"] = std::move(counts);

  llvm::json::Object costs;
  costs["inner"] = costJSON(a.cost.inner);
  costs["outer"] = costJSON(a.cost.outer);
  costs["row"] = costJSON(a.cost.row);
  // The dense alternative (decompress, then the dense GEMM) beside them.
  if (a.cost.denseCosted) {
    llvm::json::Object dense = costJSON(a.cost.dense);
    dense["decompression_bytes"] = a.cost.dense.conversionBytes;
    costs["dense"] = std::move(dense);
  }
  object["cost"] = std::move(costs);
  llvm::json::Object lowering;
  lowering["inner"] = loweringJSON(a.inner);
  lowering["outer"] = loweringJSON(a.outer);
  lowering["row"] = loweringJSON(a.row);
  if (a.cost.denseCosted)
    lowering["dense"] = loweringJSON(a.dense);
  object["lowering"] = std::move(lowering);
  object["cost_model_choice"] = cost::getDataflowKindName(a.cost.best);
  object["chosen"] = entry.chosen;
  object["chosen_by"] = entry.chosenBy;
  // What the lowering does for the chosen dataflow.
  const PlannedLowering &chosen =
      entry.chosen == "inner"   ? a.inner
      : entry.chosen == "outer" ? a.outer
      : entry.chosen == "dense" ? a.dense
                                : a.row;
  llvm::json::Object chosenLowering = loweringJSON(chosen);
  llvm::json::Value *conversions = chosenLowering.get("conversions");
  object["conversions"] =
      conversions ? std::move(*conversions) : llvm::json::Value(nullptr);
  object["reason"] = entry.reason;
  return object;
}

void sparq::printDataflowSummary(ArrayRef<DataflowEntry> entries,
                                 llvm::raw_ostream &os) {
  if (entries.empty())
    return;
  // The dense alternative's column when it was costed.
  bool dense = llvm::any_of(entries, [](const DataflowEntry &e) {
    return !e.chosen.empty() && e.analysis.cost.denseCosted;
  });
  os << llvm::formatv("{0,-16} {1,-20} {2,-8} {3,12} {4,12} {5,12}", "op",
                      "batch x M x N x K", "dataflow", "inner ns", "outer ns",
                      "row ns");
  if (dense)
    os << llvm::formatv(" {0,12}", "dense ns");
  os << "\n";
  for (const DataflowEntry &e : entries) {
    if (e.chosen.empty()) {
      os << llvm::formatv("{0,-16} {1}\n", e.name, e.reason);
      continue;
    }
    const DataflowAnalysis &a = e.analysis;
    std::string shape =
        llvm::formatv("{0}x{1}x{2}x{3}", a.batch, a.m, a.n, a.k).str();
    os << llvm::formatv("{0,-16} {1,-20} {2,-8} {3,12:F1} {4,12:F1} "
                        "{5,12:F1}",
                        e.name, shape, e.chosen, a.cost.inner.totalNs(),
                        a.cost.outer.totalNs(), a.cost.row.totalNs());
    if (dense)
      os << (a.cost.denseCosted
                 ? llvm::formatv(" {0,12:F1}", a.cost.dense.totalNs()).str()
                 : llvm::formatv(" {0,12}", "-").str());
    os << "\n";
  }
}
