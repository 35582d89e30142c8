#!/usr/bin/env bash
# Generation speed of GPT-2 124M with f32, bf16 and f16 weights, side by side in one run,
# and the time to open a 124M model directory (safetensors, memory-mapped).
#
#   bench/generate_weights.sh [DIR]    DIR: a gpt2-124m model directory (HF layout); made
#                                      once under bench/out/gpt2-124m-dir when not given
#
# Each setting runs `glassbox-cli bench generate --weights W` (greedy, 16 prompt tokens, 64
# new, KV cache) three times, interleaved, so a change in machine load hits all three. Prints
# one JSON line per run: tokens_per_sec, decode_tokens_per_sec, load_seconds, weights.
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
for round in 1 2 3; do
  for w in f32 bf16 f16; do
    "$cli" bench generate --model "$dir" --weights "$w" --prompt-tokens 16 --max-new-tokens 64
  done
done
