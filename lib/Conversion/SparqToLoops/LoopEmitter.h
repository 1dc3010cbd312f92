//===- LoopEmitter.h - memref loop building blocks of the dataflows -*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// The dataflow lowering works on memrefs: every operand is described as a
// MatrixView (dense, compressed along one axis, or N:M), which the loop nests
// of each dataflow read through bounds()/entry(). Layout conversions build a
// compressed view from any stored format at run time.
//
// Values narrower than the accumulator: a view's `values` may hold integers
// narrower than the accumulator (i8 / ui8 with an i32 accumulator). Every
// loop here loads them in their stored type and extends them in registers
// with MatrixView::widen (extsi when `isSigned`, else extui; extf for
// floats), so callers may hand over stored values without a widened copy.
// Code that adds loops over a view must do the same (widen before a mac).
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_LIB_CONVERSION_SPARQTOLOOPS_LOOPEMITTER_H
#define SPARQ_LIB_CONVERSION_SPARQTOLOOPS_LOOPEMITTER_H

#include "sparq/Conversion/SparqToLoops/DataflowPlan.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/Builders.h"

namespace sparq::loops {

/// Small memref / scf helpers over one builder and location.
struct Emitter {
  mlir::OpBuilder &b;
  mlir::Location loc;

  mlir::Value idx(int64_t v) const;
  mlir::Value add(mlir::Value x, mlir::Value y) const;
  mlir::Value mul(mlir::Value x, mlir::Value y) const;
  mlir::Value load(mlir::Value m, mlir::ValueRange at) const;
  void store(mlir::Value v, mlir::Value m, mlir::ValueRange at) const;
  /// An (unsigned) stored index integer, or an index, as an index.
  mlir::Value toIndex(mlir::Value v) const;
  /// A zero-filled memref.alloc of `shape` (dynamic sizes from `dynamic`).
  mlir::Value zeros(llvm::ArrayRef<int64_t> shape, mlir::Type element,
                    mlir::ValueRange dynamic = {}) const;
  mlir::Value alloc(llvm::ArrayRef<int64_t> shape, mlir::Type element,
                    mlir::ValueRange dynamic = {}) const;
  /// scf.for lb..ub step `step` (no iter_args).
  void forLoop(mlir::Value lb, mlir::Value ub, mlir::Value step,
               llvm::function_ref<void(Emitter &, mlir::Value)> body) const;
  void forLoop(int64_t lb, int64_t ub,
               llvm::function_ref<void(Emitter &, mlir::Value)> body) const;
  /// The scalar a * b + c in the accumulator type (float or integer).
  mlir::Value mac(mlir::Value a, mlir::Value b, mlir::Value c) const;
  mlir::Value zero(mlir::Type type) const;
  /// Stores zeros into every element of memref `m`.
  void fillZero(mlir::Value m, mlir::Type element) const;
};

/// An operand of the loops viewed as a rows x cols matrix.
struct MatrixView {
  enum class Kind {
    /// `values` is a rows x cols memref (cols x rows when `transposed`).
    Dense,
    /// `positions` (index), `coordinates` (any integer), `values`: entries
    /// grouped along `major`.
    Compressed,
    /// N:M along rows (groups of `m` columns): `values` and `metadata` are
    /// rows x (cols * n / m); `major` is Rows (Columns after transposing the
    /// view).
    NM,
    /// Bitmap along `major` (BitmapJoin.cpp): `bitmap` is lines x words i64
    /// (bit `c % 64` of word `c / 64` set when minor index c is stored),
    /// `offsets` (index, lines * words + 1) the number of stored entries
    /// before each word in line-major order, `values` those entries.
    Bitmap,
  };
  Kind kind = Kind::Dense;
  int64_t rows = 0, cols = 0;
  MajorAxis major = MajorAxis::Rows;
  bool transposed = false;
  mlir::Value values, positions, coordinates, metadata;
  int64_t n = 0, m = 0;
  /// N:M views: 0 when `metadata` holds one integer per slot; 1, 2 or 4
  /// when it is rows x bytes of i8 holding the slots' group offsets packed
  /// LSB first, as `sparq.from_bytes` reads them (metadataAt).
  int64_t metadataBits = 0;
  /// The group offset of slot `slot` of stored line `line` (N:M), as an
  /// index.
  mlir::Value metadataAt(Emitter &e, mlir::Value line, mlir::Value slot) const;
  /// The field at bit `shift` (an i8 value, or a constant) of a byte of
  /// packed metadata, as an index.
  mlir::Value metadataField(Emitter &e, mlir::Value byte,
                            mlir::Value shift) const;
  mlir::Value metadataField(Emitter &e, mlir::Value byte, int64_t shift) const;
  /// Bitmap views: the words and the per-word value offsets.
  mlir::Value bitmap, offsets;
  /// Blocks of `blockSize` minor indices (K-blocking of the row kernels; 0:
  /// not blocked). Compressed views also carry `blockPositions`, lines x
  /// (blocks + 1) row-major: the first entry of each block of each line,
  /// then the line's end (withMinorBlocks).
  int64_t blockSize = 0;
  mlir::Value blockPositions;
  /// Lines per row block of a K-blocked kernel (their partial tiles stay in
  /// cache between blocks).
  int64_t blockRows = 0;
  /// Every block of every line of a blocked compressed view holds a multiple
  /// of this many entries (zeros padded in by the compiler).
  int64_t blockMultiple = 1;
  int64_t minorBlocks() const {
    return blockSize ? (minorExtent() + blockSize - 1) / blockSize : 1;
  }
  /// How `values` are extended when their element type is narrower than the
  /// accumulator's: integers sign- (true) or zero-extended (false). The loops
  /// load values in their stored type and extend them in registers
  /// (`widen`), so an i8 / ui8 operand is never copied widened.
  bool isSigned = true;

