//===- TileValues.h - Compile-time values of PE tiles -----------*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// The PE simulator counts data-dependent work exactly (DRQ region masks,
// nonzero 2-bit atoms, bitmap intersections), so it needs the values of
// some tiles. TileValues evaluates a tile from constants (`arith.constant`,
// dense or `dense_resource`) and from the values given for function
// arguments, through the data-movement and data-path ops of a PE program
// (`sparq_pe.load`, `region_select`, `high_bits`, `bitmap_encode`,
// `tensor.extract_slice`, integer casts). Private to the simulator.
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_LIB_DIALECT_PE_TRANSFORMS_TILEVALUES_H
#define SPARQ_LIB_DIALECT_PE_TRANSFORMS_TILEVALUES_H

#include "mlir/IR/Value.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace sparq::pe {

/// A tile's integer elements in row-major order, each the raw bit pattern of
/// its `width`-bit storage (signedness is the reader's choice).
struct Tile {
  llvm::SmallVector<int64_t> shape;
  unsigned width = 0;
  std::vector<uint64_t> bits;

  int64_t numel() const { return static_cast<int64_t>(bits.size()); }
  /// Element i read as a two's-complement (`isSigned`) or unsigned integer.
  int64_t get(int64_t i, bool isSigned) const;
};

/// Values given for function arguments: function name -> argument index ->
/// row-major elements.
using ArgumentValues =
    llvm::StringMap<std::map<unsigned, std::vector<int64_t>>>;

/// Evaluates tiles on demand, each once.
class TileValues {
public:
  explicit TileValues(const ArgumentValues &arguments)
      : arguments(arguments) {}

  /// The value of `v`, or null with `why` saying what could not be
  /// evaluated (the op or argument to blame is named in the message).
  const Tile *get(mlir::Value v, std::string &why);

private:
  const ArgumentValues &arguments;
  llvm::DenseMap<mlir::Value, std::unique_ptr<Tile>> cache;
};

} // namespace sparq::pe

#endif // SPARQ_LIB_DIALECT_PE_TRANSFORMS_TILEVALUES_H
