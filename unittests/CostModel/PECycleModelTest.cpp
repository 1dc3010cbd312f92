//===- PECycleModelTest.cpp - The PE cycle model, computed by hand --------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#include "sparq/CostModel/PECycleModel.h"

#include "gtest/gtest.h"

#include <algorithm>

using namespace sparq::cost;

namespace {

PEArrayDesc array2x2() {
  PEArrayDesc d;
  d.rows = 2;
  d.cols = 2;
  return d;
}

PECost run(const PEArrayDesc &d, const PEEvents &ev) {
  std::string error;
  PECost c = evaluate(d, ev, &error);
  EXPECT_EQ(error, "");
  return c;
}

TEST(PECycleModelTest, BitFusionProductsPerStepAreThePaperFactors) {
  EXPECT_EQ(fusedProductsPerStep(8, 8), 1);
  EXPECT_EQ(fusedProductsPerStep(4, 4), 4);
  EXPECT_EQ(fusedProductsPerStep(2, 2), 16);
  EXPECT_EQ(fusedProductsPerStep(8, 2), 4);
  EXPECT_EQ(fusedProductsPerStep(4, 2), 8);
  EXPECT_EQ(fusedProductsPerStep(8, 4), 2);
  EXPECT_EQ(fusedProductsPerStep(2, 8), 4);
  EXPECT_EQ(fusedProductsPerStep(2, 4), 8);
  EXPECT_EQ(fusedProductsPerStep(4, 8), 2);
  // The grid form floor(G / ceil(a/2)) equals the floor(8/max(a,2))
  // for every width a 16-brick unit takes.
  for (int a = 1; a <= 8; ++a)
    for (int w = 1; w <= 8; ++w)
      EXPECT_EQ(fusedProductsPerStep(a, w),
                (8 / std::max(a, 2)) * (8 / std::max(w, 2)))
          << a << "x" << w;
  // Wider than the unit: no fit. A 64-brick unit (G = 8) fits 16x16 once.
  EXPECT_EQ(fusedProductsPerStep(16, 8), 0);
  EXPECT_EQ(fusedProductsPerStep(16, 16, 64), 1);
  EXPECT_EQ(fusedProductsPerStep(8, 8, 64), 4);
  EXPECT_EQ(fusedProductsPerStep(8, 8, 12), 0); // not a square grid
  // Temporal rounds for products wider than the unit.
  EXPECT_EQ(fusedRoundsPerProduct(8, 8), 1);
  EXPECT_EQ(fusedRoundsPerProduct(16, 8), 2);
  EXPECT_EQ(fusedRoundsPerProduct(16, 16), 4);
  EXPECT_EQ(fusedRoundsPerProduct(10, 2), 2);
}

TEST(PECycleModelTest, BitBricksPerProduct) {
  EXPECT_EQ(bitBricksPerProduct(8, 8), 16);
  EXPECT_EQ(bitBricksPerProduct(8, 2), 4);
  EXPECT_EQ(bitBricksPerProduct(4, 4), 4);
  EXPECT_EQ(bitBricksPerProduct(3, 5), 6);
  EXPECT_EQ(bitBricksPerProduct(1, 1), 1);
}

TEST(PECycleModelTest, BitFusionComputeCyclesAreExact) {
  // P = 4 units, 64 products: 8x8 -> 64 / 4 = 16 cycles; 4x4 -> 64 / 16 = 4;
  // 2x2 -> 64 / 64 = 1; 8x2 -> 4; 8x4 -> 8; 4x2 -> 2.
  const std::pair<PrecisionPair, int64_t> expected[] = {
      {{8, 8}, 16}, {{4, 4}, 4}, {{2, 2}, 1},
      {{8, 2}, 4},  {{8, 4}, 8}, {{4, 2}, 2}};
  for (const auto &[pair, cycles] : expected) {
    PEEvents ev;
    ev.fusedProducts[pair] = 64;
    PECost c = run(array2x2(), ev);
    EXPECT_EQ(c.computeCycles, cycles) << precisionKey(pair);
    EXPECT_EQ(c.cycles, cycles);
    EXPECT_EQ(c.memoryCycles, 0);
    EXPECT_EQ(c.bound, PEBound::Compute);
    EXPECT_EQ(c.bitBrickOps, 64 * bitBricksPerProduct(pair.first, pair.second));
    EXPECT_EQ(c.macsByPrecision.at(precisionKey(pair)), 64);
    EXPECT_DOUBLE_EQ(c.peUtilization, 1.0); // {2,4,8} pairs fill the unit
    EXPECT_FALSE(c.hasDrq);
  }
}

TEST(PECycleModelTest, PartialStepsAndOddWidthsLowerUtilization) {
  // 5 products of 8x8 on 4 units: 2 cycles, 5 of 8 unit-cycles busy.
  PEEvents ev;
  ev.fusedProducts[{8, 8}] = 5;
  PECost c = run(array2x2(), ev);
  EXPECT_EQ(c.computeCycles, 2);
  EXPECT_DOUBLE_EQ(c.peUtilization, 5.0 / 8.0);
  // 6x6 uses 3 x 3 = 9 of 16 bricks, one product per step: 4 products on 4
  // units take 1 cycle at 9/16 utilization.
  PEEvents odd;
  odd.fusedProducts[{6, 6}] = 4;
  PECost o = run(array2x2(), odd);
  EXPECT_EQ(o.computeCycles, 1);
  EXPECT_EQ(o.bitBrickOps, 36);
  EXPECT_DOUBLE_EQ(o.peUtilization, 9.0 / 16.0);
}

TEST(PECycleModelTest, PhasesOfDifferentPrecisionsAdd) {
  // 64 at 8x8 (16 cycles) then 64 at 2x2 (1 cycle) with 3-cycle rounds.
  PEArrayDesc d = array2x2();
  d.cycles.bitBrick = 3;
  PEEvents ev;
  ev.fusedProducts[{8, 8}] = 64;
  ev.fusedProducts[{2, 2}] = 64;
  PECost c = run(d, ev);
  EXPECT_EQ(c.computeCycles, 3 * 16 + 3 * 1);
  EXPECT_EQ(c.bitBrickOps, 64 * 16 + 64 * 1);
  EXPECT_EQ(c.macsByPrecision.size(), 2u);
}

TEST(PECycleModelTest, WideProductsIterateInTime) {
  // 16x8 on a 16-brick unit: 8 x 4 digit pairs = 2 rounds of the 4 x 4 grid;
  // 8 products on 4 units = 2 products per unit = 4 rounds.
  PEEvents ev;
  ev.fusedProducts[{16, 8}] = 8;
  PECost c = run(array2x2(), ev);
  EXPECT_EQ(c.computeCycles, 4);
  EXPECT_EQ(c.bitBrickOps, 8 * 32);
  EXPECT_DOUBLE_EQ(c.peUtilization, 1.0);
}

TEST(PECycleModelTest, DrqSpeedupIsFourOverOnePlusThreeR) {
  // 100 MACs on one PE; r = 8-bit MACs / all MACs.
  PEArrayDesc d;
  const std::pair<int64_t, int64_t> cases[] = {{0, 100}, {10, 130}, {36, 208},
                                               {100, 400}};
  for (const auto &[mac8, cycles] : cases) {
    PEEvents ev;
    ev.macProducts[{8, 8}] = mac8;
    ev.macProducts[{4, 8}] = 100 - mac8;
    PECost c = run(d, ev);
    double r = mac8 / 100.0;
    EXPECT_EQ(c.computeCycles, cycles);
    EXPECT_TRUE(c.hasDrq);
    EXPECT_DOUBLE_EQ(c.sensitiveFraction, r);
    EXPECT_DOUBLE_EQ(c.speedupVs8bit, 400.0 / cycles);
    EXPECT_DOUBLE_EQ(c.speedupVs8bit, 4.0 / (1.0 + 3.0 * r));
    EXPECT_DOUBLE_EQ(drqSpeedupFormula(r), 4.0 / (1.0 + 3.0 * r));
  }
  // On 4 PEs: 36 * 4 + 64 = 208 PE-cycles -> 52 cycles; all 8-bit 100.
  PEEvents ev;
  ev.macProducts[{8, 8}] = 36;
  ev.macProducts[{4, 4}] = 64;
  PECost c = run(array2x2(), ev);
  EXPECT_EQ(c.computeCycles, 52);
  EXPECT_EQ(c.mac8, 36);
  EXPECT_EQ(c.mac4, 64);
  EXPECT_DOUBLE_EQ(c.speedupVs8bit, 100.0 / 52.0);
  EXPECT_EQ(c.macsByPrecision.at("8x8"), 36);
  EXPECT_EQ(c.macsByPrecision.at("4x4"), 64);
  EXPECT_EQ(c.bitBrickOps, 0);
  // The activation width decides the cost: 3-bit and 2-bit activations are
  // 4-bit MACs, 6-bit ones 8-bit MACs. Costs 2 and 5.
  PEArrayDesc d2;
  d2.cycles.mac4 = 2;
  d2.cycles.mac8 = 5;
  PEEvents mixed;
  mixed.macProducts[{3, 8}] = 1;
  mixed.macProducts[{2, 2}] = 2;
  mixed.macProducts[{6, 4}] = 3;
  PECost m = run(d2, mixed);
  EXPECT_EQ(m.computeCycles, 3 * 2 + 3 * 5);
  EXPECT_DOUBLE_EQ(m.sensitiveFraction, 0.5);
  EXPECT_DOUBLE_EQ(m.speedupVs8bit, 30.0 / 21.0);
}

TEST(PECycleModelTest, AtomPairsFillTheBricks) {
  // 40 atom pairs on one 16-brick unit: ceil(40 / 16) = 3 rounds.
  PEArrayDesc d;
  PEEvents ev;
  ev.atomPairs = 40;
  ev.atomProducts[{4, 4}] = 12;
  ev.skippedWork = 8;
  PECost c = run(d, ev);
  EXPECT_EQ(c.computeCycles, 3);
  EXPECT_EQ(c.bitBrickOps, 40);
  EXPECT_EQ(c.skippedWork, 8);
  EXPECT_EQ(c.macsByPrecision.at("4x4"), 12);
  EXPECT_DOUBLE_EQ(c.peUtilization, 40.0 / 48.0);
}

TEST(PECycleModelTest, BitmapJoinCostsMatchedPositions) {
  // 10 matched 8x8 positions at 3 cycles on 4 PEs = ceil(30 / 4) = 8 cycles;
  // 5 matched 4x4 positions = ceil(15 / 4) = 4 cycles. Words only cost
  // energy.
  PEArrayDesc d = array2x2();
  d.cycles.join = 3;
  PEEvents ev;
  ev.bitmapWords = 8;
  ev.joinProducts[{8, 8}] = 10;
  ev.joinProducts[{4, 4}] = 5;
  PECost c = run(d, ev);
  EXPECT_EQ(c.computeCycles, 12);
  EXPECT_EQ(c.bitmapWords, 8);
  EXPECT_EQ(c.macsByPrecision.at("8x8"), 10);
  EXPECT_DOUBLE_EQ(c.peUtilization, 45.0 / 48.0);
  EXPECT_FALSE(c.hasDrq);
}

TEST(PECycleModelTest, BandwidthDecidesTheBound) {
  PEEvents ev;
  ev.fusedProducts[{8, 8}] = 64; // 16 compute cycles on 4 units
  ev.memoryBytes = 100;
  ev.bufferBytes = 300;
  PEArrayDesc d = array2x2();
  PECost free = run(d, ev); // bandwidth 0 = unconstrained
  EXPECT_EQ(free.cycles, 16);
  EXPECT_EQ(free.memoryCycles, 0);
  EXPECT_EQ(free.bound, PEBound::Compute);
  EXPECT_EQ(free.memoryTrafficBytes, 100);
  EXPECT_EQ(free.bufferTrafficBytes, 300);
  d.bandwidthBytesPerCycle = 8; // ceil(100 / 8) = 13 < 16
  PECost wide = run(d, ev);
  EXPECT_EQ(wide.memoryCycles, 13);
  EXPECT_EQ(wide.cycles, 16);
  EXPECT_EQ(wide.bound, PEBound::Compute);
  d.bandwidthBytesPerCycle = 4; // 25 > 16
  PECost narrow = run(d, ev);
  EXPECT_EQ(narrow.computeCycles, 16);
  EXPECT_EQ(narrow.memoryCycles, 25);
  EXPECT_EQ(narrow.cycles, 25);
  EXPECT_EQ(narrow.bound, PEBound::Memory);
  EXPECT_DOUBLE_EQ(narrow.peUtilization, 16.0 / 25.0);
  EXPECT_STREQ(boundName(narrow.bound), "memory");
  EXPECT_STREQ(boundName(wide.bound), "compute");
  // A tie is compute-bound.
  ev.memoryBytes = 64;
  EXPECT_EQ(run(d, ev).bound, PEBound::Compute);
}

TEST(PECycleModelTest, ProgramsRunInstructionsOneAfterAnother) {
  // Two instructions of 5 8x8 products on 4 units: 2 cycles each, so 4 (not
  // ceil(10 / 4) = 3); 20 memory bytes at 4 B/cycle = 5 cycles overlap.
  PEArrayDesc d = array2x2();
  d.bandwidthBytesPerCycle = 4;
  PEEvents one;
  one.fusedProducts[{8, 8}] = 5;
  one.memoryBytes = 10;
  std::string error;
  PECost c = evaluateProgram(d, {one, one}, &error);
  EXPECT_EQ(error, "");
  EXPECT_EQ(c.computeCycles, 4);
  EXPECT_EQ(c.memoryCycles, 5);
  EXPECT_EQ(c.cycles, 5);
  EXPECT_EQ(c.bound, PEBound::Memory);
  EXPECT_EQ(c.macsByPrecision.at("8x8"), 10);
  EXPECT_EQ(c.memoryTrafficBytes, 20);
  EXPECT_DOUBLE_EQ(c.peUtilization, 10.0 / 20.0);
  // DRQ: a sensitive instruction (3 8-bit MACs: ceil(12 / 4) = 3 cycles, 3
  // all-8-bit) and an insensitive one (9 4-bit MACs: ceil(9 / 4) = 3, all
  // 8-bit 9): speedup (3 + 9) / (3 + 3) = 2, r = 3 / 12.
  PEEvents hot, cold;
  hot.macProducts[{8, 8}] = 3;
  cold.macProducts[{4, 8}] = 9;
  PECost drq = evaluateProgram(array2x2(), {hot, cold}, &error);
  EXPECT_EQ(drq.computeCycles, 6);
  EXPECT_TRUE(drq.hasDrq);
  EXPECT_DOUBLE_EQ(drq.sensitiveFraction, 0.25);
  EXPECT_DOUBLE_EQ(drq.speedupVs8bit, 2.0);
  // An invalid description is reported once.
  PEArrayDesc bad;
  bad.rows = 0;
  evaluateProgram(bad, {one}, &error);
  EXPECT_EQ(error, "the array must have at least one row and one column of PEs");
}

TEST(PECycleModelTest, EnergyIsAccessesTimesCosts) {
  PEArrayDesc d;
  d.energy = {10.0, 1.0, 0.5, 2.0, 8.0, 0.125, 0.25};
  PEEvents ev;
  ev.memoryBytes = 3;
  ev.bufferBytes = 7;
  ev.fusedProducts[{4, 2}] = 5; // 5 * 2 = 10 BitBrick ops
  ev.atomPairs = 9;
  ev.macProducts[{4, 8}] = 6;
  ev.macProducts[{8, 8}] = 1;
  ev.bitmapWords = 4;
  PECost c = run(d, ev);
  EXPECT_EQ(c.bitBrickOps, 10 + 9);
  EXPECT_DOUBLE_EQ(c.energy, 3 * 10.0 + 7 * 1.0 + 10 * 0.5 + 6 * 2.0 +
                                 1 * 8.0 + 9 * 0.125 + 4 * 0.25);
}

TEST(PECycleModelTest, NonzeroAtoms) {
  EXPECT_EQ(nonzeroAtoms(0), 0);
  EXPECT_EQ(nonzeroAtoms(1), 1);
  EXPECT_EQ(nonzeroAtoms(3), 1);
  EXPECT_EQ(nonzeroAtoms(4), 1);   // 10 00
  EXPECT_EQ(nonzeroAtoms(5), 2);   // 01 01
  EXPECT_EQ(nonzeroAtoms(64), 1);  // 01 00 00 00
  EXPECT_EQ(nonzeroAtoms(127), 4); // 01 11 11 11
  EXPECT_EQ(nonzeroAtoms(128), 1); // 10 00 00 00
  EXPECT_EQ(nonzeroAtoms(170), 4); // 10 10 10 10
}

TEST(PECycleModelTest, BadDescriptionsAndProductsAreRejected) {
  std::string error;
  PEArrayDesc d;
  d.rows = 0;
  evaluate(d, PEEvents(), &error);
  EXPECT_EQ(error, "the array must have at least one row and one column of PEs");
  d = PEArrayDesc();
  d.bitBricksPerUnit = 12;
  evaluate(d, PEEvents(), &error);
  EXPECT_EQ(error, "BitBricks per fusion unit must be a square number (a G x "
                   "G grid), got 12");
  d = PEArrayDesc();
  d.cycles.mac8 = 0;
  evaluate(d, PEEvents(), &error);
  EXPECT_EQ(error, "every cycle cost must be at least 1");
  d = PEArrayDesc();
  d.energy.bufferByte = -1;
  evaluate(d, PEEvents(), &error);
  EXPECT_EQ(error, "energy costs must be non-negative numbers");
  PEEvents ev;
  ev.fusedProducts[{8, 8}] = 1;
  PECost c = evaluate(d, ev, &error);
  EXPECT_EQ(c.cycles, 0);
}

} // namespace
