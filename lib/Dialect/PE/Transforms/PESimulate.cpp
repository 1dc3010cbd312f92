//===- PESimulate.cpp - Cycle, traffic and energy report of PE programs ---===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// Counts the events of every sparq_pe instruction exactly (products per
// precision, nonzero atom pairs, matched bitmap positions, bytes moved) and
// evaluates them with the cycle model in sparq/CostModel/PECycleModel.h.
//
//===----------------------------------------------------------------------===//

#include "sparq/Dialect/PE/Transforms/Passes.h"

#include "TileValues.h"

#include "sparq/CostModel/PECycleModel.h"
#include "sparq/CostModel/PEWorkCounts.h"
#include "sparq/Dialect/PE/IR/PEAttributes.h"
#include "sparq/Dialect/PE/IR/PEDialect.h"
#include "sparq/Dialect/PE/IR/PEOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <map>

namespace sparq::pe {
#define GEN_PASS_DEF_SPARQPESIMULATE
#include "sparq/Dialect/PE/Transforms/Passes.h.inc"
} // namespace sparq::pe

using namespace mlir;
using namespace sparq;
using namespace sparq::pe;
namespace json = llvm::json;

namespace {

/// Bytes of a tile at its element width (sub-byte elements packed).
int64_t bytesOf(Type type) {
  auto t = cast<RankedTensorType>(type);
  return (t.getNumElements() * t.getElementType().getIntOrFloatBitWidth() +
          7) /
         8;
}

int bitsOf(Value v) {
  return static_cast<int>(
      cast<RankedTensorType>(v.getType()).getElementType().getIntOrFloatBitWidth());
}

cost::PEArrayDesc toDesc(AcceleratorAttr a) {
  cost::PEArrayDesc d;
  d.rows = a.getRows();
  d.cols = a.getCols();
  d.bitBricksPerUnit = a.getBitbricks();
  d.inputBufferBytes = a.getInputBuffer();
  d.weightBufferBytes = a.getWeightBuffer();
  d.outputBufferBytes = a.getOutputBuffer();
  d.bandwidthBytesPerCycle = a.getBandwidth();
  d.cycles.bitBrick = a.getBitbrickCycles();
  d.cycles.mac4 = a.getMac4Cycles();
  d.cycles.mac8 = a.getMac8Cycles();
  d.cycles.atom = a.getAtomCycles();
  d.cycles.join = a.getJoinCycles();
  d.energy.dramByte = a.getEnergyPJ("dram_byte");
  d.energy.bufferByte = a.getEnergyPJ("buffer_byte");
  d.energy.bitBrick = a.getEnergyPJ("bitbrick");
  d.energy.mac4 = a.getEnergyPJ("mac4");
  d.energy.mac8 = a.getEnergyPJ("mac8");
  d.energy.atomPair = a.getEnergyPJ("atom_pair");
  d.energy.bitmapWord = a.getEnergyPJ("bitmap_word");
  return d;
}

json::Object toJSON(const cost::PECost &c, bool drq) {
  json::Object o;
  o["cycles"] = c.cycles;
  o["compute_cycles"] = c.computeCycles;
  o["memory_cycles"] = c.memoryCycles;
  o["bound"] = cost::boundName(c.bound);
  json::Object macs;
  for (const auto &[key, n] : c.macsByPrecision)
    macs[key] = n;
  o["macs_by_precision"] = std::move(macs);
  o["bitbrick_ops"] = c.bitBrickOps;
  o["bitmap_words"] = c.bitmapWords;
  o["skipped_work"] = c.skippedWork;
  o["pe_utilization"] = c.peUtilization;
  o["buffer_traffic_bytes"] = c.bufferTrafficBytes;
  o["memory_traffic_bytes"] = c.memoryTrafficBytes;
  o["energy"] = c.energy;
  if (drq) {
    o["sensitive_fraction"] = c.sensitiveFraction;
    o["speedup_vs_8bit"] = c.speedupVs8bit;
  }
  return o;
}

/// Counts the events of one instruction. Data-path ops with no cost of
/// their own (region_select, high_bits, bitmap_encode) return std::nullopt
/// and are not listed.
class EventCounter {
public:
  EventCounter(AcceleratorAttr accel, TileValues &values)
      : accel(accel), values(values) {}

