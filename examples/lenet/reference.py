#!/usr/bin/python3
"""Independent numpy reference for the LeNet example (shares no code with
SparQ or PyTorch): the forward pass in float64 and SparQ's documented weight
compression rules (docs/design.md, the pass descriptions), applied to the
trained parameters in weights.npz.

  reference.py accuracy CONFIG [--count N]
      prints the reference's top-1 accuracy on the first N test images
  reference.py check CONFIG --logits SPARQ.npy [--count N] [--rtol R]
      compares logits computed by SparQ on the first N test images with the
      reference's: every logit within R * max|logit| (default 2e-5) and the
      same top-1 on every image whose two best reference logits are further
      apart than that tolerance; exits non-zero otherwise.

  reference.py check w8a8 --logits SPARQ.npy --calibration FILE.json
                      [--calibration-count M] [--count N]
      W8A8 is simulated from the sparq-calibrate file the model was compiled
      with and must match bit for bit (default --rtol 0); the file's min-max
      ranges are first compared with numpy's float model on the first M
      (default 1,000) training images.

CONFIG is one of:
  float      the trained weights
  w8a8       int8 weights (symmetric, per output channel) and ui8 activations
             (asymmetric, per tensor, static scales from the min-max ranges
             of a calibration file): integer sums, scales applied in f64,
             bias / ReLU / pooling in f32 (forward_w8a8)
  w4a8       w8a8 with int4 weights (symmetric, per output channel)
  w4a4       w4a8 with ui4 activations (asymmetric, per tensor, 15 levels)
  pruned91-w8a8
             pruned91, then w8a8 (the calibration file recorded on the
             retrained model)
  w8c        int8 symmetric, one scale per output channel
  w4g16      int4 symmetric, one scale per 16 reduction entries of fc1, fc2,
             fc3, per 8 (all its input channels) of conv2, per filter of conv1
             (it has one input channel)
  p50, p90   50% / 90% unstructured magnitude pruning of every layer
  nm24       2:4 pruning (conv1, whose reduction of 25 is not a multiple of 4,
             is left dense)
  filter25   25% of conv1 / conv2 / fc1 / fc2 filters by L2 norm (fc3's
             outputs are the classes and are left alone)
  pruned91   the retrained model (weights_pruned.npz) pruned per layer at
             conv1 50%, conv2 75%, fc1 93%, fc2 90%, fc3 70%
  km4        a 4-bit k-means codebook per layer
  p90-km5    p90, then a 5-bit k-means codebook per layer (0 kept)
  pruned91-km5
             pruned91, then a 5-bit k-means codebook per layer (0 kept)
"""
import argparse
import gzip
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = "/usr/share/datasets/fashion-mnist"
LAYERS = ["conv1", "conv2", "fc1", "fc2", "fc3"]


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    ndim = data[3]
    dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(data, np.uint8, offset=4 + 4 * ndim).reshape(dims)


def load_test(count):
    """The first `count` test images (float32 [N, 1, 28, 28], pixel / 255) and labels."""
    x = read_idx(os.path.join(DATA, "t10k-images-idx3-ubyte.gz"))[:count]
    y = read_idx(os.path.join(DATA, "t10k-labels-idx1-ubyte.gz"))[:count]
    return (x.astype(np.float32) / np.float32(255.0))[:, None], y.astype(np.int64)


PRUNED_RATES = {"conv1": 0.5, "conv2": 0.75, "fc1": 0.93, "fc2": 0.9, "fc3": 0.7}


def load_weights(name="weights.npz"):
    """{layer: (weight, bias)}; weights in PyTorch's layout (conv FCHW, fc [out, in])."""
    w = np.load(os.path.join(HERE, name))
    return {l: (w[l + ".weight"].astype(np.float32), w[l + ".bias"].astype(np.float32))
            for l in LAYERS}


# --- the im2col view SparQ uses: rows = reduction positions, columns = outputs


