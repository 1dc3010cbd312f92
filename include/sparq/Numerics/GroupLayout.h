//===- GroupLayout.h - Which elements share quantization parameters -*- C++
//-*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_NUMERICS_GROUPLAYOUT_H
#define SPARQ_NUMERICS_GROUPLAYOUT_H

#include <cstdint>
#include <string>
#include <vector>

namespace sparq::numerics {

/// Maps the elements of a row-major tensor to their granularity group:
/// one group for the tensor, one per index along `axis` (channel), or one per
/// `groupSize` consecutive indices along `axis` for every index of the other
/// axes (group). Group ids are row-major over the parameter shape (the tensor
/// shape with `shape[axis]` replaced by 1 index (channel: only that axis) or
/// `shape[axis] / groupSize`).
class GroupLayout {
public:
  enum class Kind { Tensor, Channel, Group };

  static GroupLayout tensor(std::vector<int64_t> shape);
  static GroupLayout channel(std::vector<int64_t> shape, unsigned axis);
  static GroupLayout group(std::vector<int64_t> shape, unsigned axis,
                           int64_t groupSize);

  /// Checks the layout against its shape; returns an empty string when valid,
  /// or a message naming the rule that fails.
  std::string validate() const;

  int64_t getNumElements() const { return numElements; }
  int64_t getNumGroups() const;
  /// The shape of the scale / zero-point array.
  std::vector<int64_t> getParamShape() const;

  /// The group of the element at row-major position `index`.
  int64_t groupOf(int64_t index) const {
    switch (kind) {
    case Kind::Tensor:
      return 0;
    case Kind::Channel:
      return (index / inner) % axisSize;
    case Kind::Group: {
      int64_t outer = index / (axisSize * inner);
      int64_t along = (index / inner) % axisSize;
      int64_t within = index % inner;
      return (outer * (axisSize / groupSize) + along / groupSize) * inner +
             within;
    }
    }
    return 0;
  }

  Kind getKind() const { return kind; }

private:
  GroupLayout(Kind kind, std::vector<int64_t> shape, unsigned axis,
              int64_t groupSize);

  Kind kind;
  std::vector<int64_t> shape;
  unsigned axis;
  int64_t groupSize;
  int64_t numElements = 1;
  int64_t axisSize = 1; ///< shape[axis]
  int64_t inner = 1;    ///< product of the dims after axis
};

} // namespace sparq::numerics

#endif // SPARQ_NUMERICS_GROUPLAYOUT_H
