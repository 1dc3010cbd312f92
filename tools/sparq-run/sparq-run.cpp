//===- sparq-run.cpp - JIT-compile and run a SparQ module on .npy data ----===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// sparq-run FILE.mlir --entry=NAME --input=A.npy [--input=B.npy ...]
//           --output=OUT.npy [--repeat=N] [--batch=B]
//
// Lowers the module with sparq-to-llvm when it is not in the LLVM dialect
// yet, JIT-compiles it, calls the entry on the inputs (.npy or IDX files) and
// writes its results as .npy. See docs/sparq-run.md.
//
//===----------------------------------------------------------------------===//

#include "sparq/Runner/InputFile.h"
#include "sparq/Runner/ModuleFile.h"
#include "sparq/Runner/JitRunner.h"
#include "sparq/Runner/Npy.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"
#include "mlir/IR/Diagnostics.h"

#include <algorithm>
#include <cstdio>

using namespace sparq::runner;
namespace cl = llvm::cl;

static cl::OptionCategory category("sparq-run options");
static cl::opt<std::string> inputFile(cl::Positional, cl::desc("<module.mlir>"),
                                      cl::Required, cl::cat(category));
static cl::opt<std::string> entryName("entry", cl::desc("Function to call"),
                                      cl::init("main"), cl::cat(category));
static cl::list<std::string>
    inputs("input", cl::desc("An argument: .npy or IDX file (gzipped or not), "
                             "one per argument, in order"),
           cl::cat(category));
static cl::list<std::string> outputs(
    "output",
    cl::desc("Where results go (.npy): one per result, or one name OUT.npy "
             "for several results, written as OUT_0.npy, OUT_1.npy, ..."),
    cl::cat(category));
static cl::opt<unsigned>
    repeat("repeat",
           cl::desc("Run N times and print the median and minimum time per "
                    "call (compile time is printed separately)"),
           cl::init(0), cl::cat(category));
static cl::opt<int64_t>
    batch("batch",
          cl::desc("Split the inputs' first dimension into batches of B rows "
                   "(the last one zero-padded), call once per batch and "
                   "concatenate the results"),
          cl::init(0), cl::cat(category));
static cl::opt<std::string>
    rows("rows", cl::desc("Use only rows BEGIN:END of every input"),
         cl::cat(category));
static cl::opt<std::string>
    images("images",
           cl::desc("How u8 IDX images [N,H,W] become f32 in [0,1]: nchw "
                    "([N,1,H,W], default), nhwc ([N,H,W,1]), flat ([N,H*W]) "
                    "or raw (u8 kept)"),
           cl::init("nchw"), cl::cat(category));
static cl::opt<unsigned> optLevel("O", cl::desc("LLVM optimization level"),
                                  cl::init(2), cl::Prefix, cl::cat(category));
static cl::list<std::string> sharedLibs(
    "shared-libs",
    cl::desc("Libraries the code may call (default: MLIR's runner utils)"),
    cl::CommaSeparated, cl::cat(category));
static cl::opt<std::string> signatureText(
    "signature",
    cl::desc("The entry's function type, for modules already in the LLVM "
             "dialect, e.g. \"(tensor<1x784xf32>) -> tensor<1x10xf32>\""),
    cl::cat(category));
static cl::opt<bool> vectorize("vectorize",
                               cl::desc("Let sparq-to-llvm vectorize"),
                               cl::init(false), cl::cat(category));
static cl::opt<bool> printOutputs(
    "print", cl::desc("Print every result's values on stdout"),
    cl::init(false), cl::cat(category));

static cl::opt<std::string> labelsFile(
    "labels",
    cl::desc("Integer class labels (.npy or IDX, one per row; --rows applies): "
             "print result 0's top-1 accuracy (argmax over its last axis)"),
    cl::cat(category));

static int error(const llvm::Twine &message) {
  llvm::errs() << "sparq-run: error: " << message << "\n";
  return 1;
}

static int error(llvm::Error err) {
  return error(llvm::toString(std::move(err)));
}

/// The file result `index` of `count` goes to, or empty for none.
static std::string outputPath(size_t index, size_t count) {
  if (outputs.empty())
    return "";
  if (outputs.size() == count)
    return outputs[index];
  llvm::StringRef base = outputs.front();
  base.consume_back(".npy");
  return (base + "_" + llvm::Twine(index) + ".npy").str();
}

static void printArray(const HostArray &array) {
  llvm::outs() << getName(array.dtype) << " " << formatShape(array.shape)
               << ":";
  bool isFloat = array.dtype == DType::F16 || array.dtype == DType::F32 ||
                 array.dtype == DType::F64;
  for (int64_t i = 0, e = array.getNumElements(); i < e; ++i) {
    double v = array.getAsDouble(i);
    if (isFloat)
      llvm::outs() << llvm::format(" %.9g", v);
    else
      llvm::outs() << " " << static_cast<int64_t>(v);
  }
  llvm::outs() << "\n";
}

