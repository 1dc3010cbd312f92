//===- PEDialect.cpp - The sparq_pe dialect -------------------------------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#include "sparq/Dialect/PE/IR/PEDialect.h"
#include "sparq/Dialect/PE/IR/PEAttributes.h"
#include "sparq/Dialect/PE/IR/PEOps.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectImplementation.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace sparq::pe;

#include "sparq/Dialect/PE/IR/PEDialect.cpp.inc"

void PEDialect::initialize() {
  registerAttributes();
  addOperations<
#define GET_OP_LIST
#include "sparq/Dialect/PE/IR/PEOps.cpp.inc"
      >();
}

LogicalResult PEDialect::verifyOperationAttribute(Operation *op,
                                                  NamedAttribute attr) {
  if (attr.getName() == kHostWorkAttrName) {
    auto kind = dyn_cast<StringAttr>(attr.getValue());
    if (!kind || (kind.getValue() != "zero_point_correction" &&
                  kind.getValue() != "rescale"))
      return op->emitError() << "'" << kHostWorkAttrName
                             << "' must be \"zero_point_correction\" or "
                                "\"rescale\", got "
                             << attr.getValue();
    return success();
  }
  if (attr.getName() != kAcceleratorAttrName)
    return op->emitError() << "unknown sparq_pe attribute '"
                           << attr.getName().getValue() << "'";
  if (!isa<ModuleOp>(op))
    return op->emitError() << "'" << kAcceleratorAttrName
                           << "' must be attached to a builtin.module";
  if (!isa<AcceleratorAttr>(attr.getValue()))
    return op->emitError() << "'" << kAcceleratorAttrName
                           << "' must be a #sparq_pe.accelerator, got "
                           << attr.getValue();
  return success();
}
