//===- SparqAttributesTest.cpp - C++ API checks of the sparq attributes ---===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// The textual syntax cannot produce some inconsistent attributes (for example
// a tensor-granularity quantization with an axis); C++ builders can. These
// tests check that getChecked rejects them with the documented message, and
// that the derived quantities (storage range, parameter shapes) are right.
//
//===----------------------------------------------------------------------===//

#include "sparq/Dialect/Sparq/IR/SparqAttributes.h"
#include "sparq/Dialect/Sparq/IR/SparqDialect.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "gtest/gtest.h"

using namespace mlir;
using namespace sparq;

namespace {

class SparqAttributesTest : public ::testing::Test {
protected:
  SparqAttributesTest() { context.loadDialect<SparqDialect>(); }

  /// Builds a QuantAttr through getChecked and returns the diagnostic text
  /// (empty when the attribute is valid).
  std::string quantError(IntegerType storage, QuantScheme scheme,
                         Granularity granularity, int64_t axis,
                         int64_t groupSize) {
    std::string message;
    ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
      message = diag.str();
      return success();
    });
    auto loc = UnknownLoc::get(&context);
    FloatType f32 = Float32Type::get(&context);
    QuantAttr::getChecked([&] { return emitError(loc); }, &context, storage,
                          f32, scheme, granularity, axis, groupSize,
                          RoundingMode::NearestEven);
    return message;
  }

  IntegerType si(unsigned bits) {
    return IntegerType::get(&context, bits, IntegerType::Signed);
  }
  IntegerType ui(unsigned bits) {
    return IntegerType::get(&context, bits, IntegerType::Unsigned);
  }

  MLIRContext context;
};

TEST_F(SparqAttributesTest, TensorGranularityTakesNoAxis) {
  EXPECT_EQ(
      quantError(si(8), QuantScheme::Symmetric, Granularity::Tensor, 0, 0),
      "tensor granularity takes no axis or group size");
  EXPECT_EQ(
      quantError(si(8), QuantScheme::Symmetric, Granularity::Tensor, -1, 4),
      "tensor granularity takes no axis or group size");
  EXPECT_EQ(
      quantError(si(8), QuantScheme::Symmetric, Granularity::Tensor, -1, 0),
      "");
}

TEST_F(SparqAttributesTest, ChannelGranularityTakesNoGroupSize) {
  EXPECT_EQ(
      quantError(si(8), QuantScheme::Symmetric, Granularity::Channel, 1, 4),
      "channel granularity takes no group size");
  EXPECT_EQ(
      quantError(si(8), QuantScheme::Symmetric, Granularity::Channel, 1, 0),
      "");
}

TEST_F(SparqAttributesTest, BlockDimensionsOnlyForBcsr) {
  std::string message;
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
    message = diag.str();
    return success();
  });
  auto loc = UnknownLoc::get(&context);
  EncodingAttr::getChecked([&] { return emitError(loc); }, &context,
                           FormatKind::CSR, 0u, 0u, 4u, 4u, 32u, 32u, 0u, 0u,
                           std::optional<PruneStructure>(), QuantAttr());
  EXPECT_EQ(message, "block dimensions apply only to the bcsr format");
}

TEST_F(SparqAttributesTest, StorageRange) {
  auto make = [&](IntegerType storage, QuantScheme scheme) {
    FloatType f32 = Float32Type::get(&context);
    return QuantAttr::get(&context, storage, f32, scheme, Granularity::Tensor,
                          int64_t(-1), int64_t(0), RoundingMode::NearestEven);
  };
  QuantAttr sym8 = make(si(8), QuantScheme::Symmetric);
  EXPECT_EQ(sym8.getStorageMin(), -127);
  EXPECT_EQ(sym8.getStorageMax(), 127);
  QuantAttr asym8 = make(si(8), QuantScheme::Asymmetric);
  EXPECT_EQ(asym8.getStorageMin(), -128);
  EXPECT_EQ(asym8.getStorageMax(), 127);
  QuantAttr u4 = make(ui(4), QuantScheme::Asymmetric);
  EXPECT_EQ(u4.getStorageMin(), 0);
  EXPECT_EQ(u4.getStorageMax(), 15);
  QuantAttr s2 = make(si(2), QuantScheme::Symmetric);
  EXPECT_EQ(s2.getStorageMin(), -1);
  EXPECT_EQ(s2.getStorageMax(), 1);
  QuantAttr u16 = make(ui(16), QuantScheme::Codebook);
  EXPECT_EQ(u16.getStorageMax(), 65535);
}

TEST_F(SparqAttributesTest, ParameterShapes) {
  FloatType f32 = Float32Type::get(&context);
  auto group = QuantAttr::get(&context, si(4), f32, QuantScheme::Symmetric,
                              Granularity::Group, int64_t(1), int64_t(32),
                              RoundingMode::NearestEven);
  EXPECT_EQ(group.getParamShape({16, 128}), (SmallVector<int64_t>{16, 4}));
  EXPECT_EQ(group.getCodebookShape({16, 128}),
            (SmallVector<int64_t>{16, 4, 16}));
  auto channel = QuantAttr::get(&context, ui(3), f32, QuantScheme::Codebook,
                                Granularity::Channel, int64_t(0), int64_t(0),
                                RoundingMode::NearestEven);
  EXPECT_EQ(channel.getParamShape({10, 7}), (SmallVector<int64_t>{10}));
  EXPECT_EQ(channel.getCodebookShape({10, 7}), (SmallVector<int64_t>{10, 8}));
  auto tensor = QuantAttr::get(&context, ui(5), f32, QuantScheme::Codebook,
                               Granularity::Tensor, int64_t(-1), int64_t(0),
                               RoundingMode::NearestEven);
  EXPECT_EQ(tensor.getParamShape({10, 7}), (SmallVector<int64_t>{1}));
  EXPECT_EQ(tensor.getCodebookShape({10, 7}), (SmallVector<int64_t>{32}));
}

TEST_F(SparqAttributesTest, DefaultMetaWidth) {
  EXPECT_EQ(EncodingAttr::getDefaultMetaWidth(2), 2u);
  EXPECT_EQ(EncodingAttr::getDefaultMetaWidth(4), 2u);
  EXPECT_EQ(EncodingAttr::getDefaultMetaWidth(5), 4u);
  EXPECT_EQ(EncodingAttr::getDefaultMetaWidth(16), 4u);
  EXPECT_EQ(EncodingAttr::getDefaultMetaWidth(17), 8u);
  EXPECT_EQ(EncodingAttr::getDefaultMetaWidth(256), 8u);
  EXPECT_EQ(EncodingAttr::getDefaultMetaWidth(257), 16u);
}

} // namespace
