//===- HostArray.h - A dense host array with an element type ----*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// The values sparq-run and sparq-calibrate pass to and receive from JIT-
// compiled functions: a row-major (C order) buffer, its shape and its element
// type, as read from and written to .npy files.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_RUNNER_HOSTARRAY_H
#define SPARQ_RUNNER_HOSTARRAY_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sparq::runner {

/// The element types sparq-run exchanges with compiled code. `U8` exists only
/// on the host side (IDX images before conversion, .npy `|u1`): no signature
/// element type matches it.
enum class DType { F16, F32, F64, I8, I16, I32, I64, U8 };

/// Bytes per element.
unsigned getByteWidth(DType dtype);
/// The MLIR spelling (`f32`, `i8`, ...; `u8` for unsigned bytes).
llvm::StringRef getName(DType dtype);

/// A dense, row-major array owning its bytes.
struct HostArray {
  DType dtype = DType::F32;
  std::vector<int64_t> shape;
  /// `getNumElements() * getByteWidth(dtype)` bytes, little endian.
  std::vector<uint8_t> bytes;

  HostArray() = default;
  /// A zero-filled array.
  HostArray(DType dtype, std::vector<int64_t> shape);

  int64_t getNumElements() const;
  /// Bytes of one row (one index of the first dimension).
  int64_t getRowBytes() const;
  template <typename T> T *data() { return reinterpret_cast<T *>(bytes.data()); }
  template <typename T> const T *data() const {
    return reinterpret_cast<const T *>(bytes.data());
  }
  /// Rows [begin, end) of the first dimension, zero-padded to `padTo` rows
  /// when that is larger.
  HostArray sliceRows(int64_t begin, int64_t end, int64_t padTo = 0) const;
  /// Reads element `i` converted to double (f16 decoded exactly).
  double getAsDouble(int64_t i) const;
};

/// `2x3x4`, or `scalar` for rank 0; dynamic sizes (-1 or ShapedType's
/// kDynamic) print as `?`.
std::string formatShape(llvm::ArrayRef<int64_t> shape);

/// Concatenates same-typed arrays along the first dimension.
HostArray concatRows(llvm::ArrayRef<HostArray> parts);

} // namespace sparq::runner

#endif // SPARQ_RUNNER_HOSTARRAY_H
