//===- BitmapJoin.cpp - Bitmap views and the AND + popcount join ----------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#include "BitmapJoin.h"

#include "ConstantLayout.h"

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

} // namespace

SmallVector<Value>
whileBits(Emitter &e, Value word, ValueRange rest,
          function_ref<SmallVector<Value>(Emitter &, Value, ValueRange)> body) {
  SmallVector<Value> init{word};
  llvm::append_range(init, rest);
  SmallVector<Type> types;
  for (Value v : init)
    types.push_back(v.getType());
  Type i64 = e.b.getI64Type();
  auto loop = scf::WhileOp::create(
      e.b, e.loc, types, init,
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        Value zero = arith::ConstantIntOp::create(nb, nloc, i64, 0);
        Value more = arith::CmpIOp::create(nb, nloc, arith::CmpIPredicate::ne,
                                           args[0], zero);
        scf::ConditionOp::create(nb, nloc, more, args);
      },
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        Emitter ie{nb, nloc};
        SmallVector<Value> next = body(ie, args[0], args.drop_front());
        Value one = arith::ConstantIntOp::create(nb, nloc, i64, 1);
        Value cleared = arith::AndIOp::create(
            nb, nloc, args[0], arith::SubIOp::create(nb, nloc, args[0], one));
        SmallVector<Value> yielded{cleared};
        llvm::append_range(yielded, next);
        scf::YieldOp::create(nb, nloc, yielded);
      });
  return SmallVector<Value>(loop.getResults().drop_front());
}

namespace {

/// Popcount of an i64 word as an index.
Value popcount(Emitter &e, Value word) {
  return e.toIndex(math::CtPopOp::create(e.b, e.loc, word));
}

/// The per-word value offsets of a lines x words bitmap: offsets[i * words +
/// w] = stored entries before word w of line i (line-major), and
/// offsets[lines * words] = nnz. One popcount per word.
Value computeOffsets(Emitter &e, Value bitmap, int64_t lines, int64_t words) {
  // A constant bitmap (a to_buffer of a constant, directly or as a part of
  // an assemble of constants): the offsets are a constant, computed here.
  if (std::optional<RawConstant> bits = readConstantBuffer(bitmap)) {
    if (bits->elementBytes == 8 && bits->count == lines * words) {
      SmallVector<APInt> offsets;
      offsets.reserve(lines * words + 1);
      uint64_t total = 0;
      for (int64_t i = 0; i < lines * words; ++i) {
        offsets.push_back(APInt(64, total));
        total += llvm::popcount(bits->unsignedAt(i));
      }
      offsets.push_back(APInt(64, total));
      auto type =
          RankedTensorType::get({lines * words + 1}, e.b.getIndexType());
      Value constant = arith::ConstantOp::create(
          e.b, e.loc, DenseElementsAttr::get(type, offsets));
      return bufferization::ToBufferOp::create(
          e.b, e.loc, MemRefType::get(type.getShape(), type.getElementType()),
          constant, /*read_only=*/true);
    }
  }
  Value offsets = e.alloc({lines * words + 1}, e.b.getIndexType());
  Value total = forIter(
      e, e.idx(0), e.idx(lines), ValueRange{e.idx(0)},
      [&](Emitter &e, Value i, ValueRange it) {
        return forIter(e, e.idx(0), e.idx(words), it,
                       [&](Emitter &e, Value w, ValueRange it2) {
                         Value at = e.add(e.mul(i, e.idx(words)), w);
                         e.store(it2[0], offsets, {at});
                         Value word = e.load(bitmap, {i, w});
                         return SmallVector<Value>{
                             e.add(it2[0], popcount(e, word))};
                       });
      })[0];
  e.store(total, offsets, {e.idx(lines * words)});
  return offsets;
}

/// A loop over the outer index: scf.parallel when asked, else scf.for.
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

/// The quantization of the transposed tensor (a channel axis swapped); null
/// with `ok` false when it cannot be expressed (group granularity).
QuantAttr transposedQuant(QuantAttr quant, bool &ok) {
  ok = true;
  if (!quant || quant.getGranularity() == Granularity::Tensor)
    return quant;
  if (quant.getGranularity() != Granularity::Channel) {
    ok = false;
    return {};
  }
  return QuantAttr::get(quant.getContext(), quant.getStorageType(),
                        quant.getExpressedType(), quant.getScheme(),
                        quant.getGranularity(), 1 - quant.getAxis(),
                        quant.getGroupSize(), quant.getRounding());
}

} // namespace