/// Top-1 of `logits` [N, ..., C] (first maximum of each row, NaN never
/// larger) against integer `labels` [N]: the number of matches, or an error.
static llvm::Expected<int64_t> countTop1(const HostArray &logits,
                                        const HostArray &labels) {
  auto fail = [](const llvm::Twine &message) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   message.str());
  };
  if (labels.dtype == DType::F16 || labels.dtype == DType::F32 ||
      labels.dtype == DType::F64)
    return fail("--labels: expected integer labels, got " +
                getName(labels.dtype));
  if (logits.shape.size() < 2)
    return fail("--labels: result 0 has shape " + formatShape(logits.shape) +
                "; top-1 needs [N, ..., classes]");
  int64_t classes = logits.shape.back();
  int64_t rows = logits.getNumElements() / std::max<int64_t>(classes, 1);
  if (labels.getNumElements() != rows)
    return fail("--labels: " + llvm::Twine(labels.getNumElements()) +
                " labels for " + llvm::Twine(rows) + " rows of result 0");
  int64_t correct = 0;
  for (int64_t r = 0; r < rows; ++r) {
    int64_t best = 0;
    for (int64_t c = 1; c < classes; ++c)
      if (logits.getAsDouble(r * classes + c) >
          logits.getAsDouble(r * classes + best))
        best = c;
    correct += static_cast<int64_t>(labels.getAsDouble(r)) == best;
  }
  return correct;
}

static double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  cl::HideUnrelatedOptions(category);
  cl::ParseCommandLineOptions(
      argc, argv,
      "sparq-run: JIT-compile a SparQ module and run a function on .npy / "
      "IDX inputs\n");

  InputOptions inputOptions;
  if (!rows.empty())
    if (llvm::Error err = parseRowRange(rows, inputOptions))
      return error(std::move(err));
  auto layout = parseImageLayout(images);
  if (!layout)
    return error(layout.takeError());
  inputOptions.images = *layout;
  if (optLevel > 3)
    return error("-O must be 0, 1, 2 or 3");
  if (batch < 0)
    return error("--batch must be positive");

  // Inputs first: a missing file is reported before compiling.
  std::optional<HostArray> labels;
  if (!labelsFile.empty()) {
    auto array = loadInputFile(labelsFile, inputOptions);
    if (!array)
      return error(array.takeError());
    labels = std::move(*array);
  }
  std::vector<HostArray> arrays;
  std::vector<std::string> names(inputs.begin(), inputs.end());
  for (const std::string &path : inputs) {
    auto array = loadInputFile(path, inputOptions);
    if (!array)
      return error(array.takeError());
    arrays.push_back(std::move(*array));
  }

  mlir::DialectRegistry registry;
  registerRunnerDialects(registry);
  mlir::MLIRContext context(registry);
  context.loadAllAvailableDialects();

  llvm::SourceMgr sourceMgr;
  mlir::SourceMgrDiagnosticHandler diagnostics(sourceMgr, &context);
  auto parsed = parseModuleFile(inputFile, sourceMgr, context);
  if (!parsed)
    return error(parsed.takeError());
  mlir::OwningOpRef<mlir::ModuleOp> module = std::move(*parsed);

  JitOptions jitOptions;
  jitOptions.entry = entryName;
  jitOptions.optLevel = optLevel;
  jitOptions.sharedLibs.assign(sharedLibs.begin(), sharedLibs.end());
  jitOptions.signature = signatureText;
  jitOptions.vectorize = vectorize;
  auto runner = JitRunner::create(std::move(module), jitOptions);
  if (!runner)
    return error(runner.takeError());
  const EntrySignature &signature = (*runner)->getSignature();
  if (!outputs.empty() && outputs.size() != 1 &&
      outputs.size() != signature.results.size())
    return error("@" + entryName + " has " +
                 llvm::Twine(signature.results.size()) + " result(s), got " +
                 llvm::Twine(outputs.size()) +
                 " --output files (give one per result, or one name)");
  if (!batch)
    if (llvm::Error err = (*runner)->checkInputs(arrays, names))
      return error(std::move(err));

  unsigned runs = std::max(1u, static_cast<unsigned>(repeat));
  std::vector<double> seconds;
  std::vector<HostArray> results;
  for (unsigned r = 0; r < runs; ++r) {
    llvm::Expected<std::vector<HostArray>> got = std::vector<HostArray>();
    if (batch) {
      got = (*runner)->callBatched(arrays, batch, names, &seconds);
    } else {
      double s;
      got = (*runner)->call(arrays, &s);
      seconds.push_back(s);
    }
    if (!got)
      return error(got.takeError());
    results = std::move(*got);
  }

  for (size_t i = 0; i < results.size(); ++i) {
    std::string path = outputPath(i, results.size());
    if (!path.empty())
      if (llvm::Error err = writeNpy(path, results[i]))
        return error(std::move(err));
    if (printOutputs) {
      llvm::outs() << "result " << i << ": ";
      printArray(results[i]);
    }
  }
  if (labels) {
    if (results.empty())
      return error("--labels: @" + entryName + " has no result");
    auto correct = countTop1(results[0], *labels);
    if (!correct)
      return error(correct.takeError());
    int64_t total = labels->getNumElements();
    llvm::outs() << llvm::format("top-1: %lld / %lld (%.2f%%)\n",
                                 static_cast<long long>(*correct),
                                 static_cast<long long>(total),
                                 total ? 100.0 * *correct / total : 0.0);
  }
  if (repeat) {
    double total = 0;
    for (double s : seconds)
      total += s;
    double lo = *std::min_element(seconds.begin(), seconds.end());
    llvm::outs() << llvm::format("compile: %.3f ms\n",
                                 (*runner)->getCompileSeconds() * 1e3);
    llvm::outs() << llvm::format(
        "run: %zu calls, median %.6f ms, min %.6f ms per call, total %.3f "
        "ms\n",
        seconds.size(), median(seconds) * 1e3, lo * 1e3, total * 1e3);
  }
  return 0;
}
