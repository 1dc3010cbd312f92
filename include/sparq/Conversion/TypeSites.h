//===- TypeSites.h - Visiting every type an op defines ----------*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// The conversion passes check a whole module before rewriting anything, so
// that a type they cannot convert is reported where it is defined and no IR
// is left half-converted. This is the walk over those definition sites.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_CONVERSION_TYPESITES_H
#define SPARQ_CONVERSION_TYPESITES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Operation.h"
#include "llvm/ADT/STLExtras.h"

#include <string>

namespace sparq {

/// Calls `report(type, what)` for every type `op` defines: the argument and
/// result types of a func.func, or the block arguments and results of any
/// other op, with `what` naming the site ("argument #0", "result #1",
/// "block argument"). Returns true when any call returned true.
inline bool reportDefinedTypes(
    mlir::Operation *op,
    llvm::function_ref<bool(mlir::Type, const std::string &)> report) {
  bool reported = false;
  if (auto func = llvm::dyn_cast<mlir::func::FuncOp>(op)) {
    for (auto [index, type] : llvm::enumerate(func.getArgumentTypes()))
      reported |= report(type, "argument #" + std::to_string(index));
    for (auto [index, type] : llvm::enumerate(func.getResultTypes()))
      reported |= report(type, "result #" + std::to_string(index));
    return reported;
  }
  for (mlir::Region &region : op->getRegions())
    for (mlir::Block &block : region)
      for (mlir::BlockArgument arg : block.getArguments())
        reported |= report(arg.getType(), "block argument");
  for (mlir::OpResult result : op->getResults())
    reported |= report(result.getType(),
                       "result #" + std::to_string(result.getResultNumber()));
  return reported;
}

} // namespace sparq

#endif // SPARQ_CONVERSION_TYPESITES_H
