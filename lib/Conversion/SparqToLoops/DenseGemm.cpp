//===- DenseGemm.cpp - cache-blocked dense x dense product loops ----------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// out = L * R with both operands dense, BLIS style: the reduction is cut into
// blocks of kKc, the columns of R into blocks of kQc; each (k, q) block of R
// is packed once into panels of kNr vectors (zero-padded at the right edge)
// so that a panel (kKc x kNr vectors, 16 KiB for f32) stays in L1 while a
// register tile of kMr rows x kNr vectors of out is accumulated over it: per
// k, kNr vector loads of the panel, kMr broadcasts of L and kMr * kNr
// multiply-adds (6 x 2 x vector<8xf32> = 12 accumulators on AVX2). The first
// k block starts the tile from zero, later ones from out, so out needs no
// zero fill. Rows past the last full kMr and columns past Q (masked
// vector.transfer_read / write) are handled by the same code with fewer rows.
// A constant R is packed in the compiler instead, once for every call
// (packConstantPanels): the kernel then reads its panels where they are.
// With KernelOptions::blockFloat (an integer out), the register tiles are f32
// and each block's sums are converted and added into out: exact float
// accumulation per reduction block (ExactFloatAccumulation.h).
//
//===----------------------------------------------------------------------===//

#include "LoopEmitter.h"

#include "ConstantLayout.h"

#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

#include <cstring>

using namespace mlir;

