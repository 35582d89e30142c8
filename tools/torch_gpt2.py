"""A small, self-contained GPT-2 in plain PyTorch: the reference Glassbox is checked against.

Used by tools/make_gpt2_fixture.py (expected logits, loss and gradients) and by
bench/pytorch_gpt.py (the PyTorch side of `glassbox-cli bench`). It follows the GPT-2
architecture, not any particular code base:

    x = wte[ids] + wpe[positions]                      (B,T,C)
    for each block:  x = x + attn(ln_1(x));  x = x + mlp(ln_2(x))
    logits = ln_f(x) @ wte^T                           (B,T,V)   head tied to the embedding

Parameters carry the Hugging Face GPT-2 names without the "transformer." prefix
(wte.weight, h.0.attn.c_attn.weight, ...), and linear weights use the Hugging Face
"Conv1D" layout (in, out), so y = x @ W + b. state_dict() is therefore exactly what a
GPT-2 model.safetensors holds.

Also a safetensors writer and reader (the `safetensors` package is not available here).
"""

import json
import math
import struct
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn


@dataclass
class GPTConfig:
    vocab_size: int = 50257
    n_positions: int = 1024      # longest context the position table covers
    n_embd: int = 768            # C
    n_layer: int = 12
    n_head: int = 12
    layer_norm_epsilon: float = 1e-5
    qkv_bias: bool = True        # GPT-2 has biases on q, k, v

    def hf_config(self, bos_token_id=None, eos_token_id=None):
        """config.json as Hugging Face writes it for GPT2LMHeadModel."""
        last = self.vocab_size - 1
        return {
            "model_type": "gpt2",
            "architectures": ["GPT2LMHeadModel"],
            "vocab_size": self.vocab_size,
            "n_positions": self.n_positions,
            "n_ctx": self.n_positions,
            "n_embd": self.n_embd,
            "n_layer": self.n_layer,
            "n_head": self.n_head,
            "n_inner": None,  # None means 4 * n_embd
            "activation_function": "gelu_new",
            "layer_norm_epsilon": self.layer_norm_epsilon,
            "resid_pdrop": 0.0,
            "embd_pdrop": 0.0,
            "attn_pdrop": 0.0,
            "tie_word_embeddings": True,
            "bos_token_id": last if bos_token_id is None else bos_token_id,
            "eos_token_id": last if eos_token_id is None else eos_token_id,
        }


PRESETS = {
    # OpenAI's smallest GPT-2: 124,439,808 parameters with the tied head.
    "gpt2-124m": GPTConfig(vocab_size=50257, n_positions=1024, n_embd=768, n_layer=12, n_head=12),
    # The teaching preset the benchmarks call "small".
    "small": GPTConfig(vocab_size=50257, n_positions=128, n_embd=256, n_layer=4, n_head=4),
}


class Conv1D(nn.Module):
    """A linear layer stored as Hugging Face GPT-2 stores it: weight is (in, out)."""

    def __init__(self, n_in, n_out, bias=True):
        super().__init__()
        self.weight = nn.Parameter(torch.empty(n_in, n_out))
        self.bias = nn.Parameter(torch.zeros(n_out)) if bias else None

    def forward(self, x):  # x (..., in) -> (..., out)
        if self.bias is None:
            return x @ self.weight
        # addmm adds the bias inside the matrix product: one pass over y instead of two.
        y = torch.addmm(self.bias, x.reshape(-1, x.shape[-1]), self.weight)
        return y.view(*x.shape[:-1], y.shape[-1])


class MultiHeadAttention(nn.Module):
    """Causal self-attention. c_attn makes q, k, v in one product, in that order along out."""

    def __init__(self, cfg):
        super().__init__()
        self.n_head = cfg.n_head
        self.c_attn = Conv1D(cfg.n_embd, 3 * cfg.n_embd, bias=cfg.qkv_bias)
        self.c_proj = Conv1D(cfg.n_embd, cfg.n_embd)

    def forward(self, x, cache=None):
        # x (B,T,C). cache: None, or a dict {"k","v"} of (B,H,Tpast,D) that this call extends.
        B, T, C = x.shape
        H, D = self.n_head, C // self.n_head
        q, k, v = self.c_attn(x).split(C, dim=2)                 # each (B,T,C)
        q = q.view(B, T, H, D).transpose(1, 2)                   # (B,H,T,D)
        k = k.view(B, T, H, D).transpose(1, 2)
        v = v.view(B, T, H, D).transpose(1, 2)
        if cache is not None:
            if "k" in cache:
                k = torch.cat([cache["k"], k], dim=2)            # (B,H,Tpast+T,D)
                v = torch.cat([cache["v"], v], dim=2)
            cache["k"], cache["v"] = k, v
        S = k.shape[2]                                           # keys visible in total
        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(D))   # (B,H,T,S)
        if T > 1:
            # Query t sits at absolute position S-T+t and may see keys 0..S-T+t.
            mask = torch.ones(T, S, dtype=torch.bool, device=x.device).tril(diagonal=S - T)
            att = att.masked_fill(~mask, float("-inf"))
        att = att.softmax(dim=-1)
        y = att @ v                                              # (B,H,T,D)
        y = y.transpose(1, 2).reshape(B, T, C)                   # heads side by side again
        return self.c_proj(y)


