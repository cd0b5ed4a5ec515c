#!/usr/bin/python3
"""Reference DART selections on fixed tensors, for tests/Sieve.Runtime.Tests/Reduction (DartReferenceTests).

A transcription, written for this test from the method of the DART authors' Llama pruning function
(ZichenWen1/DART @5a19452), independent of Sieve's C# code:
  * per row, the L1 norm of layer K-1's post-RoPE keys with all heads concatenated;
  * pivots: the top P_img image rows and the top P_txt rows after the image by that norm;
  * every pivot picks floor(M / (P_img + P_txt)) of the image rows not yet taken (image pivots are taken from the
    start) with the largest negative cosine similarity to it, on layer K-1's output through the final RMSNorm;
  * kept image rows = image pivots + all picks (text pivots are dropped from the set again).
The reference walks the pivots in Python set order; Sieve by default in ascending position. "kept" is computed
with ascending order (what the test compares); "kept_reference_order" with the reference's set iteration, for the record.

Writes into DIR: dart-keys.npy float32 [1, heads, L, head_dim], dart-normed.npy float32 [L, D], dart-expected.json.
Needs python3-torch (./setup.sh --dev).  Usage: dart_reference.py DIR
"""
import json
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

HEADS, HEAD_DIM, HIDDEN = 4, 8, 16
TEXT_BEFORE, IMAGE, TEXT_AFTER = 3, 36, 9


def fixed_inputs():
    g = torch.Generator().manual_seed(20250225)
    rows = TEXT_BEFORE + IMAGE + TEXT_AFTER
    keys = torch.randn(1, HEADS, rows, HEAD_DIM, generator=g)
    # Image rows near a few shared directions, so that duplication (not just norms) decides what is kept.
    centres = torch.randn(5, HIDDEN, generator=g)
    normed = torch.randn(rows, HIDDEN, generator=g)
    owner = torch.randint(0, 5, (IMAGE,), generator=g)
    normed[TEXT_BEFORE:TEXT_BEFORE + IMAGE] = centres[owner] + 0.35 * torch.randn(IMAGE, HIDDEN, generator=g)
    return keys, normed


def select(keys, normed, start, length, budget, p_img, p_txt, set_order):
    rows = keys.shape[2]
    concatenated = keys.permute(0, 2, 1, 3).reshape(1, rows, -1)[0]
    l1 = torch.norm(concatenated, p=1, dim=-1)
    image_pivots = (l1[start:start + length].topk(p_img).indices + start).tolist()
    text_pivots = (l1[start + length:].topk(p_txt).indices + start + length).tolist()
    per_pivot = budget // (p_img + p_txt)
    taken = set(image_pivots + text_pivots)
    order = list(taken.copy()) if set_order else sorted(taken)
    free = set(range(start, start + length))
    free.difference_update(image_pivots)
    for pivot in order:
        candidates = list(free)
        distance = -F.cosine_similarity(normed[pivot], normed[candidates], dim=-1)
        picked = [candidates[i] for i in distance.topk(per_pivot).indices.tolist()]
        taken.update(picked)
        free.difference_update(picked)
    taken.difference_update(text_pivots)
    return sorted(taken), order


def main(out):
    keys, normed = fixed_inputs()
    os.makedirs(out, exist_ok=True)
    np.save(os.path.join(out, "dart-keys.npy"), keys.numpy().astype(np.float32))
    np.save(os.path.join(out, "dart-normed.npy"), normed.numpy().astype(np.float32))
    cases = []
    for budget, p_img, p_txt in [(8, 4, 4), (9, 4, 4), (16, 4, 4), (24, 4, 4), (32, 4, 4), (10, 2, 3)]:
        kept, order = select(keys, normed, TEXT_BEFORE, IMAGE, budget, p_img, p_txt, set_order=False)
        kept_set, set_order = select(keys, normed, TEXT_BEFORE, IMAGE, budget, p_img, p_txt, set_order=True)
        cases.append(dict(budget=budget, image_pivots=p_img, text_pivots=p_txt, pivot_order=order, kept=kept,
                          reference_order=set_order, kept_reference_order=kept_set))
    layout = dict(image_start=TEXT_BEFORE, image_length=IMAGE, rows=TEXT_BEFORE + IMAGE + TEXT_AFTER)
    # CPython's iteration order of set(values).copy(), which Sieve rebuilds for order=reference.
    rng = np.random.default_rng(7)
    set_orders = []
    for size in [1, 2, 5, 6, 8, 8, 8, 8, 8, 8, 9, 12, 16, 20, 40]:
        high = int(rng.choice([40, 700, 3000, 100000]))
        values = [int(v) for v in rng.choice(high, size=size, replace=False)]
        set_orders.append(dict(values=values, order=list(set(values).copy())))
    set_orders.append(dict(values=[3, 35, 67, 99, 4, 36, 68, 100], order=list(set([3, 35, 67, 99, 4, 36, 68, 100]).copy())))
    with open(os.path.join(out, "dart-expected.json"), "w") as f:
        json.dump(dict(layout=layout, cases=cases, set_orders=set_orders, python=sys.version.split()[0]), f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "tests/Sieve.Runtime.Tests/Reduction/data")
