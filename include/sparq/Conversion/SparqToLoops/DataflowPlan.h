//===- DataflowPlan.h - How a sparq.matmul is lowered per dataflow -*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// The decisions `--sparq-lower-dataflow` takes before it emits any loop: the
// orientation of the product (C = A * B, or C^T = B^T * A^T so that a sparse
// right operand becomes the left one and the dense operand is read along its
// contiguous rows), the layout each operand is iterated in, and the layout
// conversions that requires (at compile time when the operand's parts are
// constants, otherwise in generated code). It is a pure function of the op so
// that `--sparq-select-dataflow` and reports can print exactly what the
// lowering will do.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_CONVERSION_SPARQTOLOOPS_DATAFLOWPLAN_H
#define SPARQ_CONVERSION_SPARQTOLOOPS_DATAFLOWPLAN_H

#include "sparq/Dialect/Sparq/IR/SparqOps.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

namespace sparq {

/// Which product the loops compute.
enum class MatmulOrientation {
  /// C = A * B: the loops' left operand L is A, the right operand R is B.
  Direct,
  /// C^T = B^T * A^T: L is B^T, R is A^T, and the result is stored
  /// transposed into C.
  Transposed,
};

/// One of the two operands of `C = A * B` (A is the lhs, B the rhs as
/// [K, N], whatever `transpose_b` says about its storage).
enum class MatmulOperand { Lhs, Rhs };

/// The axis of a logical operand (A as [M, K], B as [K, N]) that is outermost
/// in memory: `Rows` for row-major dense / CSR-like storage of that operand.
enum class MajorAxis { Rows, Columns };

/// How an operand is stored or iterated: a storage format and the axis of the
/// logical operand (A or B, not the loops' L or R) along which its entries
/// are grouped. A `csc` rhs without `transpose_b` is {CSC, Columns}; a `csr`
/// rhs stored transposed (`transpose_b`) is {CSR, Columns}, since its stored
/// rows are the columns of B.
struct OperandLayout {
  FormatKind format = FormatKind::Dense;
  MajorAxis major = MajorAxis::Rows;

  bool operator==(const OperandLayout &other) const {
    return format == other.format && major == other.major;
  }
  bool operator!=(const OperandLayout &other) const {
    return !(*this == other);
  }
};

/// When a layout conversion happens.
enum class ConversionTime {
  /// In the compiler: the operand's parts are constants, so the converted
  /// parts are new constants and the generated code does no conversion.
  CompileTime,
  /// In the generated code, once per call, before the product loops.
  RunTime,
};

/// One layout change the dataflow needs.
struct LayoutConversion {
  MatmulOperand operand;
  OperandLayout from, to;
  ConversionTime when;
  /// Why the dataflow needs it, in words (for reports and remarks).
  std::string reason;
};

/// How the inner dataflow matches a row of its left operand with a column
/// of its right one when both are sparse.
enum class IntersectionKind {
  /// No index intersection (outer, row, or a dense operand).
  None,
  /// Two-pointer merge of sorted coordinates; `intersection_steps` counts
  /// the coordinates examined.
  Merge,
  /// Both lines are bitmaps along K: their words are ANDed and each matched
  /// entry's value is found by a prefix popcount (SparTen style);
  /// `intersection_steps` counts the words ANDed.
  BitmapJoin,
};

/// What `--sparq-lower-dataflow` does with one `sparq.matmul`.
struct DataflowPlan {
  /// The dataflow the loops implement (never `Auto`).
  Dataflow dataflow = Dataflow::Row;
  MatmulOrientation orientation = MatmulOrientation::Direct;
  /// The layouts A and B are iterated in (after the conversions).
  OperandLayout lhs, rhs;
  /// The conversions, in the order the lowering applies them.
  llvm::SmallVector<LayoutConversion, 2> conversions;
  /// The index intersection of the inner dataflow (None otherwise).
  IntersectionKind intersection = IntersectionKind::None;
  /// The result's storage: Dense for a plain result, CSR, CSC, COO, Bitmap
  /// or BCSR for a compressed one (SparseResult.cpp).
  FormatKind resultFormat = FormatKind::Dense;
  /// For a compressed result: true when it is built line by line with a
  /// dense accumulator of one output line (one block row for bcsr) and a
  /// touched-index (touched-block) bitset (row-wise with two sparse
  /// operands, the loops' rows being the result's lines: C^T for csc, C
  /// otherwise); false when the product is accumulated densely and
  /// compacted.
  bool resultByLine = false;
  /// For a compressed result not built line by line: when nonzero, the
  /// dataflow produces whole result lines (row-wise or inner, the loops'
  /// left operand sparse and its rows the result's lines: rows of C, or
  /// columns for csc) and the product is computed `resultBandLines` loop
  /// rows at a time into a band accumulator of that many lines (a block row
  /// for bcsr), compacted after each band; 0: into a dense M x N
  /// accumulator compacted at the end.
  int64_t resultBandLines = 0;

  /// One line per decision, e.g.
  /// `dataflow row, orientation C^T = B^T * A^T, lhs dense(rows) -> ...`.
  void print(llvm::raw_ostream &os) const;
};

/// The dataflow used for `auto` or an absent attribute: row-wise (Gustavson)
/// for sparse x dense and dense x dense (the sparse operand as the loops'
/// left operand, vectorized along the dense one), row-wise as well for
/// sparse x sparse (no index intersection, one dense output row per row).
Dataflow getDefaultDataflow(MatmulOp op);

/// Plans `op` with `dataflow` (`Auto` resolves to getDefaultDataflow). Fails
/// when `--sparq-lower-dataflow` cannot lower the op (then, if `reason` is
/// given, it says why): batched (rank-3) operands, dynamic shapes, an
/// nm result (a product is in general not N:M), or scales that the lowering
/// cannot apply per output.
/// Pure: inspects the op and the ops defining its operands (to see whether
/// the parts are constants), changes nothing.
llvm::FailureOr<DataflowPlan> planMatmulDataflow(MatmulOp op, Dataflow dataflow,
                                                 std::string *reason = nullptr);

/// For an integer accumulator with a float result: the size of the groups
/// along K in which an operand's scales vary (a channel of K is a group of
/// 1; the plan checked that both operands agree), or 0 when every scale
/// applies once per output.
int64_t getScaleGroupAlongK(MatmulOp op);

/// Spellings used by DataflowPlan::print and diagnostics.
llvm::StringRef stringifyOrientation(MatmulOrientation orientation);
/// "none", "merge" or "bitmap-and".
llvm::StringRef stringifyIntersection(IntersectionKind intersection);
std::string stringifyLayout(const OperandLayout &layout);

} // namespace sparq

#endif // SPARQ_CONVERSION_SPARQTOLOOPS_DATAFLOWPLAN_H