def to_matrix(w):
    """[K, N] im2col matrix of a weight: FCHW -> rows (c, kh, kw), columns f;
    a fully connected [out, in] weight -> [in, out]."""
    return w.reshape(w.shape[0], -1).T.copy()


def from_matrix(m, shape):
    return m.T.reshape(shape).copy()


# --- pruning (Prune.cpp's documented rules)


def prune_unstructured(w, sparsity):
    """Zero the round_half_even(sparsity * numel) entries of smallest |w|;
    among equal magnitudes the higher flat index goes first."""
    flat = w.reshape(-1).copy()
    count = int(np.rint(sparsity * flat.size))
    idx = np.arange(flat.size)
    order = np.lexsort((-idx, np.abs(flat)))
    flat[order[:count]] = 0.0
    return flat.reshape(w.shape)


def prune_nm(w, n, m):
    """Keep the n largest |w| of every m consecutive im2col rows of each column;
    equal magnitudes keep the lower row."""
    mat = to_matrix(w)
    for c in range(mat.shape[1]):
        for g in range(0, mat.shape[0], m):
            block = mat[g:g + m, c]
            order = np.argsort(-np.abs(block), kind="stable")
            block[order[n:]] = 0.0
    return from_matrix(mat, w.shape)


def prune_filters(w, sparsity):
    """Zero the round_half_even(sparsity * F) output channels of smallest L2
    norm (accumulated in float64); equal norms prune the higher index first."""
    f = w.shape[0]
    norms = (w.reshape(f, -1).astype(np.float64) ** 2).sum(1)
    count = int(np.rint(sparsity * f))
    order = np.lexsort((-np.arange(f), norms))
    out = w.copy()
    out[order[:count]] = 0.0
    return out


# --- symmetric linear quantization (LinearQuantization.cpp's documented rules)


def quantize_symmetric_int(mat, bits, group_rows):
    """The stored integers and scales of a [K, N] im2col matrix: per column,
    groups of `group_rows` consecutive rows (K for per channel) share
    scale = f32(max|w| / (2^(B-1) - 1)) (max in float64, the quotient
    rounded once to f32; 1 for an all-zero group);
    q = clip(round_half_even(w / f64(scale)), -(2^(B-1) - 1), 2^(B-1) - 1).
    Returns (q as int64 [K, N], scales as f32 [K / group_rows, N])."""
    qmax = 2 ** (bits - 1) - 1
    k, n = mat.shape
    q = np.empty((k, n), dtype=np.int64)
    scales = []
    for g in range(0, k, group_rows):
        block = mat[g:g + group_rows].astype(np.float64)
        scale = (np.max(np.abs(block), axis=0) / qmax).astype(np.float32)
        scale[scale == 0] = 1.0
        q[g:g + group_rows] = np.clip(np.rint(block / scale.astype(np.float64)),
                                      -qmax, qmax)
        scales.append(scale)
    return q, np.stack(scales)


def quantize_symmetric(mat, bits, group_rows):
    """Fake-quantizes a [K, N] im2col matrix (quantize_symmetric_int's rules)
    and returns the real values f32(scale * q)."""
    q, scales = quantize_symmetric_int(mat, bits, group_rows)
    scale_rows = np.repeat(scales.astype(np.float64), group_rows, axis=0)[:q.shape[0]]
    return (q * scale_rows).astype(np.float32)


def quantize_conv_groups(w, bits, group):
    """Groups of `group` consecutive input channels at one kernel position of
    one filter (SparQ's conv groups run along C)."""
    f, c, kh, kw = w.shape
    # rows ordered (kh, kw, c): consecutive rows are consecutive channels.
    mat = w.transpose(2, 3, 1, 0).reshape(kh * kw * c, f)
    q = quantize_symmetric(mat, bits, group)
    return q.reshape(kh, kw, c, f).transpose(3, 2, 0, 1).copy()


# --- k-means weight sharing (the rules of --sparq-quantize=scheme=kmeans)