def gelu_new(x):
    """GELU, tanh approximation (GPT-2's "gelu_new"): 0.5 x (1 + tanh(sqrt(2/pi)(x + 0.044715 x^3)))."""
    return F.gelu(x, approximate="tanh")


class FeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.c_fc = Conv1D(cfg.n_embd, 4 * cfg.n_embd)
        self.c_proj = Conv1D(4 * cfg.n_embd, cfg.n_embd)

    def forward(self, x):  # (B,T,C) -> (B,T,4C) -> (B,T,C)
        return self.c_proj(gelu_new(self.c_fc(x)))


class TransformerBlock(nn.Module):
    """Pre-LayerNorm block: normalise, transform, add back to the residual stream."""

    def __init__(self, cfg):
        super().__init__()
        self.ln_1 = nn.LayerNorm(cfg.n_embd, eps=cfg.layer_norm_epsilon)
        self.attn = MultiHeadAttention(cfg)
        self.ln_2 = nn.LayerNorm(cfg.n_embd, eps=cfg.layer_norm_epsilon)
        self.mlp = FeedForward(cfg)

    def forward(self, x, cache=None):
        x = x + self.attn(self.ln_1(x), cache)
        return x + self.mlp(self.ln_2(x))


class GPTModel(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.cfg = cfg
        self.wte = nn.Embedding(cfg.vocab_size, cfg.n_embd)      # (V,C), also the LM head
        self.wpe = nn.Embedding(cfg.n_positions, cfg.n_embd)     # (T,C)
        self.h = nn.ModuleList(TransformerBlock(cfg) for _ in range(cfg.n_layer))
        self.ln_f = nn.LayerNorm(cfg.n_embd, eps=cfg.layer_norm_epsilon)

    def forward(self, ids, caches=None):
        # ids (B,T) int64 -> logits (B,T,V). caches: None, or one dict per layer (see
        # MultiHeadAttention); positions then continue after what the caches already hold.
        B, T = ids.shape
        past = caches[0]["k"].shape[2] if caches and "k" in caches[0] else 0
        if past + T > self.cfg.n_positions:
            raise ValueError(f"sequence of {past + T} is longer than n_positions {self.cfg.n_positions}")
        pos = torch.arange(past, past + T, device=ids.device)
        x = self.wte(ids) + self.wpe(pos)                        # (B,T,C) + (T,C)
        for i, block in enumerate(self.h):
            x = block(x, caches[i] if caches is not None else None)
        x = self.ln_f(x)
        return x @ self.wte.weight.t()                           # (B,T,C) @ (C,V)

    def num_params(self):
        return sum(p.numel() for p in self.parameters())


def loss_fn(logits, targets):
    """Mean cross-entropy over the positions whose target is not -100. logits (B,T,V), targets (B,T)."""
    return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1), ignore_index=-100)


def init_gpt2(model, generator, std=0.02):
    """GPT-2's initialisation: N(0, 0.02) weights, zero biases, LayerNorm at (1, 0)."""
    for name, p in model.named_parameters():
        with torch.no_grad():
            if name.endswith(".bias"):
                p.zero_()
            elif ".ln_" in name or name.startswith("ln_"):
                p.fill_(1.0)
            else:
                p.normal_(0.0, std, generator=generator)


# --------------------------------------------------------------------------------------
# safetensors, by hand: u64 little-endian header length, a JSON header
# {name: {"dtype", "shape", "data_offsets": [begin, end]}} with optional "__metadata__"
# (string to string), then the raw little-endian bytes of every tensor back to back.
# Offsets count from the first byte after the header.

_DTYPES = {
    torch.float64: "F64", torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16",
    torch.int64: "I64", torch.int32: "I32", torch.int16: "I16", torch.int8: "I8",
    torch.uint8: "U8", torch.bool: "BOOL",
}
_BY_NAME = {v: k for k, v in _DTYPES.items()}


def _raw_bytes(t):
    t = t.detach().contiguous().cpu()
    if t.dtype == torch.bfloat16:
        t = t.view(torch.int16)  # numpy has no bfloat16; the 16 bits are what we want
    return t.numpy().tobytes()   # numpy is little-endian on every machine this runs on


def save_safetensors(path, tensors, metadata=None):
    """tensors: dict name -> tensor, written in the given order with their own dtype."""
    header, blobs, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = {str(k): str(v) for k, v in metadata.items()}
    for name, t in tensors.items():
        data = _raw_bytes(t)
        header[name] = {"dtype": _DTYPES[t.dtype], "shape": list(t.shape),
                        "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)  # pad with spaces so the data starts 8-byte aligned
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for data in blobs:
            f.write(data)


def load_safetensors(path):
    """Returns (dict name -> tensor, metadata dict)."""
    with open(path, "rb") as f:
        blob = f.read()
    (n,) = struct.unpack("<Q", blob[:8])
    header = json.loads(blob[8:8 + n])
    metadata = header.pop("__metadata__", {})
    out = {}
    for name, info in header.items():
        begin, end = info["data_offsets"]
        raw = bytearray(blob[8 + n + begin:8 + n + end])
        dtype = _BY_NAME[info["dtype"]]
        storage = torch.int16 if dtype == torch.bfloat16 else dtype
        t = torch.frombuffer(raw, dtype=storage) if raw else torch.empty(0, dtype=storage)
        if dtype == torch.bfloat16:
            t = t.view(torch.bfloat16)
        out[name] = t.reshape(info["shape"])
    return out, metadata
