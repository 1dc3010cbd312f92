//===- TileValues.cpp - Compile-time values of PE tiles -------------------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#include "TileValues.h"

#include "sparq/Dialect/PE/IR/PEOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "llvm/ADT/STLExtras.h"

#include <algorithm>
#include <cstring>
#include <numeric>

using namespace mlir;

namespace sparq::pe {

namespace {

uint64_t maskOf(unsigned width) {
  return width >= 64 ? ~uint64_t(0) : (uint64_t(1) << width) - 1;
}

std::string describe(Operation *op) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << "'" << op->getName() << "' at " << op->getLoc();
  return s;
}

SmallVector<int64_t> stridesOf(ArrayRef<int64_t> shape) {
  SmallVector<int64_t> strides(shape.size(), 1);
  for (int64_t d = static_cast<int64_t>(shape.size()) - 2; d >= 0; --d)
    strides[d] = strides[d + 1] * shape[d + 1];
  return strides;
}

std::unique_ptr<Tile> makeTile(RankedTensorType type) {
  auto t = std::make_unique<Tile>();
  t->shape.assign(type.getShape().begin(), type.getShape().end());
  t->width = type.getElementType().getIntOrFloatBitWidth();
  t->bits.assign(type.getNumElements(), 0);
  return t;
}

/// result[i] = src[offsets + i] for every index i of the result's shape.
std::unique_ptr<Tile> slice(const Tile &src, ArrayRef<int64_t> offsets,
                            RankedTensorType resultType) {
  auto out = makeTile(resultType);
  SmallVector<int64_t> srcStrides = stridesOf(src.shape);
  SmallVector<int64_t> idx(out->shape.size(), 0);
  for (int64_t i = 0, e = out->numel(); i < e; ++i) {
    int64_t at = 0;
    for (size_t d = 0; d < idx.size(); ++d)
      at += (offsets[d] + idx[d]) * srcStrides[d];
    out->bits[i] = src.bits[at];
    for (int64_t d = static_cast<int64_t>(idx.size()) - 1; d >= 0; --d) {
      if (++idx[d] < out->shape[d])
        break;
      idx[d] = 0;
    }
  }
  return out;
}

/// The raw little-endian elements of a dense or dense_resource constant.
std::unique_ptr<Tile> fromConstant(ElementsAttr attr, RankedTensorType type,
                                   std::string &why) {
  auto out = makeTile(type);
  unsigned width = out->width;
  auto copyRaw = [&](ArrayRef<char> raw, bool splat) -> bool {
    unsigned bytes = width / 8;
    if (width % 8 || bytes > 8)
      return false;
    for (int64_t i = 0, e = out->numel(); i < e; ++i) {
      uint64_t v = 0;
      std::memcpy(&v, raw.data() + (splat ? 0 : i * bytes), bytes);
      out->bits[i] = v & maskOf(width);
    }
    return true;
  };
  if (auto dense = dyn_cast<DenseIntElementsAttr>(attr)) {
    if (width % 8 == 0 && width <= 64 &&
        copyRaw(dense.getRawData(), dense.isSplat()))
      return out;
    int64_t i = 0;
    for (const APInt &v : dense.getValues<APInt>())
      out->bits[i++] = v.getZExtValue() & maskOf(width);
    return out;
  }
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(attr)) {
    AsmResourceBlob *blob = resource.getRawHandle().getBlob();
    if (!blob) {
      why = "the dense_resource constant has no data";
      return nullptr;
    }
    ArrayRef<char> raw = blob->getData();
    if (static_cast<int64_t>(raw.size()) < out->numel() * (width / 8) ||
        !copyRaw(raw, false)) {
      why = "the simulator reads dense_resource constants of 8-, 16-, 32- "
            "or 64-bit integers only";
      return nullptr;
    }
    return out;
  }
  why = "the constant is not a dense integer tensor";
  return nullptr;
}

} // namespace

int64_t Tile::get(int64_t i, bool isSigned) const {
  uint64_t v = bits[i];
  if (isSigned && width < 64 && (v >> (width - 1)) & 1)
    return static_cast<int64_t>(v | ~maskOf(width));
  return static_cast<int64_t>(v);
}

