//===- Npy.cpp - Read and write NumPy .npy files --------------------------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// The .npy format: the magic "\x93NUMPY", a major and a minor version byte,
// the header length (u16 in version 1, u32 in versions 2 and 3, little
// endian), then the header, a Python dict literal such as
// `{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }`, padded with
// spaces and a newline; the raw data follows.
//
//===----------------------------------------------------------------------===//

#include "sparq/Runner/Npy.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

namespace sparq::runner {

static llvm::Error fail(llvm::StringRef name, const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 (name + ": " + message).str());
}

/// The value text after `'key':` in the header dict, or an empty optional.
static std::optional<llvm::StringRef> findValue(llvm::StringRef header,
                                                llvm::StringRef key) {
  for (char quote : {'\'', '"'}) {
    std::string quoted = (llvm::Twine(quote) + key + llvm::Twine(quote)).str();
    size_t pos = header.find(quoted);
    if (pos == llvm::StringRef::npos)
      continue;
    llvm::StringRef rest = header.drop_front(pos + quoted.size()).ltrim();
    if (!rest.consume_front(":"))
      return std::nullopt;
    return rest.ltrim();
  }
  return std::nullopt;
}

static std::optional<DType> parseDescr(llvm::StringRef descr) {
  if (descr.size() != 3)
    return std::nullopt;
  char order = descr[0];
  llvm::StringRef kind = descr.drop_front();
  bool single = kind == "i1" || kind == "u1";
  // '|' (no byte order) only makes sense for one-byte types; '<' and '='
  // (native, and this runs on little-endian hosts) for all.
  if (!(order == '<' || order == '=' || (order == '|' && single)))
    return std::nullopt;
  return llvm::StringSwitch<std::optional<DType>>(kind)
      .Case("f2", DType::F16)
      .Case("f4", DType::F32)
      .Case("f8", DType::F64)
      .Case("i1", DType::I8)
      .Case("i2", DType::I16)
      .Case("i4", DType::I32)
      .Case("i8", DType::I64)
      .Case("u1", DType::U8)
      .Default(std::nullopt);
}

static llvm::StringRef getDescr(DType dtype) {
  switch (dtype) {
  case DType::F16:
    return "<f2";
  case DType::F32:
    return "<f4";
  case DType::F64:
    return "<f8";
  case DType::I8:
    return "|i1";
  case DType::I16:
    return "<i2";
  case DType::I32:
    return "<i4";
  case DType::I64:
    return "<i8";
  case DType::U8:
    return "|u1";
  }
  return "";
}

