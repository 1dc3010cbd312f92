//===- sparq-calibrate.cpp - Record activation ranges of a float model ----===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// sparq-calibrate MODEL.mlir --input=CALIB.npy|IDX [--rows=A:B] [--batch=B]
//                 --output=CALIB.json [--percentile=P] [--mse-bits=4,8]
//                 [--granularity=tensor|channel]
//
// Runs the float model over a calibration set and writes, for every
// activation --sparq-quantize-activations would quantize, the ranges the
// min-max, percentile and MSE observers give. See docs/calibration.md.
//
//===----------------------------------------------------------------------===//

#include "sparq/Runner/Calibrator.h"
#include "sparq/Runner/InputFile.h"
#include "sparq/Runner/ModuleFile.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

using namespace sparq::runner;
namespace cl = llvm::cl;

static cl::OptionCategory category("sparq-calibrate options");
static cl::opt<std::string> inputFile(cl::Positional,
                                      cl::desc("<float-model.mlir>"),
                                      cl::Required, cl::cat(category));
static cl::opt<std::string> entryName("entry", cl::desc("Function to run"),
                                      cl::init("main"), cl::cat(category));
static cl::list<std::string>
    inputs("input",
           cl::desc("Calibration data per argument: .npy or IDX file"),
           cl::cat(category));
static cl::opt<std::string> outputFile("output",
                                       cl::desc("Calibration file (JSON)"),
                                       cl::Required, cl::cat(category));
static cl::opt<int64_t> batch("batch",
                              cl::desc("Run in batches of B rows (the "
                                       "model's static batch size)"),
                              cl::init(0), cl::cat(category));
static cl::opt<std::string> rows("rows",
                                 cl::desc("Use only rows BEGIN:END of every "
                                          "input"),
                                 cl::cat(category));
static cl::opt<std::string>
    images("images",
           cl::desc("How u8 IDX images become f32: nchw, nhwc, flat or raw"),
           cl::init("nchw"), cl::cat(category));
static cl::opt<double>
    percentile("percentile",
               cl::desc("The percentile observer's p in (0, 100]"),
               cl::init(99.99), cl::cat(category));
static cl::list<unsigned>
    mseBits("mse-bits",
            cl::desc("Bit widths the MSE observer searches ranges for "
                     "(default 8)"),
            cl::CommaSeparated, cl::cat(category));
static cl::opt<unsigned> mseSteps("mse-steps",
                                  cl::desc("Candidate ranges of the MSE "
                                           "search"),
                                  cl::init(100), cl::cat(category));
static cl::opt<std::string>
    granularity("granularity",
                cl::desc("tensor (default) or channel (also per channel of "
                         "the contracted axis)"),
                cl::init("tensor"), cl::cat(category));
static cl::opt<unsigned> optLevel("O", cl::desc("LLVM optimization level"),
                                  cl::init(2), cl::Prefix, cl::cat(category));
static cl::list<std::string>
    sharedLibs("shared-libs",
               cl::desc("Libraries the code may call (default: MLIR's "
                        "runner utils)"),
               cl::CommaSeparated, cl::cat(category));

static int error(const llvm::Twine &message) {
  llvm::errs() << "sparq-calibrate: error: " << message << "\n";
  return 1;
}

static int error(llvm::Error err) {
  return error(llvm::toString(std::move(err)));
}

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  cl::HideUnrelatedOptions(category);
  cl::ParseCommandLineOptions(argc, argv,
                              "sparq-calibrate: record activation ranges of "
                              "a float model over a calibration set\n");

  InputOptions inputOptions;
  if (!rows.empty())
    if (llvm::Error err = parseRowRange(rows, inputOptions))
      return error(std::move(err));
  auto layout = parseImageLayout(images);
  if (!layout)
    return error(layout.takeError());
  inputOptions.images = *layout;
  if (granularity != "tensor" && granularity != "channel")
    return error("unknown granularity '" + granularity +
                 "' (expected tensor or channel)");
  if (optLevel > 3)
    return error("-O must be 0, 1, 2 or 3");
  if (batch < 0)
    return error("--batch must be positive");

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

  CalibrationOptions options;
  options.jit.entry = entryName;
  options.jit.optLevel = optLevel;
  options.jit.sharedLibs.assign(sharedLibs.begin(), sharedLibs.end());
  options.batch = batch;
  options.percentile = percentile;
  if (!mseBits.empty())
    options.mseBits.assign(mseBits.begin(), mseBits.end());
  options.mseSteps = mseSteps;
  options.perChannel = granularity == "channel";
  auto json = calibrate(std::move(module), arrays, names, options,
                        llvm::outs());
  if (!json)
    return error(json.takeError());
  std::error_code ec;
  llvm::raw_fd_ostream os(outputFile, ec, llvm::sys::fs::OF_Text);
  if (ec)
    return error(outputFile + ": cannot write: " + ec.message());
  os << *json;
  return 0;
}
