//===- BitmapJoin.h - Bitmap views and the AND + popcount join -*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// Bitmap operands are read in place by the dataflow loops (a line is walked
// with count-trailing-zeros / clear-lowest-bit), and the inner product of two
// bitmap lines is a SparTen-style join: the words of the two lines are ANDed
// and each matched entry's value is found by a prefix popcount (the line's
// per-word value offset plus the popcount of the bits below it in the word).
// A bitmap grouped along the wrong axis is transposed into a bitmap along the
// other one: in the compiler for constant parts, once per call otherwise.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_LIB_CONVERSION_SPARQTOLOOPS_BITMAPJOIN_H
#define SPARQ_LIB_CONVERSION_SPARQTOLOOPS_BITMAPJOIN_H

#include "LoopEmitter.h"

namespace sparq::loops {

/// Number of 64-bit words of a bitmap line of `bits` entries.
inline int64_t bitmapWords(int64_t bits) { return (bits + 63) / 64; }

/// `while (word != 0)` over the set bits of the i64 `word`, lowest first:
/// `body(word, rest)` returns the next values of `rest` (its lowest set bit
/// is `cttz(word)`); the loop clears that bit (`word & (word - 1)`). Returns
/// the final `rest`.
llvm::SmallVector<mlir::Value>
whileBits(Emitter &e, mlir::Value word, mlir::ValueRange rest,
          llvm::function_ref<llvm::SmallVector<mlir::Value>(
              Emitter &, mlir::Value, mlir::ValueRange)>
              body);

/// The line walk of a Bitmap view (MatrixView::forEachInLine's bitmap case):
/// the set bits of each word are visited in ascending order with
/// count-trailing-zeros and `w & (w - 1)`, the values read at a running
/// position that starts at the line's offset. No test per minor index.
llvm::SmallVector<mlir::Value> forEachBitmapLineIter(
    const MatrixView &v, Emitter &e, mlir::Value line, mlir::ValueRange init,
    llvm::function_ref<llvm::SmallVector<mlir::Value>(
        Emitter &, mlir::Value, mlir::Value, mlir::ValueRange)>
        body);

/// The bitmap operand `op` read in place: its stored rows are the lines (the
/// logical operand's columns when it is stored transposed). The per-word
/// value offsets are computed in generated code, once per call (one popcount
/// per word).
MatrixView buildBitmapView(Emitter &e, const StoredOperand &op);

/// The bitmap operand `op` grouped along the other axis: a bitmap with one
/// line per stored column, built in generated code once per call (a counting
/// sort of the stored entries, linear in nnz + the words of both bitmaps).
MatrixView transposeBitmapView(Emitter &e, const StoredOperand &op);

/// True when a constant bitmap of `type` can be transposed in the compiler:
/// its quantization (if any) is per tensor or per channel (a channel axis
/// maps to the other axis of the transposed tensor; group scales would need
/// re-laying out too).
bool canTransposeBitmapInCompiler(mlir::RankedTensorType type);

/// For a rank-2 bitmap `operand` defined by a sparq.assemble of constants,
/// the transposed matrix stored as a bitmap, built in the compiler (linear in
/// nnz and the words): a sparq.assemble of new bitmap and values constants
/// (the values permuted byte for byte, scales / zero points / codebook
/// reused, a channel axis swapped) of the transposed shape. Null when a part
/// is not a readable constant or the quantization does not allow it.
mlir::Value transposeConstantBitmap(mlir::OpBuilder &b, mlir::Location loc,
                                    mlir::Value operand);

/// out(p, q) = L[p, :] . R[:, q] for bitmap lines of L (rows) and R
/// (columns): for each word, x = wl & wr; while x: the lowest set bit's value
/// positions are offset + popcount(word & (lowbit - 1)) in each operand; MAC;
/// x &= x - 1. One AND per word pair, no test per k.
void emitBitmapJoin(Emitter &e, const MatrixView &l, const MatrixView &r,
                    mlir::Value out, bool transposedOut,
                    const KernelOptions &options);

} // namespace sparq::loops

#endif // SPARQ_LIB_CONVERSION_SPARQTOLOOPS_BITMAPJOIN_H
