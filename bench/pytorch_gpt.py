#!/usr/bin/python3
"""The PyTorch counterpart of `glassbox-cli bench`: the same GPT-2, batch, context and threads.

    bench/pytorch_gpt.py train    --preset gpt2-124m|small --batch B --context T --steps N
    bench/pytorch_gpt.py generate --preset gpt2-124m|small --prompt-tokens P --new-tokens N

Each prints one JSON line on stdout (human text goes to stderr):
    train    {"tokens_per_sec", "step_ms", "params", ...}  full training steps: forward,
             cross-entropy, backward, gradient clipping, AdamW; after --warmup untimed steps.
    generate {"tokens_per_sec", ...}  greedy, batch 1, with a KV cache. tokens_per_sec counts
             the N new tokens over the whole call (prompt prefill + N-1 one-token steps);
             decode_tokens_per_sec leaves the prefill out.
Both add "cores_used": CPU time / wall time of the timed part. Near --threads the process
had the cores to itself; well below it, it waited: for cores another program held, or on
itself (one-token steps are too small to keep two threads busy).

Run with Debian's python3-torch (/usr/bin/python3) and libopenblas0-pthread installed; see
bench/setup. Weights are random (speed does not depend on them), tokens are random ids.
OPENBLAS_CORETYPE is set from the CPU flags unless already set (see _openblas_coretype).
"""

import argparse
import json
import os
import sys
import time


def _threads_from_argv(default=2):
    # The thread count must reach OpenBLAS before torch loads it, i.e. before argparse runs.
    for i, a in enumerate(sys.argv):
        if a == "--threads" and i + 1 < len(sys.argv):
            return sys.argv[i + 1]
        if a.startswith("--threads="):
            return a.split("=", 1)[1]
    return str(default)


def _openblas_coretype():
    """The OpenBLAS kernel family this CPU can run, or None to leave OpenBLAS to decide.

    OpenBLAS picks its kernels from the CPU model number. On virtual machines that report a
    generic "Intel Xeon Processor" it does not know the model and falls back to "Prescott"
    (SSE3 only), about 3x slower here; the CPU flags say what the CPU really runs.
    """
    try:
        with open("/proc/cpuinfo") as f:
            flags = next((line.split(":", 1)[1].split() for line in f if line.startswith("flags")), [])
    except OSError:
        return None
    if "avx512f" in flags and "avx512bw" in flags and "avx512dq" in flags and "avx512vl" in flags:
        return "SkylakeX"
    if "avx2" in flags and "fma" in flags:
        return "Haswell"
    return None


# All read once, when torch loads OpenMP and OpenBLAS, so they are set before `import torch`.
# PASSIVE: without it idle OpenMP threads spin and, on a 2-core machine, steal the cores
# from the threads that have work.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
os.environ.setdefault("OPENBLAS_NUM_THREADS", _threads_from_argv())
if "OPENBLAS_CORETYPE" not in os.environ and _openblas_coretype():
    os.environ["OPENBLAS_CORETYPE"] = _openblas_coretype()

import torch  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tools"))
from torch_gpt2 import PRESETS, GPTModel, init_gpt2, loss_fn  # noqa: E402


def _environment():
    return {"threads": torch.get_num_threads(), "torch": torch.__version__,
            "openblas_coretype": os.environ.get("OPENBLAS_CORETYPE", "auto")}


def build(preset, seed):
    cfg = PRESETS[preset]
    model = GPTModel(cfg)
    init_gpt2(model, torch.Generator().manual_seed(seed))
    return cfg, model


