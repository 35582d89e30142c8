#!/usr/bin/python3
"""Writes the PyTorch reference fixtures that prove Glassbox computes GPT-2.

    /usr/bin/python3 tools/make_gpt2_fixture.py            # (re)write tests/fixtures/gpt2-tiny*/
    /usr/bin/python3 tools/make_gpt2_fixture.py --check    # also run the reference's own sanity checks

tests/fixtures/gpt2-tiny/     random tiny GPT-2, f32 weights, HF names without "transformer.";
                              expected logits, loss and every parameter's gradient.
tests/fixtures/gpt2-tiny-hf/  another tiny GPT-2 saved the way Hugging Face's GPT2LMHeadModel
                              saves one: "transformer." names, an explicit lm_head.weight, the
                              attn.bias / attn.masked_bias buffers, BF16 weights; expected logits.

Expected values are computed in float64 from exactly the weights that are stored (rounded
to f32 or bf16 first), so the reference adds no rounding noise of its own. The output is
deterministic: same torch version, same bytes. tests/fixtures/README.md describes the files.
"""

import argparse
import json
import math
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torch_gpt2 import GPTConfig, GPTModel, init_gpt2, load_safetensors, loss_fn, save_safetensors  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "tests", "fixtures")

TINY = GPTConfig(vocab_size=97, n_positions=16, n_embd=32, n_layer=2, n_head=4)
TINY_SEED = 20261123
TINY_B, TINY_T = 2, 11  # T deliberately not a power of two and shorter than n_positions
# Targets that are ignored (-100), as (row, position): a middle one, a first and a last one.
TINY_IGNORED = [(0, 4), (1, 0), (1, TINY_T - 1)]

# GPT-2 initialises weights with std 0.02, but in a 32-wide model that leaves every
# activation so small that attention is nearly uniform and GELU nearly linear: the erf GELU
# instead of the tanh one, or a LayerNorm eps of 1e-6, would then change the logits by less
# than the test's tolerance (1e-4). With std 0.2 (about 1/sqrt(n_embd)) each of those bugs,
# a missing 1/sqrt(head size), a missing causal mask, swapped q/k, a zeroed bias and a
# transposed weight moves the logits by more than 1e-4 relative, while computing the same
# model in f32 instead of float64 moves them by about 5e-7.
WEIGHT_STD = 0.2

HF = GPTConfig(vocab_size=101, n_positions=20, n_embd=48, n_layer=2, n_head=3)  # head size 16
HF_SEED = 777
HF_T = 13


def random_model(cfg, seed):
    """A float64 GPT-2 whose every parameter is random, so that a bug in any of them shows.

    Weights are N(0, WEIGHT_STD). GPT-2 would start biases at 0 and LayerNorm at (1, 0);
    here they get random values too, or a loader that forgot a bias or mixed up a
    LayerNorm's weight and bias would still match.
    """
    g = torch.Generator().manual_seed(seed)
    model = GPTModel(cfg).double()
    init_gpt2(model, g, std=WEIGHT_STD)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if ".ln_" in name or name.startswith("ln_"):
                if name.endswith(".weight"):
                    p.copy_(1.0 + 0.2 * torch.randn(p.shape, generator=g, dtype=p.dtype))
                else:
                    p.copy_(0.2 * torch.randn(p.shape, generator=g, dtype=p.dtype))
            elif name.endswith(".bias"):
                p.copy_(0.1 * torch.randn(p.shape, generator=g, dtype=p.dtype))
    return model, g


def round_params_(model, dtype):
    """Round every parameter to `dtype` and back: the float64 model then IS the stored one."""
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(p.to(dtype).to(p.dtype))


def write_config(path, cfg, extra=None):
    config = cfg.hf_config()
    config.update(extra or {})
    with open(path, "w") as f:
        json.dump(config, f, indent=2)
        f.write("\n")


