//===- HostArray.cpp - A dense host array with an element type -----------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#include "sparq/Runner/HostArray.h"

#include <cassert>
#include <cmath>
#include <cstring>

namespace sparq::runner {

unsigned getByteWidth(DType dtype) {
  switch (dtype) {
  case DType::F16:
  case DType::I16:
    return 2;
  case DType::F32:
  case DType::I32:
    return 4;
  case DType::F64:
  case DType::I64:
    return 8;
  case DType::I8:
  case DType::U8:
    return 1;
  }
  return 1;
}

llvm::StringRef getName(DType dtype) {
  switch (dtype) {
  case DType::F16:
    return "f16";
  case DType::F32:
    return "f32";
  case DType::F64:
    return "f64";
  case DType::I8:
    return "i8";
  case DType::I16:
    return "i16";
  case DType::I32:
    return "i32";
  case DType::I64:
    return "i64";
  case DType::U8:
    return "u8";
  }
  return "?";
}

HostArray::HostArray(DType dtype, std::vector<int64_t> shape)
    : dtype(dtype), shape(std::move(shape)) {
  bytes.assign(getNumElements() * getByteWidth(dtype), 0);
}

int64_t HostArray::getNumElements() const {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

int64_t HostArray::getRowBytes() const {
  assert(!shape.empty() && "rows of a rank-0 array");
  return shape[0] == 0 ? 0 : static_cast<int64_t>(bytes.size()) / shape[0];
}

HostArray HostArray::sliceRows(int64_t begin, int64_t end,
                               int64_t padTo) const {
  std::vector<int64_t> sliceShape = shape;
  sliceShape[0] = std::max(end - begin, padTo);
  HostArray slice(dtype, sliceShape);
  int64_t rowBytes = getRowBytes();
  if (end > begin)
    std::memcpy(slice.bytes.data(), bytes.data() + begin * rowBytes,
                (end - begin) * rowBytes);
  return slice;
}

/// Decodes an IEEE binary16 value exactly.
static double decodeHalf(uint16_t h) {
  int exponent = (h >> 10) & 0x1f;
  int mantissa = h & 0x3ff;
  double sign = (h & 0x8000) ? -1.0 : 1.0;
  if (exponent == 0)
    return sign * std::ldexp(mantissa, -24);
  if (exponent == 31)
    return mantissa ? NAN : sign * INFINITY;
  return sign * std::ldexp(mantissa + 1024, exponent - 25);
}

double HostArray::getAsDouble(int64_t i) const {
  switch (dtype) {
  case DType::F16:
    return decodeHalf(data<uint16_t>()[i]);
  case DType::F32:
    return data<float>()[i];
  case DType::F64:
    return data<double>()[i];
  case DType::I8:
    return data<int8_t>()[i];
  case DType::I16:
    return data<int16_t>()[i];
  case DType::I32:
    return data<int32_t>()[i];
  case DType::I64:
    return static_cast<double>(data<int64_t>()[i]);
  case DType::U8:
    return data<uint8_t>()[i];
  }
  return 0;
}

std::string formatShape(llvm::ArrayRef<int64_t> shape) {
  if (shape.empty())
    return "scalar";
  std::string text;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i)
      text += "x";
    text += shape[i] < 0 ? std::string("?") : std::to_string(shape[i]);
  }
  return text;
}

HostArray concatRows(llvm::ArrayRef<HostArray> parts) {
  assert(!parts.empty() && "nothing to concatenate");
  std::vector<int64_t> shape = parts.front().shape;
  shape[0] = 0;
  size_t total = 0;
  for (const HostArray &part : parts) {
    shape[0] += part.shape[0];
    total += part.bytes.size();
  }
  HostArray result;
  result.dtype = parts.front().dtype;
  result.shape = shape;
  result.bytes.reserve(total);
  for (const HostArray &part : parts)
    result.bytes.insert(result.bytes.end(), part.bytes.begin(),
                        part.bytes.end());
  return result;
}

} // namespace sparq::runner
