#!/usr/bin/env python3
"""Writes the small image fixtures under fixtures/images/ from real sklearn digits.

Standard library only. Inputs: fixtures/digits/digits.csv (id,label,p0..p63, pixels 0..16).
Outputs (deterministic; re-run after changing this script):
  digits8-idx3-ubyte / digits8-idx1-ubyte    the first 20 digits, 8x8, pixels scaled to 0..255
  digits28-idx3-ubyte / digits28-idx1-ubyte  one digit per class (0..9), bilinear-upscaled to 28x28
  digit8.pgm                                 digit 0 of digits8 as an 8-bit binary PGM with a comment
  digit28-16bit.pgm                          digit 3 of digits28 as a 16-bit PGM (maxval 65535)
"""
import csv
import os
import gzip
import struct

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "fixtures", "images")


def read_digits():
    with open(os.path.join(ROOT, "fixtures", "digits", "digits.csv"), newline="") as f:
        rows = list(csv.DictReader(f))
    return [(int(r["label"]), [int(r["p%d" % k]) for k in range(64)]) for r in rows]


def to_bytes(pixels):
    return [min(255, round(p * 255 / 16)) for p in pixels]


def bilinear(pixels, side, target):
    """Pixel-centre bilinear resampling of a side x side image (values kept as floats)."""
    out = []
    for y in range(target):
        sy = min(max((y + 0.5) * side / target - 0.5, 0), side - 1)
        y0 = int(sy)
        y1 = min(y0 + 1, side - 1)
        fy = sy - y0
        for x in range(target):
            sx = min(max((x + 0.5) * side / target - 0.5, 0), side - 1)
            x0 = int(sx)
            x1 = min(x0 + 1, side - 1)
            fx = sx - x0
            top = pixels[y0 * side + x0] * (1 - fx) + pixels[y0 * side + x1] * fx
            bottom = pixels[y1 * side + x0] * (1 - fx) + pixels[y1 * side + x1] * fx
            out.append(top * (1 - fy) + bottom * fy)
    return out


def write_idx(name, images, side, labels):
    with open(os.path.join(OUT, name + "-idx3-ubyte"), "wb") as f:
        f.write(struct.pack(">IIII", 0x803, len(images), side, side))
        for image in images:
            f.write(bytes(image))
    with open(os.path.join(OUT, name + "-idx1-ubyte"), "wb") as f:
        f.write(struct.pack(">II", 0x801, len(labels)))
        f.write(bytes(labels))


def main():
    os.makedirs(OUT, exist_ok=True)
    digits = read_digits()
    first = digits[:20]
    write_idx("digits8", [to_bytes(p) for _, p in first], 8, [label for label, _ in first])
    per_class = [next(d for d in digits if d[0] == c) for c in range(10)]
    large = [[min(255, round(v)) for v in bilinear(to_bytes(p), 8, 28)] for _, p in per_class]
    write_idx("digits28", large, 28, [label for label, _ in per_class])
    # MNIST ships gzipped; mtime 0 keeps the bytes the same on every run.
    for name in ("digits28-idx3-ubyte", "digits28-idx1-ubyte"):
        with open(os.path.join(OUT, name), "rb") as f:
            data = f.read()
        with open(os.path.join(OUT, name + ".gz"), "wb") as f:
            f.write(gzip.compress(data, compresslevel=9, mtime=0))
    with open(os.path.join(OUT, "digit8.pgm"), "wb") as f:
        f.write(b"P5\n# sklearn digit id 0, label 0\n8 8\n255\n" + bytes(to_bytes(first[0][1])))
    with open(os.path.join(OUT, "digit28-16bit.pgm"), "wb") as f:
        f.write(b"P5 28 28 65535\n" + b"".join(struct.pack(">H", v * 257) for v in large[3]))


if __name__ == "__main__":
    main()
