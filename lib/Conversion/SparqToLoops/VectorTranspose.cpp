//===- VectorTranspose.cpp - register and blocked memref transposes -------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// Transposes of the dataflow loops: a square tile of `lanes` vectors is
// transposed in registers with log2(lanes) stages of two-source
// vector.shuffle ops (stage b swaps bit b of the row index with bit b of the
// lane index), which the x86 backend matches to unpck / shufps / vperm2f128
// (8 x 8 f32: 24 shuffles, no scalar moves). A whole matrix is transposed
// tile by tile with vector loads and stores; the edges that do not fill a
// tile are copied element by element.
//
//===----------------------------------------------------------------------===//

#include "LoopEmitter.h"

#include "mlir/Dialect/Vector/IR/VectorOps.h"

using namespace mlir;

namespace sparq::loops {

SmallVector<Value> transposeInRegisters(Emitter &e, ArrayRef<Value> rows) {
  int64_t lanes = rows.size();
  SmallVector<Value> r(rows);
  if (!llvm::isPowerOf2_64(lanes)) {
    // Not a shuffle network: gather the lanes one by one.
    auto type = cast<VectorType>(rows.front().getType());
    SmallVector<Value> out;
    for (int64_t j = 0; j < lanes; ++j) {
      SmallVector<Value> elements;
      for (int64_t i = 0; i < lanes; ++i)
        elements.push_back(vector::ExtractOp::create(e.b, e.loc, r[i], j));
      out.push_back(
          vector::FromElementsOp::create(e.b, e.loc, type, elements));
    }
    return out;
  }
  for (int64_t bit = lanes / 2; bit >= 1; bit /= 2) {
    SmallVector<int64_t> lowMask(lanes), highMask(lanes);
    for (int64_t j = 0; j < lanes; ++j) {
      bool set = j & bit;
      lowMask[j] = set ? lanes + j - bit : j;
      highMask[j] = set ? lanes + j : j + bit;
    }
    SmallVector<Value> next(r);
    for (int64_t i = 0; i < lanes; ++i) {
      if (i & bit)
        continue;
      next[i] = vector::ShuffleOp::create(e.b, e.loc, r[i], r[i + bit], lowMask);
      next[i + bit] =
          vector::ShuffleOp::create(e.b, e.loc, r[i], r[i + bit], highMask);
    }
    r = std::move(next);
  }
  return r;
}

void emitTransposeCopy(Emitter &e, Value src, Value dst, int64_t lanes,
                       bool isSigned) {
  auto type = cast<MemRefType>(src.getType());
  int64_t rows = type.getDimSize(0), cols = type.getDimSize(1);
  Type element = type.getElementType();
  // Values converted to dst's element type on the way (MatrixView::widen).
  Type to = cast<MemRefType>(dst.getType()).getElementType();
  MatrixView conversion;
  conversion.isSigned = isSigned;
  auto convert = [&](Emitter &e, Value v) { return conversion.widen(e, v, to); };
  int64_t fullRows = lanes > 1 ? rows / lanes * lanes : 0;
  int64_t fullCols = lanes > 1 ? cols / lanes * lanes : 0;
  if (fullRows && fullCols) {
    auto vecType = VectorType::get({lanes}, element);
    e.forLoop(e.idx(0), e.idx(fullRows), e.idx(lanes), [&](Emitter &e,
                                                           Value i0) {
      e.forLoop(e.idx(0), e.idx(fullCols), e.idx(lanes), [&](Emitter &e,
                                                             Value j0) {
        // Values converted on the way are converted before the transpose
        // (the same number of conversions): a tile of i8 rows becomes one
        // of f32 / i32 rows, whose shuffles the x86 backend maps onto whole
        // zmm / ymm registers, where i8 vectors took a long chain of
        // byte/word packs and permutes.
        SmallVector<Value> tile;
        for (int64_t t = 0; t < lanes; ++t)
          tile.push_back(convert(
              e, vector::LoadOp::create(e.b, e.loc, vecType, src,
                                        ValueRange{e.add(i0, e.idx(t)), j0})));
        SmallVector<Value> out = transposeInRegisters(e, tile);
        for (int64_t t = 0; t < lanes; ++t)
          vector::StoreOp::create(e.b, e.loc, out[t], dst,
                                  ValueRange{e.add(j0, e.idx(t)), i0});
      });
    });
  }
  // The edges: columns past the last full tile of the full rows, then the
  // remaining rows.
  auto copy = [&](int64_t r0, int64_t r1, int64_t c0, int64_t c1) {
    e.forLoop(r0, r1, [&](Emitter &e, Value i) {
      e.forLoop(c0, c1, [&](Emitter &e, Value j) {
        e.store(convert(e, e.load(src, {i, j})), dst, {j, i});
      });
    });
  };
  copy(0, fullRows, fullCols, cols);
  copy(fullRows, rows, 0, cols);
}

} // namespace sparq::loops
