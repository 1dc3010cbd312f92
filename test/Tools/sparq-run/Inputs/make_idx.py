"""Writes an IDX file (optionally gzipped) of u8 images or labels, the format
of MNIST / Fashion-MNIST: magic 00 00 TYPE RANK, big-endian u32 sizes, data."""
import gzip
import struct
import sys

import numpy as np


def write_idx(path, array, compress):
    type_code = {np.dtype(np.uint8): 0x08, np.dtype('>i4'): 0x0C,
                 np.dtype('>f4'): 0x0D}[array.dtype]
    data = struct.pack('>BBBB', 0, 0, type_code, array.ndim)
    data += struct.pack('>' + 'I' * array.ndim, *array.shape)
    data += array.tobytes()
    with (gzip.open if compress else open)(path, 'wb') as f:
        f.write(data)


if __name__ == '__main__':
    out = sys.argv[1]
    # 7 images of 3x2 pixels covering 0..255, and a small f32 array.
    images = (np.arange(7 * 3 * 2) * 6 % 256).astype(np.uint8).reshape(7, 3, 2)
    images[0, 0, 0] = 255
    write_idx(out + '.images.gz', images, True)
    write_idx(out + '.images', images, False)
    write_idx(out + '.f32', (np.arange(6) / 4).astype('>f4').reshape(2, 3), False)
    np.save(out + '.expected.npy', images)
