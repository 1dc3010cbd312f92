//===- GroupedConv.h - Grouped convolutions as per-group convolutions -*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// sparq-import-onnx emits an ONNX Conv with group > 1 (depthwise included)
// as linalg.conv_2d_ngchw_gfchw on [N, G, C/G, H, W] and a constant
// [G, F/G, C/G, KH, KW] filter. The compression passes work on one filter
// per op; they call this first, so that each group becomes an ordinary
// linalg.conv_2d_nchw_fchw with its own constant filter slice, which they
// then prune / quantize / pack like any other convolution.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_LIB_DIALECT_SPARQ_TRANSFORMS_GROUPEDCONV_H
#define SPARQ_LIB_DIALECT_SPARQ_TRANSFORMS_GROUPEDCONV_H

#include "mlir/IR/Operation.h"
#include "mlir/Support/LLVM.h"

#include <string>

namespace sparq {

/// Rewrites every linalg.conv_2d_ngchw_gfchw in `root` (only those located
/// at one of `names` when it is non-empty, as the passes' `ops=` option)
/// whose filter is a statically shaped f32 arith.constant into G
/// linalg.conv_2d_nchw_fchw ops, one per group: input and init are
/// tensor.extract_slice'd at group g, the filter is a new dense_resource
/// constant holding the g-th [F/G, C/G, KH, KW] slice (copied from the raw
/// buffer), and the results are tensor.insert_slice'd back into the
/// [N, G, F/G, OH, OW] result. Strides, dilations, the location and the
/// discardable attributes (per-op overrides such as sparq.prune) carry over.
/// Exact: every output is the same sum. Other grouped convolutions (a
/// non-constant filter) are left as they are.
void splitGroupedConvolutions(mlir::Operation *root,
                              llvm::ArrayRef<std::string> names);

} // namespace sparq

#endif // SPARQ_LIB_DIALECT_SPARQ_TRANSFORMS_GROUPEDCONV_H
