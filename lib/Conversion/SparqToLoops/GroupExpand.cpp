//===- GroupExpand.cpp - Run-time operands expanded per group of K --------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#include "GroupExpand.h"

#include "sparq/Dialect/Sparq/IR/SparqOps.h"
#include "sparq/Dialect/Sparq/IR/SparqTypes.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"

using namespace mlir;

namespace sparq::loops {

namespace {

/// The tensor a read-only memref of the operand was taken from (its
/// bufferization.to_buffer), so a part the expansion keeps is reused as is.
Value sourceTensor(Value buffer) {
  auto toBuffer = buffer.getDefiningOp<bufferization::ToBufferOp>();
  return toBuffer ? toBuffer.getTensor() : Value();
}

Value toTensor(Emitter &e, Value buffer) {
  auto type = cast<MemRefType>(buffer.getType());
  return bufferization::ToTensorOp::create(
      e.b, e.loc, RankedTensorType::get(type.getShape(), type.getElementType()),
      buffer, /*restrict=*/e.b.getUnitAttr(), /*writable=*/UnitAttr());
}

/// The positions (lines + 1, i32) of `count` entries per line:
/// `count(body)` calls body(line) once per entry.
Value positionsFromCounts(
    Emitter &e, int64_t lines,
    function_ref<void(function_ref<void(Emitter &, Value)>)> count,
    Value *cursorOut) {
  Type index = e.b.getIndexType(), i32 = e.b.getI32Type();
  Value counts = e.zeros({lines + 1}, index);
  count([&](Emitter &e, Value line) {
    Value at = e.add(line, e.idx(1));
    e.store(e.add(e.load(counts, {at}), e.idx(1)), counts, {at});
  });
  Value positions = e.alloc({lines + 1}, i32);
  Value cursor = cursorOut ? e.alloc({lines}, index) : Value();
  e.store(arith::ConstantIntOp::create(e.b, e.loc, i32, 0), positions,
          {e.idx(0)});
  e.forLoop(0, lines, [&](Emitter &e, Value i) {
    Value next = e.add(i, e.idx(1));
    Value begin = e.load(counts, {i});
    Value end = e.add(begin, e.load(counts, {next}));
    e.store(end, counts, {next});
    if (cursor)
      e.store(begin, cursor, {i});
    e.store(arith::IndexCastUIOp::create(e.b, e.loc, i32, end), positions,
            {next});
  });
  if (cursorOut)
    *cursorOut = cursor;
  memref::DeallocOp::create(e.b, e.loc, counts);
  return positions;
}

} // namespace

GroupExpandedOperand emitGroupExpanded(Emitter &e, const StoredOperand &op,
                                       bool isLhs, bool linesPerGroup,
                                       int64_t group, Type element) {
  int64_t k = isLhs ? op.cols : op.rows;
  int64_t outer = isLhs ? op.rows : op.cols;
  int64_t groups = k / group;
  int64_t lines = linesPerGroup ? outer * groups : k;
  Type i32 = e.b.getI32Type();
  Value cGroups = e.idx(groups), cGroup = e.idx(group), c1 = e.idx(1);
  // The expanded outer index (m * G + k / group, or n * G + k / group).
  auto expandedOuter = [&](Emitter &e, Value o, Value kk) {
    return e.add(e.mul(o, cGroups),
                 arith::DivUIOp::create(e.b, e.loc, kk, cGroup));
  };
  // The expanded line and coordinate of logical entry (r, c).
  auto place = [&](Emitter &e, Value r, Value c) -> std::pair<Value, Value> {
    Value kk = isLhs ? c : r, o = isLhs ? r : c;
    Value eo = expandedOuter(e, o, kk);
    return linesPerGroup ? std::pair{eo, kk} : std::pair{kk, eo};
  };
  bool csr = isLhs == linesPerGroup;
  SmallVector<int64_t> shape =
      isLhs ? SmallVector<int64_t>{outer * groups, k}
            : SmallVector<int64_t>{k, outer * groups};
  GroupExpandedOperand result;

  // In place: a csr / csc operand whose lines already are the expanded
  // lines' outer index (output lines with ascending K coordinates: each
  // group is a contiguous run, so only the positions of the group
  // boundaries are new, counted by one pass over the coordinates) or K
  // (only the coordinates are remapped, positions kept). The values (zero-
  // point free) and the other index part are reused.
  bool compressed =
      op.format == FormatKind::CSR || op.format == FormatKind::CSC;
  bool linesAreRows = (op.format == FormatKind::CSR) != op.storedTransposed;
  bool outputLines = isLhs == linesAreRows;
  Value keptValues = sourceTensor(op.values);
  if (compressed && outputLines == linesPerGroup && keptValues &&
      cast<RankedTensorType>(keptValues.getType()).getElementType() ==
          element) {
    int64_t stored = linesAreRows ? op.rows : op.cols;
    Value positions = op.positions, coordinates = op.coordinates;
    auto widthOf = [](Value v) {
      return cast<MemRefType>(v.getType()).getElementTypeBitWidth();
    };
    auto lineBounds = [&](Emitter &e, Value line) {
      return std::pair{e.toIndex(e.load(op.positions, {line})),
                       e.toIndex(e.load(op.positions, {e.add(line, c1)}))};
    };
    if (linesPerGroup) {
      positions = positionsFromCounts(
          e, lines,
          [&](function_ref<void(Emitter &, Value)> entry) {
            e.forLoop(0, stored, [&](Emitter &e, Value o) {
              auto [lo, hi] = lineBounds(e, o);
              e.forLoop(lo, hi, c1, [&](Emitter &e, Value j) {
                Value kk = e.toIndex(e.load(op.coordinates, {j}));
                entry(e, expandedOuter(e, o, kk));
              });
            });
          },
          nullptr);
      result.positions = positions;
    } else {
      Value nnz = memref::DimOp::create(e.b, e.loc, op.coordinates, 0);
      coordinates = e.alloc({ShapedType::kDynamic}, i32, {nnz});
      e.forLoop(0, stored, [&](Emitter &e, Value kk) {
        auto [lo, hi] = lineBounds(e, kk);
        e.forLoop(lo, hi, c1, [&](Emitter &e, Value j) {
          Value o = e.toIndex(e.load(op.coordinates, {j}));
          e.store(arith::IndexCastUIOp::create(e.b, e.loc, i32,
                                               expandedOuter(e, o, kk)),
                  coordinates, {j});
        });
      });
      result.coordinates = coordinates;
    }
    EncodingAttr base = EncodingAttr::get(
        e.b.getContext(), csr ? FormatKind::CSR : FormatKind::CSC);
    auto encoding = EncodingAttr::get(
        e.b.getContext(), base.getFormat(), base.getN(), base.getM(),
        base.getBlockRows(), base.getBlockCols(), widthOf(positions),
        widthOf(coordinates), base.getMetaWidth(), base.getRowDims(),
        base.getStructure(), QuantAttr());
    auto keptOrNew = [&](Value buffer, Value fresh) {
      Value source = fresh ? Value() : sourceTensor(buffer);
      return source ? source : toTensor(e, buffer);
    };
    result.tensor = AssembleOp::create(
        e.b, e.loc, RankedTensorType::get(shape, element, encoding),
        keptValues, keptOrNew(positions, result.positions),
        keptOrNew(coordinates, result.coordinates), Value(), Value(), Value(),
        Value(), Value());
    return result;
  }

  // Any other layout or format: a counting sort of the stored entries by
  // expanded line. Pass 1 counts the entries per line (positions); pass 2
  // puts every entry at its line's cursor. The entries come in the stored
  // order, lexicographic along the stored axes (block-wise for bcsr), so K
  // ascends within every (output, group) line and the output index within
  // every K line: the sort, being stable, keeps the coordinates ascending.
  Value cursor;
  Value positions = positionsFromCounts(
      e, lines,
      [&](function_ref<void(Emitter &, Value)> entry) {
        forEachStoredEntry(e, op, [&](Emitter &e, Value r, Value c, Value) {
          entry(e, place(e, r, c).first);
        });
      },
      &cursor);
  Value nnz = e.toIndex(e.load(positions, {e.idx(lines)}));
  Value coordinates = e.alloc({ShapedType::kDynamic}, i32, {nnz});
  Value values = e.alloc({ShapedType::kDynamic}, element, {nnz});
  forEachStoredEntry(e, op, [&](Emitter &e, Value r, Value c, Value v) {
    auto [line, crd] = place(e, r, c);
    Value at = e.load(cursor, {line});
    e.store(arith::IndexCastUIOp::create(e.b, e.loc, i32, crd), coordinates,
            {at});
    e.store(op.widen(e, v, element), values, {at});
    e.store(e.add(at, c1), cursor, {line});
  });
  memref::DeallocOp::create(e.b, e.loc, cursor);

  auto type = RankedTensorType::get(
      shape, element,
      EncodingAttr::get(e.b.getContext(),
                        csr ? FormatKind::CSR : FormatKind::CSC));
  result.positions = positions;
  result.coordinates = coordinates;
  result.values = values;
  result.tensor = AssembleOp::create(
      e.b, e.loc, type, toTensor(e, values), toTensor(e, positions),
      toTensor(e, coordinates), Value(), Value(), Value(), Value(), Value());
  return result;
}

} // namespace sparq::loops