def bench_train(args):
    cfg, model = build(args.preset, args.seed)
    if args.context > cfg.n_positions:
        sys.exit(f"pytorch_gpt: --context {args.context} exceeds n_positions {cfg.n_positions}")
    model.train()
    # AdamW with decoupled weight decay on matrices only (not on biases and LayerNorms), as
    # GPT-2 training does and as the engine's trainer does.
    decay = [p for p in model.parameters() if p.dim() >= 2]
    no_decay = [p for p in model.parameters() if p.dim() < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.1},
                             {"params": no_decay, "weight_decay": 0.0}],
                            lr=3e-4, betas=(0.9, 0.95), eps=1e-8, foreach=True)
    g = torch.Generator().manual_seed(args.seed + 1)

    def step():
        seq = torch.randint(0, cfg.vocab_size, (args.batch, args.context + 1), generator=g)
        x, y = seq[:, :-1], seq[:, 1:]                           # (B,T) inputs and next tokens
        loss = loss_fn(model(x), y)                              # logits (B,T,V)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        return loss.item()                                       # .item() waits for the step

    for _ in range(args.warmup):
        step()
    times, loss = [], None
    cpu0 = time.process_time()
    for i in range(args.steps):
        t0 = time.perf_counter()
        loss = step()
        times.append(time.perf_counter() - t0)
        print(f"step {i + 1}/{args.steps}: {times[-1] * 1000:.0f} ms, loss {loss:.4f}", file=sys.stderr)
    total = sum(times)
    cores_used = (time.process_time() - cpu0) / total
    return {
        "workload": "train", "preset": args.preset, "batch": args.batch, "context": args.context,
        "steps": args.steps, **_environment(),
        "tokens_per_sec": args.batch * args.context * args.steps / total,
        "step_ms": 1000 * total / args.steps,
        # The fastest step: on a shared machine, the closest to what the code itself can do.
        "step_ms_min": 1000 * min(times),
        "tokens_per_sec_best": args.batch * args.context / min(times),
        "params": model.num_params(),
        "loss": loss,
        "cores_used": cores_used,
    }


@torch.inference_mode()
def generate(model, prompt, new_tokens):
    """Greedy decoding with a KV cache. prompt (1,P) -> (generated ids, prefill s, total s)."""
    caches = [{} for _ in model.h]                   # per layer: k, v of (1,H,t,D), grown by append
    t0 = time.perf_counter()
    logits = model(prompt, caches)                   # (1,P,V): one pass over the whole prompt
    nxt = logits[:, -1].argmax(-1, keepdim=True)     # (1,1)
    t_prefill = time.perf_counter() - t0
    out = [nxt.item()]
    for _ in range(new_tokens - 1):                  # each step feeds one token: (1,1) -> (1,1,V)
        nxt = model(nxt, caches)[:, -1].argmax(-1, keepdim=True)
        out.append(nxt.item())
    return out, t_prefill, time.perf_counter() - t0


def bench_generate(args):
    cfg, model = build(args.preset, args.seed)
    if args.prompt_tokens + args.new_tokens > cfg.n_positions:
        sys.exit(f"pytorch_gpt: prompt + new tokens exceed n_positions {cfg.n_positions}")
    model.eval()
    g = torch.Generator().manual_seed(args.seed + 1)
    prompt = torch.randint(0, cfg.vocab_size, (1, args.prompt_tokens), generator=g)
    generate(model, prompt, min(4, args.new_tokens))  # warm-up: first-touch memory, allocator
    cpu0 = time.process_time()
    ids, t_prefill, total = generate(model, prompt, args.new_tokens)
    cores_used = (time.process_time() - cpu0) / total
    decode = total - t_prefill
    return {
        "workload": "generate", "preset": args.preset, "prompt_tokens": args.prompt_tokens,
        "new_tokens": args.new_tokens, **_environment(),
        "tokens_per_sec": args.new_tokens / total,
        "decode_tokens_per_sec": (args.new_tokens - 1) / decode if args.new_tokens > 1 else None,
        "prefill_ms": 1000 * t_prefill,
        "params": model.num_params(),
        "cores_used": cores_used,
    }


def main():
    ap = argparse.ArgumentParser(description="PyTorch side of glassbox-cli bench")
    sub = ap.add_subparsers(dest="workload", required=True)
    for name in ("train", "generate"):
        p = sub.add_parser(name)
        p.add_argument("--preset", choices=sorted(PRESETS), default="gpt2-124m")
        p.add_argument("--threads", type=int, default=2)
        p.add_argument("--seed", type=int, default=1)
        if name == "train":
            p.add_argument("--batch", type=int, default=4)
            p.add_argument("--context", type=int, default=256)
            p.add_argument("--steps", type=int, default=3)
            p.add_argument("--warmup", type=int, default=1)
        else:
            p.add_argument("--prompt-tokens", type=int, default=16)
            p.add_argument("--new-tokens", type=int, default=64)
    args = ap.parse_args()
    counts = ["threads", "batch", "context", "steps", "prompt_tokens", "new_tokens"]
    for name in counts:
        if getattr(args, name, 1) < 1:
            ap.error(f"--{name.replace('_', '-')} must be at least 1")
    if getattr(args, "warmup", 0) < 0:
        ap.error("--warmup must be at least 0")
    torch.set_num_threads(args.threads)
    result = bench_train(args) if args.workload == "train" else bench_generate(args)
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