SmallVector<Value> forEachBitmapLineIter(
    const MatrixView &v, Emitter &e, Value line, ValueRange init,
    function_ref<SmallVector<Value>(Emitter &, Value, Value, ValueRange)>
        body) {
  int64_t words = bitmapWords(v.minorExtent());
  Value start = e.load(v.offsets, {e.mul(line, e.idx(words))});
  SmallVector<Value> loopInit{start};
  llvm::append_range(loopInit, init);
  SmallVector<Value> result = forIter(
      e, e.idx(0), e.idx(words), loopInit,
      [&](Emitter &e, Value w, ValueRange it) {
        Value word = e.load(v.bitmap, {line, w});
        Value base = e.mul(w, e.idx(64));
        return whileBits(
            e, word, it, [&](Emitter &e, Value bits, ValueRange state) {
              Value bit = math::CountTrailingZerosOp::create(e.b, e.loc, bits);
              Value minor = e.add(base, e.toIndex(bit));
              Value pos = state[0];
              SmallVector<Value> next{e.add(pos, e.idx(1))};
              llvm::append_range(next, body(e, minor, e.load(v.values, {pos}),
                                            state.drop_front()));
              return next;
            });
      });
  return SmallVector<Value>(ArrayRef<Value>(result).drop_front());
}

MatrixView buildBitmapView(Emitter &e, const StoredOperand &op) {
  MatrixView view;
  view.kind = MatrixView::Kind::Bitmap;
  view.rows = op.storedTransposed ? op.cols : op.rows;
  view.cols = op.storedTransposed ? op.rows : op.cols;
  view.major = MajorAxis::Rows;
  view.values = op.values;
  view.isSigned = op.isSigned;
  view.bitmap = op.bitmap;
  view.offsets =
      computeOffsets(e, op.bitmap, view.rows, bitmapWords(view.cols));
  return op.storedTransposed ? view.transpose() : view;
}

