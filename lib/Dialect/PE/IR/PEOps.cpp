//===- PEOps.cpp - Instructions of the sparq_pe dialect -------------------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#include "sparq/Dialect/PE/IR/PEOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/DenseSet.h"

using namespace mlir;
using namespace sparq::pe;

static unsigned widthOf(Type type) {
  return cast<ShapedType>(type).getElementTypeBitWidth();
}

/// Checks that `value` (named `name`) holds 1- to 16-bit operands.
static LogicalResult verifyOperandWidth(Operation *op, Value value,
                                        StringRef name) {
  unsigned width = widthOf(value.getType());
  if (width >= 1 && width <= 16)
    return success();
  return op->emitOpError() << "operand '" << name
                           << "' must have 1- to 16-bit elements, got i"
                           << width;
}

/// Checks `a: [M, K]`, `w: [K, N]`, `acc: [M, N]` and that `acc` holds at
/// least A + W + `extraBits` bits.
static LogicalResult verifyMatmulTiles(Operation *op, Value a, Value w,
                                       Value acc, int64_t extraBits = 0) {
  auto aType = cast<RankedTensorType>(a.getType());
  auto wType = cast<RankedTensorType>(w.getType());
  auto accType = cast<RankedTensorType>(acc.getType());
  if (aType.getRank() != 2 || wType.getRank() != 2 || accType.getRank() != 2)
    return op->emitOpError("operands must be rank-2 tiles a: [M, K], w: "
                           "[K, N], acc: [M, N]");
  if (aType.getDimSize(1) != wType.getDimSize(0) ||
      accType.getDimSize(0) != aType.getDimSize(0) ||
      accType.getDimSize(1) != wType.getDimSize(1))
    return op->emitOpError() << "tile shapes do not form a matmul: a "
                             << aType << ", w " << wType << ", acc "
                             << accType;
  if (failed(verifyOperandWidth(op, a, "a")) ||
      failed(verifyOperandWidth(op, w, "w")))
    return failure();
  int64_t need = widthOf(aType) + widthOf(wType) + extraBits;
  if (widthOf(accType) < need || widthOf(accType) > 64)
    return op->emitOpError() << "accumulator i" << widthOf(accType)
                             << " must have between " << need
                             << " (operand bits + shift) and 64 bits";
  return success();
}

/// Checks that `offsets` place a tile of `tileType` inside `fullType`.
static LogicalResult verifyTileInside(Operation *op,
                                      RankedTensorType fullType,
                                      RankedTensorType tileType,
                                      ArrayRef<int64_t> offsets) {
  if (fullType.getElementType() != tileType.getElementType())
    return op->emitOpError() << "tile element type "
                             << tileType.getElementType()
                             << " differs from the global tensor's "
                             << fullType.getElementType();
  if (fullType.getRank() != tileType.getRank() ||
      (int64_t)offsets.size() != fullType.getRank())
    return op->emitOpError() << "expected " << fullType.getRank()
                             << " offsets and a tile of rank "
                             << fullType.getRank();
  for (int64_t d = 0; d < fullType.getRank(); ++d)
    if (offsets[d] < 0 ||
        offsets[d] + tileType.getDimSize(d) > fullType.getDimSize(d))
      return op->emitOpError()
             << "tile of size " << tileType.getDimSize(d) << " at offset "
             << offsets[d] << " leaves dimension " << d << " (size "
             << fullType.getDimSize(d) << ")";
  return success();
}

//===----------------------------------------------------------------------===//
// LoadOp / StoreOp
//===----------------------------------------------------------------------===//

LogicalResult LoadOp::verify() {
  return verifyTileInside(*this, getSource().getType(), getResult().getType(),
                          getOffsets());
}

LogicalResult StoreOp::verify() {
  return verifyTileInside(*this, getDest().getType(), getTile().getType(),
                          getOffsets());
}

//===----------------------------------------------------------------------===//
// MacOp
//===----------------------------------------------------------------------===//

