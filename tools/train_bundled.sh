#!/usr/bin/env bash
# Rebuilds the bundled model resources/models/glassbox-base with glassbox-cli alone:
#   1. the default corpus (Moby-Dick, chapters in book order) as one text file,
#   2. a byte-level BPE of 4096 tokens trained on it,
#   3. a GPT-2-style model (tools/bundled/glassbox-base.config.json: 4 layers, 256 wide,
#      4 heads, context 256, ~4.3 M parameters) trained from seed 1234, stored as f16,
#   4. config.json, model.safetensors, tokenizer.json and training_log.json (every step's
#      loss, the command, the time it took) copied into resources/models/glassbox-base/.
# The optimizer state stays in the work folder (build/bundled), so an interrupted run
# continues with:  tools/train_bundled.sh --resume
#
# usage: tools/train_bundled.sh [--resume]          (env: GLASSBOX_CLI, BUNDLED_WORK, STEPS)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cli=${GLASSBOX_CLI:-$root/build/bin/glassbox-cli}
work=${BUNDLED_WORK:-$root/build/bundled}
out=$root/resources/models/glassbox-base
config=$root/tools/bundled/glassbox-base.config.json
steps=${STEPS:-700}
resume=()
[[ ${1:-} == --resume ]] && resume=(--resume)

[[ -x $cli ]] || { echo "train_bundled.sh: $cli not found (build first: cmake --build build --target glassbox-cli)" >&2; exit 1; }
mkdir -p "$work" "$out"
started=$(date +%s)

if [[ ${#resume[@]} -eq 0 ]]; then
  "$cli" corpus --name moby-dick --out "$work/moby-dick.txt" >&2
  "$cli" train-tokenizer --data "$work/moby-dick.txt" --vocab-size 4096 --out "$work/tokenizer.json" >&2
  rm -rf "$work/glassbox-base"
  : > "$work/glassbox-base.jsonl"
fi

# One JSON line per step; the log keeps every line, also across a --resume.
"$cli" train --model "$config" --tokenizer "$work/tokenizer.json" --data "$work/moby-dick.txt" \
  --out "$work/glassbox-base" --steps "$steps" --batch 8 --context 256 --lr 1e-3 --warmup 50 \
  --weight-decay 0.1 --grad-clip 1.0 --seed 1234 --eval-every 50 --eval-batches 8 --val-fraction 0.1 \
  --dtype f16 "${resume[@]}" | tee -a "$work/glassbox-base.jsonl"

seconds=$(( $(date +%s) - started ))
[[ ${#resume[@]} -eq 0 ]] || seconds="null"  # a resumed run's time is only part of the whole
cpu=$(grep -m1 "model name" /proc/cpuinfo | sed 's/.*: //; s/"/\\"/g' || echo unknown)

# Files go to temporary names first and are renamed into place, so the folder never holds
# half a model.
for f in config.json model.safetensors tokenizer.json; do
  cp "$work/glassbox-base/$f" "$out/.$f.tmp"
done
{
  printf '{\n  "model": "glassbox-base",\n'
  printf '  "command": "tools/train_bundled.sh",\n'
  printf '  "corpus": "moby-dick",\n  "tokenizer": "byte-level BPE, 4096 tokens, trained on the corpus",\n'
  printf '  "steps": %s, "batch": 8, "context": 256, "lr": 0.001, "warmup": 50, "seed": 1234,\n' "$steps"
  printf '  "seconds": %s,\n  "threads": %s,\n  "cpu": "%s",\n' "$seconds" "$(nproc)" "$cpu"
  printf '  "log": [\n'
  sed '$!s/$/,/' "$work/glassbox-base.jsonl"
  printf '  ]\n}\n'
} > "$out/.training_log.json.tmp"
for f in config.json model.safetensors tokenizer.json training_log.json; do
  mv "$out/.$f.tmp" "$out/$f"
done
echo "train_bundled.sh: glassbox-base written to $out in ${seconds}s" >&2