def kmeans_tensor(w, bits, iterations=100):
    """One codebook for the whole tensor: exact zeros keep centroid 0.0 (when
    there are any); the other 2^B (- 1) centroids start linearly spaced over
    [min, max] of the nonzero values (rounded to f32) and follow Lloyd's
    algorithm on the sorted values (a value goes to the nearer centroid, the
    lower one on a tie; a centroid becomes the f32 mean of its values, from
    float64 prefix sums; an empty cluster keeps its centroid) until no
    assignment changes, at most 100 iterations. Returns the f32 weights."""
    k = 2 ** bits
    flat = w.reshape(-1)
    zero = flat == 0.0
    free = k - 1 if zero.any() else k
    values = np.sort(flat[~zero].astype(np.float64))
    n = values.size
    lo, hi = values[0], values[-1]
    c = np.array([lo + (hi - lo) * j / (free - 1) for j in range(free)]).astype(np.float32)
    prefix = np.concatenate([[0.0], np.cumsum(values)])
    bounds = None
    for _ in range(iterations):
        c64 = c.astype(np.float64)
        new = np.empty(free, dtype=np.int64)
        for j in range(free - 1):
            # first value with v - c[j] > c[j+1] - v (ties stay at j)
            moves = (values - c64[j]) > (c64[j + 1] - values)
            first = int(np.argmax(moves)) if moves.any() else n
            new[j] = max(first, new[j - 1]) if j else first
        new[free - 1] = n
        if bounds is not None and np.array_equal(new, bounds):
            break
        bounds = new
        begin = 0
        for j in range(free):
            end = int(bounds[j])
            if end > begin:
                c[j] = np.float32((prefix[end] - prefix[begin]) / (end - begin))
            begin = end
    # Final assignment: the nearest centroid, the lower index on a tie.
    c64 = c.astype(np.float64)
    v = flat.astype(np.float64)
    dist = np.abs(v[:, None] - c64[None, :])
    idx = np.argmin(dist, axis=1)  # argmin returns the first (lowest) index on ties
    out = c[idx].astype(np.float32)
    out[zero] = 0.0
    return out.reshape(w.shape)


def compress(weights, config):
    out = {}
    for layer, (w, b) in weights.items():
        if config == "float":
            w2 = w
        elif config == "w8c":
            w2 = from_matrix(quantize_symmetric(to_matrix(w), 8, to_matrix(w).shape[0]), w.shape)
        elif config == "w4g16":
            if layer == "conv1":
                w2 = from_matrix(quantize_symmetric(to_matrix(w), 4, 25), w.shape)
            elif layer == "conv2":
                w2 = quantize_conv_groups(w, 4, 8)
            else:
                w2 = from_matrix(quantize_symmetric(to_matrix(w), 4, 16), w.shape)
        elif config in ("p50", "p90"):
            w2 = prune_unstructured(w, int(config[1:]) / 100)
        elif config == "nm24":
            w2 = w if layer == "conv1" else prune_nm(w, 2, 4)
        elif config == "filter25":
            w2 = w if layer == "fc3" else prune_filters(w, 0.25)
        elif config == "pruned91":
            w2 = prune_unstructured(w, PRUNED_RATES[layer])
        elif config == "p90-km5":
            w2 = kmeans_tensor(prune_unstructured(w, 0.9), 5)
        elif config == "km4":
            w2 = kmeans_tensor(w, 4)
        elif config == "pruned91-km5":
            w2 = kmeans_tensor(prune_unstructured(w, PRUNED_RATES[layer]), 5)
        else:
            sys.exit(f"reference.py: unknown configuration '{config}'")
        out[layer] = (w2, b)
    return out


# --- forward pass in float64


def conv2d(x, w, b, pad):
    n, c, h, wd = x.shape
    f, _, kh, kw = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    oh, ow = h + 2 * pad - kh + 1, wd + 2 * pad - kw + 1
    cols = np.empty((n, c, kh, kw, oh, ow))
    for i in range(kh):
        for j in range(kw):
            cols[:, :, i, j] = xp[:, :, i:i + oh, j:j + ow]
    y = np.einsum("nckluv,fckl->nfuv", cols, w.astype(np.float64), optimize=True)
    return y + b.astype(np.float64)[None, :, None, None]


