//===- JitRunner.cpp - JIT-compile a module and call one function ---------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// Calling convention: the entry is marked `llvm.emit_c_interface` before
// lowering, so func-to-llvm emits `_mlir_ciface_<entry>`, which takes a
// pointer to a memref descriptor per argument
//   { T *allocated; T *aligned; i64 offset; i64 sizes[r]; i64 strides[r]; }
// and, when the function has results, a pointer to where the results go as
// its first argument (one descriptor, or a struct of descriptors for several
// results). Every field is 8 bytes, so a descriptor is 3 + 2r i64 words.
// ExecutionEngine wraps every function in a packed `_mlir_<name>(void **)`
// whose arguments point to the real ones.
//
//===----------------------------------------------------------------------===//

#include "sparq/Runner/JitRunner.h"
#include "sparq/InitSparq.h"
#include "sparq/Pipelines/Pipelines.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/AsmParser/AsmParser.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ExecutionEngine/Orc/Mangling.h"
#include "llvm/Support/TargetSelect.h"

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <mutex>

#ifndef SPARQ_MLIR_LIB_DIR
#define SPARQ_MLIR_LIB_DIR "/usr/lib/llvm-22/lib"
#endif

using namespace mlir;

namespace sparq::runner {

static llvm::Error fail(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 message.str());
}

static std::string printType(Type type) {
  std::string text;
  llvm::raw_string_ostream os(text);
  type.print(os);
  return text;
}

static std::optional<DType> getDType(Type type) {
  if (type.isF16())
    return DType::F16;
  if (type.isF32())
    return DType::F32;
  if (type.isF64())
    return DType::F64;
  if (auto integer = dyn_cast<IntegerType>(type)) {
    if (integer.isUnsigned())
      return std::nullopt;
    switch (integer.getWidth()) {
    case 8:
      return DType::I8;
    case 16:
      return DType::I16;
    case 32:
      return DType::I32;
    case 64:
      return DType::I64;
    default:
      return std::nullopt;
    }
  }
  return std::nullopt;
}

/// The spec of one argument or result, or an error naming `what`.
static llvm::Expected<TensorSpec> getSpec(Type type, const llvm::Twine &what) {
  auto shaped = dyn_cast<ShapedType>(type);
  std::string supported = "sparq-run supports ranked tensors and memrefs of "
                          "f16, f32, f64, i8, i16, i32 and i64";
  if (!shaped || !isa<RankedTensorType, MemRefType>(type) ||
      !shaped.hasRank())
    return fail(what + " has type " + printType(type) + "; " + supported);
  if (auto tensor = dyn_cast<RankedTensorType>(type))
    if (tensor.getEncoding())
      return fail(what + " has type " + printType(type) +
                  ": an encoded (compressed) tensor cannot cross the call "
                  "boundary; pass a plain tensor and pack it inside");
  if (auto memref = dyn_cast<MemRefType>(type))
    if (!memref.getLayout().isIdentity())
      return fail(what + " has type " + printType(type) +
                  ": only identity-layout memrefs are supported");
  std::optional<DType> dtype = getDType(shaped.getElementType());
  if (!dtype)
    return fail(what + " has type " + printType(type) + "; " + supported);
  TensorSpec spec;
  spec.dtype = *dtype;
  for (int64_t d : shaped.getShape())
    spec.shape.push_back(ShapedType::isDynamic(d) ? -1 : d);
  spec.typeName = printType(type);
  return spec;
}

llvm::Expected<EntrySignature> getEntrySignature(FunctionType type,
                                                 llvm::StringRef entry) {
  EntrySignature signature;
  for (auto [i, input] : llvm::enumerate(type.getInputs())) {
    auto spec =
        getSpec(input, "@" + entry + ": argument " + llvm::Twine(i));
    if (!spec)
      return spec.takeError();
    signature.inputs.push_back(*spec);
  }
  for (auto [i, result] : llvm::enumerate(type.getResults())) {
    auto spec = getSpec(result, "@" + entry + ": result " + llvm::Twine(i));
    if (!spec)
      return spec.takeError();
    signature.results.push_back(*spec);
  }
  return signature;
}

