#!/usr/bin/python3
"""Independent float64 reference for LLaVA-1.5 (HF LlavaForConditionalGeneration semantics), for parity tests.

Written from the semantics of transformers' modeling code (CLIPVisionModel, LlavaMultiModalProjector,
LlamaForCausalLM, LlavaForConditionalGeneration), not from Sieve's C# code. Needs only Debian's python3-torch 1.13
and numpy: safetensors headers are parsed with json, tensors read with numpy (F32, F16, BF16).

  llava_reference.py DIR --input-ids 1,2,3 [--pixel-values F.npy] --logits-out F.npy [--generate N --tokens-out F.txt]

--logits-out: float32 [L, V], the prefill logits of the whole expanded sequence.
--generate N: N greedy tokens, each by full recomputation over the growing sequence (no KV cache), written
comma-separated to --tokens-out.
"""
import argparse
import json
import math
import os
import struct
import sys

import numpy as np
import torch

DT = torch.float64

# HF defaults for configs written as differences (transformers' CLIPVisionConfig, LlamaConfig, LlavaConfig).
CLIP_VISION_DEFAULTS = dict(hidden_size=768, intermediate_size=3072, num_hidden_layers=12, num_attention_heads=12,
                            num_channels=3, image_size=224, patch_size=32, hidden_act="quick_gelu",
                            layer_norm_eps=1e-5)
LLAVA_VISION_DEFAULTS = dict(CLIP_VISION_DEFAULTS, intermediate_size=4096, hidden_size=1024, patch_size=14,
                             image_size=336, num_hidden_layers=24, num_attention_heads=16)
LLAMA_DEFAULTS = dict(vocab_size=32000, hidden_size=4096, intermediate_size=11008, num_hidden_layers=32,
                      num_attention_heads=32, num_key_value_heads=None, hidden_act="silu", rms_norm_eps=1e-6,
                      tie_word_embeddings=False, rope_theta=10000.0, attention_bias=False, mlp_bias=False,
                      head_dim=None, rope_scaling=None)


def load_config(folder):
    with open(os.path.join(folder, "config.json")) as f:
        raw = json.load(f)
    vision = dict(CLIP_VISION_DEFAULTS, **raw["vision_config"]) if "vision_config" in raw else dict(LLAVA_VISION_DEFAULTS)
    text = dict(LLAMA_DEFAULTS, **raw.get("text_config", {}))
    if text["num_key_value_heads"] is None:
        text["num_key_value_heads"] = text["num_attention_heads"]
    if text["head_dim"] is None:
        text["head_dim"] = text["hidden_size"] // text["num_attention_heads"]
    if text["rope_scaling"] is not None:
        sys.exit("rope_scaling is not modelled by this reference")
    layer = raw.get("vision_feature_layer", -2)
    return dict(vision=vision, text=text,
                image_token=raw.get("image_token_index", raw.get("image_token_id", 32000)),
                projector_act=raw.get("projector_hidden_act", "gelu"),
                feature_layers=layer if isinstance(layer, list) else [layer],
                strategy=raw.get("vision_feature_select_strategy", "default"),
                projector_bias=raw.get("multimodal_projector_bias", True))


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    base = 8 + n
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        raw = data[base + start:base + end]
        if info["dtype"] == "F32":
            arr = np.frombuffer(raw, dtype="<f4").astype(np.float64)
        elif info["dtype"] == "F16":
            arr = np.frombuffer(raw, dtype="<f2").astype(np.float64)
        elif info["dtype"] == "BF16":
            bits = np.frombuffer(raw, dtype="<u2").astype(np.uint32) << 16
            arr = bits.view(np.float32).astype(np.float64)
        elif info["dtype"] == "I64":
            arr = np.frombuffer(raw, dtype="<i8")      # CLIP's saved position_ids buffer (unused: positions are 0..P)
        else:
            sys.exit(f"{path}: tensor {name}: dtype {info['dtype']} not handled")
        out[name] = torch.from_numpy(arr.reshape(info["shape"]).copy())
    return out


