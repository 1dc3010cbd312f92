//===- GroupLayout.cpp - Which elements share quantization parameters -----===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#include "sparq/Numerics/GroupLayout.h"

namespace sparq::numerics {

GroupLayout::GroupLayout(Kind kind, std::vector<int64_t> shape, unsigned axis,
                         int64_t groupSize)
    : kind(kind), shape(std::move(shape)), axis(axis), groupSize(groupSize) {
  for (int64_t dim : this->shape)
    numElements *= dim;
  if (kind != Kind::Tensor && axis < this->shape.size()) {
    axisSize = this->shape[axis];
    for (size_t i = axis + 1; i < this->shape.size(); ++i)
      inner *= this->shape[i];
  }
}

GroupLayout GroupLayout::tensor(std::vector<int64_t> shape) {
  return GroupLayout(Kind::Tensor, std::move(shape), 0, 0);
}

GroupLayout GroupLayout::channel(std::vector<int64_t> shape, unsigned axis) {
  return GroupLayout(Kind::Channel, std::move(shape), axis, 0);
}

GroupLayout GroupLayout::group(std::vector<int64_t> shape, unsigned axis,
                               int64_t groupSize) {
  return GroupLayout(Kind::Group, std::move(shape), axis, groupSize);
}

std::string GroupLayout::validate() const {
  for (int64_t dim : shape)
    if (dim < 0)
      return "the shape must be static";
  if (kind == Kind::Tensor)
    return "";
  if (axis >= shape.size())
    return "axis " + std::to_string(axis) + " is out of range for a rank-" +
           std::to_string(shape.size()) + " tensor";
  if (kind == Kind::Group) {
    if (groupSize < 1)
      return "group size must be positive";
    if (axisSize % groupSize != 0)
      return "group size " + std::to_string(groupSize) +
             " does not divide dimension " + std::to_string(axis) +
             " of size " + std::to_string(axisSize);
  }
  return "";
}

int64_t GroupLayout::getNumGroups() const {
  switch (kind) {
  case Kind::Tensor:
    return 1;
  case Kind::Channel:
    return axisSize;
  case Kind::Group:
    return groupSize ? numElements / groupSize : 0;
  }
  return 1;
}

std::vector<int64_t> GroupLayout::getParamShape() const {
  switch (kind) {
  case Kind::Tensor:
    return {1};
  case Kind::Channel:
    return {axisSize};
  case Kind::Group: {
    std::vector<int64_t> result = shape;
    result[axis] /= groupSize;
    return result;
  }
  }
  return {1};
}

} // namespace sparq::numerics