/// Names the module's functions, for the unknown-entry message.
static std::string listFunctions(ModuleOp module) {
  std::string names;
  for (Operation &op : module.getBody()->getOperations()) {
    if (!isa<func::FuncOp, LLVM::LLVMFuncOp>(op))
      continue;
    auto callable = cast<FunctionOpInterface>(op);
    if (callable.isExternal() ||
        callable.getName().starts_with("_mlir_ciface_"))
      continue;
    if (!names.empty())
      names += ", ";
    names += "@" + callable.getName().str();
  }
  return names.empty() ? "none" : names;
}

static double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                       start)
      .count();
}

// Memory the compiled code allocates. The sparq-to-llvm pipeline (the
// upstream sparsifier) frees no intermediate buffer, so every call would
// leak its temporaries; the code's malloc / aligned_alloc / free are routed
// here instead, and whatever a call leaves allocated (temporaries and result
// buffers) is freed once its results are copied out. JIT-compiled code
// passes no context to malloc, so the live set of the call in progress is
// process-wide, behind a mutex: code parallelized with OpenMP allocates and
// frees on worker threads too. Calls must not overlap (JitRunner::call is not
// reentrant).
static std::mutex allocationMutex;
static llvm::DenseSet<void *> *liveAllocations = nullptr;

static void track(void *p) {
  std::lock_guard<std::mutex> lock(allocationMutex);
  if (p && liveAllocations)
    liveAllocations->insert(p);
}

static void *trackedMalloc(size_t size) {
  void *p = std::malloc(size);
  track(p);
  return p;
}

static void *trackedAlignedAlloc(size_t alignment, size_t size) {
  void *p = std::aligned_alloc(alignment, size);
  track(p);
  return p;
}

static void trackedFree(void *p) {
  {
    std::lock_guard<std::mutex> lock(allocationMutex);
    if (liveAllocations)
      liveAllocations->erase(p);
  }
  std::free(p);
}

