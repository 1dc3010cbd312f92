//===- GroupedConv.cpp - Grouped convolutions as per-group convolutions ---===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#include "GroupedConv.h"

#include "sparq/Dialect/Sparq/Transforms/WeightOperand.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <vector>

using namespace mlir;

namespace sparq {

/// A rank-reducing slice of `source` at `index` of axis 1 (the group axis of
/// [N, G, ...]), as `type`.
static Value sliceGroup(OpBuilder &b, Location loc, Value source,
                        RankedTensorType type, int64_t index,
                        SmallVectorImpl<OpFoldResult> &sizes) {
  auto sourceType = cast<RankedTensorType>(source.getType());
  int64_t rank = sourceType.getRank();
  SmallVector<OpFoldResult> offsets(rank, b.getIndexAttr(0));
  offsets[1] = b.getIndexAttr(index);
  sizes.clear();
  for (int64_t d = 0; d < rank; ++d)
    sizes.push_back(b.getIndexAttr(d == 1 ? 1 : sourceType.getDimSize(d)));
  SmallVector<OpFoldResult> strides(rank, b.getIndexAttr(1));
  return tensor::ExtractSliceOp::create(b, loc, type, source, offsets, sizes,
                                        strides);
}

static void splitOne(linalg::Conv2DNgchwGfchwOp conv) {
  Value input = conv.getInputs()[0], filter = conv.getInputs()[1];
  Value init = conv.getOutputs()[0];
  auto inputType = cast<RankedTensorType>(input.getType());
  auto filterType = cast<RankedTensorType>(filter.getType());
  auto initType = cast<RankedTensorType>(init.getType());
  std::vector<float> data;
  if (!inputType.hasStaticShape() || !filterType.hasStaticShape() ||
      !initType.hasStaticShape() || filterType.getEncoding() ||
      !filterType.getElementType().isF32() ||
      !filter.getDefiningOp<arith::ConstantOp>() ||
      !readConstantF32(filter, data))
    return;
  ArrayRef<int64_t> x = inputType.getShape(), w = filterType.getShape(),
                    y = initType.getShape();
  int64_t groups = w[0];
  auto groupInput =
      RankedTensorType::get({x[0], x[2], x[3], x[4]}, inputType.getElementType());
  auto groupFilter =
      RankedTensorType::get({w[1], w[2], w[3], w[4]}, filterType.getElementType());
  auto groupInit =
      RankedTensorType::get({y[0], y[2], y[3], y[4]}, initType.getElementType());
  int64_t perGroup = groupFilter.getNumElements();

  OpBuilder b(conv);
  Location loc = conv.getLoc();
  Value result = init;
  SmallVector<OpFoldResult> sizes;
  for (int64_t g = 0; g < groups; ++g) {
    Value xg = sliceGroup(b, loc, input, groupInput, g, sizes);
    Value initg = sliceGroup(b, loc, init, groupInit, g, sizes);
    const float *begin = data.data() + g * perGroup;
    Value wg = createResourceConstant(
        b, filter.getLoc(), groupFilter,
        ArrayRef<char>(reinterpret_cast<const char *>(begin),
                       perGroup * sizeof(float)),
        "sparq_group_filter");
    auto groupConv = linalg::Conv2DNchwFchwOp::create(
        b, loc, TypeRange{groupInit}, ValueRange{xg, wg}, ValueRange{initg},
        conv.getStrides(), conv.getDilations());
    for (NamedAttribute attr : conv->getDiscardableAttrs())
      if (!attr.getName().getValue().starts_with("linalg."))
        groupConv->setAttr(attr.getName(), attr.getValue());
    // `sizes` is the init slice's: [N, 1, F/G, OH, OW].
    SmallVector<OpFoldResult> offsets(5, b.getIndexAttr(0));
    offsets[1] = b.getIndexAttr(g);
    SmallVector<OpFoldResult> strides(5, b.getIndexAttr(1));
    result = tensor::InsertSliceOp::create(b, loc, groupConv.getResult(0),
                                           result, offsets, sizes, strides);
  }
  conv.getResult(0).replaceAllUsesWith(result);
  Operation *filterOp = filter.getDefiningOp();
  conv.erase();
  if (filterOp->use_empty())
    filterOp->erase();
}

void splitGroupedConvolutions(Operation *root, ArrayRef<std::string> names) {
  SmallVector<linalg::Conv2DNgchwGfchwOp> convs;
  root->walk([&](linalg::Conv2DNgchwGfchwOp conv) {
    if (names.empty() || llvm::any_of(names, [&](const std::string &name) {
          return hasLocationName(conv, name);
        }))
      convs.push_back(conv);
  });
  for (linalg::Conv2DNgchwGfchwOp conv : convs)
    splitOne(conv);
}

} // namespace sparq
