#!/usr/bin/python3
"""Reference values for the runtime's LLaVA-NeXT (AnyRes) code and its GlobalCom² reducer, written as JSON (plus the
score tensors as .npy) next to the C# tests, which then need no Python:

    /usr/bin/python3 scripts/runtime/gen_anyres_reference.py tests/Sieve.Runtime.Tests/Data

Debian python3-torch (1.13), python3-numpy and python3-pil only. What is transcribed, from reading the sources:
- transformers (src/transformers/image_processing_utils.py select_best_resolution and get_patch_output_size;
  models/llava_next/modeling_llava_next.py unpad_image and pack_image_features; processing_llava_next.py
  _get_number_of_features; image_processing_llava_next.py get_image_patches): geometry, feature counts, packing order.
- xuyang-liu16/GlobalCom2 @96b2d00 llava/model/llava_arch.py (generate_scale_for_crop_features, compress_thumbnail,
  compress_crops with interpolate_and_split_cls_attn_scores and select_topk_crop_features): which tokens are kept.
Packing and GlobalCom² run on identity-coded features (each feature's value is its packed index, newlines are
marked), so the expected outputs are index sequences that the C# side compares exactly.
"""
import json
import math
import sys

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

NEXT_PINPOINTS = [[336, 672], [672, 336], [672, 672], [1008, 336], [336, 1008]]
TINY_PINPOINTS = [[56, 112], [112, 56], [112, 112], [168, 56], [56, 168]]


# ---- transformers -------------------------------------------------------------------------------------------------

def select_best_resolution(original_size, possible_resolutions):
    oh, ow = original_size
    best, max_eff, min_waste = None, 0, float("inf")
    for h, w in possible_resolutions:
        scale = min(w / ow, h / oh)
        dw, dh = int(ow * scale), int(oh * scale)
        eff = min(dw * dh, ow * oh)
        waste = w * h - eff
        if eff > max_eff or (eff == max_eff and waste < min_waste):
            max_eff, min_waste, best = eff, waste, (h, w)
    return best


def patch_output_size(oh, ow, th, tw):
    sw, sh = tw / ow, th / oh
    if sw < sh:
        return min(math.ceil(oh * sw), th), tw
    return th, min(math.ceil(ow * sh), tw)


def unpad(t, original_size):
    oh, ow = original_size
    ch, cw = t.shape[1:]
    if ow / oh > cw / ch:
        nh = int(round(oh * (cw / ow), 7))
        p = (ch - nh) // 2
        return t[:, p:ch - p, :]
    nw = int(round(ow * (ch / oh), 7))
    p = (cw - nw) // 2
    return t[:, :, p:cw - p]


