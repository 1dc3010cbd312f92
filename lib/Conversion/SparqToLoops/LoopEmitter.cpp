//===- LoopEmitter.cpp - memref loop building blocks of the dataflows -----===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#include "LoopEmitter.h"

#include "BitmapJoin.h"
#include "ConstantLayout.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/TypeUtilities.h"

using namespace mlir;

namespace sparq::loops {

/// Largest buffer (bytes) the loops put on the stack (a dense operand copy,
/// a parking buffer, packed panels) instead of the heap.
static constexpr int64_t kMaxStackBufferBytes = 512 * 1024;
static constexpr int64_t kCacheLineBytes = 64;

Value allocBuffer(Emitter &e, MemRefType type, StackBudget *budget,
                  int64_t padBytes) {
  Type element = type.getElementType();
  int64_t bytes = type.getNumElements() *
                  std::max<int64_t>(1, element.getIntOrFloatBitWidth() / 8);
  auto alignment = e.b.getI64IntegerAttr(64);
  // Row padding counts neither against the size limit nor the budget: the
  // same buffers go on the stack as without it.
  int64_t counted = bytes - padBytes;
  if (counted <= kMaxStackBufferBytes &&
      (!budget || budget->bytes >= counted)) {
    if (budget)
      budget->bytes -= counted;
    return memref::AllocaOp::create(e.b, e.loc, type, alignment);
  }
  return memref::AllocOp::create(e.b, e.loc, type, alignment);
}

bool isHeapBuffer(Value buffer) {
  return static_cast<bool>(heapAllocation(buffer));
}

Value heapAllocation(Value buffer) {
  if (!buffer)
    return Value();
  if (auto subview = buffer.getDefiningOp<memref::SubViewOp>())
    buffer = subview.getSource();
  return buffer.getDefiningOp<memref::AllocOp>() ? buffer : Value();
}

Value allocPaddedBuffer(Emitter &e, MemRefType type, int64_t lanes,
                        StackBudget *budget) {
  int64_t rows = type.getDimSize(0), cols = type.getDimSize(1);
  Type element = type.getElementType();
  int64_t stride = paddedRowStride(cols, element, lanes);
  if (stride == cols)
    return allocBuffer(e, type, budget);
  int64_t padBytes =
      rows * (stride - cols) * (element.getIntOrFloatBitWidth() / 8);
  Value base = allocBuffer(e, MemRefType::get({rows, stride}, element),
                           budget, padBytes);
  return memref::SubViewOp::create(e.b, e.loc, base, ArrayRef<int64_t>{0, 0},
                                   ArrayRef<int64_t>{rows, cols},
                                   ArrayRef<int64_t>{1, 1});
}

int64_t paddedRowStride(int64_t cols, Type element, int64_t lanes) {
  if (lanes < 2 || !element.isIntOrFloat() ||
      element.getIntOrFloatBitWidth() % 8 != 0)
    return cols;
  int64_t bytes = element.getIntOrFloatBitWidth() / 8;
  int64_t line = kCacheLineBytes / bytes;
  if (cols * bytes < kCacheLineBytes)
    return cols;
  int64_t stride = (cols + line - 1) / line * line;
  return stride * bytes % 512 != 0 ? stride : stride + line;
}

MatrixView alignedRowsCopy(Emitter &e, const MatrixView &view,
                           const MatrixView &l, int64_t lanes,
                           StackBudget *budget) {
  auto type = dyn_cast<MemRefType>(view.values.getType());
  if (view.kind != MatrixView::Kind::Dense || view.major != MajorAxis::Rows ||
      view.transposed || !type || !type.hasStaticShape() ||
      type.getRank() != 2 || !type.getLayout().isIdentity())
    return view;
  // Only a buffer the lowering did not allocate itself (those are padded).
  Operation *def = view.values.getDefiningOp();
  if (!def || !isa<bufferization::ToBufferOp>(def))
    return view;
  int64_t rows = type.getDimSize(0), cols = type.getDimSize(1);
  if (paddedRowStride(cols, type.getElementType(), lanes) == cols)
    return view;
  // Entries of l, each a read of one row of the view.
  int64_t entries = -1;
  if (l.kind == MatrixView::Kind::NM && l.m > 0) {
    entries = l.majorExtent() * (l.minorExtent() / l.m) * l.n;
  } else if (l.kind == MatrixView::Kind::Compressed) {
    std::optional<RawConstant> pos = readConstantBuffer(l.positions);
    if (pos && !pos->splat && pos->count > 0)
      entries = static_cast<int64_t>(pos->unsignedAt(pos->count - 1));
  }
  if (entries < 2 * rows)
    return view;
  MatrixView copy = view;
  copy.values = allocPaddedBuffer(e, type, lanes, budget);
  emitConvertCopy(e, view.values, copy.values, view.isSigned, lanes);
  return copy;
}

Value constantBuffer(Emitter &e, RankedTensorType type,
                     ArrayRef<char> bytes) {
  Value constant = arith::ConstantOp::create(
      e.b, e.loc, DenseElementsAttr::getFromRawBuffer(type, bytes));
  return bufferization::ToBufferOp::create(
      e.b, e.loc, MemRefType::get(type.getShape(), type.getElementType()),
      constant, /*read_only=*/true);
}

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
  // Matrices start on a cache line (malloc's 16 bytes would split every
  // vector store of a 64-byte row chunk across two lines: the output of the
  // row kernels is stored with full-line vector stores).
  IntegerAttr alignment =
      shape.size() >= 2 ? b.getI64IntegerAttr(64) : IntegerAttr();
  return memref::AllocOp::create(b, loc, MemRefType::get(shape, element),
                                 dynamic, alignment);
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

Value MatrixView::widen(Emitter &e, Value v, Type acc) const {
  Type from = getElementTypeOrSelf(v.getType());
  if (from == acc)
    return v;
  Type to = acc;
  if (auto vec = dyn_cast<VectorType>(v.getType()))
    to = VectorType::get(vec.getShape(), acc);
  if (isa<FloatType>(acc)) {
    // An integer value reaches a float accumulator only under exact float
    // accumulation (ExactFloatAccumulation.h): |v| <= 2^24, converted
    // exactly.
    if (isa<IntegerType>(from))
      return isSigned ? arith::SIToFPOp::create(e.b, e.loc, to, v).getResult()
                      : arith::UIToFPOp::create(e.b, e.loc, to, v).getResult();
    return arith::ExtFOp::create(e.b, e.loc, to, v);
  }
  if (isa<FloatType>(from)) {
    // The f32 copy of an integer constant under exact float accumulation
    // (its values are integers) summed into an integer correction term.
    return arith::FPToSIOp::create(e.b, e.loc, to, v);
  }
  if (isSigned)
    return arith::ExtSIOp::create(e.b, e.loc, to, v);
  return arith::ExtUIOp::create(e.b, e.loc, to, v);
}

Value StoredOperand::widen(Emitter &e, Value v, Type acc) const {
  MatrixView view;
  view.isSigned = isSigned;
  return view.widen(e, v, acc);
}

Value MatrixView::denseAt(Emitter &e, Value i, Value j) const {
  return transposed ? e.load(values, {j, i}) : e.load(values, {i, j});
}

Value MatrixView::metadataAt(Emitter &e, Value line, Value slot) const {
  if (!metadataBits)
    return e.toIndex(e.load(metadata, {line, slot}));
  // Slot s of a line sits in bits [(s % per) * bits, ...) of byte s / per.
  // Loads of the same byte by the slots of one group fold into one.
  int64_t perByte = 8 / metadataBits;
  Value byte = e.load(metadata, {line, arith::DivUIOp::create(
                                           e.b, e.loc, slot, e.idx(perByte))});
  Value shift = e.mul(
      arith::RemUIOp::create(e.b, e.loc, slot, e.idx(perByte)),
      e.idx(metadataBits));
  Type i8 = e.b.getI8Type();
  return metadataField(
      e, byte, arith::IndexCastOp::create(e.b, e.loc, i8, shift).getResult());
}

Value MatrixView::metadataField(Emitter &e, Value byte, Value shift) const {
  Type i8 = e.b.getI8Type();
  Value bits = arith::ShRUIOp::create(e.b, e.loc, byte, shift);
  Value mask = arith::ConstantOp::create(
      e.b, e.loc, e.b.getIntegerAttr(i8, (1 << metadataBits) - 1));
  Value field = arith::AndIOp::create(e.b, e.loc, bits, mask);
  return arith::IndexCastUIOp::create(e.b, e.loc, e.b.getIndexType(), field);
}

Value MatrixView::metadataField(Emitter &e, Value byte, int64_t shift) const {
  return metadataField(
      e, byte,
      arith::ConstantOp::create(e.b, e.loc, e.b.getI8IntegerAttr(shift))
          .getResult());
}

/// Visits the entries of a line with iter_args.
/// The minor range [lo, hi) of block `block` of a blocked view (lo = 0, hi
/// = the extent when `block` is null), both scaled by `unit`, the minor
/// indices per step (a group of an N:M view).
static std::pair<Value, Value> blockRange(const MatrixView &v, Emitter &e,
                                          Value block, int64_t unit) {
  int64_t steps = v.minorExtent() / unit;
  if (!block)
    return {e.idx(0), e.idx(steps)};
  int64_t perBlock = v.blockSize / unit;
  Value lo = e.mul(block, e.idx(perBlock));
  Value hi = arith::MinUIOp::create(e.b, e.loc, e.add(lo, e.idx(perBlock)),
                                    e.idx(steps));
  return {lo, hi};
}

/// The entries [lo, hi) of line `line` of a compressed view, or of block
/// `block` of it (blockPositions).
static std::pair<Value, Value> lineEntries(const MatrixView &v, Emitter &e,
                                           Value line, Value block) {
  Value c1 = e.idx(1);
  if (!block)
    return {e.toIndex(e.load(v.positions, {line})),
            e.toIndex(e.load(v.positions, {e.add(line, c1)}))};
  Value at = e.add(e.mul(line, e.idx(v.minorBlocks() + 1)), block);
  return {e.toIndex(e.load(v.blockPositions, {at})),
          e.toIndex(e.load(v.blockPositions, {e.add(at, c1)}))};
}

/// Visits the entries of a line (of block `block` of it when not null) with
/// iter_args.
static SmallVector<Value> forEachInLineIter(
    const MatrixView &v, Emitter &e, Value line, ValueRange init,
    function_ref<SmallVector<Value>(Emitter &, Value, Value, ValueRange)>
        body,
    Value block = {}) {
  Value c1 = e.idx(1);
  switch (v.kind) {
  case MatrixView::Kind::Dense: {
    auto [lo, hi] = blockRange(v, e, block, 1);
    return forIter(e, lo, hi, c1, init,
                   [&](Emitter &e, Value j, ValueRange it) {
                     Value value = v.major == MajorAxis::Rows
                                       ? v.denseAt(e, line, j)
                                       : v.denseAt(e, j, line);
                     return body(e, j, value, it);
                   });
  }
  case MatrixView::Kind::Compressed: {
    auto [lo, hi] = lineEntries(v, e, line, block);
    return forIter(e, lo, hi, c1, init,
                   [&](Emitter &e, Value j, ValueRange it) {
                     Value minor = e.toIndex(e.load(v.coordinates, {j}));
                     return body(e, minor, e.load(v.values, {j}), it);
                   });
  }
  case MatrixView::Kind::NM: {
    // A fixed-trip loop over the groups, n metadata-indexed entries each.
    auto [lo, hi] = blockRange(v, e, block, v.m);
    return forIter(
        e, lo, hi, c1, init,
        [&](Emitter &e, Value g, ValueRange it) {
          SmallVector<Value> iter(it);
          Value base = e.mul(g, e.idx(v.m));
          Value slot0 = e.mul(g, e.idx(v.n));
          for (int64_t s = 0; s < v.n; ++s) {
            Value slot = e.add(slot0, e.idx(s));
            Value p = v.metadataAt(e, line, slot);
            iter = body(e, e.add(base, p), e.load(v.values, {line, slot}),
                        iter);
          }
          return iter;
        });
  }
  case MatrixView::Kind::Bitmap:
    assert(!block && "bitmap views are not blocked");
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
    v.metadataBits = op.metadataBits;
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
  view.isSigned = op.isSigned;
  return view;
}

void emitConvertCopy(Emitter &e, Value src, Value dst, bool isSigned,
                     int64_t lanes) {
  auto type = cast<MemRefType>(src.getType());
  Type to = cast<MemRefType>(dst.getType()).getElementType();
  int64_t rows = type.getDimSize(0), cols = type.getDimSize(1);
  int64_t full = lanes > 1 ? cols / lanes * lanes : 0;
  MatrixView view;
  view.isSigned = isSigned;
  e.forLoop(0, rows, [&](Emitter &e, Value i) {
    if (full) {
      auto from = VectorType::get({lanes}, type.getElementType());
      e.forLoop(e.idx(0), e.idx(full), e.idx(lanes), [&](Emitter &e, Value j) {
        Value v = vector::LoadOp::create(e.b, e.loc, from, src, ValueRange{i, j});
        vector::StoreOp::create(e.b, e.loc, view.widen(e, v, to), dst,
                                ValueRange{i, j});
      });
    }
    e.forLoop(full, cols, [&](Emitter &e, Value j) {
      e.store(view.widen(e, e.load(src, {i, j}), to), dst, {i, j});
    });
  });
}

MatrixView buildView(Emitter &e, const StoredOperand &op,
                     const OperandLayout &layout, bool convert,
                     int64_t lanes, StackBudget *stack, Type denseElement) {
  // Bitmaps are read in place, or transposed into a bitmap (BitmapJoin.cpp).
  if (op.format == FormatKind::Bitmap && layout.format == FormatKind::Bitmap)
    return convert ? transposeBitmapView(e, op) : buildBitmapView(e, op);
  // The view of the stored data as the stored matrix, then as the logical
  // operand.
  MatrixView stored;
  stored.rows = op.storedTransposed ? op.cols : op.rows;
  stored.cols = op.storedTransposed ? op.rows : op.cols;
  stored.values = op.values;
  stored.isSigned = op.isSigned;
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
    stored.metadataBits = op.metadataBits;
    stored.n = op.n;
    stored.m = op.m;
    break;
  default:
    assert(convert && "coo, bitmap and bcsr are always converted");
    break;
  }
  MatrixView logical = op.storedTransposed ? stored.transpose() : stored;
  Type valueType = cast<MemRefType>(op.values.getType()).getElementType();
  // A dense operand whose values the loops want in another type (integers
  // under exact float accumulation) is copied once, converted, in the
  // planned order, instead of being converted at every use.
  bool convertValues = denseElement && op.format == FormatKind::Dense &&
                       layout.format == FormatKind::Dense &&
                       denseElement != valueType;
  if (convertValues)
    convert = true;
  if (!convert) {
    // A dense matrix is read along either axis in place.
    if (logical.kind == MatrixView::Kind::Dense)
      logical.major = layout.major;
    assert(logical.major == layout.major && "unplanned layout mismatch");
    return logical;
  }
  if (layout.format == FormatKind::Dense) {
    // Transpose once into the requested memory order (a blocked, vectorized
    // transpose; a plain copy if the stored order is already right).
    bool rowMajor = layout.major == MajorAxis::Rows;
    MatrixView view;
    view.kind = MatrixView::Kind::Dense;
    view.rows = op.rows;
    view.cols = op.cols;
    view.major = layout.major;
    view.transposed = !rowMajor;
    view.isSigned = op.isSigned;
    Type copyType = convertValues ? denseElement : valueType;
    // A small copy lives on the stack: a fresh heap block of this size is
    // mmap'ed and page-faulted in on every call (about 0.15 ms per 512 KiB
    // here), more than the transpose itself.
    auto type = MemRefType::get(rowMajor ? SmallVector<int64_t>{op.rows, op.cols}
                                         : SmallVector<int64_t>{op.cols, op.rows},
                                copyType);
    // Rows of the copy start on cache lines and are not a multiple of 512
    // bytes apart (paddedRowStride): the view is a subview of the wider
    // buffer.
    view.values = allocPaddedBuffer(e, type, lanes, stack);
    if (view.transposed == logical.transposed) {
      if (convertValues || view.values.getDefiningOp<memref::SubViewOp>())
        emitConvertCopy(e, op.values, view.values, op.isSigned, lanes);
      else
        memref::CopyOp::create(e.b, e.loc, op.values, view.values);
      return view;
    }
    emitTransposeCopy(e, op.values, view.values, lanes, op.isSigned);
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

/// Independent accumulator vectors a register tile keeps at least (two FMA
/// ports x four cycles of latency on AVX2 cores, whose 16 vector registers
/// hold no more), and with vectors of 16 lanes (AVX-512: 32 registers) twice
/// that, so that short lines still keep both FMA ports busy.
constexpr int64_t kMinAccumulators = 8;
constexpr int64_t kMinAccumulators512 = 16;

/// Independent accumulator sets of a tile of `vectors` vectors of `lanes`.
int64_t accumulatorChains(int64_t lanes, int64_t vectors) {
  int64_t minimum = lanes >= 16 ? kMinAccumulators512 : kMinAccumulators;
  return std::max<int64_t>(1, minimum / vectors);
}

/// A loop lb..ub step `step` over the outer index p: scf.parallel when
/// asked, else scf.for.
void outerLoop(Emitter &e, int64_t lb, int64_t ub, int64_t step, bool parallel,
               function_ref<void(Emitter &, Value)> body) {
  if (lb >= ub)
    return;
  if (!parallel) {
    e.forLoop(e.idx(lb), e.idx(ub), e.idx(step), body);
    return;
  }
  scf::ParallelOp::create(e.b, e.loc, ValueRange{e.idx(lb)},
                          ValueRange{e.idx(ub)}, ValueRange{e.idx(step)},
                          [&](OpBuilder &nb, Location nloc, ValueRange ivs) {
                            Emitter inner{nb, nloc};
                            body(inner, ivs[0]);
                          });
}
void outerLoop(Emitter &e, int64_t extent, bool parallel,
               function_ref<void(Emitter &, Value)> body) {
  outerLoop(e, 0, extent, 1, parallel, body);
}

/// The mask of the first `valid` of `lanes` lanes.
Value firstLanes(Emitter &e, int64_t lanes, int64_t valid) {
  return vector::CreateMaskOp::create(
      e.b, e.loc, VectorType::get({lanes}, e.b.getI1Type()),
      ValueRange{e.idx(valid)});
}

/// base[at .. at + type's lanes] with the lanes from `valid` on read as zero
/// (not read: they may lie past the end of the row).
Value maskedLoad(Emitter &e, VectorType type, Value base, ValueRange at,
                 int64_t valid) {
  Value zero = arith::ConstantOp::create(e.b, e.loc, e.b.getZeroAttr(type));
  return vector::MaskedLoadOp::create(e.b, e.loc, type, base, at,
                                      firstLanes(e, type.getDimSize(0), valid),
                                      zero);
}

/// The accumulators of L[p, :] * R[:, q0 .. q0 + vectors * lanes]
/// (`vectors` vectors of `lanes`, or scalars when lanes == 1): they stay in
/// registers while the line of L is walked once; each entry of L is
/// broadcast and multiplied with `vectors` loads of a row of R (loaded in R's
/// stored type, extended in registers). With `block`, only the entries of
/// that minor block of a blocked L are walked, and the accumulators start
/// from `init` (zeros when empty). With `valid` (a tail chunk: one vector),
/// only its first `valid` lanes of R are read (masked loads), the others
/// stay zero.
SmallVector<Value> computeRegisterTile(Emitter &e, const MatrixView &l,
                                       const MatrixView &r, Type element,
                                       Value p, Value q0, int64_t vectors,
                                       int64_t lanes, ValueRange init = {},
                                       Value block = {}, int64_t valid = 0) {
  Type accType = lanes == 1 ? element : VectorType::get({lanes}, element);
  Type rElement = cast<MemRefType>(r.values.getType()).getElementType();
  Type loadType = lanes == 1 ? rElement : VectorType::get({lanes}, rElement);
  // acc[t] += a * R[k, q0 + t * lanes ..] for t < vectors.
  auto step = [&](Emitter &e, Value k, Value a, ValueRange acc) {
    a = l.widen(e, a, element);
    Value splat =
        lanes == 1 ? a : vector::BroadcastOp::create(e.b, e.loc, accType, a);
    SmallVector<Value> next;
    for (int64_t t = 0; t < vectors; ++t) {
      Value q = e.add(q0, e.idx(t * lanes));
      Value x = lanes == 1 ? e.load(r.values, {k, q})
                : valid ? maskedLoad(e, cast<VectorType>(loadType), r.values,
                                     {k, q}, valid)
                        : vector::LoadOp::create(e.b, e.loc, loadType,
                                                 r.values, ValueRange{k, q})
                              .getResult();
      next.push_back(e.mac(splat, r.widen(e, x, element), acc[t]));
    }
    return next;
  };
  // A narrow tile has too few accumulators to hide the latency of the
  // multiply-adds: a compressed line is then walked `chains` entries at a
  // time into as many independent accumulator sets, summed at the end.
  // An N:M line takes one set per slot of its groups (up to `chains`).
  int64_t chains = accumulatorChains(lanes, vectors);
  SmallVector<Value> start(init);
  if (start.empty())
    start.assign(vectors, e.zero(accType));
  // acc (the first set) plus sets 1 .. count - 1 of `sets`.
  auto combine = [&](SmallVector<Value> acc, ArrayRef<Value> sets,
                     int64_t count) {
    for (int64_t c = 1; c < count; ++c)
      for (int64_t t = 0; t < vectors; ++t)
        acc[t] = isa<FloatType>(element)
                     ? arith::AddFOp::create(e.b, e.loc, acc[t],
                                             sets[c * vectors + t])
                           .getResult()
                     : arith::AddIOp::create(e.b, e.loc, acc[t],
                                             sets[c * vectors + t])
                           .getResult();
    return acc;
  };
  Value c1 = e.idx(1);
  if (l.kind == MatrixView::Kind::NM && chains > 1 && l.n > 1) {
    int64_t count = std::min(chains, l.n);
    auto [lo, hi] = blockRange(l, e, block, l.m);
    SmallVector<Value> first = start;
    first.append((count - 1) * vectors, e.zero(accType));
    // Packed metadata whose byte holds the slots of `unroll` whole groups
    // (2:4 with 2-bit fields: 2 groups a byte) is walked a byte at a time
    // when every block's groups come in whole bytes: one load per byte,
    // fields at constant shifts, one loop step per `unroll` groups.
    int64_t unroll = 1;
    int64_t groupBits = l.n * l.metadataBits;
    if (l.metadataBits && 8 % groupBits == 0) {
      int64_t u = 8 / groupBits, steps = l.minorExtent() / l.m;
      int64_t perBlock = block ? l.blockSize / l.m : steps;
      if (steps % u == 0 && perBlock % u == 0)
        unroll = u;
    }
    SmallVector<Value> sets = forIter(
        e, lo, hi, e.idx(unroll), first,
        [&](Emitter &e, Value g0, ValueRange it) {
          SmallVector<Value> next(it);
          Value byte;
          if (unroll > 1)
            byte = e.load(l.metadata,
                          {p, arith::DivUIOp::create(e.b, e.loc, g0,
                                                     e.idx(unroll))});
          for (int64_t u = 0; u < unroll; ++u) {
            Value g = e.add(g0, e.idx(u));
            Value base = e.mul(g, e.idx(l.m));
            Value slot0 = e.mul(g, e.idx(l.n));
            for (int64_t s = 0; s < l.n; ++s) {
              Value slot = e.add(slot0, e.idx(s));
              Value k = e.add(
                  base, byte ? l.metadataField(
                                   e, byte, (u * l.n + s) * l.metadataBits)
                             : l.metadataAt(e, p, slot));
              int64_t set = s % count;
              SmallVector<Value> part =
                  step(e, k, e.load(l.values, {p, slot}),
                       ValueRange(next).slice(set * vectors, vectors));
              std::copy(part.begin(), part.end(),
                        next.begin() + set * vectors);
            }
          }
          return next;
        });
    return combine(SmallVector<Value>(ValueRange(sets).take_front(vectors)),
                   sets, count);
  }
  if (l.kind != MatrixView::Kind::Compressed || chains == 1)
    return forEachInLineIter(l, e, p, start, step, block);
  auto [lo, hi] = lineEntries(l, e, p, block);
  // Padded blocks (padBlocks) hold a multiple of the chains: no remainder.
  bool whole = block && l.blockMultiple % chains == 0;
  Value count = arith::SubIOp::create(e.b, e.loc, hi, lo);
  Value mainEnd =
      whole ? hi
            : arith::SubIOp::create(
                  e.b, e.loc, hi,
                  arith::RemUIOp::create(e.b, e.loc, count, e.idx(chains)))
                  .getResult();
  auto entry = [&](Emitter &e, Value j) {
    return std::make_pair(e.toIndex(e.load(l.coordinates, {j})),
                          e.load(l.values, {j}));
  };
  SmallVector<Value> firstSets = start;
  firstSets.append((chains - 1) * vectors, e.zero(accType));
  SmallVector<Value> sets = forIter(
      e, lo, mainEnd, e.idx(chains), firstSets,
      [&](Emitter &e, Value j0, ValueRange it) {
        SmallVector<Value> next;
        for (int64_t c = 0; c < chains; ++c) {
          auto [k, a] = entry(e, e.add(j0, e.idx(c)));
          SmallVector<Value> part =
              step(e, k, a, it.slice(c * vectors, vectors));
          next.append(part);
        }
        return next;
      });
  SmallVector<Value> acc(ValueRange(sets).take_front(vectors));
  if (!whole)
    acc = forIter(e, mainEnd, hi, c1, acc,
                  [&](Emitter &e, Value j, ValueRange it) {
                    auto [k, a] = entry(e, j);
                    return step(e, k, a, it);
                  });
  return combine(acc, sets, chains);
}

/// Stores a register tile at out(p, q0 ..) (or out(q0 .., p)); with
/// `valid`, only the first `valid` lanes of its one vector.
void storeRegisterTile(Emitter &e, ArrayRef<Value> acc, Value out,
                       bool transposedOut, Value p, Value q0, int64_t lanes,
                       int64_t valid = 0) {
  for (int64_t t = 0; t < (int64_t)acc.size(); ++t) {
    Value q = e.add(q0, e.idx(t * lanes));
    if (lanes == 1) {
      storeOut(e, acc[t], out, p, q, transposedOut);
    } else if (!transposedOut && valid) {
      vector::MaskedStoreOp::create(e.b, e.loc, out, ValueRange{p, q},
                                    firstLanes(e, lanes, valid), acc[t]);
    } else if (!transposedOut) {
      vector::StoreOp::create(e.b, e.loc, acc[t], out, ValueRange{p, q});
    } else {
      for (int64_t i = 0; i < (valid ? valid : lanes); ++i) {
        Value lane = vector::ExtractOp::create(e.b, e.loc, acc[t], i);
        e.store(lane, out, {e.add(q, e.idx(i)), p});
      }
    }
  }
}

/// The column chunks of a dense right operand with Q columns: full register
/// tiles (a loop), then the remaining whole vectors, then one vector of
/// which only the first `valid` lanes exist (masked loads and stores; with
/// 1 lane: none). `chunk(e, q0, vectors, lanes, valid)` emits one chunk
/// (valid 0: every lane).
void forEachColumnChunk(
    Emitter &e, int64_t q, const KernelOptions &options,
    function_ref<void(Emitter &, Value, int64_t, int64_t, int64_t)> chunk) {
  int64_t lanes = options.lanes, tile = options.tile * lanes;
  int64_t fullTiles = q / tile * tile, fullVectors = q / lanes * lanes;
  if (fullTiles)
    e.forLoop(e.idx(0), e.idx(fullTiles), e.idx(tile), [&](Emitter &e, Value q0) {
      chunk(e, q0, options.tile, lanes, 0);
    });
  if (fullVectors > fullTiles)
    chunk(e, e.idx(fullTiles), (fullVectors - fullTiles) / lanes, lanes, 0);
  if (q > fullVectors)
    chunk(e, e.idx(fullVectors), 1, lanes, q - fullVectors);
}

/// The blocking of the row kernels (withMinorBlocks), tuned by a sweep on
/// the 128 x 1024 x 1024 layer at 70%, 90%, 95% and 2:4 (bench/README.md,
/// docs/dataflow.md "K-blocking"):
/// - a block of R's rows takes at most kL1Bytes (it stays in the L1 data
///   cache, 32-48 KiB on x86-64 cores) unless the lines of L are so sparse
///   that a block would hold fewer than kMinBlockEntries entries of a line
///   (each block of a line costs a reload of its partial tile and a loop
///   exit), which may quadruple it: with R's rows padded off the 512-byte
///   strides (paddedRowStride) such a block streams from L2 without
///   conflicts, and fewer, longer blocks won (fc1024 f32 90%: 256 rows of
///   R per block, 8% faster than 128; 95%: 10-18%; 2:4 keeps 64);
/// - a block of rows of L takes as many rows as fit, with the L1-sized part
///   of R's block (at most twice kL1Bytes), in kBlockBytes (their partial
///   tiles stay in L1 / L2 between blocks), at most kMaxBlockRows.
constexpr int64_t kL1Bytes = 32 * 1024;
constexpr int64_t kMinBlockEntries = 24;
constexpr int64_t kBlockBytes = 80 * 1024;
constexpr int64_t kMaxBlockRows = 128;

/// With constant values too, stores the blocked view `v` of `l` again with
/// each block of each line padded to a multiple of `multiple` entries (the
/// accumulator chains of computeRegisterTile's full tiles):
/// zeros at the block's last coordinate (a row of R the block reads
/// anyway), so the multiply-adds of a block need no remainder loop (one
/// mispredicted loop exit less per block, for a few zero multiply-adds).
/// `starts` (lines x (blocks + 1)) is rewritten for the padded entries;
/// unchanged when a part is not a readable constant.
static void padBlocks(Emitter &e, const MatrixView &l, MatrixView &v,
                      const RawConstant &crd, int64_t lines, int64_t blocks,
                      int64_t multiple, SmallVector<int64_t> &starts) {
  if (multiple < 2)
    return;
  std::optional<RawConstant> vals = readConstantBuffer(l.values);
  auto valType = cast<MemRefType>(l.values.getType());
  auto crdType = cast<MemRefType>(l.coordinates.getType());
  auto posType = cast<MemRefType>(l.positions.getType());
  Type valElement = valType.getElementType();
  if (!vals || vals->splat || vals->count != crd.count ||
      valType.getRank() != 1 || crdType.getRank() != 1 ||
      !valElement.isIntOrFloat() ||
      valElement.getIntOrFloatBitWidth() != 8 * vals->elementBytes ||
      crdType.getElementTypeBitWidth() != 8 * crd.elementBytes ||
      posType.getElementTypeBitWidth() < 32)
    return;
  std::vector<char> newVals, newCrd, newPos;
  SmallVector<int64_t> newStarts;
  newStarts.reserve(starts.size());
  int64_t count = 0;
  auto append = [](std::vector<char> &to, const char *from, int64_t n) {
    to.insert(to.end(), from, from + n);
  };
  auto appendInt = [](std::vector<char> &to, uint64_t value, int64_t n) {
    for (int64_t i = 0; i < n; ++i)
      to.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
  };
  int64_t posBytes = posType.getElementTypeBitWidth() / 8;
  for (int64_t p = 0; p < lines; ++p) {
    appendInt(newPos, count, posBytes);
    for (int64_t b = 0; b < blocks; ++b) {
      int64_t lo = starts[p * (blocks + 1) + b];
      int64_t hi = starts[p * (blocks + 1) + b + 1];
      newStarts.push_back(count);
      for (int64_t j = lo; j < hi; ++j) {
        append(newVals, vals->at(j), vals->elementBytes);
        append(newCrd, crd.at(j), crd.elementBytes);
      }
      count += hi - lo;
      for (int64_t j = (hi - lo) % multiple; j && j < multiple;
           ++j, ++count) {
        newVals.insert(newVals.end(), vals->elementBytes, 0);
        append(newCrd, crd.at(hi - 1), crd.elementBytes);
      }
    }
    newStarts.push_back(count);
  }
  appendInt(newPos, count, posBytes);
  if (count >= (int64_t(1) << (posBytes * 8 - 1)))
    return;
  v.values = constantBuffer(e, RankedTensorType::get({count}, valElement),
                            newVals);
  v.coordinates = constantBuffer(
      e, RankedTensorType::get({count}, crdType.getElementType()), newCrd);
  v.positions = constantBuffer(
      e, RankedTensorType::get({lines + 1}, posType.getElementType()), newPos);
  v.blockMultiple = multiple;
  starts = std::move(newStarts);
}

/// `l` blocked along its minor axis (K) so that the rows of R one block
/// reads, `width` columns each, stay in cache (blockSize, a power of two and
/// a multiple of an N:M view's group; blockRows, a multiple of `rowUnit`);
/// for a compressed view whose positions and coordinates are constants,
/// blockPositions are computed here, in the compiler. Unchanged (blockSize
/// 0) when a single block holds K, or L is neither N:M nor compressed with
/// constant, sorted coordinates: then the rows of R are read from L2
/// instead, which is slower but exact.
MatrixView withMinorBlocks(Emitter &e, const MatrixView &l,
                           const MatrixView &r, const KernelOptions &options,
                           Type accumulator, int64_t rowUnit) {
  MatrixView v = l;
  int64_t width = options.tile * options.lanes;
  if (!options.kBlocking || l.major != MajorAxis::Rows)
    return v;
  Type rElement = cast<MemRefType>(r.values.getType()).getElementType();
  int64_t rowBytes =
      width * std::max<int64_t>(1, rElement.getIntOrFloatBitWidth() / 8);
  int64_t minor = l.minorExtent(), lines = l.majorExtent();
  // Fraction of stored entries per line, and the block size it asks for.
  auto sizeFor = [&](double density) {
    auto floorPow2 = [](int64_t x) {
      return static_cast<int64_t>(llvm::bit_floor(
          static_cast<uint64_t>(std::max<int64_t>(1, x))));
    };
    int64_t l1 = floorPow2(kL1Bytes / rowBytes);
    int64_t sparse = static_cast<int64_t>(llvm::bit_ceil(static_cast<uint64_t>(
        std::max(1.0, kMinBlockEntries / std::max(density, 1e-9)))));
    int64_t size = std::max(l1, std::min(sparse, 4 * l1));
    int64_t accBytes =
        std::max<int64_t>(1, accumulator.getIntOrFloatBitWidth() / 8);
    int64_t rows = (kBlockBytes - std::min(size, 2 * l1) * rowBytes) /
                   (width * accBytes);
    rows = std::min(kMaxBlockRows, floorPow2(rows)) / rowUnit * rowUnit;
    if (options.kBlockRows)
      rows = (options.kBlockRows + rowUnit - 1) / rowUnit * rowUnit;
    v.blockRows = std::max(rowUnit, rows);
    return options.kBlockSize ? options.kBlockSize : size;
  };
  if (l.kind == MatrixView::Kind::NM) {
    int64_t size = sizeFor(double(l.n) / double(l.m));
    size = options.kBlockSize ? (size + l.m - 1) / l.m * l.m
                              : size / l.m * l.m;
    if (size == 0 || minor <= size || minor % l.m != 0)
      return l;
    v.blockSize = size;
    return v;
  }
  if (l.kind != MatrixView::Kind::Compressed)
    return l;
  auto isInteger = [](Value m) {
    return isa<IntegerType>(cast<MemRefType>(m.getType()).getElementType());
  };
  if (!isInteger(l.positions) || !isInteger(l.coordinates))
    return l;
  std::optional<RawConstant> pos = readConstantBuffer(l.positions);
  std::optional<RawConstant> crd = readConstantBuffer(l.coordinates);
  if (!pos || !crd || pos->splat || pos->count != lines + 1 || lines == 0)
    return l;
  int64_t size = sizeFor(double(pos->unsignedAt(lines)) /
                         (double(lines) * double(std::max<int64_t>(1, minor))));
  if (minor <= size)
    return l;
  int64_t blocks = (minor + size - 1) / size;
  SmallVector<int64_t> starts;
  starts.reserve(lines * (blocks + 1));
  for (int64_t p = 0; p < lines; ++p) {
    uint64_t j = pos->unsignedAt(p), end = pos->unsignedAt(p + 1);
    if (end < j || static_cast<int64_t>(end) > crd->count)
      return l;
    uint64_t previous = 0;
    for (int64_t b = 0; b < blocks; ++b) {
      starts.push_back(static_cast<int64_t>(j));
      for (; j < end; ++j) {
        uint64_t c = crd->unsignedAt(j);
        // Blocks need each line's coordinates ascending and in range.
        if ((j > pos->unsignedAt(p) && c <= previous) ||
            c >= static_cast<uint64_t>(minor))
          return l;
        if (c >= static_cast<uint64_t>((b + 1) * size))
          break;
        previous = c;
      }
    }
    starts.push_back(static_cast<int64_t>(end));
  }
  padBlocks(e, l, v, *crd, lines, blocks,
            accumulatorChains(options.lanes, options.tile), starts);
  bool narrow = starts.empty() || starts.back() < (int64_t(1) << 31);
  Type index = narrow ? e.b.getI32Type() : e.b.getI64Type();
  auto type = RankedTensorType::get({static_cast<int64_t>(starts.size())},
                                    index);
  SmallVector<APInt> data;
  data.reserve(starts.size());
  for (int64_t s : starts)
    data.push_back(APInt(narrow ? 32 : 64, s));
  Value constant = arith::ConstantOp::create(
      e.b, e.loc, DenseElementsAttr::get(type, data));
  v.blockPositions = bufferization::ToBufferOp::create(
      e.b, e.loc, MemRefType::get(type.getShape(), index), constant,
      /*read_only=*/true);
  v.blockSize = size;
  return v;
}

/// Loads a register tile stored by storeRegisterTile at buf(p, q0 ..).
SmallVector<Value> loadRegisterTile(Emitter &e, Value buf, Value p, Value q0,
                                    int64_t vectors, int64_t lanes,
                                    int64_t valid = 0) {
  Type element = cast<MemRefType>(buf.getType()).getElementType();
  SmallVector<Value> tile;
  for (int64_t t = 0; t < vectors; ++t) {
    Value q = e.add(q0, e.idx(t * lanes));
    tile.push_back(lanes == 1 ? e.load(buf, {p, q})
                   : valid ? maskedLoad(e, VectorType::get({lanes}, element),
                                        buf, {p, q}, valid)
                              : vector::LoadOp::create(
                                    e.b, e.loc,
                                    VectorType::get({lanes}, element), buf,
                                    ValueRange{p, q})
                                    .getResult());
  }
  return tile;
}

/// The register tiles of rows pb .. pb + rows of L, written with
/// `store(e, p, tile)`: unblocked, one pass over each line; K-blocked (a
/// blocked `l`), for each minor block: for each row, the partial tile
/// reloaded with `load(e, p)`, advanced by the block's entries and stored
/// back, so a block of R's rows serves all the rows while it is in L1.
void emitRowBlock(
    Emitter &e, const MatrixView &l, const MatrixView &r, Type element,
    Value pb, int64_t rows, Value q0, int64_t vectors, int64_t lanes,
    int64_t valid, function_ref<SmallVector<Value>(Emitter &, Value)> load,
    function_ref<void(Emitter &, Value, ArrayRef<Value>)> store) {
  auto pass = [&](Emitter &e, Value block, bool accumulate) {
    e.forLoop(0, rows, [&](Emitter &e, Value pi) {
      Value p = e.add(pb, pi);
      SmallVector<Value> init;
      if (accumulate)
        init = load(e, p);
      store(e, p,
            computeRegisterTile(e, l, r, element, p, q0, vectors, lanes,
                                init, block, valid));
    });
  };
  if (!l.blockSize) {
    pass(e, Value(), false);
    return;
  }
  pass(e, e.idx(0), false);
  e.forLoop(1, l.minorBlocks(),
            [&](Emitter &e, Value block) { pass(e, block, true); });
}

/// Row-wise / inner product with a dense right operand: for p: for q tiles:
/// for (k, a) in L[p, :]: acc += a * R[k, tile]. With an output that is not
/// transposed and an L that can be blocked along K (withMinorBlocks), rows
/// go in blocks (MatrixView::blockRows) whose partial tiles accumulate in
/// `out`.
void emitSparseDenseRows(Emitter &e, const MatrixView &l, const MatrixView &r,
                         Value out, bool transposedOut,
                         const KernelOptions &options, int64_t firstRow = 0) {
  Type element = cast<MemRefType>(out.getType()).getElementType();
  MatrixView blocked =
      transposedOut ? l : withMinorBlocks(e, l, r, options, element, 1);
  int64_t rows = blocked.blockRows;
  int64_t blockedEnd = blocked.blockSize
                           ? firstRow + (l.rows - firstRow) / rows * rows
                           : firstRow;
  // Column chunks outside rows: the panel of R a chunk reads stays in cache
  // while every row of L is walked.
  forEachColumnChunk(
      e, r.cols, options,
      [&](Emitter &e, Value q0, int64_t vectors, int64_t lanes,
          int64_t valid) {
        outerLoop(e, firstRow, blockedEnd, rows, options.parallel,
                  [&](Emitter &e, Value pb) {
                    emitRowBlock(
                        e, blocked, r, element, pb, rows, q0, vectors,
                        lanes, valid,
                        [&](Emitter &e, Value p) {
                          return loadRegisterTile(e, out, p, q0, vectors,
                                                  lanes, valid);
                        },
                        [&](Emitter &e, Value p, ArrayRef<Value> acc) {
                          storeRegisterTile(e, acc, out, false, p, q0, lanes,
                                            valid);
                        });
                  });
        outerLoop(e, blockedEnd, l.rows, 1, options.parallel,
                  [&](Emitter &e, Value p) {
                    SmallVector<Value> acc = computeRegisterTile(
                        e, l, r, element, p, q0, vectors, lanes, {}, {},
                        valid);
                    storeRegisterTile(e, acc, out, transposedOut, p, q0,
                                      lanes, valid);
                  });
      });
}

/// Rows [lo, hi) of the transposed-output kernel, `rows` at a time (a
/// multiple of the vector lanes): the register tiles of a block of rows are
/// parked in a stack buffer and written to out as lanes x lanes blocks
/// transposed in registers, so every store to out is a vector store along p.
/// A K-blocked `l` accumulates its partial tiles in the same buffer.
void emitTransposedRowBlocks(Emitter &e, const MatrixView &l,
                             const MatrixView &r, Value out,
                             const KernelOptions &options, int64_t lo,
                             int64_t hi, int64_t rows, Value finalOut) {
  if (lo >= hi)
    return;
  int64_t lanes = options.lanes, width = options.tile * lanes;
  Type element = cast<MemRefType>(out.getType()).getElementType();
  auto vecType = VectorType::get({lanes}, element);
  // The outputs' destination: out, or the integer finalOut (fptosi on the
  // way: exact float accumulation, every sum an integer <= 2^24).
  Value dest = finalOut ? finalOut : out;
  Type destElement = cast<MemRefType>(dest.getType()).getElementType();
  auto final = [&](Emitter &e, Value v) {
    if (!finalOut)
      return v;
    Type to = destElement;
    if (auto vec = dyn_cast<VectorType>(v.getType()))
      to = VectorType::get(vec.getShape(), destElement);
    return arith::FPToSIOp::create(e.b, e.loc, to, v).getResult();
  };
  // The parking buffer, allocated once outside the loops (an alloca in a
  // loop would grow the stack every iteration); with parallel loops one
  // slice per block of rows, so the threads share nothing.
  int64_t scratchRows = options.parallel ? hi - lo : rows;
  Value scratch = allocBuffer(
      e, MemRefType::get({scratchRows, width}, element), options.stack);
  forEachColumnChunk(e, r.cols, options, [&](Emitter &e, Value q0,
                                             int64_t vectors,
                                             int64_t chunkLanes,
                                             int64_t valid) {
    outerLoop(e, lo, hi, rows, options.parallel, [&](Emitter &se, Value pb) {
      // Row of the parking buffer of row p (of this block).
      Value base = options.parallel
                       ? arith::SubIOp::create(se.b, se.loc, pb, se.idx(lo))
                             .getResult()
                       : se.idx(0);
      auto slot = [&](Emitter &e, Value p) {
        return e.add(base, arith::SubIOp::create(e.b, e.loc, p, pb));
      };
      emitRowBlock(
          se, l, r, element, pb, rows, q0, vectors, chunkLanes, valid,
          [&](Emitter &e, Value p) {
            return loadRegisterTile(e, scratch, slot(e, p), e.idx(0), vectors,
                                    chunkLanes);
          },
          [&](Emitter &e, Value p, ArrayRef<Value> acc) {
            storeRegisterTile(e, acc, scratch, /*transposedOut=*/false,
                              slot(e, p), e.idx(0), chunkLanes);
          });
      // The groups of `lanes` rows (of out's columns) of this block.
      auto group = [&](Emitter &ge, Value g) {
        return ge.add(pb, ge.mul(g, ge.idx(lanes)));
      };
      if (chunkLanes == 1) {
        se.forLoop(0, rows / lanes, [&](Emitter &ge, Value g) {
          Value pg = group(ge, g);
          for (int64_t j = 0; j < vectors; ++j)
            for (int64_t i = 0; i < lanes; ++i)
              ge.store(final(ge, ge.load(scratch,
                                         {slot(ge, ge.add(pg, ge.idx(i))),
                                          ge.idx(j)})),
                       dest, {ge.add(q0, ge.idx(j)), ge.add(pg, ge.idx(i))});
        });
        return;
      }
      // Tile column t outer, groups inner: the `rows` values this block
      // writes into each row of out are then stored back to back (whole
      // cache lines one after the other; group by group, each row of out
      // got one line per group, 4 KiB apart from the previous store: 1.4x
      // slower in a microbenchmark of this loop; docs/dataflow.md, "The
      // transposes of the C^T orientation").
      se.forLoop(se.idx(0), se.idx(vectors * lanes), se.idx(lanes),
                 [&](Emitter &te, Value tq) {
        te.forLoop(0, rows / lanes, [&](Emitter &ge, Value g) {
          Value pg = group(ge, g);
          SmallVector<Value> tileRows;
          for (int64_t i = 0; i < lanes; ++i)
            tileRows.push_back(vector::LoadOp::create(
                ge.b, ge.loc, vecType, scratch,
                ValueRange{slot(ge, ge.add(pg, ge.idx(i))), tq}));
          SmallVector<Value> cols = transposeInRegisters(ge, tileRows);
          // A tail chunk's lanes from `valid` on are past the output.
          Value qt = ge.add(q0, tq);
          for (int64_t j = 0; j < (valid ? valid : lanes); ++j)
            vector::StoreOp::create(ge.b, ge.loc, final(ge, cols[j]), dest,
                                    ValueRange{ge.add(qt, ge.idx(j)), pg});
        });
      });
    });
  });
  if (isHeapBuffer(scratch))
    memref::DeallocOp::create(e.b, e.loc, scratch);
}

/// The same with a transposed output (out indexed [q, p], the C^T = B^T *
/// A^T orientation): rows of L in blocks (emitTransposedRowBlocks) of
/// MatrixView::blockRows rows when L is blocked along K, else of `lanes`
/// rows; rows past the last full block of `lanes` use the per-row loop.
void emitSparseDenseRowsTransposed(Emitter &e, const MatrixView &l,
                                   const MatrixView &r, Value out,
                                   const KernelOptions &options) {
  int64_t lanes = options.lanes;
  int64_t fullP = lanes > 1 ? l.rows / lanes * lanes : 0;
  Type element = cast<MemRefType>(out.getType()).getElementType();
  MatrixView blocked = withMinorBlocks(e, l, r, options, element, lanes);
  int64_t rows = blocked.blockRows;
  int64_t blockedP = blocked.blockSize && fullP ? fullP / rows * rows : 0;
  // Every row in a block: the blocks may store the final outputs.
  Value finalOut;
  if (options.finalOut && options.finalWritten && fullP == l.rows &&
      isa<FloatType>(element)) {
    finalOut = options.finalOut;
    *options.finalWritten = true;
  }
  emitTransposedRowBlocks(e, blocked, r, out, options, 0, blockedP, rows,
                          finalOut);
  emitTransposedRowBlocks(e, l, r, out, options, blockedP, fullP, lanes,
                          finalOut);
  if (fullP < l.rows)
    emitSparseDenseRows(e, l, r, out, /*transposedOut=*/true, options, fullP);
}

/// out[p, :] += a * R[k, :] vectorized along q (out row-major); `a` is
/// already in the accumulator type.
void emitAxpyRow(Emitter &e, Value a, const MatrixView &r, Value k, Value out,
                 Value p, int64_t lanes) {
  Type element = cast<MemRefType>(out.getType()).getElementType();
  Type rElement = cast<MemRefType>(r.values.getType()).getElementType();
  auto vecType = VectorType::get({lanes}, element);
  int64_t q = r.cols, full = q / lanes * lanes;
  if (full) {
    Value splat = vector::BroadcastOp::create(e.b, e.loc, vecType, a);
    e.forLoop(e.idx(0), e.idx(full), e.idx(lanes), [&](Emitter &e, Value q0) {
      Value x = vector::LoadOp::create(
          e.b, e.loc, VectorType::get({lanes}, rElement), r.values,
          ValueRange{k, q0});
      Value o = vector::LoadOp::create(e.b, e.loc, vecType, out,
                                       ValueRange{p, q0});
      vector::StoreOp::create(e.b, e.loc,
                              e.mac(splat, r.widen(e, x, element), o), out,
                              ValueRange{p, q0});
    });
  }
  e.forLoop(full, q, [&](Emitter &e, Value qi) {
    Value x = r.widen(e, e.load(r.values, {k, qi}), element);
    e.store(e.mac(a, x, e.load(out, {p, qi})), out, {p, qi});
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
        Value prod =
            ie.mac(l.widen(ie, ie.load(l.values, {args[0]}), element),
                   r.widen(ie, ie.load(r.values, {args[1]}), element),
                   ie.zero(element));
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

bool productWritesEveryOutput(Dataflow dataflow, const MatrixView &l,
                              const MatrixView &r, bool transposedOut) {
  // The dense GEMM, inner (register tiles, merge or bitmap join) and
  // row-wise with a dense R store every output.
  if (canEmitDenseGemm(l, r, transposedOut))
    return true;
  return dataflow == Dataflow::Inner ||
         (r.kind == MatrixView::Kind::Dense && dataflow != Dataflow::Outer);
}

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
  if (canEmitDenseGemm(l, r, transposedOut)) {
    // Both operands dense: every dataflow visits every (p, q, k); the
    // cache-blocked GEMM is the fast order.
    emitDenseGemm(e, l, r, out, options);
    return;
  }
  if (denseR && dataflow != Dataflow::Outer) {
    if (transposedOut)
      emitSparseDenseRowsTransposed(e, l, r, out, options);
    else
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
        emitAxpyRow(e, l.widen(e, a, element), r, k, target, p,
                    options.lanes);
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
  case Dataflow::Dense: // (decompressed operands take the dense GEMM above)
    // for p: for (k, a) in L[p, :]: for (q, b) in R[k, :]: out[p, q] += a*b.
    outerLoop(e, l.rows, options.parallel, [&](Emitter &e, Value p) {
      l.forEachInLine(e, p, [&](Emitter &e, Value k, Value a) {
        r.forEachInLine(e, k, [&](Emitter &e, Value q, Value bv) {
          accumulateOut(e,
                        e.mac(l.widen(e, a, element), r.widen(e, bv, element),
                              e.zero(element)),
                        out, p, q, transposedOut);
        });
      });
    });
    return;
  case Dataflow::Outer:
    // for k: for (p, a) in L[:, k]: for (q, b) in R[k, :]: out[p, q] += a*b.
    e.forLoop(0, l.cols, [&](Emitter &e, Value k) {
      l.forEachInLine(e, k, [&](Emitter &e, Value p, Value a) {
        r.forEachInLine(e, k, [&](Emitter &e, Value q, Value bv) {
          accumulateOut(e,
                        e.mac(l.widen(e, a, element), r.widen(e, bv, element),
                              e.zero(element)),
                        out, p, q, transposedOut);
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
