//===- SparseResult.cpp - Compressed matmul results -----------------------===//
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

/// True (i1) when `v` is a nonzero result: the rule of sparq.pack (`une
/// 0.0` for floats, so -0.0 is zero and NaN is stored; `ne 0` for integers).
Value isNonzero(Emitter &e, Value v) {
  if (isa<FloatType>(v.getType()))
    return arith::CmpFOp::create(e.b, e.loc, arith::CmpFPredicate::UNE, v,
                                 e.zero(v.getType()));
  return arith::CmpIOp::create(e.b, e.loc, arith::CmpIPredicate::ne, v,
                               e.zero(v.getType()));
}

/// 1 when `v` is a nonzero result, else 0 (index).
Value nonzeroStep(Emitter &e, Value v) {
  return arith::SelectOp::create(e.b, e.loc, isNonzero(e, v), e.idx(1),
                                 e.idx(0));
}

/// An index stored into an integer index part.
Value castIndex(Emitter &e, Value v, Type type) {
  return arith::IndexCastUIOp::create(e.b, e.loc, type, v);
}

/// The i64 word with bit `bit % 64` set (`bit` an index).
Value bitMask(Emitter &e, Value bit) {
  Type i64 = e.b.getI64Type();
  Value shift = arith::IndexCastUIOp::create(
      e.b, e.loc, i64, arith::RemUIOp::create(e.b, e.loc, bit, e.idx(64)));
  return arith::ShLIOp::create(
      e.b, e.loc, arith::ConstantIntOp::create(e.b, e.loc, i64, 1), shift);
}

/// word[bit / 64] |= 1 << (bit % 64) in the i64 memref `words` (whose
/// leading indices are `lead`).
void setBit(Emitter &e, Value words, ValueRange lead, Value bit) {
  SmallVector<Value> at(lead);
  at.push_back(arith::DivUIOp::create(e.b, e.loc, bit, e.idx(64)));
  e.store(arith::OrIOp::create(e.b, e.loc, e.load(words, at), bitMask(e, bit)),
          words, at);
}

