//===- bench.cpp - Timing harness of bench/dataflow -----------------------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
// One case, one process: C[M,N] = X[M,K] * W[K,N] with the pruned weight W of
// gen.py. Times, back to back in this process, the kernels of KERNELS.so
// (MLIR-generated, called through their llvm.emit_c_interface wrappers):
//   sparq        SparQ: sparq-opt --sparq-pack=... --sparq-to-llvm
//   sparq_dense  SparQ's own dense path (the same weight, not packed)
//   up_xw[_v8]   upstream mlir-opt --sparsifier, C = X * W, W in CSR
//   up_wx[_v8]   upstream, C^T = W^T * X^T, W^T in CSR
// and the baselines, compiled into this file:
//   openblas     cblas_sgemm on the dense W (f32 values for int8 cases too)
//   eigen        Eigen::SparseMatrix (row-major, W): X * W
//   eigen_wx     Eigen, the other orientation: W^T * X^T (both row-major)
//   i8gemm       int8 cases: plain C++ i8 x i8 -> i32 GEMM (i-k-j loops,
//                -O3 -march=native auto-vectorized), also the int8 reference
// Every kernel's output is checked against the reference first (f32: OpenBLAS
// within a stated tolerance; int8: i8gemm, bit-exact); a wrong kernel is
// reported WRONG and never timed. A kernel missing from KERNELS.so is
// reported missing.
//
//   bench CASE_DIR KERNELS.so REPS [BUDGET_SECONDS]
//
// The kernels that pass are then timed together, round by round (each round
// calls every kernel once, after one warm-up call each): REPS rounds, fewer
// for a kernel whose calls would take more than BUDGET_SECONDS (default 2; at
// least 3 calls). REPS = 0 only checks the kernels.
//
// Output: one line per kernel,
//   kernel=NAME status=ok|WRONG|missing median_ms=T min_ms=T reps=R [err=..]
//
//===----------------------------------------------------------------------===//

#include <Eigen/Dense>
#include <Eigen/Sparse>
#include <cblas.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <fstream>
#include <functional>
#include <malloc.h>
#include <random>
#include <string>
#include <vector>

