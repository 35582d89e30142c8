#!/usr/bin/python3
"""A plain-PyTorch Llama, written from the papers and the Hugging Face layout, as the
reference Glassbox's LlamaModel is checked against (tools/make_llama_fixture.py).

    RMSNorm              x / sqrt(mean(x^2) + eps) * w                (Zhang & Sennrich 2019)
    RoPE                 rotate_half layout: channel i pairs with i + hd/2, angle pos * theta^(-2i/hd)
    grouped-query attn   n_kv_heads key/value heads, each shared by n_heads / n_kv_heads query heads
    SwiGLU               down(silu(gate x) * up x)                    (Shazeer 2020)
    Mixtral MoE          router softmax over all experts, top-k, renormalised over the k;
                         load-balancing loss E * sum_e f_e * P_e over every layer's tokens

Parameter names and shapes are Hugging Face's (LlamaForCausalLM, MixtralForCausalLM): every
linear weight is (out, in) and y = x W^T. No transformers import: this file is the whole
model, so a reader can check each line against the C++ one.
"""

import math
from dataclasses import dataclass

import torch
from torch import nn
from torch.nn import functional as F


@dataclass
class LlamaConfig:
    vocab_size: int
    hidden_size: int
    intermediate_size: int
    num_hidden_layers: int
    num_attention_heads: int
    num_key_value_heads: int
    max_position_embeddings: int
    rms_norm_eps: float = 1e-5
    rope_theta: float = 10000.0
    tie_word_embeddings: bool = False
    model_type: str = "llama"
    num_local_experts: int = 0      # > 0: Mixtral
    num_experts_per_tok: int = 2
    router_aux_loss_coef: float = 0.02

    @property
    def head_dim(self):
        return self.hidden_size // self.num_attention_heads

    def hf_config(self):
        arch = {"llama": "LlamaForCausalLM", "mistral": "MistralForCausalLM",
                "mixtral": "MixtralForCausalLM"}[self.model_type]
        c = {
            "architectures": [arch],
            "model_type": self.model_type,
            "vocab_size": self.vocab_size,
            "hidden_size": self.hidden_size,
            "intermediate_size": self.intermediate_size,
            "num_hidden_layers": self.num_hidden_layers,
            "num_attention_heads": self.num_attention_heads,
            "num_key_value_heads": self.num_key_value_heads,
            "max_position_embeddings": self.max_position_embeddings,
            "rms_norm_eps": self.rms_norm_eps,
            "rope_theta": self.rope_theta,
            "rope_scaling": None,
            "hidden_act": "silu",
            "attention_bias": False,
            "attention_dropout": 0.0,
            "initializer_range": 0.02,
            "tie_word_embeddings": self.tie_word_embeddings,
            "bos_token_id": 1,
            "eos_token_id": 2,
        }
        if self.model_type != "llama":
            c["sliding_window"] = None
        if self.num_local_experts:
            c.update(num_local_experts=self.num_local_experts, num_experts_per_tok=self.num_experts_per_tok,
                     router_aux_loss_coef=self.router_aux_loss_coef, output_router_logits=True)
        return c


class RMSNorm(nn.Module):
    def __init__(self, dim, eps):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(dim))
        self.eps = eps

    def forward(self, x):                                  # x (B,T,C)
        return self.weight * (x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps))


def rope_cos_sin(positions, head_dim, theta, dtype):
    """cos, sin (T, hd) for positions (T): the frequencies repeat for the two halves."""
    inv_freq = 1.0 / (theta ** (torch.arange(0, head_dim, 2, dtype=torch.float64) / head_dim))
    angles = positions.to(torch.float64)[:, None] * inv_freq[None, :]       # (T, hd/2)
    emb = torch.cat([angles, angles], dim=-1)                               # (T, hd)
    return emb.cos().to(dtype), emb.sin().to(dtype)


def rotate_half(x):
    """(x1, x2) -> (-x2, x1) over the two halves of the last dimension."""
    half = x.shape[-1] // 2
    return torch.cat([-x[..., half:], x[..., :half]], dim=-1)


def apply_rope(x, cos, sin):                               # x (B,heads,T,hd); cos, sin (T,hd)
    return x * cos + rotate_half(x) * sin