  /// `v` (a scalar or vector of this view's value type) extended to the
  /// element type `acc` (extsi / extui / extf; unchanged when equal). Under
  /// exact float accumulation (ExactFloatAccumulation.h) integers go to a
  /// float `acc` with sitofp / uitofp and integer-valued floats to an
  /// integer `acc` with fptosi, both exact there.
  mlir::Value widen(Emitter &e, mlir::Value v, mlir::Type acc) const;
  /// The same data seen as the transposed matrix (no data moved).
  MatrixView transpose() const;
  /// Number of lines along the major axis.
  int64_t majorExtent() const {
    return major == MajorAxis::Rows ? rows : cols;
  }
  int64_t minorExtent() const {
    return major == MajorAxis::Rows ? cols : rows;
  }
  /// Visits the entries of line `line` along the major axis (a row when
  /// major is Rows): `body(minor, value)`. A dense view visits every entry,
  /// an N:M view runs a fixed-trip loop of n entries per group.
  void forEachInLine(
      Emitter &e, mlir::Value line,
      llvm::function_ref<void(Emitter &, mlir::Value, mlir::Value)> body) const;
  /// The dense entry (i, j) (Dense only).
  mlir::Value denseAt(Emitter &e, mlir::Value i, mlir::Value j) const;
};

/// A compressed operand as stored (format, parts as memrefs with values in
/// the accumulator's domain), viewed as the logical operand (A as M x K, B as
/// K x N).
struct StoredOperand {
  FormatKind format = FormatKind::Dense;
  /// Shape of the logical operand.
  int64_t rows = 0, cols = 0;
  /// True when the stored matrix is the logical operand transposed (the rhs
  /// with transpose_b).
  bool storedTransposed = false;
  /// Extension of values narrower than the accumulator (MatrixView::isSigned).
  bool isSigned = true;
  mlir::Value values, positions, coordinates, bitmap, metadata;
  /// Packed N:M metadata (MatrixView::metadataBits).
  int64_t metadataBits = 0;