namespace {

/// A ranked memref descriptor as MLIR's C interface passes it.
template <typename T, int Rank> struct MemRef {
  T *allocated;
  T *aligned;
  int64_t offset;
  int64_t sizes[Rank];
  int64_t strides[Rank];
};

template <typename T> MemRef<T, 1> view1(std::vector<T> &v) {
  return {v.data(), v.data(), 0, {(int64_t)v.size()}, {1}};
}
template <typename T> MemRef<T, 2> view2(std::vector<T> &v, int64_t r,
                                         int64_t c) {
  return {v.data(), v.data(), 0, {r, c}, {c, 1}};
}

/// Frees a result the kernel allocated (not a constant global: MLIR marks
/// those with the 0xdeadbeef allocated pointer).
template <typename T, int R> void release(MemRef<T, R> &m) {
  if ((uintptr_t)m.allocated != 0xdeadbeef)
    free(m.allocated);
}

/// Copies a 2-D result (any strides) into a dense row-major vector.
template <typename T, int R>
std::vector<T> fetch(const MemRef<T, R> &m, bool transposed) {
  int64_t r = m.sizes[0], c = m.sizes[1];
  std::vector<T> out(r * c);
  for (int64_t i = 0; i < r; ++i)
    for (int64_t j = 0; j < c; ++j) {
      T v = m.aligned[m.offset + i * m.strides[0] + j * m.strides[1]];
      if (transposed)
        out[j * r + i] = v;
      else
        out[i * c + j] = v;
    }
  return out;
}

/// One kernel or baseline: its check status and, once timed, its times.
struct Entry {
  std::string name, status, extra;
  std::function<void()> call; // set when the kernel passed its check
  std::vector<double> ms;
  int cap = 0;
};

/// Times the entries that passed their check, interleaved: every round calls
/// each entry once (so a change in the machine's load hits all of them
/// alike), after one warm-up call each. An entry takes part in up to REPS
/// rounds, fewer when its calls would take more than `budget` seconds (at
/// least 3 calls).
void timeAll(std::vector<Entry> &entries, int reps, double budget) {
  if (reps <= 0)
    return;
  int rounds = 0;
  for (Entry &e : entries) {
    if (!e.call)
      continue;
    auto t0 = std::chrono::steady_clock::now();
    e.call();
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    e.cap = std::max(3, std::min(reps, (int)(budget / std::max(s, 1e-9))));
    rounds = std::max(rounds, e.cap);
  }
  for (int r = 0; r < rounds; ++r)
    for (Entry &e : entries) {
      if (!e.call || r >= e.cap)
        continue;
      auto t0 = std::chrono::steady_clock::now();
      e.call();
      auto t1 = std::chrono::steady_clock::now();
      e.ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    }
}

void report(Entry &e) {
  if (!e.ms.empty()) {
    std::sort(e.ms.begin(), e.ms.end());
    size_t n = e.ms.size();
    double med = n % 2 ? e.ms[n / 2] : (e.ms[n / 2 - 1] + e.ms[n / 2]) / 2;
    printf("kernel=%s status=%s median_ms=%.4f min_ms=%.4f reps=%zu%s\n",
           e.name.c_str(), e.status.c_str(), med, e.ms[0], n, e.extra.c_str());
  } else {
    printf("kernel=%s status=%s%s\n", e.name.c_str(), e.status.c_str(),
           e.extra.c_str());
  }
}

/// CSR arrays (i32 positions and coordinates) of a row-major R x C matrix.
template <typename T> struct Csr {
  std::vector<int32_t> pos, crd;
  std::vector<T> val;
};
template <typename T> Csr<T> toCsr(const std::vector<T> &a, int64_t r, int64_t c) {
  Csr<T> s;
  s.pos.push_back(0);
  for (int64_t i = 0; i < r; ++i) {
    for (int64_t j = 0; j < c; ++j)
      if (a[i * c + j] != T(0)) {
        s.crd.push_back((int32_t)j);
        s.val.push_back(a[i * c + j]);
      }
    s.pos.push_back((int32_t)s.crd.size());
  }
  return s;
}
template <typename T> std::vector<T> transpose(const std::vector<T> &a,
                                               int64_t r, int64_t c) {
  std::vector<T> t(a.size());
  for (int64_t i = 0; i < r; ++i)
    for (int64_t j = 0; j < c; ++j)
      t[j * r + i] = a[i * c + j];
  return t;
}

/// The int8 reference and dense int8 baseline: i-k-j so the inner loop runs
/// along N over contiguous rows (vectorized by the compiler).
void i8gemm(const int8_t *x, const int8_t *w, int32_t *c, int64_t m, int64_t k,
            int64_t n) {
  for (int64_t i = 0; i < m; ++i) {
    int32_t *ci = c + i * n;
    for (int64_t j = 0; j < n; ++j)
      ci[j] = 0;
    for (int64_t p = 0; p < k; ++p) {
      int32_t a = x[i * k + p];
      const int8_t *wp = w + p * n;
      for (int64_t j = 0; j < n; ++j)
        ci[j] += a * (int32_t)wp[j];
    }
  }
}

template <typename C> using Result2 = MemRef<C, 2>;

struct Case {
  int64_t m, k, n, nnz;
  std::string dtype;
  unsigned seed;
};

template <typename E, typename C>
int runCase(const Case &cs, const std::string &dir, void *lib, int reps,
            double budget) {
  const int64_t m = cs.m, k = cs.k, n = cs.n;
  const bool isInt = cs.dtype == "i8";
  std::vector<E> w(k * n);
  {
    std::ifstream f(dir + "/w.bin", std::ios::binary);
    f.read(reinterpret_cast<char *>(w.data()), w.size() * sizeof(E));
    if (!f) {
      fprintf(stderr, "bench: cannot read %s/w.bin\n", dir.c_str());
      return 1;
    }
  }
  std::mt19937 gen(cs.seed + 1000);
  std::vector<E> x(m * k);
  if (isInt) {
    std::uniform_int_distribution<int> d(-128, 127);
    for (auto &v : x)
      v = (E)d(gen);
  } else {
    std::normal_distribution<float> d(0.0f, 1.0f);
    for (auto &v : x)
      v = (E)d(gen);
  }
  std::vector<E> xt = transpose(x, m, k);
  Csr<E> wcsr = toCsr(w, k, n);
  std::vector<E> wt = transpose(w, k, n);
  Csr<E> wtcsr = toCsr(wt, n, k);
  if ((int64_t)wcsr.val.size() != cs.nnz) {
    fprintf(stderr, "bench: nnz %zu != meta %lld\n", wcsr.val.size(),
            (long long)cs.nnz);
    return 1;
  }

  // Float copies for OpenBLAS (the float reference of the int8 cases).
  std::vector<float> xf(x.begin(), x.end()), wf(w.begin(), w.end());
  std::vector<float> cblas(m * n);
  auto sgemm = [&] {
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1.0f,
                xf.data(), k, wf.data(), n, 0.0f, cblas.data(), n);
  };
  sgemm();
  // Reference and the f32 tolerance: |c - ref| <= 1e-4 * (|X| |W|) + 1e-5,
  // with |X| |W| from OpenBLAS on the absolute values.
  std::vector<C> ref(m * n);
  std::vector<float> absref;
  if (isInt) {
    i8gemm(reinterpret_cast<const int8_t *>(x.data()),
           reinterpret_cast<const int8_t *>(w.data()),
           reinterpret_cast<int32_t *>(ref.data()), m, k, n);
  } else {
    for (int64_t i = 0; i < m * n; ++i)
      ref[i] = (C)cblas[i];
    std::vector<float> xa(xf), wa(wf);
    for (auto &v : xa)
      v = std::fabs(v);
    for (auto &v : wa)
      v = std::fabs(v);
    absref.resize(m * n);
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1.0f,
                xa.data(), k, wa.data(), n, 0.0f, absref.data(), n);
  }
  // Returns "" when `c` matches the reference, else a description.
  auto check = [&](const std::vector<C> &c) -> std::string {
    double worst = 0;
    int64_t bad = 0, at = -1;
    for (int64_t i = 0; i < m * n; ++i) {
      double d = std::fabs((double)c[i] - (double)ref[i]);
      double tol = isInt ? 0 : 1e-4 * absref[i] + 1e-5;
      if (!(d <= tol)) {
        if (at < 0)
          at = i;
        ++bad;
      }
      worst = std::max(worst, d);
    }
    if (!bad)
      return "";
    char buf[200];
    snprintf(buf, sizeof buf,
             " err=%lld_of_%lld_wrong,first_at_%lld:%g_vs_%g,max_abs_diff_%g",
             (long long)bad, (long long)(m * n), (long long)at,
             (double)c[at], (double)ref[at], worst);
    return buf;
  };
  auto tolNote = isInt ? std::string(" check=bit-exact_vs_i8gemm")
                       : std::string(" check=1e-4*|X||W|+1e-5_vs_openblas");

  std::vector<Entry> entries;
  auto passed = [&](const std::string &name, const std::string &extra,
                    std::function<void()> call) {
    entries.push_back({name, "ok", extra, std::move(call), {}, 0});
  };
  auto failed = [&](const std::string &name, const std::string &status,
                    const std::string &extra) {
    entries.push_back({name, status, extra, nullptr, {}, 0});
  };

  // Baselines (OpenBLAS computed the f32 reference; i8gemm the int8 one).
  passed("openblas", isInt ? " note=f32_sgemm_on_the_int_values" : "", sgemm);
  std::vector<int32_t> ci8(isInt ? m * n : 0);
  if (isInt)
    passed("i8gemm", " note=reference", [&] {
      i8gemm(reinterpret_cast<const int8_t *>(x.data()),
             reinterpret_cast<const int8_t *>(w.data()), ci8.data(), m, k, n);
    });
  // Eigen: int8 cases in int32 (Eigen has no i8 x i8 -> i32 product).
  using EE = typename std::conditional<std::is_same<E, float>::value, float,
                                       int32_t>::type;
  using Dense = Eigen::Matrix<EE, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  Dense xm(m, k), cm(m, n);
  for (int64_t i = 0; i < m * k; ++i)
    xm.data()[i] = (EE)x[i];
  std::vector<Eigen::Triplet<EE>> trip;
  for (int64_t p = 0; p < k; ++p)
    for (int32_t q = wcsr.pos[p]; q < wcsr.pos[p + 1]; ++q)
      trip.emplace_back(p, wcsr.crd[q], (EE)wcsr.val[q]);
  Eigen::SparseMatrix<EE, Eigen::RowMajor> ws(k, n);
  ws.setFromTriplets(trip.begin(), trip.end());
  {
    auto f = [&] { cm.noalias() = xm * ws; };
    f();
    std::vector<C> c(m * n);
    for (int64_t i = 0; i < m * n; ++i)
      c[i] = (C)cm.data()[i];
    std::string err = check(c);
    if (!err.empty())
      failed("eigen", "WRONG", err);
    else
      passed("eigen", isInt ? " note=int32_matrices" : "", f);
  }
  // Eigen in the other orientation: C^T = W^T * X^T with W^T row-major
  // sparse and X^T row-major dense, so each nonzero scales a contiguous row
  // of X^T (vectorized over M).
  Dense xtm(k, m), ctm(n, m);
  for (int64_t i = 0; i < k * m; ++i)
    xtm.data()[i] = (EE)xt[i];
  Eigen::SparseMatrix<EE, Eigen::RowMajor> wts = ws.transpose();
  {
    auto f = [&] { ctm.noalias() = wts * xtm; };
    f();
    std::vector<C> c(m * n);
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < n; ++j)
        c[i * n + j] = (C)ctm(j, i);
    std::string err = check(c);
    if (!err.empty())
      failed("eigen_wx", "WRONG", err);
    else
      passed("eigen_wx", isInt ? " note=int32_matrices" : "", f);
  }

  // MLIR kernels.
  auto x2 = view2(x, m, k);
  auto xt2 = view2(xt, k, m);
  auto pos = view1(wcsr.pos), crd = view1(wcsr.crd);
  auto val = view1(wcsr.val);
  auto tpos = view1(wtcsr.pos), tcrd = view1(wtcsr.crd);
  auto tval = view1(wtcsr.val);
  using Unary = void (*)(Result2<C> *, MemRef<E, 2> *);
  using Csr4 = void (*)(Result2<C> *, MemRef<E, 2> *, MemRef<int32_t, 1> *,
                        MemRef<int32_t, 1> *, MemRef<E, 1> *);
  auto addKernel = [&](const std::string &name,
                       std::function<Result2<C>()> call, bool transposed) {
    Result2<C> r = call();
    if (r.sizes[0] != (transposed ? n : m) || r.sizes[1] != (transposed ? m : n)) {
      release(r);
      failed(name, "WRONG", " err=result_shape");
      return;
    }
    std::string err = check(fetch(r, transposed));
    release(r);
    if (!err.empty()) {
      failed(name, "WRONG", err);
      return;
    }
    passed(name, tolNote, [call] { Result2<C> q = call(); release(q); });
  };
  for (std::string name : {"sparq", "sparq_dense"}) {
    auto fn = (Unary)dlsym(lib, ("_mlir_ciface_" + name).c_str());
    if (!fn) {
      failed(name, "missing", "");
      continue;
    }
    addKernel(name, [fn, &x2] { Result2<C> r; fn(&r, &x2); return r; }, false);
  }
  for (std::string name : {"up_xw", "up_wx", "up_xw_v8", "up_wx_v8"}) {
    auto fn = (Csr4)dlsym(lib, ("_mlir_ciface_" + name).c_str());
    if (!fn) {
      failed(name, "missing", "");
      continue;
    }
    bool wx = name.find("wx") != std::string::npos;
    addKernel(
        name,
        [=, &x2, &xt2, &pos, &crd, &val, &tpos, &tcrd, &tval] {
          Result2<C> r;
          if (wx)
            fn(&r, &xt2, &tpos, &tcrd, &tval);
          else
            fn(&r, &x2, &pos, &crd, &val);
          return r;
        },
        wx);
  }

  timeAll(entries, reps, budget);
  for (Entry &e : entries)
    report(e);
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: bench CASE_DIR KERNELS.so REPS [BUDGET_SECONDS]\n");
    return 2;
  }
  std::string dir = argv[1];
  int reps = atoi(argv[3]);
  double budget = argc > 4 ? atof(argv[4]) : 2.0;
  // Results of the MLIR kernels are malloc'ed and freed on every call: keep
  // them on the heap (no mmap / munmap and page faults per call).
  mallopt(M_MMAP_THRESHOLD, 1 << 30);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  Case cs;
  {
    std::ifstream f(dir + "/meta.txt");
    f >> cs.m >> cs.k >> cs.n >> cs.dtype >> cs.nnz >> cs.seed;
    if (!f) {
      fprintf(stderr, "bench: cannot read %s/meta.txt\n", dir.c_str());
      return 1;
    }
  }
  void *lib = dlopen(argv[2], RTLD_NOW | RTLD_LOCAL);
  if (!lib) {
    fprintf(stderr, "bench: %s\n", dlerror());
    return 1;
  }
  if (cs.dtype == "f32")
    return runCase<float, float>(cs, dir, lib, reps, budget);
  if (cs.dtype == "i8")
    return runCase<int8_t, int32_t>(cs, dir, lib, reps, budget);
  fprintf(stderr, "bench: unknown dtype %s\n", cs.dtype.c_str());
  return 1;
}
