//===- SparseResult.h - Compressed matmul results ----------------*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// A sparq.matmul whose result is encoded as csr, csc, coo, bitmap or
// bcsr<R x C> is lowered to loops that produce the result's parts directly
// (in the layout sparq.pack gives them), then sparq.assemble them. Row-wise
// over two sparse operands builds it line by line (Gustavson with a sparse
// accumulator: one dense line of partial sums, R lines for bcsr, and a
// bitset of the touched indices or block columns, walked in ascending order
// with count-trailing-zeros, so coordinates come out sorted without a sort);
// row-wise and inner with a sparse left loop operand whose rows are the
// result's lines run the dataflow's own loops a band of lines at a time and
// compact each band at once (into geometrically grown buffers); the other
// cases accumulate the product densely (the dataflow's own loops) and
// compact it in two passes (count, then fill). Stored entries are
// exactly those sparq.pack of the plain result stores: a result that
// cancels to zero (or -0.0) is not stored, a NaN is; a bcsr block is stored
// whole (its zeros included) when one of its results is nonzero.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_LIB_CONVERSION_SPARQTOLOOPS_SPARSERESULT_H
#define SPARQ_LIB_CONVERSION_SPARQTOLOOPS_SPARSERESULT_H

#include "LoopEmitter.h"

namespace sparq::loops {

/// The value stored for output (m, n) from its accumulator: the pass's
/// epilogue (zero-point correction terms, scales of a float result), or the
/// identity. Must map 0 to 0 for products built line by line (their untouched
/// outputs are never visited); the plan only builds line by line when both
/// operands are sparse, so no correction term applies.
using OutputEpilogue = llvm::function_ref<mlir::Value(
    Emitter &, mlir::Value acc, mlir::Value m, mlir::Value n)>;

/// Emits `op` (planned with a csr, csc, coo, bitmap or bcsr
/// `plan.resultFormat`) over the loop operands `l` and `r` and returns the
/// result tensor (a sparq.assemble of its parts); each stored value is
/// `epilogue(acc, m, n)`, stored when nonzero (every value of a bcsr block
/// with a nonzero one).
mlir::Value emitCompressedResult(Emitter &e, MatmulOp op,
                                 const DataflowPlan &plan, const MatrixView &l,
                                 const MatrixView &r,
                                 const KernelOptions &options,
                                 OutputEpilogue epilogue);

} // namespace sparq::loops

#endif // SPARQ_LIB_CONVERSION_SPARQTOLOOPS_SPARSERESULT_H