/// Checks a DRQ region size `[RH, RW]` and, when given, that `maskType` is
/// the `[ceil(M/RH), ceil(K/RW)] x i1` mask of an `[M, K]` tile.
static LogicalResult verifyRegionMask(Operation *op, ArrayRef<int64_t> size,
                                   RankedTensorType tileType,
                                   RankedTensorType maskType) {
  if (size.size() != 2 || size[0] < 1 || size[1] < 1)
    return op->emitOpError("region size must be two positive integers "
                           "[rows, cols]");
  if (tileType.getRank() != 2)
    return op->emitOpError("regions need a rank-2 activation tile");
  SmallVector<int64_t> expected = {
      (int64_t)llvm::divideCeil(tileType.getDimSize(0), size[0]),
      (int64_t)llvm::divideCeil(tileType.getDimSize(1), size[1])};
  if (maskType.getShape() != ArrayRef<int64_t>(expected) ||
      !maskType.getElementType().isInteger(1))
    return op->emitOpError() << "region mask must be tensor<" << expected[0]
                             << "x" << expected[1] << "xi1>, got "
                             << maskType;
  return success();
}

LogicalResult MacOp::verify() {
  int64_t shift = static_cast<int64_t>(getShift());
  if (shift < 0 || shift > 32)
    return emitOpError() << "shift must be in [0, 32], got " << shift;
  if (failed(verifyMatmulTiles(*this, getA(), getW(), getAcc(), shift)))
    return failure();
  bool hasMask = static_cast<bool>(getMask());
  if (hasMask != static_cast<bool>(getRegionClass()) ||
      hasMask != static_cast<bool>(getRegionSize()))
    return emitOpError("a region mask needs both a region class and a "
                       "region size, and they need the mask");
  if (!hasMask)
    return success();
  return verifyRegionMask(*this, *getRegionSize(), getA().getType(),
                       getMask().getType());
}

//===----------------------------------------------------------------------===//
// FusedMacOp / BitBrickOp
//===----------------------------------------------------------------------===//

/// BitBrick operands have an even width of 2 to 16 bits.
static LogicalResult verifyDigitWidth(Operation *op, Value value,
                                      StringRef name) {
  unsigned width = widthOf(value.getType());
  if (width % 2 == 0 && width >= 2 && width <= 16)
    return success();
  return op->emitOpError() << "BitBrick operand '" << name
                           << "' must have an even width of 2 to 16 bits, "
                              "got i"
                           << width;
}

int64_t FusedMacOp::getBitBricksPerProduct() {
  return (widthOf(getA().getType()) / 2) * (widthOf(getW().getType()) / 2);
}

LogicalResult FusedMacOp::verifyRegions() {
  if (failed(verifyMatmulTiles(*this, getA(), getW(), getAcc())) ||
      failed(verifyDigitWidth(*this, getA(), "a")) ||
      failed(verifyDigitWidth(*this, getW(), "w")))
    return failure();
  Block &body = getBody().front();
  if (body.getNumArguments() != 3 ||
      body.getArgument(0).getType() != getA().getType() ||
      body.getArgument(1).getType() != getW().getType() ||
      body.getArgument(2).getType() != getAcc().getType())
    return emitOpError("body must take the operands (a, w, acc) as its "
                       "block arguments");
  int64_t aDigits = widthOf(getA().getType()) / 2;
  int64_t wDigits = widthOf(getW().getType()) / 2;
  llvm::DenseSet<std::pair<int64_t, int64_t>> seen;
  Value chain = body.getArgument(2);
  for (Operation &op : body) {
    if (auto yield = dyn_cast<YieldOp>(op)) {
      if (yield.getValue() != chain)
        return emitOpError("body must yield the accumulator of its last "
                           "BitBrick");
      continue;
    }
    auto brick = dyn_cast<BitBrickOp>(op);
    if (!brick)
      return op.emitOpError("is not allowed in a fusion unit (only "
                            "sparq_pe.bitbrick and sparq_pe.yield)");
    if (brick.getA() != body.getArgument(0) ||
        brick.getW() != body.getArgument(1) || brick.getAcc() != chain)
      return brick.emitOpError("must read the fusion unit's a and w and the "
                               "previous accumulator");
    if (brick.getASign() != getASign() || brick.getWSign() != getWSign())
      return brick.emitOpError("signedness differs from its fusion unit's");
    if (!seen.insert({brick.getADigit(), brick.getWDigit()}).second)
      return brick.emitOpError() << "repeats digit pair ("
                                 << brick.getADigit() << ", "
                                 << brick.getWDigit() << ")";
    chain = brick.getResult();
  }
  if ((int64_t)seen.size() != aDigits * wDigits)
    return emitOpError() << "a " << widthOf(getA().getType()) << "x"
                         << widthOf(getW().getType())
                         << " fusion unit needs " << aDigits * wDigits
                         << " BitBricks (one per digit pair), got "
                         << seen.size();
  return success();
}

