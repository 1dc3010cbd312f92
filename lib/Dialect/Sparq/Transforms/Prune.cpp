//===- Prune.cpp - Magnitude pruning of constant weights ------------------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// The pass finds each contraction's constant weight, prunes a copy of its
// raw f32 buffer with the numerics library, and swaps in a dense_resource
// constant. It never walks elements through APFloat or attributes.
//
//===----------------------------------------------------------------------===//

#include "sparq/Dialect/Sparq/IR/SparqAttributes.h"
#include "sparq/Dialect/Sparq/Transforms/Passes.h"
#include "GroupedConv.h"
#include "sparq/Dialect/Sparq/Transforms/WeightOperand.h"
#include "sparq/Numerics/Pruning.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/ADT/StringExtras.h"

#include <cmath>
#include <map>

namespace sparq {
#define GEN_PASS_DEF_SPARQPRUNE
#include "sparq/Dialect/Sparq/Transforms/Passes.h.inc"
} // namespace sparq

using namespace mlir;
using namespace sparq;
namespace num = sparq::numerics;

// The dialect enum and the numerics enum list the structures in one order.
static_assert(static_cast<int>(PruneStructure::Vector) ==
                  static_cast<int>(num::PruneStructure::Vector),
              "PruneStructure enums must agree");

/// Parses "RxC" into positive block sizes.
static bool parseBlock(StringRef text, num::PruneRequest &request) {
  auto [rows, cols] = text.split('x');
  return !rows.getAsInteger(10, request.blockRows) &&
         !cols.getAsInteger(10, request.blockCols) && request.blockRows > 0 &&
         request.blockCols > 0;
}

/// Reads the keys of an op's `sparq.prune` dictionary over `request`.
static LogicalResult applyOverrides(Operation *op, Attribute attr,
                                    num::PruneRequest &request) {
  auto dict = dyn_cast<DictionaryAttr>(attr);
  if (!dict)
    return op->emitOpError("sparq.prune must be a dictionary attribute");
  for (NamedAttribute entry : dict) {
    StringRef key = entry.getName().getValue();
    Attribute value = entry.getValue();
    auto str = dyn_cast<StringAttr>(value);
    auto integer = dyn_cast<IntegerAttr>(value);
    auto real = dyn_cast<FloatAttr>(value);
    if (key == "structure" && str) {
      std::optional<num::PruneStructure> s =
          num::parsePruneStructure(str.getValue().str());
      if (!s)
        return op->emitOpError("sparq.prune: unknown structure '")
               << str.getValue() << "'";
      request.structure = *s;
    } else if (key == "sparsity" && (real || integer)) {
      request.sparsity = real ? real.getValueAsDouble()
                              : static_cast<double>(integer.getInt());
    } else if (key == "n" && integer) {
      request.n = integer.getInt();
    } else if (key == "m" && integer) {
      request.m = integer.getInt();
    } else if (key == "block" && str) {
      if (!parseBlock(str.getValue(), request))
        return op->emitOpError("sparq.prune: block must be written RxC with "
                               "positive sizes, got '")
               << str.getValue() << "'";
    } else {
      return op->emitOpError("sparq.prune: unexpected entry '")
             << key
             << "' (expected structure: string, sparsity: float, n: int, m: "
                "int, block: string)";
    }
  }
  return success();
}

namespace {
struct SparqPrunePass : sparq::impl::SparqPruneBase<SparqPrunePass> {
  using SparqPruneBase::SparqPruneBase;

  /// Pruned constants by (original constant, request), for shared weights.
  std::map<std::pair<Operation *, std::string>, std::pair<Value, double>> cache;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    num::PruneRequest defaults;
    std::optional<num::PruneStructure> parsed =
        num::parsePruneStructure(structure);
    if (!parsed) {
      module.emitError("sparq-prune: unknown structure '")
          << structure
          << "' (expected unstructured, nm, block, filter, shape, channel, "
             "kernel or vector)";
      return signalPassFailure();
    }
    defaults.structure = *parsed;
    defaults.sparsity = sparsity;
    defaults.n = n;
    defaults.m = m;
    if (!parseBlock(block, defaults)) {
      module.emitError("sparq-prune: block must be written RxC with positive "
                       "sizes, got '")
          << block << "'";
      return signalPassFailure();
    }
    if (!(sparsity >= 0.0 && sparsity < 1.0)) {
      module.emitError("sparq-prune: sparsity must be in [0, 1), got ")
          << sparsity;
      return signalPassFailure();
    }