const Tile *TileValues::get(Value v, std::string &why) {
  auto it = cache.find(v);
  if (it != cache.end())
    return it->second.get();
  auto type = dyn_cast<RankedTensorType>(v.getType());
  if (!type || !type.hasStaticShape() ||
      !type.getElementType().isSignlessInteger()) {
    why = "the value is not a static tensor of signless integers";
    return nullptr;
  }

  std::unique_ptr<Tile> tile;
  if (auto arg = dyn_cast<BlockArgument>(v)) {
    auto func = dyn_cast<func::FuncOp>(arg.getOwner()->getParentOp());
    if (!func || arg.getOwner() != &func.getBody().front()) {
      why = "the value is a block argument of a nested region";
      return nullptr;
    }
    std::string name = "argument #" + std::to_string(arg.getArgNumber()) +
                       " of @" + func.getSymName().str();
    auto fn = arguments.find(func.getSymName());
    if (fn == arguments.end() || !fn->second.count(arg.getArgNumber())) {
      why = "it depends on " + name +
            ", known only at run time (give its values with input=FILE.json)";
      return nullptr;
    }
    const std::vector<int64_t> &data = fn->second.at(arg.getArgNumber());
    tile = makeTile(type);
    if (static_cast<int64_t>(data.size()) != tile->numel()) {
      why = "input gives " + std::to_string(data.size()) + " values for " +
            name + ", which has " + std::to_string(tile->numel());
      return nullptr;
    }
    unsigned w = tile->width;
    for (size_t i = 0; i < data.size(); ++i) {
      int64_t x = data[i];
      bool fits = w >= 64 || (x >= -(int64_t(1) << (w - 1)) &&
                              x <= static_cast<int64_t>(maskOf(w)));
      if (!fits) {
        why = "input value " + std::to_string(x) + " for " + name +
              " does not fit " + std::to_string(w) + " bits";
        return nullptr;
      }
      tile->bits[i] = static_cast<uint64_t>(x) & maskOf(w);
    }
  } else {
    Operation *op = v.getDefiningOp();
    auto operand = [&](Value x) { return get(x, why); };
    if (auto cst = dyn_cast<arith::ConstantOp>(op)) {
      auto attr = dyn_cast<ElementsAttr>(cst.getValue());
      if (!attr) {
        why = "the constant is not a tensor";
        return nullptr;
      }
      tile = fromConstant(attr, type, why);
    } else if (auto load = dyn_cast<LoadOp>(op)) {
      if (const Tile *src = operand(load.getSource()))
        tile = slice(*src, load.getOffsets(), type);
    } else if (auto ex = dyn_cast<tensor::ExtractSliceOp>(op)) {
      if (ex.getSourceType().getRank() != type.getRank() ||
          !llvm::all_of(ex.getStaticStrides(),
                        [](int64_t s) { return s == 1; }) ||
          ShapedType::isDynamicShape(ex.getStaticOffsets())) {
        why = "the simulator reads only static, unit-stride, rank-preserving "
              "tensor.extract_slice at " +
              describe(op);
        return nullptr;
      }
      if (const Tile *src = operand(ex.getSource()))
        tile = slice(*src, ex.getStaticOffsets(), type);
    } else if (isa<arith::ExtSIOp, arith::ExtUIOp, arith::TruncIOp>(op)) {
      if (const Tile *src = operand(op->getOperand(0))) {
        tile = makeTile(type);
        bool sext = isa<arith::ExtSIOp>(op);
        for (int64_t i = 0; i < src->numel(); ++i)
          tile->bits[i] =
              static_cast<uint64_t>(src->get(i, sext)) & maskOf(tile->width);
      }
    } else if (auto hi = dyn_cast<HighBitsOp>(op)) {
      if (const Tile *src = operand(hi.getInput())) {
        tile = makeTile(type);
        bool isSigned = hi.getSign() == Signedness::Signed;
        unsigned drop = src->width - tile->width;
        for (int64_t i = 0; i < src->numel(); ++i) {
          int64_t x = src->get(i, isSigned);
          uint64_t shifted = isSigned ? static_cast<uint64_t>(x >> drop)
                                      : static_cast<uint64_t>(x) >> drop;
          tile->bits[i] = shifted & maskOf(tile->width);
        }
      }
    } else if (auto sel = dyn_cast<RegionSelectOp>(op)) {
      if (const Tile *src = operand(sel.getInput())) {
        tile = makeTile(type);
        bool isSigned = sel.getSign() == Signedness::Signed;
        ArrayRef<int64_t> rs = sel.getRegionSize();
        int64_t m = src->shape[0], k = src->shape[1];
        int64_t rows = tile->shape[0], cols = tile->shape[1];
        std::vector<int64_t> sum(rows * cols, 0), count(rows * cols, 0);
        for (int64_t i = 0; i < m; ++i)
          for (int64_t j = 0; j < k; ++j) {
            int64_t x = src->get(i * k + j, isSigned);
            int64_t r = (i / rs[0]) * cols + j / rs[1];
            sum[r] += x < 0 ? -x : x;
            ++count[r];
          }
        if (std::optional<uint64_t> t = sel.getThreshold()) {
          for (int64_t r = 0; r < rows * cols; ++r)
            tile->bits[r] =
                sum[r] > static_cast<int64_t>(*t) * count[r] ? 1 : 0;
        } else {
          std::vector<int64_t> order(rows * cols);
          std::iota(order.begin(), order.end(), 0);
          std::stable_sort(order.begin(), order.end(),
                           [&](int64_t r, int64_t q) {
                             return sum[r] * count[q] > sum[q] * count[r];
                           });
          int64_t top = static_cast<int64_t>(sel.getTop().value_or(0));
          for (int64_t i = 0; i < std::min<int64_t>(top, rows * cols); ++i)
            tile->bits[order[i]] = 1;
        }
      }
    } else if (auto enc = dyn_cast<BitmapEncodeOp>(op)) {
      if (const Tile *src = operand(enc.getInput())) {
        // Only the bitmap decides the work; the packed values are
        // evaluated too so that nothing downstream is left unknown.
        auto values = makeTile(cast<RankedTensorType>(enc.getValues().getType()));
        auto bitmap = makeTile(cast<RankedTensorType>(enc.getBitmap().getType()));
        int64_t dim = static_cast<int64_t>(enc.getDim());
        int64_t rows = src->shape[0], cols = src->shape[1];
        int64_t lines = dim == 1 ? rows : cols, len = dim == 1 ? cols : rows;
        for (int64_t l = 0; l < lines; ++l) {
          int64_t next = 0;
          for (int64_t p = 0; p < len; ++p) {
            int64_t at = dim == 1 ? l * cols + p : p * cols + l;
            if (src->bits[at] == 0)
              continue;
            bitmap->bits[at] = 1;
            int64_t to = dim == 1 ? l * cols + next : next * cols + l;
            values->bits[to] = src->bits[at];
            ++next;
          }
        }
        cache[enc.getValues()] = std::move(values);
        cache[enc.getBitmap()] = std::move(bitmap);
        return cache[v].get();
      }
    } else {
      why = "the simulator cannot evaluate " + describe(op);
      return nullptr;
    }
  }
  if (!tile)
    return nullptr;
  const Tile *result = tile.get();
  cache[v] = std::move(tile);
  return result;
}

} // namespace sparq::pe