def maxpool2(x):
    n, c, h, w = x.shape
    return x.reshape(n, c, h // 2, 2, w // 2, 2).max(axis=(3, 5))


def forward(params, x):
    x = x.astype(np.float64)
    relu = lambda t: np.maximum(t, 0.0)
    x = maxpool2(relu(conv2d(x, *params["conv1"], pad=2)))
    x = maxpool2(relu(conv2d(x, *params["conv2"], pad=0)))
    x = x.reshape(x.shape[0], -1)
    for layer in ("fc1", "fc2"):
        w, b = params[layer]
        x = relu(x @ w.T.astype(np.float64) + b)
    w, b = params["fc3"]
    return x @ w.T.astype(np.float64) + b


# --- W8A8 with static activation scales: integer arithmetic, f32 elsewhere
#
# The numerics of docs/design.md and docs/calibration.md, step by step, for
# the LeNet that --sparq-quantize="scheme=symmetric bits=8
# granularity=channel" --sparq-quantize-activations="scheme=asymmetric bits=8
# calibration=FILE observer=minmax" compiles:
# - weights: int8 symmetric, one scale per output channel
#   (quantize_symmetric_int);
# - each contraction's input x (f32): a per-tensor ui8 scale and zero point
#   from the [min, max] the calibration file recorded under the layer's name
#   (activation_params), q = clip(round_half_even(f64(x) / f64(s)) + zp, 0,
#   255) (padding quantizes to zp: it contributes 0);
# - the contraction sums (q_x - zp) * q_w exactly (an integer accumulator);
# - the f32 result is f32(f64(acc) * (f64(s_x) * f64(s_w[channel]))), one
#   rounding (the product of the two f32 scales is exact in f64); bias, ReLU
#   and max pooling then run in f32 as in the imported model.

ACT_LEVELS = 255  # ui8

# Integer configurations: (weight bits, activation bits), pruned91 first or not.
INTEGER_CONFIGS = {"w8a8": (8, 8), "w4a8": (4, 8), "w4a4": (4, 4),
                   "pruned91-w8a8": (8, 8)}


def activation_params(lo, hi, levels=ACT_LEVELS):
    """(scale f32, zero point) of a ui8 asymmetric grid over a recorded
    range: widened to include 0; scale = f32((hi - lo) / 255) (in float64,
    rounded once; 1 when not positive and finite); zp =
    clip(round_half_even(-lo / f64(scale)), 0, 255)."""
    lo, hi = min(float(lo), 0.0), max(float(hi), 0.0)
    scale = np.float32((hi - lo) / levels)
    if not (np.isfinite(scale) and scale > 0):
        scale = np.float32(1.0)
    zp = int(np.clip(np.rint(-lo / np.float64(scale)), 0, levels))
    return scale, zp


def quantize_activation(x, scale, zp, levels=ACT_LEVELS):
    """round_half_even(f64(x) / f64(scale)) + zp, saturated to [0, 255]; the
    stored integer minus zp (what the integer accumulator sums)."""
    q = np.clip(np.rint(x.astype(np.float64) / np.float64(scale)) + zp, 0, levels)
    return q - zp


def scale_accumulator(acc, s_x, s_w):
    """f32(f64(acc) * (f64(s_x) * f64(s_w))), s_w broadcast along the output
    channel (the last axis of acc); the scales' product is exact in f64."""
    return (acc * (np.float64(s_x) * s_w.astype(np.float64))).astype(np.float32)


def conv2d_int(xq, wq, pad):
    """Exact integer convolution (NCHW x FCHW) of zero-point-free operands;
    returns float64 [N, OH, OW, F] holding integers (every partial sum is
    below 2^53, so the float64 products and sums are exact)."""
    n, c, h, wd = xq.shape
    f, _, kh, kw = wq.shape
    xp = np.pad(xq, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    oh, ow = h + 2 * pad - kh + 1, wd + 2 * pad - kw + 1
    cols = np.empty((n, oh, ow, c, kh, kw))
    for i in range(kh):
        for j in range(kw):
            cols[:, :, :, :, i, j] = xp[:, :, i:i + oh, j:j + ow].transpose(0, 2, 3, 1)
    mat = wq.reshape(f, -1).T.astype(np.float64)  # [C*KH*KW, F]
    acc = cols.reshape(n * oh * ow, -1) @ mat
    assert np.abs(acc).max() < 2.0 ** 53
    return acc.reshape(n, oh, ow, f)


def forward_w8a8(weights, ranges, x, wbits=8, abits=8):
    """Logits (f32) of the W8A8 model (or W`wbits`A`abits`: symmetric
    per-channel weights, 2^abits - 1 activation levels) on f32 images
    x [N, 1, 28, 28]. `ranges`: {layer: (min, max)} of each contraction's
    input."""
    levels = 2 ** abits - 1
    quant = {}
    for layer, (w, b) in weights.items():
        q, scales = quantize_symmetric_int(to_matrix(w), wbits, to_matrix(w).shape[0])
        quant[layer] = (from_matrix(q, w.shape), scales[0], b)
    relu = lambda t: np.maximum(t, np.float32(0))

    def conv(layer, x, pad):
        wq, s_w, b = quant[layer]
        s_x, zp = activation_params(*ranges[layer], levels)
        acc = conv2d_int(quantize_activation(x, s_x, zp, levels), wq, pad)
        y = scale_accumulator(acc, s_x, s_w).transpose(0, 3, 1, 2)  # NCHW
        return y + b[None, :, None, None]  # f32 bias add

    def fc(layer, x):
        wq, s_w, b = quant[layer]
        s_x, zp = activation_params(*ranges[layer], levels)
        acc = quantize_activation(x, s_x, zp, levels) @ to_matrix(wq).astype(np.float64)
        return scale_accumulator(acc, s_x, s_w) + b

    x = x.astype(np.float32)
    x = maxpool2(relu(conv("conv1", x, 2)))
    x = maxpool2(relu(conv("conv2", x, 0)))
    x = x.reshape(x.shape[0], -1)
    x = relu(fc("fc1", x))
    x = relu(fc("fc2", x))
    return fc("fc3", x)


# The names sparq-calibrate records each layer's input under (the ONNX node
# names the importer keeps as locations).
CALIBRATION_KEYS = {"conv1": "/conv1/Conv", "conv2": "/conv2/Conv",
                    "fc1": "/fc1/Gemm", "fc2": "/fc2/Gemm", "fc3": "/fc3/Gemm"}


def read_ranges(path):
    """{layer: (min, max)} of the per-tensor min-max ranges in a
    sparq-calibrate file."""
    with open(path) as f:
        acts = json.load(f)["activations"]
    ranges = {}
    for layer, key in CALIBRATION_KEYS.items():
        mm = acts[key]["tensor"]["minmax"]
        ranges[layer] = (mm["min"], mm["max"])
    return ranges


def observed_ranges(weights, x):
    """{layer: (min, max)} of each contraction's input in the float model
    (float64 forward pass), for checking a calibration file."""
    x = x.astype(np.float64)
    relu = lambda t: np.maximum(t, 0.0)
    seen = {}

    def see(layer, t):
        seen[layer] = (float(t.min()), float(t.max()))
        return t

    x = maxpool2(relu(conv2d(see("conv1", x), *weights["conv1"], pad=2)))
    x = maxpool2(relu(conv2d(see("conv2", x), *weights["conv2"], pad=0)))
    x = x.reshape(x.shape[0], -1)
    for layer in ("fc1", "fc2"):
        w, b = weights[layer]
        x = relu(see(layer, x) @ w.T.astype(np.float64) + b)
    see("fc3", x)
    return seen


def load_train(count):
    x = read_idx(os.path.join(DATA, "train-images-idx3-ubyte.gz"))[:count]
    return (x.astype(np.float32) / np.float32(255.0))[:, None]


def check_calibration(path, count, rtol, weights_file="weights.npz"):
    """Compares the min-max ranges of a sparq-calibrate file (recorded on
    the first `count` training images) with the float64 model's: each bound
    within rtol * max(|min|, |max|) of the layer (the padded conv1 input
    also holds the padding's zeros; both ranges include 0 anyway). Returns
    (ok, largest relative difference)."""
    ref = observed_ranges(load_weights(weights_file), load_train(count))
    got = read_ranges(path)
    worst = 0.0
    for layer in LAYERS:
        lo_r, hi_r = min(ref[layer][0], 0.0), max(ref[layer][1], 0.0)
        lo_g, hi_g = min(got[layer][0], 0.0), max(got[layer][1], 0.0)
        span = max(abs(lo_r), abs(hi_r))
        worst = max(worst, abs(lo_g - lo_r) / span, abs(hi_g - hi_r) / span)
    return worst <= rtol, worst


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("mode", choices=["accuracy", "check"])
    ap.add_argument("config")
    ap.add_argument("--count", type=int, default=10000)
    ap.add_argument("--logits")
    ap.add_argument("--rtol", type=float, default=None,
                    help="logit tolerance relative to max|logit| (default 2e-5; "
                    "w8a8: 0, bit-exact)")
    ap.add_argument("--calibration", help="w8a8: the sparq-calibrate file the "
                    "model was compiled with")
    ap.add_argument("--calibration-count", type=int, default=1000,
                    help="w8a8: training images the calibration file was recorded on")
    args = ap.parse_args()
    x, y = load_test(args.count)
    pruned = args.config.startswith("pruned91")
    weights = load_weights("weights_pruned.npz" if pruned else "weights.npz")
    if args.config in INTEGER_CONFIGS:
        if not args.calibration:
            sys.exit(f"reference.py: {args.config} needs --calibration FILE")
        cal_ok, cal_err = check_calibration(
            args.calibration, args.calibration_count, 1e-5,
            "weights_pruned.npz" if pruned else "weights.npz")
        print(f"{args.config}: calibration ranges of {args.calibration_count} training images: "
              f"largest difference from numpy's {cal_err:.3g} of the range (tolerance 1e-05)")
        if not cal_ok:
            sys.exit(1)
        if pruned:
            weights = compress(weights, "pruned91")
        wbits, abits = INTEGER_CONFIGS[args.config]
        ref = forward_w8a8(weights, read_ranges(args.calibration), x,
                           wbits, abits).astype(np.float64)
        rtol = 0.0 if args.rtol is None else args.rtol
    else:
        ref = forward(compress(weights, args.config), x)
        rtol = 2e-5 if args.rtol is None else args.rtol
    ref_acc = (ref.argmax(1) == y).mean()
    if args.mode == "accuracy":
        print(f"{args.config}: reference top-1 accuracy {ref_acc:.4f} on {args.count} images")
        return
    got = np.load(args.logits).reshape(-1, 10)[:args.count].astype(np.float64)
    if got.shape != ref.shape:
        sys.exit(f"reference.py: {args.logits} has shape {got.shape}, expected {ref.shape}")
    tol = rtol * np.abs(ref).max()
    err = np.abs(got - ref).max()
    top2 = np.sort(ref, axis=1)[:, -2:]
    clear = (top2[:, 1] - top2[:, 0]) > 2 * tol
    mismatched = int(((got.argmax(1) != ref.argmax(1)) & clear).sum())
    got_acc = (got.argmax(1) == y).mean()
    print(f"{args.config}: max |SparQ - numpy| = {err:.3g} (tolerance {tol:.3g}); "
          f"top-1 differs on {mismatched} clear-cut images; "
          f"accuracy SparQ {got_acc:.4f}, numpy {ref_acc:.4f} on {args.count} images")
    if err > tol or mismatched:
        sys.exit(1)


if __name__ == "__main__":
    main()