def number_of_features(oh, ow, pinpoints, tile, patch):
    bh, bw = select_best_resolution([oh, ow], pinpoints)
    side = tile // patch
    ch, cw = side * (bh // tile), side * (bw // tile)
    if ow / oh > cw / ch:
        nh = int(round(oh * (cw / ow), 7))
        ch -= ((ch - nh) // 2) * 2
    else:
        nw = int(round(ow * (ch / oh), 7))
        cw -= ((cw - nw) // 2) * 2
    return ch * cw + ch + side * side  # unpadded + newlines + base (CLS dropped)


def grid_shape(size, pinpoints, tile):
    h, w = select_best_resolution(size, pinpoints)
    return h // tile, w // tile


def pack(tiles, size, pinpoints, tile, side, newline):
    """pack_image_features for one image: tiles [1 + rows*cols, side*side, D]."""
    base, grid = tiles[0], tiles[1:]
    rows, cols = grid_shape(size, pinpoints, tile)
    g = grid.view(rows, cols, side, side, -1).permute(4, 0, 2, 1, 3).contiguous().flatten(1, 2).flatten(2, 3)
    g = unpad(g, size)
    g = torch.cat((g, newline[:, None, None].expand(*g.shape[:-1], 1)), dim=-1)
    return torch.cat((base, g.flatten(1, 2).transpose(0, 1)), dim=0)


def identity_tiles(n_tiles, side):
    """Feature value = tile * 10000 + patch, one channel."""
    t = torch.arange(n_tiles, dtype=torch.float64)[:, None] * 10000 + torch.arange(side * side, dtype=torch.float64)[None]
    return t[..., None]


# ---- GlobalCom² (reference llava_arch.py) -------------------------------------------------------------------------

def crop_scales(base_scores, cols, rows, R, temperature=10.0):
    n = base_scores.shape[0]
    s = int(n ** 0.5)
    pw, ph = max(s // cols, 1), max(s // rows, 1)
    sums = np.zeros(cols * rows)
    for idx, score in enumerate(base_scores):
        i, j = divmod(idx, s)
        sums[min(i // ph, rows - 1) * cols + min(j // pw, cols - 1)] += score.item()
    e = np.exp((sums - np.max(sums)) / temperature)
    sm = e / (np.sum(e) + 1e-8)
    if np.sum(sm) == 0:
        return [R] * (cols * rows)
    return np.clip(R * (1 + sm - np.mean(sm)), None, 1.0).tolist()


def globalcom2(features, scores, size, pinpoints, tile, side, R):
    """features [tiles, side*side, 1] identity-coded, scores [tiles, side*side]; returns the reference's output
    sequence with newline k of the padded grid coded as -(1000 + k)."""
    base_f, base_s = features[0], scores[0]
    k = int(base_f.shape[0] * R)
    order = torch.argsort(base_s, descending=True)
    thumb = base_f[order[:k]]
    rows, cols = grid_shape(size, pinpoints, tile)
    scales = crop_scales(base_s, cols, rows, R)
    feats, cls = features[1:], scores[1:]
    n_img, n_tok, dim = feats.shape
    oh, ow = size
    ch, cw = rows * side, cols * side
    mask = torch.zeros((n_img, n_tok), dtype=torch.bool)
    mask = mask.view(rows, cols, side, side).permute(0, 2, 1, 3).contiguous().flatten(0, 1).flatten(1, 2)
    if ow / oh > cw / ch:
        nh = int(oh * (cw / ow))
        p = (ch - nh) // 2
        mask[p:ch - p, :] = True
    else:
        nw = int(ow * (ch / oh))
        p = (cw - nw) // 2
        mask[:, p:cw - p] = True
    rr = torch.any(mask, dim=1).nonzero(as_tuple=True)[0]
    cc = torch.any(mask, dim=0).nonzero(as_tuple=True)[0]
    cur_h, cur_w = int(rr[-1] - rr[0] + 1), int(cc[-1] - cc[0] + 1)
    mask = mask.view(rows, side, cols, side).permute(0, 2, 1, 3).contiguous()
    dims = []
    for i in range(rows):
        for j in range(cols):
            nz = torch.nonzero(mask[i, j], as_tuple=True)
            if len(nz[0]) == 0:
                dims.append((0, 0))
            else:
                dims.append((int(nz[1].max() - nz[1].min() + 1), int(nz[0].max() - nz[0].min() + 1)))
    mask = mask.view(n_img, n_tok)
    interp = F.interpolate(base_s.view(1, 1, side, side), size=(cur_h, cur_w), mode="bilinear",
                           align_corners=False).squeeze()
    interp = interp.view(cur_h, cur_w)
    glob, y = [], 0
    for i in range(rows):
        x = 0
        for j in range(cols):
            w_, h_ = dims[i * cols + j]
            glob.append(interp[y:y + h_, x:x + w_].flatten())
            x += w_
        y += dims[i * cols][1]
    out = torch.zeros((n_img, n_tok, dim), dtype=feats.dtype)
    valid = torch.zeros((n_img, n_tok), dtype=torch.bool)
    for i in range(n_img):
        tokens, local = feats[i][mask[i]], cls[i][mask[i]]
        kk = int(tokens.shape[0] * scales[i])
        combined = F.normalize(local[None], p=2, dim=-1)[0] + F.normalize(glob[i][None], p=2, dim=-1)[0]
        _, top = torch.topk(combined, kk)
        idx = torch.arange(n_tok)[mask[i]][top]
        out[i, idx] = tokens[top]
        valid[i, idx] = True
    out = out.view(rows, cols, side, side, -1).permute(4, 0, 2, 1, 3).contiguous().flatten(1, 2).flatten(2, 3)
    valid = valid.view(rows, cols, side, side, -1).permute(4, 0, 2, 1, 3).contiguous().flatten(1, 2).flatten(2, 3)
    marks = -(1000 + torch.arange(ch, dtype=out.dtype))
    out = torch.cat((out, marks[None, :, None].expand(dim, ch, 1)), dim=-1).flatten(1, 2).transpose(0, 1)
    valid = torch.cat((valid, torch.ones((1, ch, 1), dtype=torch.bool)), dim=-1).flatten(1, 2).squeeze(0)
    return torch.cat((thumb, out[valid]), dim=0)[:, 0].tolist(), scales


def to_packed_indices(ref_seq, packed_ids, unpad_rows):
    """Maps the reference's identity-coded output to packed indices. Newlines of padded-grid rows that unpadding
    removes are dropped (the runtime's named deviation (b)); the others become their packed newline's index."""
    where = {v: i for i, v in enumerate(packed_ids) if v >= 0}
    row_start, row_count = unpad_rows
    newline_at = [i for i, v in enumerate(packed_ids) if v == -1]
    out = []
    for v in ref_seq:
        if v <= -1000:
            r = int(-v - 1000) - row_start
            if 0 <= r < row_count:
                out.append(newline_at[r])
        else:
            out.append(where[v])
    return out


def unpad_rows(size, pinpoints, tile, side):
    rows, cols = grid_shape(size, pinpoints, tile)
    probe = torch.arange(rows * side, dtype=torch.float64)[None, :, None].expand(1, rows * side, cols * side)
    kept = unpad(probe, size)[0, :, 0]
    return int(kept[0]), int(kept.shape[0])


# ---- the NeXT processor's tiles, with Pillow ------------------------------------------------------------------------

def tiles_pil(image, pinpoints, tile, thumb):
    w, h = image.size
    bh, bw = select_best_resolution((h, w), pinpoints)
    nh, nw = patch_output_size(h, w, bh, bw)
    resized = image.resize((nw, nh), Image.BICUBIC, reducing_gap=None)
    canvas = Image.new("RGB", (bw, bh), (0, 0, 0))
    canvas.paste(resized, ((bw - nw) // 2, (bh - nh) // 2))
    out = [image.resize((thumb, thumb), Image.BICUBIC, reducing_gap=None)]
    for y in range(0, bh, tile):
        for x in range(0, bw, tile):
            out.append(canvas.crop((x, y, x + tile, y + tile)))
    return out


def main(out_dir):
    geometry = []
    for (h, w) in [(480, 640), (640, 480), (1000, 200), (200, 1000), (336, 336), (1, 1), (37, 2000), (2000, 37),
                   (768, 1024), (333, 777), (700, 500), (500, 700), (1080, 1920)]:
        best = select_best_resolution((h, w), NEXT_PINPOINTS)
        rows, cols = grid_shape((h, w), NEXT_PINPOINTS, 336)
        start, count = unpad_rows((h, w), NEXT_PINPOINTS, 336, 24)
        probe = torch.arange(cols * 24, dtype=torch.float64)[None, None, :].expand(1, rows * 24, cols * 24)
        cols_kept = unpad(probe, (h, w))[0, 0, :]
        geometry.append({"height": h, "width": w, "best": list(best), "fit": list(patch_output_size(h, w, *best)),
                         "rows": rows, "cols": cols, "row_start": start, "row_count": count,
                         "col_start": int(cols_kept[0]), "col_count": int(cols_kept.shape[0]),
                         "features": number_of_features(h, w, NEXT_PINPOINTS, 336, 14)})

    packing = []
    for (h, w) in [(100, 60), (60, 100), (56, 56), (30, 170), (170, 30), (111, 112)]:
        rows, cols = grid_shape((h, w), TINY_PINPOINTS, 56)
        tiles = identity_tiles(1 + rows * cols, 4)
        packed = pack(tiles, (h, w), TINY_PINPOINTS, 56, 4, torch.tensor([-1.0], dtype=torch.float64))
        assert packed.shape[0] == number_of_features(h, w, TINY_PINPOINTS, 56, 14)
        packing.append({"height": h, "width": w, "packed": [int(v) for v in packed[:, 0].tolist()]})

    torch.manual_seed(2024)
    globalcom = []
    cases = [("tiny_hpad", (100, 60), TINY_PINPOINTS, 56, 4, 0.5),
             ("tiny_vpad", (60, 100), TINY_PINPOINTS, 56, 4, 0.25),
             ("next_2x2", (500, 700), NEXT_PINPOINTS, 336, 24, 0.25),
             ("next_1x2", (300, 640), NEXT_PINPOINTS, 336, 24, 0.5),
             ("next_3x1", (1000, 300), NEXT_PINPOINTS, 336, 24, 0.1),
             ("next_square", (672, 672), NEXT_PINPOINTS, 336, 24, 0.25)]
    for name, size, pins, tile, side, R in cases:
        rows, cols = grid_shape(size, pins, tile)
        n_tiles = 1 + rows * cols
        scores = torch.randn(n_tiles, side * side, dtype=torch.float64) * 2.0
        np.save(f"{out_dir}/globalcom2-{name}.npy", scores.numpy())
        tiles = identity_tiles(n_tiles, side)
        packed = pack(tiles, size, pins, tile, side, torch.tensor([-1.0], dtype=torch.float64))[:, 0].tolist()
        ref, scales = globalcom2(tiles, scores, size, pins, tile, side, R)
        kept = to_packed_indices(ref, packed, unpad_rows(size, pins, tile, side))
        globalcom.append({"name": name, "height": size[0], "width": size[1], "pinpoints": pins, "tile": tile,
                          "patch": tile // side, "retention": R, "crop_ratios": scales, "kept": kept})

    image = Image.open(f"{out_dir}/preprocess-input.png").convert("RGB")  # 45 x 30 (w x h)
    tiles = []
    for pins, tile in [([[16, 32], [32, 16], [32, 32]], 16), ([[20, 60], [40, 40]], 20)]:
        for img in (image, image.transpose(Image.TRANSPOSE)):
            t = tiles_pil(img, pins, tile, tile)
            tiles.append({"pinpoints": pins, "tile": tile, "transposed": img is not image,
                          "tiles_hwc": [list(np.asarray(x, dtype=np.uint8).reshape(-1).tolist()) for x in t]})

    with open(f"{out_dir}/anyres-expected.json", "w") as f:
        json.dump({"next_pinpoints": NEXT_PINPOINTS, "tiny_pinpoints": TINY_PINPOINTS, "geometry": geometry,
                   "packing": packing, "globalcom2": globalcom, "tiles": tiles}, f, separators=(",", ":"))


if __name__ == "__main__":
    main(sys.argv[1])
