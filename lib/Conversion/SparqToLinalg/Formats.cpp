//===- Formats.cpp - Pack / unpack code emitted by sparq-to-linalg --------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// Tensor-level loops that build the arrays of each storage format from a
// dense matrix (two passes: count, then fill into tensors sized by the count)
// and expand them back. Tensors of rank > 2 are viewed as the matrix
// [rows, cols] of EncodingAttr::getMatrixShape through collapse/expand_shape.
// Bufferization turns the tensor.insert chains into in-place stores.
//
//===----------------------------------------------------------------------===//

#include "CompressedBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;

namespace sparq::lowering {
namespace {

/// Small helpers over one builder and location.
struct Emitter {
  OpBuilder &b;
  Location loc;

  Value idx(int64_t v) const {
    return arith::ConstantIndexOp::create(b, loc, v);
  }
  Value intConst(Type type, int64_t v) const {
    return arith::ConstantIntOp::create(b, loc, type, v);
  }
  Value add(Value x, Value y) const {
    return arith::AddIOp::create(b, loc, x, y);
  }
  Value mul(Value x, Value y) const {
    return arith::MulIOp::create(b, loc, x, y);
  }
  Value extract(Value t, ValueRange at) const {
    return tensor::ExtractOp::create(b, loc, t, at);
  }
  Value insert(Value v, Value t, ValueRange at) const {
    return tensor::InsertOp::create(b, loc, v, t, at);
  }
  /// Index -> stored index integer type.
  Value toStored(Value index, Type type) const {
    return arith::IndexCastOp::create(b, loc, type, index);
  }
  /// Stored (unsigned) index integer -> index.
  Value toIndex(Value stored) const {
    return arith::IndexCastUIOp::create(b, loc, b.getIndexType(), stored);
  }
  Value select(Value c, Value x, Value y) const {
    return arith::SelectOp::create(b, loc, c, x, y);
  }
  Value empty(ArrayRef<int64_t> shape, Type element,
              ValueRange dynamic = {}) const {
    return tensor::EmptyOp::create(b, loc, shape, element, dynamic);
  }
};

using LoopBody = function_ref<SmallVector<Value>(Emitter &, Value, ValueRange)>;

/// scf.for %iv = lb to ub with `init`; `body` returns the yielded values.
SmallVector<Value> forLoop(Emitter &e, Value lb, Value ub, ValueRange init,
                           LoopBody body) {
  auto loop = scf::ForOp::create(
      e.b, e.loc, lb, ub, e.idx(1), init,
      [&](OpBuilder &b, Location loc, Value iv, ValueRange iter) {
        Emitter inner{b, loc};
        scf::YieldOp::create(b, loc, body(inner, iv, iter));
      });
  return SmallVector<Value>(loop.getResults());
}

/// scf.if yielding `then()` or `otherwise` unchanged.
SmallVector<Value> ifThen(Emitter &e, Value cond,
                          function_ref<SmallVector<Value>(Emitter &)> then,
                          ValueRange otherwise) {
  auto op = scf::IfOp::create(
      e.b, e.loc, cond,
      [&](OpBuilder &b, Location loc) {
        Emitter inner{b, loc};
        scf::YieldOp::create(b, loc, then(inner));
      },
      [&](OpBuilder &b, Location loc) {
        scf::YieldOp::create(b, loc, otherwise);
      });
  return SmallVector<Value>(op.getResults());
}

/// The reassociation that views a rank-r tensor as [rows, cols].
SmallVector<ReassociationIndices> matrixReassociation(int64_t rank,
                                                      unsigned rowDims) {
  ReassociationIndices rows, cols;
  for (int64_t d = 0; d < rank; ++d)
    (d < rowDims ? rows : cols).push_back(d);
  return {rows, cols};
}

Value collapseToMatrix(Emitter &e, Value v, unsigned rowDims) {
  auto type = cast<RankedTensorType>(v.getType());
  if (type.getRank() == 2)
    return v;
  return tensor::CollapseShapeOp::create(
      e.b, e.loc, v, matrixReassociation(type.getRank(), rowDims));
}

Value expandFromMatrix(Emitter &e, Value m, RankedTensorType type,
                       unsigned rowDims) {
  if (type.getRank() == 2)
    return m;
  return tensor::ExpandShapeOp::create(
      e.b, e.loc, type, m, matrixReassociation(type.getRank(), rowDims));
}

/// Value part, positions and coordinates of CSR (rows) or CSC (columns).
SmallVector<Value> packCompressed(Emitter &e, Value dense, Value mask,
                                  bool byRows, Type posType, Type crdType) {
  auto type = cast<RankedTensorType>(dense.getType());
  int64_t rows = type.getDimSize(0), cols = type.getDimSize(1);
  int64_t outer = byRows ? rows : cols, inner = byRows ? cols : rows;
  Value c0 = e.idx(0), c1 = e.idx(1), cOuter = e.idx(outer),
        cInner = e.idx(inner);
  auto at = [&](Value o, Value i) {
    return byRows ? SmallVector<Value>{o, i} : SmallVector<Value>{i, o};
  };
  Value pos = e.empty({outer + 1}, posType);
  pos = e.insert(e.intConst(posType, 0), pos, {c0});
  // Pass 1: positions[o + 1] = number of nonzeros in lines 0..o.
  SmallVector<Value> counted = forLoop(
      e, c0, cOuter, {pos, c0}, [&](Emitter &e, Value o, ValueRange iter) {
        Value count = forLoop(
            e, c0, cInner, {iter[1]}, [&](Emitter &e, Value i, ValueRange it) {
              Value nz = e.extract(mask, at(o, i));
              return SmallVector<Value>{e.add(it[0], e.select(nz, c1, c0))};
            })[0];
        Value next =
            e.insert(e.toStored(count, posType), iter[0], {e.add(o, c1)});
        return SmallVector<Value>{next, count};
      });
  Value nnz = counted[1];
  Value values = e.empty({ShapedType::kDynamic}, type.getElementType(), nnz);
  Value crd = e.empty({ShapedType::kDynamic}, crdType, nnz);
  // Pass 2: copy the nonzeros and their inner coordinates in order.
  SmallVector<Value> filled = forLoop(
      e, c0, cOuter, {values, crd, c0},
      [&](Emitter &e, Value o, ValueRange iter) {
        return forLoop(
            e, c0, cInner, iter, [&](Emitter &e, Value i, ValueRange it) {
              Value nz = e.extract(mask, at(o, i));
              return ifThen(
                  e, nz,
                  [&](Emitter &e) {
                    Value v = e.extract(dense, at(o, i));
                    return SmallVector<Value>{
                        e.insert(v, it[0], {it[2]}),
                        e.insert(e.toStored(i, crdType), it[1], {it[2]}),
                        e.add(it[2], c1)};
                  },
                  it);
            });
      });
  return {filled[0], counted[0], filled[1]};
}

/// Number of nonzeros of the whole matrix.
Value countNonzeros(Emitter &e, Value mask) {
  auto type = cast<RankedTensorType>(mask.getType());
  Value c0 = e.idx(0), c1 = e.idx(1);
  return forLoop(e, c0, e.idx(type.getDimSize(0)), {c0},
                 [&](Emitter &e, Value i, ValueRange iter) {
                   return forLoop(e, c0, e.idx(type.getDimSize(1)), iter,
                                  [&](Emitter &e, Value j, ValueRange it) {
                                    Value nz = e.extract(mask, {i, j});
                                    return SmallVector<Value>{
                                        e.add(it[0], e.select(nz, c1, c0))};
                                  });
                 })[0];
}

SmallVector<Value> packCoo(Emitter &e, Value dense, Value mask, Type crdType) {
  auto type = cast<RankedTensorType>(dense.getType());
  Value c0 = e.idx(0), c1 = e.idx(1);
  Value nnz = countNonzeros(e, mask);
  Value values = e.empty({ShapedType::kDynamic}, type.getElementType(), nnz);
  Value crd = e.empty({ShapedType::kDynamic, 2}, crdType, nnz);
  SmallVector<Value> filled = forLoop(
      e, c0, e.idx(type.getDimSize(0)), {values, crd, c0},
      [&](Emitter &e, Value i, ValueRange iter) {
        return forLoop(
            e, c0, e.idx(type.getDimSize(1)), iter,
            [&](Emitter &e, Value j, ValueRange it) {
              Value nz = e.extract(mask, {i, j});
              return ifThen(
                  e, nz,
                  [&](Emitter &e) {
                    Value v = e.extract(dense, {i, j});
                    Value c =
                        e.insert(e.toStored(i, crdType), it[1], {it[2], c0});
                    c = e.insert(e.toStored(j, crdType), c, {it[2], c1});
                    return SmallVector<Value>{e.insert(v, it[0], {it[2]}), c,
                                              e.add(it[2], c1)};
                  },
                  it);
            });
      });
  return {filled[0], filled[1]};
}

SmallVector<Value> packBitmap(Emitter &e, Value dense, Value mask) {
  auto type = cast<RankedTensorType>(dense.getType());
  int64_t rows = type.getDimSize(0), cols = type.getDimSize(1);
  int64_t words = (cols + 63) / 64;
  Type i64 = e.b.getI64Type();
  Value c0 = e.idx(0), c1 = e.idx(1), c64 = e.idx(64);
  Value bitmap = e.empty({rows, words}, i64);
  bitmap = linalg::FillOp::create(e.b, e.loc, e.intConst(i64, 0), bitmap)
               .getResult(0);
  // Pass 1: set bit j % 64 of word j / 64 for every nonzero; count them.
  SmallVector<Value> counted = forLoop(
      e, c0, e.idx(rows), {bitmap, c0},
      [&](Emitter &e, Value i, ValueRange iter) {
        return forLoop(
            e, c0, e.idx(cols), iter, [&](Emitter &e, Value j, ValueRange it) {
              Value nz = e.extract(mask, {i, j});
              return ifThen(
                  e, nz,
                  [&](Emitter &e) {
                    Value w = arith::DivUIOp::create(e.b, e.loc, j, c64);
                    Value bit = arith::RemUIOp::create(e.b, e.loc, j, c64);
                    Value word = e.extract(it[0], {i, w});
                    Value one = e.intConst(i64, 1);
                    Value shifted = arith::ShLIOp::create(
                        e.b, e.loc, one,
                        arith::IndexCastOp::create(e.b, e.loc, i64, bit));
                    word = arith::OrIOp::create(e.b, e.loc, word, shifted);
                    return SmallVector<Value>{e.insert(word, it[0], {i, w}),
                                              e.add(it[1], c1)};
                  },
                  it);
            });
      });
  Value nnz = counted[1];
  Value values = e.empty({ShapedType::kDynamic}, type.getElementType(), nnz);
  // Pass 2: the nonzero values in row-major order.
  values = forLoop(e, c0, e.idx(rows), {values, c0},
                   [&](Emitter &e, Value i, ValueRange iter) {
                     return forLoop(e, c0, e.idx(cols), iter,
                                    [&](Emitter &e, Value j, ValueRange it) {
                                      Value nz = e.extract(mask, {i, j});
                                      return ifThen(
                                          e, nz,
                                          [&](Emitter &e) {
                                            Value v = e.extract(dense, {i, j});
                                            return SmallVector<Value>{
                                                e.insert(v, it[0], {it[1]}),
                                                e.add(it[1], c1)};
                                          },
                                          it);
                                    });
                   })[0];
  return {values, counted[0]};
}

SmallVector<Value> packNM(Emitter &e, Value dense, Value mask,
                          EncodingAttr encoding) {
  auto type = cast<RankedTensorType>(dense.getType());
  int64_t rows = type.getDimSize(0), cols = type.getDimSize(1);
  int64_t n = encoding.getN(), m = encoding.getM();
  int64_t kept = cols / m * n;
  Type metaType = e.b.getIntegerType(encoding.getMetaWidth());
  Value c0 = e.idx(0), c1 = e.idx(1), cn = e.idx(n), cm = e.idx(m);
  Value values = e.empty({rows, kept}, type.getElementType());
  Value meta = e.empty({rows, kept}, metaType);
  std::string message =
      llvm::formatv("sparq.pack: a group of {0} columns holds more than {1} "
                    "nonzeros, which nm<{1}, {0}> cannot store",
                    m, n)
          .str();
  SmallVector<Value> filled = forLoop(
      e, c0, e.idx(rows), {values, meta},
      [&](Emitter &e, Value i, ValueRange iter) {
        return forLoop(
            e, c0, e.idx(cols / m), iter,
            [&](Emitter &e, Value g, ValueRange it) {
              Value base = e.mul(g, cm);
              Value count = forLoop(
                  e, c0, cm, {c0}, [&](Emitter &e, Value p, ValueRange c) {
                    Value nz = e.extract(mask, {i, e.add(base, p)});
                    return SmallVector<Value>{
                        e.add(c[0], e.select(nz, c1, c0))};
                  })[0];
              Value fits = arith::CmpIOp::create(
                  e.b, e.loc, arith::CmpIPredicate::ule, count, cn);
              cf::AssertOp::create(e.b, e.loc, fits, message);
              // Keep every nonzero and the first (N - count) zeros, in
              // ascending position: the slots come out sorted.
              Value padding = arith::SubIOp::create(e.b, e.loc, cn, count);
              Value slotBase = e.mul(g, cn);
              SmallVector<Value> init{it[0], it[1], c0, c0};
              SmallVector<Value> group = forLoop(
                  e, c0, cm, init, [&](Emitter &e, Value p, ValueRange s) {
                    Value col = e.add(base, p);
                    Value nz = e.extract(mask, {i, col});
                    Value padFree = arith::CmpIOp::create(
                        e.b, e.loc, arith::CmpIPredicate::ult, s[3], padding);
                    Value take = arith::OrIOp::create(e.b, e.loc, nz, padFree);
                    return ifThen(
                        e, take,
                        [&](Emitter &e) {
                          Value slot = e.add(slotBase, s[2]);
                          Value v = e.extract(dense, {i, col});
                          Value pads = e.add(s[3], e.select(nz, c0, c1));
                          return SmallVector<Value>{
                              e.insert(v, s[0], {i, slot}),
                              e.insert(e.toStored(p, metaType), s[1],
                                       {i, slot}),
                              e.add(s[2], c1), pads};
                        },
                        s);
                  });
              return SmallVector<Value>{group[0], group[1]};
            });
      });
  return {filled[0], filled[1]};
}

/// Whether block (bi, bj) of `mask` holds a nonzero.
Value blockHasNonzero(Emitter &e, Value mask, Value r0, Value c0Col,
                      int64_t blockRows, int64_t blockCols) {
  Value c0 = e.idx(0);
  Value none = arith::ConstantIntOp::create(e.b, e.loc, e.b.getI1Type(), 0);
  return forLoop(
      e, c0, e.idx(blockRows), {none},
      [&](Emitter &e, Value a, ValueRange iter) {
        return forLoop(
            e, c0, e.idx(blockCols), iter,
            [&](Emitter &e, Value bb, ValueRange it) {
              Value nz = e.extract(mask, {e.add(r0, a), e.add(c0Col, bb)});
              return SmallVector<Value>{
                  arith::OrIOp::create(e.b, e.loc, it[0], nz)};
            });
      })[0];
}

SmallVector<Value> packBcsr(Emitter &e, Value dense, Value mask,
                            EncodingAttr encoding) {
  auto type = cast<RankedTensorType>(dense.getType());
  int64_t br = encoding.getBlockRows(), bc = encoding.getBlockCols();
  int64_t blockRowCount = type.getDimSize(0) / br;
  int64_t blockColCount = type.getDimSize(1) / bc;
  Type posType = e.b.getIntegerType(encoding.getPosWidth());
  Type crdType = e.b.getIntegerType(encoding.getCrdWidth());
  Value c0 = e.idx(0), c1 = e.idx(1), cbr = e.idx(br), cbc = e.idx(bc);
  Value pos = e.empty({blockRowCount + 1}, posType);
  pos = e.insert(e.intConst(posType, 0), pos, {c0});
  SmallVector<Value> counted = forLoop(
      e, c0, e.idx(blockRowCount), {pos, c0},
      [&](Emitter &e, Value bi, ValueRange iter) {
        Value count = forLoop(
            e, c0, e.idx(blockColCount), {iter[1]},
            [&](Emitter &e, Value bj, ValueRange it) {
              Value nz = blockHasNonzero(e, mask, e.mul(bi, cbr),
                                         e.mul(bj, cbc), br, bc);
              return SmallVector<Value>{e.add(it[0], e.select(nz, c1, c0))};
            })[0];
        return SmallVector<Value>{
            e.insert(e.toStored(count, posType), iter[0], {e.add(bi, c1)}),
            count};
      });
  Value nnzb = counted[1];
  Value values =
      e.empty({ShapedType::kDynamic, br, bc}, type.getElementType(), nnzb);
  Value crd = e.empty({ShapedType::kDynamic}, crdType, nnzb);
  auto blockType = RankedTensorType::get({br, bc}, type.getElementType());
  OpFoldResult one = e.b.getIndexAttr(1), zero = e.b.getIndexAttr(0);
  SmallVector<Value> filled = forLoop(
      e, c0, e.idx(blockRowCount), {values, crd, c0},
      [&](Emitter &e, Value bi, ValueRange iter) {
        return forLoop(
            e, c0, e.idx(blockColCount), iter,
            [&](Emitter &e, Value bj, ValueRange it) {
              Value r0 = e.mul(bi, cbr), col0 = e.mul(bj, cbc);
              Value nz = blockHasNonzero(e, mask, r0, col0, br, bc);
              return ifThen(
                  e, nz,
                  [&](Emitter &e) {
                    Value block = tensor::ExtractSliceOp::create(
                        e.b, e.loc, blockType, dense,
                        ArrayRef<OpFoldResult>{r0, col0},
                        ArrayRef<OpFoldResult>{e.b.getIndexAttr(br),
                                               e.b.getIndexAttr(bc)},
                        ArrayRef<OpFoldResult>{one, one});
                    Value v = tensor::InsertSliceOp::create(
                        e.b, e.loc, block, it[0],
                        ArrayRef<OpFoldResult>{it[2], zero, zero},
                        ArrayRef<OpFoldResult>{one, e.b.getIndexAttr(br),
                                               e.b.getIndexAttr(bc)},
                        ArrayRef<OpFoldResult>{one, one, one});
                    return SmallVector<Value>{
                        v, e.insert(e.toStored(bj, crdType), it[1], {it[2]}),
                        e.add(it[2], c1)};
                  },
                  it);
            });
      });
  return {filled[0], counted[0], filled[1]};
}

} // namespace

SmallVector<Value> buildPack(OpBuilder &b, Location loc, Value dense,
                             Value nonzero, RankedTensorType resultType) {
  Emitter e{b, loc};
  EncodingAttr encoding = getSparqEncoding(resultType);
  unsigned rowDims = encoding.getEffectiveRowDims(resultType.getRank());
  Value matrix = collapseToMatrix(e, dense, rowDims);
  Value mask = collapseToMatrix(e, nonzero, rowDims);
  Type posType = b.getIntegerType(encoding.getPosWidth());
  Type crdType = b.getIntegerType(encoding.getCrdWidth());
  switch (encoding.getFormat()) {
  case FormatKind::CSR:
  case FormatKind::CSC:
    return packCompressed(e, matrix, mask,
                          encoding.getFormat() == FormatKind::CSR, posType,
                          crdType);
  case FormatKind::COO:
    return packCoo(e, matrix, mask, crdType);
  case FormatKind::Bitmap:
    return packBitmap(e, matrix, mask);
  case FormatKind::NM:
    return packNM(e, matrix, mask, encoding);
  case FormatKind::BCSR:
    return packBcsr(e, matrix, mask, encoding);
  case FormatKind::Dense:
    break;
  }
  llvm_unreachable("pack into the dense format");
}

/// The dense matrix that unstored entries keep: zeros, or the zero point of
/// every element for asymmetric quantization.
static Value buildBackground(Emitter &e, const CompressedValue &value,
                             RankedTensorType plainType, unsigned rowDims) {
  EncodingAttr encoding = getSparqEncoding(value.type);
  QuantAttr quant = encoding.getQuant();
  Value empty = e.empty(plainType.getShape(), plainType.getElementType());
  Value full;
  if (quant && quant.getScheme() == QuantScheme::Asymmetric) {
    full = buildElementZeroPoints(e.b, e.loc, quant,
                                  value.get(PartKind::ZeroPoints), empty);
  } else if (quant && quant.getScheme() == QuantScheme::Codebook) {
    full = buildCodebookZeroIndices(e.b, e.loc, quant,
                                    value.get(PartKind::Codebook), empty);
  } else {
    Type element = plainType.getElementType();
    Value zero =
        arith::ConstantOp::create(e.b, e.loc, e.b.getZeroAttr(element));
    full = linalg::FillOp::create(e.b, e.loc, zero, empty).getResult(0);
  }
  return collapseToMatrix(e, full, rowDims);
}

/// Called for every stored entry of a compressed matrix: `at` indexes the
/// values part, (row, col) is the entry's matrix position, `acc` the carried
/// value; returns the next `acc`.
using EntryBody = function_ref<Value(Emitter &, ValueRange at, Value row,
                                     Value col, Value acc)>;

/// Emits loops that visit every stored entry of `value` (any compressed
/// format, viewed as a rows x cols matrix) in storage order, threading `init`
/// through `body`. Unpacking and per-entry dequantization both walk the
/// stored entries this way.
static Value forEachStoredEntry(Emitter &e, const CompressedValue &value,
                                int64_t rows, int64_t cols, Value init,
                                EntryBody body) {
  EncodingAttr encoding = getSparqEncoding(value.type);
  Value values = value.get(PartKind::Values);
  Value c0 = e.idx(0), c1 = e.idx(1);
  auto one = [&](Emitter &e, ValueRange at, Value row, Value col,
                 ValueRange it) {
    return SmallVector<Value>{body(e, at, row, col, it[0])};
  };
  switch (encoding.getFormat()) {
  case FormatKind::CSR:
  case FormatKind::CSC: {
    bool byRows = encoding.getFormat() == FormatKind::CSR;
    Value pos = value.get(PartKind::Positions);
    Value crd = value.get(PartKind::Coordinates);
    return forLoop(e, c0, e.idx(byRows ? rows : cols), {init},
                   [&](Emitter &e, Value o, ValueRange iter) {
                     Value lo = e.toIndex(e.extract(pos, {o}));
                     Value hi = e.toIndex(e.extract(pos, {e.add(o, c1)}));
                     return forLoop(e, lo, hi, iter,
                                    [&](Emitter &e, Value k, ValueRange it) {
                                      Value i = e.toIndex(e.extract(crd, {k}));
                                      return byRows ? one(e, {k}, o, i, it)
                                                    : one(e, {k}, i, o, it);
                                    });
                   })[0];
  }
  case FormatKind::COO: {
    Value crd = value.get(PartKind::Coordinates);
    Value nnz = tensor::DimOp::create(e.b, e.loc, values, 0);
    return forLoop(e, c0, nnz, {init}, [&](Emitter &e, Value k, ValueRange it) {
      Value i = e.toIndex(e.extract(crd, {k, c0}));
      Value j = e.toIndex(e.extract(crd, {k, c1}));
      return one(e, {k}, i, j, it);
    })[0];
  }
  case FormatKind::Bitmap: {
    Value bitmap = value.get(PartKind::Bitmap);
    Value c64 = e.idx(64);
    return forLoop(e, c0, e.idx(rows), {init, c0},
                   [&](Emitter &e, Value i, ValueRange iter) {
                     return forLoop(
                         e, c0, e.idx(cols), iter,
                         [&](Emitter &e, Value j, ValueRange it) {
                           Value w = arith::DivUIOp::create(e.b, e.loc, j, c64);
                           Value bit = arith::IndexCastOp::create(
                               e.b, e.loc, e.b.getI64Type(),
                               arith::RemUIOp::create(e.b, e.loc, j, c64));
                           Value word = e.extract(bitmap, {i, w});
                           Value set = arith::TruncIOp::create(
                               e.b, e.loc, e.b.getI1Type(),
                               arith::ShRUIOp::create(e.b, e.loc, word, bit));
                           return ifThen(
                               e, set,
                               [&](Emitter &e) {
                                 SmallVector<Value> next =
                                     one(e, {it[1]}, i, j, it);
                                 next.push_back(e.add(it[1], c1));
                                 return next;
                               },
                               it);
                         });
                   })[0];
  }
  case FormatKind::NM: {
    Value meta = value.get(PartKind::Metadata);
    int64_t n = encoding.getN(), m = encoding.getM();
    Value cn = e.idx(n), cm = e.idx(m);
    return forLoop(
        e, c0, e.idx(rows), {init}, [&](Emitter &e, Value i, ValueRange iter) {
          return forLoop(e, c0, e.idx(cols / m * n), iter,
                         [&](Emitter &e, Value s, ValueRange it) {
                           Value g = arith::DivUIOp::create(e.b, e.loc, s, cn);
                           Value p = e.toIndex(e.extract(meta, {i, s}));
                           Value j = e.add(e.mul(g, cm), p);
                           return one(e, {i, s}, i, j, it);
                         });
        })[0];
  }
  case FormatKind::BCSR: {
    Value pos = value.get(PartKind::Positions);
    Value crd = value.get(PartKind::Coordinates);
    int64_t br = encoding.getBlockRows(), bc = encoding.getBlockCols();
    return forLoop(
        e, c0, e.idx(rows / br), {init},
        [&](Emitter &e, Value bi, ValueRange iter) {
          Value lo = e.toIndex(e.extract(pos, {bi}));
          Value hi = e.toIndex(e.extract(pos, {e.add(bi, c1)}));
          return forLoop(
              e, lo, hi, iter, [&](Emitter &e, Value k, ValueRange it) {
                Value bj = e.toIndex(e.extract(crd, {k}));
                Value r0 = e.mul(bi, e.idx(br)), col0 = e.mul(bj, e.idx(bc));
                return forLoop(e, c0, e.idx(br), it,
                               [&](Emitter &e, Value a, ValueRange ia) {
                                 return forLoop(
                                     e, c0, e.idx(bc), ia,
                                     [&](Emitter &e, Value bb, ValueRange ib) {
                                       return one(e, {k, a, bb}, e.add(r0, a),
                                                  e.add(col0, bb), ib);
                                     });
                               });
              });
        })[0];
  }
  case FormatKind::Dense:
    break;
  }
  llvm_unreachable("the dense format has no stored-entry structure");
}

Value buildUnpack(OpBuilder &b, Location loc, const CompressedValue &value) {
  Emitter e{b, loc};
  EncodingAttr encoding = getSparqEncoding(value.type);
  auto plainType =
      RankedTensorType::get(value.type.getShape(), value.type.getElementType());
  unsigned rowDims = encoding.getEffectiveRowDims(plainType.getRank());
  Value matrix = buildBackground(e, value, plainType, rowDims);
  auto matrixType = cast<RankedTensorType>(matrix.getType());
  int64_t rows = matrixType.getDimSize(0), cols = matrixType.getDimSize(1);
  Value values = value.get(PartKind::Values);
  Value c0 = e.idx(0), c1 = e.idx(1);
  switch (encoding.getFormat()) {
  case FormatKind::CSR:
  case FormatKind::CSC:
  case FormatKind::COO:
  case FormatKind::Bitmap:
  case FormatKind::NM:
    matrix = forEachStoredEntry(
        e, value, rows, cols, matrix,
        [&](Emitter &e, ValueRange at, Value row, Value col, Value acc) {
          return e.insert(e.extract(values, at), acc, {row, col});
        });
    break;
  // Blocks are copied whole.
  case FormatKind::BCSR: {
    Value pos = value.get(PartKind::Positions);
    Value crd = value.get(PartKind::Coordinates);
    int64_t br = encoding.getBlockRows(), bc = encoding.getBlockCols();
    auto blockType =
        RankedTensorType::get({br, bc}, matrixType.getElementType());
    OpFoldResult one = b.getIndexAttr(1), zero = b.getIndexAttr(0);
    matrix =
        forLoop(e, c0, e.idx(rows / br), {matrix},
                [&](Emitter &e, Value bi, ValueRange iter) {
                  Value lo = e.toIndex(e.extract(pos, {bi}));
                  Value hi = e.toIndex(e.extract(pos, {e.add(bi, c1)}));
                  return forLoop(
                      e, lo, hi, iter, [&](Emitter &e, Value k, ValueRange it) {
                        Value bj = e.toIndex(e.extract(crd, {k}));
                        Value block = tensor::ExtractSliceOp::create(
                            e.b, e.loc, blockType, values,
                            ArrayRef<OpFoldResult>{k, zero, zero},
                            ArrayRef<OpFoldResult>{one, e.b.getIndexAttr(br),
                                                   e.b.getIndexAttr(bc)},
                            ArrayRef<OpFoldResult>{one, one, one});
                        Value updated = tensor::InsertSliceOp::create(
                            e.b, e.loc, block, it[0],
                            ArrayRef<OpFoldResult>{e.mul(bi, e.idx(br)),
                                                   e.mul(bj, e.idx(bc))},
                            ArrayRef<OpFoldResult>{e.b.getIndexAttr(br),
                                                   e.b.getIndexAttr(bc)},
                            ArrayRef<OpFoldResult>{one, one});
                        return SmallVector<Value>{updated};
                      });
                })[0];
    break;
  }
  case FormatKind::Dense:
    return values;
  }
  return expandFromMatrix(e, matrix, plainType, rowDims);
}

/// The indices into a tensor of `shape` of matrix entry (row, col), where
/// the first `rowDims` dimensions form the rows (row-major delinearization).
static SmallVector<Value> delinearize(Emitter &e, ArrayRef<int64_t> shape,
                                      unsigned rowDims, Value row, Value col) {
  SmallVector<Value> indices(shape.size());
  auto split = [&](Value linear, unsigned begin, unsigned end) {
    for (unsigned d = end; d-- > begin;) {
      if (d == begin) {
        indices[d] = linear;
        break;
      }
      Value size = e.idx(shape[d]);
      indices[d] = arith::RemUIOp::create(e.b, e.loc, linear, size);
      linear = arith::DivUIOp::create(e.b, e.loc, linear, size);
    }
  };
  split(row, 0, rowDims);
  split(col, rowDims, shape.size());
  return indices;
}

Value buildDequantizeStored(OpBuilder &b, Location loc,
                            const CompressedValue &value) {
  Emitter e{b, loc};
  EncodingAttr encoding = getSparqEncoding(value.type);
  QuantAttr quant = encoding.getQuant();
  ArrayRef<int64_t> shape = value.type.getShape();
  unsigned rowDims = encoding.getEffectiveRowDims(shape.size());
  auto [rows, cols] = encoding.getMatrixShape(shape);
  Value values = value.get(PartKind::Values);
  Value scales = value.get(PartKind::Scales);
  Value zeroPoints = value.get(PartKind::ZeroPoints);
  Value codebook = value.get(PartKind::Codebook);
  Value result = createEmptyLike(b, loc, values, quant.getExpressedType());
  // Dequantizes values[at], stored at matrix entry (row, col), into `acc`.
  auto convert = [&](Emitter &e, ValueRange at, Value row, Value col,
                     Value acc) {
    Value q = e.extract(values, at);
    SmallVector<Value> indices = delinearize(e, shape, rowDims, row, col);
    Value real = buildDequantizeScalar(e.b, e.loc, q, quant, scales, zeroPoints,
                                       codebook, indices);
    return e.insert(real, acc, at);
  };
  assert(!encoding.isDense() && "dense tensors are dequantized elementwise");
  return forEachStoredEntry(e, value, rows, cols, result, convert);
}

Value buildZeroPointFreeStored(OpBuilder &b, Location loc,
                               const CompressedValue &value, Type acc) {
  Emitter e{b, loc};
  EncodingAttr encoding = getSparqEncoding(value.type);
  QuantAttr quant = encoding.getQuant();
  ArrayRef<int64_t> shape = value.type.getShape();
  unsigned rowDims = encoding.getEffectiveRowDims(shape.size());
  auto [rows, cols] = encoding.getMatrixShape(shape);
  Value values = value.get(PartKind::Values);
  Value zeroPoints = value.get(PartKind::ZeroPoints);
  Value result = createEmptyLike(b, loc, values, acc);
  auto shift = [&](Emitter &e, ValueRange at, Value row, Value col,
                   Value result) {
    Value q = convertScalar(e.b, e.loc, e.extract(values, at), acc,
                            quant.isSigned());
    SmallVector<Value> indices = delinearize(e, shape, rowDims, row, col);
    Value zp = e.extract(zeroPoints,
                         getParamIndices(e.b, e.loc, quant, indices));
    zp = convertScalar(e.b, e.loc, zp, acc, /*isSigned=*/true);
    return e.insert(arith::SubIOp::create(e.b, e.loc, q, zp), result, at);
  };
  assert(!encoding.isDense() && zeroPoints &&
         "dense tensors are shifted elementwise");
  return forEachStoredEntry(e, value, rows, cols, result, shift);
}

Value buildFromBytes(OpBuilder &b, Location loc, Value bytes,
                     RankedTensorType resultType) {
  unsigned bits = resultType.getElementType().getIntOrFloatBitWidth();
  unsigned rank = resultType.getRank();
  ArrayRef<int64_t> shape = resultType.getShape();
  Value init =
      tensor::EmptyOp::create(b, loc, shape, resultType.getElementType());
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{resultType}, ValueRange{}, ValueRange{init},
      ArrayRef<AffineMap>{b.getMultiDimIdentityMap(rank)}, iterators,
      [&](OpBuilder &nb, Location nloc, ValueRange) {
        Emitter e{nb, nloc};
        // Row-major linear index of the element, then its first bit.
        Value linear = e.idx(0);
        for (unsigned d = 0; d < rank; ++d)
          linear = e.add(e.mul(linear, e.idx(shape[d])),
                         linalg::IndexOp::create(nb, nloc, d));
        Value first = e.mul(linear, e.idx(bits));
        Value byte = arith::DivUIOp::create(nb, nloc, first, e.idx(8));
        Value offset = arith::RemUIOp::create(nb, nloc, first, e.idx(8));
        // B <= 16 bits starting at bit offset <= 7 span at most 3 bytes;
        // bytes past the end read as 0.
        Type i32 = nb.getI32Type();
        Value count = tensor::DimOp::create(nb, nloc, bytes, 0);
        Value word = e.intConst(i32, 0);
        for (unsigned k = 0; k < 3; ++k) {
          Value at = e.add(byte, e.idx(k));
          Value inside = arith::CmpIOp::create(
              nb, nloc, arith::CmpIPredicate::ult, at, count);
          Value safe = e.select(inside, at, e.idx(0));
          Value v =
              arith::ExtUIOp::create(nb, nloc, i32, e.extract(bytes, {safe}));
          v = e.select(inside, v, e.intConst(i32, 0));
          v = arith::ShLIOp::create(nb, nloc, v, e.intConst(i32, 8 * k));
          word = arith::OrIOp::create(nb, nloc, word, v);
        }
        Value shift = arith::IndexCastOp::create(nb, nloc, i32, offset);
        word = arith::ShRUIOp::create(nb, nloc, word, shift);
        Value value = arith::TruncIOp::create(
            nb, nloc, resultType.getElementType(), word);
        linalg::YieldOp::create(nb, nloc, value);
      });
  return generic.getResult(0);
}

Value buildDenseStorage(OpBuilder &b, Location loc,
                        const CompressedValue &value) {
  EncodingAttr encoding = getSparqEncoding(value.type);
  if (!encoding || encoding.isDense())
    return value.parts.front();
  return buildUnpack(b, loc, value);
}

} // namespace sparq::lowering
