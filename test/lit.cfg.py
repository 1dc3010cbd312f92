# -*- Python -*-
# lit configuration for SparQ's regression and integration tests.

import os

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "SPARQ"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".py"]
config.excludes = ["CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py", "Inputs", "Unit"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.sparq_obj_root, "test")

config.substitutions.append(("%PATH%", config.environment["PATH"]))
config.substitutions.append(("%shlibext", ".so"))
config.substitutions.append(("%sparq_lib_dir", config.sparq_lib_dir))
config.substitutions.append(("%sparq_src_root", config.sparq_src_root))
config.substitutions.append(("%python", config.python_executable))
config.substitutions.append(
    ("%mlir_runner_libs",
     ",".join(os.path.join(config.llvm_lib_dir, lib) for lib in
              ["libmlir_c_runner_utils.so", "libmlir_runner_utils.so"])))

llvm_config.with_system_environment(["HOME", "INCLUDE", "LIB", "TMP", "TEMP"])
llvm_config.use_default_substitutions()
# FileCheck, not, count and split-file are installed LLVM tools, not targets.
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
llvm_config.with_environment("PATH", config.sparq_tools_dir, append_path=True)

tool_dirs = [config.sparq_tools_dir, config.llvm_tools_dir]
tools = [
    "sparq-opt",
    "sparq-run",
    "sparq-import-onnx",
    "sparq-calibrate",
    ToolSubst("mlir-opt", os.path.join(config.llvm_tools_dir, "mlir-opt")),
    ToolSubst("mlir-runner", os.path.join(config.llvm_tools_dir, "mlir-runner")),
    ToolSubst("not", os.path.join(config.llvm_tools_dir, "not")),
    ToolSubst("split-file", os.path.join(config.llvm_tools_dir, "split-file")),
]
llvm_config.add_tool_substitutions(tools, tool_dirs)

# bench/dataflow's harness links OpenBLAS and uses Eigen (Debian packages
# libopenblas-dev, libeigen3-dev; scripts/setup.sh installs them).
if os.path.exists("/usr/include/eigen3/Eigen/Sparse") and (
        os.path.exists("/usr/include/x86_64-linux-gnu/cblas.h")
        or os.path.exists("/usr/include/cblas.h")):
    config.available_features.add("openblas-eigen")

# LLVM's OpenMP runtime (Debian libomp-22-dev) for the JIT tests of the
# parallel (scf-to-openmp) dataflow loops.
libomp = os.path.join(config.llvm_lib_dir, "libomp.so")
if os.path.exists(libomp):
    config.available_features.add("libomp")
    config.substitutions.append(("%libomp", libomp))