llvm::Expected<HostArray> parseNpy(llvm::StringRef contents,
                                   llvm::StringRef name) {
  if (!contents.starts_with("\x93NUMPY"))
    return fail(name, "not a .npy file (no \\x93NUMPY magic)");
  if (contents.size() < 10)
    return fail(name, "malformed .npy: truncated header");
  unsigned major = static_cast<uint8_t>(contents[6]);
  size_t headerLength, headerStart;
  if (major == 1) {
    headerLength = static_cast<uint8_t>(contents[8]) |
                   (static_cast<uint8_t>(contents[9]) << 8);
    headerStart = 10;
  } else if (major == 2 || major == 3) {
    if (contents.size() < 12)
      return fail(name, "malformed .npy: truncated header");
    headerLength = 0;
    for (int i = 3; i >= 0; --i)
      headerLength = (headerLength << 8) | static_cast<uint8_t>(contents[8 + i]);
    headerStart = 12;
  } else {
    return fail(name, "unsupported .npy format version " +
                          llvm::Twine(major) + " (expected 1, 2 or 3)");
  }
  if (contents.size() < headerStart + headerLength)
    return fail(name, "malformed .npy: header longer than the file");
  llvm::StringRef header = contents.substr(headerStart, headerLength);

  std::optional<llvm::StringRef> descrText = findValue(header, "descr");
  std::optional<llvm::StringRef> orderText = findValue(header, "fortran_order");
  std::optional<llvm::StringRef> shapeText = findValue(header, "shape");
  if (!descrText || !orderText || !shapeText)
    return fail(name, "malformed .npy header (needs 'descr', "
                      "'fortran_order' and 'shape'): " +
                          header.trim());
  llvm::StringRef descr = *descrText;
  if (descr.empty() || (descr[0] != '\'' && descr[0] != '"'))
    return fail(name, "malformed .npy header: 'descr' is not a string");
  char quote = descr[0];
  descr = descr.drop_front();
  descr = descr.take_until([&](char c) { return c == quote; });
  std::optional<DType> dtype = parseDescr(descr);
  if (!dtype)
    return fail(name, "unsupported .npy dtype '" + descr +
                          "' (supported: little-endian f2, f4, f8, i1, i2, "
                          "i4, i8, u1)");
  if (orderText->starts_with("True"))
    return fail(name, "Fortran-order .npy arrays are not supported (save "
                      "with np.ascontiguousarray)");
  if (!orderText->starts_with("False"))
    return fail(name, "malformed .npy header: 'fortran_order' is not a bool");
  llvm::StringRef shapeRest = *shapeText;
  if (!shapeRest.consume_front("("))
    return fail(name, "malformed .npy header: 'shape' is not a tuple");
  size_t close = shapeRest.find(')');
  if (close == llvm::StringRef::npos)
    return fail(name, "malformed .npy header: 'shape' is not a tuple");
  std::vector<int64_t> shape;
  llvm::SmallVector<llvm::StringRef> dims;
  shapeRest.take_front(close).split(dims, ',');
  for (llvm::StringRef dim : dims) {
    dim = dim.trim();
    if (dim.empty())
      continue; // "(3,)" and "()"
    int64_t size;
    if (dim.getAsInteger(10, size) || size < 0)
      return fail(name, "malformed .npy header: bad dimension '" + dim + "'");
    shape.push_back(size);
  }

  HostArray array;
  array.dtype = *dtype;
  array.shape = shape;
  // Overflow-safe element count.
  uint64_t count = 1;
  for (int64_t d : shape) {
    if (d != 0 && count > (uint64_t(1) << 48) / uint64_t(d))
      return fail(name, "malformed .npy: shape " + formatShape(shape) +
                            " is too large");
    count *= uint64_t(d);
  }
  uint64_t expected = count * getByteWidth(*dtype);
  llvm::StringRef data = contents.drop_front(headerStart + headerLength);
  if (data.size() != expected)
    return fail(name, "malformed .npy: shape " + formatShape(shape) + " of " +
                          getName(*dtype) + " needs " + llvm::Twine(expected) +
                          " data bytes, the file has " +
                          llvm::Twine(data.size()));
  array.bytes.assign(data.bytes_begin(), data.bytes_end());
  return array;
}

llvm::Expected<HostArray> readNpy(llvm::StringRef path) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer)
    return fail(path, "cannot read: " + buffer.getError().message());
  return parseNpy((*buffer)->getBuffer(), path);
}

std::string serializeNpy(const HostArray &array) {
  std::string shape = "(";
  for (int64_t d : array.shape)
    shape += std::to_string(d) + ", ";
  if (array.shape.size() == 1)
    shape.resize(shape.size() - 1); // "(3,)"
  else if (!array.shape.empty())
    shape.resize(shape.size() - 2);
  shape += ")";
  std::string header = "{'descr': '" + getDescr(array.dtype).str() +
                       "', 'fortran_order': False, 'shape': " + shape + ", }";
  // Pad so that magic + version + length + header is a multiple of 64,
  // ending in a newline.
  bool v2 = header.size() + 1 + 10 > 65535;
  size_t prefix = v2 ? 12 : 10;
  size_t total = (prefix + header.size() + 1 + 63) / 64 * 64;
  header.append(total - prefix - header.size() - 1, ' ');
  header += '\n';
  std::string out = "\x93NUMPY";
  out += static_cast<char>(v2 ? 2 : 1);
  out += '\0';
  uint32_t length = header.size();
  out += static_cast<char>(length & 0xff);
  out += static_cast<char>((length >> 8) & 0xff);
  if (v2) {
    out += static_cast<char>((length >> 16) & 0xff);
    out += static_cast<char>((length >> 24) & 0xff);
  }
  out += header;
  out.append(reinterpret_cast<const char *>(array.bytes.data()),
             array.bytes.size());
  return out;
}

llvm::Error writeNpy(llvm::StringRef path, const HostArray &array) {
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec, llvm::sys::fs::OF_None);
  if (ec)
    return fail(path, "cannot write: " + ec.message());
  os << serializeNpy(array);
  os.close();
  if (os.has_error())
    return fail(path, "cannot write: " + os.error().message());
  return llvm::Error::success();
}

} // namespace sparq::runner
