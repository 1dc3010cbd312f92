//===- SparseResult.cpp - Compressed (csr / csc) matmul results -----------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#include "SparseResult.h"

#include "BitmapJoin.h"

#include "sparq/Dialect/Sparq/IR/SparqOps.h"
#include "sparq/Dialect/Sparq/IR/SparqTypes.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Math/IR/Math.h"

using namespace mlir;

namespace sparq::loops {
namespace {

/// scf.for with iter_args; `body` returns the yielded values.
SmallVector<Value>
forIter(Emitter &e, Value lb, Value ub, ValueRange init,
        function_ref<SmallVector<Value>(Emitter &, Value, ValueRange)> body) {
  auto loop = scf::ForOp::create(
      e.b, e.loc, lb, ub, e.idx(1), init,
      [&](OpBuilder &nb, Location nloc, Value iv, ValueRange iter) {
        Emitter inner{nb, nloc};
        scf::YieldOp::create(nb, nloc, body(inner, iv, iter));
      });
  return SmallVector<Value>(loop.getResults());
}

/// 1 when `v` is a nonzero result, else 0 (index): the rule of sparq.pack
/// (`une 0.0` for floats, so -0.0 is zero and NaN is stored).
Value nonzeroStep(Emitter &e, Value v) {
  Value nz;
  if (isa<FloatType>(v.getType()))
    nz = arith::CmpFOp::create(e.b, e.loc, arith::CmpFPredicate::UNE, v,
                               e.zero(v.getType()));
  else
    nz = arith::CmpIOp::create(e.b, e.loc, arith::CmpIPredicate::ne, v,
                               e.zero(v.getType()));
  return arith::SelectOp::create(e.b, e.loc, nz, e.idx(1), e.idx(0));
}

/// An index stored into an integer index part.
Value castIndex(Emitter &e, Value v, Type type) {
  return arith::IndexCastUIOp::create(e.b, e.loc, type, v);
}

/// The accumulator and result types and the epilogue of one product.
struct Epilogue {
  Type acc, result;
  OutputEpilogue finish;

