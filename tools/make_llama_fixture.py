#!/usr/bin/python3
"""Writes the PyTorch reference fixtures that prove Glassbox computes the Llama family.

    /usr/bin/python3 tools/make_llama_fixture.py            # (re)write the three folders below
    /usr/bin/python3 tools/make_llama_fixture.py --check    # also run the reference's own checks

tests/fixtures/llama-tiny-gqa/         Llama, 4 query heads sharing 2 key/value heads, RoPE with
                                       theta 500 (not the default, so a loader that ignores it
                                       fails), untied head, f32 weights sharded over two files
                                       with model.safetensors.index.json; expected logits, loss
                                       and every parameter's gradient.
tests/fixtures/mistral-tiny-mqa-bf16/  model_type mistral, multi-query (1 key/value head), tied
                                       head, bf16 weights in one file with the rotary_emb.inv_freq
                                       buffers older checkpoints carry; expected logits.
tests/fixtures/mixtral-tiny/           Mixtral: 4 SwiGLU experts, top-2 routing, 2 key/value
                                       heads; expected logits, cross-entropy, load-balancing loss,
                                       and the gradients of ce + router_aux_loss_coef * aux.

Expected values are computed in float64 from exactly the stored (rounded) weights. The
model is tools/torch_llama.py; tests/fixtures/README.md describes the files.
"""

import argparse
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torch_gpt2 import load_safetensors, save_safetensors  # noqa: E402
from torch_llama import (LlamaConfig, LlamaForCausalLM, cross_entropy,  # noqa: E402
                         load_balancing_loss)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "tests", "fixtures")

GQA = LlamaConfig(vocab_size=89, hidden_size=32, intermediate_size=40, num_hidden_layers=2,
                  num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=32,
                  rms_norm_eps=1e-5, rope_theta=500.0)
MQA = LlamaConfig(vocab_size=83, hidden_size=48, intermediate_size=64, num_hidden_layers=2,
                  num_attention_heads=6, num_key_value_heads=1, max_position_embeddings=24,
                  rms_norm_eps=1e-6, rope_theta=10000.0, tie_word_embeddings=True, model_type="mistral")
MOE = LlamaConfig(vocab_size=79, hidden_size=32, intermediate_size=24, num_hidden_layers=2,
                  num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=16,
                  rms_norm_eps=1e-5, rope_theta=1000.0, model_type="mixtral", num_local_experts=4,
                  num_experts_per_tok=2, router_aux_loss_coef=0.02)
B, T = 2, 9
IGNORED = [(0, 3), (1, T - 1)]  # (row, position) targets set to -100

# As in make_gpt2_fixture.py: std 0.2 (about 1/sqrt(width)) rather than 0.02, so that a wrong
# rope_theta, a rotate_half swapped for interleaved pairs, a missing 1/sqrt(hd), a wrong
# head grouping or an RMSNorm eps mix-up moves the logits by far more than the tests' 1e-4.
WEIGHT_STD = 0.2


def random_model(cfg, seed):
    g = torch.Generator().manual_seed(seed)
    model = LlamaForCausalLM(cfg).double()
    with torch.no_grad():
        for name, p in model.named_parameters():
            if "norm" in name:
                p.copy_(1.0 + 0.2 * torch.randn(p.shape, generator=g, dtype=p.dtype))
            elif name.endswith("block_sparse_moe.gate.weight"):
                p.copy_(0.5 * torch.randn(p.shape, generator=g, dtype=p.dtype))  # decisive routing
            else:
                p.copy_(WEIGHT_STD * torch.randn(p.shape, generator=g, dtype=p.dtype))
    return model, g


def round_params_(model, dtype):
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(p.to(dtype).to(p.dtype))


def sequences(cfg, g):
    seq = torch.randint(0, cfg.vocab_size, (B, T + 1), generator=g)
    ids, targets = seq[:, :-1].clone(), seq[:, 1:].clone()
    for row, pos in IGNORED:
        targets[row, pos] = -100
    return ids, targets


def write_config(out_dir, cfg, extra=None):
    c = cfg.hf_config()
    c.update(extra or {})
    with open(os.path.join(out_dir, "config.json"), "w") as f:
        json.dump(c, f, indent=2)
        f.write("\n")


def expected_meta(seed):
    return {"generator": "tools/make_llama_fixture.py", "seed": seed, "torch": torch.__version__,
            "computed_in": "float64"}


