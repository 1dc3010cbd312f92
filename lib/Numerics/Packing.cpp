//===- Packing.cpp - Storage formats of a matrix, and their sizes ---------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#include "sparq/Numerics/Packing.h"

#include <algorithm>

namespace sparq::numerics {

std::optional<PackFormat> parsePackFormat(std::string_view name) {
  static constexpr PackFormat all[] = {
      PackFormat::Dense,  PackFormat::CSR, PackFormat::CSC, PackFormat::COO,
      PackFormat::Bitmap, PackFormat::NM,  PackFormat::BCSR};
  for (PackFormat format : all)
    if (name == getPackFormatName(format))
      return format;
  return std::nullopt;
}

const char *getPackFormatName(PackFormat format) {
  switch (format) {
  case PackFormat::Dense:
    return "dense";
  case PackFormat::CSR:
    return "csr";
  case PackFormat::CSC:
    return "csc";
  case PackFormat::COO:
    return "coo";
  case PackFormat::Bitmap:
    return "bitmap";
  case PackFormat::NM:
    return "nm";
  case PackFormat::BCSR:
    return "bcsr";
  }
  return "?";
}

template <typename T> int64_t PackedMatrix<T>::getNumStored() const {
  return static_cast<int64_t>(values.size());
}

namespace {

/// Whether element `i` is a (real) zero.
template <typename T> struct ZeroTest {
  const T *data;
  const T *zeros;
  bool operator()(int64_t i) const {
    return zeros ? data[i] == zeros[i] : data[i] == T(0);
  }
};

/// Checks the format's shape rules; returns the broken rule or "".
std::string checkShape(int64_t rows, int64_t cols, const PackOptions &options) {
  if (rows < 0 || cols < 0)
    return "the matrix shape must be non-negative";
  if (options.format == PackFormat::NM) {
    if (options.n == 0 || options.n >= options.m)
      return "nm needs 0 < N < M, got " + std::to_string(options.n) + ":" +
             std::to_string(options.m);
    if (cols % options.m != 0)
      return "nm<" + std::to_string(options.n) + ", " +
             std::to_string(options.m) + "> needs the column count (" +
             std::to_string(cols) +
             ") to be a multiple of M = " + std::to_string(options.m);
  }
  if (options.format == PackFormat::BCSR) {
    if (options.blockRows <= 0 || options.blockCols <= 0)
      return "bcsr blocks must have positive sizes";
    std::string block = std::to_string(options.blockRows) + "x" +
                        std::to_string(options.blockCols);
    if (rows % options.blockRows != 0)
      return "bcsr<" + block + "> needs the row count (" +
             std::to_string(rows) + ") to be a multiple of " +
             std::to_string(options.blockRows);
    if (cols % options.blockCols != 0)
      return "bcsr<" + block + "> needs the column count (" +
             std::to_string(cols) + ") to be a multiple of " +
             std::to_string(options.blockCols);
  }
  return "";
}

} // namespace

template <typename T>
std::string packMatrix(const T *data, const NoDeduce<T> *zeros, int64_t rows,
                       int64_t cols, const PackOptions &options,
                       PackedMatrix<T> &result) {
  if (std::string error = checkShape(rows, cols, options); !error.empty())
    return error;
  result = PackedMatrix<T>();
  result.format = options.format;
  result.rows = rows;
  result.cols = cols;
  result.options = options;
  ZeroTest<T> isZero{data, zeros};
  switch (options.format) {
  case PackFormat::Dense:
    result.values.assign(data, data + rows * cols);
    break;
  case PackFormat::CSR:
    result.positions.reserve(rows + 1);
    result.positions.push_back(0);
    for (int64_t r = 0; r < rows; ++r) {
      for (int64_t c = 0; c < cols; ++c) {
        if (isZero(r * cols + c))
          continue;
        result.values.push_back(data[r * cols + c]);
        result.coordinates.push_back(c);
      }
      result.positions.push_back(result.values.size());
    }
    break;
  case PackFormat::CSC: {
    // Two passes over the row-major data: count per column, then scatter, so
    // that the matrix is never transposed in memory.
    std::vector<uint64_t> counts(cols + 1, 0);
    for (int64_t i = 0; i < rows * cols; ++i)
      if (!isZero(i))
        ++counts[i % cols + 1];
    for (int64_t c = 0; c < cols; ++c)
      counts[c + 1] += counts[c];
    result.positions = counts;
    result.values.resize(counts[cols]);
    result.coordinates.resize(counts[cols]);
    std::vector<uint64_t> next(counts.begin(), counts.end() - 1);
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t c = 0; c < cols; ++c) {
        if (isZero(r * cols + c))
          continue;
        uint64_t at = next[c]++;
        result.values[at] = data[r * cols + c];
        result.coordinates[at] = r;
      }
    break;
  }
  case PackFormat::COO:
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t c = 0; c < cols; ++c) {
        if (isZero(r * cols + c))
          continue;
        result.values.push_back(data[r * cols + c]);
        result.coordinates.push_back(r);
        result.coordinates.push_back(c);
      }
    break;
  case PackFormat::Bitmap: {
    int64_t words = (cols + 63) / 64;
    result.bitmap.assign(rows * words, 0);
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t c = 0; c < cols; ++c) {
        if (isZero(r * cols + c))
          continue;
        result.values.push_back(data[r * cols + c]);
        result.bitmap[r * words + c / 64] |= uint64_t(1) << (c % 64);
      }
    break;
  }
  case PackFormat::NM: {
    unsigned n = options.n, m = options.m;
    int64_t kept = cols / m * n;
    result.values.reserve(rows * kept);
    result.metadata.reserve(rows * kept);
    std::vector<bool> isNonzero(m);
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t g = 0; g < cols / m; ++g) {
        int64_t base = r * cols + g * m;
        unsigned count = 0;
        for (unsigned j = 0; j < m; ++j) {
          isNonzero[j] = !isZero(base + j);
          count += isNonzero[j];
        }
        if (count > n)
          return "row " + std::to_string(r) + ", columns " +
                 std::to_string(g * m) + ".." + std::to_string(g * m + m - 1) +
                 " hold " + std::to_string(count) +
                 " nonzeros, more than N = " + std::to_string(n) + " of nm<" +
                 std::to_string(n) + ", " + std::to_string(m) + ">";
        // Keep every nonzero and the lowest zeros until N are stored; in
        // ascending position order either way.
        unsigned padding = n - count;
        for (unsigned j = 0; j < m; ++j) {
          bool keep = isNonzero[j];
          if (!keep && padding > 0) {
            keep = true;
            --padding;
          }
          if (!keep)
            continue;
          result.values.push_back(data[base + j]);
          result.metadata.push_back(j);
        }
      }
    break;
  }
  case PackFormat::BCSR: {
    int64_t a = options.blockRows, b = options.blockCols;
    result.positions.push_back(0);
    for (int64_t br = 0; br < rows / a; ++br) {
      for (int64_t bc = 0; bc < cols / b; ++bc) {
        bool any = false;
        for (int64_t i = 0; i < a && !any; ++i)
          for (int64_t j = 0; j < b && !any; ++j)
            any = !isZero((br * a + i) * cols + bc * b + j);
        if (!any)
          continue;
        for (int64_t i = 0; i < a; ++i)
          for (int64_t j = 0; j < b; ++j)
            result.values.push_back(data[(br * a + i) * cols + bc * b + j]);
        result.coordinates.push_back(bc);
      }
      result.positions.push_back(result.coordinates.size());
    }
    break;
  }
  }
  return "";
}

