//===- Idx.cpp - Read IDX files (MNIST / Fashion-MNIST) -------------------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#include "sparq/Runner/Idx.h"

#include <cstring>
#include <zlib.h>

namespace sparq::runner {

static llvm::Error fail(llvm::StringRef name, const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 (name + ": " + message).str());
}

llvm::Expected<std::string> gunzip(llvm::StringRef contents,
                                   llvm::StringRef name) {
  z_stream stream;
  std::memset(&stream, 0, sizeof(stream));
  // 16 + MAX_WBITS: expect a gzip wrapper.
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK)
    return fail(name, "cannot initialize zlib");
  std::string out;
  const auto *next = reinterpret_cast<const Bytef *>(contents.data());
  size_t remaining = contents.size();
  char chunk[1 << 16];
  int status = Z_OK;
  while (true) {
    stream.next_in = const_cast<Bytef *>(next);
    stream.avail_in = static_cast<uInt>(remaining);
    stream.next_out = reinterpret_cast<Bytef *>(chunk);
    stream.avail_out = sizeof(chunk);
    status = inflate(&stream, Z_NO_FLUSH);
    out.append(chunk, sizeof(chunk) - stream.avail_out);
    size_t consumed = remaining - stream.avail_in;
    next += consumed;
    remaining -= consumed;
    if (status == Z_STREAM_END) {
      if (remaining == 0)
        break;
      inflateReset(&stream); // another gzip member follows
      continue;
    }
    if (status != Z_OK && status != Z_BUF_ERROR)
      break;
    if (status == Z_BUF_ERROR && remaining == 0 && stream.avail_out != 0)
      break; // truncated
  }
  inflateEnd(&stream);
  if (status != Z_STREAM_END)
    return fail(name, "corrupt or truncated gzip data");
  return out;
}

static uint32_t readBigEndian32(const uint8_t *p) {
  return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) |
         (uint32_t(p[2]) << 8) | uint32_t(p[3]);
}

llvm::Expected<HostArray> parseIdx(llvm::StringRef contents,
                                   llvm::StringRef name) {
  const auto *bytes = contents.bytes_begin();
  if (contents.size() < 4 || bytes[0] != 0 || bytes[1] != 0)
    return fail(name, "not an IDX file (no 00 00 magic)");
  DType dtype;
  switch (bytes[2]) {
  case 0x08:
    dtype = DType::U8;
    break;
  case 0x09:
    dtype = DType::I8;
    break;
  case 0x0B:
    dtype = DType::I16;
    break;
  case 0x0C:
    dtype = DType::I32;
    break;
  case 0x0D:
    dtype = DType::F32;
    break;
  case 0x0E:
    dtype = DType::F64;
    break;
  default:
    return fail(name, "malformed IDX file: unknown data type 0x" +
                          llvm::Twine::utohexstr(bytes[2]));
  }
  unsigned rank = bytes[3];
  if (contents.size() < 4 + 4 * size_t(rank))
    return fail(name, "malformed IDX file: truncated header");
  std::vector<int64_t> shape;
  uint64_t count = 1;
  for (unsigned d = 0; d < rank; ++d) {
    uint32_t size = readBigEndian32(bytes + 4 + 4 * d);
    shape.push_back(size);
    if (size != 0 && count > (uint64_t(1) << 48) / size)
      return fail(name, "malformed IDX file: shape too large");
    count *= size;
  }
  unsigned width = getByteWidth(dtype);
  size_t offset = 4 + 4 * size_t(rank);
  if (contents.size() - offset != count * width)
    return fail(name, "malformed IDX file: shape " + formatShape(shape) +
                          " needs " + llvm::Twine(count * width) +
                          " data bytes, the file has " +
                          llvm::Twine(contents.size() - offset));
  HostArray array(dtype, shape);
  // Big endian to little endian: reverse the bytes of every element.
  for (uint64_t i = 0; i < count; ++i)
    for (unsigned b = 0; b < width; ++b)
      array.bytes[i * width + b] = bytes[offset + i * width + (width - 1 - b)];
  return array;
}

HostArray convertImages(const HostArray &images, ImageLayout layout) {
  if (layout == ImageLayout::Raw || images.dtype != DType::U8 ||
      images.shape.size() != 3)
    return images;
  int64_t n = images.shape[0], h = images.shape[1], w = images.shape[2];
  std::vector<int64_t> shape;
  switch (layout) {
  case ImageLayout::NCHW:
    shape = {n, 1, h, w};
    break;
  case ImageLayout::NHWC:
    shape = {n, h, w, 1};
    break;
  case ImageLayout::Flat:
    shape = {n, h * w};
    break;
  case ImageLayout::Raw:
    break;
  }
  HostArray result(DType::F32, shape);
  const uint8_t *in = images.data<uint8_t>();
  float *out = result.data<float>();
  // The pixel order is the same in all three layouts (one channel).
  for (int64_t i = 0, e = images.getNumElements(); i < e; ++i)
    out[i] = static_cast<float>(in[i]) / 255.0f;
  return result;
}

} // namespace sparq::runner
