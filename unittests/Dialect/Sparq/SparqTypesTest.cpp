//===- SparqTypesTest.cpp - The layout contract of compressed tensors -----===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// getCompressedParts is the single statement of which arrays make up each
// compressed format; these tests pin it down for every format.
//
//===----------------------------------------------------------------------===//

#include "sparq/Dialect/Sparq/IR/SparqTypes.h"
#include "sparq/Dialect/Sparq/IR/SparqDialect.h"

#include "mlir/AsmParser/AsmParser.h"
#include "mlir/IR/MLIRContext.h"
#include "gtest/gtest.h"

using namespace mlir;
using namespace sparq;

namespace {

class SparqTypesTest : public ::testing::Test {
protected:
  SparqTypesTest() { context.loadDialect<SparqDialect>(); }

  /// The parts of the tensor type spelled `type`, as "kind:type" strings.
  std::vector<std::string> parts(StringRef type) {
    auto tensorType = cast<RankedTensorType>(parseType(type, &context));
    std::vector<std::string> result;
    for (const CompressedPart &part : getCompressedParts(tensorType)) {
      std::string text;
      llvm::raw_string_ostream os(text);
      os << stringifyPartKind(part.kind) << ":" << part.type;
      result.push_back(text);
    }
    return result;
  }

  MLIRContext context;
};

using Parts = std::vector<std::string>;

TEST_F(SparqTypesTest, PlainTensorIsItsValues) {
  EXPECT_EQ(parts("tensor<3x5xf32>"), (Parts{"values:tensor<3x5xf32>"}));
}

TEST_F(SparqTypesTest, Csr) {
  EXPECT_EQ(parts("tensor<7x5xf32, #sparq.encoding<csr, pos_width = 16, "
                  "crd_width = 8>>"),
            (Parts{"values:tensor<?xf32>", "positions:tensor<8xi16>",
                   "coordinates:tensor<?xi8>"}));
}

TEST_F(SparqTypesTest, CscCountsColumns) {
  EXPECT_EQ(parts("tensor<7x5xf32, #sparq.encoding<csc>>"),
            (Parts{"values:tensor<?xf32>", "positions:tensor<6xi32>",
                   "coordinates:tensor<?xi32>"}));
}

TEST_F(SparqTypesTest, Coo) {
  EXPECT_EQ(parts("tensor<7x5xf16, #sparq.encoding<coo>>"),
            (Parts{"values:tensor<?xf16>", "coordinates:tensor<?x2xi32>"}));
}

TEST_F(SparqTypesTest, BitmapRoundsUpToWords) {
  EXPECT_EQ(parts("tensor<3x65xf32, #sparq.encoding<bitmap>>"),
            (Parts{"values:tensor<?xf32>", "bitmap:tensor<3x2xi64>"}));
}

TEST_F(SparqTypesTest, NMKeepsNOfEveryM) {
  EXPECT_EQ(parts("tensor<4x16xi8, #sparq.encoding<nm<2, 8>, quant = "
                  "#sparq.quant<si8:f32, symmetric, channel(0)>>>"),
            (Parts{"values:tensor<4x4xi8>", "metadata:tensor<4x4xi4>",
                   "scales:tensor<4xf32>"}));
}

TEST_F(SparqTypesTest, NMOnConvFilterUsesRowDims) {
  // An FCHW filter [8, 4, 3, 3] with row_dims = 1 is the matrix [8, 36].
  EXPECT_EQ(
      parts("tensor<8x4x3x3xf32, #sparq.encoding<nm<1, 4>, row_dims = 1>>"),
      (Parts{"values:tensor<8x9xf32>", "metadata:tensor<8x9xi2>"}));
}

TEST_F(SparqTypesTest, BcsrBlocks) {
  EXPECT_EQ(parts("tensor<8x12xf32, #sparq.encoding<bcsr<4x2>>>"),
            (Parts{"values:tensor<?x4x2xf32>", "positions:tensor<3xi32>",
                   "coordinates:tensor<?xi32>"}));
}

TEST_F(SparqTypesTest, AsymmetricGroupParts) {
  EXPECT_EQ(parts("tensor<64x8xi4, #sparq.encoding<dense, quant = "
                  "#sparq.quant<ui4:bf16, asymmetric, group(0, 16)>>>"),
            (Parts{"values:tensor<64x8xi4>", "scales:tensor<4x8xbf16>",
                   "zero_points:tensor<4x8xi32>"}));
}

TEST_F(SparqTypesTest, CodebookParts) {
  EXPECT_EQ(parts("tensor<6x8xi3, #sparq.encoding<csr, quant = "
                  "#sparq.quant<ui3:f32, codebook, channel(0)>>>"),
            (Parts{"values:tensor<?xi3>", "positions:tensor<7xi32>",
                   "coordinates:tensor<?xi32>", "codebook:tensor<6x8xf32>"}));
}

TEST_F(SparqTypesTest, CanonicalTypeDropsPlainDenseEncoding) {
  auto f32 = Float32Type::get(&context);
  auto dense = EncodingAttr::get(&context, FormatKind::Dense);
  EXPECT_FALSE(getCompressedType({2, 3}, f32, dense).getEncoding());
  auto csr = EncodingAttr::get(&context, FormatKind::CSR);
  EXPECT_EQ(getCompressedType({2, 3}, f32, csr).getEncoding(), csr);
}

} // namespace
