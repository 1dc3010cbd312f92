//===- GroupExpand.h - Run-time operands expanded per group of K -*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// Scales grouped along K need one exact integer partial sum per output and
// group. When neither operand is a constant (whose expansion happens in the
// compiler, ConstantQuant.h), one run-time operand is expanded in generated
// code, once per call: its stored entries are counting-sorted into a
// compressed matrix in which every group of K has its own output line (or
// its own coordinates), so that the product with the other operand, lowered
// as any matmul, yields the partial sums with the same MACs and the same
// skipping.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_LIB_CONVERSION_SPARQTOLOOPS_GROUPEXPAND_H
#define SPARQ_LIB_CONVERSION_SPARQTOLOOPS_GROUPEXPAND_H

#include "LoopEmitter.h"

namespace sparq::loops {

/// A run-time operand expanded per group of K: the parts of a csr / csc
/// tensor of type `type` (memrefs the caller frees after its last use) and
/// that tensor (a sparq.assemble of them).
struct GroupExpandedOperand {
  mlir::Value positions, coordinates, values;
  mlir::Value tensor;
};

/// Expands the stored operand `op` (A as [M, K] when `isLhs`, else B as
/// [K, N]; its values zero-point free) for scales grouped along K by
/// `group` (G = K / group groups). The result has the same stored entries:
///   A -> [M * G, K]: entry (m, k) at (m * G + k / group, k);
///   B -> [K, N * G]: entry (k, n) at (k, n * G + k / group).
/// With `linesPerGroup` the lines are the (output, group) pairs (A as csr,
/// B as csc: a line holds one group's entries of one output line), else
/// the K indices (A as csc, B as csr: coordinates remapped). Coordinates are
/// ascending within every line. Values are converted to the integer type
/// `element` (op.isSigned says how narrower values extend).
/// A csr / csc operand whose lines already run along the expanded lines'
/// outer index is expanded in place: with output lines of ascending K, each
/// group is a contiguous run, so only the positions of the group boundaries
/// are new (one pass over the coordinates); with K lines only the
/// coordinates are remapped; the values and the other index part are
/// reused (the returned buffers are then null). Otherwise a counting sort:
/// two passes over the stored entries and one over the lines, linear in
/// nnz + lines.
GroupExpandedOperand emitGroupExpanded(Emitter &e, const StoredOperand &op,
                                       bool isLhs, bool linesPerGroup,
                                       int64_t group, mlir::Type element);

} // namespace sparq::loops

#endif // SPARQ_LIB_CONVERSION_SPARQTOLOOPS_GROUPEXPAND_H
