//===- PECycleModel.h - Cycles, traffic and energy of a PE array -*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// The cycle model of a multi-precision PE array (BitFusion fusion units of
// 2-bit BitBricks, DRQ's 4/8-bit PEs, 2-bit atoms with zero skipping and
// SparTen's bitmap inner-join). Plain C++ with no MLIR types, so that
// `--sparq-pe-simulate`, the paper-check generator and the unit tests share
// one implementation. The model is specified in docs/pe-cycle-model.md; every
// count is an exact integer, and with unconstrained memory the compute cycles
// equal the published formulas whenever the work divides the array.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_COSTMODEL_PECYCLEMODEL_H
#define SPARQ_COSTMODEL_PECYCLEMODEL_H

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace sparq::cost {

/// Cycles of one instruction of each kind on one PE (the `*_cycles` fields
/// of `#sparq_pe.accelerator`).
struct PECycleCosts {
  /// One round of a fusion unit: every BitBrick computes one 2-bit x 2-bit
  /// product (`bitbrick_cycles`).
  int64_t bitBrick = 1;
  /// A MAC with an activation of at most 4 bits / of more than 4 bits on a
  /// multi-precision PE (DRQ; `mac4_cycles`, `mac8_cycles`).
  int64_t mac4 = 1;
  int64_t mac8 = 4;
  /// One round of nonzero 2-bit atom pairs, one per BitBrick (`atom_cycles`).
  int64_t atom = 1;
  /// One matched position of a bitmap inner join on one PE (`join_cycles`).
  int64_t join = 1;
};

/// Energy of one access or operation (any unit, e.g. pJ; the report sums
/// count x cost, so the unit of the result is the unit of this table).
/// The keys of `#sparq_pe.accelerator`'s `energy` dictionary.
struct PEEnergyTable {
  double dramByte = 0;   ///< one byte between memory (DRAM) and a buffer
  double bufferByte = 0; ///< one byte read or written in an on-chip buffer
  double bitBrick = 0;   ///< one 2-bit x 2-bit BitBrick product (fused)
  double mac4 = 0;       ///< one MAC at <= 4 activation bits
  double mac8 = 0;       ///< one MAC at > 4 activation bits
  double atomPair = 0;   ///< one nonzero atom pair
  double bitmapWord = 0; ///< AND + prefix popcount of one 64-bit word pair
};

/// The accelerator: an array of rows x cols PEs, each a fusion unit of
/// `bitBricksPerUnit` BitBricks (a square number: a G x G grid of bricks),
/// three on-chip buffers, a memory interface and the cost tables. Mirrors
/// the `#sparq_pe.accelerator` attribute.
struct PEArrayDesc {
  int64_t rows = 1, cols = 1;
  int64_t bitBricksPerUnit = 16;
  int64_t inputBufferBytes = 0, weightBufferBytes = 0, outputBufferBytes = 0;
  /// Bytes per cycle between memory and the buffers; 0 = unconstrained.
  int64_t bandwidthBytesPerCycle = 0;
  PECycleCosts cycles;
  PEEnergyTable energy;

  /// The number of PEs (fusion units), P = rows * cols.
  int64_t numPEs() const { return rows * cols; }
  /// G, the side of the square grid of BitBricks in one fusion unit.
  int64_t brickGridSide() const;
  /// Empty when the description is usable; otherwise what is wrong.
  std::string validate() const;
};

/// Operand bit widths of a product: activation bits a, weight bits w.
using PrecisionPair = std::pair<int, int>;

/// "AxW", the key of a precision pair in reports (e.g. "8x4").
std::string precisionKey(PrecisionPair p);

/// BitBricks one a-bit x w-bit product occupies: ceil(a/2) * ceil(w/2).
int64_t bitBricksPerProduct(int a, int w);

/// Products per round of one fusion unit of G x G BitBricks:
/// floor(G / ceil(a/2)) * floor(G / ceil(w/2)). For G = 4 (16 BitBricks) and
/// a, w <= 8 this is BitFusion's floor(8/max(a,2)) * floor(8/max(w,2)):
/// 8x8 -> 1, 8x4 -> 2, 4x4 -> 4, 8x2 -> 4, 4x2 -> 8, 2x2 -> 16. Returns 0 when
/// an operand is wider than 2G bits (see fusedRoundsPerProduct) or the unit
/// is not a square grid.
int64_t fusedProductsPerStep(int a, int w, int64_t bitBricksPerUnit = 16);

/// Rounds one product wider than the unit takes when the fusion unit
/// iterates over G x G blocks of its digit pairs in time (BitFusion's
/// temporal mode): ceil(ceil(a/2) / G) * ceil(ceil(w/2) / G); 1 when it fits.
int64_t fusedRoundsPerProduct(int a, int w, int64_t bitBricksPerUnit = 16);

/// DRQ's compute-bound speedup over all-8-bit for a sensitive fraction r:
/// c8 / (c4 (1 - r) + c8 r), i.e. 4 / (1 + 3r) for c4 = 1, c8 = 4.
double drqSpeedupFormula(double r, int64_t mac4Cycles = 1,
                         int64_t mac8Cycles = 4);

/// The number of nonzero 2-bit atoms (base-4 digits) of a magnitude.
int64_t nonzeroAtoms(uint64_t magnitude);

/// Events of one PE program (or one op of it), counted exactly. Work of
/// different kinds runs in separate phases (the array is configured for one
/// precision or scheme at a time), so their cycles add.
struct PEEvents {
  /// Products on fused BitBricks per (a, w) pair (BitFusion).
  std::map<PrecisionPair, int64_t> fusedProducts;
  /// Nonzero 2-bit atom pairs, each one BitBrick product (atoms), and the
  /// products they came from per (a, w) pair (for the report).
  int64_t atomPairs = 0;
  std::map<PrecisionPair, int64_t> atomProducts;
  /// MACs on multi-precision PEs per (a, w): at mac4 cost when a <= 4, at
  /// mac8 cost otherwise (DRQ).
  std::map<PrecisionPair, int64_t> macProducts;
  /// Matched positions of bitmap inner joins per (a, w), and the 64-bit
  /// bitmap word pairs ANDed to find them.
  std::map<PrecisionPair, int64_t> joinProducts;
  int64_t bitmapWords = 0;
  /// Work not done: atom pairs skipped (zero atoms, pruned zeros) for
  /// atoms, products skipped (a position unset in either bitmap) for
  /// bitmap.
  int64_t skippedWork = 0;
  /// Bytes read or written in the on-chip buffers by the PEs, and bytes
  /// moved between memory and the buffers.
  int64_t bufferBytes = 0, memoryBytes = 0;

  /// Adds another op's events to these.
  PEEvents &operator+=(const PEEvents &other);
};

/// Which resource bounds the cycles.
enum class PEBound { Compute, Memory };

/// "compute" or "memory".
const char *boundName(PEBound b);

/// The model's verdict on a set of events.
struct PECost {
  int64_t computeCycles = 0; ///< sum of the phases below
  int64_t memoryCycles = 0;  ///< ceil(memory bytes / bandwidth); 0 if unconstrained
  int64_t cycles = 0;        ///< max(compute, memory)
  PEBound bound = PEBound::Compute; ///< memory only when memory > compute
  /// Products (MACs) by "AxW", whatever unit executed them.
  std::map<std::string, int64_t> macsByPrecision;
  int64_t bitBrickOps = 0; ///< fused products x bricks each, plus atom pairs
  int64_t mac4 = 0, mac8 = 0; ///< multi-precision MACs at each cost
  int64_t bitmapWords = 0;    ///< bitmap word pairs ANDed
  int64_t skippedWork = 0;
  /// Busy PE-cycles / (P x cycles); a fused product of a x w counts
  /// bitBricksPerProduct / G^2 of a step, so 6-bit operands on a 16-brick
  /// unit use 9/16 of it.
  double peUtilization = 0;
  int64_t bufferTrafficBytes = 0, memoryTrafficBytes = 0;
  double energy = 0;
  /// Whenever there are multi-precision MACs: r = mac8 / (mac4 + mac8) (for
  /// DRQ, the fraction of activation elements in sensitive regions), and
  /// the cycles of the same MACs all at 8 bits over the cycles of the MAC
  /// phase.
  bool hasDrq = false;
  double sensitiveFraction = 0;
  double speedupVs8bit = 0;
  /// The parts the ratios above are made of, so that programs can sum them:
  /// busy PE-cycles, the MAC phase's cycles and the same MACs' cycles all at
  /// 8 bits.
  double busyPECycles = 0;
  int64_t macCycles = 0, macCyclesAll8 = 0;
};

/// Evaluates events on the array. The compute phases (P = numPEs(),
/// F = bitBricksPerUnit), which add:
/// - fused (a, w) that fits the unit:
///   ceil(n / (P * fusedProductsPerStep(a, w))) * bitBrick; wider:
///   ceil(n / P) * fusedRoundsPerProduct(a, w) * bitBrick;
/// - atoms: ceil(atomPairs / (P * F)) * atom;
/// - MACs: ceil((mac4 * c4 + mac8 * c8) / P);
/// - join: ceil(matched * join / P) per (a, w).
/// `error` is set (and an empty cost returned) when the description is
/// invalid.
PECost evaluate(const PEArrayDesc &desc, const PEEvents &events,
                std::string *error = nullptr);

/// Evaluates a straight-line program whose instructions have the events
/// `ops`, run one after another on the whole array while memory transfers
/// overlap with compute (double buffering):
/// - compute cycles = the sum of every instruction's compute cycles (each
///   rounds up on its own);
/// - memory cycles = ceil(total memory bytes / bandwidth); cycles, bound as
///   in evaluate();
/// - utilization = total busy PE-cycles / (P x cycles);
/// - speedup_vs_8bit = sum of the MAC instructions' all-8-bit cycles / sum
///   of their cycles; r from the total MAC counts;
/// - counts, traffic and energy are sums.
PECost evaluateProgram(const PEArrayDesc &desc,
                       const std::vector<PEEvents> &ops,
                       std::string *error = nullptr);

} // namespace sparq::cost

#endif // SPARQ_COSTMODEL_PECYCLEMODEL_H
