//===- InputFile.cpp - Load a model input from .npy or IDX ----------------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#include "sparq/Runner/InputFile.h"
#include "sparq/Runner/Npy.h"

#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/MemoryBuffer.h"

namespace sparq::runner {

static llvm::Error fail(llvm::StringRef name, const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 (name + ": " + message).str());
}

llvm::Expected<HostArray> loadInputFile(llvm::StringRef path,
                                        const InputOptions &options) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer)
    return fail(path, "cannot read: " + buffer.getError().message());
  llvm::StringRef contents = (*buffer)->getBuffer();
  std::string inflated;
  if (contents.starts_with("\x1f\x8b")) {
    llvm::Expected<std::string> text = gunzip(contents, path);
    if (!text)
      return text.takeError();
    inflated = std::move(*text);
    contents = inflated;
  }
  llvm::Expected<HostArray> array = HostArray();
  if (contents.starts_with("\x93NUMPY")) {
    array = parseNpy(contents, path);
  } else if (contents.size() >= 4 && contents[0] == 0 && contents[1] == 0) {
    array = parseIdx(contents, path);
    if (array)
      *array = convertImages(*array, options.images);
  } else {
    return fail(path, "neither a .npy file nor an IDX file");
  }
  if (!array || !options.rows)
    return array;
  if (array->shape.empty())
    return fail(path, "cannot select rows of a rank-0 array");
  int64_t rows = array->shape[0];
  int64_t begin = options.rows->first;
  int64_t end = options.rows->second < 0 ? rows : options.rows->second;
  if (begin < 0 || begin > end || end > rows)
    return fail(path, "rows " + llvm::Twine(begin) + ":" + llvm::Twine(end) +
                          " out of range (the array has " +
                          llvm::Twine(rows) + " rows)");
  return array->sliceRows(begin, end);
}

llvm::Error parseRowRange(llvm::StringRef text, InputOptions &options) {
  auto [first, second] = text.split(':');
  int64_t begin = 0, end = -1;
  bool bad = text.count(':') != 1;
  if (!bad && !first.empty())
    bad = first.getAsInteger(10, begin) || begin < 0;
  if (!bad && !second.empty())
    bad = second.getAsInteger(10, end) || end < 0;
  if (bad)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "bad row range '" + text.str() + "' (expected BEGIN:END, e.g. 0:1000)");
  options.rows = std::make_pair(begin, end);
  return llvm::Error::success();
}

llvm::Expected<ImageLayout> parseImageLayout(llvm::StringRef text) {
  std::optional<ImageLayout> layout =
      llvm::StringSwitch<std::optional<ImageLayout>>(text)
          .Case("nchw", ImageLayout::NCHW)
          .Case("nhwc", ImageLayout::NHWC)
          .Case("flat", ImageLayout::Flat)
          .Case("raw", ImageLayout::Raw)
          .Default(std::nullopt);
  if (!layout)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "unknown image layout '" + text.str() +
                                       "' (expected nchw, nhwc, flat or raw)");
  return *layout;
}

} // namespace sparq::runner