  /// A stored value `v` extended to the accumulator element type `acc`
  /// (MatrixView::widen).
  mlir::Value widen(Emitter &e, mlir::Value v, mlir::Type acc) const;
  int64_t n = 0, m = 0, blockRows = 0, blockCols = 0;
};

/// Stack the loops may still use for their buffers (operand copies, parking
/// buffers, packed panels) in one function: allocas at function level live
/// until it returns, so the matmuls of one function share one budget; a
/// buffer that does not fit (or is above 512 KiB) goes to the heap.
struct StackBudget {
  int64_t bytes = 1 << 20;
};

/// A 64-byte aligned buffer of `type`: a memref.alloca when it fits in
/// `budget` (null: any buffer up to 512 KiB), else a memref.alloc that the
/// caller frees (isHeapBuffer). `padBytes` of row padding count neither
/// against the 512 KiB nor against the budget (the stack may exceed it by
/// the padding: one line per row of a padded copy, 1/8 of it at most).
mlir::Value allocBuffer(Emitter &e, mlir::MemRefType type,
                        StackBudget *budget, int64_t padBytes = 0);
/// True when `buffer` came from allocBuffer's heap path (or is a subview of
/// such a buffer).
bool isHeapBuffer(mlir::Value buffer);
/// The memref.alloc that `buffer` is, or is a subview of (what to
/// deallocate); null for stack buffers and constants.
mlir::Value heapAllocation(mlir::Value buffer);
/// The row stride (elements) of a `cols`-wide buffer of `element` the row
/// kernels read with `lanes`-lane vectors (emitTransposeCopy's output, and
/// alignedRowsCopy): `cols` rounded up to whole 64-byte cache lines, so that
/// every row starts on a line (a vector load across two lines costs two L1
/// accesses: alexnet-conv3 f32 90%, 169-float rows, 1.5x faster), plus one
/// line when rows would then be a multiple of 512 bytes apart (the `lanes`
/// stores of a tile, and the rows the row kernels read, would share a few
/// L1 sets: measured 1.3x slower transposes; docs/dataflow.md). Rows
/// narrower than a line keep `cols`.
int64_t paddedRowStride(int64_t cols, mlir::Type element, int64_t lanes);
/// A buffer of the 2-D `type` whose rows are paddedRowStride apart: an
/// allocBuffer of the padded width viewed through a memref.subview (free it
/// through heapAllocation).
mlir::Value allocPaddedBuffer(Emitter &e, mlir::MemRefType type,
                              int64_t lanes, StackBudget *budget);
/// `view` (a dense, row-major view read in place) copied into a buffer of
/// paddedRowStride rows when its own rows are not (they start off cache
/// lines, or are a multiple of 512 bytes apart) and `l`, the
/// sparse operand whose entries each read a row of it, has at least twice
/// as many entries as it has rows (N:M, or compressed with constant
/// positions): the copy reads it once, the loops then read whole lines.
/// Unchanged otherwise.
MatrixView alignedRowsCopy(Emitter &e, const MatrixView &view,
                           const MatrixView &l, int64_t lanes,
                           StackBudget *budget);
/// A read-only memref of a new constant of `type` holding `bytes` (raw,
/// row-major, as DenseElementsAttr::getFromRawBuffer reads them).
mlir::Value constantBuffer(Emitter &e, mlir::RankedTensorType type,
                           llvm::ArrayRef<char> bytes);

/// Calls body(row, col, value) for every stored entry (logical indices).
void forEachStoredEntry(
    Emitter &e, const StoredOperand &op,
    llvm::function_ref<void(Emitter &, mlir::Value, mlir::Value, mlir::Value)>
        body);

/// The view of a stored operand iterated in `layout` (one of the layouts
/// planMatmulDataflow produces). With `convert`, the data are rearranged in
/// generated code (a dense operand transposed, a sparse one compressed along
/// layout.major); without, the stored data are viewed as they are.
/// A dense operand is transposed with `lanes` x `lanes` register tiles
/// (emitTransposeCopy).
/// With `denseElement` (exact float accumulation: f32), a dense operand
/// whose values have another type is always copied, converted to it, in the
/// planned order (emitConvertCopy / emitTransposeCopy), instead of being
/// converted at every use by the loops.
MatrixView buildView(Emitter &e, const StoredOperand &op,
                     const OperandLayout &layout, bool convert,
                     int64_t lanes = 8, StackBudget *stack = nullptr,
                     mlir::Type denseElement = {});

/// dst[i, j] = src[i, j] for static 2-D memrefs of the same shape, converted
/// to dst's element type as MatrixView::widen converts (integers sign-
/// extended / converted when `isSigned`, else zero-extended / unsigned;
/// floats to integers with fptosi), vectorized along j with `lanes` lanes.
void emitConvertCopy(Emitter &e, mlir::Value src, mlir::Value dst,
                     bool isSigned, int64_t lanes);

/// Transposes the square tile `rows` (`rows.size()` vectors of as many
/// lanes) in registers: log2(lanes) stages of two-source vector.shuffle
/// (element-wise gathers when lanes is not a power of two).
llvm::SmallVector<mlir::Value> transposeInRegisters(Emitter &e,
                                                    llvm::ArrayRef<mlir::Value> rows);

/// dst[j, i] = src[i, j] for the static 2-D memrefs src (R x C) and dst
/// (C x R): `lanes` x `lanes` tiles loaded, transposed in registers and
/// stored as vectors; the edges element by element. When dst's element type
/// differs, every value is converted on the way (MatrixView::widen, with
/// `isSigned`).
void emitTransposeCopy(Emitter &e, mlir::Value src, mlir::Value dst,
                       int64_t lanes, bool isSigned = true);

/// Options of the product loops.
struct KernelOptions {
  /// Vector lanes and register tile (vectors per accumulator tile).
  int64_t lanes = 8, tile = 8;
  /// Use scf.parallel over the outer loop.
  bool parallel = false;
  /// Block the row kernels along K (withMinorBlocks) where they can be.
  bool kBlocking = true;
  /// Forced K-block size and rows per row block (0: chosen from the cache
  /// sizes and the density).
  int64_t kBlockSize = 0, kBlockRows = 0;
  /// Stack left for the loops' buffers (null: 512 KiB per buffer).
  StackBudget *stack = nullptr;
  /// Exact float accumulation: the integer buffer (out's shape) the f32
  /// sums end in. A kernel that writes every output once from registers
  /// (the C^T-orientation row blocks, emitSparseDenseRowsTransposed, when
  /// every row of L is in a block) stores them there, converted with
  /// fptosi, and sets *finalWritten; otherwise they go to `out` and the
  /// caller converts them.
  mlir::Value finalOut;
  bool *finalWritten = nullptr;
  /// Exact float accumulation per reduction block (integer `out`, operands
  /// whose values are integers, possibly stored as f32): the dense GEMM sums
  /// each reduction block of at most kDenseGemmReductionBlock products in
  /// f32 registers and adds the block sums, converted with fptosi, into
  /// out. The other kernels ignore it (they accumulate in out's type).
  bool blockFloat = false;
};

/// The dense GEMM's reduction block: out is updated once per block of this
/// many products (per element, in order of k).
constexpr int64_t kDenseGemmReductionBlock = 256;

/// True when emitProduct writes every element of `out` (so it needs no zero
/// fill): a dense right operand under any dataflow but outer, or both
/// operands dense.
bool productWritesEveryOutput(Dataflow dataflow, const MatrixView &l,
                              const MatrixView &r, bool transposedOut);

/// True when emitDenseGemm handles out = L * R: both dense, R stored by rows,
/// out not transposed.
bool canEmitDenseGemm(const MatrixView &l, const MatrixView &r,
                      bool transposedOut);

/// out = L * R for dense L and R (canEmitDenseGemm), cache-blocked with
/// packed panels of R and a register tile of 6 rows x 2 vectors
/// (DenseGemm.cpp); overwrites out (no zero fill needed).
void emitDenseGemm(Emitter &e, const MatrixView &l, const MatrixView &r,
                   mlir::Value out, const KernelOptions &options);

/// Emits `out += L * R` (out is a P x Q memref of the accumulator type,
/// indexed [q, p] when `transposedOut`; zero-initialized unless
/// productWritesEveryOutput) with `dataflow`. L and R may hold values
/// narrower than the accumulator (MatrixView::isSigned says how they are
/// extended, in registers).
void emitProduct(Emitter &e, Dataflow dataflow, const MatrixView &l,
                 const MatrixView &r, mlir::Value out, bool transposedOut,
                 const KernelOptions &options);

} // namespace sparq::loops

#endif // SPARQ_LIB_CONVERSION_SPARQTOLOOPS_LOOPEMITTER_H
