//===- EncodedReshape.cpp - Reshaping compressed tensors by their parts ---===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#include "EncodedReshape.h"

#include "sparq/Dialect/Sparq/IR/SparqOps.h"
#include "sparq/Dialect/Sparq/IR/SparqTypes.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "llvm/ADT/DenseMap.h"

using namespace mlir;

namespace sparq {

EncodingAttr getReshapedEncoding(EncodingAttr enc, QuantAttr quant) {
  return EncodingAttr::get(enc.getContext(), enc.getFormat(), enc.getN(),
                           enc.getM(), enc.getBlockRows(), enc.getBlockCols(),
                           enc.getPosWidth(), enc.getCrdWidth(),
                           enc.getMetaWidth(), /*rowDims=*/0,
                           enc.getStructure(), quant);
}

QuantAttr withQuantAxis(QuantAttr quant, unsigned axis) {
  if (!quant || quant.getGranularity() == Granularity::Tensor)
    return quant;
  return QuantAttr::get(quant.getContext(), quant.getStorageType(),
                        quant.getExpressedType(), quant.getScheme(),
                        quant.getGranularity(), axis, quant.getGroupSize(),
                        quant.getRounding());
}

Value buildCollapsedOperand(OpBuilder &b, Location loc, Value value,
                            RankedTensorType type,
                            ArrayRef<ReassociationIndices> collapse) {
  if (!getSparqEncoding(type))
    return tensor::CollapseShapeOp::create(b, loc, type, value, collapse);
  llvm::SmallDenseMap<unsigned, Value> byKind;
  for (const CompressedPart &part : getCompressedParts(type)) {
    Value v = PartOp::create(b, loc, value, part.kind);
    if (v.getType() != part.type)
      v = tensor::CollapseShapeOp::create(b, loc, part.type, v, collapse);
    byKind[static_cast<unsigned>(part.kind)] = v;
  }
  auto get = [&](PartKind kind) {
    return byKind.lookup(static_cast<unsigned>(kind));
  };
  return AssembleOp::create(
      b, loc, type, get(PartKind::Values), get(PartKind::Positions),
      get(PartKind::Coordinates), get(PartKind::Bitmap),
      get(PartKind::Metadata), get(PartKind::Scales),
      get(PartKind::ZeroPoints), get(PartKind::Codebook));
}

} // namespace sparq