def load_weights(folder):
    index = os.path.join(folder, "model.safetensors.index.json")
    if os.path.exists(index):
        with open(index) as f:
            files = sorted(set(json.load(f)["weight_map"].values()))
    else:
        files = ["model.safetensors"]
    weights = {}
    for name in files:
        weights.update(read_safetensors(os.path.join(folder, name)))
    # transformers >= 4.52 layout -> the classic one.
    renamed = {}
    for k, v in weights.items():
        for new, old in (("model.language_model.", "language_model.model."), ("model.vision_tower.", "vision_tower."),
                         ("model.multi_modal_projector.", "multi_modal_projector."), ("lm_head.", "language_model.lm_head.")):
            if k.startswith(new):
                k = old + k[len(new):]
                break
        renamed[k] = v
    return renamed


def act(name, x):
    if name == "gelu":
        return 0.5 * x * (1.0 + torch.erf(x / math.sqrt(2.0)))
    if name == "quick_gelu":
        return x * torch.sigmoid(1.702 * x)
    if name == "silu":
        return x * torch.sigmoid(x)
    sys.exit(f"activation {name} not handled")


def linear(w, prefix, x, bias=True):
    y = x @ w[prefix + ".weight"].T
    b = w.get(prefix + ".bias")
    return y + b if bias and b is not None else y


def layer_norm(w, prefix, x, eps):
    mean = x.mean(-1, keepdim=True)
    var = ((x - mean) ** 2).mean(-1, keepdim=True)
    return (x - mean) / torch.sqrt(var + eps) * w[prefix + ".weight"] + w[prefix + ".bias"]


def clip_hidden_states(w, cfg, pixels):
    """HF CLIPVisionTransformer hidden_states: [embeddings after pre_layrnorm, layer 1 out, ..., layer N out]."""
    p = "vision_tower.vision_model."
    heads = cfg["num_attention_heads"]
    patch = cfg["patch_size"]
    conv = w[p + "embeddings.patch_embedding.weight"]                      # [D, C, p, p]
    b, c, hgt, wid = pixels.shape
    gh, gw = hgt // patch, wid // patch
    # Patchify by reshaping (a stride=kernel conv is a matmul over each patch).
    patches = pixels.reshape(b, c, gh, patch, gw, patch).permute(0, 2, 4, 1, 3, 5).reshape(b, gh * gw, c * patch * patch)
    emb = patches @ conv.reshape(conv.shape[0], -1).T
    cls = w[p + "embeddings.class_embedding"].expand(b, 1, -1)
    h = torch.cat([cls, emb], 1) + w[p + "embeddings.position_embedding.weight"][None, : gh * gw + 1]
    h = layer_norm(w, p + "pre_layrnorm", h, cfg["layer_norm_eps"])
    states = [h]
    for i in range(cfg["num_hidden_layers"]):
        lp = f"{p}encoder.layers.{i}."
        x = layer_norm(w, lp + "layer_norm1", h, cfg["layer_norm_eps"])
        n, d = x.shape[1], x.shape[2]
        hd = d // heads
        q = linear(w, lp + "self_attn.q_proj", x).reshape(b, n, heads, hd).transpose(1, 2) * hd ** -0.5
        k = linear(w, lp + "self_attn.k_proj", x).reshape(b, n, heads, hd).transpose(1, 2)
        v = linear(w, lp + "self_attn.v_proj", x).reshape(b, n, heads, hd).transpose(1, 2)
        a = torch.softmax(q @ k.transpose(-1, -2), -1) @ v
        h = h + linear(w, lp + "self_attn.out_proj", a.transpose(1, 2).reshape(b, n, d))
        x = layer_norm(w, lp + "layer_norm2", h, cfg["layer_norm_eps"])
        h = h + linear(w, lp + "mlp.fc2", act(cfg["hidden_act"], linear(w, lp + "mlp.fc1", x)))
        states.append(h)
    return states


def image_features(w, cfg, pixels):
    states = clip_hidden_states(w, cfg["vision"], pixels)
    feats = torch.cat([states[i] for i in cfg["feature_layers"]], -1)
    if cfg["strategy"] == "default":
        feats = feats[:, 1:]
    x = linear(w, "multi_modal_projector.linear_1", feats)
    return linear(w, "multi_modal_projector.linear_2", act(cfg["projector_act"], x))   # [images, P, D]


def rms_norm(w, name, x, eps):
    return w[name] * (x / torch.sqrt((x * x).mean(-1, keepdim=True) + eps))


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat([-x[..., half:], x[..., :half]], -1)


