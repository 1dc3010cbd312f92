//===- LoopEmitter.cpp - memref loop building blocks of the dataflows -----===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#include "LoopEmitter.h"

#include "BitmapJoin.h"

#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/TypeUtilities.h"

using namespace mlir;

namespace sparq::loops {

//===----------------------------------------------------------------------===//
// Emitter
//===----------------------------------------------------------------------===//

Value Emitter::idx(int64_t v) const {
  return arith::ConstantIndexOp::create(b, loc, v);
}
Value Emitter::add(Value x, Value y) const {
  return arith::AddIOp::create(b, loc, x, y);
}
Value Emitter::mul(Value x, Value y) const {
  return arith::MulIOp::create(b, loc, x, y);
}
Value Emitter::load(Value m, ValueRange at) const {
  return memref::LoadOp::create(b, loc, m, at);
}
void Emitter::store(Value v, Value m, ValueRange at) const {
  memref::StoreOp::create(b, loc, v, m, at);
}
Value Emitter::toIndex(Value v) const {
  if (v.getType().isIndex())
    return v;
  return arith::IndexCastUIOp::create(b, loc, b.getIndexType(), v);
}
Value Emitter::zero(Type type) const {
  return arith::ConstantOp::create(b, loc, b.getZeroAttr(type));
}
Value Emitter::alloc(ArrayRef<int64_t> shape, Type element,
                     ValueRange dynamic) const {
  return memref::AllocOp::create(b, loc, MemRefType::get(shape, element),
                                 dynamic);
}
Value Emitter::zeros(ArrayRef<int64_t> shape, Type element,
                     ValueRange dynamic) const {
  Value m = alloc(shape, element, dynamic);
  fillZero(m, element);
  return m;
}
void Emitter::forLoop(Value lb, Value ub, Value step,
                      function_ref<void(Emitter &, Value)> body) const {
  scf::ForOp::create(b, loc, lb, ub, step, ValueRange{},
                     [&](OpBuilder &nb, Location nloc, Value iv, ValueRange) {
                       Emitter inner{nb, nloc};
                       body(inner, iv);
                       scf::YieldOp::create(nb, nloc);
                     });
}
void Emitter::forLoop(int64_t lb, int64_t ub,
                      function_ref<void(Emitter &, Value)> body) const {
  if (lb >= ub)
    return;
  forLoop(idx(lb), idx(ub), idx(1), body);
}
Value Emitter::mac(Value a, Value x, Value c) const {
  Type type = c.getType();
  if (isa<FloatType>(getElementTypeOrSelf(type)))
    return math::FmaOp::create(b, loc, a, x, c);
  return arith::AddIOp::create(b, loc, c, arith::MulIOp::create(b, loc, a, x));
}

/// Fills a memref with zeros by loops over its (static or dynamic) shape.
void Emitter::fillZero(Value m, Type element) const {
  auto type = cast<MemRefType>(m.getType());
  Value z = zero(element);
  std::function<void(const Emitter &, SmallVector<Value>)> nest =
      [&](const Emitter &e, SmallVector<Value> ivs) {
        int64_t d = ivs.size();
        if (d == type.getRank()) {
          e.store(z, m, ivs);
          return;
        }
        Value ub = memref::DimOp::create(e.b, e.loc, m, d);
        e.forLoop(e.idx(0), ub, e.idx(1), [&](Emitter &e, Value iv) {
          SmallVector<Value> next = ivs;
          next.push_back(iv);
          nest(e, next);
        });
      };
  nest(*this, {});
}

/// scf.for with iter_args; body returns the yielded values.
static SmallVector<Value>
forIter(Emitter &e, Value lb, Value ub, Value step, ValueRange init,
        function_ref<SmallVector<Value>(Emitter &, Value, ValueRange)> body) {
  auto loop = scf::ForOp::create(
      e.b, e.loc, lb, ub, step, init,
      [&](OpBuilder &nb, Location nloc, Value iv, ValueRange iter) {
        Emitter inner{nb, nloc};
        scf::YieldOp::create(nb, nloc, body(inner, iv, iter));
      });
  return SmallVector<Value>(loop.getResults());
}

//===----------------------------------------------------------------------===//
// MatrixView
//===----------------------------------------------------------------------===//

MatrixView MatrixView::transpose() const {
  MatrixView t = *this;
  std::swap(t.rows, t.cols);
  t.major = major == MajorAxis::Rows ? MajorAxis::Columns : MajorAxis::Rows;
  t.transposed = !transposed;
  return t;
}

Value MatrixView::denseAt(Emitter &e, Value i, Value j) const {
  return transposed ? e.load(values, {j, i}) : e.load(values, {i, j});
}

/// Visits the entries of a line with iter_args.
static SmallVector<Value> forEachInLineIter(
    const MatrixView &v, Emitter &e, Value line, ValueRange init,
    function_ref<SmallVector<Value>(Emitter &, Value, Value, ValueRange)>
        body) {
  Value c0 = e.idx(0), c1 = e.idx(1);
  switch (v.kind) {
  case MatrixView::Kind::Dense:
    return forIter(e, c0, e.idx(v.minorExtent()), c1, init,
                   [&](Emitter &e, Value j, ValueRange it) {
                     Value value = v.major == MajorAxis::Rows
                                       ? v.denseAt(e, line, j)
                                       : v.denseAt(e, j, line);
                     return body(e, j, value, it);
                   });
  case MatrixView::Kind::Compressed: {
    Value lo = e.toIndex(e.load(v.positions, {line}));
    Value hi = e.toIndex(e.load(v.positions, {e.add(line, c1)}));
    return forIter(e, lo, hi, c1, init,
                   [&](Emitter &e, Value j, ValueRange it) {
                     Value minor = e.toIndex(e.load(v.coordinates, {j}));
                     return body(e, minor, e.load(v.values, {j}), it);
                   });
  }
  case MatrixView::Kind::NM: {
    // A fixed-trip loop over the groups, n metadata-indexed entries each.
    int64_t groups = v.minorExtent() / v.m;
    return forIter(
        e, c0, e.idx(groups), c1, init,
        [&](Emitter &e, Value g, ValueRange it) {
          SmallVector<Value> iter(it);
          Value base = e.mul(g, e.idx(v.m));
          Value slot0 = e.mul(g, e.idx(v.n));
          for (int64_t s = 0; s < v.n; ++s) {
            Value slot = e.add(slot0, e.idx(s));
            Value p = e.toIndex(e.load(v.metadata, {line, slot}));
            iter = body(e, e.add(base, p), e.load(v.values, {line, slot}),
                        iter);
          }
          return iter;
        });
  }
  case MatrixView::Kind::Bitmap:
    return forEachBitmapLineIter(v, e, line, init, body);
  }
  llvm_unreachable("unknown view kind");
}

void MatrixView::forEachInLine(
    Emitter &e, Value line,
    function_ref<void(Emitter &, Value, Value)> body) const {
  forEachInLineIter(*this, e, line, {},
                    [&](Emitter &e, Value minor, Value value, ValueRange) {
                      body(e, minor, value);
                      return SmallVector<Value>{};
                    });
}

//===----------------------------------------------------------------------===//
// Stored entries and run-time conversions
//===----------------------------------------------------------------------===//

void forEachStoredEntry(
    Emitter &e, const StoredOperand &op,
    function_ref<void(Emitter &, Value, Value, Value)> body) {
  int64_t rows = op.storedTransposed ? op.cols : op.rows;
  int64_t cols = op.storedTransposed ? op.rows : op.cols;
  auto visit = [&](Emitter &e, Value r, Value c, Value v) {
    if (op.storedTransposed)
      body(e, c, r, v);
    else
      body(e, r, c, v);
  };
  Value c0 = e.idx(0), c1 = e.idx(1);
  switch (op.format) {
  case FormatKind::Dense:
    e.forLoop(0, rows, [&](Emitter &e, Value r) {
      e.forLoop(0, cols, [&](Emitter &e, Value c) {
        visit(e, r, c, e.load(op.values, {r, c}));
      });
    });
    return;
  case FormatKind::CSR:
  case FormatKind::CSC: {
    bool byRows = op.format == FormatKind::CSR;
    e.forLoop(0, byRows ? rows : cols, [&](Emitter &e, Value o) {
      Value lo = e.toIndex(e.load(op.positions, {o}));
      Value hi = e.toIndex(e.load(op.positions, {e.add(o, c1)}));
      e.forLoop(lo, hi, c1, [&](Emitter &e, Value j) {
        Value i = e.toIndex(e.load(op.coordinates, {j}));
        Value v = e.load(op.values, {j});
        if (byRows)
          visit(e, o, i, v);
        else
          visit(e, i, o, v);
      });
    });
    return;
  }
  case FormatKind::COO: {
    Value nnz = memref::DimOp::create(e.b, e.loc, op.values, 0);
    e.forLoop(c0, nnz, c1, [&](Emitter &e, Value j) {
      Value r = e.toIndex(e.load(op.coordinates, {j, c0}));
      Value c = e.toIndex(e.load(op.coordinates, {j, c1}));
      visit(e, r, c, e.load(op.values, {j}));
    });
    return;
  }
  case FormatKind::Bitmap: {
    // Walk the set bits of every word (count trailing zeros, clear the
    // lowest set bit): no test per column.
    int64_t words = (cols + 63) / 64;
    Type i64 = e.b.getI64Type();
    Value zero64 = arith::ConstantIntOp::create(e.b, e.loc, i64, 0);
    Value one64 = arith::ConstantIntOp::create(e.b, e.loc, i64, 1);
    auto outer = forIter(
        e, c0, e.idx(rows), c1, ValueRange{c0},
        [&](Emitter &e, Value r, ValueRange it) {
          return forIter(
              e, c0, e.idx(words), c1, it,
              [&](Emitter &e, Value w, ValueRange it2) {
                Value word = e.load(op.bitmap, {r, w});
                auto loop = scf::WhileOp::create(
                    e.b, e.loc, TypeRange{i64, e.b.getIndexType()},
                    ValueRange{word, it2[0]},
                    [&](OpBuilder &nb, Location nloc, ValueRange args) {
                      Value more = arith::CmpIOp::create(
                          nb, nloc, arith::CmpIPredicate::ne, args[0], zero64);
                      scf::ConditionOp::create(nb, nloc, more, args);
                    },
                    [&](OpBuilder &nb, Location nloc, ValueRange args) {
                      Emitter ie{nb, nloc};
                      Value bit = math::CountTrailingZerosOp::create(
                          nb, nloc, args[0]);
                      Value c = ie.add(ie.mul(w, ie.idx(64)), ie.toIndex(bit));
                      visit(ie, r, c, ie.load(op.values, {args[1]}));
                      Value cleared = arith::AndIOp::create(
                          nb, nloc, args[0],
                          arith::SubIOp::create(nb, nloc, args[0], one64));
                      scf::YieldOp::create(
                          nb, nloc, ValueRange{cleared, ie.add(args[1], ie.idx(1))});
                    });
                return SmallVector<Value>{loop.getResult(1)};
              });
        });
    (void)outer;
    return;
  }
  case FormatKind::NM: {
    MatrixView v;
    v.kind = MatrixView::Kind::NM;
    v.rows = rows;
    v.cols = cols;
    v.values = op.values;
    v.metadata = op.metadata;
    v.n = op.n;
    v.m = op.m;
    e.forLoop(0, rows, [&](Emitter &e, Value r) {
      v.forEachInLine(e, r, [&](Emitter &e, Value c, Value value) {
        visit(e, r, c, value);
      });
    });
    return;
  }
  case FormatKind::BCSR: {
    int64_t br = op.blockRows, bc = op.blockCols;
    e.forLoop(0, rows / br, [&](Emitter &e, Value bi) {
      Value lo = e.toIndex(e.load(op.positions, {bi}));
      Value hi = e.toIndex(e.load(op.positions, {e.add(bi, c1)}));
      e.forLoop(lo, hi, c1, [&](Emitter &e, Value k) {
        Value bj = e.toIndex(e.load(op.coordinates, {k}));
        Value r0 = e.mul(bi, e.idx(br)), col0 = e.mul(bj, e.idx(bc));
        e.forLoop(0, br, [&](Emitter &e, Value a) {
          e.forLoop(0, bc, [&](Emitter &e, Value bb) {
            visit(e, e.add(r0, a), e.add(col0, bb),
                  e.load(op.values, {k, a, bb}));
          });
        });
      });
    });
    return;
  }
  }
  llvm_unreachable("unknown format");
}

/// Counting sort of the stored entries along `major`: positions (index),
/// coordinates (index) and values of the compressed rows or columns.
static MatrixView convertToCompressed(Emitter &e, const StoredOperand &op,
                                      MajorAxis major) {
  bool byRows = major == MajorAxis::Rows;
  int64_t extent = byRows ? op.rows : op.cols;
  Type indexType = e.b.getIndexType();
  Type valueType = cast<MemRefType>(op.values.getType()).getElementType();
  Value c1 = e.idx(1);
  Value positions = e.zeros({extent + 1}, indexType);
  forEachStoredEntry(e, op, [&](Emitter &e, Value r, Value c, Value) {
    Value at = e.add(byRows ? r : c, c1);
    e.store(e.add(e.load(positions, {at}), c1), positions, {at});
  });
  e.forLoop(0, extent, [&](Emitter &e, Value i) {
    Value next = e.add(i, c1);
    e.store(e.add(e.load(positions, {i}), e.load(positions, {next})),
            positions, {next});
  });
  Value nnz = e.load(positions, {e.idx(extent)});
  Value coordinates = e.alloc({ShapedType::kDynamic}, indexType, {nnz});
  Value values = e.alloc({ShapedType::kDynamic}, valueType, {nnz});
  Value cursor = e.alloc({extent}, indexType);
  e.forLoop(0, extent, [&](Emitter &e, Value i) {
    e.store(e.load(positions, {i}), cursor, {i});
  });
  forEachStoredEntry(e, op, [&](Emitter &e, Value r, Value c, Value v) {
    Value line = byRows ? r : c;
    Value at = e.load(cursor, {line});
    e.store(byRows ? c : r, coordinates, {at});
    e.store(v, values, {at});
    e.store(e.add(at, e.idx(1)), cursor, {line});
  });
  memref::DeallocOp::create(e.b, e.loc, cursor);
  MatrixView view;
  view.kind = MatrixView::Kind::Compressed;
  view.rows = op.rows;
  view.cols = op.cols;
  view.major = major;
  view.positions = positions;
  view.coordinates = coordinates;
  view.values = values;
  return view;
}

MatrixView buildView(Emitter &e, const StoredOperand &op,
                     const OperandLayout &layout, bool convert) {
  // Bitmaps are read in place, or transposed into a bitmap (BitmapJoin.cpp).
  if (op.format == FormatKind::Bitmap && layout.format == FormatKind::Bitmap)
    return convert ? transposeBitmapView(e, op) : buildBitmapView(e, op);
  // The view of the stored data as the stored matrix, then as the logical
  // operand.
  MatrixView stored;
  stored.rows = op.storedTransposed ? op.cols : op.rows;
  stored.cols = op.storedTransposed ? op.rows : op.cols;
  stored.values = op.values;
  switch (op.format) {
  case FormatKind::Dense:
    stored.kind = MatrixView::Kind::Dense;
    break;
  case FormatKind::CSR:
  case FormatKind::CSC:
    stored.kind = MatrixView::Kind::Compressed;
    stored.major =
        op.format == FormatKind::CSR ? MajorAxis::Rows : MajorAxis::Columns;
    stored.positions = op.positions;
    stored.coordinates = op.coordinates;
    break;
  case FormatKind::NM:
    stored.kind = MatrixView::Kind::NM;
    stored.metadata = op.metadata;
    stored.n = op.n;
    stored.m = op.m;
    break;
  default:
    assert(convert && "coo, bitmap and bcsr are always converted");
    break;
  }
  MatrixView logical = op.storedTransposed ? stored.transpose() : stored;
  if (!convert) {
    // A dense matrix is read along either axis in place.
    if (logical.kind == MatrixView::Kind::Dense)
      logical.major = layout.major;
    assert(logical.major == layout.major && "unplanned layout mismatch");
    return logical;
  }
  if (layout.format == FormatKind::Dense) {
    // Transpose once into the requested memory order.
    bool rowMajor = layout.major == MajorAxis::Rows;
    MatrixView view;
    view.kind = MatrixView::Kind::Dense;
    view.rows = op.rows;
    view.cols = op.cols;
    view.major = layout.major;
    view.transposed = !rowMajor;
    Type valueType = cast<MemRefType>(op.values.getType()).getElementType();
    view.values = rowMajor ? e.alloc({op.rows, op.cols}, valueType)
                           : e.alloc({op.cols, op.rows}, valueType);
    e.forLoop(0, op.rows, [&](Emitter &e, Value i) {
      e.forLoop(0, op.cols, [&](Emitter &e, Value j) {
        Value v = logical.denseAt(e, i, j);
        if (rowMajor)
          e.store(v, view.values, {i, j});
        else
          e.store(v, view.values, {j, i});
      });
    });
    return view;
  }
  return convertToCompressed(e, op, layout.major);
}

//===----------------------------------------------------------------------===//
// Product loops
//===----------------------------------------------------------------------===//

namespace {

/// Stores one output element (scalar) at (p, q) of out (or (q, p)).
void storeOut(Emitter &e, Value v, Value out, Value p, Value q,
              bool transposedOut) {
  if (transposedOut)
    e.store(v, out, {q, p});
  else
    e.store(v, out, {p, q});
}

/// Adds `v` into out(p, q).
void accumulateOut(Emitter &e, Value v, Value out, Value p, Value q,
                   bool transposedOut) {
  SmallVector<Value> at = transposedOut ? SmallVector<Value>{q, p}
                                        : SmallVector<Value>{p, q};
  Value old = e.load(out, at);
  Value sum = isa<FloatType>(v.getType())
                  ? arith::AddFOp::create(e.b, e.loc, old, v).getResult()
                  : arith::AddIOp::create(e.b, e.loc, old, v).getResult();
  e.store(sum, out, at);
}

/// A loop over the outer index p: scf.parallel when asked, else scf.for.
void outerLoop(Emitter &e, int64_t extent, bool parallel,
               function_ref<void(Emitter &, Value)> body) {
  if (!parallel) {
    e.forLoop(0, extent, body);
    return;
  }
  scf::ParallelOp::create(e.b, e.loc, ValueRange{e.idx(0)},
                          ValueRange{e.idx(extent)}, ValueRange{e.idx(1)},
                          [&](OpBuilder &nb, Location nloc, ValueRange ivs) {
                            Emitter inner{nb, nloc};
                            body(inner, ivs[0]);
                          });
}

/// out(p, q0 .. q0 + vectors * lanes) = L[p, :] * R[:, q0 ..]: the
/// accumulators (`vectors` vectors of `lanes`, or scalars when lanes == 1)
/// stay in registers while the line of L is walked once.
void emitRegisterTile(Emitter &e, const MatrixView &l, const MatrixView &r,
                      Value out, bool transposedOut, Value p, Value q0,
                      int64_t vectors, int64_t lanes) {
  Type element = cast<MemRefType>(out.getType()).getElementType();
  Type accType = lanes == 1 ? element : VectorType::get({lanes}, element);
  SmallVector<Value> init(vectors, e.zero(accType));
  SmallVector<Value> acc = forEachInLineIter(
      l, e, p, init,
      [&](Emitter &e, Value k, Value a, ValueRange it) {
        Value splat =
            lanes == 1 ? a : vector::BroadcastOp::create(e.b, e.loc, accType, a);
        SmallVector<Value> next;
        for (int64_t t = 0; t < vectors; ++t) {
          Value q = e.add(q0, e.idx(t * lanes));
          Value x = lanes == 1
                        ? e.load(r.values, {k, q})
                        : vector::LoadOp::create(e.b, e.loc, accType, r.values,
                                                 ValueRange{k, q})
                              .getResult();
          next.push_back(e.mac(splat, x, it[t]));
        }
        return next;
      });
  for (int64_t t = 0; t < vectors; ++t) {
    Value q = e.add(q0, e.idx(t * lanes));
    if (lanes == 1) {
      storeOut(e, acc[t], out, p, q, transposedOut);
    } else if (!transposedOut) {
      vector::StoreOp::create(e.b, e.loc, acc[t], out, ValueRange{p, q});
    } else {
      for (int64_t i = 0; i < lanes; ++i) {
        Value lane = vector::ExtractOp::create(e.b, e.loc, acc[t], i);
        e.store(lane, out, {e.add(q, e.idx(i)), p});
      }
    }
  }
}

/// Row-wise / inner product with a dense right operand: for p: for q tiles:
/// for (k, a) in L[p, :]: acc += a * R[k, tile].
void emitSparseDenseRows(Emitter &e, const MatrixView &l, const MatrixView &r,
                         Value out, bool transposedOut,
                         const KernelOptions &options) {
  int64_t lanes = options.lanes, tile = options.tile * lanes;
  int64_t q = r.cols;
  int64_t fullTiles = q / tile * tile, fullVectors = q / lanes * lanes;
  outerLoop(e, l.rows, options.parallel, [&](Emitter &e, Value p) {
    if (fullTiles)
      e.forLoop(e.idx(0), e.idx(fullTiles), e.idx(tile),
                [&](Emitter &e, Value q0) {
                  emitRegisterTile(e, l, r, out, transposedOut, p, q0,
                                   options.tile, lanes);
                });
    if (fullVectors > fullTiles)
      emitRegisterTile(e, l, r, out, transposedOut, p, e.idx(fullTiles),
                       (fullVectors - fullTiles) / lanes, lanes);
    if (q > fullVectors)
      emitRegisterTile(e, l, r, out, transposedOut, p, e.idx(fullVectors),
                       q - fullVectors, 1);
  });
}

/// out[p, :] += a * R[k, :] vectorized along q (out row-major).
void emitAxpyRow(Emitter &e, Value a, const MatrixView &r, Value k, Value out,
                 Value p, int64_t lanes) {
  Type element = cast<MemRefType>(out.getType()).getElementType();
  auto vecType = VectorType::get({lanes}, element);
  int64_t q = r.cols, full = q / lanes * lanes;
  if (full) {
    Value splat = vector::BroadcastOp::create(e.b, e.loc, vecType, a);
    e.forLoop(e.idx(0), e.idx(full), e.idx(lanes), [&](Emitter &e, Value q0) {
      Value x = vector::LoadOp::create(e.b, e.loc, vecType, r.values,
                                       ValueRange{k, q0});
      Value o = vector::LoadOp::create(e.b, e.loc, vecType, out,
                                       ValueRange{p, q0});
      vector::StoreOp::create(e.b, e.loc, e.mac(splat, x, o), out,
                              ValueRange{p, q0});
    });
  }
  e.forLoop(full, q, [&](Emitter &e, Value qi) {
    e.store(e.mac(a, e.load(r.values, {k, qi}), e.load(out, {p, qi})), out,
            {p, qi});
  });
}

/// Inner product of two compressed lines by a two-pointer merge of their
/// sorted coordinates.
Value emitMerge(Emitter &e, const MatrixView &l, Value p, const MatrixView &r,
                Value q, Type element) {
  auto bounds = [&](const MatrixView &v, Value line) {
    Value lo = e.toIndex(e.load(v.positions, {line}));
    Value hi = e.toIndex(e.load(v.positions, {e.add(line, e.idx(1))}));
    return std::make_pair(lo, hi);
  };
  auto [la, ha] = bounds(l, p);
  auto [lb, hb] = bounds(r, q);
  Type index = e.b.getIndexType();
  auto loop = scf::WhileOp::create(
      e.b, e.loc, TypeRange{index, index, element},
      ValueRange{la, lb, e.zero(element)},
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        Value inA = arith::CmpIOp::create(nb, nloc, arith::CmpIPredicate::ult,
                                          args[0], ha);
        Value inB = arith::CmpIOp::create(nb, nloc, arith::CmpIPredicate::ult,
                                          args[1], hb);
        scf::ConditionOp::create(nb, nloc,
                                 arith::AndIOp::create(nb, nloc, inA, inB),
                                 args);
      },
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        Emitter ie{nb, nloc};
        Value ka = ie.toIndex(ie.load(l.coordinates, {args[0]}));
        Value kb = ie.toIndex(ie.load(r.coordinates, {args[1]}));
        Value equal =
            arith::CmpIOp::create(nb, nloc, arith::CmpIPredicate::eq, ka, kb);
        Value aLe =
            arith::CmpIOp::create(nb, nloc, arith::CmpIPredicate::ule, ka, kb);
        Value bLe =
            arith::CmpIOp::create(nb, nloc, arith::CmpIPredicate::ule, kb, ka);
        // Branch-free: always form the product, keep it when equal.
        Value prod = ie.mac(ie.load(l.values, {args[0]}),
                            ie.load(r.values, {args[1]}), ie.zero(element));
        Value sum = isa<FloatType>(element)
                        ? arith::AddFOp::create(nb, nloc, args[2], prod)
                              .getResult()
                        : arith::AddIOp::create(nb, nloc, args[2], prod)
                              .getResult();
        Value acc = arith::SelectOp::create(nb, nloc, equal, sum, args[2]);
        Value one = ie.idx(1), zero = ie.idx(0);
        Value stepA = arith::SelectOp::create(nb, nloc, aLe, one, zero);
        Value stepB = arith::SelectOp::create(nb, nloc, bLe, one, zero);
        scf::YieldOp::create(nb, nloc,
                             ValueRange{ie.add(args[0], stepA),
                                        ie.add(args[1], stepB), acc});
      });
  return loop.getResult(2);
}

} // namespace