class Attention(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.cfg = cfg
        hd, H, KV, C = cfg.head_dim, cfg.num_attention_heads, cfg.num_key_value_heads, cfg.hidden_size
        self.q_proj = nn.Linear(C, H * hd, bias=False)
        self.k_proj = nn.Linear(C, KV * hd, bias=False)
        self.v_proj = nn.Linear(C, KV * hd, bias=False)
        self.o_proj = nn.Linear(H * hd, C, bias=False)

    def forward(self, x, positions):                       # x (B,T,C)
        cfg = self.cfg
        B, T, _ = x.shape
        hd, H, KV = cfg.head_dim, cfg.num_attention_heads, cfg.num_key_value_heads
        q = self.q_proj(x).view(B, T, H, hd).transpose(1, 2)    # (B,H,T,hd)
        k = self.k_proj(x).view(B, T, KV, hd).transpose(1, 2)   # (B,KV,T,hd)
        v = self.v_proj(x).view(B, T, KV, hd).transpose(1, 2)
        cos, sin = rope_cos_sin(positions, hd, cfg.rope_theta, x.dtype)
        q, k = apply_rope(q, cos, sin), apply_rope(k, cos, sin)
        # Grouped-query attention: each key/value head serves H / KV query heads in a row.
        k = k.repeat_interleave(H // KV, dim=1)                  # (B,H,T,hd)
        v = v.repeat_interleave(H // KV, dim=1)
        scores = q @ k.transpose(-1, -2) / math.sqrt(hd)         # (B,H,T,T)
        mask = torch.ones(T, T, dtype=torch.bool).triu(1)
        scores = scores.masked_fill(mask, float("-inf"))
        out = scores.softmax(-1) @ v                             # (B,H,T,hd)
        return self.o_proj(out.transpose(1, 2).reshape(B, T, H * hd))


class SwiGLU(nn.Module):
    def __init__(self, C, Fd, names=("gate_proj", "up_proj", "down_proj")):
        super().__init__()
        self.names = names
        for n, shape in zip(names, [(C, Fd), (C, Fd), (Fd, C)]):
            setattr(self, n, nn.Linear(*shape, bias=False))

    def forward(self, x):
        gate, up, down = (getattr(self, n) for n in self.names)
        return down(F.silu(gate(x)) * up(x))


class MixtureOfExperts(nn.Module):
    """Mixtral's sparse block: every token goes to its top-k experts, weighted by the router."""

    def __init__(self, cfg):
        super().__init__()
        self.k = cfg.num_experts_per_tok
        self.gate = nn.Linear(cfg.hidden_size, cfg.num_local_experts, bias=False)
        self.experts = nn.ModuleList(SwiGLU(cfg.hidden_size, cfg.intermediate_size, ("w1", "w3", "w2"))
                                     for _ in range(cfg.num_local_experts))

    def forward(self, x):                                  # x (B,T,C) -> (B,T,C), router logits (B*T,E)
        B, T, C = x.shape
        flat = x.reshape(B * T, C)
        logits = self.gate(flat)                                        # (N,E)
        probs = logits.softmax(-1)
        weights, chosen = probs.topk(self.k, dim=-1)                    # (N,k) each
        weights = weights / weights.sum(-1, keepdim=True)               # renormalised over the k
        out = torch.zeros_like(flat)
        for e, expert in enumerate(self.experts):
            rows, slot = (chosen == e).nonzero(as_tuple=True)
            if rows.numel():
                out = out.index_add(0, rows, expert(flat[rows]) * weights[rows, slot, None])
        return out.view(B, T, C), logits


class Block(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.input_layernorm = RMSNorm(cfg.hidden_size, cfg.rms_norm_eps)
        self.self_attn = Attention(cfg)
        self.post_attention_layernorm = RMSNorm(cfg.hidden_size, cfg.rms_norm_eps)
        if cfg.num_local_experts:
            self.block_sparse_moe = MixtureOfExperts(cfg)
        else:
            self.mlp = SwiGLU(cfg.hidden_size, cfg.intermediate_size)

    def forward(self, x, positions, router_logits):
        h = x + self.self_attn(self.input_layernorm(x), positions)
        m = self.post_attention_layernorm(h)
        if hasattr(self, "block_sparse_moe"):
            m, logits = self.block_sparse_moe(m)
            router_logits.append(logits)
        else:
            m = self.mlp(m)
        return h + m


class Body(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.embed_tokens = nn.Embedding(cfg.vocab_size, cfg.hidden_size)
        self.layers = nn.ModuleList(Block(cfg) for _ in range(cfg.num_hidden_layers))
        self.norm = RMSNorm(cfg.hidden_size, cfg.rms_norm_eps)


class LlamaForCausalLM(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.cfg = cfg
        self.model = Body(cfg)
        if not cfg.tie_word_embeddings:
            self.lm_head = nn.Linear(cfg.hidden_size, cfg.vocab_size, bias=False)

    def forward(self, ids, start=0):
        """ids (B,T) at positions start.. -> logits (B,T,V), router logits (one (B*T,E) per MoE layer)."""
        positions = torch.arange(start, start + ids.shape[1])
        x = self.model.embed_tokens(ids)
        router_logits = []
        for layer in self.model.layers:
            x = layer(x, positions, router_logits)
        x = self.model.norm(x)
        head = self.model.embed_tokens.weight if self.cfg.tie_word_embeddings else self.lm_head.weight
        return x @ head.t(), router_logits


def cross_entropy(logits, targets):
    return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1), ignore_index=-100)


def load_balancing_loss(router_logits, num_experts, k):
    """Switch Transformer's auxiliary loss as transformers computes it for Mixtral: over every
    layer's tokens together, E * sum_e (fraction of the k choices that went to e) * (mean
    router probability of e). The fractions are counts: no gradient flows through them."""
    logits = torch.cat(router_logits, dim=0)                            # (layers*N, E)
    probs = logits.softmax(-1)
    _, chosen = probs.topk(k, dim=-1)
    mask = F.one_hot(chosen, num_experts).to(probs.dtype)               # (R,k,E)
    tokens_per_expert = mask.mean(0)                                    # (k,E)
    prob_per_expert = probs.mean(0)                                     # (E)
    return (tokens_per_expert * prob_per_expert[None, :]).sum() * num_experts
