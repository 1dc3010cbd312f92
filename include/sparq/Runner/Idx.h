//===- Idx.h - Read IDX files (MNIST / Fashion-MNIST) -----------*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_RUNNER_IDX_H
#define SPARQ_RUNNER_IDX_H

#include "sparq/Runner/HostArray.h"

#include "llvm/Support/Error.h"

namespace sparq::runner {

/// Parses an IDX file held in memory (magic `00 00 TYPE RANK`, big-endian
/// u32 sizes, big-endian data of type u8, i8, i16, i32, f32 or f64) into a
/// little-endian array. `name` prefixes error messages.
llvm::Expected<HostArray> parseIdx(llvm::StringRef contents,
                                   llvm::StringRef name);

/// Inflates a gzip stream (one or more members). `name` prefixes errors.
llvm::Expected<std::string> gunzip(llvm::StringRef contents,
                                   llvm::StringRef name);

/// How u8 images of shape [N, H, W] become model inputs.
enum class ImageLayout {
  NCHW, ///< f32 [N, 1, H, W]
  NHWC, ///< f32 [N, H, W, 1]
  Flat, ///< f32 [N, H * W]
  Raw,  ///< unchanged u8 [N, H, W]
};

/// Converts u8 images [N, H, W] to f32 in [0, 1]: `f32(v) / 255.0f`, one
/// correctly rounded f32 division per pixel (what torchvision's ToTensor
/// computes), in the given layout. Arrays that are not u8 of rank 3 (labels,
/// other IDX types) are returned unchanged.
HostArray convertImages(const HostArray &images, ImageLayout layout);

} // namespace sparq::runner

#endif // SPARQ_RUNNER_IDX_H
