//===- SparqDialect.cpp - The sparq dialect -------------------------------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#include "sparq/Dialect/Sparq/IR/SparqDialect.h"
#include "sparq/Dialect/Sparq/IR/SparqAttributes.h"
#include "sparq/Dialect/Sparq/IR/SparqOps.h"

#include "mlir/IR/DialectImplementation.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace sparq;

#include "sparq/Dialect/Sparq/IR/SparqDialect.cpp.inc"

namespace {
/// Gives compressed tensor encodings short, descriptive aliases in printed IR
/// (`#csr_si8`, `#nm2_4`, `#bcsr4x4`, ...).
struct SparqOpAsmInterface : public OpAsmDialectInterface {
  using OpAsmDialectInterface::OpAsmDialectInterface;

  AliasResult getAlias(Attribute attr, raw_ostream &os) const override {
    auto encoding = dyn_cast<EncodingAttr>(attr);
    if (!encoding)
      return AliasResult::NoAlias;
    os << stringifyFormatKind(encoding.getFormat());
    if (encoding.getFormat() == FormatKind::NM)
      os << encoding.getN() << "_" << encoding.getM();
    else if (encoding.getFormat() == FormatKind::BCSR)
      os << encoding.getBlockRows() << "x" << encoding.getBlockCols();
    if (QuantAttr quant = encoding.getQuant())
      os << "_" << (quant.isSigned() ? "si" : "ui") << quant.getBits();
    return AliasResult::OverridableAlias;
  }
};
} // namespace

void SparqDialect::initialize() {
  addInterfaces<SparqOpAsmInterface>();
  registerAttributes();
  addOperations<
#define GET_OP_LIST
#include "sparq/Dialect/Sparq/IR/SparqOps.cpp.inc"
      >();
}
