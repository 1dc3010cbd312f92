#!/usr/bin/env python3
"""Independent numpy reference for sparq-matmul-conv2d.mlir.

Computes the matmul / conv2d results from the dense real-valued operands
(dequantized by hand, with integer sums for the integer-accumulator cases)
and prints them in vector.print's format. With --literals it prints the
operand literals pasted into the test.
"""
import sys
import numpy as np

from mlir_text import fmtn


def conv_nhwc(x, f, stride, dil, pad, pad_value=0):
    # x [N,H,W,C], f [KH,KW,C,F], pad [top, bottom, left, right]
    x = np.pad(x, ((0, 0), (pad[0], pad[1]), (pad[2], pad[3]), (0, 0)),
               constant_values=pad_value)
    n, h, w, c = x.shape
    kh, kw, _, fo = f.shape
    oh = (h - dil[0] * (kh - 1) - 1) // stride[0] + 1
    ow = (w - dil[1] * (kw - 1) - 1) // stride[1] + 1
    out = np.zeros((n, oh, ow, fo), dtype=np.float64)
    for b in range(n):
        for i in range(oh):
            for j in range(ow):
                for p in range(kh):
                    for q in range(kw):
                        xi = x[b, i * stride[0] + p * dil[0], j * stride[1] + q * dil[1], :]
                        out[b, i, j, :] += xi @ f[p, q, :, :]
    return out


# Quantized CSR matmul, i32 accumulator, f32 result.
aq = np.array([[3, 5, 0, 10], [7, 3, 3, 255]])          # ui8, zp 3, scale 0.5
wq = np.array([[1, 0, -2], [0, 0, 0], [0, 3, 0], [-1, 0, 127]])  # si8
ws = np.array([0.25, 0.5, 1.0])                          # channel(1)
acc = (aq - 3) @ wq
print("quantized-csr")
print(fmtn(acc * 0.5 * ws[None, :]))
print("quantized-csr-i32")
print(fmtn(acc))

# Float sparse matmul, plain, transposed N:M and batched.
a = np.array([[1.0, 2.0, 0.0, -1.0], [0.5, 0.0, 3.0, 0.0]])
b = np.array([[1.0, 0.0, 2.0], [0.0, 0.0, 0.0], [0.0, -1.0, 0.0], [4.0, 0.0, 0.5]])
print("float-csr")
print(fmtn(a @ b))
print("float-nm-transposed")
print(fmtn(a @ b))
print("float-batch")
print(fmtn(np.stack([a @ b, (2 * a) @ b])))

# conv2d NHWC (CSR filter), stride 2, padding 1.
x = np.array([((i % 7) - 3) for i in range(32)], dtype=np.float64).reshape(1, 4, 4, 2)
f = np.zeros((3, 3, 2, 2))
f[0, 0, 0, 0] = 1; f[1, 1, 1, 0] = 2; f[2, 2, 0, 1] = -1; f[1, 0, 1, 1] = 0.5
f[0, 2, 1, 1] = 3
print("conv-nhwc")
print(fmtn(conv_nhwc(x, f, (2, 2), (1, 1), (1, 1, 1, 1))))

# conv2d NCHW (bitmap filter, row_dims = 1), dilation 2, padding [0, 1, 2, 0].
xc = np.array([((3 * i) % 7) - 3 for i in range(50)], dtype=np.float64).reshape(1, 2, 5, 5)
fc = np.zeros((2, 2, 3, 3))  # F, C, KH, KW
fc[0, 0, 0, 0] = 1; fc[0, 1, 2, 2] = -2; fc[1, 0, 1, 1] = 0.5; fc[1, 1, 0, 2] = 1
out = conv_nhwc(xc.transpose(0, 2, 3, 1), fc.transpose(2, 3, 1, 0), (1, 1), (2, 2), (0, 1, 2, 0))
print("conv-nchw")
print(fmtn(out.transpose(0, 3, 1, 2)))

# Quantized conv2d NHWC: ui8 input (scale 0.5, zp 2) padded with its zero
# point, si8 filter with channel(3) scales [1, 0.25]; i32 acc, f32 result.
xq = np.array([(i * 5) % 9 for i in range(18)]).reshape(1, 3, 3, 2)
fq = np.array([(i % 5) - 2 for i in range(16)]).reshape(2, 2, 2, 2)
accq = conv_nhwc(xq - 2, fq, (1, 1), (1, 1), (1, 0, 0, 1), pad_value=0)
print("conv-quantized")
print(fmtn(accq * 0.5 * np.array([1.0, 0.25])[None, None, None, :]))

if "--literals" in sys.argv:
    print(x.reshape(1, 4, 4, 2).tolist())
    print(f.tolist())
    print(xc.tolist())
    print(fc.tolist())
    print(xq.tolist())
    print(fq.tolist())
