/* bench/ceiling/probe.c - the speed ceiling of hand-written f32 kernels for
 * C[128 x 1024] = X[128 x 1024] * W[1024 x 1024] on one core (issue #4, item 6):
 * dense (OpenBLAS, own packed GEMM), W pruned 2:4 along K, W 90% unstructured.
 *
 * Not part of SparQ: a measurement of how fast a sparse kernel can be on
 * this CPU, against which SparQ's generated code can be judged. Every kernel
 * is checked against a plain triple loop (double accumulation) before it is
 * timed, |c - ref| <= 1e-4 * sum_k |x w| + 1e-5 per element; main returns 1
 * if any result is wrong. Diagnostic kernels ("diag:") compute wrong results
 * on purpose (their loads are redirected) and are timed only.
 *
 * Kernels (loads per FMA counted per zmm FMA; V = vectors of 16 along M):
 *  dense MRxNR   BLIS-style: constant weight's panels packed once (outside
 *                timing), activations packed per call; 6x64 tile: 4 zmm
 *                loads + 6 broadcasts per 24 FMAs.
 *  2:4 (a) rows  C^T = W^T X^T, per nonzero: 1 broadcast + 1 int32 offset
 *                + V zmm loads of a row of X^T, V FMAs (V=8: 10 per 8);
 *                R rows x V vectors of accumulators; K-blocked by KB.
 *  2:4 (a') meta the shape SparQ generates: per row and 2 groups one byte of
 *                positions (decoded with shifts) + 4 broadcasts + 32 zmm
 *                loads for 32 FMAs (37 loads per 32 FMAs).
 *  2:4 (a'')    as (a') with one 32-bit word per row and 2 groups whose
 *                bytes are the positions times 64: used directly as scaled
 *                address indexes (byte extraction only, 2 shifts per word).
 *  2:4 (b)       C = X W along N: 4 activations broadcast per group, one
 *                vpermps per FMA picks each lane's activation.
 *  2:4 (c) pairs two rows of W^T share a loaded row of X^T per group:
 *                3V zmm loads + 4 broadcasts + 3 offsets per 4V FMAs, plus
 *                leftovers for groups whose patterns are disjoint.
 *  90% CSR       W^T in CSR, K-blocked, R-row tiles padded to the tile's
 *                longest list (rows sorted by count per block or not).
 */
#define _GNU_SOURCE
#include <cblas.h>
#include <immintrin.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#define M 128
#define K 1024
#define N 1024
#define INLINE static inline __attribute__((always_inline))

extern void openblas_set_num_threads(int);

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

static int use_huge = 1;  /* PROBE_HUGEPAGES=0: plain 4 KiB pages */
static void *amalloc(size_t bytes) {
  size_t al = use_huge && bytes >= (1 << 20) ? (2 << 20) : 64;
  void *p = aligned_alloc(al, (bytes + al - 1) / al * al);
  if (!p) { fprintf(stderr, "out of memory\n"); exit(2); }
  if (al > 64) madvise(p, (bytes + al - 1) / al * al, MADV_HUGEPAGE);
  memset(p, 0, bytes);
  return p;
}

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint64_t rnd(void) {
  rng_state ^= rng_state << 13; rng_state ^= rng_state >> 7; rng_state ^= rng_state << 17;
  return rng_state;
}
static float urand(void) { return (float)((rnd() >> 40) * (2.0 / 16777216.0) - 1.0); }

/* ------------------------------------------------------------------------ */
/* Data shared by the kernels (set up once, outside timing).                */

static float *X, *XT;          /* X [M x K] row-major, X^T [K x M] */
static float *W24, *W90;       /* pruned W [K x N], dense storage */

/* ------------------------------------------------------------------------ */
/* Micro-benchmarks: FMA peak and FMA + load rates.                         */

#define PEAK_ITERS 100000000L
/* 16 independent chains of zmm FMAs, no loads. Returns vector FMAs / s. */
__attribute__((noinline)) static double fma_peak(void) {
  __m512 a[16];
  for (int i = 0; i < 16; i++) a[i] = _mm512_set1_ps((float)i);
  __m512 b = _mm512_set1_ps(1.0f), c = _mm512_set1_ps(0.0f);
  double t0 = now();
  for (long it = 0; it < PEAK_ITERS / 16; it++) {
#pragma GCC unroll 16
    for (int i = 0; i < 16; i++) a[i] = _mm512_fmadd_ps(a[i], b, c);
  }
  double t = now() - t0;
  float s = 0;
  for (int i = 0; i < 16; i++) s += _mm512_reduce_add_ps(a[i]);
  if (s == 12345.f) printf(" ");
  return (PEAK_ITERS / 16) * 16.0 / t;
}

/* 16 accumulators (zmm0-15) in inline assembly, one block of 16 FMAs per
 * iteration over an L1-resident 8 KiB buffer: LOADFMA_MEM: every FMA takes a
 * zmm memory operand (1 zmm load per FMA, the 2:4 row kernel's ratio);
 * _12: 4 vectors loaded once and used by 2 FMAs each, 8 memory-operand FMAs
 * (12 loads per 16 FMAs, the pair kernel's ratio); _8: 8 vectors loaded,
 * each used by 2 FMAs (the dense micro-kernels' range); _16B: as _MEM plus 2
 * scalar broadcasts and 2 scalar loads per 16 FMAs (the row kernel's
 * weights and offsets). Returns vector FMAs / s. */
static float lbuf[8 * 256 + 64] __attribute__((aligned(64)));
#define FMA_M(off, acc) "vfmadd231ps " #off "(%%rax), %%zmm31, %%zmm" #acc "\n\t"
#define LD(off, r) "vmovaps " #off "(%%rax), %%zmm" #r "\n\t"
#define FMA_R(src, acc) "vfmadd231ps %%zmm" #src ", %%zmm31, %%zmm" #acc "\n\t"
#define LOOP_HEAD                                                                   \
  "vxorps %%xmm31, %%xmm31, %%xmm31\n\t"                                            \
  "mov %[buf], %%rax\n\t"                                                           \
  "xor %%ecx, %%ecx\n\t"                                                            \
  "1:\n\t"
#define LOOP_TAIL                                                                   \
  "add $1024, %%rax\n\t"                                                            \
  "inc %%ecx\n\t"                                                                   \
  "test $7, %%ecx\n\t"                                                              \
  "jnz 2f\n\t"                                                                      \
  "mov %[buf], %%rax\n\t"                                                           \
  "2:\n\t"                                                                          \
  "dec %[n]\n\t"                                                                    \
  "jnz 1b\n\t"
#define ZMM_CLOBBERS                                                                \
  "rax", "rcx", "rdx", "r8", "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8",  \
  "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15", "xmm16", "xmm17", "xmm18", "xmm19",    \
  "xmm20", "xmm21", "xmm22", "xmm23", "xmm24", "xmm25", "xmm26", "xmm27", "xmm31", "memory", "cc"
#define LOADFMA(NAME, BODY)                                                          \
  __attribute__((noinline)) static double NAME(void) {                              \
    long n = PEAK_ITERS / 16;                                                        \
    double t0 = now();                                                               \
    __asm__ volatile(LOOP_HEAD BODY LOOP_TAIL : [n] "+r"(n) : [buf] "r"(lbuf) : ZMM_CLOBBERS); \
    return (PEAK_ITERS / 16) * 16.0 / (now() - t0);                                  \
  }
LOADFMA(load_fma_16,
        FMA_M(0, 0) FMA_M(64, 1) FMA_M(128, 2) FMA_M(192, 3) FMA_M(256, 4) FMA_M(320, 5)
        FMA_M(384, 6) FMA_M(448, 7) FMA_M(512, 8) FMA_M(576, 9) FMA_M(640, 10) FMA_M(704, 11)
        FMA_M(768, 12) FMA_M(832, 13) FMA_M(896, 14) FMA_M(960, 15))
LOADFMA(load_fma_16b,
        "vbroadcastss (%%rax), %%zmm20\n\t" "movslq 4(%%rax), %%rdx\n\t"
        FMA_M(0, 0) FMA_M(64, 1) FMA_M(128, 2) FMA_M(192, 3) FMA_M(256, 4) FMA_M(320, 5)
        FMA_M(384, 6) FMA_M(448, 7)
        "vbroadcastss 8(%%rax), %%zmm21\n\t" "movslq 12(%%rax), %%r8\n\t"
        FMA_M(512, 8) FMA_M(576, 9) FMA_M(640, 10) FMA_M(704, 11)
        FMA_M(768, 12) FMA_M(832, 13) FMA_M(896, 14) FMA_M(960, 15))
LOADFMA(load_fma_12,
        LD(0, 20) LD(64, 21) LD(128, 22) LD(192, 23)
        FMA_R(20, 0) FMA_R(20, 1) FMA_R(21, 2) FMA_R(21, 3) FMA_R(22, 4) FMA_R(22, 5)
        FMA_R(23, 6) FMA_R(23, 7)
        FMA_M(512, 8) FMA_M(576, 9) FMA_M(640, 10) FMA_M(704, 11)
        FMA_M(768, 12) FMA_M(832, 13) FMA_M(896, 14) FMA_M(960, 15))
LOADFMA(load_fma_8,
        LD(0, 20) LD(64, 21) LD(128, 22) LD(192, 23) LD(256, 24) LD(320, 25) LD(384, 26) LD(448, 27)
        FMA_R(20, 0) FMA_R(20, 1) FMA_R(21, 2) FMA_R(21, 3) FMA_R(22, 4) FMA_R(22, 5)
        FMA_R(23, 6) FMA_R(23, 7) FMA_R(24, 8) FMA_R(24, 9) FMA_R(25, 10) FMA_R(25, 11)
        FMA_R(26, 12) FMA_R(26, 13) FMA_R(27, 14) FMA_R(27, 15))