template <typename T>
void unpackMatrix(const PackedMatrix<T> &packed, T fill, std::vector<T> &dense,
                  std::vector<uint8_t> *stored) {
  int64_t rows = packed.rows, cols = packed.cols;
  dense.assign(rows * cols, fill);
  std::vector<uint8_t> mask(rows * cols, 0);
  auto put = [&](int64_t r, int64_t c, T value) {
    dense[r * cols + c] = value;
    mask[r * cols + c] = 1;
  };
  switch (packed.format) {
  case PackFormat::Dense:
    dense = packed.values;
    mask.assign(rows * cols, 1);
    break;
  case PackFormat::CSR:
    for (int64_t r = 0; r < rows; ++r)
      for (uint64_t k = packed.positions[r]; k < packed.positions[r + 1]; ++k)
        put(r, packed.coordinates[k], packed.values[k]);
    break;
  case PackFormat::CSC:
    for (int64_t c = 0; c < cols; ++c)
      for (uint64_t k = packed.positions[c]; k < packed.positions[c + 1]; ++k)
        put(packed.coordinates[k], c, packed.values[k]);
    break;
  case PackFormat::COO:
    for (size_t k = 0; k < packed.values.size(); ++k)
      put(packed.coordinates[2 * k], packed.coordinates[2 * k + 1],
          packed.values[k]);
    break;
  case PackFormat::Bitmap: {
    int64_t words = (cols + 63) / 64;
    size_t k = 0;
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t c = 0; c < cols; ++c)
        if (packed.bitmap[r * words + c / 64] >> (c % 64) & 1)
          put(r, c, packed.values[k++]);
    break;
  }
  case PackFormat::NM: {
    unsigned n = packed.options.n, m = packed.options.m;
    int64_t kept = cols / m * n;
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t k = 0; k < kept; ++k)
        put(r, k / n * m + packed.metadata[r * kept + k],
            packed.values[r * kept + k]);
    break;
  }
  case PackFormat::BCSR: {
    int64_t a = packed.options.blockRows, b = packed.options.blockCols;
    for (int64_t br = 0; br + 1 < static_cast<int64_t>(packed.positions.size());
         ++br)
      for (uint64_t k = packed.positions[br]; k < packed.positions[br + 1]; ++k)
        for (int64_t i = 0; i < a; ++i)
          for (int64_t j = 0; j < b; ++j)
            put(br * a + i, packed.coordinates[k] * b + j,
                packed.values[(k * a + i) * b + j]);
    break;
  }
  }
  if (stored)
    *stored = std::move(mask);
}