MatrixView transposeBitmapView(Emitter &e, const StoredOperand &op) {
  // Work on the stored matrix (rows x cols as stored); its transpose gets
  // one line per stored column.
  StoredOperand stored = op;
  stored.storedTransposed = false;
  stored.rows = op.storedTransposed ? op.cols : op.rows;
  stored.cols = op.storedTransposed ? op.rows : op.cols;
  int64_t lines = stored.cols, words = bitmapWords(stored.rows);
  Type index = e.b.getIndexType(), i64 = e.b.getI64Type();
  Type valueType = cast<MemRefType>(op.values.getType()).getElementType();
  Value c1 = e.idx(1), c64 = e.idx(64);
  // Counting sort of the entries by stored column; rows stay ascending.
  Value starts = e.zeros({lines + 1}, index);
  forEachStoredEntry(e, stored, [&](Emitter &e, Value, Value c, Value) {
    Value at = e.add(c, c1);
    e.store(e.add(e.load(starts, {at}), c1), starts, {at});
  });
  e.forLoop(0, lines, [&](Emitter &e, Value i) {
    Value next = e.add(i, c1);
    e.store(e.add(e.load(starts, {i}), e.load(starts, {next})), starts,
            {next});
  });
  Value nnz = e.load(starts, {e.idx(lines)});
  Value values = e.alloc({ShapedType::kDynamic}, valueType, {nnz});
  Value bitmap = e.zeros({lines, words}, i64);
  forEachStoredEntry(e, stored, [&](Emitter &e, Value r, Value c, Value v) {
    Value at = e.load(starts, {c});
    e.store(v, values, {at});
    e.store(e.add(at, c1), starts, {c});
    Value w = arith::DivUIOp::create(e.b, e.loc, r, c64);
    Value bit = arith::IndexCastUIOp::create(
        e.b, e.loc, i64, arith::RemUIOp::create(e.b, e.loc, r, c64));
    Value mask = arith::ShLIOp::create(
        e.b, e.loc, arith::ConstantIntOp::create(e.b, e.loc, i64, 1), bit);
    Value word = e.load(bitmap, {c, w});
    e.store(arith::OrIOp::create(e.b, e.loc, word, mask), bitmap, {c, w});
  });
  memref::DeallocOp::create(e.b, e.loc, starts);
  MatrixView view;
  view.kind = MatrixView::Kind::Bitmap;
  view.rows = lines;
  view.cols = stored.rows;
  view.major = MajorAxis::Rows;
  view.values = values;
  view.isSigned = op.isSigned;
  view.bitmap = bitmap;
  view.offsets = computeOffsets(e, bitmap, lines, words);
  // The new lines are the stored columns: the logical operand's rows when it
  // is stored transposed, its columns otherwise.
  return op.storedTransposed ? view : view.transpose();
}

bool canTransposeBitmapInCompiler(RankedTensorType type) {
  bool ok;
  (void)transposedQuant(getQuant(type), ok);
  return ok;
}

Value transposeConstantBitmap(OpBuilder &b, Location loc, Value operand) {
  auto assemble = operand.getDefiningOp<AssembleOp>();
  if (!assemble)
    return {};
  auto type = cast<RankedTensorType>(operand.getType());
  EncodingAttr encoding = getSparqEncoding(type);
  if (!encoding || encoding.getFormat() != FormatKind::Bitmap ||
      type.getRank() != 2)
    return {};
  bool ok;
  QuantAttr quant = transposedQuant(encoding.getQuant(), ok);
  if (!ok)
    return {};
  std::optional<RawConstant> values =
      readConstant(assemble.getPart(PartKind::Values));
  std::optional<RawConstant> bits =
      readConstant(assemble.getPart(PartKind::Bitmap));
  if (!values || !bits || bits->elementBytes != 8)
    return {};
  int64_t rows = type.getDimSize(0), cols = type.getDimSize(1);
  int64_t words = bitmapWords(cols), newWords = bitmapWords(rows);
  if (bits->count != rows * words)
    return {};
  // Column counts, then a stable counting sort by column (rows ascending).
  std::vector<int64_t> starts(cols + 1, 0);
  int64_t nnz = 0;
  for (int64_t i = 0; i < rows * words; ++i) {
    uint64_t word = bits->unsignedAt(i);
    for (; word; word &= word - 1) {
      int64_t c = (i % words) * 64 + llvm::countr_zero(word);
      if (c >= cols)
        return {}; // a bit beyond the columns: malformed, leave it
      ++starts[c + 1];
      ++nnz;
    }
  }
  if (!values->splat && values->count != nnz)
    return {};
  for (int64_t c = 0; c < cols; ++c)
    starts[c + 1] += starts[c];
  std::vector<int64_t> newBits(cols * newWords, 0);
  std::vector<char> permuted(nnz * values->elementBytes);
  int64_t at = 0;
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t w = 0; w < words; ++w)
      for (uint64_t word = bits->unsignedAt(r * words + w); word;
           word &= word - 1, ++at) {
        int64_t c = w * 64 + llvm::countr_zero(word);
        int64_t to = starts[c]++;
        std::memcpy(permuted.data() + to * values->elementBytes,
                    values->at(at), values->elementBytes);
        newBits[c * newWords + r / 64] |= int64_t(uint64_t(1) << (r % 64));
      }

  MLIRContext *ctx = b.getContext();
  EncodingAttr newEncoding = EncodingAttr::get(
      ctx, FormatKind::Bitmap, 0, 0, 0, 0, encoding.getPosWidth(),
      encoding.getCrdWidth(), encoding.getMetaWidth(), encoding.getRowDims(),
      encoding.getStructure(), quant);
  Type element = type.getElementType();
  auto newType = RankedTensorType::get({cols, rows}, element, newEncoding);
  Value newValues = arith::ConstantOp::create(
      b, loc,
      DenseElementsAttr::getFromRawBuffer(
          RankedTensorType::get({nnz}, element), ArrayRef<char>(permuted)));
  Value newBitmap = arith::ConstantOp::create(
      b, loc,
      DenseElementsAttr::get(
          RankedTensorType::get({cols, newWords}, b.getI64Type()),
          ArrayRef<int64_t>(newBits)));
  return AssembleOp::create(b, loc, newType, newValues, Value(), Value(),
                            newBitmap, Value(),
                            assemble.getPart(PartKind::Scales),
                            assemble.getPart(PartKind::ZeroPoints),
                            assemble.getPart(PartKind::Codebook));
}