LOADFMA(load_fma_0,
        FMA_R(31, 0) FMA_R(31, 1) FMA_R(31, 2) FMA_R(31, 3) FMA_R(31, 4) FMA_R(31, 5)
        FMA_R(31, 6) FMA_R(31, 7) FMA_R(31, 8) FMA_R(31, 9) FMA_R(31, 10) FMA_R(31, 11)
        FMA_R(31, 12) FMA_R(31, 13) FMA_R(31, 14) FMA_R(31, 15))

/* ------------------------------------------------------------------------ */
/* Dense GEMM, BLIS style: C[Ma x Nb] = A[Ma x K] * B[K x Nb], A packed in    */
/* MR-row panels (k-major), B in NR-column panels; register tile MR x NR.   */

/* Packed panels of width w (rows of A, or columns of B), K-blocked by KC so
 * that one K block's panels are contiguous (the GEMM sweeps them in order):
 * element (panel p, k, lane i) at k0*np*w + p*kc*w + (k-k0)*w + i, with k0
 * the start of k's block and kc its length. */
static inline size_t poff(int p, int k, int np, int w, int KC) {
  int k0 = k / KC * KC, kc = K - k0 < KC ? K - k0 : KC;
  return (size_t)k0 * np * w + (size_t)p * kc * w + (size_t)(k - k0) * w;
}
/* A panels from a row-major A (lda), rows padded with zeros to a multiple of mr. */
static void pack_a_rows(const float *A, int lda, int rows, int mr, int KC, float *Ap) {
  int np = (rows + mr - 1) / mr;
  for (int p = 0; p < np; p++)
    for (int i = 0; i < mr; i++)
      for (int k = 0; k < K; k++)
        Ap[poff(p, k, np, mr, KC) + i] = p * mr + i < rows ? A[(size_t)(p * mr + i) * lda + k] : 0.0f;
}
/* A panels from A^T stored row-major [K x rows]. */
static void pack_a_cols(const float *AT, int ldat, int rows, int mr, int KC, float *Ap) {
  int np = (rows + mr - 1) / mr;
  for (int p = 0; p < np; p++)
    for (int k = 0; k < K; k++)
      for (int i = 0; i < mr; i++)
        Ap[poff(p, k, np, mr, KC) + i] = p * mr + i < rows ? AT[(size_t)k * ldat + p * mr + i] : 0.0f;
}
/* B panels (cols a multiple of nr). */
static void pack_b(const float *B, int ldb, int cols, int nr, int KC, float *Bp) {
  for (int k = 0; k < K; k++)
    for (int q = 0; q < cols / nr; q++)
      memcpy(Bp + poff(q, k, cols / nr, nr, KC), B + (size_t)k * ldb + q * nr, nr * 4);
}

/* C[Ma x Nb] (+)= A * B over K in blocks of KC; register tile MR x (16 NV);  */
/* loop order as in BLIS: the B micro-panel (KC x NR) stays in L1 while the  */
/* A micro-panels stream from L2. A partial last row panel writes into the  */
/* caller's padding rows of C. Per k: NV vector loads of B, MR broadcasts    */
/* of A, MR * NV FMAs.                                                       */
#define GEMM(NAME, MR_, NV_, KC)                                                            \
  static void NAME(int Ma, int Nb, const float *Ap, const float *Bp, float *C) {            \
    enum { NR_ = 16 * (NV_) };                                                               \
    for (int k0 = 0; k0 < K; k0 += (KC)) {                                                   \
      int kc = K - k0 < (KC) ? K - k0 : (KC);                                                \
      for (int q = 0; q < Nb / NR_; q++)                                                     \
        for (int p = 0; p < (Ma + (MR_)-1) / (MR_); p++) {                                   \
          const float *restrict a = Ap + poff(p, k0, (Ma + (MR_)-1) / (MR_), MR_, KC);       \
          const float *restrict b = Bp + poff(q, k0, Nb / NR_, NR_, KC);                     \
          float *restrict c = C + (size_t)p * (MR_)*Nb + q * NR_;                            \
          __m512 acc[MR_][NV_];                                                              \
          _Pragma("GCC unroll 16") for (int i = 0; i < (MR_); i++)                           \
            _Pragma("GCC unroll 4") for (int v = 0; v < (NV_); v++)                          \
              acc[i][v] = k0 == 0 ? _mm512_setzero_ps() : _mm512_loadu_ps(c + (size_t)i * Nb + 16 * v); \
          for (int k = 0; k < kc; k++) {                                                     \
            __m512 bv[NV_];                                                                  \
            _Pragma("GCC unroll 4") for (int v = 0; v < (NV_); v++)                          \
              bv[v] = _mm512_load_ps(b + (size_t)k * NR_ + 16 * v);                          \
            _Pragma("GCC unroll 16") for (int i = 0; i < (MR_); i++) {                       \
              __m512 av = _mm512_set1_ps(a[(size_t)k * (MR_) + i]);                          \
              _Pragma("GCC unroll 4") for (int v = 0; v < (NV_); v++)                        \
                acc[i][v] = _mm512_fmadd_ps(av, bv[v], acc[i][v]);                           \
            }                                                                                \
          }                                                                                  \
          _Pragma("GCC unroll 16") for (int i = 0; i < (MR_); i++)                           \
            _Pragma("GCC unroll 4") for (int v = 0; v < (NV_); v++)                          \
              _mm512_storeu_ps(c + (size_t)i * Nb + 16 * v, acc[i][v]);                      \
        }                                                                                    \
    }                                                                                        \
  }

/* One dense variant: C = X * W (X packed per call, W's panels packed once: */
/* W is a constant) or C^T = W^T * X^T (W^T's panels packed once, X^T's per */
/* call).                                                                    */
#define DENSE(NAME, MR_, NV_, KC)                                                            \
  GEMM(NAME##_gemm, MR_, NV_, KC)                                                            \
  static float *NAME##_Wxw, *NAME##_Wwx;                                                     \
  static void NAME##_xw(float *C) {                                                          \
    pack_a_rows(X, K, M, MR_, KC, Xp);                                                           \
    NAME##_gemm(M, N, Xp, NAME##_Wxw, C);                                                    \
  }                                                                                          \
  static void NAME##_wx(float *CT) {                                                         \
    pack_b(XT, M, M, 16 * (NV_), KC, Xp);                                                        \
    NAME##_gemm(N, M, NAME##_Wwx, Xp, CT);                                                   \
  }                                                                                          \
  static void NAME##_init(void) {                                                            \
    NAME##_Wxw = amalloc(4 * (size_t)K * N);                                                 \
    pack_b(W24, N, N, 16 * (NV_), KC, NAME##_Wxw);                                               \
    NAME##_Wwx = amalloc(4 * (size_t)K * (N + 16));                                          \
    pack_a_cols(W24, N, N, MR_, KC, NAME##_Wwx);                                                 \
  }

static float *Xp;     /* scratch for X's packed panels (packed on every call) */
DENSE(d8x2, 8, 2, 256)
DENSE(d6x4, 6, 4, 256)
DENSE(d6x4k128, 6, 4, 128)
DENSE(d12x2k128, 12, 2, 128)
DENSE(d8x2k128, 8, 2, 128)

static void openblas_xw(float *C) {
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, M, N, K, 1.0f, X, K, W24, N, 0.0f, C, N);
}

/* Transpositions (their cost is added to the C^T kernels' in the table):  */
/* 16 x 16 tiles through zmm shuffles (rows, cols multiples of 16).         */
static void transpose(const float *restrict A, int rows, int cols, float *restrict B) {
  for (int i0 = 0; i0 < rows; i0 += 16)
    for (int j0 = 0; j0 < cols; j0 += 16) {
      __m512 r[16], t[16];
      for (int i = 0; i < 16; i++) r[i] = _mm512_loadu_ps(A + (size_t)(i0 + i) * cols + j0);
      for (int i = 0; i < 8; i++) {
        t[2 * i] = _mm512_unpacklo_ps(r[2 * i], r[2 * i + 1]);
        t[2 * i + 1] = _mm512_unpackhi_ps(r[2 * i], r[2 * i + 1]);
      }
      for (int i = 0; i < 4; i++) {
        r[4 * i + 0] = _mm512_shuffle_ps(t[4 * i + 0], t[4 * i + 2], 0x44);
        r[4 * i + 1] = _mm512_shuffle_ps(t[4 * i + 0], t[4 * i + 2], 0xEE);
        r[4 * i + 2] = _mm512_shuffle_ps(t[4 * i + 1], t[4 * i + 3], 0x44);
        r[4 * i + 3] = _mm512_shuffle_ps(t[4 * i + 1], t[4 * i + 3], 0xEE);
      }
      for (int h = 0; h < 2; h++)
        for (int i = 0; i < 4; i++) {
          t[8 * h + i] = _mm512_shuffle_f32x4(r[8 * h + i], r[8 * h + 4 + i], 0x88);
          t[8 * h + 4 + i] = _mm512_shuffle_f32x4(r[8 * h + i], r[8 * h + 4 + i], 0xDD);
        }
      for (int i = 0; i < 8; i++) {
        r[i] = _mm512_shuffle_f32x4(t[i], t[8 + i], 0x88);
        r[8 + i] = _mm512_shuffle_f32x4(t[i], t[8 + i], 0xDD);
      }
      for (int j = 0; j < 16; j++) _mm512_storeu_ps(B + (size_t)(j0 + j) * rows + i0, r[j]);
    }
}
static float *XTscratch;
static void transpose_x(float *out) { (void)out; transpose(X, M, K, XTscratch); }
static float *CTscratch;
static void transpose_c(float *C) { transpose(CTscratch, N, M, C); }