template <typename T>
int64_t countNonzeros(const T *data, const NoDeduce<T> *zeros, int64_t count) {
  ZeroTest<T> isZero{data, zeros};
  int64_t nonzeros = 0;
  for (int64_t i = 0; i < count; ++i)
    nonzeros += !isZero(i);
  return nonzeros;
}

uint64_t getStorageBytes(uint64_t count, unsigned bits) {
  if (bits < 8)
    return (count * bits + 7) / 8;
  unsigned bytes = bits <= 8 ? 1 : bits <= 16 ? 2 : bits <= 32 ? 4 : 8;
  return count * bytes;
}

template <typename T>
PackSize getPackedSize(const PackedMatrix<T> &packed,
                       const PackWidths &widths) {
  PackSize size;
  size.values = getStorageBytes(packed.values.size(), widths.valueBits);
  size.positions = getStorageBytes(packed.positions.size(), widths.posWidth);
  size.coordinates =
      getStorageBytes(packed.coordinates.size(), widths.crdWidth);
  size.bitmap = getStorageBytes(packed.bitmap.size(), 64);
  size.metadata = getStorageBytes(packed.metadata.size(), widths.metaWidth);
  return size;
}

template <typename T>
MatrixStats computeMatrixStats(const T *data, const NoDeduce<T> *zeros,
                               int64_t rows, int64_t cols,
                               const PackOptions &options) {
  MatrixStats stats;
  stats.rows = rows;
  stats.cols = cols;
  ZeroTest<T> isZero{data, zeros};
  int64_t a = options.blockRows, b = options.blockCols;
  bool blocks = a > 0 && b > 0 && rows % a == 0 && cols % b == 0;
  bool groups = options.m > 0 && cols % options.m == 0;
  std::vector<uint8_t> blockSeen;
  if (blocks) {
    blockSeen.assign((rows / a) * (cols / b), 0);
    stats.nonzeroBlocks = 0;
  }
  if (groups)
    stats.maxGroupNonzeros = 0;
  for (int64_t r = 0; r < rows; ++r) {
    int64_t inGroup = 0;
    for (int64_t c = 0; c < cols; ++c) {
      bool nonzero = !isZero(r * cols + c);
      stats.nonzeros += nonzero;
      if (groups) {
        if (c % options.m == 0)
          inGroup = 0;
        inGroup += nonzero;
        stats.maxGroupNonzeros = std::max(stats.maxGroupNonzeros, inGroup);
      }
      if (blocks && nonzero) {
        uint8_t &seen = blockSeen[(r / a) * (cols / b) + c / b];
        stats.nonzeroBlocks += !seen;
        seen = 1;
      }
    }
  }
  return stats;
}