def make_tiny(out_dir):
    model, g = random_model(TINY, TINY_SEED)
    round_params_(model, torch.float32)

    # One random sequence per row, one token longer than T: inputs are tokens 0..T-1,
    # targets are tokens 1..T (the next token at every position).
    seq = torch.randint(0, TINY.vocab_size, (TINY_B, TINY_T + 1), generator=g)
    ids, targets = seq[:, :-1].clone(), seq[:, 1:].clone()   # (B,T) each
    for row, pos in TINY_IGNORED:
        targets[row, pos] = -100

    logits = model(ids)                                      # (B,T,V) float64
    loss = loss_fn(logits, targets)                          # mean over the B*T-3 counted targets
    loss.backward()

    os.makedirs(out_dir, exist_ok=True)
    write_config(os.path.join(out_dir, "config.json"), TINY)
    save_safetensors(os.path.join(out_dir, "model.safetensors"),
                     {n: p.detach().float() for n, p in model.named_parameters()},
                     metadata={"format": "pt"})
    expected = {
        # Token ids as F32 (exact for small integers) so that an f32-only reader can take them.
        "input_ids": ids.float(),
        "targets": targets.float(),
        "logits": logits.detach().float(),
        "loss": loss.detach().float(),                       # shape [] (a scalar)
    }
    for n, p in model.named_parameters():
        # wte.weight's gradient holds both uses of the tied matrix: embedding and LM head.
        expected["grad." + n] = p.grad.float()
    save_safetensors(os.path.join(out_dir, "expected.safetensors"), expected,
                     metadata={"generator": "tools/make_gpt2_fixture.py", "seed": TINY_SEED,
                               "torch": torch.__version__, "computed_in": "float64"})
    print(f"{out_dir}: loss {loss.item():.6f} (ln V = {math.log(TINY.vocab_size):.6f})")
    return model, ids, targets


def make_hf(out_dir):
    model, g = random_model(HF, HF_SEED)
    round_params_(model, torch.bfloat16)
    ids = torch.randint(0, HF.vocab_size, (1, HF_T), generator=g)
    with torch.no_grad():
        logits = model(ids)                                  # (1,T,V) float64

    # What GPT2LMHeadModel.save_pretrained() writes for a bf16 model: "transformer." names,
    # the tied head once more as lm_head.weight, and in each block the causal-mask buffer
    # attn.bias (bool, (1,1,n_positions,n_positions)) and attn.masked_bias (a scalar). A
    # loader reads the weights and ignores the buffers. Names are sorted, not in model order.
    tensors = {"transformer." + n: p.detach().to(torch.bfloat16) for n, p in model.named_parameters()}
    tensors["lm_head.weight"] = tensors["transformer.wte.weight"].clone()
    causal = torch.ones(HF.n_positions, HF.n_positions, dtype=torch.bool).tril()
    for i in range(HF.n_layer):
        tensors[f"transformer.h.{i}.attn.bias"] = causal.view(1, 1, HF.n_positions, HF.n_positions)
        tensors[f"transformer.h.{i}.attn.masked_bias"] = torch.tensor(-1e4, dtype=torch.bfloat16)
    tensors = dict(sorted(tensors.items()))

    os.makedirs(out_dir, exist_ok=True)
    write_config(os.path.join(out_dir, "config.json"), HF,
                 extra={"torch_dtype": "bfloat16"})
    save_safetensors(os.path.join(out_dir, "model.safetensors"), tensors, metadata={"format": "pt"})
    save_safetensors(os.path.join(out_dir, "expected.safetensors"),
                     {"input_ids": ids.float(), "logits": logits.float()},
                     metadata={"generator": "tools/make_gpt2_fixture.py", "seed": HF_SEED,
                               "torch": torch.__version__, "computed_in": "float64"})
    print(f"{out_dir}: logits for {HF_T} tokens")
    return model, ids


# --------------------------------------------------------------------------------------
# The reference's own sanity checks (--check). Not a test suite: a one-off proof that the
# numbers above come from a correct GPT-2.