namespace sparq::loops {

namespace {
/// Rows of out per register tile and vectors per row.
constexpr int64_t kMr = 6, kNr = 2;
/// Reduction block (rows of a packed panel) and column block of R.
constexpr int64_t kKc = kDenseGemmReductionBlock, kQc = 512;
} // namespace

/// A constant R ([K, Q], not transposed) packed in the compiler: panel J
/// (columns J * width .. J * width + width, zeros past Q) of every row, as a
/// [panels, K, width] constant: the panel of a (k, q) block is then rows
/// k0 .. k0 + kc of panel q / width + j, laid out as pack() would store it.
/// Null when R's values are not a readable constant. Linear in K * Q.
static Value packConstantPanels(Emitter &e, const MatrixView &r,
                                int64_t width) {
  if (r.kind != MatrixView::Kind::Dense || r.transposed)
    return {};
  auto type = cast<MemRefType>(r.values.getType());
  Type element = type.getElementType();
  if (type.getRank() != 2 || !type.hasStaticShape() ||
      !element.isIntOrFloat() || element.getIntOrFloatBitWidth() % 8 != 0)
    return {};
  std::optional<RawConstant> values = readConstantBuffer(r.values);
  int64_t k = type.getDimSize(0), q = type.getDimSize(1);
  int64_t bytes = element.getIntOrFloatBitWidth() / 8;
  if (!values || values->elementBytes != bytes ||
      (!values->splat && values->count != k * q))
    return {};
  int64_t panels = (q + width - 1) / width;
  std::vector<char> packed(panels * k * width * bytes, 0);
  for (int64_t j = 0; j < panels; ++j)
    for (int64_t kk = 0; kk < k; ++kk) {
      int64_t cols = std::min(width, q - j * width);
      char *to = packed.data() + ((j * k + kk) * width) * bytes;
      if (values->splat) {
        for (int64_t t = 0; t < cols; ++t)
          std::memcpy(to + t * bytes, values->at(0), bytes);
      } else {
        std::memcpy(to, values->at(kk * q + j * width), cols * bytes);
      }
    }
  return constantBuffer(
      e, RankedTensorType::get({panels, k, width}, element), packed);
}

bool canEmitDenseGemm(const MatrixView &l, const MatrixView &r,
                      bool transposedOut) {
  return l.kind == MatrixView::Kind::Dense &&
         r.kind == MatrixView::Kind::Dense && !r.transposed && !transposedOut;
}

void emitDenseGemm(Emitter &e, const MatrixView &l, const MatrixView &r,
                   Value out, const KernelOptions &options) {
  int64_t lanes = options.lanes;
  int64_t p = l.rows, k = l.cols, q = r.cols;
  int64_t width = kNr * lanes;
  Type outElement = cast<MemRefType>(out.getType()).getElementType();
  // The register tiles' type: out's, or f32 per reduction block.
  bool blockFloat = options.blockFloat && isa<IntegerType>(outElement);
  Type element = blockFloat ? Float32Type::get(out.getContext()) : outElement;
  Type rElement = cast<MemRefType>(r.values.getType()).getElementType();
  auto accType = VectorType::get({lanes}, element);
  auto outType = VectorType::get({lanes}, outElement);
  auto rType = VectorType::get({lanes}, rElement);
  int64_t qcMax = std::min<int64_t>(kQc / width * width, (q + width - 1) /
                                                             width * width);
  qcMax = std::max(qcMax, width);
  int64_t kcMax = std::min(kKc, k);
  int64_t panelsMax = qcMax / width;
  Value prepacked = packConstantPanels(e, r, width);
  auto packType = MemRefType::get({panelsMax, kcMax, width}, rElement);
  Value packed =
      prepacked ? Value() : allocBuffer(e, packType, options.stack);
  Value rZero = e.zero(rElement);
  Value accZero = e.zero(accType);

  // Packs R[k0 .. k0 + kLen, q0 .. q0 + qLen] into panels (zero beyond Q).
  auto pack = [&](Emitter &e, Value k0, int64_t kLen, Value q0,
                  int64_t qLen) {
    int64_t fullPanels = qLen / width, panels = (qLen + width - 1) / width;
    auto panel = [&](Emitter &e, Value j, bool edge) {
      e.forLoop(0, kLen, [&](Emitter &e, Value kk) {
        Value row = e.add(k0, kk);
        for (int64_t t = 0; t < kNr; ++t) {
          Value col = e.add(e.add(q0, e.mul(j, e.idx(width))), e.idx(t * lanes));
          Value v;
          if (!edge)
            v = vector::LoadOp::create(e.b, e.loc, rType, r.values,
                                       ValueRange{row, col});
          else
            v = vector::TransferReadOp::create(
                e.b, e.loc, rType, r.values, ValueRange{row, col}, rZero,
                ArrayRef<bool>{false});
          vector::StoreOp::create(e.b, e.loc, v, packed,
                                  ValueRange{j, kk, e.idx(t * lanes)});
        }
      });
    };
    if (fullPanels)
      e.forLoop(0, fullPanels,
                [&](Emitter &e, Value j) { panel(e, j, false); });
    if (panels > fullPanels)
      panel(e, e.idx(fullPanels), true);
  };

  // out[p0 .. p0 + rows, q0 .. q0 + width] (+)= L[p0 .., k0 .. k0 + kLen] *
  // panel j.
  auto micro = [&](Emitter &e, Value p0, int64_t rows, Value j, Value q0,
                   bool edge, Value k0, int64_t kLen, bool first) {
    SmallVector<Value> init;
    for (int64_t i = 0; i < rows; ++i)
      for (int64_t t = 0; t < kNr; ++t) {
        if (first || blockFloat) {
          init.push_back(accZero);
          continue;
        }
        init.push_back(vector::TransferReadOp::create(
            e.b, e.loc, accType, out,
            ValueRange{e.add(p0, e.idx(i)), e.add(q0, e.idx(t * lanes))},
            e.zero(element), ArrayRef<bool>{!edge}));
      }
    auto loop = scf::ForOp::create(
        e.b, e.loc, e.idx(0), e.idx(kLen), e.idx(1), init,
        [&](OpBuilder &nb, Location nloc, Value kk, ValueRange acc) {
          Emitter ie{nb, nloc};
          SmallVector<Value> bv;
          // The prepacked panel of columns q0 .. (q0 a multiple of width),
          // row k0 + kk; else row kk of panel j of the block just packed.
          SmallVector<Value> at =
              prepacked
                  ? SmallVector<Value>{arith::DivUIOp::create(
                                           nb, nloc, q0, ie.idx(width)),
                                       ie.add(k0, kk)}
                  : SmallVector<Value>{j, kk};
          for (int64_t t = 0; t < kNr; ++t) {
            SmallVector<Value> idx(at);
            idx.push_back(ie.idx(t * lanes));
            bv.push_back(r.widen(
                ie,
                vector::LoadOp::create(nb, nloc, rType,
                                       prepacked ? prepacked : packed, idx),
                element));
          }
          Value kIdx = ie.add(k0, kk);
          SmallVector<Value> next;
          for (int64_t i = 0; i < rows; ++i) {
            Value a =
                l.widen(ie, l.denseAt(ie, ie.add(p0, ie.idx(i)), kIdx), element);
            Value splat = vector::BroadcastOp::create(nb, nloc, accType, a);
            for (int64_t t = 0; t < kNr; ++t)
              next.push_back(ie.mac(splat, bv[t], acc[i * kNr + t]));
          }
          scf::YieldOp::create(nb, nloc, next);
        });
    for (int64_t i = 0; i < rows; ++i)
      for (int64_t t = 0; t < kNr; ++t) {
        SmallVector<Value, 2> at{e.add(p0, e.idx(i)),
                                 e.add(q0, e.idx(t * lanes))};
        Value v = loop.getResult(i * kNr + t);
        if (blockFloat) {
          // |block sum| <= 2^24, an integer: fptosi is exact.
          v = arith::FPToSIOp::create(e.b, e.loc, outType, v);
          if (!first)
            v = arith::AddIOp::create(
                e.b, e.loc,
                vector::TransferReadOp::create(e.b, e.loc, outType, out, at,
                                               e.zero(outElement),
                                               ArrayRef<bool>{!edge}),
                v);
        }
        vector::TransferWriteOp::create(e.b, e.loc, v, out, at,
                                        ArrayRef<bool>{!edge});
      }
  };

  // All register tiles of one (k, q) block.
  auto block = [&](Emitter &e, Value k0, int64_t kLen, Value qc, int64_t qLen,
                   bool first) {
    if (!prepacked)
      pack(e, k0, kLen, qc, qLen);
    int64_t fullPanels = qLen / width, panels = (qLen + width - 1) / width;
    int64_t fullP = p / kMr * kMr;
    auto rowTile = [&](Emitter &e, Value p0, int64_t rows) {
      if (fullPanels)
        e.forLoop(0, fullPanels, [&](Emitter &e, Value j) {
          micro(e, p0, rows, j, e.add(qc, e.mul(j, e.idx(width))), false, k0,
                kLen, first);
        });
      if (panels > fullPanels)
        micro(e, p0, rows, e.idx(fullPanels),
              e.add(qc, e.idx(fullPanels * width)), true, k0, kLen, first);
    };
    if (fullP) {
      Value lb = e.idx(0), ub = e.idx(fullP), step = e.idx(kMr);
      if (options.parallel)
        scf::ParallelOp::create(
            e.b, e.loc, ValueRange{lb}, ValueRange{ub}, ValueRange{step},
            [&](OpBuilder &nb, Location nloc, ValueRange ivs) {
              Emitter ie{nb, nloc};
              rowTile(ie, ivs[0], kMr);
            });
      else
        e.forLoop(lb, ub, step,
                  [&](Emitter &e, Value p0) { rowTile(e, p0, kMr); });
    }
    if (p > fullP)
      rowTile(e, e.idx(fullP), p - fullP);
  };

  // Column blocks outside, reduction blocks inside: a block of out (P x kQc)
  // stays in L2 across the reduction.
  auto columns = [&](Emitter &e, Value qc, int64_t qLen) {
    int64_t fullK = k / kcMax * kcMax;
    block(e, e.idx(0), kcMax, qc, qLen, true);
    if (fullK > kcMax)
      e.forLoop(e.idx(kcMax), e.idx(fullK), e.idx(kcMax),
                [&](Emitter &e, Value k0) {
                  block(e, k0, kcMax, qc, qLen, false);
                });
    if (k > fullK)
      block(e, e.idx(fullK), k - fullK, qc, qLen, false);
  };
  int64_t fullQ = q / qcMax * qcMax;
  if (fullQ)
    e.forLoop(e.idx(0), e.idx(fullQ), e.idx(qcMax),
              [&](Emitter &e, Value qc) { columns(e, qc, qcMax); });
  if (q > fullQ)
    columns(e, e.idx(fullQ), q - fullQ);
  if (isHeapBuffer(packed))
    memref::DeallocOp::create(e.b, e.loc, packed);
}

} // namespace sparq::loops