std::optional<uint64_t> predictPackedBytes(PackFormat format,
                                           const MatrixStats &stats,
                                           const PackOptions &options,
                                           const PackWidths &widths) {
  uint64_t rows = stats.rows, cols = stats.cols, nnz = stats.nonzeros;
  auto values = [&](uint64_t count) {
    return getStorageBytes(count, widths.valueBits);
  };
  auto pos = [&](uint64_t count) {
    return getStorageBytes(count, widths.posWidth);
  };
  auto crd = [&](uint64_t count) {
    return getStorageBytes(count, widths.crdWidth);
  };
  switch (format) {
  case PackFormat::Dense:
    return values(rows * cols);
  case PackFormat::CSR:
    return values(nnz) + pos(rows + 1) + crd(nnz);
  case PackFormat::CSC:
    return values(nnz) + pos(cols + 1) + crd(nnz);
  case PackFormat::COO:
    return values(nnz) + crd(2 * nnz);
  case PackFormat::Bitmap:
    return values(nnz) + getStorageBytes(rows * ((cols + 63) / 64), 64);
  case PackFormat::NM: {
    if (options.n == 0 || options.n >= options.m ||
        stats.maxGroupNonzeros < 0 ||
        stats.maxGroupNonzeros > static_cast<int64_t>(options.n))
      return std::nullopt;
    uint64_t kept = rows * (cols / options.m * options.n);
    return values(kept) + getStorageBytes(kept, widths.metaWidth);
  }
  case PackFormat::BCSR: {
    if (stats.nonzeroBlocks < 0)
      return std::nullopt;
    uint64_t blocks = stats.nonzeroBlocks;
    return values(blocks * options.blockRows * options.blockCols) +
           pos(rows / options.blockRows + 1) + crd(blocks);
  }
  }
  return std::nullopt;
}

std::vector<uint8_t> packBits(const int64_t *values, int64_t count,
                              unsigned bits) {
  std::vector<uint8_t> bytes((count * bits + 7) / 8, 0);
  uint64_t mask = bits >= 64 ? ~uint64_t(0) : (uint64_t(1) << bits) - 1;
  uint64_t bit = 0;
  for (int64_t i = 0; i < count; ++i) {
    uint64_t v = static_cast<uint64_t>(values[i]) & mask;
    for (unsigned k = 0; k < bits; ++k, ++bit)
      if (v >> k & 1)
        bytes[bit / 8] |= static_cast<uint8_t>(1u << (bit % 8));
  }
  return bytes;
}

std::vector<int64_t> unpackBits(const uint8_t *bytes, int64_t count,
                                unsigned bits, bool isSigned) {
  std::vector<int64_t> values(count);
  uint64_t bit = 0;
  for (int64_t i = 0; i < count; ++i) {
    uint64_t v = 0;
    for (unsigned k = 0; k < bits; ++k, ++bit)
      v |= static_cast<uint64_t>(bytes[bit / 8] >> (bit % 8) & 1) << k;
    if (isSigned && bits < 64 && (v >> (bits - 1) & 1))
      v |= ~uint64_t(0) << bits;
    values[i] = static_cast<int64_t>(v);
  }
  return values;
}

#define SPARQ_INSTANTIATE_PACKING(T)                                           \
  template struct PackedMatrix<T>;                                             \
  template std::string packMatrix<T>(const T *, const NoDeduce<T> *, int64_t,  \
                                     int64_t, const PackOptions &,             \
                                     PackedMatrix<T> &);                       \
  template void unpackMatrix<T>(const PackedMatrix<T> &, T, std::vector<T> &,  \
                                std::vector<uint8_t> *);                       \
  template int64_t countNonzeros<T>(const T *, const NoDeduce<T> *, int64_t);  \
  template PackSize getPackedSize<T>(const PackedMatrix<T> &,                  \
                                     const PackWidths &);                      \
  template MatrixStats computeMatrixStats<T>(                                  \
      const T *, const NoDeduce<T> *, int64_t, int64_t, const PackOptions &);

SPARQ_INSTANTIATE_PACKING(int32_t)
SPARQ_INSTANTIATE_PACKING(float)

#undef SPARQ_INSTANTIATE_PACKING

} // namespace sparq::numerics