def check(tiny_dir, hf_dir):
    torch.manual_seed(0)

    # 1. Reading the files back gives the same model and the same numbers.
    weights, _ = load_safetensors(os.path.join(tiny_dir, "model.safetensors"))
    expected, _ = load_safetensors(os.path.join(tiny_dir, "expected.safetensors"))
    model = GPTModel(TINY).double()
    model.load_state_dict({n: t.double() for n, t in weights.items()})
    ids, targets = expected["input_ids"].long(), expected["targets"].long()
    logits = model(ids)
    loss = loss_fn(logits, targets)
    loss.backward()
    assert torch.allclose(logits.float(), expected["logits"], rtol=0, atol=1e-6)
    assert abs(loss.item() - expected["loss"].item()) < 1e-6
    for n, p in model.named_parameters():
        assert torch.allclose(p.grad.float(), expected["grad." + n], rtol=0, atol=1e-7), n
    print("check: tiny fixture reloads and reproduces logits, loss and gradients")

    # 2. The loss is the mean over counted targets only, and equals -log softmax by hand.
    logp = logits.log_softmax(-1)
    keep = targets != -100
    manual = -logp[keep].gather(1, targets[keep].unsqueeze(1)).mean()
    assert abs(manual.item() - loss.item()) < 1e-12 and keep.sum().item() == TINY_B * TINY_T - len(TINY_IGNORED)
    print(f"check: loss {loss.item():.6f} is the mean over {keep.sum().item()} counted targets")

    # 3. A model with near-zero weights predicts uniformly: loss = ln V.
    small = GPTModel(TINY).double()
    init_gpt2(small, torch.Generator().manual_seed(1), std=1e-6)
    l0 = loss_fn(small(ids), targets).item()
    assert abs(l0 - math.log(TINY.vocab_size)) < 1e-6, l0
    print(f"check: near-zero weights give loss {l0:.8f} = ln {TINY.vocab_size} = {math.log(TINY.vocab_size):.8f}")

    # 4. Our GELU is the tanh formula, and the causal mask hides the future: changing the
    #    last token changes no logit before it.
    x = torch.linspace(-6, 6, 101, dtype=torch.float64)
    from torch_gpt2 import gelu_new
    formula = 0.5 * x * (1 + torch.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3)))
    assert torch.allclose(gelu_new(x), formula, rtol=0, atol=1e-15)
    with torch.no_grad():
        changed = ids.clone()
        changed[:, -1] = (changed[:, -1] + 1) % TINY.vocab_size
        assert torch.equal(model(changed)[:, :-1], model(ids)[:, :-1])
    print("check: gelu_new matches the tanh formula; no position sees a later token")

    # 5. Gradients against finite differences, in float64, through the whole model: the
    #    loss as a function of a few parameter tensors at a time (all of them would be slow).
    names = ["wte.weight", "h.0.ln_1.weight", "h.0.attn.c_attn.bias", "h.1.mlp.c_fc.weight", "ln_f.bias"]
    params = dict(model.named_parameters())
    for name in names:
        w = params[name].detach().clone().requires_grad_(True)
        assert torch.autograd.gradcheck(lambda w: _loss_with(model, name, w, ids, targets), (w,),
                                        eps=1e-6, atol=1e-7, rtol=1e-5)
    print(f"check: torch.autograd.gradcheck passes for {', '.join(names)}")

    # 6. A KV cache gives the same logits as running the whole sequence at once.
    with torch.no_grad():
        full = model(ids)
        caches = [{} for _ in range(TINY.n_layer)]
        steps = [model(ids[:, :4], caches)] + [model(ids[:, t:t + 1], caches) for t in range(4, TINY_T)]
        assert torch.allclose(torch.cat(steps, dim=1), full, rtol=0, atol=1e-12)
    print("check: KV-cached logits equal the full forward pass")

    # 7. The HF-layout variant: the buffers are ignorable, lm_head equals wte, and the
    #    bf16 weights reproduce the expected logits.
    weights, meta = load_safetensors(os.path.join(hf_dir, "model.safetensors"))
    expected, _ = load_safetensors(os.path.join(hf_dir, "expected.safetensors"))
    assert meta == {"format": "pt"}
    assert torch.equal(weights["lm_head.weight"], weights["transformer.wte.weight"])
    state = {n[len("transformer."):]: t.double() for n, t in weights.items()
             if n.startswith("transformer.") and not n.endswith((".attn.bias", ".attn.masked_bias"))}
    model = GPTModel(HF).double()
    model.load_state_dict(state)
    with torch.no_grad():
        logits = model(expected["input_ids"].long())
    assert torch.allclose(logits.float(), expected["logits"], rtol=0, atol=1e-6)
    print("check: HF-layout fixture reloads (prefix stripped, buffers ignored) and reproduces its logits")


def _loss_with(model, name, w, ids, targets):
    """The loss with parameter `name` replaced by tensor w (so gradcheck can vary w)."""
    module_name, _, attr = name.rpartition(".")
    module = model.get_submodule(module_name)
    original = module._parameters[attr]
    module._parameters[attr] = w
    try:
        return loss_fn(model(ids), targets)
    finally:
        module._parameters[attr] = original


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=FIXTURES, help="fixtures folder (default tests/fixtures)")
    ap.add_argument("--check", action="store_true", help="also run the reference's sanity checks")
    args = ap.parse_args()
    torch.set_num_threads(1)  # one thread: the same summation order on every machine
    tiny_dir = os.path.join(args.out, "gpt2-tiny")
    hf_dir = os.path.join(args.out, "gpt2-tiny-hf")
    make_tiny(tiny_dir)
    make_hf(hf_dir)
    if args.check:
        check(tiny_dir, hf_dir)


if __name__ == "__main__":
    main()
