//===- PEAttributes.cpp - Attributes of the sparq_pe dialect --------------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#include "sparq/Dialect/PE/IR/PEAttributes.h"
#include "sparq/Dialect/PE/IR/PEDialect.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace sparq::pe;

#include "sparq/Dialect/PE/IR/PEEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "sparq/Dialect/PE/IR/PEAttributes.cpp.inc"

void PEDialect::registerAttributes() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "sparq/Dialect/PE/IR/PEAttributes.cpp.inc"
      >();
}

ArrayRef<std::pair<StringLiteral, double>> AcceleratorAttr::getEnergyDefaults() {
  static const std::pair<StringLiteral, double> kDefaults[] = {
      {"dram_byte", 100.0}, {"buffer_byte", 6.0}, {"bitbrick", 0.02},
      {"mac4", 0.05},       {"mac8", 0.2},        {"atom_pair", 0.02},
      {"bitmap_word", 0.1}};
  return kDefaults;
}

double AcceleratorAttr::getEnergyPJ(StringRef key) const {
  if (DictionaryAttr energy = getEnergy())
    if (auto value = energy.getAs<FloatAttr>(key))
      return value.getValueAsDouble();
  for (const auto &[name, value] : getEnergyDefaults())
    if (name == key)
      return value;
  llvm_unreachable("unknown energy table key");
}

int64_t AcceleratorAttr::getBufferBytes(Buffer buffer) const {
  switch (buffer) {
  case Buffer::Input:
    return getInputBuffer();
  case Buffer::Weight:
    return getWeightBuffer();
  case Buffer::Output:
    return getOutputBuffer();
  }
  llvm_unreachable("unknown buffer");
}

AcceleratorAttr AcceleratorAttr::lookup(Operation *op) {
  for (Operation *cur = op; cur; cur = cur->getParentOp())
    if (auto accel = cur->getAttrOfType<AcceleratorAttr>(
            PEDialect::kAcceleratorAttrName))
      return accel;
  return AcceleratorAttr::get(op->getContext(), 16, 16, 16, 65536, 65536,
                              65536, 16, 1, 1, 4, 1, 1, DictionaryAttr());
}

LogicalResult AcceleratorAttr::verify(
    function_ref<InFlightDiagnostic()> emitError, int64_t rows, int64_t cols,
    int64_t bitbricks, int64_t inputBuffer, int64_t weightBuffer,
    int64_t outputBuffer, int64_t bandwidth, int64_t bitbrickCycles,
    int64_t mac4Cycles, int64_t mac8Cycles, int64_t atomCycles,
    int64_t joinCycles, DictionaryAttr energy) {
  auto positive = [&](int64_t value, StringRef name) -> LogicalResult {
    if (value >= 1)
      return success();
    return emitError() << "accelerator field '" << name
                       << "' must be at least 1, got " << value;
  };
  if (failed(positive(rows, "rows")) || failed(positive(cols, "cols")) ||
      failed(positive(bitbricks, "bitbricks")) ||
      failed(positive(inputBuffer, "input_buffer")) ||
      failed(positive(weightBuffer, "weight_buffer")) ||
      failed(positive(outputBuffer, "output_buffer")) ||
      failed(positive(bitbrickCycles, "bitbrick_cycles")) ||
      failed(positive(mac4Cycles, "mac4_cycles")) ||
      failed(positive(mac8Cycles, "mac8_cycles")) ||
      failed(positive(atomCycles, "atom_cycles")) ||
      failed(positive(joinCycles, "join_cycles")))
    return failure();
  if (bandwidth < 0)
    return emitError() << "accelerator field 'bandwidth' must be >= 0 (0 = "
                          "unconstrained), got "
                       << bandwidth;
  if (!energy)
    return success();
  for (NamedAttribute entry : energy) {
    bool known = llvm::any_of(getEnergyDefaults(), [&](const auto &def) {
      return def.first == entry.getName().getValue();
    });
    if (!known)
      return emitError() << "unknown energy table key '"
                         << entry.getName().getValue()
                         << "' (expected dram_byte, buffer_byte, bitbrick, "
                            "mac4, mac8, atom_pair or bitmap_word)";
    auto value = dyn_cast<FloatAttr>(entry.getValue());
    if (!value || !(value.getValueAsDouble() >= 0.0))
      return emitError() << "energy table entry '"
                         << entry.getName().getValue()
                         << "' must be a non-negative float (picojoules)";
  }
  return success();
}