/* ------------------------------------------------------------------------ */
/* 2:4, orientation (a): C^T = W^T * X^T, vectorized along M.               */
/* Row n of W^T keeps K/2 entries (value, byte offset of X^T's row k).      */
/* Tile: R rows of W^T x V vectors of 16 along M; K-blocked by KB so that   */
/* the block's rows of X^T stay in L1. Entries stored in the order the     */
/* kernel reads them: K block, tile, j, row (one sequential stream).        */

typedef struct { float w; int32_t off; } ent_t;

static ent_t *build_rowtiles_24(int R, int KB) {
  int nt = (N + R - 1) / R;  /* a last, partial tile gets phantom rows: zero weights, */
  ent_t *E = amalloc(sizeof(ent_t) * (size_t)nt * R * (K / 2)); /* their results land in C^T's padding rows */
  for (int t = 0; t < nt; t++)
    for (int r = 0; r < R; r++) {
      int n = t * R + r, j = 0;
      if (n >= N) continue;
      for (int k = 0; k < K; k++) {
        float w = W24[(size_t)k * N + n];
        if (w != 0.0f) {
          /* block jb = j / (KB/2): all tiles' entries of block jb, then the next block */
          E[(size_t)(j / (KB / 2)) * nt * R * (KB / 2) + ((size_t)t * (KB / 2) + j % (KB / 2)) * R + r] =
              (ent_t){w, k * M * 4};
          j++;
        }
      }
      if (j != K / 2) { fprintf(stderr, "2:4 build: row %d has %d entries\n", n, j); exit(2); }
    }
  return E;
}

#define SP24_WX(NAME, R, V, KB)                                                       \
  static ent_t *NAME##_E;                                                              \
  static void NAME(float *CT) {                                                        \
    const ent_t *E = NAME##_E;                                                         \
    for (int mb = 0; mb < M; mb += 16 * (V))                                           \
      for (int jb = 0; jb < K / 2; jb += (KB) / 2)                                     \
        for (int t = 0; t < (N + (R)-1) / (R); t++) {                                  \
          __m512 acc[R][V];                                                            \
          float *c = CT + (size_t)t * (R) * M + mb;                                    \
          _Pragma("GCC unroll 8") for (int r = 0; r < (R); r++)                        \
            _Pragma("GCC unroll 8") for (int v = 0; v < (V); v++)                      \
              acc[r][v] = jb == 0 ? _mm512_setzero_ps()                                \
                                  : _mm512_load_ps(c + (size_t)r * M + 16 * v);        \
          const ent_t *e = E + (size_t)jb * ((N + (R)-1) / (R)) * (R) + (size_t)t * ((KB) / 2) * (R); \
          const char *xb = (const char *)(XT + mb);                                    \
          for (int j = 0; j < (KB) / 2; j++, e += (R)) {                               \
            _Pragma("GCC unroll 8") for (int r = 0; r < (R); r++) {                    \
              __m512 w = _mm512_set1_ps(e[r].w);                                       \
              const float *x = (const float *)(xb + e[r].off);                         \
              _Pragma("GCC unroll 8") for (int v = 0; v < (V); v++)                    \
                acc[r][v] = _mm512_fmadd_ps(w, _mm512_load_ps(x + 16 * v), acc[r][v]); \
            }                                                                          \
          }                                                                            \
          _Pragma("GCC unroll 8") for (int r = 0; r < (R); r++)                        \
            _Pragma("GCC unroll 8") for (int v = 0; v < (V); v++)                      \
              _mm512_store_ps(c + (size_t)r * M + 16 * v, acc[r][v]);                  \
        }                                                                              \
  }

SP24_WX(sp24_wx_r3v8_kb64, 3, 8, 64)
SP24_WX(sp24_wx_r2v8_kb64, 2, 8, 64)
SP24_WX(sp24_wx_r3v8_kb128, 3, 8, 128)
SP24_WX(sp24_wx_r3v8_kb32, 3, 8, 32)
SP24_WX(sp24_wx_r6v4_kb128, 6, 4, 128)
SP24_WX(sp24_wx_r1v8_kb64, 1, 8, 64)
/* Diagnostics (wrong results by design, not checked): the R2 V8 KB64 kernel */
/* with every offset folded into the block's first 8 rows of X^T (4 KiB)     */
/* or into row 0 (512 B): what the loop does when all its loads hit L1.      */
SP24_WX(diag24_x4k, 2, 8, 64)
SP24_WX(diag24_x512, 2, 8, 64)

/* ------------------------------------------------------------------------ */
/* 2:4, orientation (a) with packed metadata (the shape SparQ generates):   */
/* per row and pair of groups one byte (the 4 kept positions, 2 bits each)  */
/* and 4 values; the X^T offsets are computed with shifts and masks, so the */
/* loads per 2 groups are 1 byte + 4 broadcasts + 4V zmm (V=8: 37 per 32    */
/* FMAs) instead of 4 offsets + 4 broadcasts + 4V.                          */

typedef struct { uint8_t *meta; float *w; } meta24_t;
static int32_t meta_lut[256][4]; /* byte -> the 4 byte offsets of its rows of X^T */

static meta24_t build_meta24(int R, int KB) {
  meta24_t D;
  int nt = (N + R - 1) / R, GP = KB / 8; /* pairs of groups per block */
  D.meta = amalloc((size_t)nt * R * (K / 8));
  D.w = amalloc(4 * (size_t)nt * R * (K / 2));
  for (int n = 0; n < N; n++) {
    int t = n / R, r = n % R;
    for (int gp = 0; gp < K / 8; gp++) {
      int b = gp / GP, gl = gp % GP, c = 0;
      uint8_t byte = 0;
      size_t base = ((size_t)b * nt + t) * GP + gl; /* [block][tile][gp in block] */
      for (int d = 0; d < 8; d++) {
        float w = W24[(size_t)(8 * gp + d) * N + n];
        if (w != 0.0f) {
          byte |= (uint8_t)((d & 3) << (2 * c));
          D.w[(base * R + r) * 4 + c] = w;
          c++;
        }
      }
      if (c != 4 || ((byte >> 2 & 3) <= (byte & 3) && 0)) { fprintf(stderr, "meta build: not 2:4\n"); exit(2); }
      D.meta[base * R + r] = byte;
    }
  }
  return D;
}

#define SP24_META_(NAME, R, KB, XS, WS, PF, LUT)                                                            \
  static meta24_t NAME##_D;                                                                   \
  static void NAME(float *CT) {                                                               \
    const int nt = (N + (R)-1) / (R), GP = (KB) / 8;                                          \
    for (int b = 0; b < K / (KB); b++)                                                        \
      for (int t = 0; t < nt; t++) {                                                          \
        __m512 acc[R][8];                                                                     \
        float *c = CT + (size_t)t * (R) * M;                                                  \
        _Pragma("GCC unroll 8") for (int r = 0; r < (R); r++)                                 \
          _Pragma("GCC unroll 8") for (int v = 0; v < 8; v++)                                 \
            acc[r][v] = b == 0 ? _mm512_setzero_ps() : _mm512_load_ps(c + (size_t)r * M + 16 * v); \
        size_t base = ((size_t)b * nt + t) * GP;                                              \
        const uint8_t *mt = NAME##_D.meta + base * (R);                                       \
        const float *wt = NAME##_D.w + base * (R) * 4;                                        \
        const char *xg = (const char *)(XT + (size_t)b * (KB) * M);                           \
        for (int gp = 0; gp < GP; gp++, mt += (R) * ((WS)&1), wt += 4 * (R) * ((WS) >> 1), xg += 8 * M * 4 * (XS)) { \
          if (PF) { /* software prefetch of the weight / metadata streams, PF bytes ahead */ \
            _mm_prefetch((const char *)wt + (PF), _MM_HINT_T0);                               \
            if ((gp & 15) == 0) _mm_prefetch((const char *)mt + (PF) / 16, _MM_HINT_T0);      \
          }                                                                                   \
          _Pragma("GCC unroll 8") for (int r = 0; r < (R); r++) {                             \
            unsigned m8 = mt[r];                                                              \
            const float *x[4];                                                                \
            if (LUT) { /* offsets from a 256-entry table (loads) instead of shifts (ALU) */    \
              const int32_t *o = meta_lut[m8];                                                \
              for (int i = 0; i < 4; i++) x[i] = (const float *)(xg + o[i]);                 \
            } else {                                                                          \
              x[0] = (const float *)(xg + ((m8 & 3) << 9));                                   \
              x[1] = (const float *)(xg + ((m8 >> 2 & 3) << 9));                              \
              x[2] = (const float *)(xg + (((m8 >> 4 & 3) + 4) << 9));                        \
              x[3] = (const float *)(xg + (((m8 >> 6) + 4) << 9));                            \
            }                                                                                 \
            _Pragma("GCC unroll 4") for (int i = 0; i < 4; i++) {                             \
              __m512 w = _mm512_set1_ps(wt[4 * r + i]);                                       \
              _Pragma("GCC unroll 8") for (int v = 0; v < 8; v++)                             \
                acc[r][v] = _mm512_fmadd_ps(w, _mm512_load_ps(x[i] + 16 * v), acc[r][v]);     \
            }                                                                                 \
          }                                                                                   \
        }                                                                                     \
        _Pragma("GCC unroll 8") for (int r = 0; r < (R); r++)                                 \
          _Pragma("GCC unroll 8") for (int v = 0; v < 8; v++)                                 \
            _mm512_store_ps(c + (size_t)r * M + 16 * v, acc[r][v]);                           \
      }                                                                                       \
  }