llvm::Expected<std::unique_ptr<JitRunner>>
JitRunner::create(OwningOpRef<ModuleOp> module, const JitOptions &options) {
  auto start = std::chrono::steady_clock::now();
  std::unique_ptr<JitRunner> runner(new JitRunner());
  MLIRContext *ctx = module->getContext();
  llvm::StringRef entry = options.entry;
  Operation *symbol = SymbolTable::lookupSymbolIn(*module, entry);
  if (!symbol)
    return fail("no function @" + entry + " in the module (functions: " +
                listFunctions(*module) + ")");

  if (auto func = dyn_cast<func::FuncOp>(symbol)) {
    if (func.isExternal())
      return fail("@" + entry + " is a declaration without a body");
    auto signature = getEntrySignature(func.getFunctionType(), entry);
    if (!signature)
      return signature.takeError();
    runner->signature = std::move(*signature);
    if (func.isPrivate())
      func.setPublic();
    func->setAttr(LLVM::LLVMDialect::getEmitCWrapperAttrName(),
                  UnitAttr::get(ctx));
    PassManager pm(ctx);
    SparqToLLVMOptions pipelineOptions;
    pipelineOptions.enableVectorization = options.vectorize;
    buildSparqToLLVMPipeline(pm, pipelineOptions);
    if (failed(pm.run(*module)))
      return fail("lowering with the sparq-to-llvm pipeline failed (see the "
                  "diagnostics above)");
    // An op the pipeline does not handle can survive it (with the casts
    // around it): name the first one instead of failing in translation.
    // Prefer the op that was not handled over the bufferization and cast
    // ops left around it.
    Operation *leftOver = nullptr, *glue = nullptr;
    module->walk([&](Operation *op) {
      if (isa<ModuleOp>(op) || isa<LLVM::LLVMDialect>(op->getDialect()))
        return;
      bool isGlue = isa<UnrealizedConversionCastOp>(op) ||
                    op->getDialect()->getNamespace() == "bufferization";
      Operation *&slot = isGlue ? glue : leftOver;
      if (!slot)
        slot = op;
    });
    if (!leftOver)
      leftOver = glue;
    if (leftOver) {
      leftOver->emitError("sparq-to-llvm left '")
          << leftOver->getName() << "' unlowered";
      return fail("the module is not fully lowered to the LLVM dialect ('" +
                  leftOver->getName().getStringRef() +
                  "' remains); sparq-to-llvm does not handle it");
    }
  } else if (auto llvmFunc = dyn_cast<LLVM::LLVMFuncOp>(symbol)) {
    // Already lowered: the signature comes from --signature or from the
    // sparq.signature attribute (a TypeAttr holding a FunctionType).
    FunctionType type;
    if (!options.signature.empty()) {
      type = dyn_cast_or_null<FunctionType>(
          parseType(options.signature, ctx));
      if (!type)
        return fail("--signature: '" + options.signature +
                    "' is not a function type such as "
                    "(tensor<4x8xf32>) -> tensor<4x2xf32>");
    } else if (auto attr = llvmFunc->getAttrOfType<TypeAttr>(
                   "sparq.signature")) {
      type = dyn_cast<FunctionType>(attr.getValue());
    }
    if (!type)
      return fail("@" + entry +
                  " is already in the LLVM dialect, where argument types "
                  "and shapes are gone: give them with --signature=\"(...) "
                  "-> (...)\", or pass the module before lowering");
    auto signature = getEntrySignature(type, entry);
    if (!signature)
      return signature.takeError();
    runner->signature = std::move(*signature);
  } else {
    return fail("@" + entry + " is not a func.func or llvm.func");
  }

  std::string wrapper = "_mlir_ciface_" + entry.str();
  if (!SymbolTable::lookupSymbolIn(*module, wrapper))
    return fail("the lowered module has no " + wrapper +
                " (lower @" + entry +
                " with the llvm.emit_c_interface attribute)");

  static bool targetsInitialized = [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
    return true;
  }();
  (void)targetsInitialized;

  std::vector<std::string> libs = options.sharedLibs;
  if (libs.empty())
    libs = {SPARQ_MLIR_LIB_DIR "/libmlir_c_runner_utils.so",
            SPARQ_MLIR_LIB_DIR "/libmlir_runner_utils.so"};
  llvm::SmallVector<llvm::StringRef> libRefs(libs.begin(), libs.end());
  auto transformer = makeOptimizingTransformer(options.optLevel,
                                               /*sizeLevel=*/0,
                                               /*targetMachine=*/nullptr);
  ExecutionEngineOptions engineOptions;
  engineOptions.transformer = transformer;
  engineOptions.jitCodeGenOptLevel =
      static_cast<llvm::CodeGenOptLevel>(std::min(options.optLevel, 3u));
  engineOptions.sharedLibPaths = libRefs;
  auto engine = ExecutionEngine::create(*module, engineOptions);
  if (!engine)
    return fail("JIT compilation failed: " +
                llvm::toString(engine.takeError()));
  runner->engine = std::move(*engine);
  runner->engine->registerSymbols([](llvm::orc::MangleAndInterner interner) {
    llvm::orc::SymbolMap symbols;
    symbols[interner("malloc")] =
        llvm::orc::ExecutorSymbolDef::fromPtr(&trackedMalloc);
    symbols[interner("aligned_alloc")] =
        llvm::orc::ExecutorSymbolDef::fromPtr(&trackedAlignedAlloc);
    symbols[interner("free")] =
        llvm::orc::ExecutorSymbolDef::fromPtr(&trackedFree);
    return symbols;
  });
  runner->engine->initialize();
  // Looking the function up is what makes the JIT compile it.
  auto packed = runner->engine->lookupPacked(wrapper);
  if (!packed)
    return fail("JIT compilation failed: " +
                llvm::toString(packed.takeError()));
  runner->packed = *packed;
  runner->compileSeconds = secondsSince(start);
  return runner;
}