def llama_logits(w, cfg, embeds):
    """Full causal pass over embeds [L, D] at positions 0..L-1; returns logits [L, V]."""
    t = cfg["text"]
    heads, kv, hd = t["num_attention_heads"], t["num_key_value_heads"], t["head_dim"]
    n = embeds.shape[0]
    pos = torch.arange(n, dtype=DT)
    inv = 1.0 / (t["rope_theta"] ** (torch.arange(0, hd, 2, dtype=DT) / hd))
    ang = torch.outer(pos, inv)
    cos, sin = torch.cat([ang, ang], -1).cos(), torch.cat([ang, ang], -1).sin()
    causal = torch.ones(n, n, dtype=torch.bool).tril()
    h = embeds
    for i in range(t["num_hidden_layers"]):
        lp = f"language_model.model.layers.{i}."
        x = rms_norm(w, lp + "input_layernorm.weight", h, t["rms_norm_eps"])
        q = linear(w, lp + "self_attn.q_proj", x).reshape(n, heads, hd).transpose(0, 1)
        k = linear(w, lp + "self_attn.k_proj", x).reshape(n, kv, hd).transpose(0, 1)
        v = linear(w, lp + "self_attn.v_proj", x).reshape(n, kv, hd).transpose(0, 1)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        k = k.repeat_interleave(heads // kv, 0)
        v = v.repeat_interleave(heads // kv, 0)
        s = (q @ k.transpose(-1, -2)) / math.sqrt(hd)
        s = s.masked_fill(~causal, float("-inf"))
        a = (torch.softmax(s, -1) @ v).transpose(0, 1).reshape(n, heads * hd)
        h = h + linear(w, lp + "self_attn.o_proj", a)
        x = rms_norm(w, lp + "post_attention_layernorm.weight", h, t["rms_norm_eps"])
        gate = act(t["hidden_act"], linear(w, lp + "mlp.gate_proj", x))
        h = h + linear(w, lp + "mlp.down_proj", gate * linear(w, lp + "mlp.up_proj", x))
    h = rms_norm(w, "language_model.model.norm.weight", h, t["rms_norm_eps"])
    head = w.get("language_model.lm_head.weight")
    if head is None or t["tie_word_embeddings"]:
        head = w["language_model.model.embed_tokens.weight"]
    return h @ head.T


def expand(ids, image_token, counts):
    """One image token per image expands to its features; already expanded prompts stay as they are."""
    marks = sum(1 for i in ids if i == image_token)
    if marks == sum(counts):
        return list(ids)
    if marks != len(counts):
        sys.exit(f"{marks} image tokens for {len(counts)} images")
    out, k = [], 0
    for i in ids:
        if i == image_token:
            out += [image_token] * counts[k]
            k += 1
        else:
            out.append(i)
    return out


def embed(w, cfg, ids, feats):
    table = w["language_model.model.embed_tokens.weight"]
    tok = cfg["image_token"]
    rows = torch.stack([table[0] if i == tok else table[i] for i in ids])
    flat = feats.reshape(-1, feats.shape[-1]) if feats is not None else None
    k = 0
    for r, i in enumerate(ids):
        if i == tok:
            rows[r] = flat[k]
            k += 1
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("--input-ids", required=True)
    ap.add_argument("--pixel-values")
    ap.add_argument("--logits-out", required=True)
    ap.add_argument("--generate", type=int, default=0)
    ap.add_argument("--tokens-out")
    a = ap.parse_args()
    torch.set_grad_enabled(False)
    cfg = load_config(a.folder)
    w = load_weights(a.folder)
    ids = [int(x) for x in a.input_ids.split(",")]
    feats = None
    if a.pixel_values:
        feats = image_features(w, cfg, torch.from_numpy(np.load(a.pixel_values).astype(np.float64)))
    ids = expand(ids, cfg["image_token"], [feats.shape[1]] * feats.shape[0] if feats is not None else [])
    logits = llama_logits(w, cfg, embed(w, cfg, ids, feats))
    np.save(a.logits_out, logits.numpy().astype(np.float32))
    if a.generate:
        generated = []
        for _ in range(a.generate):
            nxt = int(logits[-1].argmax())
            generated.append(nxt)
            ids.append(nxt)
            logits = llama_logits(w, cfg, embed(w, cfg, ids, feats))
        with open(a.tokens_out, "w") as f:
            f.write(",".join(map(str, generated)) + "\n")


if __name__ == "__main__":
    main()