#define SP24_META(NAME, R, KB) SP24_META_(NAME, R, KB, 1, 3, 0, 0)
/* Diagnostics (not checked): the same loop with X^T's pointer not advancing
 * (all reads in 8 rows, 4 KiB) and one K block (no partial tiles reloaded);
 * then with the metadata pointer not advancing too (gcc then hoists the
 * offset decoding, and even the X^T loads, out of the loop: what the loop
 * costs without its index arithmetic), or the weights' pointer (their
 * broadcasts hoisted). */
SP24_META_(diag24_meta_r2_x4k_kb1024, 2, 1024, 0, 3, 0, 0)
SP24_META_(diag24_meta_r2_x4k_wonly_kb1024, 2, 1024, 0, 2, 0, 0)
SP24_META_(diag24_meta_r2_x4k_monly_kb1024, 2, 1024, 0, 1, 0, 0)
SP24_META_(sp24_meta_r2_kb64_lut, 2, 64, 1, 3, 0, 1)
SP24_META_(sp24_meta_r2_kb64_pf2k, 2, 64, 1, 3, 2048, 0)
SP24_META(sp24_meta_r2_kb64, 2, 64)
SP24_META(sp24_meta_r3_kb64, 3, 64)
SP24_META(sp24_meta_r1_kb64, 1, 64)
SP24_META(sp24_meta_r2_kb32, 2, 32)

/* 2:4 (a'') as (a') but with one 32-bit word per row and 2 groups: byte i =
 * position of kept entry i in its group times 64, so that X^T's row is at
 * xg + byte * 8 (+ 2048 for the second group: a constant displacement). The
 * decoding is then byte extraction only (movzbl, 2 shifts), no masks or
 * adds; the metadata is 4 bytes per 4 entries instead of 1. */
typedef struct { uint32_t *meta; float *w; } meta24w_t;
static meta24w_t build_meta24w(int R, int KB) {
  meta24_t D = build_meta24(R, KB);
  meta24w_t E;
  int nt = (N + R - 1) / R;
  size_t n = (size_t)nt * R * (K / 8);
  E.meta = amalloc(4 * n);
  for (size_t i = 0; i < n; i++) {
    unsigned m8 = D.meta[i];
    E.meta[i] = (m8 & 3) * 64 | ((m8 >> 2 & 3) * 64) << 8 | ((m8 >> 4 & 3) * 64) << 16 | (uint32_t)((m8 >> 6 & 3) * 64) << 24;
  }
  E.w = D.w;
  free(D.meta);
  return E;
}
/* RG: row groups of RG tiles (0: all); with RG set, the loops run row group */
/* outer, K block inner, so the group's partial C^T rows stay in L1 and each */
/* K block's rows of X^T are re-read from L2 once per group.                 */
#define SP24_META8(NAME, R, KB) SP24_META8_(NAME, R, KB, 0)
#define SP24_META8_(NAME, R, KB, RG)                                                         \
  static meta24w_t NAME##_D;                                                                  \
  static void NAME(float *CT) {                                                               \
    const int nt = (N + (R)-1) / (R), GP = (KB) / 8, rg = (RG) ? (RG) : nt;                   \
    for (int t0 = 0; t0 < nt; t0 += rg)                                                       \
    for (int b = 0; b < K / (KB); b++)                                                        \
      for (int t = t0; t < t0 + rg && t < nt; t++) {                                          \
        __m512 acc[R][8];                                                                     \
        float *c = CT + (size_t)t * (R) * M;                                                  \
        _Pragma("GCC unroll 8") for (int r = 0; r < (R); r++)                                 \
          _Pragma("GCC unroll 8") for (int v = 0; v < 8; v++)                                 \
            acc[r][v] = b == 0 ? _mm512_setzero_ps() : _mm512_load_ps(c + (size_t)r * M + 16 * v); \
        size_t base = ((size_t)b * nt + t) * GP;                                              \
        const uint32_t *mt = NAME##_D.meta + base * (R);                                      \
        const float *wt = NAME##_D.w + base * (R) * 4;                                        \
        const char *xg = (const char *)(XT + (size_t)b * (KB) * M);                           \
        for (int gp = 0; gp < GP; gp++, mt += (R), wt += 4 * (R), xg += 8 * M * 4) {           \
          _Pragma("GCC unroll 8") for (int r = 0; r < (R); r++) {                             \
            uint32_t m32 = mt[r];                                                             \
            size_t ix[4] = {m32 & 0xff, (m32 >> 8) & 0xff, (m32 >> 16) & 0xff, m32 >> 24};    \
            _Pragma("GCC unroll 4") for (int i = 0; i < 4; i++) {                             \
              __m512 w = _mm512_set1_ps(wt[4 * r + i]);                                       \
              const float *x = (const float *)(xg + ix[i] * 8 + (i >= 2 ? 4 * M * 4 : 0));    \
              _Pragma("GCC unroll 8") for (int v = 0; v < 8; v++)                             \
                acc[r][v] = _mm512_fmadd_ps(w, _mm512_load_ps(x + 16 * v), acc[r][v]);        \
            }                                                                                 \
          }                                                                                   \
        }                                                                                     \
        _Pragma("GCC unroll 8") for (int r = 0; r < (R); r++)                                 \
          _Pragma("GCC unroll 8") for (int v = 0; v < 8; v++)                                 \
            _mm512_store_ps(c + (size_t)r * M + 16 * v, acc[r][v]);                           \
      }                                                                                       \
  }
SP24_META8(sp24_meta8_r2_kb64, 2, 64)
SP24_META8(sp24_meta8_r1_kb64, 1, 64)
SP24_META8(sp24_meta8_r3_kb64, 3, 64)
SP24_META8_(sp24_meta8_r2_kb64_rg16, 2, 64, 16)

/* ------------------------------------------------------------------------ */
/* 2:4, orientation (c): pairs of rows of W^T sharing a slot.               */
/* For rows n1 = 2P, n2 = 2P+1 and group g, three rows u0, u1, u2 of X^T are */
/* read: n1 uses u0, u1 and n2 uses u1, u2 (u1 loaded once, used by both).   */
/* Patterns sharing one k (4/6 of random groups) or both (1/6) fit; for     */
/* disjoint patterns (1/6) n2's weight on u1 is 0 and its second entry goes */
/* to a leftover list, run per K block with a trip count fixed per block    */
/* (the most leftovers of any pair in the block; shorter lists padded with  */
/* zero weights). zmm loads per group and pair: 3V for 4V FMAs.             */

typedef struct { int32_t o0, o1, o2, pad; float a0, a1, b1, b2; } grp_t;
typedef struct {
  grp_t *G;          /* [block][pair][g in block] */
  ent_t *L;          /* [block][pair][lmax[block]] */
  size_t *loff;      /* start of each block's leftovers in L */
  int *lmax;         /* per block */
  int kb;            /* block size along K */
} pairs_t;

static pairs_t build_pairs_24(int KB) {
  pairs_t P;
  int NB = K / KB, G = K / 4, GB = KB / 4;
  P.kb = KB;
  int np = N / 2 + 8; /* room for the phantom pairs of a partial last tile (zero weights) */
  P.G = amalloc(sizeof(grp_t) * (size_t)np * G);
  P.lmax = amalloc(sizeof(int) * NB);
  P.loff = amalloc(sizeof(size_t) * (NB + 1));
  ent_t *tmp = amalloc(sizeof(ent_t) * (size_t)(N / 2) * G);  /* leftovers per pair, per g */
  int *cnt = amalloc(sizeof(int) * (size_t)(N / 2) * NB);
  for (int p = 0; p < N / 2; p++)
    for (int g = 0; g < G; g++) {
      int k1[2], k2[2], c1 = 0, c2 = 0;
      float w1[2], w2[2];
      for (int d = 0; d < 4; d++) {
        int k = 4 * g + d;
        float a = W24[(size_t)k * N + 2 * p], b = W24[(size_t)k * N + 2 * p + 1];
        if (a != 0.0f) { k1[c1] = k; w1[c1++] = a; }
        if (b != 0.0f) { k2[c2] = k; w2[c2++] = b; }
      }
      if (c1 != 2 || c2 != 2) { fprintf(stderr, "pairs build: group not 2:4\n"); exit(2); }
      grp_t q = {0};
      int s1 = -1, s2 = -1; /* indices of a shared k in row 1 / row 2 */
      for (int i = 0; i < 2 && s1 < 0; i++)
        for (int j = 0; j < 2; j++)
          if (k1[i] == k2[j]) { s1 = i; s2 = j; break; }
      ent_t left = {0.0f, 0};
      if (s1 >= 0) {        /* u1 = shared k; u0 = row 1's other; u2 = row 2's other */
        q.o1 = k1[s1]; q.a1 = w1[s1]; q.b1 = w2[s2];
        q.o0 = k1[1 - s1]; q.a0 = w1[1 - s1];
        q.o2 = k2[1 - s2]; q.b2 = w2[1 - s2];
      } else {              /* disjoint: n2 gets 0 at u1, its second entry left over */
        q.o0 = k1[0]; q.a0 = w1[0]; q.o1 = k1[1]; q.a1 = w1[1]; q.b1 = 0.0f;
        q.o2 = k2[0]; q.b2 = w2[0];
        left = (ent_t){w2[1], k2[1] * M * 4};
        cnt[p * NB + g / GB]++;
      }
      q.o0 *= M * 4; q.o1 *= M * 4; q.o2 *= M * 4;
      P.G[((size_t)(g / GB) * np + p) * GB + g % GB] = q;
      tmp[(size_t)p * G + g] = left;
    }
  size_t total = 0;
  for (int b = 0; b < NB; b++) {
    int mx = 0;
    for (int p = 0; p < N / 2; p++) mx = cnt[p * NB + b] > mx ? cnt[p * NB + b] : mx;
    P.lmax[b] = mx;
    P.loff[b] = total;
    total += (size_t)mx * np;
  }
  P.loff[NB] = total;
  P.L = amalloc(sizeof(ent_t) * (total + 1));
  for (int b = 0; b < NB; b++)
    for (int p = 0; p < N / 2; p++) {
      int i = 0;
      for (int g = b * GB; g < (b + 1) * GB; g++)
        if (tmp[(size_t)p * G + g].w != 0.0f) P.L[P.loff[b] + (size_t)p * P.lmax[b] + i++] = tmp[(size_t)p * G + g];
    }
  free(tmp);
  free(cnt);
  return P;
}

