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

GroupExpandedOperand emitGroupExpanded(Emitter &e, const StoredOperand &op,
                                       bool isLhs, bool linesPerGroup,
                                       int64_t group, Type element) {
  int64_t k = isLhs ? op.cols : op.rows;
  int64_t outer = isLhs ? op.rows : op.cols;
  int64_t groups = k / group;
  int64_t lines = linesPerGroup ? outer * groups : k;
  Type index = e.b.getIndexType(), i32 = e.b.getI32Type();
  Value cGroups = e.idx(groups), cGroup = e.idx(group), c0 = e.idx(0),
        c1 = e.idx(1);
  // The expanded line and coordinate of logical entry (r, c).
  auto place = [&](Emitter &e, Value r, Value c) -> std::pair<Value, Value> {
    Value kk = isLhs ? c : r, o = isLhs ? r : c;
    Value expandedOuter = e.add(
        e.mul(o, cGroups), arith::DivUIOp::create(e.b, e.loc, kk, cGroup));
    return linesPerGroup ? std::pair{expandedOuter, kk}
                         : std::pair{kk, expandedOuter};
  };
  // Pass 1: entries per line (counts[line + 1]), then the prefix sums.
  Value counts = e.zeros({lines + 1}, index);
  forEachStoredEntry(e, op, [&](Emitter &e, Value r, Value c, Value) {
    Value at = e.add(place(e, r, c).first, e.idx(1));
    e.store(e.add(e.load(counts, {at}), e.idx(1)), counts, {at});
  });
  Value positions = e.alloc({lines + 1}, i32);
  Value cursor = e.alloc({lines}, index);
  e.store(arith::ConstantIntOp::create(e.b, e.loc, i32, 0), positions, {c0});
  e.forLoop(0, lines, [&](Emitter &e, Value i) {
    Value next = e.add(i, e.idx(1));
    Value begin = e.load(counts, {i});
    Value end = e.add(begin, e.load(counts, {next}));
    e.store(end, counts, {next});
    e.store(begin, cursor, {i});
    e.store(arith::IndexCastUIOp::create(e.b, e.loc, i32, end), positions,
            {next});
  });
  Value nnz = e.load(counts, {e.idx(lines)});
  memref::DeallocOp::create(e.b, e.loc, counts);
  // Pass 2: every entry at its line's cursor. The entries come in the
  // stored order, lexicographic along the stored axes (block-wise for
  // bcsr), so K ascends within every (output, group) line and the output
  // index within every K line: the counting sort, being stable, keeps the
  // coordinates ascending.
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

  auto toTensor = [&](Value buffer) -> Value {
    auto type = cast<MemRefType>(buffer.getType());
    return bufferization::ToTensorOp::create(
        e.b, e.loc,
        RankedTensorType::get(type.getShape(), type.getElementType()), buffer,
        /*restrict=*/e.b.getUnitAttr(), /*writable=*/UnitAttr());
  };
  bool csr = isLhs == linesPerGroup;
  SmallVector<int64_t> shape =
      isLhs ? SmallVector<int64_t>{outer * groups, k}
            : SmallVector<int64_t>{k, outer * groups};
  auto type = RankedTensorType::get(
      shape, element,
      EncodingAttr::get(e.b.getContext(),
                        csr ? FormatKind::CSR : FormatKind::CSC));
  GroupExpandedOperand result;
  result.positions = positions;
  result.coordinates = coordinates;
  result.values = values;
  result.tensor = AssembleOp::create(
      e.b, e.loc, type, toTensor(values), toTensor(positions),
      toTensor(coordinates), Value(), Value(), Value(), Value(), Value());
  return result;
}

} // namespace sparq::loops