JitRunner::~JitRunner() = default;

llvm::Error JitRunner::checkInputs(llvm::ArrayRef<HostArray> inputs,
                                   llvm::ArrayRef<std::string> names) const {
  auto nameOf = [&](size_t i) {
    std::string name = "input " + std::to_string(i);
    if (i < names.size())
      name += " (" + names[i] + ")";
    return name;
  };
  if (inputs.size() != signature.inputs.size()) {
    std::string types;
    for (const TensorSpec &spec : signature.inputs)
      types += (types.empty() ? "" : ", ") + spec.typeName;
    return fail("the entry takes " + llvm::Twine(signature.inputs.size()) +
                " input(s) (" + types + "), got " +
                llvm::Twine(inputs.size()));
  }
  for (size_t i = 0; i < inputs.size(); ++i) {
    const TensorSpec &spec = signature.inputs[i];
    const HostArray &array = inputs[i];
    if (array.dtype != spec.dtype)
      return fail(nameOf(i) + ": expected " + getName(spec.dtype) +
                  " elements (" + spec.typeName + "), got " +
                  getName(array.dtype));
    bool match = array.shape.size() == spec.shape.size();
    for (size_t d = 0; match && d < spec.shape.size(); ++d)
      match = spec.shape[d] < 0 || spec.shape[d] == array.shape[d];
    if (!match)
      return fail(nameOf(i) + ": expected shape " + formatShape(spec.shape) +
                  " (" + spec.typeName + "), got " +
                  formatShape(array.shape));
  }
  return llvm::Error::success();
}

/// 3 + 2r words: allocated, aligned, offset, sizes, strides (row major).
static std::vector<int64_t> makeDescriptor(HostArray &array) {
  size_t rank = array.shape.size();
  std::vector<int64_t> desc(3 + 2 * rank);
  auto address = reinterpret_cast<intptr_t>(array.bytes.data());
  desc[0] = desc[1] = address;
  desc[2] = 0;
  int64_t stride = 1;
  for (size_t d = rank; d-- > 0;) {
    desc[3 + d] = array.shape[d];
    desc[3 + rank + d] = stride;
    stride *= array.shape[d];
  }
  return desc;
}

