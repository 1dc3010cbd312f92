//===- InputFile.h - Load a model input from .npy or IDX --------*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_RUNNER_INPUTFILE_H
#define SPARQ_RUNNER_INPUTFILE_H

#include "sparq/Runner/HostArray.h"
#include "sparq/Runner/Idx.h"

#include "llvm/Support/Error.h"

#include <optional>

namespace sparq::runner {

/// How input files are read.
struct InputOptions {
  /// Keep only rows [begin, end) of the first dimension.
  std::optional<std::pair<int64_t, int64_t>> rows;
  /// How u8 IDX images are converted.
  ImageLayout images = ImageLayout::NCHW;
};

/// Loads a .npy file, or an IDX file (gzipped or not), recognized by their
/// contents rather than their names; IDX u8 images are converted as
/// `options.images` says, then `options.rows` is applied.
llvm::Expected<HostArray> loadInputFile(llvm::StringRef path,
                                        const InputOptions &options);

/// Parses `BEGIN:END` (END exclusive; either may be omitted for 0 / all rows:
/// `:1000`, `9000:`) into `options.rows`, with `end` -1 meaning "to the end".
llvm::Error parseRowRange(llvm::StringRef text, InputOptions &options);

/// Parses `nchw`, `nhwc`, `flat` or `raw`.
llvm::Expected<ImageLayout> parseImageLayout(llvm::StringRef text);

} // namespace sparq::runner

#endif // SPARQ_RUNNER_INPUTFILE_H
