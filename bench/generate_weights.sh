#!/usr/bin/env bash
# Generation speed of GPT-2 124M with f32, bf16 and f16 weights, beside PyTorch's KV-cache
# loop (bench/pytorch_gpt.py, f32) in the same run, and the time to open a 124M model
# directory (safetensors, memory-mapped).
#
#   bench/generate_weights.sh [DIR]    DIR: a gpt2-124m model directory (HF layout); made
#                                      once under bench/out/gpt2-124m-dir when not given
#
# Each setting runs `glassbox-cli bench generate --weights W` (greedy, 16 prompt tokens, 64
# new, KV cache) ROUNDS times (default 5), interleaved with the others and with PyTorch, so a
# change in the machine's load hits all of them. Prints one JSON line per run
# (tokens_per_sec, decode_tokens_per_sec, load_seconds, weight_bytes, weights), then a table
# of medians and ranges. PyTorch is skipped when /usr/bin/python3 cannot import torch (bench/setup).
set -euo pipefail
cd "$(dirname "$0")/.."
cli=${GLASSBOX_CLI:-build/bin/glassbox-cli}
[ -x "$cli" ] || { echo "bench/generate_weights.sh: $cli is missing (build it first)" >&2; exit 1; }
dir=${1:-bench/out/gpt2-124m-dir}
if [ ! -f "$dir/model.safetensors" ]; then
  # A random gpt2-124m saved by one tiny training step (the directory is what is timed).
  mkdir -p bench/out
  head -c 20000 /usr/share/common-licenses/GPL-3 > bench/out/tiny-corpus.txt
  "$cli" train --model gpt2-124m --data bench/out/tiny-corpus.txt --out "$dir" --steps 1 --batch 1 --context 8 >/dev/null
fi
cat "$dir/model.safetensors" > /dev/null  # the file in the page cache: open time, not disk time
py=/usr/bin/python3
torch=0
"$py" -c 'import torch' 2>/dev/null && torch=1
mkdir -p bench/out
log=bench/out/generate_weights.jsonl
: > "$log"
for ((round = 1; round <= ${ROUNDS:-5}; round++)); do
  for w in f32 bf16 f16; do
    "$cli" bench generate --model "$dir" --weights "$w" --prompt-tokens 16 --max-new-tokens 64 | tee -a "$log"
  done
  if ((torch)); then
    OMP_WAIT_POLICY=PASSIVE "$py" bench/pytorch_gpt.py generate --preset gpt2-124m --prompt-tokens 16 --new-tokens 64 |
      tee -a "$log"
  fi
done
"$py" - "$log" <<'PY'
import json, statistics, sys
runs = {}
for line in open(sys.argv[1]):
    j = json.loads(line)
    key = "PyTorch 1.13, f32" if j.get("workload") == "generate" else "Glassbox, " + j["weights"]
    runs.setdefault(key, []).append(j)
print("| GPT-2 124M, 2 threads, 16 + 64 tokens | tokens/s median (range) | decode only | weights in memory | open the directory |")
print("|---|---:|---:|---:|---:|")
for key, rs in runs.items():
    t = [r["tokens_per_sec"] for r in rs]
    d = [r["decode_tokens_per_sec"] for r in rs]
    load = [r["load_seconds"] for r in rs if "load_seconds" in r]
    opened = f"{statistics.median(load):.2f} s" if load else ""
    held = [r["weight_bytes"] for r in rs if "weight_bytes" in r]
    memory = f"{held[0] / 1e6:.0f} MB" if held else ""
    print(f"| {key} | {statistics.median(t):.1f} ({min(t):.1f}–{max(t):.1f}) | {statistics.median(d):.1f} | {memory} | {opened} |")
PY