#define SP24_PAIRS(NAME, PP, V, KB)                                                        \
  static pairs_t NAME##_P;                                                                  \
  static void NAME(float *CT) {                                                             \
    const pairs_t *P = &NAME##_P;                                                           \
    for (int mb = 0; mb < M; mb += 16 * (V))                                                \
      for (int b = 0; b < K / (KB); b++)                                                    \
        for (int t = 0; t < (N / 2 + (PP)-1) / (PP); t++) {                                 \
          __m512 acc[2 * (PP)][V];                                                          \
          float *c = CT + (size_t)t * 2 * (PP) * M + mb;                                    \
          _Pragma("GCC unroll 8") for (int r = 0; r < 2 * (PP); r++)                        \
            _Pragma("GCC unroll 8") for (int v = 0; v < (V); v++)                           \
              acc[r][v] = b == 0 ? _mm512_setzero_ps()                                      \
                                 : _mm512_load_ps(c + (size_t)r * M + 16 * v);              \
          const char *xb = (const char *)(XT + mb);                                         \
          const grp_t *gp[PP];                                                              \
          _Pragma("GCC unroll 4") for (int pp = 0; pp < (PP); pp++)                         \
            gp[pp] = P->G + ((size_t)b * (N / 2 + 8) + t * (PP) + pp) * ((KB) / 4);         \
          for (int g = 0; g < (KB) / 4; g++) {                                              \
            _Pragma("GCC unroll 4") for (int pp = 0; pp < (PP); pp++) {                     \
              const grp_t *q = gp[pp] + g;                                                  \
              __m512 a0 = _mm512_set1_ps(q->a0), a1 = _mm512_set1_ps(q->a1);                \
              __m512 b1 = _mm512_set1_ps(q->b1), b2 = _mm512_set1_ps(q->b2);                \
              const float *x0 = (const float *)(xb + q->o0);                                \
              const float *x1 = (const float *)(xb + q->o1);                                \
              const float *x2 = (const float *)(xb + q->o2);                                \
              _Pragma("GCC unroll 8") for (int v = 0; v < (V); v++) {                       \
                __m512 u1 = _mm512_load_ps(x1 + 16 * v);                                    \
                acc[2 * pp][v] = _mm512_fmadd_ps(a0, _mm512_load_ps(x0 + 16 * v), acc[2 * pp][v]); \
                acc[2 * pp][v] = _mm512_fmadd_ps(a1, u1, acc[2 * pp][v]);                   \
                acc[2 * pp + 1][v] = _mm512_fmadd_ps(b1, u1, acc[2 * pp + 1][v]);           \
                acc[2 * pp + 1][v] = _mm512_fmadd_ps(b2, _mm512_load_ps(x2 + 16 * v), acc[2 * pp + 1][v]); \
              }                                                                             \
            }                                                                               \
          }                                                                                 \
          int lm = P->lmax[b];                                                              \
          _Pragma("GCC unroll 4") for (int pp = 0; pp < (PP); pp++) {                       \
            const ent_t *e = P->L + P->loff[b] + (size_t)(t * (PP) + pp) * lm;              \
            for (int i = 0; i < lm; i++) {                                                  \
              __m512 w = _mm512_set1_ps(e[i].w);                                            \
              const float *x = (const float *)(xb + e[i].off);                              \
              _Pragma("GCC unroll 8") for (int v = 0; v < (V); v++)                         \
                acc[2 * pp + 1][v] = _mm512_fmadd_ps(w, _mm512_load_ps(x + 16 * v), acc[2 * pp + 1][v]); \
            }                                                                               \
          }                                                                                 \
          _Pragma("GCC unroll 8") for (int r = 0; r < 2 * (PP); r++)                        \
            _Pragma("GCC unroll 8") for (int v = 0; v < (V); v++)                           \
              _mm512_store_ps(c + (size_t)r * M + 16 * v, acc[r][v]);                       \
        }                                                                                   \
  }

SP24_PAIRS(sp24_pair_p1v8_kb64, 1, 8, 64)
SP24_PAIRS(sp24_pair_p3v4_kb128, 3, 4, 128)

/* ------------------------------------------------------------------------ */
/* 2:4, orientation (b): C = X * W, vectorized along N. Per group g of 4 k   */
/* and 16 columns: the two kept values of each column (v0, v1) and their    */
/* positions in the group (i0, i1 in 0..3). X[m, 4g..4g+3] is broadcast to  */
/* the four 128-bit lanes, vpermps picks each lane's activation.            */

typedef struct { float v0[16], v1[16]; int32_t i0[16], i1[16]; } nrec_t;
static nrec_t *NR24;

static void build_n24(void) {
  NR24 = amalloc(sizeof(nrec_t) * (size_t)(K / 4) * (N / 16));
  for (int g = 0; g < K / 4; g++)
    for (int nb = 0; nb < N / 16; nb++) {
      /* [pair of 16-column blocks][g][block in pair]: one tile's records in a row */
      nrec_t *r = &NR24[((size_t)(nb / 2) * (K / 4) + g) * 2 + nb % 2];
      for (int l = 0; l < 16; l++) {
        int n = nb * 16 + l, c = 0;
        for (int d = 0; d < 4; d++) {
          float w = W24[(size_t)(4 * g + d) * N + n];
          if (w != 0.0f) {
            if (c == 0) { r->v0[l] = w; r->i0[l] = d; } else { r->v1[l] = w; r->i1[l] = d; }
            c++;
          }
        }
      }
    }
}

/* X is first re-laid out per call (timed) as [M tile][g][row][4]: the     */
/* tile's activations of one group are then 16 * MRB contiguous bytes       */
/* (X's rows are 4 KiB apart: reading 8 of them per group aliases in L1).   */
static float *Xg;
#define SP24_XW(NAME, MRB, NVB)                                                              \
  static void NAME(float *C) {                                                                \
    for (int mt = 0; mt < M; mt += (MRB))                                                     \
      for (int g = 0; g < K / 4; g++)                                                         \
        for (int m = 0; m < (MRB); m++)                                                       \
          _mm_store_ps(Xg + (((size_t)mt * (K / 4) + (size_t)g * (MRB)) + m) * 4,             \
                       _mm_loadu_ps(X + (size_t)(mt + m) * K + 4 * g));                       \
    for (int nt = 0; nt < N / 16; nt += (NVB))                                                \
      for (int mt = 0; mt < M; mt += (MRB)) {                                                 \
        const float *xt = Xg + (size_t)mt * K;                                                \
        __m512 acc[MRB][NVB];                                                                 \
        _Pragma("GCC unroll 8") for (int m = 0; m < (MRB); m++)                               \
          _Pragma("GCC unroll 4") for (int v = 0; v < (NVB); v++) acc[m][v] = _mm512_setzero_ps(); \
        for (int g = 0; g < K / 4; g++) {                                                     \
          __m512 xb[MRB];                                                                     \
          _Pragma("GCC unroll 8") for (int m = 0; m < (MRB); m++)                             \
            xb[m] = _mm512_broadcast_f32x4(_mm_load_ps(xt + ((size_t)g * (MRB) + m) * 4));      \
          const nrec_t *rc = NR24 + ((size_t)(nt / 2) * (K / 4) + g) * 2; /* NVB == 2 */        \
          _Pragma("GCC unroll 4") for (int v = 0; v < (NVB); v++) {                           \
            __m512 v0 = _mm512_load_ps(rc[v].v0), v1 = _mm512_load_ps(rc[v].v1);              \
            __m512i i0 = _mm512_load_si512(rc[v].i0), i1 = _mm512_load_si512(rc[v].i1);       \
            _Pragma("GCC unroll 8") for (int m = 0; m < (MRB); m++) {                         \
              acc[m][v] = _mm512_fmadd_ps(_mm512_permutexvar_ps(i0, xb[m]), v0, acc[m][v]);   \
              acc[m][v] = _mm512_fmadd_ps(_mm512_permutexvar_ps(i1, xb[m]), v1, acc[m][v]);   \
            }                                                                                 \
          }                                                                                   \
        }                                                                                     \
        _Pragma("GCC unroll 8") for (int m = 0; m < (MRB); m++)                               \
          _Pragma("GCC unroll 4") for (int v = 0; v < (NVB); v++)                             \
            _mm512_storeu_ps(C + (size_t)(mt + m) * N + (nt + v) * 16, acc[m][v]);            \
      }                                                                                       \
  }
_Static_assert(1, "the (b) records are laid out for NVB = 2");
SP24_XW(sp24_xw_m4n2, 4, 2)
SP24_XW(sp24_xw_m8n2, 8, 2)

/* ------------------------------------------------------------------------ */
/* 90% unstructured: W^T in CSR, orientation (a), K-blocked. Per K block,   */
/* rows are grouped in tiles of R rows; each tile's entry lists are padded  */
/* (zero weight, offset 0) to the tile's longest one so the R rows advance  */
/* together. Optionally the rows are sorted by their count in each block    */
/* first, so that a tile holds rows of similar length (less padding, and a  */
/* trip count that changes slowly from tile to tile).                       */