def make_gqa(out_dir, seed=20261124):
    model, g = random_model(GQA, seed)
    round_params_(model, torch.float32)
    ids, targets = sequences(GQA, g)
    logits, _ = model(ids)
    loss = cross_entropy(logits, targets)
    loss.backward()
    os.makedirs(out_dir, exist_ok=True)
    write_config(out_dir, GQA, {"torch_dtype": "float32"})
    # Sharded the way save_pretrained shards: two files and an index naming each tensor's file.
    params = [(n, p.detach().float()) for n, p in model.named_parameters()]
    half = len(params) // 2
    shards = {"model-00001-of-00002.safetensors": dict(params[:half]),
              "model-00002-of-00002.safetensors": dict(params[half:])}
    weight_map, total = {}, 0
    for file, tensors in shards.items():
        save_safetensors(os.path.join(out_dir, file), tensors, metadata={"format": "pt"})
        for n, t in tensors.items():
            weight_map[n] = file
            total += t.numel() * 4
    with open(os.path.join(out_dir, "model.safetensors.index.json"), "w") as f:
        json.dump({"metadata": {"total_size": total}, "weight_map": dict(sorted(weight_map.items()))}, f, indent=2)
        f.write("\n")
    expected = {"input_ids": ids.float(), "targets": targets.float(), "logits": logits.detach().float(),
                "loss": loss.detach().float()}
    for n, p in model.named_parameters():
        expected["grad." + n] = p.grad.float()
    save_safetensors(os.path.join(out_dir, "expected.safetensors"), expected, metadata=expected_meta(seed))
    print(f"{out_dir}: loss {loss.item():.6f}, {len(params)} tensors in 2 shards")
    return model


def make_mqa(out_dir, seed=4242):
    model, g = random_model(MQA, seed)
    round_params_(model, torch.bfloat16)
    ids = torch.randint(0, MQA.vocab_size, (1, 13), generator=g)
    with torch.no_grad():
        logits, _ = model(ids)
    tensors = {n: p.detach().to(torch.bfloat16) for n, p in model.named_parameters()}
    hd = MQA.head_dim
    inv_freq = 1.0 / (MQA.rope_theta ** (torch.arange(0, hd, 2, dtype=torch.float32) / hd))
    for i in range(MQA.num_hidden_layers):  # buffers older Llama checkpoints carry; not parameters
        tensors[f"model.layers.{i}.self_attn.rotary_emb.inv_freq"] = inv_freq
    tensors = dict(sorted(tensors.items()))
    os.makedirs(out_dir, exist_ok=True)
    write_config(out_dir, MQA, {"torch_dtype": "bfloat16"})
    save_safetensors(os.path.join(out_dir, "model.safetensors"), tensors, metadata={"format": "pt"})
    save_safetensors(os.path.join(out_dir, "expected.safetensors"),
                     {"input_ids": ids.float(), "logits": logits.float()}, metadata=expected_meta(seed))
    print(f"{out_dir}: logits for 13 tokens, bf16, tied, multi-query")
    return model


def router_margin(model, ids):
    """The smallest gap, over every token and MoE layer, between the k-th and the (k+1)-th
    router logit: f32 rounding (≈1e-6) must not be able to change which experts are chosen."""
    with torch.no_grad():
        _, router_logits = model(ids)
    k = model.cfg.num_experts_per_tok
    worst = float("inf")
    for logits in router_logits:
        top = logits.topk(k + 1, dim=-1).values
        worst = min(worst, (top[:, k - 1] - top[:, k]).min().item())
    return worst


def make_moe(out_dir, seed=31337):
    model, g = random_model(MOE, seed)
    round_params_(model, torch.float32)
    ids, targets = sequences(MOE, g)
    margin = router_margin(model, ids)
    assert margin > 1e-3, f"router margin {margin}: choose another seed"
    logits, router_logits = model(ids)
    ce = cross_entropy(logits, targets)
    aux = load_balancing_loss(router_logits, MOE.num_local_experts, MOE.num_experts_per_tok)
    total = ce + MOE.router_aux_loss_coef * aux
    total.backward()
    counts = torch.zeros(MOE.num_local_experts)
    for l in router_logits:
        for e in l.softmax(-1).topk(MOE.num_experts_per_tok, dim=-1).indices.flatten():
            counts[e] += 1
    os.makedirs(out_dir, exist_ok=True)
    write_config(out_dir, MOE, {"torch_dtype": "float32"})
    save_safetensors(os.path.join(out_dir, "model.safetensors"),
                     {n: p.detach().float() for n, p in model.named_parameters()}, metadata={"format": "pt"})
    expected = {"input_ids": ids.float(), "targets": targets.float(), "logits": logits.detach().float(),
                "loss": ce.detach().float(), "aux_loss": aux.detach().float(), "total_loss": total.detach().float(),
                "expert_counts": counts}
    for n, p in model.named_parameters():
        expected["grad." + n] = p.grad.float()
    save_safetensors(os.path.join(out_dir, "expected.safetensors"), expected, metadata=expected_meta(seed))
    print(f"{out_dir}: ce {ce.item():.6f}, aux {aux.item():.6f}, router margin {margin:.4f}, "
          f"choices per expert {counts.tolist()}")
    return model