    // Grouped convolutions: one ordinary convolution per group first.
    splitGroupedConvolutions(module, ops);
    checkOpsOption(module, ops, "sparq-prune");
    SmallVector<Operation *> targets;
    bool failed = false;
    for (Operation *op : collectContractions(module, ops)) {
      // A weight an earlier pass quantized, packed or narrowed is not
      // pruned again in place: say so instead of skipping it.
      if (std::optional<std::string> what = describeRewrittenWeight(op)) {
        op->emitOpError("cannot prune the weight: it ")
            << *what
            << "; prune the f32 weight first (--sparq-prune before "
               "--sparq-quantize, --sparq-float-format, "
               "--sparq-mixed-precision and --sparq-pack)";
        failed = true;
      } else if (findWeightOperand(op)) {
        targets.push_back(op);
      } else if (hasUndescribableConstantWeight(op)) {
        // As in --sparq-quantize: a constant weight whose axes the pass
        // cannot tell (custom indexing maps) is an error, not a skip.
        std::string whyNot;
        findWeightOperand(op, &whyNot);
        op->emitOpError("cannot prune the weight: ") << whyNot;
        failed = true;
      }
    }
    cache.clear();
    for (Operation *op : targets)
      failed |= mlir::failed(pruneOne(op, defaults));
    if (failed)
      signalPassFailure();
  }

  LogicalResult pruneOne(Operation *op, num::PruneRequest request) {
    if (Attribute attr = op->getAttr("sparq.prune"))
      if (failed(applyOverrides(op, attr, request)))
        return failure();
    std::optional<WeightOperand> weight = findWeightOperand(op);
    Value old = weight->getValue();
    MLIRContext *ctx = op->getContext();
    auto tag = [&](double achieved) {
      op->setAttr("sparq.structure",
                  PruneStructureAttr::get(
                      ctx, static_cast<PruneStructure>(request.structure)));
      op->setAttr("sparq.sparsity",
                  FloatAttr::get(Float64Type::get(ctx), achieved));
      op->removeAttr("sparq.prune");
    };
    // A constant shared by several ops is pruned once per distinct request.
    std::string key = std::to_string(static_cast<int>(request.structure)) +
                      "/" + std::to_string(request.sparsity) + "/" +
                      std::to_string(request.n) + "/" +
                      std::to_string(request.m) + "/" +
                      std::to_string(request.blockRows) + "x" +
                      std::to_string(request.blockCols);
    auto cached = cache.find({old.getDefiningOp(), key});
    if (cached != cache.end()) {
      op->setOperand(weight->operandNumber, cached->second.first);
      if (old.use_empty()) {
        cache.erase(cached);
        old.getDefiningOp()->erase();
      }
      tag(cached->second.second);
      return success();
    }
    std::string why;
    std::vector<float> data;
    if (!readConstantF32(weight->getValue(), data, &why))
      return op->emitOpError("cannot prune the weight: ") << why;
    // Magnitudes and norms of NaN / infinity do not rank.
    if (llvm::any_of(data, [](float w) { return !std::isfinite(w); }))
      return op->emitOpError(
          "cannot prune the weight: it holds NaN or infinite values");

    num::WeightAxes axes;
    axes.shape.assign(weight->type.getShape().begin(),
                      weight->type.getShape().end());
    axes.outputAxis = weight->outputAxis;
    axes.reductionAxes.assign(weight->reductionAxes.begin(),
                              weight->reductionAxes.end());
    axes.batchAxis = weight->batchAxis;
    axes.inputChannelAxis = weight->inputChannelAxis;
    axes.kernelHeightAxis = weight->kernelHeightAxis;
    axes.kernelWidthAxis = weight->kernelWidthAxis;

    num::PruneResult result = num::prune(data.data(), axes, request);
    if (!result.error.empty())
      return op->emitOpError("cannot prune the weight: ") << result.error;

    OpBuilder builder(old.getDefiningOp());
    Value pruned = createResourceConstant(
        builder, old.getLoc(), weight->type,
        ArrayRef<char>(reinterpret_cast<const char *>(data.data()),
                       data.size() * sizeof(float)),
        "sparq_pruned");
    op->setOperand(weight->operandNumber, pruned);
    if (old.use_empty())
      old.getDefiningOp()->erase();
    else
      cache[{old.getDefiningOp(), key}] = {pruned, result.achievedSparsity()};
    tag(result.achievedSparsity());
    return success();
  }
};
} // namespace