typedef struct {
  int R, KB, NB, ntiles;
  int *rows;        /* [block][tile][R] row of W^T */
  int *cnt;         /* [block][tile] padded count */
  size_t *start;    /* [block][tile] first entry */
  ent_t *E;         /* entries, [j][r] within a tile */
  size_t nent;      /* stored entries (with padding) */
} csr_t;

static size_t nnz90;

static csr_t build_csr90(int R, int KB, int sorted) {
  csr_t S;
  S.R = R; S.KB = KB; S.NB = K / KB; S.ntiles = (N + R - 1) / R;
  int NB = S.NB, NP = S.ntiles * R; /* rows N..NP-1: phantom rows, no entries, results in C^T's padding */
  S.rows = amalloc(sizeof(int) * (size_t)NB * NP);
  S.cnt = amalloc(sizeof(int) * (size_t)NB * S.ntiles);
  S.start = amalloc(sizeof(size_t) * (size_t)NB * S.ntiles);
  int *rc = amalloc(sizeof(int) * (size_t)NB * NP);
  for (int k = 0; k < K; k++)
    for (int n = 0; n < N; n++)
      if (W90[(size_t)k * N + n] != 0.0f) rc[(k / KB) * NP + n]++;
  size_t total = 0;
  for (int b = 0; b < NB; b++) {
    int *rw = S.rows + (size_t)b * NP;
    for (int n = 0; n < NP; n++) rw[n] = n;
    if (sorted) /* insertion sort by descending count (N = 1024: fine once) */
      for (int i = 1; i < NP; i++) {
        int x = rw[i], j = i;
        while (j > 0 && rc[b * NP + rw[j - 1]] < rc[b * NP + x]) { rw[j] = rw[j - 1]; j--; }
        rw[j] = x;
      }
    for (int t = 0; t < S.ntiles; t++) {
      int mx = 0;
      for (int r = 0; r < R; r++) mx = rc[b * NP + rw[t * R + r]] > mx ? rc[b * NP + rw[t * R + r]] : mx;
      S.cnt[b * S.ntiles + t] = mx;
      S.start[b * S.ntiles + t] = total;
      total += (size_t)mx * R;
    }
  }
  S.nent = total;
  S.E = amalloc(sizeof(ent_t) * (total + 1));
  for (int b = 0; b < NB; b++)
    for (int t = 0; t < S.ntiles; t++)
      for (int r = 0; r < R; r++) {
        int n = S.rows[(size_t)b * NP + t * R + r], j = 0;
        if (n >= N) continue;
        ent_t *e = S.E + S.start[b * S.ntiles + t];
        for (int k = b * KB; k < (b + 1) * KB; k++) {
          float w = W90[(size_t)k * N + n];
          if (w != 0.0f) e[(size_t)j++ * R + r] = (ent_t){w, k * M * 4};
        }
      }
  free(rc);
  return S;
}

#define CSR90(NAME, R, V)                                                                   \
  static csr_t NAME##_S;                                                                     \
  static void NAME(float *CT) {                                                              \
    const csr_t *S = &NAME##_S;                                                              \
    for (int mb = 0; mb < M; mb += 16 * (V))                                                 \
      for (int b = 0; b < S->NB; b++)                                                        \
        for (int t = 0; t < S->ntiles; t++) {                                                \
          const int *rw = S->rows + (size_t)b * S->ntiles * (R) + t * (R);                   \
          __m512 acc[R][V];                                                                  \
          _Pragma("GCC unroll 8") for (int r = 0; r < (R); r++)                              \
            _Pragma("GCC unroll 8") for (int v = 0; v < (V); v++)                            \
              acc[r][v] = b == 0 ? _mm512_setzero_ps()                                       \
                                 : _mm512_load_ps(CT + (size_t)rw[r] * M + mb + 16 * v);     \
          const ent_t *e = S->E + S->start[b * S->ntiles + t];                               \
          const char *xb = (const char *)(XT + mb);                                          \
          int cnt = S->cnt[b * S->ntiles + t];                                               \
          for (int j = 0; j < cnt; j++, e += (R)) {                                          \
            _Pragma("GCC unroll 8") for (int r = 0; r < (R); r++) {                          \
              __m512 w = _mm512_set1_ps(e[r].w);                                             \
              const float *x = (const float *)(xb + e[r].off);                               \
              _Pragma("GCC unroll 8") for (int v = 0; v < (V); v++)                          \
                acc[r][v] = _mm512_fmadd_ps(w, _mm512_load_ps(x + 16 * v), acc[r][v]);      \
            }                                                                                \
          }                                                                                  \
          _Pragma("GCC unroll 8") for (int r = 0; r < (R); r++)                              \
            _Pragma("GCC unroll 8") for (int v = 0; v < (V); v++)                            \
              _mm512_store_ps(CT + (size_t)rw[r] * M + mb + 16 * v, acc[r][v]);              \
        }                                                                                    \
  }
CSR90(csr90_r1v8_kb64, 1, 8)
CSR90(csr90_r1v8_kb128, 1, 8)
CSR90(csr90_r2v8_kb64, 2, 8)
CSR90(csr90_r2v8_kb128_sorted, 2, 8)
CSR90(csr90_r3v8_kb128_sorted, 3, 8)
CSR90(csr90_r3v8_kb64_sorted, 3, 8)
CSR90(csr90_r2v8_kb256_sorted, 2, 8)

/* The upstream sparsifier's loop nest for C^T = W^T * X^T with W^T in CSR,  */
/* written as plain C (for n: for entries: for m: C^T[n,m] += w * X^T[k,m]), */
/* auto-vectorized by gcc: a proxy, not the upstream code.                   */
static int *naive_pos, *naive_crd;
static float *naive_val;
static void csr90_naive(float *CT) {
  for (int n = 0; n < N; n++) {
    float *restrict c = CT + (size_t)n * M;
    for (int m = 0; m < M; m++) c[m] = 0.0f;
    for (int j = naive_pos[n]; j < naive_pos[n + 1]; j++) {
      const float *restrict x = XT + (size_t)naive_crd[j] * M;
      float w = naive_val[j];
      for (int m = 0; m < M; m++) c[m] += w * x[m];
    }
  }
}

/* ------------------------------------------------------------------------ */
/* Harness                                                                  */

typedef struct {
  const char *name, *group;
  void (*fn)(float *);
  int transposed;   /* output is C^T [N x M] */
  const double *ref;
  double macs;      /* MACs actually executed (stored entries incl. padding) */
  double dense_macs;
  const char *note;
  float *out;
  double *times;
  double err, tol_ratio;
  int ok, timed;
} kernel_t;

static double *reference(const float *Wd) {
  double *R = amalloc(sizeof(double) * M * N);
  double *a = amalloc(sizeof(double) * N);
  for (int m = 0; m < M; m++) {
    memset(a, 0, sizeof(double) * N);
    for (int k = 0; k < K; k++) {
      double x = X[(size_t)m * K + k];
      const float *w = Wd + (size_t)k * N;
      for (int n = 0; n < N; n++) a[n] += x * w[n];
    }
    memcpy(R + (size_t)m * N, a, sizeof(double) * N);
  }
  free(a);
  return R;
}
/* sum_k |x| |w| per output, for the tolerance */
static double *absref(const float *Wd) {
  double *R = amalloc(sizeof(double) * M * N);
  for (int m = 0; m < M; m++)
    for (int k = 0; k < K; k++) {
      double x = fabs(X[(size_t)m * K + k]);
      const float *w = Wd + (size_t)k * N;
      for (int n = 0; n < N; n++) R[(size_t)m * N + n] += x * fabs(w[n]);
    }
  return R;
}