llvm::Expected<std::vector<HostArray>>
JitRunner::call(llvm::ArrayRef<HostArray> inputs, double *seconds) {
  if (llvm::Error error = checkInputs(inputs, {}))
    return std::move(error);
  // Copies: compiled code may write into its memref arguments.
  std::vector<HostArray> copies(inputs.begin(), inputs.end());
  std::vector<std::vector<int64_t>> descriptors;
  for (HostArray &copy : copies) {
    // Keep a valid pointer for empty arrays.
    if (copy.bytes.empty())
      copy.bytes.reserve(8);
    descriptors.push_back(makeDescriptor(copy));
  }
  // Results: one descriptor per result, laid out back to back (a struct of
  // descriptors is the same words).
  size_t resultWords = 0;
  for (const TensorSpec &spec : signature.results)
    resultWords += 3 + 2 * spec.shape.size();
  std::vector<int64_t> results(resultWords, 0);
  std::vector<void *> pointers;
  if (!signature.results.empty())
    pointers.push_back(results.data());
  for (auto &desc : descriptors)
    pointers.push_back(desc.data());
  std::vector<void *> packedArgs;
  for (void *&pointer : pointers)
    packedArgs.push_back(&pointer);

  llvm::DenseSet<void *> allocations;
  {
    std::lock_guard<std::mutex> lock(allocationMutex);
    liveAllocations = &allocations;
  }
  auto start = std::chrono::steady_clock::now();
  packed(packedArgs.data());
  if (seconds)
    *seconds = secondsSince(start);
  {
    std::lock_guard<std::mutex> lock(allocationMutex);
    liveAllocations = nullptr;
  }

  // Copy the results out (any strides), then free everything the call
  // allocated and did not free (results that alias an input or a global
  // were not allocated by the call).
  std::vector<HostArray> outputs;
  size_t word = 0;
  for (const TensorSpec &spec : signature.results) {
    size_t rank = spec.shape.size();
    const int64_t *desc = results.data() + word;
    word += 3 + 2 * rank;
    std::vector<int64_t> shape(desc + 3, desc + 3 + rank);
    HostArray output(spec.dtype, shape);
    unsigned width = getByteWidth(spec.dtype);
    const auto *base = reinterpret_cast<const uint8_t *>(desc[1]);
    int64_t n = output.getNumElements();
    std::vector<int64_t> index(rank, 0);
    for (int64_t i = 0; i < n; ++i) {
      int64_t offset = desc[2];
      for (size_t d = 0; d < rank; ++d)
        offset += index[d] * desc[3 + rank + d];
      std::memcpy(output.bytes.data() + i * width, base + offset * width,
                  width);
      for (size_t d = rank; d-- > 0;) {
        if (++index[d] < shape[d])
          break;
        index[d] = 0;
      }
    }
    outputs.push_back(std::move(output));
  }
  for (void *p : allocations)
    std::free(p);
  return outputs;
}

llvm::Expected<std::vector<HostArray>>
JitRunner::callBatched(llvm::ArrayRef<HostArray> inputs, int64_t batch,
                       llvm::ArrayRef<std::string> names,
                       std::vector<double> *callSeconds) {
  if (batch <= 0)
    return fail("--batch must be positive");
  if (inputs.empty())
    return fail("--batch needs at least one input to split");
  int64_t rows = -1;
  for (size_t i = 0; i < inputs.size(); ++i) {
    std::string name = i < names.size() ? names[i] : std::to_string(i);
    if (inputs[i].shape.empty())
      return fail("input " + llvm::Twine(i) + " (" + name +
                  "): --batch splits the first dimension, but the input is "
                  "rank 0");
    if (rows >= 0 && inputs[i].shape[0] != rows)
      return fail("input " + llvm::Twine(i) + " (" + name + ") has " +
                  llvm::Twine(inputs[i].shape[0]) + " rows, input 0 has " +
                  llvm::Twine(rows) + ": --batch needs the same number");
    rows = inputs[i].shape[0];
  }
  std::vector<std::vector<HostArray>> parts(signature.results.size());
  for (int64_t begin = 0; begin < rows || begin == 0; begin += batch) {
    int64_t end = std::min(begin + batch, rows);
    std::vector<HostArray> slices;
    for (const HostArray &input : inputs)
      slices.push_back(input.sliceRows(begin, end, batch));
    if (llvm::Error error = checkInputs(slices, names))
      return fail("batch of " + llvm::Twine(batch) + " rows: " +
                  llvm::toString(std::move(error)));
    double seconds;
    auto outputs = call(slices, &seconds);
    if (!outputs)
      return outputs.takeError();
    if (callSeconds)
      callSeconds->push_back(seconds);
    for (size_t r = 0; r < outputs->size(); ++r) {
      HostArray &output = (*outputs)[r];
      if (output.shape.empty() || output.shape[0] != batch)
        return fail("result " + llvm::Twine(r) + " has shape " +
                    formatShape(output.shape) + ": --batch=" +
                    llvm::Twine(batch) + " needs every result to have " +
                    llvm::Twine(batch) + " rows");
      parts[r].push_back(output.sliceRows(0, end - begin));
    }
    if (rows == 0)
      break;
  }
  std::vector<HostArray> results;
  for (auto &part : parts)
    results.push_back(concatRows(part));
  return results;
}

} // namespace sparq::runner
