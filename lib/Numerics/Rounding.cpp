//===- Rounding.cpp - Rounding and saturation rules -----------------------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#include "sparq/Numerics/Rounding.h"

namespace sparq::numerics {

StorageRange getStorageRange(unsigned bits, bool isSigned, bool symmetric) {
  if (!isSigned)
    return {0, (int64_t(1) << bits) - 1};
  int64_t max = (int64_t(1) << (bits - 1)) - 1;
  return {symmetric ? -max : -max - 1, max};
}

} // namespace sparq::numerics