  FailureOr<std::optional<cost::PEEvents>> count(Operation *op) {
    cost::PEEvents ev;
    if (auto load = dyn_cast<LoadOp>(op)) {
      int64_t bytes = bytesOf(load.getType());
      int64_t capacity = accel.getBufferBytes(load.getBuffer());
      if (bytes > capacity)
        return op->emitError()
               << "sparq-pe-simulate: cannot simulate a load of " << bytes
               << " bytes into the " << stringifyBuffer(load.getBuffer())
               << " buffer of " << capacity << " bytes";
      ev.memoryBytes = ev.bufferBytes = bytes;
    } else if (auto store = dyn_cast<StoreOp>(op)) {
      ev.memoryBytes = ev.bufferBytes = bytesOf(store.getTile().getType());
    } else if (auto mac = dyn_cast<MacOp>(op)) {
      auto aType = cast<RankedTensorType>(mac.getA().getType());
      int64_t m = aType.getDimSize(0), k = aType.getDimSize(1);
      int64_t n = cast<RankedTensorType>(mac.getW().getType()).getDimSize(1);
      int64_t positions = m * k;
      if (Value mask = mac.getMask()) {
        const Tile *t = need(op, mask, "its region mask");
        if (!t)
          return failure();
        bool wantSet = mac.getRegionClass() == RegionClass::Sensitive;
        ArrayRef<int64_t> rs = *mac.getRegionSize();
        int64_t cols = t->shape[1];
        positions = 0;
        for (int64_t r = 0; r < t->numel(); ++r) {
          if ((t->bits[r] != 0) != wantSet)
            continue;
          int64_t i = r / cols, j = r % cols;
          positions += std::min(rs[0], m - i * rs[0]) *
                       std::min(rs[1], k - j * rs[1]);
        }
      }
      ev.macProducts[{bitsOf(mac.getA()), bitsOf(mac.getW())}] = positions * n;
      ev.bufferBytes = bytesOf(mac.getA().getType()) +
                       bytesOf(mac.getW().getType()) +
                       2 * bytesOf(mac.getAcc().getType());
    } else if (auto fused = dyn_cast<FusedMacOp>(op)) {
      // The verifier guarantees one bitbrick per digit pair, so the model's
      // ceil(A/2) * ceil(W/2) BitBrick ops per product are the body's.
      int a = bitsOf(fused.getA()), w = bitsOf(fused.getW());
      auto aType = cast<RankedTensorType>(fused.getA().getType());
      int64_t n = cast<RankedTensorType>(fused.getW().getType()).getDimSize(1);
      ev.fusedProducts[{a, w}] = aType.getDimSize(0) * aType.getDimSize(1) * n;
      ev.bufferBytes = bytesOf(fused.getA().getType()) +
                       bytesOf(fused.getW().getType()) +
                       2 * bytesOf(fused.getAcc().getType());
    } else if (auto atom = dyn_cast<AtomMacOp>(op)) {
      const Tile *a = need(op, atom.getA(), "its activation operand");
      const Tile *w = a ? need(op, atom.getW(), "its weight operand") : nullptr;
      if (!w)
        return failure();
      std::vector<int64_t> av(a->numel()), wv(w->numel());
      bool aSigned = atom.getASign() == Signedness::Signed;
      bool wSigned = atom.getWSign() == Signedness::Signed;
      for (int64_t i = 0; i < a->numel(); ++i)
        av[i] = a->get(i, aSigned);
      for (int64_t i = 0; i < w->numel(); ++i)
        wv[i] = w->get(i, wSigned);
      ev = cost::countAtomMatmul(av.data(), a->shape[0], a->shape[1],
                                 static_cast<int>(a->width), wv.data(),
                                 w->shape[1], static_cast<int>(w->width));
      ev.bufferBytes = bytesOf(atom.getA().getType()) +
                       bytesOf(atom.getW().getType()) +
                       2 * bytesOf(atom.getAcc().getType());
    } else if (auto join = dyn_cast<InnerJoinOp>(op)) {
      const Tile *ab = need(op, join.getABitmap(), "its activation bitmap");
      const Tile *wb = ab ? need(op, join.getWBitmap(), "its weight bitmap")
                          : nullptr;
      if (!wb)
        return failure();
      int64_t m = ab->shape[0], k = ab->shape[1], n = wb->shape[1];
      std::vector<int64_t> aCol(k, 0);
      for (int64_t i = 0; i < m * k; ++i)
        aCol[i % k] += ab->bits[i] != 0;
      int64_t matches = 0;
      for (int64_t kk = 0; kk < k; ++kk) {
        int64_t wRow = 0;
        for (int64_t j = 0; j < n; ++j)
          wRow += wb->bits[kk * n + j] != 0;
        matches += aCol[kk] * wRow;
      }
      ev.joinProducts[{bitsOf(join.getAValues()), bitsOf(join.getWValues())}] =
          matches;
      ev.bitmapWords = m * n * ((k + 63) / 64);
      ev.skippedWork = m * k * n - matches;
      ev.bufferBytes = bytesOf(join.getAValues().getType()) +
                       bytesOf(join.getABitmap().getType()) +
                       bytesOf(join.getWValues().getType()) +
                       bytesOf(join.getWBitmap().getType()) +
                       2 * bytesOf(join.getAcc().getType());
    } else if (isa<RegionSelectOp, HighBitsOp, BitmapEncodeOp>(op)) {
      return std::optional<cost::PEEvents>();
    } else {
      return op->emitError() << "sparq-pe-simulate: the cycle model has no "
                                "cost for '"
                             << op->getName() << "'";
    }
    return std::optional<cost::PEEvents>(std::move(ev));
  }

private:
  const Tile *need(Operation *op, Value v, StringRef what) {
    std::string why;
    const Tile *t = values.get(v, why);
    if (!t)
      op->emitError() << "sparq-pe-simulate: cannot count the work of this "
                         "instruction: "
                      << what << " is not known at compile time: " << why;
    return t;
  }