  Value apply(Emitter &e, Value v, Value m, Value n) const {
    return finish(e, v, m, n);
  }
};

/// Stored entries of line `line` of `v` (all of a dense or N:M line).
Value lineLength(Emitter &e, const MatrixView &v, Value line) {
  switch (v.kind) {
  case MatrixView::Kind::Dense:
    return e.idx(v.minorExtent());
  case MatrixView::Kind::NM:
    return e.idx(v.minorExtent() / v.m * v.n);
  case MatrixView::Kind::Compressed: {
    Value lo = e.toIndex(e.load(v.positions, {line}));
    Value hi = e.toIndex(e.load(v.positions, {e.add(line, e.idx(1))}));
    return arith::SubIOp::create(e.b, e.loc, hi, lo);
  }
  case MatrixView::Kind::Bitmap: {
    Value words = e.idx(bitmapWords(v.minorExtent()));
    Value lo = e.load(v.offsets, {e.mul(line, words)});
    Value hi = e.load(v.offsets, {e.mul(e.add(line, e.idx(1)), words)});
    return arith::SubIOp::create(e.b, e.loc, hi, lo);
  }
  }
  llvm_unreachable("unknown view kind");
}

/// The parts being filled: positions (lines + 1), and coordinates / values
/// with room for `capacity` entries plus one (a zero result is written past
/// the last stored entry and then overwritten, so the fill has no branch).
struct Parts {
  Value positions, coordinates, values;
  Type posType, crdType;
};

Parts allocParts(Emitter &e, EncodingAttr encoding, int64_t lines,
                 Value capacity, Type element) {
  Parts parts;
  parts.posType = e.b.getIntegerType(encoding.getPosWidth());
  parts.crdType = e.b.getIntegerType(encoding.getCrdWidth());
  parts.positions = e.alloc({lines + 1}, parts.posType);
  e.store(castIndex(e, e.idx(0), parts.posType), parts.positions,
          {e.idx(0)});
  Value room = e.add(capacity, e.idx(1));
  parts.coordinates = e.alloc({ShapedType::kDynamic}, parts.crdType, {room});
  parts.values = e.alloc({ShapedType::kDynamic}, element, {room});
  return parts;
}

/// Stores entry (`minor`, `value`) at `at` and returns the next free slot
/// (`at` again when the value is zero).
Value storeEntry(Emitter &e, const Parts &parts, Value at, Value minor,
                 Value value) {
  e.store(castIndex(e, minor, parts.crdType), parts.coordinates, {at});
  e.store(value, parts.values, {at});
  return e.add(at, nonzeroStep(e, value));
}

/// Gustavson with a sparse accumulator, one result line per row p of L:
/// for (k, a) in L[p, :]: for (q, b) in R[k, :]: line[q] += a * b, and bit q
/// of `touched` set; then the touched bits are walked in ascending order
/// (cttz), each value converted, stored when nonzero, and its accumulator
/// and bit cleared. The entries are stored into room for sum_p min(Q,
/// sum_{k in L[p, :]} |R[k, :]|) entries, counted first in O(nnz(L)).
Value emitByLine(Emitter &e, const MatrixView &l, const MatrixView &r,
                 bool flipped, const Epilogue &epilogue, EncodingAttr encoding,
                 Parts &parts) {
  Type index = e.b.getIndexType(), i64 = e.b.getI64Type();
  Type accType = epilogue.acc;
  int64_t lines = l.rows, extent = r.cols, words = bitmapWords(extent);
  // The room: products per line, at most the line's extent.
  Value count = e.alloc({1}, index);
  Value c0 = e.idx(0);
  Value capacity =
      forIter(e, c0, e.idx(lines), ValueRange{c0},
              [&](Emitter &e, Value p, ValueRange it) {
                e.store(e.idx(0), count, {e.idx(0)});
                l.forEachInLine(e, p, [&](Emitter &e, Value k, Value) {
                  Value zero = e.idx(0);
                  e.store(e.add(e.load(count, {zero}), lineLength(e, r, k)),
                          count, {zero});
                });
                Value products = e.load(count, {e.idx(0)});
                Value bounded = arith::MinUIOp::create(e.b, e.loc, products,
                                                       e.idx(extent));
                return SmallVector<Value>{e.add(it[0], bounded)};
              })[0];
  memref::DeallocOp::create(e.b, e.loc, count);
  parts = allocParts(e, encoding, lines, capacity, epilogue.result);

  Value line = e.zeros({extent}, accType);
  Value touched = e.zeros({words}, i64);
  Value c64 = e.idx(64);
  Value nnz = forIter(
      e, c0, e.idx(lines), ValueRange{c0},
      [&](Emitter &e, Value p, ValueRange it) {
        l.forEachInLine(e, p, [&](Emitter &e, Value k, Value a) {
          r.forEachInLine(e, k, [&](Emitter &e, Value q, Value bv) {
            e.store(e.mac(l.widen(e, a, accType), r.widen(e, bv, accType),
                          e.load(line, {q})),
                    line, {q});
            Value w = arith::DivUIOp::create(e.b, e.loc, q, c64);
            Value bit = arith::IndexCastUIOp::create(
                e.b, e.loc, i64, arith::RemUIOp::create(e.b, e.loc, q, c64));
            Value mask = arith::ShLIOp::create(
                e.b, e.loc, arith::ConstantIntOp::create(e.b, e.loc, i64, 1),
                bit);
            e.store(arith::OrIOp::create(e.b, e.loc, e.load(touched, {w}),
                                         mask),
                    touched, {w});
          });
        });
        Value end = forIter(
            e, e.idx(0), e.idx(words), it,
            [&](Emitter &e, Value w, ValueRange at) {
              Value word = e.load(touched, {w});
              e.store(arith::ConstantIntOp::create(e.b, e.loc, i64, 0),
                      touched, {w});
              Value base = e.mul(w, e.idx(64));
              return whileBits(
                  e, word, at, [&](Emitter &e, Value bits, ValueRange slot) {
                    Value bit =
                        math::CountTrailingZerosOp::create(e.b, e.loc, bits);
                    Value q = e.add(base, e.toIndex(bit));
                    Value v = e.load(line, {q});
                    e.store(e.zero(accType), line, {q});
                    Value out = flipped ? epilogue.apply(e, v, q, p)
                                        : epilogue.apply(e, v, p, q);
                    return SmallVector<Value>{
                        storeEntry(e, parts, slot[0], q, out)};
                  });
            })[0];
        e.store(castIndex(e, end, parts.posType), parts.positions,
                {e.add(p, e.idx(1))});
        return SmallVector<Value>{end};
      })[0];
  memref::DeallocOp::create(e.b, e.loc, line);
  memref::DeallocOp::create(e.b, e.loc, touched);
  return nnz;
}

/// The dataflow's own loops into a dense M x N accumulator, then two passes
/// along the result's lines: count the nonzero results (positions), then
/// store them.
Value emitCompacted(Emitter &e, const DataflowPlan &plan, const MatrixView &l,
                    const MatrixView &r, int64_t m, int64_t n,
                    const Epilogue &epilogue, EncodingAttr encoding,
                    const KernelOptions &options, Parts &parts) {
  bool flipped = plan.orientation == MatmulOrientation::Transposed;
  Value out = e.zeros({m, n}, epilogue.acc);
  emitProduct(e, plan.dataflow, l, r, out, flipped, options);
  bool byRows = plan.resultFormat == FormatKind::CSR;
  int64_t lines = byRows ? m : n, extent = byRows ? n : m;
  auto valueAt = [&](Emitter &e, Value i, Value j) {
    Value mi = byRows ? i : j, ni = byRows ? j : i;
    return epilogue.apply(e, e.load(out, {mi, ni}), mi, ni);
  };
  Value c0 = e.idx(0);
  // Pass 1: positions.
  Value posTmp = e.alloc({lines + 1}, e.b.getIndexType());
  Value nnz = forIter(
      e, c0, e.idx(lines), ValueRange{c0},
      [&](Emitter &e, Value i, ValueRange it) {
        Value end = forIter(e, e.idx(0), e.idx(extent), it,
                            [&](Emitter &e, Value j, ValueRange at) {
                              return SmallVector<Value>{e.add(
                                  at[0], nonzeroStep(e, valueAt(e, i, j)))};
                            })[0];
        e.store(end, posTmp, {e.add(i, e.idx(1))});
        return SmallVector<Value>{end};
      })[0];
  parts = allocParts(e, encoding, lines, nnz, epilogue.result);
  // Pass 2: the entries, in line order.
  (void)forIter(e, c0, e.idx(lines), ValueRange{c0},
                [&](Emitter &e, Value i, ValueRange it) {
                  Value end = forIter(
                      e, e.idx(0), e.idx(extent), it,
                      [&](Emitter &e, Value j, ValueRange at) {
                        return SmallVector<Value>{storeEntry(
                            e, parts, at[0], j, valueAt(e, i, j))};
                      })[0];
                  e.store(castIndex(e, e.load(posTmp, {e.add(i, e.idx(1))}),
                                    parts.posType),
                          parts.positions, {e.add(i, e.idx(1))});
                  return SmallVector<Value>{end};
                });
  memref::DeallocOp::create(e.b, e.loc, posTmp);
  memref::DeallocOp::create(e.b, e.loc, out);
  return nnz;
}

/// The first `nnz` entries of a rank-1 buffer as an identity-layout memref.
Value prefix(Emitter &e, Value buffer, Value nnz) {
  auto type = cast<MemRefType>(buffer.getType());
  return memref::ReinterpretCastOp::create(
      e.b, e.loc, type, buffer, e.b.getIndexAttr(0),
      ArrayRef<OpFoldResult>{nnz}, ArrayRef<OpFoldResult>{e.b.getIndexAttr(1)});
}

Value toTensor(Emitter &e, Value buffer) {
  auto type = cast<MemRefType>(buffer.getType());
  return bufferization::ToTensorOp::create(
      e.b, e.loc, RankedTensorType::get(type.getShape(), type.getElementType()),
      buffer, /*restrict=*/e.b.getUnitAttr(), /*writable=*/e.b.getUnitAttr());
}

} // namespace

Value emitCompressedResult(Emitter &e, MatmulOp op, const DataflowPlan &plan,
                           const MatrixView &l, const MatrixView &r,
                           const KernelOptions &options,
                           OutputEpilogue finish) {
  RankedTensorType resultType = op.getType();
  EncodingAttr encoding = getSparqEncoding(resultType);
  assert((plan.resultFormat == FormatKind::CSR ||
          plan.resultFormat == FormatKind::CSC) &&
         "planned a csr or csc result");
  Epilogue epilogue;
  epilogue.acc = op.getAccType();
  epilogue.result = resultType.getElementType();
  epilogue.finish = finish;
  int64_t m = resultType.getDimSize(0), n = resultType.getDimSize(1);
  Parts parts;
  Value nnz =
      plan.resultByLine
          ? emitByLine(e, l, r,
                       plan.orientation == MatmulOrientation::Transposed,
                       epilogue, encoding, parts)
          : emitCompacted(e, plan, l, r, m, n, epilogue, encoding, options,
                          parts);
  Value values = toTensor(e, prefix(e, parts.values, nnz));
  Value positions = toTensor(e, parts.positions);
  Value coordinates = toTensor(e, prefix(e, parts.coordinates, nnz));
  return AssembleOp::create(e.b, e.loc, resultType, values, positions,
                            coordinates, Value(), Value(), Value(), Value(),
                            Value());
}

} // namespace sparq::loops
