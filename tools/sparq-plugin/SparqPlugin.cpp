//===- SparqPlugin.cpp - SparQ as a plugin for the stock mlir-opt ---------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// Load into Debian's /usr/lib/llvm-22/bin/mlir-opt with
//   --load-dialect-plugin=libSparqPlugin.so
//   --load-pass-plugin=libSparqPlugin.so
// Both entry points live in one library; plugin passes are reached through
// --pass-pipeline="builtin.module(sparq-...)".
//
//===----------------------------------------------------------------------===//

#include "sparq/InitSparq.h"

#include "mlir/Tools/Plugins/DialectPlugin.h"
#include "mlir/Tools/Plugins/PassPlugin.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/Compiler.h"

extern "C" LLVM_ATTRIBUTE_WEAK mlir::DialectPluginLibraryInfo
mlirGetDialectPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "SparqDialect", LLVM_VERSION_STRING,
          [](mlir::DialectRegistry *registry) {
            sparq::registerSparqDialects(*registry);
          }};
}

extern "C" LLVM_ATTRIBUTE_WEAK mlir::PassPluginLibraryInfo
mlirGetPassPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "SparqPasses", LLVM_VERSION_STRING,
          []() { sparq::registerSparqPasses(); }};
}