void emitBitmapJoin(Emitter &e, const MatrixView &l, const MatrixView &r,
                    Value out, bool transposedOut,
                    const KernelOptions &options) {
  assert(l.kind == MatrixView::Kind::Bitmap && l.major == MajorAxis::Rows &&
         r.kind == MatrixView::Kind::Bitmap && r.major == MajorAxis::Columns &&
         "the join reads rows of L and columns of R as bitmaps");
  Type element = cast<MemRefType>(out.getType()).getElementType();
  Type i64 = e.b.getI64Type();
  int64_t words = bitmapWords(l.cols);
  outerLoop(e, l.rows, options.parallel, [&](Emitter &e, Value p) {
    Value lineL = e.mul(p, e.idx(words));
    e.forLoop(0, r.cols, [&](Emitter &e, Value q) {
      Value lineR = e.mul(q, e.idx(words));
      Value acc = forIter(
          e, e.idx(0), e.idx(words), ValueRange{e.zero(element)},
          [&](Emitter &e, Value w, ValueRange it) {
            Value wl = e.load(l.bitmap, {p, w});
            Value wr = e.load(r.bitmap, {q, w});
            Value both = arith::AndIOp::create(e.b, e.loc, wl, wr);
            Value baseL = e.load(l.offsets, {e.add(lineL, w)});
            Value baseR = e.load(r.offsets, {e.add(lineR, w)});
            return whileBits(
                e, both, it, [&](Emitter &e, Value x, ValueRange sum) {
                  // Bits below the lowest matched one: (1 << ctz(x)) - 1.
                  Value bit = math::CountTrailingZerosOp::create(e.b, e.loc, x);
                  Value one = arith::ConstantIntOp::create(e.b, e.loc, i64, 1);
                  Value below = arith::SubIOp::create(
                      e.b, e.loc, arith::ShLIOp::create(e.b, e.loc, one, bit),
                      one);
                  Value atL = e.add(
                      baseL, popcount(e, arith::AndIOp::create(e.b, e.loc, wl,
                                                               below)));
                  Value atR = e.add(
                      baseR, popcount(e, arith::AndIOp::create(e.b, e.loc, wr,
                                                               below)));
                  return SmallVector<Value>{
                      e.mac(l.widen(e, e.load(l.values, {atL}), element),
                            r.widen(e, e.load(r.values, {atR}), element),
                            sum[0])};
                });
          })[0];
      if (transposedOut)
        e.store(acc, out, {q, p});
      else
        e.store(acc, out, {p, q});
    });
  });
}

} // namespace sparq::loops
