//===- Npy.h - Read and write NumPy .npy files ------------------*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_RUNNER_NPY_H
#define SPARQ_RUNNER_NPY_H

#include "sparq/Runner/HostArray.h"

#include "llvm/Support/Error.h"

namespace sparq::runner {

/// Parses a .npy file held in memory (format versions 1.0, 2.0 and 3.0; C
/// order; little-endian or byte-order-free dtypes `f2 f4 f8 i1 i2 i4 i8 u1`).
/// Anything else (Fortran order, big endian, other dtypes, a header that does
/// not parse, a data size that does not match the shape) is an error whose
/// message names the problem; `name` prefixes it.
llvm::Expected<HostArray> parseNpy(llvm::StringRef contents,
                                   llvm::StringRef name);

/// Reads and parses a .npy file.
llvm::Expected<HostArray> readNpy(llvm::StringRef path);

/// Serializes `array` as a .npy file (version 1.0, or 2.0 for headers longer
/// than 65535 bytes), header padded to a multiple of 64 bytes as NumPy does.
std::string serializeNpy(const HostArray &array);

/// Writes `array` to `path` as .npy.
llvm::Error writeNpy(llvm::StringRef path, const HostArray &array);

} // namespace sparq::runner

#endif // SPARQ_RUNNER_NPY_H
