#!/usr/bin/python3
"""Writes the Fashion-MNIST subset bundled with the examples: the first 2000 training and the first 500 test
examples of the full data (the Debian package dataset-fashion-mnist), as gzip IDX files like the originals.

    /usr/bin/python3 tools/data/make_subset.py /usr/share/datasets/fashion-mnist examples/src/main/resources/fashion-mnist-subset
"""
import gzip
import os
import struct
import sys

SIZES = {"train": 2000, "t10k": 500}


def cut(src, dst, count):
    with gzip.open(src, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = list(struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims]))
    per_item = 1
    for s in shape[1:]:
        per_item *= s
    shape[0] = count
    header = data[:4] + struct.pack(">" + "I" * dims, *shape)
    body = data[4 + 4 * dims:4 + 4 * dims + count * per_item]
    # mtime=0: the same input gives the same bytes, so regenerating does not churn the repository
    with open(dst, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as f:
        f.write(header + body)


if __name__ == "__main__":
    src, dst = sys.argv[1], sys.argv[2]
    os.makedirs(dst, exist_ok=True)
    for split, n in SIZES.items():
        for kind in ("images-idx3-ubyte", "labels-idx1-ubyte"):
            name = f"{split}-{kind}.gz"
            cut(os.path.join(src, name), os.path.join(dst, name), n)
            print("wrote", os.path.join(dst, name))
