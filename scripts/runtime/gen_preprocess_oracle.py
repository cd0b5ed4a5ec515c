#!/usr/bin/python3
"""Pixel oracle for the runtime's ClipImageProcessor: HF CLIPImageProcessor's steps done with Pillow and NumPy
(Debian python3-pil, python3-numpy), written next to a small test image the C# tests read.

    /usr/bin/python3 scripts/runtime/gen_preprocess_oracle.py tests/Sieve.Runtime.Tests/Data

The steps follow transformers' CLIPImageProcessor.preprocess (convert_rgb, resize with PIL and reducing_gap=None,
center_crop with floor offsets, rescale in float64 then float32, normalize in float32) and LLaVA's expand2square.
"""
import json
import sys

import numpy as np
from PIL import Image

MEAN = [0.48145466, 0.4578275, 0.40821073]
STD = [0.26862954, 0.26130258, 0.27577711]

# (name, pad to square, shortest edge, crop height, crop width, PIL filter)
CONFIGS = [
    ("down_bicubic", False, 16, 16, 16, Image.BICUBIC),
    ("pad_down_bicubic", True, 20, 20, 20, Image.BICUBIC),
    ("up_bicubic", False, 36, 32, 30, Image.BICUBIC),
    ("down_bilinear", False, 12, 12, 12, Image.BILINEAR),
]


def make_image():
    # Smooth gradients plus hard edges and noise: enough to tell resampling kernels apart. 45 x 30 (w x h).
    rng = np.random.default_rng(42)
    h, w = 30, 45
    y, x = np.mgrid[0:h, 0:w]
    img = np.zeros((h, w, 3), dtype=np.float64)
    img[..., 0] = 255 * x / (w - 1)
    img[..., 1] = 255 * y / (h - 1)
    img[..., 2] = 128 + 100 * np.sin(x / 3.0) * np.cos(y / 4.0)
    img[10:20, 15:30] = [250, 10, 30]
    img += rng.normal(0, 12, img.shape)
    return Image.fromarray(np.clip(np.rint(img), 0, 255).astype(np.uint8), "RGB")


def expand2square(img, background):
    w, h = img.size
    if w == h:
        return img
    side = max(w, h)
    result = Image.new(img.mode, (side, side), background)
    result.paste(img, ((side - w) // 2, (side - h) // 2))
    return result


def process(img, pad, shortest, crop_h, crop_w, resample):
    if pad:
        img = expand2square(img, tuple(int(m * 255) for m in MEAN))
    w, h = img.size
    short, long = min(w, h), max(w, h)
    new_short, new_long = shortest, int(shortest * long / short)
    new_h, new_w = (new_short, new_long) if h <= w else (new_long, new_short)
    img = img.resize((new_w, new_h), resample=resample, reducing_gap=None)
    arr = np.array(img)
    top, left = (new_h - crop_h) // 2, (new_w - crop_w) // 2
    arr = arr[top:top + crop_h, left:left + crop_w]
    pixels = arr.copy()
    x = (arr.astype(np.float64) * (1 / 255)).astype(np.float32)
    x = (x - np.array(MEAN, dtype=np.float32)) / np.array(STD, dtype=np.float32)
    return pixels, x.transpose(2, 0, 1)


def main(out_dir):
    img = make_image()
    img.save(f"{out_dir}/preprocess-input.png")
    cases = []
    for name, pad, shortest, ch, cw, resample in CONFIGS:
        pixels, values = process(img, pad, shortest, ch, cw, resample)
        cases.append({
            "name": name, "do_pad": pad, "shortest_edge": shortest, "crop_height": ch, "crop_width": cw,
            "resample": int(resample),
            "pixels_hwc": pixels.reshape(-1).tolist(),
            # shortest text that reads back as the same float32
            "values_chw": [float(np.format_float_positional(v, unique=True)) for v in values.reshape(-1)],
        })
    with open(f"{out_dir}/preprocess-expected.json", "w") as f:
        json.dump({"cases": cases}, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