LogicalResult BitBrickOp::verify() {
  if (failed(verifyMatmulTiles(*this, getA(), getW(), getAcc())) ||
      failed(verifyDigitWidth(*this, getA(), "a")) ||
      failed(verifyDigitWidth(*this, getW(), "w")))
    return failure();
  int64_t aDigits = widthOf(getA().getType()) / 2;
  int64_t wDigits = widthOf(getW().getType()) / 2;
  if ((int64_t)getADigit() >= aDigits || (int64_t)getWDigit() >= wDigits)
    return emitOpError() << "digit pair (" << getADigit() << ", "
                         << getWDigit() << ") outside the " << aDigits
                         << "x" << wDigits << " digits of the operands";
  return success();
}

//===----------------------------------------------------------------------===//
// RegionSelectOp / HighBitsOp
//===----------------------------------------------------------------------===//

LogicalResult RegionSelectOp::verify() {
  if (failed(verifyOperandWidth(*this, getInput(), "input")) ||
      failed(verifyRegionMask(*this, getRegionSize(), getInput().getType(),
                           getMask().getType())))
    return failure();
  if (static_cast<bool>(getThreshold()) == static_cast<bool>(getTop()))
    return emitOpError("needs exactly one of threshold(T) and top(R)");
  int64_t regions = getMask().getType().getNumElements();
  if (getTop() && static_cast<int64_t>(*getTop()) > regions)
    return emitOpError() << "top(" << *getTop() << ") exceeds the "
                         << regions << " regions";
  return success();
}

LogicalResult HighBitsOp::verify() {
  if (getInput().getType().getShape() != getResult().getType().getShape())
    return emitOpError("result must have the input's shape");
  unsigned from = widthOf(getInput().getType());
  unsigned to = widthOf(getResult().getType());
  if (to >= from || from > 16)
    return emitOpError() << "keeps the high bits of an at most 16-bit input "
                            "in fewer bits: i"
                         << from << " -> i" << to << " is not narrowing";
  return success();
}

//===----------------------------------------------------------------------===//
// AtomMacOp
//===----------------------------------------------------------------------===//

LogicalResult AtomMacOp::verify() {
  return verifyMatmulTiles(*this, getA(), getW(), getAcc());
}

//===----------------------------------------------------------------------===//
// BitmapEncodeOp / InnerJoinOp
//===----------------------------------------------------------------------===//

LogicalResult BitmapEncodeOp::verify() {
  RankedTensorType type = getInput().getType();
  if (type.getRank() != 2 || getDim() > 1)
    return emitOpError("encodes a rank-2 tile along dimension 0 or 1");
  if (getBitmap().getType().getShape() != type.getShape() ||
      !getBitmap().getType().getElementType().isInteger(1))
    return emitOpError() << "bitmap must be the input's shape in i1, got "
                         << getBitmap().getType();
  return success();
}

LogicalResult InnerJoinOp::verify() {
  if (failed(verifyMatmulTiles(*this, getAValues(), getWValues(), getAcc())))
    return failure();
  auto isBitmapOf = [](Value bitmap, Value values) {
    auto type = cast<RankedTensorType>(bitmap.getType());
    return type.getShape() ==
               cast<RankedTensorType>(values.getType()).getShape() &&
           type.getElementType().isInteger(1);
  };
  if (!isBitmapOf(getABitmap(), getAValues()) ||
      !isBitmapOf(getWBitmap(), getWValues()))
    return emitOpError("each bitmap must be its values' shape in i1");
  return success();
}

#define GET_OP_CLASSES
#include "sparq/Dialect/PE/IR/PEOps.cpp.inc"
