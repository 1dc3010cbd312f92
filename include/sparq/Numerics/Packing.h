//===- Packing.h - Storage formats of a matrix, and their sizes -*- C++ -*-===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// Builds the arrays ("parts") of every SparQ storage format from a dense
// row-major matrix, exactly as the layout contract describes them
// (sparq::getCompressedParts and docs/design.md, "Parts of each format"),
// counts their bytes at the size they are stored with, and packs sub-byte
// integers into the LSB-first byte stream that `sparq.from_bytes` reads.
// Plain C++: the element type is the storage value (int32_t for quantized
// integers, float for float weights).
//
//===----------------------------------------------------------------------===//

#ifndef SPARQ_NUMERICS_PACKING_H
#define SPARQ_NUMERICS_PACKING_H

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sparq::numerics {

namespace detail {
template <typename T> struct Identity { using type = T; };
} // namespace detail
/// Keeps a parameter out of template argument deduction, so that `nullptr`
/// may be passed for it (std::type_identity_t before C++20).
template <typename T> using NoDeduce = typename detail::Identity<T>::type;

/// The storage formats, in the order `format=auto` breaks ties.
enum class PackFormat { Dense, CSR, CSC, COO, Bitmap, NM, BCSR };

/// Parses `dense`, `csr`, `csc`, `coo`, `bitmap`, `nm` or `bcsr`.
std::optional<PackFormat> parsePackFormat(std::string_view name);
/// The spelling of `format` (as in `#sparq.encoding`, without parameters).
const char *getPackFormatName(PackFormat format);

/// What to build.
struct PackOptions {
  PackFormat format = PackFormat::CSR;
  /// nm<n, m>: n entries stored per group of m consecutive columns.
  unsigned n = 2, m = 4;
  /// bcsr<blockRows x blockCols>.
  int64_t blockRows = 4, blockCols = 4;
};

/// The parts of one matrix in one format. Index arrays hold unsigned
/// integers (positions, coordinates, metadata); their storage width is the
/// encoding's, see `PackWidths`.
template <typename T> struct PackedMatrix {
  PackFormat format = PackFormat::Dense;
  int64_t rows = 0, cols = 0;
  PackOptions options;
  /// dense: all R*C values; csr/coo/bitmap: nonzeros in row-major order;
  /// csc: nonzeros in column-major order; nm: [R, C*N/M];
  /// bcsr: [nnzb, A, B] (each block row-major).
  std::vector<T> values;
  /// csr: R+1; csc: C+1; bcsr: R/A+1 (counts of blocks).
  std::vector<uint64_t> positions;
  /// csr: column of each value; csc: row of each value; bcsr: block column;
  /// coo: (row, column) pairs, row-major order, flattened [nnz, 2].
  std::vector<uint64_t> coordinates;
  /// bitmap: [R, ceil(C/64)] words, bit c % 64 of word c / 64.
  std::vector<uint64_t> bitmap;
  /// nm: [R, C*N/M] position of each kept value in its group, ascending.
  std::vector<uint64_t> metadata;

  /// Number of stored values (nm and bcsr count their padding zeros).
  int64_t getNumStored() const;
};

/// Builds the parts of the `rows x cols` row-major matrix `data` in
/// `options.format`. An element is zero (not stored by the sparse formats)
/// when it equals `zeros[i]` (per element; for asymmetric quantization the
/// zero point of the element's group), or, when `zeros` is null, when it
/// equals 0 (both float zeros). nm groups with fewer than N nonzeros are
/// padded with the group's zeros at the lowest free positions; bcsr stores
/// each block that holds a nonzero in full.
/// Returns an empty string on success, otherwise the rule the matrix or the
/// options break (N >= M, a column count not divisible by M or a block, a
/// group with more than N nonzeros).
template <typename T>
std::string packMatrix(const T *data, const NoDeduce<T> *zeros, int64_t rows,
                       int64_t cols, const PackOptions &options,
                       PackedMatrix<T> &result);

/// The inverse of `packMatrix`: writes the `rows x cols` row-major matrix
/// into `dense`, with `fill` where nothing is stored, and, when `stored` is
/// not null, 1 where an entry is stored and 0 elsewhere.
template <typename T>
void unpackMatrix(const PackedMatrix<T> &packed, T fill, std::vector<T> &dense,
                  std::vector<uint8_t> *stored = nullptr);

/// The number of elements of `data` that are not zero (see `packMatrix`).
template <typename T>
int64_t countNonzeros(const T *data, const NoDeduce<T> *zeros, int64_t count);

/// Bit widths of the stored arrays.
struct PackWidths {
  /// Bits of one value (e.g. 4 for si4, 32 for f32).
  unsigned valueBits = 32;
  /// Widths of positions and coordinates (8, 16, 32 or 64).
  unsigned posWidth = 32, crdWidth = 32;
  /// Width of one N:M metadata entry (2, 4, 8 or 16).
  unsigned metaWidth = 2;
};

/// Bytes that `count` integers of `bits` bits occupy when stored: below 8
/// bits packed LSB-first (`ceil(count * bits / 8)`), otherwise in the
/// smallest of 1, 2, 4 or 8 bytes each.
uint64_t getStorageBytes(uint64_t count, unsigned bits);

/// Bytes of each part of a packed matrix and their sum.
struct PackSize {
  uint64_t values = 0, positions = 0, coordinates = 0, bitmap = 0, metadata = 0;
  uint64_t total() const {
    return values + positions + coordinates + bitmap + metadata;
  }
};

/// The bytes `packed` occupies with `widths`.
template <typename T>
PackSize getPackedSize(const PackedMatrix<T> &packed, const PackWidths &widths);

/// What decides the size of every format, counted once from the data.
struct MatrixStats {
  int64_t rows = 0, cols = 0;
  int64_t nonzeros = 0;
  /// Blocks (options.blockRows x blockCols) that hold a nonzero; -1 when the
  /// block does not tile the matrix.
  int64_t nonzeroBlocks = -1;
  /// Largest number of nonzeros in a group of M consecutive columns; -1 when
  /// M does not divide the column count.
  int64_t maxGroupNonzeros = -1;
};

/// Counts the statistics of `data` (see `packMatrix` for `zeros`).
template <typename T>
MatrixStats computeMatrixStats(const T *data, const NoDeduce<T> *zeros,
                               int64_t rows, int64_t cols,
                               const PackOptions &options);

/// The bytes `format` would take, without building it; std::nullopt when the
/// format cannot hold the matrix (nm: a group with more than N nonzeros or
/// M not dividing the columns; bcsr: a block that does not tile it). Equals
/// `getPackedSize(packMatrix(...)).total()` whenever packing succeeds.
std::optional<uint64_t> predictPackedBytes(PackFormat format,
                                           const MatrixStats &stats,
                                           const PackOptions &options,
                                           const PackWidths &widths);

/// Packs the low `bits` bits (1 to 16) of each value into a byte stream,
/// least significant bit first: bit k of the stream is bit k % 8 of byte
/// k / 8, and value i occupies bits [i * bits, (i + 1) * bits). This is the
/// layout `sparq.from_bytes` reads. Unused high bits of the last byte are 0.
std::vector<uint8_t> packBits(const int64_t *values, int64_t count,
                              unsigned bits);

/// Reads `count` values of `bits` bits back from `bytes` (the inverse of
/// `packBits`), sign-extending them when `isSigned`.
std::vector<int64_t> unpackBits(const uint8_t *bytes, int64_t count,
                                unsigned bits, bool isSigned);

} // namespace sparq::numerics

#endif // SPARQ_NUMERICS_PACKING_H
