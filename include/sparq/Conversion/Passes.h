//===- Passes.h - SparQ conversion passes -----------------------*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_CONVERSION_PASSES_H
#define SPARQ_CONVERSION_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SparseTensor/IR/SparseTensor.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

#include "sparq/Dialect/PE/IR/PEDialect.h"
#include "sparq/Dialect/Sparq/IR/SparqDialect.h"

namespace sparq {

#define GEN_PASS_DECL
#include "sparq/Conversion/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "sparq/Conversion/Passes.h.inc"

} // namespace sparq

#endif // SPARQ_CONVERSION_PASSES_H
