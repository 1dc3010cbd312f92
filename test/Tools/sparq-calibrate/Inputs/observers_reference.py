"""Independent reference for sparq-calibrate's observers (docs/calibration.md).

check JSON X.npy: recomputes the activations of observers.mlir's two layers
from X in float64 (exact: dyadic data), then every recorded range, per tensor
and per channel, and compares them with the JSON bit for bit.
scales JSON: reads the IR that --sparq-quantize-activations="calibration=JSON
..." printed on stdin and checks each constant scale / zero point against the
rule scale = f32(absmax / qmax) or f32((hi - lo) / (qmax - qmin)),
zp = qmin + round_half_even(-lo / scale).
"""
import json
import re
import sys

import numpy as np

W1 = np.array([[1.0, -0.5, 0.25, 2.0], [0.5, 1.5, -1.0, 0.0],
               [-2.0, 0.75, 1.0, -0.25]])


def percentile(values, p):
    return float(np.percentile(np.asarray(values, np.float64), p))


def params(lo, hi, bits, symmetric):
    lo, hi = min(lo, 0.0), max(hi, 0.0)
    if symmetric:
        qmax = 2 ** (bits - 1) - 1
        s = max(-lo, hi) / qmax
        return (np.float32(s) if s > 0 and np.isfinite(s) else np.float32(1)), 0
    qmin, qmax = 0, 2 ** bits - 1
    s = (hi - lo) / (qmax - qmin)
    s = np.float32(s) if s > 0 and np.isfinite(s) else np.float32(1)
    zp = qmin + round(-lo / float(s))  # Python's round: half to even
    return s, int(min(max(zp, qmin), qmax))


def squared_error(values, scale, zp, bits, symmetric):
    qmin, qmax = ((-(2 ** (bits - 1) - 1), 2 ** (bits - 1) - 1) if symmetric
                  else (0, 2 ** bits - 1))
    s = float(scale)
    error = 0.0
    for x in values:  # sequential double sum, in row-major order
        q = min(max(round(x / s) + zp, qmin), qmax)
        d = s * (q - zp) - x
        error += d * d
    return error


def mse(values, bits, symmetric, steps):
    lo, hi = min(min(values), 0.0), max(max(values), 0.0)
    if symmetric:
        a = max(-lo, hi)
        lo, hi = -a, a
    best, best_error = (lo, hi), float('inf')
    for k in range(steps, 0, -1):
        c = (lo * k / steps, hi * k / steps)
        s, zp = params(c[0], c[1], bits, symmetric)
        e = squared_error(values, s, zp, bits, symmetric)
        if e < best_error:
            best, best_error = c, e
    return best


def observe(values, p, bits_list, steps):
    values = [float(v) for v in values]
    out = {'count': len(values),
           'minmax': {'min': min(values), 'max': max(values)},
           'percentile': {'p': p, 'min': percentile(values, 100 - p),
                          'max': percentile(values, p),
                          'absmax': percentile(np.abs(values), p)},
           'mse': {}}
    for bits in bits_list:
        s = mse(values, bits, True, steps)
        a = mse(values, bits, False, steps)
        out['mse'][str(bits)] = {'symmetric': {'absmax': s[1]},
                                 'asymmetric': {'min': a[0], 'max': a[1]}}
    return out


def compare(expected, got, where):
    if isinstance(expected, dict):
        for k, v in expected.items():
            compare(v, got[k], where + '.' + k)
    elif isinstance(expected, list):
        assert len(expected) == len(got), where
        for i, (e, g) in enumerate(zip(expected, got)):
            compare(e, g, '%s[%d]' % (where, i))
    else:
        assert expected == got, '%s: expected %r, got %r' % (where, expected, got)


def activations(x):
    return {'fc1': x.astype(np.float64), 'fc2': x.astype(np.float64) @ W1}


def check(json_path, x_path):
    cal = json.load(open(json_path))
    p, bits, steps = cal['percentile'], cal['mse_bits'], cal['mse_steps']
    for key, act in activations(np.load(x_path)).items():
        entry = cal['activations'][key]
        assert entry['shape'][0] == act.shape[0], entry['shape']
        compare(observe(act.ravel(), p, bits, steps), entry['tensor'], key)
        per_channel = [observe(act[:, c], p, bits, steps)
                       for c in range(act.shape[1])]
        merged = entry['channel']
        assert merged['axis'] == 1
        for c, obs in enumerate(per_channel):
            compare(obs, pick(merged, c), '%s.channel[%d]' % (key, c))
    print('ok')


def pick(merged, c):
    if isinstance(merged, dict):
        return {k: pick(v, c) for k, v in merged.items() if k != 'axis'}
    return merged[c]


def scales(json_path, observer, scheme, bits):
    cal = json.load(open(json_path))
    ir = sys.stdin.read()
    got_s = [np.float32(v) for v in
             re.findall(r'arith.constant dense<([^>]+)> : tensor<1xf32>', ir)]
    got_z = [int(v) for v in
             re.findall(r'arith.constant dense<(-?\d+)> : tensor<1xi32>', ir)]
    symmetric = scheme == 'symmetric'
    for i, key in enumerate(['fc1', 'fc2']):
        t = cal['activations'][key]['tensor']
        if observer == 'minmax':
            lo, hi = t['minmax']['min'], t['minmax']['max']
        elif observer == 'percentile':
            r = t['percentile']
            lo, hi = ((-r['absmax'], r['absmax']) if symmetric
                      else (r['min'], r['max']))
        else:
            r = t['mse'][str(bits)][scheme]
            lo, hi = ((-r['absmax'], r['absmax']) if symmetric
                      else (r['min'], r['max']))
        s, zp = params(lo, hi, bits, symmetric)
        assert got_s[i] == s, (key, got_s[i], s)
        if not symmetric:
            assert got_z[i] == zp, (key, got_z[i], zp)
    assert len(got_s) == 2, got_s
    print('ok', observer, scheme, bits)


if __name__ == '__main__':
    if sys.argv[1] == 'check':
        check(sys.argv[2], sys.argv[3])
    else:
        scales(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
