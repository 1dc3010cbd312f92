//===- PECycleModel.cpp - Cycles, traffic and energy of a PE array --------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#include "sparq/CostModel/PECycleModel.h"

#include <algorithm>

namespace sparq::cost {

namespace {
int64_t ceilDiv(int64_t a, int64_t b) { return (a + b - 1) / b; }
int64_t halfBits(int bits) { return (bits + 1) / 2; }
} // namespace

int64_t PEArrayDesc::brickGridSide() const {
  int64_t g = 0;
  while ((g + 1) * (g + 1) <= bitBricksPerUnit)
    ++g;
  return g * g == bitBricksPerUnit ? g : 0;
}

std::string PEArrayDesc::validate() const {
  if (rows < 1 || cols < 1)
    return "the array must have at least one row and one column of PEs";
  if (bitBricksPerUnit < 1 || brickGridSide() == 0)
    return "BitBricks per fusion unit must be a square number (a G x G grid), "
           "got " +
           std::to_string(bitBricksPerUnit);
  if (inputBufferBytes < 0 || weightBufferBytes < 0 || outputBufferBytes < 0)
    return "buffer sizes must not be negative";
  if (bandwidthBytesPerCycle < 0)
    return "memory bandwidth must not be negative (0 = unconstrained)";
  if (cycles.bitBrick < 1 || cycles.mac4 < 1 || cycles.mac8 < 1 ||
      cycles.atom < 1 || cycles.join < 1)
    return "every cycle cost must be at least 1";
  const double e[] = {energy.dramByte, energy.bufferByte, energy.bitBrick,
                      energy.mac4,     energy.mac8,       energy.atomPair,
                      energy.bitmapWord};
  for (double x : e)
    if (!(x >= 0))
      return "energy costs must be non-negative numbers";
  return "";
}

std::string precisionKey(PrecisionPair p) {
  return std::to_string(p.first) + "x" + std::to_string(p.second);
}

int64_t bitBricksPerProduct(int a, int w) { return halfBits(a) * halfBits(w); }

namespace {
int64_t gridSide(int64_t bitBricksPerUnit) {
  PEArrayDesc d;
  d.bitBricksPerUnit = bitBricksPerUnit;
  return d.brickGridSide();
}
} // namespace

int64_t fusedProductsPerStep(int a, int w, int64_t bitBricksPerUnit) {
  int64_t g = gridSide(bitBricksPerUnit);
  if (a < 1 || w < 1 || g == 0 || halfBits(a) > g || halfBits(w) > g)
    return 0;
  return (g / halfBits(a)) * (g / halfBits(w));
}

int64_t fusedRoundsPerProduct(int a, int w, int64_t bitBricksPerUnit) {
  int64_t g = gridSide(bitBricksPerUnit);
  if (a < 1 || w < 1 || g == 0)
    return 0;
  return ceilDiv(halfBits(a), g) * ceilDiv(halfBits(w), g);
}

double drqSpeedupFormula(double r, int64_t mac4Cycles, int64_t mac8Cycles) {
  double c4 = static_cast<double>(mac4Cycles);
  double c8 = static_cast<double>(mac8Cycles);
  return c8 / (c4 * (1 - r) + c8 * r);
}

int64_t nonzeroAtoms(uint64_t magnitude) {
  int64_t n = 0;
  for (; magnitude; magnitude >>= 2)
    n += (magnitude & 3) != 0;
  return n;
}

PEEvents &PEEvents::operator+=(const PEEvents &o) {
  for (const auto &[k, v] : o.fusedProducts)
    fusedProducts[k] += v;
  for (const auto &[k, v] : o.atomProducts)
    atomProducts[k] += v;
  for (const auto &[k, v] : o.macProducts)
    macProducts[k] += v;
  for (const auto &[k, v] : o.joinProducts)
    joinProducts[k] += v;
  atomPairs += o.atomPairs;
  bitmapWords += o.bitmapWords;
  skippedWork += o.skippedWork;
  bufferBytes += o.bufferBytes;
  memoryBytes += o.memoryBytes;
  return *this;
}

const char *boundName(PEBound b) {
  return b == PEBound::Memory ? "memory" : "compute";
}

PECost evaluate(const PEArrayDesc &desc, const PEEvents &ev,
                std::string *error) {
  PECost cost;
  if (std::string why = desc.validate(); !why.empty()) {
    if (error)
      *error = why;
    return cost;
  }
  const int64_t p = desc.numPEs();
  const int64_t bricks = desc.bitBricksPerUnit;
  const PECycleCosts &c = desc.cycles;
  const PEEnergyTable &e = desc.energy;
  auto count = [&](PrecisionPair pair, int64_t n) {
    cost.macsByPrecision[precisionKey(pair)] += n;
  };

  int64_t compute = 0;
  double busy = 0; // PE-cycles doing useful work
  for (const auto &[pair, n] : ev.fusedProducts) {
    if (n == 0)
      continue;
    int64_t perStep = fusedProductsPerStep(pair.first, pair.second, bricks);
    int64_t brickOps = n * bitBricksPerProduct(pair.first, pair.second);
    if (perStep > 0)
      compute += ceilDiv(n, p * perStep) * c.bitBrick;
    else
      compute += ceilDiv(n, p) *
                 fusedRoundsPerProduct(pair.first, pair.second, bricks) *
                 c.bitBrick;
    cost.bitBrickOps += brickOps;
    busy += static_cast<double>(brickOps) * c.bitBrick / bricks;
    count(pair, n);
  }
  if (ev.atomPairs > 0) {
    compute += ceilDiv(ev.atomPairs, p * bricks) * c.atom;
    cost.bitBrickOps += ev.atomPairs;
    busy += static_cast<double>(ev.atomPairs) * c.atom / bricks;
  }
  for (const auto &[pair, n] : ev.atomProducts)
    if (n)
      count(pair, n);
  for (const auto &[pair, n] : ev.macProducts) {
    if (n == 0)
      continue;
    (pair.first <= 4 ? cost.mac4 : cost.mac8) += n;
    count(pair, n);
  }
  if (cost.mac4 + cost.mac8 > 0) {
    int64_t peCycles = cost.mac4 * c.mac4 + cost.mac8 * c.mac8;
    int64_t macPhase = ceilDiv(peCycles, p);
    compute += macPhase;
    busy += static_cast<double>(peCycles);
    cost.hasDrq = true;
    cost.sensitiveFraction = static_cast<double>(cost.mac8) /
                             static_cast<double>(cost.mac4 + cost.mac8);
    cost.macCycles = macPhase;
    cost.macCyclesAll8 = ceilDiv((cost.mac4 + cost.mac8) * c.mac8, p);
    cost.speedupVs8bit = static_cast<double>(cost.macCyclesAll8) /
                         static_cast<double>(macPhase);
  }
  for (const auto &[pair, n] : ev.joinProducts) {
    if (n == 0)
      continue;
    compute += ceilDiv(n * c.join, p);
    busy += static_cast<double>(n * c.join);
    count(pair, n);
  }

  cost.computeCycles = compute;
  cost.memoryCycles = desc.bandwidthBytesPerCycle > 0
                          ? ceilDiv(ev.memoryBytes, desc.bandwidthBytesPerCycle)
                          : 0;
  cost.bound =
      cost.memoryCycles > compute ? PEBound::Memory : PEBound::Compute;
  cost.cycles = std::max(compute, cost.memoryCycles);
  cost.busyPECycles = busy;
  cost.peUtilization =
      cost.cycles ? busy / (static_cast<double>(p) * cost.cycles) : 0.0;
  cost.skippedWork = ev.skippedWork;
  cost.bitmapWords = ev.bitmapWords;
  cost.bufferTrafficBytes = ev.bufferBytes;
  cost.memoryTrafficBytes = ev.memoryBytes;
  cost.energy = ev.memoryBytes * e.dramByte + ev.bufferBytes * e.bufferByte +
                (cost.bitBrickOps - ev.atomPairs) * e.bitBrick +
                ev.atomPairs * e.atomPair + cost.mac4 * e.mac4 +
                cost.mac8 * e.mac8 + ev.bitmapWords * e.bitmapWord;
  return cost;
}

PECost evaluateProgram(const PEArrayDesc &desc,
                       const std::vector<PEEvents> &ops, std::string *error) {
  PEEvents all;
  for (const PEEvents &ev : ops)
    all += ev;
  std::string why;
  PECost total = evaluate(desc, all, &why);
  if (!why.empty()) {
    if (error)
      *error = why;
    return PECost();
  }
  // Instructions run one after another: their compute cycles, busy
  // PE-cycles and MAC phases add up as evaluated one by one.
  int64_t compute = 0, macCycles = 0, macCyclesAll8 = 0;
  double busy = 0;
  for (const PEEvents &ev : ops) {
    PECost one = evaluate(desc, ev);
    compute += one.computeCycles;
    busy += one.busyPECycles;
    macCycles += one.macCycles;
    macCyclesAll8 += one.macCyclesAll8;
  }
  total.computeCycles = compute;
  total.bound = total.memoryCycles > compute ? PEBound::Memory
                                             : PEBound::Compute;
  total.cycles = std::max(compute, total.memoryCycles);
  total.busyPECycles = busy;
  total.peUtilization =
      total.cycles
          ? busy / (static_cast<double>(desc.numPEs()) * total.cycles)
          : 0.0;
  total.macCycles = macCycles;
  total.macCyclesAll8 = macCyclesAll8;
  if (total.hasDrq)
    total.speedupVs8bit =
        static_cast<double>(macCyclesAll8) / static_cast<double>(macCycles);
  return total;
}

} // namespace sparq::cost