  AcceleratorAttr accel;
  TileValues &values;
};

/// The work of an op sparq-to-pe tagged as host work (zero-point
/// corrections, rescales): the elements of the largest tensor it reads or
/// writes, i.e. the iterations of the elementwise / reduction generics it
/// emits. Not part of the array's cycles.
int64_t hostElements(Operation *op) {
  int64_t most = 0;
  auto consider = [&](Type type) {
    if (auto shaped = dyn_cast<RankedTensorType>(type);
        shaped && shaped.hasStaticShape())
      most = std::max(most, shaped.getNumElements());
  };
  for (Type t : op->getOperandTypes())
    consider(t);
  for (Type t : op->getResultTypes())
    consider(t);
  return most;
}

/// Parses `{"func": {"0": [ints], ...}, ...}`.
LogicalResult parseInput(ModuleOp module, StringRef path,
                         ArgumentValues &out) {
  auto fail = [&](const Twine &msg) {
    return module.emitError() << "sparq-pe-simulate: input '" << path
                              << "': " << msg;
  };
  auto buffer = llvm::MemoryBuffer::getFile(path);
  if (!buffer)
    return fail("cannot read the file");
  llvm::Expected<json::Value> parsed = json::parse((*buffer)->getBuffer());
  if (!parsed)
    return fail("not JSON: " + llvm::toString(parsed.takeError()));
  json::Object *top = parsed->getAsObject();
  if (!top)
    return fail("expected an object keyed by function name");
  for (const auto &[func, args] : *top) {
    const json::Object *byIndex = args.getAsObject();
    if (!byIndex)
      return fail("the entry of '" + func.str() +
                  "' must be an object keyed by argument index");
    for (const auto &[index, values] : *byIndex) {
      unsigned idx;
      if (StringRef(index).getAsInteger(10, idx))
        return fail("'" + index.str() + "' is not an argument index");
      const json::Array *list = values.getAsArray();
      if (!list)
        return fail("argument " + index.str() + " of '" + func.str() +
                    "' must be an array of integers");
      std::vector<int64_t> &dst = out[func.str()][idx];
      dst.reserve(list->size());
      for (const json::Value &x : *list) {
        std::optional<int64_t> i = x.getAsInteger();
        if (!i)
          return fail("argument " + index.str() + " of '" + func.str() +
                      "' holds a value that is not an integer");
        dst.push_back(*i);
      }
    }
  }
  return success();
}

struct SparqPESimulatePass
    : public sparq::pe::impl::SparqPESimulateBase<SparqPESimulatePass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (report.empty()) {
      module.emitError("sparq-pe-simulate: give report=FILE.json (- for "
                       "stdout)");
      return signalPassFailure();
    }
    ArgumentValues arguments;
    if (!input.empty() && failed(parseInput(module, input, arguments)))
      return signalPassFailure();
    AcceleratorAttr accel = AcceleratorAttr::lookup(module);
    cost::PEArrayDesc desc = toDesc(accel);
    if (std::string why = desc.validate(); !why.empty()) {
      module.emitError() << "sparq-pe-simulate: cannot simulate this "
                            "accelerator: "
                         << why;
      return signalPassFailure();
    }
    for (const auto &[func, args] : arguments)
      if (!module.lookupSymbol<func::FuncOp>(func)) {
        module.emitError() << "sparq-pe-simulate: input names '" << func
                           << "', which is not a function of the module";
        return signalPassFailure();
      }

