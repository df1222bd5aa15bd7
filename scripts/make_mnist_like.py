"""Write MNIST-format IDX files made from scikit-learn's handwritten digits.

scikit-learn's 1797 digits (8x8 pixels, values 0..16) are upscaled to 28x28 by
bilinear interpolation and scaled to 0..255 (uint8), the shape and range of
MNIST's images, and written as the gzipped IDX pair

    train-images-idx3-ubyte.gz   (magic 0x00000803, 1797 x 28 x 28 unsigned bytes)
    train-labels-idx1-ubyte.gz   (magic 0x00000801, 1797 unsigned bytes, 0..9)

into ``resources/examples/data/mnist_like/`` (or the folder given), which the
example ``resources/examples/mnist_like.json`` reads.  The ``idx`` data source
takes one images file and one labels file and holds out its own validation
part, so there is one pair (no t10k files).  Nothing is downloaded; the output
is the same bytes on every run (the gzip header carries no time).

    python scripts/make_mnist_like.py [output folder]
"""

from __future__ import annotations

import gzip
import os
import sys

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(ROOT, "resources", "examples", "data", "mnist_like")
SIDE = 28
IMAGES = "train-images-idx3-ubyte.gz"
LABELS = "train-labels-idx1-ubyte.gz"


def bilinear_matrix(n_in: int, n_out: int) -> np.ndarray:
    """``(n_out, n_in)`` weights of bilinear interpolation with pixel centres aligned
    (as ``PIL``'s and OpenCV's resize): output pixel ``i`` samples input coordinate
    ``(i + 0.5) * n_in / n_out - 0.5``, clamped to the edge pixels."""
    coord = np.clip((np.arange(n_out) + 0.5) * n_in / n_out - 0.5, 0.0, n_in - 1)
    lo = np.floor(coord).astype(int)
    hi = np.minimum(lo + 1, n_in - 1)
    frac = coord - lo
    m = np.zeros((n_out, n_in))
    m[np.arange(n_out), lo] += 1.0 - frac
    m[np.arange(n_out), hi] += frac
    return m


def upscale(images: np.ndarray, side: int = SIDE, top: float = 16.0) -> np.ndarray:
    """``(N, h, w)`` images with values 0..``top`` -> ``(N, side, side)`` uint8 0..255."""
    rows = bilinear_matrix(images.shape[1], side)
    cols = bilinear_matrix(images.shape[2], side)
    out = np.einsum("ij,njk,lk->nil", rows, images.astype(np.float64), cols)
    return np.clip(np.round(out * (255.0 / top)), 0, 255).astype(np.uint8)


def idx_bytes(array: np.ndarray) -> bytes:
    """An unsigned-byte array as an IDX file: magic (0, 0, 0x08, ndim), big-endian sizes, the data."""
    array = np.ascontiguousarray(array, dtype=np.uint8)
    header = bytes([0, 0, 0x08, array.ndim]) + b"".join(int(d).to_bytes(4, "big") for d in array.shape)
    return header + array.tobytes()


def write_gz(path: str, data: bytes) -> None:
    """Gzip ``data`` into ``path`` (no time or name in the header: the same bytes every run),
    through a temporary name renamed into place."""
    tmp = path + ".tmp"
    with open(tmp, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
        gz.write(data)
    os.replace(tmp, path)


def make(out_dir: str = OUT_DIR) -> tuple[str, str]:
    """Write the two files into ``out_dir``; return their paths."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    images = upscale(np.asarray(digits.images))
    labels = np.asarray(digits.target, dtype=np.uint8)
    os.makedirs(out_dir, exist_ok=True)
    paths = os.path.join(out_dir, IMAGES), os.path.join(out_dir, LABELS)
    write_gz(paths[0], idx_bytes(images))
    write_gz(paths[1], idx_bytes(labels))
    return paths


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    for path in make(argv[0] if argv else OUT_DIR):
        print(f"{path}: {os.path.getsize(path):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
