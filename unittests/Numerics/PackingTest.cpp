//===- PackingTest.cpp - Storage formats, computed by hand ----------------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// Every expected array below was written by hand from the matrix drawn
// next to it, following the layout table in docs/design.md.
//
//===----------------------------------------------------------------------===//

#include "sparq/Numerics/Packing.h"

#include "gtest/gtest.h"

using namespace sparq::numerics;

namespace {

using U = std::vector<uint64_t>;

/// A 3 x 5 matrix with an empty row (1) and an empty column (2):
///   [0 1 0 0 2]
///   [0 0 0 0 0]
///   [3 0 0 4 5]
const std::vector<float> kOdd = {0, 1, 0, 0, 2, 0, 0, 0, 0, 0, 3, 0, 0, 4, 5};

PackedMatrix<float> packOdd(PackFormat format) {
  PackOptions options;
  options.format = format;
  PackedMatrix<float> packed;
  EXPECT_EQ(packMatrix(kOdd.data(), nullptr, 3, 5, options, packed), "");
  return packed;
}

TEST(PackingTest, ParseFormat) {
  EXPECT_EQ(parsePackFormat("bitmap"), PackFormat::Bitmap);
  EXPECT_EQ(parsePackFormat("bcsr"), PackFormat::BCSR);
  EXPECT_FALSE(parsePackFormat("ell").has_value());
  EXPECT_STREQ(getPackFormatName(PackFormat::NM), "nm");
}

TEST(PackingTest, Dense) {
  PackedMatrix<float> p = packOdd(PackFormat::Dense);
  EXPECT_EQ(p.values, kOdd);
  EXPECT_TRUE(p.positions.empty() && p.coordinates.empty());
}

TEST(PackingTest, CSR) {
  PackedMatrix<float> p = packOdd(PackFormat::CSR);
  EXPECT_EQ(p.values, (std::vector<float>{1, 2, 3, 4, 5}));
  EXPECT_EQ(p.positions, (U{0, 2, 2, 5}));
  EXPECT_EQ(p.coordinates, (U{1, 4, 0, 3, 4}));
}

TEST(PackingTest, CSC) {
  // Column by column: c0 {r2: 3}, c1 {r0: 1}, c2 {}, c3 {r2: 4},
  // c4 {r0: 2, r2: 5}.
  PackedMatrix<float> p = packOdd(PackFormat::CSC);
  EXPECT_EQ(p.values, (std::vector<float>{3, 1, 4, 2, 5}));
  EXPECT_EQ(p.positions, (U{0, 1, 2, 2, 3, 5}));
  EXPECT_EQ(p.coordinates, (U{2, 0, 2, 0, 2}));
}

TEST(PackingTest, COO) {
  PackedMatrix<float> p = packOdd(PackFormat::COO);
  EXPECT_EQ(p.values, (std::vector<float>{1, 2, 3, 4, 5}));
  EXPECT_EQ(p.coordinates, (U{0, 1, 0, 4, 2, 0, 2, 3, 2, 4}));
}

TEST(PackingTest, Bitmap) {
  // Row 0: bits 1 and 4 (0b10010 = 18); row 1: none; row 2: bits 0, 3, 4
  // (1 + 8 + 16 = 25).
  PackedMatrix<float> p = packOdd(PackFormat::Bitmap);
  EXPECT_EQ(p.values, (std::vector<float>{1, 2, 3, 4, 5}));
  EXPECT_EQ(p.bitmap, (U{18, 0, 25}));
}

TEST(PackingTest, BitmapSeveralWords) {
  // 2 x 70: nonzeros at (0, 0), (0, 63), (0, 64), (1, 69): two words per row.
  std::vector<float> data(2 * 70, 0.0f);
  data[0] = 1;
  data[63] = 2;
  data[64] = 3;
  data[70 + 69] = 4;
  PackOptions options;
  options.format = PackFormat::Bitmap;
  PackedMatrix<float> p;
  ASSERT_EQ(packMatrix(data.data(), nullptr, 2, 70, options, p), "");
  EXPECT_EQ(p.bitmap, (U{1 | (uint64_t(1) << 63), 1, 0, uint64_t(1) << 5}));
  EXPECT_EQ(p.values, (std::vector<float>{1, 2, 3, 4}));
}

TEST(PackingTest, NegativeZeroIsZero) {
  std::vector<float> data = {-0.0f, 1.0f};
  PackOptions options;
  options.format = PackFormat::CSR;
  PackedMatrix<float> p;
  ASSERT_EQ(packMatrix(data.data(), nullptr, 1, 2, options, p), "");
  EXPECT_EQ(p.values, (std::vector<float>{1}));
  EXPECT_EQ(p.coordinates, (U{1}));
}

/// Asymmetric 2 x 8 storage integers; row 0 has zero point 8, row 1 zero
/// point 3 (per output channel), so "zero" means q == zp:
///   [8 5 8 8 | 1 8 2 8]
///   [3 3 3 3 | 3 3 3 9]
const std::vector<int32_t> kQ = {8, 5, 8, 8, 1, 8, 2, 8,
                                 3, 3, 3, 3, 3, 3, 3, 9};
const std::vector<int32_t> kZp = {8, 8, 8, 8, 8, 8, 8, 8,
                                  3, 3, 3, 3, 3, 3, 3, 3};

TEST(PackingTest, NMWithZeroPointsAndPadding) {
  // Row 0: group 0 holds one nonzero (position 1): padded with the zero at
  // the lowest free position 0 -> positions {0, 1}, values {8, 5}; group 1
  // holds positions 0 and 2 -> values {1, 2}.
  // Row 1: group 0 is all zeros -> positions {0, 1}, values {3, 3}; group 1
  // holds position 3, padded at position 0 -> values {3, 9}.
  PackOptions options;
  options.format = PackFormat::NM;
  options.n = 2;
  options.m = 4;
  PackedMatrix<int32_t> p;
  ASSERT_EQ(packMatrix(kQ.data(), kZp.data(), 2, 8, options, p), "");
  EXPECT_EQ(p.values, (std::vector<int32_t>{8, 5, 1, 2, 3, 3, 3, 9}));
  EXPECT_EQ(p.metadata, (U{0, 1, 0, 2, 0, 1, 0, 3}));
  EXPECT_EQ(p.getNumStored(), 8);
}

TEST(PackingTest, NMOneOfThree) {
  // 1:3 on [0 0 7 | 0 0 0]: the first group keeps position 2, the second
  // is padded at position 0.
  std::vector<float> data = {0, 0, 7, 0, 0, 0};
  PackOptions options;
  options.format = PackFormat::NM;
  options.n = 1;
  options.m = 3;
  PackedMatrix<float> p;
  ASSERT_EQ(packMatrix(data.data(), nullptr, 1, 6, options, p), "");
  EXPECT_EQ(p.values, (std::vector<float>{7, 0}));
  EXPECT_EQ(p.metadata, (U{2, 0}));
}

TEST(PackingTest, NMOverflowIsAnError) {
  std::vector<float> data = {1, 0, 0, 0, 1, 2, 0, 3};
  PackOptions options;
  options.format = PackFormat::NM;
  PackedMatrix<float> p;
  EXPECT_EQ(packMatrix(data.data(), nullptr, 1, 8, options, p),
            "row 0, columns 4..7 hold 3 nonzeros, more than N = 2 of nm<2, 4>");
}

TEST(PackingTest, NMShapeErrors) {
  std::vector<float> data(6, 0.0f);
  PackOptions options;
  options.format = PackFormat::NM;
  PackedMatrix<float> p;
  EXPECT_EQ(packMatrix(data.data(), nullptr, 1, 6, options, p),
            "nm<2, 4> needs the column count (6) to be a multiple of M = 4");
  options.n = 4;
  EXPECT_EQ(packMatrix(data.data(), nullptr, 2, 4, options, p),
            "nm needs 0 < N < M, got 4:4");
}

/// 4 x 6 in 2 x 2 blocks:
///   [1 0 | 0 0 | 0 0]
///   [0 2 | 0 0 | 0 3]
///   [0 0 | 0 0 | 0 0]
///   [0 0 | 4 0 | 0 0]
const std::vector<float> kBlocks = {1, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 3,
                                    0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0};

TEST(PackingTest, BCSR) {
  // Block row 0 keeps block columns 0 and 2, block row 1 keeps column 1.
  PackOptions options;
  options.format = PackFormat::BCSR;
  options.blockRows = 2;
  options.blockCols = 2;
  PackedMatrix<float> p;
  ASSERT_EQ(packMatrix(kBlocks.data(), nullptr, 4, 6, options, p), "");
  EXPECT_EQ(p.positions, (U{0, 2, 3}));
  EXPECT_EQ(p.coordinates, (U{0, 2, 1}));
  EXPECT_EQ(p.values, (std::vector<float>{1, 0, 0, 2, 0, 0, 0, 3, 0, 0, 4, 0}));
}

TEST(PackingTest, BCSRShapeErrors) {
  PackOptions options;
  options.format = PackFormat::BCSR;
  options.blockRows = 3;
  options.blockCols = 2;
  PackedMatrix<float> p;
  EXPECT_EQ(packMatrix(kBlocks.data(), nullptr, 4, 6, options, p),
            "bcsr<3x2> needs the row count (4) to be a multiple of 3");
  options.blockRows = 2;
  options.blockCols = 4;
  EXPECT_EQ(packMatrix(kBlocks.data(), nullptr, 4, 6, options, p),
            "bcsr<2x4> needs the column count (6) to be a multiple of 4");
}

TEST(PackingTest, EmptyMatrixAndAllZeros) {
  std::vector<float> zeros(6, 0.0f);
  PackOptions options;
  options.format = PackFormat::CSC;
  PackedMatrix<float> p;
  ASSERT_EQ(packMatrix(zeros.data(), nullptr, 2, 3, options, p), "");
  EXPECT_TRUE(p.values.empty());
  EXPECT_EQ(p.positions, (U{0, 0, 0, 0}));
  options.format = PackFormat::CSR;
  ASSERT_EQ(packMatrix(zeros.data(), nullptr, 0, 3, options, p), "");
  EXPECT_EQ(p.positions, (U{0}));
}

TEST(PackingTest, RoundTripEveryFormat) {
  for (PackFormat format :
       {PackFormat::Dense, PackFormat::CSR, PackFormat::CSC, PackFormat::COO,
        PackFormat::Bitmap, PackFormat::BCSR}) {
    PackOptions options;
    options.format = format;
    options.blockRows = 2;
    options.blockCols = 3;
    PackedMatrix<float> p;
    ASSERT_EQ(packMatrix(kBlocks.data(), nullptr, 4, 6, options, p), "");
    std::vector<float> dense;
    std::vector<uint8_t> stored;
    unpackMatrix(p, 0.0f, dense, &stored);
    EXPECT_EQ(dense, kBlocks) << getPackFormatName(format);
  }
  PackOptions options;
  options.format = PackFormat::NM;
  PackedMatrix<int32_t> p;
  ASSERT_EQ(packMatrix(kQ.data(), kZp.data(), 2, 8, options, p), "");
  std::vector<int32_t> dense;
  std::vector<uint8_t> stored;
  unpackMatrix(p, -1, dense, &stored);
  EXPECT_EQ(dense, (std::vector<int32_t>{8, 5, -1, -1, 1, -1, 2, -1, 3, 3, -1,
                                         -1, 3, -1, -1, 9}));
  EXPECT_EQ(stored, (std::vector<uint8_t>{1, 1, 0, 0, 1, 0, 1, 0, 1, 1, 0, 0, 1,
                                          0, 0, 1}));
}

TEST(PackingTest, CountNonzeros) {
  EXPECT_EQ(countNonzeros(kOdd.data(), static_cast<const float *>(nullptr), 15),
            5);
  EXPECT_EQ(countNonzeros(kQ.data(), kZp.data(), 16), 4);
}

TEST(PackingTest, StorageBytes) {
  EXPECT_EQ(getStorageBytes(5, 4), 3u); // 20 bits
  EXPECT_EQ(getStorageBytes(8, 2), 2u); // 16 bits
  EXPECT_EQ(getStorageBytes(3, 5), 2u); // 15 bits
  EXPECT_EQ(getStorageBytes(3, 8), 3u);
  EXPECT_EQ(getStorageBytes(3, 12), 6u); // two bytes each
  EXPECT_EQ(getStorageBytes(3, 32), 12u);
  EXPECT_EQ(getStorageBytes(3, 64), 24u);
}

TEST(PackingTest, PackedSizes) {
  // f32 values, 32-bit indices, on the 3 x 5 matrix (5 nonzeros).
  PackWidths f32;
  EXPECT_EQ(getPackedSize(packOdd(PackFormat::Dense), f32).total(), 60u);
  EXPECT_EQ(getPackedSize(packOdd(PackFormat::CSR), f32).total(),
            20u + 16u + 20u);
  EXPECT_EQ(getPackedSize(packOdd(PackFormat::CSC), f32).total(),
            20u + 24u + 20u);
  EXPECT_EQ(getPackedSize(packOdd(PackFormat::COO), f32).total(), 20u + 40u);
  EXPECT_EQ(getPackedSize(packOdd(PackFormat::Bitmap), f32).total(), 20u + 24u);
  // 4-bit values, 8-bit positions, 16-bit coordinates.
  PackWidths narrow{4, 8, 16, 2};
  PackSize csr = getPackedSize(packOdd(PackFormat::CSR), narrow);
  EXPECT_EQ(csr.values, 3u);
  EXPECT_EQ(csr.positions, 4u);
  EXPECT_EQ(csr.coordinates, 10u);
  // nm<2, 4> of the 2 x 8 matrix at 4 bits: 8 values (4 bytes), 8 two-bit
  // metadata entries (2 bytes).
  PackOptions options;
  options.format = PackFormat::NM;
  PackedMatrix<int32_t> nm;
  ASSERT_EQ(packMatrix(kQ.data(), kZp.data(), 2, 8, options, nm), "");
  PackSize nmSize = getPackedSize(nm, PackWidths{4, 32, 32, 2});
  EXPECT_EQ(nmSize.values, 4u);
  EXPECT_EQ(nmSize.metadata, 2u);
}

TEST(PackingTest, PredictionMatchesPacking) {
  PackOptions options;
  options.blockRows = 2;
  options.blockCols = 2;
  options.n = 2;
  options.m = 3;
  MatrixStats stats = computeMatrixStats(
      kBlocks.data(), static_cast<const float *>(nullptr), 4, 6, options);
  EXPECT_EQ(stats.nonzeros, 4);
  EXPECT_EQ(stats.nonzeroBlocks, 3);
  EXPECT_EQ(stats.maxGroupNonzeros, 1);
  for (PackWidths widths : {PackWidths{32, 32, 32, 2}, PackWidths{4, 8, 16, 4},
                            PackWidths{3, 64, 8, 2}}) {
    for (PackFormat format :
         {PackFormat::Dense, PackFormat::CSR, PackFormat::CSC, PackFormat::COO,
          PackFormat::Bitmap, PackFormat::NM, PackFormat::BCSR}) {
      options.format = format;
      PackedMatrix<float> p;
      ASSERT_EQ(packMatrix(kBlocks.data(), nullptr, 4, 6, options, p), "");
      std::optional<uint64_t> predicted =
          predictPackedBytes(format, stats, options, widths);
      ASSERT_TRUE(predicted.has_value()) << getPackFormatName(format);
      EXPECT_EQ(*predicted, getPackedSize(p, widths).total())
          << getPackFormatName(format);
    }
  }
  // A 3 x 5 matrix: M = 2 does not divide 5 columns, 2 x 2 blocks do not
  // tile it.
  options.n = 1;
  options.m = 2;
  stats = computeMatrixStats(kOdd.data(), static_cast<const float *>(nullptr),
                             3, 5, options);
  EXPECT_EQ(stats.maxGroupNonzeros, -1);
  EXPECT_EQ(stats.nonzeroBlocks, -1);
  EXPECT_FALSE(predictPackedBytes(PackFormat::NM, stats, options, {}));
  EXPECT_FALSE(predictPackedBytes(PackFormat::BCSR, stats, options, {}));
}

TEST(PackingTest, PackBits) {
  // 4 bits: nibbles 1, F, 7, 0, 5 -> 0xF1, 0x07, 0x05.
  std::vector<int64_t> four = {1, -1, 7, 0, 5};
  EXPECT_EQ(packBits(four.data(), 5, 4),
            (std::vector<uint8_t>{0xF1, 0x07, 0x05}));
  // 3 bits: 001 010 011 100 101 from bit 0 -> 0b11010001, 0b01011000.
  std::vector<int64_t> three = {1, 2, 3, 4, 5};
  EXPECT_EQ(packBits(three.data(), 5, 3), (std::vector<uint8_t>{0xD1, 0x58}));
  // 2-bit metadata 0 1 0 2 | 0 1 0 3 -> 0x84, 0xC4.
  std::vector<int64_t> meta = {0, 1, 0, 2, 0, 1, 0, 3};
  EXPECT_EQ(packBits(meta.data(), 8, 2), (std::vector<uint8_t>{0x84, 0xC4}));
  // 12 bits: 0xABC, 0x123 -> 0xBC, 0x3A, 0x12.
  std::vector<int64_t> twelve = {0xABC, 0x123};
  EXPECT_EQ(packBits(twelve.data(), 2, 12),
            (std::vector<uint8_t>{0xBC, 0x3A, 0x12}));
  // 1 bit.
  std::vector<int64_t> ones = {1, 0, 1, 1, 0, 0, 0, 0, 1};
  EXPECT_EQ(packBits(ones.data(), 9, 1), (std::vector<uint8_t>{0x0D, 0x01}));
}

TEST(PackingTest, UnpackBits) {
  std::vector<uint8_t> bytes = {0xD1, 0x58};
  EXPECT_EQ(unpackBits(bytes.data(), 5, 3, /*isSigned=*/false),
            (std::vector<int64_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ(unpackBits(bytes.data(), 5, 3, /*isSigned=*/true),
            (std::vector<int64_t>{1, 2, 3, -4, -3}));
  std::vector<uint8_t> nibbles = {0xF1, 0x07, 0x05};
  EXPECT_EQ(unpackBits(nibbles.data(), 5, 4, /*isSigned=*/true),
            (std::vector<int64_t>{1, -1, 7, 0, 5}));
}

} // namespace