    TileValues values(arguments);
    EventCounter counter(accel, values);
    json::Array functions;
    bool ok = true;
    module.walk([&](func::FuncOp func) {
      json::Array ops;
      std::vector<cost::PEEvents> program;
      bool drq = false, any = false;
      std::map<std::string, int64_t> hostWork;
      func.walk<WalkOrder::PreOrder>([&](Operation *op) {
        if (auto kind =
                op->getAttrOfType<StringAttr>(PEDialect::kHostWorkAttrName))
          hostWork[kind.str()] += hostElements(op);
        if (!isa<PEDialect>(op->getDialect()))
          return WalkResult::advance();
        if (op->getParentOp() != func) {
          op->emitError() << "sparq-pe-simulate: cannot simulate an "
                             "instruction nested in '"
                          << op->getParentOp()->getName()
                          << "': PE programs must be straight-line";
          ok = false;
          return WalkResult::interrupt();
        }
        any = true;
        FailureOr<std::optional<cost::PEEvents>> ev = counter.count(op);
        if (failed(ev)) {
          ok = false;
          return WalkResult::interrupt();
        }
        if (*ev) {
          bool regions = false;
          if (auto mac = dyn_cast<MacOp>(op))
            regions = static_cast<bool>(mac.getMask());
          drq |= regions;
          json::Object entry = toJSON(cost::evaluate(desc, **ev), regions);
          entry["index"] = static_cast<int64_t>(ops.size());
          entry["op"] = op->getName().getStringRef();
          // The layer the instruction came from (sparq-import-onnx names
          // ops after their ONNX node), for per-layer sums.
          if (auto name = dyn_cast<NameLoc>(op->getLoc()))
            entry["layer"] = name.getName().str();
          ops.push_back(std::move(entry));
          program.push_back(std::move(**ev));
        }
        // A fusion unit's body is part of the unit.
        return isa<FusedMacOp>(op) ? WalkResult::skip()
                                   : WalkResult::advance();
      });
      if (!ok || !any)
        return ok ? WalkResult::advance() : WalkResult::interrupt();
      json::Object entry;
      entry["function"] = func.getSymName();
      entry["ops"] = std::move(ops);
      entry["total"] = toJSON(cost::evaluateProgram(desc, program), drq);
      if (!hostWork.empty()) {
        json::Object host;
        for (const auto &[kind, elements] : hostWork)
          host[kind] = elements;
        entry["host_work"] = std::move(host);
      }
      functions.push_back(std::move(entry));
      return WalkResult::advance();
    });
    if (!ok)
      return signalPassFailure();

    json::Object accelJson{{"rows", desc.rows},
                           {"cols", desc.cols},
                           {"bitbricks", desc.bitBricksPerUnit},
                           {"bandwidth", desc.bandwidthBytesPerCycle}};
    json::Object root{{"accelerator", std::move(accelJson)},
                      {"functions", std::move(functions)}};
    json::Value doc(std::move(root));
    markAllAnalysesPreserved();
    if (report == "-") {
      llvm::outs() << llvm::formatv("{0:2}", doc) << "\n";
      return;
    }
    std::error_code error;
    llvm::raw_fd_ostream os(report, error, llvm::sys::fs::OF_Text);
    if (error) {
      module.emitError() << "sparq-pe-simulate: cannot write '" << report
                         << "': " << error.message();
      return signalPassFailure();
    }
    os << llvm::formatv("{0:2}", doc) << "\n";
  }
};

} // namespace