void emitProduct(Emitter &e, Dataflow dataflow, const MatrixView &l,
                 const MatrixView &r, Value out, bool transposedOut,
                 const KernelOptions &options) {
  Type element = cast<MemRefType>(out.getType()).getElementType();
  if (dataflow == Dataflow::Inner && l.kind == MatrixView::Kind::Bitmap &&
      r.kind == MatrixView::Kind::Bitmap) {
    emitBitmapJoin(e, l, r, out, transposedOut, options);
    return;
  }
  bool denseR = r.kind == MatrixView::Kind::Dense;
  if (denseR && dataflow != Dataflow::Outer) {
    emitSparseDenseRows(e, l, r, out, transposedOut, options);
    return;
  }
  if (denseR) {
    // Outer product: for k: for (p, a) in L[:, k]: out[p, :] += a * R[k, :].
    // The partial products of one k are merged into the dense output as
    // they are formed (the output row is the merge buffer).
    Value target = out;
    if (transposedOut)
      target = e.zeros({l.rows, r.cols}, element);
    e.forLoop(0, l.cols, [&](Emitter &e, Value k) {
      l.forEachInLine(e, k, [&](Emitter &e, Value p, Value a) {
        emitAxpyRow(e, a, r, k, target, p, options.lanes);
      });
    });
    if (transposedOut) {
      e.forLoop(0, l.rows, [&](Emitter &e, Value p) {
        e.forLoop(0, r.cols, [&](Emitter &e, Value q) {
          e.store(e.load(target, {p, q}), out, {q, p});
        });
      });
      memref::DeallocOp::create(e.b, e.loc, target);
    }
    return;
  }
  switch (dataflow) {
  case Dataflow::Row:
  case Dataflow::Auto:
    // for p: for (k, a) in L[p, :]: for (q, b) in R[k, :]: out[p, q] += a*b.
    outerLoop(e, l.rows, options.parallel, [&](Emitter &e, Value p) {
      l.forEachInLine(e, p, [&](Emitter &e, Value k, Value a) {
        r.forEachInLine(e, k, [&](Emitter &e, Value q, Value bv) {
          accumulateOut(e, e.mac(a, bv, e.zero(element)), out, p, q,
                        transposedOut);
        });
      });
    });
    return;
  case Dataflow::Outer:
    // for k: for (p, a) in L[:, k]: for (q, b) in R[k, :]: out[p, q] += a*b.
    e.forLoop(0, l.cols, [&](Emitter &e, Value k) {
      l.forEachInLine(e, k, [&](Emitter &e, Value p, Value a) {
        r.forEachInLine(e, k, [&](Emitter &e, Value q, Value bv) {
          accumulateOut(e, e.mac(a, bv, e.zero(element)), out, p, q,
                        transposedOut);
        });
      });
    });
    return;
  case Dataflow::Inner:
    // for p, q: out[p, q] = merge(L[p, :], R[:, q]).
    outerLoop(e, l.rows, options.parallel, [&](Emitter &e, Value p) {
      e.forLoop(0, r.cols, [&](Emitter &e, Value q) {
        storeOut(e, emitMerge(e, l, p, r, q, element), out, p, q,
                 transposedOut);
      });
    });
    return;
  }
}

} // namespace sparq::loops