/// Visits the set bits of the `words` i64 words of bitset `touched` in
/// ascending order, clearing each word as it is read: `body(e, bit, slot)`
/// returns the next value of the running `slot` (from `init`); returns the
/// last.
Value drainTouched(Emitter &e, Value touched, int64_t words, Value init,
                   function_ref<Value(Emitter &, Value, Value)> body) {
  Type i64 = e.b.getI64Type();
  return forIter(
      e, e.idx(0), e.idx(words), ValueRange{init},
      [&](Emitter &e, Value w, ValueRange at) {
        Value word = e.load(touched, {w});
        e.store(arith::ConstantIntOp::create(e.b, e.loc, i64, 0), touched, {w});
        Value base = e.mul(w, e.idx(64));
        return whileBits(
            e, word, at, [&](Emitter &e, Value bits, ValueRange slot) {
              Value bit = math::CountTrailingZerosOp::create(e.b, e.loc, bits);
              return SmallVector<Value>{
                  body(e, e.add(base, e.toIndex(bit)), slot[0])};
            });
      })[0];
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

/// The parts of the result being filled, as sparq.pack lays them out:
///   csr / csc  positions (lines + 1), coordinates, values;
///   coo        coordinates (nnz x 2: row, column), values, row-major;
///   bitmap     bitmap (M x ceil(N / 64) i64, zero-filled), values,
///              row-major;
///   bcsr       positions (M / R + 1), coordinates (block column), values
///              (nnzb x R x C).
/// The coordinates and values have room for `capacity` entries (blocks)
/// plus one: a zero result (an all-zero block) is written past the last
/// stored one and then overwritten, so the fill has no branch.
struct Parts {
  FormatKind format = FormatKind::CSR;
  Value positions, coordinates, values, bitmap;
  Type posType, crdType;
  int64_t blockRows = 1, blockCols = 1;
};

Parts allocParts(Emitter &e, EncodingAttr encoding, int64_t m, int64_t n,
                 Value capacity, Type element) {
  Parts parts;
  parts.format = encoding.getFormat();
  parts.posType = e.b.getIntegerType(encoding.getPosWidth());
  parts.crdType = e.b.getIntegerType(encoding.getCrdWidth());
  Value room = e.add(capacity, e.idx(1));
  int64_t lines = 0;
  switch (parts.format) {
  case FormatKind::CSR:
    lines = m;
    break;
  case FormatKind::CSC:
    lines = n;
    break;
  case FormatKind::BCSR:
    parts.blockRows = encoding.getBlockRows();
    parts.blockCols = encoding.getBlockCols();
    lines = m / parts.blockRows;
    break;
  default:
    break;
  }
  if (parts.format == FormatKind::CSR || parts.format == FormatKind::CSC ||
      parts.format == FormatKind::BCSR) {
    parts.positions = e.alloc({lines + 1}, parts.posType);
    e.store(castIndex(e, e.idx(0), parts.posType), parts.positions, {e.idx(0)});
  }
  if (parts.format == FormatKind::COO)
    parts.coordinates =
        e.alloc({ShapedType::kDynamic, 2}, parts.crdType, {room});
  else if (parts.format != FormatKind::Bitmap)
    parts.coordinates = e.alloc({ShapedType::kDynamic}, parts.crdType, {room});
  if (parts.format == FormatKind::Bitmap)
    parts.bitmap = e.zeros({m, bitmapWords(n)}, e.b.getI64Type());
  if (parts.format == FormatKind::BCSR)
    parts.values =
        e.alloc({ShapedType::kDynamic, parts.blockRows, parts.blockCols},
                element, {room});
  else
    parts.values = e.alloc({ShapedType::kDynamic}, element, {room});
  return parts;
}

/// Stores entry `value` of line `line` at minor index `minor` (a csr / coo /
/// bitmap line is a row of C, a csc line a column) at slot `at` and returns
/// the next free slot (`at` again when the value is zero). A bitmap result
/// gets the entry's bit set only when it is nonzero.
Value storeEntry(Emitter &e, const Parts &parts, Value at, Value line,
                 Value minor, Value value) {
  Value nz = isNonzero(e, value);
  e.store(value, parts.values, {at});
  switch (parts.format) {
  case FormatKind::COO:
    e.store(castIndex(e, line, parts.crdType), parts.coordinates,
            {at, e.idx(0)});
    e.store(castIndex(e, minor, parts.crdType), parts.coordinates,
            {at, e.idx(1)});
    break;
  case FormatKind::Bitmap: {
    Value w = arith::DivUIOp::create(e.b, e.loc, minor, e.idx(64));
    Type i64 = e.b.getI64Type();
    Value mask = arith::SelectOp::create(
        e.b, e.loc, nz, bitMask(e, minor),
        arith::ConstantIntOp::create(e.b, e.loc, i64, 0));
    e.store(
        arith::OrIOp::create(e.b, e.loc, e.load(parts.bitmap, {line, w}), mask),
        parts.bitmap, {line, w});
    break;
  }
  default:
    e.store(castIndex(e, minor, parts.crdType), parts.coordinates, {at});
    break;
  }
  return e.add(at, arith::SelectOp::create(e.b, e.loc, nz, e.idx(1), e.idx(0)));
}

/// Stores block (`blockRow`, `blockCol`) at slot `at`: each of its R x C
/// values is `valueAt(row, col)` (absolute indices of C), stored whether
/// zero or not, as sparq.pack copies a whole block; the block counts (the
/// next free slot is `at + 1`) when one of them is nonzero. Returns the next
/// free slot.
Value storeBlock(Emitter &e, const Parts &parts, Value at, Value blockRow,
                 Value blockCol,
                 function_ref<Value(Emitter &, Value, Value)> valueAt) {
  Value r0 = e.mul(blockRow, e.idx(parts.blockRows));
  Value c0 = e.mul(blockCol, e.idx(parts.blockCols));
  Value none = arith::ConstantIntOp::create(e.b, e.loc, e.b.getI1Type(), 0);
  Value any = forIter(e, e.idx(0), e.idx(parts.blockRows), ValueRange{none},
                      [&](Emitter &e, Value a, ValueRange it) {
                        return forIter(
                            e, e.idx(0), e.idx(parts.blockCols), it,
                            [&](Emitter &e, Value c, ValueRange seen) {
                              Value v = valueAt(e, e.add(r0, a), e.add(c0, c));
                              e.store(v, parts.values, {at, a, c});
                              return SmallVector<Value>{arith::OrIOp::create(
                                  e.b, e.loc, seen[0], isNonzero(e, v))};
                            });
                      })[0];
  e.store(castIndex(e, blockCol, parts.crdType), parts.coordinates, {at});
  return e.add(at,
               arith::SelectOp::create(e.b, e.loc, any, e.idx(1), e.idx(0)));
}

/// Room of the line-by-line paths: the sum over groups of `rowsPerGroup`
/// loop rows of min(`bound`, the products of the group) (the entries or
/// blocks one group can produce), counted in O(nnz(L)).
Value countRoom(Emitter &e, const MatrixView &l, const MatrixView &r,
                int64_t rowsPerGroup, int64_t bound) {
  Type index = e.b.getIndexType();
  Value count = e.alloc({1}, index);
  Value c0 = e.idx(0);
  Value capacity =
      forIter(e, c0, e.idx(l.rows / rowsPerGroup), ValueRange{c0},
              [&](Emitter &e, Value g, ValueRange it) {
                e.store(e.idx(0), count, {e.idx(0)});
                e.forLoop(0, rowsPerGroup, [&](Emitter &e, Value a) {
                  Value p = e.add(e.mul(g, e.idx(rowsPerGroup)), a);
                  l.forEachInLine(e, p, [&](Emitter &e, Value k, Value) {
                    Value zero = e.idx(0);
                    e.store(e.add(e.load(count, {zero}), lineLength(e, r, k)),
                            count, {zero});
                  });
                });
                Value products = e.load(count, {e.idx(0)});
                Value bounded =
                    arith::MinUIOp::create(e.b, e.loc, products, e.idx(bound));
                return SmallVector<Value>{e.add(it[0], bounded)};
              })[0];
  memref::DeallocOp::create(e.b, e.loc, count);
  return capacity;
}

/// line[row][q] += a * b for every product of loop row `p` (L[p, :] times
/// the rows of R), with `touch(q)` called per product.
void accumulateRow(Emitter &e, const MatrixView &l, const MatrixView &r,
                   Type accType, Value line, ValueRange row, Value p,
                   function_ref<void(Emitter &, Value)> touch) {
  l.forEachInLine(e, p, [&](Emitter &e, Value k, Value a) {
    r.forEachInLine(e, k, [&](Emitter &e, Value q, Value bv) {
      SmallVector<Value> at(row);
      at.push_back(q);
      e.store(e.mac(l.widen(e, a, accType), r.widen(e, bv, accType),
                    e.load(line, at)),
              line, at);
      touch(e, q);
    });
  });
}

/// Gustavson with a sparse accumulator, one result line per row p of L (a
/// row of C for csr, coo and bitmap, a column for csc): for (k, a) in
/// L[p, :]: for (q, b) in R[k, :]: line[q] += a * b, and bit q of `touched`
/// set; then the touched bits are walked in ascending order (cttz), each
/// value converted, stored when nonzero, and its accumulator and bit
/// cleared. The entries are stored into room for sum_p min(Q, sum_{k in
/// L[p, :]} |R[k, :]|) entries, counted first in O(nnz(L)).
Value emitByLine(Emitter &e, const MatrixView &l, const MatrixView &r,
                 bool flipped, const Epilogue &epilogue, EncodingAttr encoding,
                 int64_t m, int64_t n, Parts &parts) {
  Type i64 = e.b.getI64Type();
  Type accType = epilogue.acc;
  int64_t lines = l.rows, extent = r.cols, words = bitmapWords(extent);
  Value capacity = countRoom(e, l, r, 1, extent);
  parts = allocParts(e, encoding, m, n, capacity, epilogue.result);

  Value line = e.zeros({extent}, accType);
  Value touched = e.zeros({words}, i64);
  Value c0 = e.idx(0);
  Value nnz = forIter(
      e, c0, e.idx(lines), ValueRange{c0},
      [&](Emitter &e, Value p, ValueRange it) {
        accumulateRow(e, l, r, accType, line, {}, p,
                      [&](Emitter &e, Value q) { setBit(e, touched, {}, q); });
        Value end = drainTouched(
            e, touched, words, it[0], [&](Emitter &e, Value q, Value slot) {
              Value v = e.load(line, {q});
              e.store(e.zero(accType), line, {q});
              Value out = flipped ? epilogue.apply(e, v, q, p)
                                  : epilogue.apply(e, v, p, q);
              return storeEntry(e, parts, slot, p, q, out);
            });
        if (parts.positions)
          e.store(castIndex(e, end, parts.posType), parts.positions,
                  {e.add(p, e.idx(1))});
        return SmallVector<Value>{end};
      })[0];
  memref::DeallocOp::create(e.b, e.loc, line);
  memref::DeallocOp::create(e.b, e.loc, touched);
  return nnz;
}

/// The bcsr<R x C> form of emitByLine: one block row of C (R rows of L) at
/// a time into an R x N accumulator, with a bitset of the touched block
/// columns; each touched block is walked in ascending block-column order,
/// all of its R x C values converted (an untouched entry of a touched block
/// is epilogue(0)) and stored, the block kept when one is nonzero. Room:
/// sum over block rows of min(N / C, their products).
Value emitBlocksByLine(Emitter &e, const MatrixView &l, const MatrixView &r,
                       const Epilogue &epilogue, EncodingAttr encoding,
                       int64_t m, int64_t n, Parts &parts) {
  Type i64 = e.b.getI64Type();
  Type accType = epilogue.acc;
  int64_t br = encoding.getBlockRows(), bc = encoding.getBlockCols();
  int64_t blockRowCount = m / br, blockColCount = n / bc;
  int64_t words = bitmapWords(blockColCount);
  Value capacity = countRoom(e, l, r, br, blockColCount);
  parts = allocParts(e, encoding, m, n, capacity, epilogue.result);

  Value block = e.zeros({br, n}, accType);
  Value touched = e.zeros({words}, i64);
  Value c0 = e.idx(0);
  Value nnzb = forIter(
      e, c0, e.idx(blockRowCount), ValueRange{c0},
      [&](Emitter &e, Value bi, ValueRange it) {
        Value r0 = e.mul(bi, e.idx(br));
        e.forLoop(0, br, [&](Emitter &e, Value a) {
          accumulateRow(e, l, r, accType, block, {a}, e.add(r0, a),
                        [&](Emitter &e, Value q) {
                          Value bj =
                              arith::DivUIOp::create(e.b, e.loc, q, e.idx(bc));
                          setBit(e, touched, {}, bj);
                        });
        });
        Value end = drainTouched(
            e, touched, words, it[0], [&](Emitter &e, Value bj, Value slot) {
              return storeBlock(
                  e, parts, slot, bi, bj, [&](Emitter &e, Value i, Value j) {
                    Value a = arith::SubIOp::create(e.b, e.loc, i, r0);
                    Value v = e.load(block, {a, j});
                    e.store(e.zero(accType), block, {a, j});
                    return epilogue.apply(e, v, i, j);
                  });
            });
        e.store(castIndex(e, end, parts.posType), parts.positions,
                {e.add(bi, e.idx(1))});
        return SmallVector<Value>{end};
      })[0];
  memref::DeallocOp::create(e.b, e.loc, block);
  memref::DeallocOp::create(e.b, e.loc, touched);
  return nnzb;
}

/// The dataflow's own loops into a dense M x N accumulator, then two passes
/// in the result's storage order: count the nonzero results (or blocks),
/// then store them.
Value emitCompacted(Emitter &e, const DataflowPlan &plan, const MatrixView &l,
                    const MatrixView &r, int64_t m, int64_t n,
                    const Epilogue &epilogue, EncodingAttr encoding,
                    const KernelOptions &options, Parts &parts) {
  bool flipped = plan.orientation == MatmulOrientation::Transposed;
  Value out = e.zeros({m, n}, epilogue.acc);
  emitProduct(e, plan.dataflow, l, r, out, flipped, options);
  auto valueAt = [&](Emitter &e, Value mi, Value ni) {
    return epilogue.apply(e, e.load(out, {mi, ni}), mi, ni);
  };
  Value c0 = e.idx(0);
  if (plan.resultFormat == FormatKind::BCSR) {
    int64_t br = encoding.getBlockRows(), bc = encoding.getBlockCols();
    // Pass 1: the blocks holding a nonzero result.
    Value none = arith::ConstantIntOp::create(e.b, e.loc, e.b.getI1Type(), 0);
    Value nnzb = forIter(
        e, c0, e.idx(m / br), ValueRange{c0},
        [&](Emitter &e, Value bi, ValueRange it) {
          return forIter(
              e, e.idx(0), e.idx(n / bc), it,
              [&](Emitter &e, Value bj, ValueRange count) {
                Value r0 = e.mul(bi, e.idx(br)), col0 = e.mul(bj, e.idx(bc));
                Value any = forIter(
                    e, e.idx(0), e.idx(br), ValueRange{none},
                    [&](Emitter &e, Value a, ValueRange seen) {
                      return forIter(
                          e, e.idx(0), e.idx(bc), seen,
                          [&](Emitter &e, Value c, ValueRange s) {
                            Value v = valueAt(e, e.add(r0, a), e.add(col0, c));
                            return SmallVector<Value>{arith::OrIOp::create(
                                e.b, e.loc, s[0], isNonzero(e, v))};
                          });
                    })[0];
                return SmallVector<Value>{
                    e.add(count[0], arith::SelectOp::create(
                                        e.b, e.loc, any, e.idx(1), e.idx(0)))};
              });
        })[0];
    parts = allocParts(e, encoding, m, n, nnzb, epilogue.result);
    // Pass 2: the blocks, in block-row order.
    (void)forIter(e, c0, e.idx(m / br), ValueRange{c0},
                  [&](Emitter &e, Value bi, ValueRange it) {
                    Value end =
                        forIter(e, e.idx(0), e.idx(n / bc), it,
                                [&](Emitter &e, Value bj, ValueRange at) {
                                  return SmallVector<Value>{storeBlock(
                                      e, parts, at[0], bi, bj, valueAt)};
                                })[0];
                    e.store(castIndex(e, end, parts.posType), parts.positions,
                            {e.add(bi, e.idx(1))});
                    return SmallVector<Value>{end};
                  });
    memref::DeallocOp::create(e.b, e.loc, out);
    return nnzb;
  }
  // csr, coo and bitmap by rows, csc by columns.
  bool byRows = plan.resultFormat != FormatKind::CSC;
  int64_t lines = byRows ? m : n, extent = byRows ? n : m;
  auto lineValue = [&](Emitter &e, Value i, Value j) {
    return byRows ? valueAt(e, i, j) : valueAt(e, j, i);
  };
  // Pass 1: the number of nonzero results.
  Value nnz = forIter(
      e, c0, e.idx(lines), ValueRange{c0},
      [&](Emitter &e, Value i, ValueRange it) {
        return forIter(e, e.idx(0), e.idx(extent), it,
                       [&](Emitter &e, Value j, ValueRange at) {
                         return SmallVector<Value>{
                             e.add(at[0], nonzeroStep(e, lineValue(e, i, j)))};
                       });
      })[0];
  parts = allocParts(e, encoding, m, n, nnz, epilogue.result);
  // Pass 2: the entries, in line order.
  (void)forIter(e, c0, e.idx(lines), ValueRange{c0},
                [&](Emitter &e, Value i, ValueRange it) {
                  Value end =
                      forIter(e, e.idx(0), e.idx(extent), it,
                              [&](Emitter &e, Value j, ValueRange at) {
                                return SmallVector<Value>{storeEntry(
                                    e, parts, at[0], i, j, lineValue(e, i, j))};
                              })[0];
                  if (parts.positions)
                    e.store(castIndex(e, end, parts.posType), parts.positions,
                            {e.add(i, e.idx(1))});
                  return SmallVector<Value>{end};
                });
  memref::DeallocOp::create(e.b, e.loc, out);
  return nnz;
}

/// Band-sized copies of the line-indexed parts of the loops' sparse left
/// operand (its positions; bitmap words and offsets; N:M values and
/// metadata), allocated once and refilled per band. The coordinates and
/// values of compressed and bitmap views are shared: their offsets are
/// absolute.
struct BandParts {
  Value positions, bitmap, offsets, values, metadata;
};

/// A copy of `rows` x `cols` (rank 2) or `rows` (rank 1) elements of `from`
/// starting at row (element) `start` into `to`.
void copyRows(Emitter &e, Value from, Value to, Value start, int64_t rows) {
  auto type = cast<MemRefType>(to.getType());
  if (type.getRank() == 1) {
    e.forLoop(0, rows, [&](Emitter &e, Value i) {
      e.store(e.load(from, {e.add(start, i)}), to, {i});
    });
    return;
  }
  e.forLoop(0, rows, [&](Emitter &e, Value i) {
    e.forLoop(0, type.getDimSize(1), [&](Emitter &e, Value j) {
      e.store(e.load(from, {e.add(start, i), j}), to, {i, j});
    });
  });
}

/// A buffer shaped like `like` with `rows` rows (rank 2) or elements.
Value allocLike(Emitter &e, Value like, int64_t rows) {
  auto type = cast<MemRefType>(like.getType());
  SmallVector<int64_t> shape{rows};
  if (type.getRank() == 2)
    shape.push_back(type.getDimSize(1));
  return e.alloc(shape, type.getElementType());
}

BandParts allocBand(Emitter &e, const MatrixView &l, int64_t rows) {
  BandParts band;
  switch (l.kind) {
  case MatrixView::Kind::Compressed:
    band.positions = allocLike(e, l.positions, rows + 1);
    break;
  case MatrixView::Kind::Bitmap:
    band.bitmap = allocLike(e, l.bitmap, rows);
    band.offsets =
        allocLike(e, l.offsets, rows * bitmapWords(l.minorExtent()) + 1);
    break;
  case MatrixView::Kind::NM:
    band.values = allocLike(e, l.values, rows);
    band.metadata = allocLike(e, l.metadata, rows);
    break;
  case MatrixView::Kind::Dense:
    llvm_unreachable("the band path needs a sparse left operand");
  }
  return band;
}

/// Rows [p0, p0 + rows) of `l` as a view of `rows` rows over `band`.
MatrixView fillBand(Emitter &e, const MatrixView &l, const BandParts &band,
                    Value p0, int64_t rows) {
  MatrixView view = l;
  view.rows = rows;
  switch (l.kind) {
  case MatrixView::Kind::Compressed:
    copyRows(e, l.positions, band.positions, p0, rows + 1);
    view.positions = band.positions;
    break;
  case MatrixView::Kind::Bitmap: {
    int64_t words = bitmapWords(l.minorExtent());
    copyRows(e, l.bitmap, band.bitmap, p0, rows);
    copyRows(e, l.offsets, band.offsets, e.mul(p0, e.idx(words)),
             rows * words + 1);
    view.bitmap = band.bitmap;
    view.offsets = band.offsets;
    break;
  }
  case MatrixView::Kind::NM:
    copyRows(e, l.values, band.values, p0, rows);
    copyRows(e, l.metadata, band.metadata, p0, rows);
    view.values = band.values;
    view.metadata = band.metadata;
    break;
  case MatrixView::Kind::Dense:
    llvm_unreachable("the band path needs a sparse left operand");
  }
  return view;
}

/// `buffer` (entries along dimension 0, `at` of them used) with room for at
/// least `need` entries: unchanged when `capacity` suffices, else a new
/// buffer of max(2 * capacity, need) entries holding a copy of the `at`
/// used ones (the old one freed). Returns {buffer, capacity}.
SmallVector<Value> ensureRoom(Emitter &e, ArrayRef<Value> buffers, Value at,
                              Value capacity, Value need) {
  Value full = arith::CmpIOp::create(e.b, e.loc, arith::CmpIPredicate::ugt,
                                     need, capacity);
  SmallVector<Type> types;
  for (Value buffer : buffers)
    types.push_back(buffer.getType());
  types.push_back(e.b.getIndexType());
  auto grow = scf::IfOp::create(
      e.b, e.loc, full,
      [&](OpBuilder &nb, Location nloc) {
        Emitter ie{nb, nloc};
        Value grown =
            arith::MaxUIOp::create(nb, nloc, ie.mul(capacity, ie.idx(2)), need);
        SmallVector<Value> results;
        for (Value buffer : buffers) {
          auto type = cast<MemRefType>(buffer.getType());
          Value fresh =
              ie.alloc(type.getShape(), type.getElementType(), {grown});
          ie.forLoop(ie.idx(0), at, ie.idx(1), [&](Emitter &e, Value i) {
            if (type.getRank() == 1) {
              e.store(e.load(buffer, {i}), fresh, {i});
              return;
            }
            SmallVector<int64_t> inner(type.getShape().drop_front());
            // Rank 2 (coo coordinates) or 3 (bcsr blocks): static inner
            // dimensions.
            e.forLoop(0, inner[0], [&](Emitter &e, Value a) {
              if (inner.size() == 1) {
                e.store(e.load(buffer, {i, a}), fresh, {i, a});
                return;
              }
              e.forLoop(0, inner[1], [&](Emitter &e, Value c) {
                e.store(e.load(buffer, {i, a, c}), fresh, {i, a, c});
              });
            });
          });
          memref::DeallocOp::create(nb, nloc, buffer);
          results.push_back(fresh);
        }
        results.push_back(grown);
        scf::YieldOp::create(nb, nloc, results);
      },
      [&](OpBuilder &nb, Location nloc) {
        SmallVector<Value> results(buffers);
        results.push_back(capacity);
        scf::YieldOp::create(nb, nloc, results);
      });
  return SmallVector<Value>(grow.getResults());
}

/// The dataflow's own loops (row-wise or inner, the loops' left operand
/// sparse) `plan.resultBandLines` loop rows at a time into a band
/// accumulator of that many lines, each band compacted right after it is
/// computed, in one pass: the entries (blocks) go into buffers that grow
/// geometrically (checked once per band against the most one band can
/// add), so memory is the band, the band copies of L's line parts and the
/// result's room (at most twice its entries plus one band).
Value emitByBands(Emitter &e, const DataflowPlan &plan, const MatrixView &l,
                  const MatrixView &r, int64_t m, int64_t n,
                  const Epilogue &epilogue, EncodingAttr encoding,
                  const KernelOptions &options, Parts &parts) {
  bool flipped = plan.orientation == MatmulOrientation::Transposed;
  bool blocks = plan.resultFormat == FormatKind::BCSR;
  int64_t bandRows = plan.resultBandLines, lines = l.rows, extent = r.cols;
  int64_t bandRoom =
      blocks ? extent / encoding.getBlockCols() : bandRows * extent;
  parts = allocParts(e, encoding, m, n, e.idx(bandRoom), epilogue.result);
  Value band = e.alloc({bandRows, extent}, epilogue.acc);
  BandParts bandParts = allocBand(e, l, bandRows);
  // One band's product is small: the loops run sequentially.
  KernelOptions bandOptions = options;
  bandOptions.parallel = false;
  Value c0 = e.idx(0);
  SmallVector<Value> init{c0, e.idx(bandRoom + 1), parts.values};
  if (parts.coordinates)
    init.push_back(parts.coordinates);
  SmallVector<Value> done = forIter(
      e, c0, e.idx(lines / bandRows), init,
      [&](Emitter &e, Value g, ValueRange it) {
        Value p0 = e.mul(g, e.idx(bandRows));
        e.fillZero(band, epilogue.acc);
        MatrixView view = fillBand(e, l, bandParts, p0, bandRows);
        {
          // The loops' own stack buffers live for one band.
          auto scope = memref::AllocaScopeOp::create(e.b, e.loc, TypeRange{});
          Block *body = new Block();
          scope.getBodyRegion().push_back(body);
          OpBuilder::InsertionGuard guard(e.b);
          e.b.setInsertionPointToStart(body);
          emitProduct(e, plan.dataflow, view, r, band, /*transposedOut=*/false,
                      bandOptions);
          memref::AllocaScopeReturnOp::create(e.b, e.loc, ValueRange{});
        }
        Value at = it[0];
        SmallVector<Value> buffers(it.drop_front(2));
        SmallVector<Value> room =
            ensureRoom(e, buffers, at, it[1], e.add(at, e.idx(bandRoom + 1)));
        Parts current = parts;
        current.values = room[0];
        if (parts.coordinates)
          current.coordinates = room[1];
        Value capacity = room.back();
        // The value of output (i, j) of C from the band.
        auto valueAt = [&](Emitter &e, Value i, Value j) {
          Value row = flipped ? j : i, col = flipped ? i : j;
          Value local = arith::SubIOp::create(e.b, e.loc, row, p0);
          return epilogue.apply(e, e.load(band, {local, col}), i, j);
        };
        Value end;
        if (blocks) {
          end = forIter(e, e.idx(0), e.idx(bandRoom), ValueRange{at},
                        [&](Emitter &e, Value bj, ValueRange at) {
                          return SmallVector<Value>{
                              storeBlock(e, current, at[0], g, bj, valueAt)};
                        })[0];
          e.store(castIndex(e, end, parts.posType), parts.positions,
                  {e.add(g, e.idx(1))});
        } else {
          end = forIter(e, e.idx(0), e.idx(bandRows), ValueRange{at},
                        [&](Emitter &e, Value a, ValueRange at) {
                          Value line = e.add(p0, a);
                          Value lineEnd =
                              forIter(e, e.idx(0), e.idx(extent), at,
                                      [&](Emitter &e, Value j, ValueRange at) {
                                        Value v = flipped ? valueAt(e, j, line)
                                                          : valueAt(e, line, j);
                                        return SmallVector<Value>{storeEntry(
                                            e, current, at[0], line, j, v)};
                                      })[0];
                          if (parts.positions)
                            e.store(castIndex(e, lineEnd, parts.posType),
                                    parts.positions, {e.add(line, e.idx(1))});
                          return SmallVector<Value>{lineEnd};
                        })[0];
        }
        SmallVector<Value> next{end, capacity, current.values};
        if (parts.coordinates)
          next.push_back(current.coordinates);
        return next;
      });
  parts.values = done[2];
  if (parts.coordinates)
    parts.coordinates = done[3];
  memref::DeallocOp::create(e.b, e.loc, band);
  for (Value buffer : {bandParts.positions, bandParts.bitmap, bandParts.offsets,
                       bandParts.values, bandParts.metadata})
    if (buffer)
      memref::DeallocOp::create(e.b, e.loc, buffer);
  return done[0];
}

/// The first `nnz` entries (along dimension 0) of `buffer` as an
/// identity-layout memref.
Value prefix(Emitter &e, Value buffer, Value nnz) {
  auto type = cast<MemRefType>(buffer.getType());
  SmallVector<OpFoldResult> sizes{nnz}, strides;
  int64_t stride = 1;
  for (int64_t d = type.getRank() - 1; d >= 1; --d) {
    strides.insert(strides.begin(), e.b.getIndexAttr(stride));
    stride *= type.getDimSize(d);
  }
  strides.insert(strides.begin(), e.b.getIndexAttr(stride));
  for (int64_t d = 1; d < type.getRank(); ++d)
    sizes.push_back(e.b.getIndexAttr(type.getDimSize(d)));
  return memref::ReinterpretCastOp::create(e.b, e.loc, type, buffer,
                                           e.b.getIndexAttr(0), sizes, strides);
}

Value toTensor(Emitter &e, Value buffer) {
  if (!buffer)
    return {};
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
          plan.resultFormat == FormatKind::CSC ||
          plan.resultFormat == FormatKind::COO ||
          plan.resultFormat == FormatKind::Bitmap ||
          plan.resultFormat == FormatKind::BCSR) &&
         "planned a csr, csc, coo, bitmap or bcsr result");
  Epilogue epilogue;
  epilogue.acc = op.getAccType();
  epilogue.result = resultType.getElementType();
  epilogue.finish = finish;
  int64_t m = resultType.getDimSize(0), n = resultType.getDimSize(1);
  Parts parts;
  Value nnz;
  if (plan.resultBandLines && l.kind != MatrixView::Kind::Dense &&
      l.major == MajorAxis::Rows)
    nnz = emitByBands(e, plan, l, r, m, n, epilogue, encoding, options, parts);
  else if (!plan.resultByLine)
    nnz =
        emitCompacted(e, plan, l, r, m, n, epilogue, encoding, options, parts);
  else if (plan.resultFormat == FormatKind::BCSR)
    nnz = emitBlocksByLine(e, l, r, epilogue, encoding, m, n, parts);
  else
    nnz = emitByLine(e, l, r, plan.orientation == MatmulOrientation::Transposed,
                     epilogue, encoding, m, n, parts);
  Value values = toTensor(e, prefix(e, parts.values, nnz));
  Value positions = toTensor(e, parts.positions);
  Value coordinates = parts.coordinates
                          ? toTensor(e, prefix(e, parts.coordinates, nnz))
                          : Value();
  Value bitmap = toTensor(e, parts.bitmap);
  return AssembleOp::create(e.b, e.loc, resultType, values, positions,
                            coordinates, bitmap, Value(), Value(), Value(),
                            Value());
}

} // namespace sparq::loops