# --------------------------------------------------------------------------------------
# The reference's own checks (--check): that tools/torch_llama.py is the model it claims.

def check(gqa, moe):
    torch.manual_seed(0)
    ids = torch.randint(0, GQA.vocab_size, (1, 7))
    with torch.no_grad():
        full, _ = gqa(ids)
        # Positions shift the rotation only: scores depend on distances, so the same tokens at
        # positions 5.. give the same attention (up to rounding) but different q and k.
        shifted, _ = gqa(ids, start=5)
    assert torch.allclose(full, shifted, atol=1e-9), "RoPE: attention must depend on distances only"
    # GQA with repeated key/value heads equals multi-head attention with those heads copied.
    cfg_mha = LlamaConfig(**{**GQA.__dict__, "num_key_value_heads": GQA.num_attention_heads})
    mha = LlamaForCausalLM(cfg_mha).double()
    with torch.no_grad():
        sd = gqa.state_dict()
        group = GQA.num_attention_heads // GQA.num_key_value_heads
        for n, t in list(sd.items()):
            if n.endswith(("k_proj.weight", "v_proj.weight")):
                sd[n] = t.view(GQA.num_key_value_heads, GQA.head_dim, -1).repeat_interleave(group, 0).reshape(
                    GQA.num_attention_heads * GQA.head_dim, -1)
        mha.load_state_dict(sd)
        assert torch.allclose(mha(ids)[0], full, atol=1e-12), "GQA must equal MHA with repeated k/v heads"
    # Causality: changing the last token changes no earlier logit.
    with torch.no_grad():
        other = ids.clone()
        other[0, -1] = (other[0, -1] + 1) % GQA.vocab_size
        assert torch.equal(gqa(other)[0][0, :-1], full[0, :-1]), "a later token leaked into an earlier position"
    # MoE with every expert chosen is the router-weighted sum of all experts.
    with torch.no_grad():
        block = moe.model.layers[0].block_sparse_moe
        x = torch.randn(1, 5, MOE.hidden_size, dtype=torch.float64)
        block.k = MOE.num_local_experts
        out, logits = block(x)
        dense = sum(p[..., None] * e(x.view(5, -1)) for p, e in zip(logits.softmax(-1).unbind(-1), block.experts))
        block.k = MOE.num_experts_per_tok
        assert torch.allclose(out.view(5, -1), dense, atol=1e-12), "top-E routing must be the full mixture"
    # Gradients of the whole model against float64 finite differences, for the RoPE'd q_proj.
    w = gqa.model.layers[1].self_attn.q_proj.weight

    def f(weight):
        with torch.no_grad():
            w.copy_(weight)
        return gqa(ids)[0].sum()
    keep = w.detach().clone()
    w.grad = None
    (gqa(ids)[0] * 1.0).sum().backward()
    eps = 1e-6
    for idx in [(0, 0), (5, 17), (31, 31)]:
        plus, minus = keep.clone(), keep.clone()
        plus[idx] += eps
        minus[idx] -= eps
        numeric = (f(plus) - f(minus)).item() / (2 * eps)
        assert abs(numeric - w.grad[idx].item()) < 1e-6 * max(1.0, abs(numeric)), (idx, numeric, w.grad[idx].item())
    f(keep)
    print("checks passed: RoPE relative, GQA = repeated MHA, causal, top-E = full mixture, gradients")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    torch.set_num_threads(1)
    gqa = make_gqa(os.path.join(FIXTURES, "llama-tiny-gqa"))
    make_mqa(os.path.join(FIXTURES, "mistral-tiny-mqa-bf16"))
    moe = make_moe(os.path.join(FIXTURES, "mixtral-tiny"))
    if args.check:
        # Reload to prove the files hold what was computed.
        tensors, _ = load_safetensors(os.path.join(FIXTURES, "mixtral-tiny", "model.safetensors"))
        assert set(tensors) == {n for n, _ in moe.named_parameters()}
        check(gqa, moe)


if __name__ == "__main__":
    main()