static int cmpd(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
  int rounds = argc > 1 ? atoi(argv[1]) : 40;
  const char *only = argc > 2 ? argv[2] : NULL; /* time only kernels whose name contains this */
  if (rounds < 1) rounds = 1;
  if (getenv("PROBE_HUGEPAGES")) use_huge = atoi(getenv("PROBE_HUGEPAGES"));
  openblas_set_num_threads(1);
  if (!__builtin_cpu_supports("avx512f")) { fprintf(stderr, "probe: needs AVX-512F\n"); return 2; }

  X = amalloc(4 * (M + 8) * K);  /* 8 zero rows: a partial last tile of (b) reads them */ XT = amalloc(4 * K * M);
  W24 = amalloc(4 * (size_t)K * N); W90 = amalloc(4 * (size_t)K * N);
  for (int i = 0; i < M * K; i++) X[i] = urand();
  transpose(X, M, K, XT);
  /* 2:4 along K, per column: 2 random positions of each group of 4 kept */
  for (int g = 0; g < K / 4; g++)
    for (int n = 0; n < N; n++) {
      int a = rnd() % 4, b = rnd() % 3;
      if (b >= a) b++;
      for (int d = 0; d < 4; d++) {
        float w = urand();
        if (w == 0.0f) w = 0.5f;
        W24[(size_t)(4 * g + d) * N + n] = (d == a || d == b) ? w : 0.0f;
      }
    }
  /* 90%: exactly K*N/10 (rounded) nonzeros at random positions */
  nnz90 = (size_t)llround(0.1 * K * N);
  {
    uint32_t *perm = amalloc(4 * (size_t)K * N);
    for (uint32_t i = 0; i < (uint32_t)(K * N); i++) perm[i] = i;
    for (size_t i = 0; i < nnz90; i++) {
      size_t j = i + rnd() % ((size_t)K * N - i);
      uint32_t t = perm[i]; perm[i] = perm[j]; perm[j] = t;
      float w = urand();
      W90[perm[i]] = w == 0.0f ? 0.5f : w;
    }
    free(perm);
  }
  fprintf(stderr, "probe: references...\n");
  double *ref24 = reference(W24), *ref90 = reference(W90);
  double *abs24 = absref(W24), *abs90 = absref(W90);

  /* packing and sparse formats of the constant weight: outside timing */
  d8x2_init(); d6x4_init(); d6x4k128_init(); d12x2k128_init(); d8x2k128_init();
  Xp = amalloc(4 * (size_t)K * (M + 16));
  XTscratch = amalloc(4 * (size_t)K * M);
  CTscratch = amalloc(4 * (size_t)K * M);
  for (int m = 0; m < M; m++)  /* a known C^T for transpose_c's check: C = X / 2 (K == N) */
    for (int n = 0; n < N; n++) CTscratch[(size_t)n * M + m] = X[(size_t)m * K + n] * 0.5f;
  sp24_wx_r3v8_kb64_E = build_rowtiles_24(3, 64);
  sp24_wx_r3v8_kb128_E = build_rowtiles_24(3, 128);
  sp24_wx_r3v8_kb32_E = build_rowtiles_24(3, 32);
  sp24_wx_r2v8_kb64_E = build_rowtiles_24(2, 64);
  sp24_wx_r1v8_kb64_E = build_rowtiles_24(1, 64);
  sp24_meta_r2_kb64_D = build_meta24(2, 64);
  sp24_meta_r3_kb64_D = build_meta24(3, 64);
  sp24_meta_r1_kb64_D = build_meta24(1, 64);
  sp24_meta_r2_kb32_D = build_meta24(2, 32);
  diag24_meta_r2_x4k_kb1024_D = build_meta24(2, 1024);
  for (int m8 = 0; m8 < 256; m8++)
    for (int i = 0; i < 4; i++) meta_lut[m8][i] = ((m8 >> (2 * i) & 3) + (i >= 2 ? 4 : 0)) * M * 4;
  diag24_meta_r2_x4k_wonly_kb1024_D = diag24_meta_r2_x4k_kb1024_D;
  diag24_meta_r2_x4k_monly_kb1024_D = diag24_meta_r2_x4k_kb1024_D;
  sp24_meta_r2_kb64_lut_D = sp24_meta_r2_kb64_D;
  sp24_meta_r2_kb64_pf2k_D = sp24_meta_r2_kb64_D;
  sp24_meta8_r2_kb64_D = build_meta24w(2, 64);
  sp24_meta8_r1_kb64_D = build_meta24w(1, 64);
  sp24_meta8_r3_kb64_D = build_meta24w(3, 64);
  sp24_meta8_r2_kb64_rg16_D = sp24_meta8_r2_kb64_D;
  diag24_x4k_E = build_rowtiles_24(2, 64);
  diag24_x512_E = build_rowtiles_24(2, 64);
  for (size_t e = 0; e < (size_t)N * (K / 2); e++) { /* R = 2 divides N */
    diag24_x4k_E[e].off = (diag24_x4k_E[e].off / (M * 4) % 64 % 8 + diag24_x4k_E[e].off / (M * 4) / 64 * 64) * M * 4;
    diag24_x512_E[e].off = diag24_x512_E[e].off / (M * 4) / 64 * 64 * M * 4;
  }
  sp24_wx_r6v4_kb128_E = build_rowtiles_24(6, 128);
  sp24_pair_p1v8_kb64_P = build_pairs_24(64);
  sp24_pair_p3v4_kb128_P = build_pairs_24(128);
  build_n24();
  Xg = amalloc(4 * (size_t)(M + 8) * K);
  csr90_r1v8_kb64_S = build_csr90(1, 64, 0);
  csr90_r1v8_kb128_S = build_csr90(1, 128, 0);
  csr90_r2v8_kb64_S = build_csr90(2, 64, 0);
  csr90_r2v8_kb128_sorted_S = build_csr90(2, 128, 1);
  csr90_r3v8_kb128_sorted_S = build_csr90(3, 128, 1);
  csr90_r3v8_kb64_sorted_S = build_csr90(3, 64, 1);
  csr90_r2v8_kb256_sorted_S = build_csr90(2, 256, 1);
  naive_pos = amalloc(4 * (N + 1)); naive_crd = amalloc(4 * nnz90); naive_val = amalloc(4 * nnz90);
  {
    size_t j = 0;
    for (int n = 0; n < N; n++) {
      naive_pos[n] = (int)j;
      for (int k = 0; k < K; k++)
        if (W90[(size_t)k * N + n] != 0.0f) { naive_crd[j] = k; naive_val[j++] = W90[(size_t)k * N + n]; }
    }
    naive_pos[N] = (int)j;
  }

  double dm = (double)M * K * N, m24 = dm / 2, m90 = (double)M * nnz90;
  /* pair kernels: 4 FMA-sets per group and pair (the disjoint case's zero one
   * included) plus padded leftovers */
  double mpair64 = 0, mpair128 = 0;
  {
    const pairs_t *ps[2] = {&sp24_pair_p1v8_kb64_P, &sp24_pair_p3v4_kb128_P};
    double *dst[2] = {&mpair64, &mpair128};
    for (int i = 0; i < 2; i++)
      *dst[i] = (double)M * ((double)(N / 2) * (K / 4) * 4 + (double)ps[i]->loff[K / ps[i]->kb]);
  }
#define CSRMACS(S) ((double)M * (double)(S).nent)
  kernel_t ks[] = {
      {"openblas_sgemm (X*W)", "dense", openblas_xw, 0, ref24, dm, dm, "OpenBLAS 0.3 cblas_sgemm"},
      {"dense X*W 8x32 KC256", "dense", d8x2_xw, 0, ref24, dm, dm, ""},
      {"dense W^T X^T 8x32 KC256", "dense", d8x2_wx, 1, ref24, dm, dm, ""},
      {"dense X*W 6x64 KC256", "dense", d6x4_xw, 0, ref24, dm, dm, ""},
      {"dense W^T X^T 6x64 KC256", "dense", d6x4_wx, 1, ref24, dm, dm, ""},
      {"dense W^T X^T 6x64 KC128", "dense", d6x4k128_wx, 1, ref24, dm, dm, ""},
      {"dense W^T X^T 12x32 KC128", "dense", d12x2k128_wx, 1, ref24, dm, dm, ""},
      {"dense W^T X^T 8x32 KC128", "dense", d8x2k128_wx, 1, ref24, dm, dm, ""},
      {"transpose X -> X^T", "transpose", transpose_x, -1, NULL, 0, 0, "16x16 blocks"},
      {"transpose C^T -> C", "transpose", transpose_c, -1, NULL, 0, 0, "16x16 blocks"},
      {"2:4 (a) rows R3 V8 KB64", "2:4", sp24_wx_r3v8_kb64, 1, ref24, m24, dm, "W^T X^T"},
      {"2:4 (a) rows R3 V8 KB128", "2:4", sp24_wx_r3v8_kb128, 1, ref24, m24, dm, "W^T X^T"},
      {"2:4 (a) rows R3 V8 KB32", "2:4", sp24_wx_r3v8_kb32, 1, ref24, m24, dm, "W^T X^T"},
      {"2:4 (a) rows R2 V8 KB64", "2:4", sp24_wx_r2v8_kb64, 1, ref24, m24, dm, "W^T X^T"},
      {"2:4 (a) rows R1 V8 KB64", "2:4", sp24_wx_r1v8_kb64, 1, ref24, m24, dm, "W^T X^T"},
      {"diag: R2 V8 KB64, X^T reads in 4 KiB", "diag", diag24_x4k, 1, NULL, m24, dm, ""},
      {"diag: R2 V8 KB64, X^T reads in 512 B", "diag", diag24_x512, 1, NULL, m24, dm, ""},
      {"2:4 (a') meta R1 V8 KB64", "2:4", sp24_meta_r1_kb64, 1, ref24, m24, dm, ""},
      {"2:4 (a') meta R2 V8 KB64", "2:4", sp24_meta_r2_kb64, 1, ref24, m24, dm, ""},
      {"2:4 (a') meta R3 V8 KB64", "2:4", sp24_meta_r3_kb64, 1, ref24, m24, dm, ""},
      {"2:4 (a') meta R2 V8 KB32", "2:4", sp24_meta_r2_kb32, 1, ref24, m24, dm, ""},
      {"2:4 (a') meta R2 V8 KB64 table-decoded", "2:4", sp24_meta_r2_kb64_lut, 1, ref24, m24, dm, ""},
      {"2:4 (a') meta R2 V8 KB64 prefetch 2 KiB", "2:4", sp24_meta_r2_kb64_pf2k, 1, ref24, m24, dm, ""},
      {"2:4 (a'') byte-index meta R1 V8 KB64", "2:4", sp24_meta8_r1_kb64, 1, ref24, m24, dm, ""},
      {"2:4 (a'') byte-index meta R2 V8 KB64", "2:4", sp24_meta8_r2_kb64, 1, ref24, m24, dm, ""},
      {"2:4 (a'') byte-index meta R3 V8 KB64", "2:4", sp24_meta8_r3_kb64, 1, ref24, m24, dm, ""},
      {"2:4 (a'') byte-index R2 KB64, 32-row groups", "2:4", sp24_meta8_r2_kb64_rg16, 1, ref24, m24, dm, ""},

      {"diag: meta R2, X^T reads in 4 KiB, one K block", "diag", diag24_meta_r2_x4k_kb1024, 1, NULL, m24, dm, ""},
      {"diag: meta R2, X^T in 4 KiB, one K block, metadata fixed (decode hoisted)", "diag", diag24_meta_r2_x4k_wonly_kb1024, 1, NULL, m24, dm, ""},
      {"diag: meta R2, X^T in 4 KiB, one K block, weights fixed (hoisted)", "diag", diag24_meta_r2_x4k_monly_kb1024, 1, NULL, m24, dm, ""},
      {"2:4 (a) rows R6 V4 KB128", "2:4", sp24_wx_r6v4_kb128, 1, ref24, m24, dm, "W^T X^T"},
      {"2:4 (b) along N M4 N2", "2:4", sp24_xw_m4n2, 0, ref24, m24, dm, "X*W, vpermps"},
      {"2:4 (b) along N M8 N2", "2:4", sp24_xw_m8n2, 0, ref24, m24, dm, "X*W, vpermps"},
      {"2:4 (c) pairs P1 V8 KB64", "2:4", sp24_pair_p1v8_kb64, 1, ref24, mpair64, dm, "W^T X^T"},
      {"2:4 (c) pairs P3 V4 KB128", "2:4", sp24_pair_p3v4_kb128, 1, ref24, mpair128, dm, "W^T X^T"},
      {"90% naive CSR (upstream loop nest)", "90%", csr90_naive, 1, ref90, m90, dm, "W^T X^T, gcc-vectorized"},
      {"90% CSR R1 V8 KB64", "90%", csr90_r1v8_kb64, 1, ref90, CSRMACS(csr90_r1v8_kb64_S), dm, "W^T X^T"},
      {"90% CSR R1 V8 KB128", "90%", csr90_r1v8_kb128, 1, ref90, CSRMACS(csr90_r1v8_kb128_S), dm, "W^T X^T"},
      {"90% CSR R2 V8 KB64 padded", "90%", csr90_r2v8_kb64, 1, ref90, CSRMACS(csr90_r2v8_kb64_S), dm, "W^T X^T"},
      {"90% CSR R2 V8 KB128 sorted+padded", "90%", csr90_r2v8_kb128_sorted, 1, ref90, CSRMACS(csr90_r2v8_kb128_sorted_S), dm, "W^T X^T"},
      {"90% CSR R3 V8 KB128 sorted+padded", "90%", csr90_r3v8_kb128_sorted, 1, ref90, CSRMACS(csr90_r3v8_kb128_sorted_S), dm, "W^T X^T"},
      {"90% CSR R3 V8 KB64 sorted+padded", "90%", csr90_r3v8_kb64_sorted, 1, ref90, CSRMACS(csr90_r3v8_kb64_sorted_S), dm, "W^T X^T"},
      {"90% CSR R2 V8 KB256 sorted+padded", "90%", csr90_r2v8_kb256_sorted, 1, ref90, CSRMACS(csr90_r2v8_kb256_sorted_S), dm, "W^T X^T"},
  };
  int nk = sizeof ks / sizeof ks[0];
  int bad = 0;

  /* correctness first: |c - ref| <= 1e-4 * sum_k |x||w| + 1e-5 */
  for (int i = 0; i < nk; i++) {
    kernel_t *k = &ks[i];
    k->out = amalloc(4 * ((size_t)M * N + 16 * N)); /* padding rows for partial last tiles */
    k->times = amalloc(sizeof(double) * rounds);
    if (!strcmp(k->group, "diag")) { k->ok = 1; k->fn(k->out); continue; }
    if (k->transposed < 0) {  /* the transpositions: exact */
      k->fn(k->out);
      k->ok = 1;
      if (k->fn == transpose_x) k->ok = !memcmp(XTscratch, XT, 4 * (size_t)K * M);
      else for (size_t e = 0; e < (size_t)M * N; e++) if (k->out[e] != X[e % (M * K)] * 0.5f) k->ok = 0;
      if (!k->ok) { fprintf(stderr, "WRONG: %s\n", k->name); bad = 1; }
      continue;
    }
    memset(k->out, 0xff, 4 * (size_t)M * N);  /* NaN: unwritten outputs fail */
    k->fn(k->out);
    k->fn(k->out);  /* twice: a kernel must not depend on its output's old contents */
    const double *ab = k->ref == ref24 ? abs24 : abs90;
    double err = 0, worst = 0;
    for (int m = 0; m < M; m++)
      for (int n = 0; n < N; n++) {
        double c = k->transposed ? k->out[(size_t)n * M + m] : k->out[(size_t)m * N + n];
        double d = fabs(c - k->ref[(size_t)m * N + n]);
        double r = d / (1e-4 * ab[(size_t)m * N + n] + 1e-5);
        if (!(d <= err)) err = d;
        if (!(r <= worst)) worst = r;
      }
    k->err = err;
    k->tol_ratio = worst;
    k->ok = worst <= 1.0;
    if (!k->ok) { fprintf(stderr, "WRONG: %s (max abs err %g, %.3g x tolerance)\n", k->name, err, worst); bad = 1; }
  }

  double peak = fma_peak();
  double l16 = load_fma_16(), l16b = load_fma_16b(), l12 = load_fma_12(), l8 = load_fma_8(), l0 = load_fma_0();

  /* timing: rounds, each round calls every kernel once untimed then once timed */
  for (int r = 0; r < rounds; r++)
    for (int i = 0; i < nk; i++) {
      kernel_t *k = &ks[i];
      if (!k->ok || (only && !strstr(k->name, only))) { k->times[r] = 0; continue; }
      k->fn(k->out);
      double t0 = now();
      k->fn(k->out);
      k->times[r] = now() - t0;
    }
  double peak2 = fma_peak();
  if (peak2 > peak) peak = peak2;

  double med[64], mn[64];
  for (int i = 0; i < nk; i++) {
    qsort(ks[i].times, rounds, sizeof(double), cmpd);
    med[i] = ks[i].times[rounds / 2];
    mn[i] = ks[i].times[0];
  }
  /* own dense: the hand-written dense kernel with the lowest median (its
   * minimum for the "min" column: the lowest minimum of the dense kernels) */
  double own_med = 1e30, own_min = 1e30, tr_med = 0, tr_min = 0;
  const char *own_name = "?";
  for (int i = 1; i < nk; i++) {
    if (!ks[i].ok) continue;
    if (!strcmp(ks[i].group, "dense")) {
      if (med[i] < own_med) { own_med = med[i]; own_name = ks[i].name; }
      if (mn[i] < own_min) own_min = mn[i];
    }
    if (!strcmp(ks[i].group, "transpose")) { tr_med += med[i]; tr_min += mn[i]; }
  }

  printf("FMA peak (16 zmm chains, no loads): %.3f G vector FMA/s = %.1f GFLOP/s f32\n", peak / 1e9, peak * 32 / 1e9);
  printf("FMA + L1 loads (asm, 16 accumulators), G vector FMA/s (%% of peak): zmm loads per 16 FMAs: 16: %.3f (%.0f%%), "
         "16 + 2 broadcasts + 2 scalar: %.3f (%.0f%%), 12: %.3f (%.0f%%), 8: %.3f (%.0f%%), 0: %.3f (%.0f%%)\n",
         l16 / 1e9, 100 * l16 / peak, l16b / 1e9, 100 * l16b / peak, l12 / 1e9, 100 * l12 / peak,
         l8 / 1e9, 100 * l8 / peak, l0 / 1e9, 100 * l0 / peak);
  printf("rounds: %d (each timed call after an untimed call of the same kernel)\n", rounds);
  printf("own dense = %s: median %.3f ms (%.0f%% of FMA peak), min %.3f ms; transposes X->X^T + C^T->C: median %.3f ms\n\n",
         own_name, own_med * 1e3, 100.0 * ((double)M * K * N / 16) / own_med / peak, own_min * 1e3, tr_med * 1e3);
  printf("| kernel | ok (max abs err) | median ms | min ms | GFLOP/s eff. | GFLOP/s actual | %% FMA peak | vs own dense | vs own dense (min) | +transposes vs own dense | vs OpenBLAS |\n");
  printf("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
  for (int i = 0; i < nk; i++) {
    kernel_t *k = &ks[i];
    if (!k->ok) { printf("| %s | WRONG (%.3g) | | | | | | | | | |\n", k->name, k->err); continue; }
    if (only && !strstr(k->name, only)) continue;
    if (k->transposed < 0) {
      printf("| %s | - | %.4f | %.4f | | | | | | | |\n", k->name, med[i] * 1e3, mn[i] * 1e3);
      continue;
    }
    double eff = 2 * k->dense_macs / med[i] / 1e9, act = 2 * k->macs / med[i] / 1e9;
    double pk = 100.0 * (k->macs / 16) / med[i] / peak;
    char with_tr[32] = "-";
    if (k->transposed == 1 && strcmp(k->group, "dense") != 0)
      snprintf(with_tr, sizeof with_tr, "%.2fx", own_med / (med[i] + tr_med));
    if (strcmp(k->group, "diag")) printf("| %s | ok (%.1e) |", k->name, k->err);
    else printf("| %s | not checked |", k->name);
    printf(" %.4f | %.4f | %.1f | %.1f | %.0f%% | %.2fx | %.2fx | %s | %.2fx |\n",
           med[i] * 1e3, mn[i] * 1e3, eff, act, pk, own_med / med[i], own_min / mn[i], with_tr, med[0] / med[i]);
  }
  (void)tr_min;
  printf("\n90%% nnz %zu; 2:4 pair kernels: leftover entries KB64 %zu, KB128 %zu (of %d disjoint-pattern groups expected ~%d)\n",
         nnz90, sp24_pair_p1v8_kb64_P.loff[K / 64], sp24_pair_p3v4_kb128_P.loff[K / 128], (N / 2) * (K / 4),
         (N / 2) * (K / 4) / 6);
  if (bad) printf("RESULT: WRONG kernels (see stderr)\n");
  return bad;
}
