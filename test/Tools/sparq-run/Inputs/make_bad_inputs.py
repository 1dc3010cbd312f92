"""Writes the good and malformed input files of sparq-run's error tests."""
import gzip
import struct
import sys

import numpy as np

out = sys.argv[1]
x = np.arange(6, dtype=np.float32).reshape(2, 3)
np.save(out + '.good.npy', x)
np.save(out + '.i64.npy', x.astype(np.int64))
np.save(out + '.shape.npy', x.reshape(3, 2))
np.save(out + '.rank0.npy', np.float32(1.5))
np.save(out + '.rows3.npy', np.zeros((3, 3), np.float32))
np.save(out + '.wide.npy', np.zeros((3, 4), np.float32))
np.save(out + '.fortran.npy', np.asfortranarray(np.ones((2, 3), np.float32)))
np.save(out + '.bigendian.npy', x.astype('>f4'))
np.save(out + '.complex.npy', x.astype(np.complex64))
good = open(out + '.good.npy', 'rb').read()
open(out + '.truncated.npy', 'wb').write(good[:-4])
open(out + '.header.npy', 'wb').write(good[:20])
open(out + '.version.npy', 'wb').write(good[:6] + b'\x07' + good[7:])
header = b"{'descr': '<f4', 'shape': (2, 3), }"
open(out + '.nokeys.npy', 'wb').write(
    b'\x93NUMPY\x01\x00' + struct.pack('<H', len(header)) + header + x.tobytes())
open(out + '.text.npy', 'w').write('1 2 3\n')
idx = struct.pack('>BBBBIII', 0, 0, 8, 3, 2, 1, 3) + bytes(range(5))
open(out + '.short.idx', 'wb').write(idx)
open(out + '.corrupt.gz', 'wb').write(gzip.compress(idx + b'\0')[:-12])
