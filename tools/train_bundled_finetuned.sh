#!/usr/bin/env bash
# Rebuilds the two finetuned models bundled beside glassbox-base, with glassbox-cli alone:
#   resources/models/glassbox-classifier   spam / not spam: glassbox-base + a 2-class head on
#                                          the last token, every weight finetuned on the
#                                          SpamAssassin corpus (balanced, split 70/10/20, seed 123)
#   resources/models/glassbox-chat         glassbox-base instruction-finetuned on
#                                          resources/datasets/instructions (Alpaca format)
# Both stored as f16, each with training_log.json (every logged line, the command, the time).
# The work folder (build/bundled-finetuned) keeps the f32 results.
#
# usage: tools/train_bundled_finetuned.sh [classifier|chat|all]   (env: GLASSBOX_CLI, BUNDLED_WORK,
#                                                                   BASE, CLASSIFY_EPOCHS, CHAT_EPOCHS)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cli=${GLASSBOX_CLI:-$root/build/bin/glassbox-cli}
work=${BUNDLED_WORK:-$root/build/bundled-finetuned}
base=${BASE:-$root/resources/models/glassbox-base}
what=${1:-all}
classify_epochs=${CLASSIFY_EPOCHS:-3}
chat_epochs=${CHAT_EPOCHS:-4}

[[ -x $cli ]] || { echo "train_bundled_finetuned.sh: $cli not found (build first: cmake --build build --target glassbox-cli)" >&2; exit 1; }
[[ -f $base/config.json ]] || { echo "train_bundled_finetuned.sh: $base not found (run tools/train_bundled.sh first)" >&2; exit 1; }
mkdir -p "$work"
# What the log records as the base: the bundled one, or the folder BASE named.
base_note=glassbox-base
[[ $base == "$root/resources/models/glassbox-base" ]] || base_note=$base
cpu=$(grep -m1 "model name" /proc/cpuinfo | sed 's/.*: //; s/"/\\"/g' || echo unknown)

# install NAME ARGS_TEXT SECONDS: copies the work folder's model into resources/models/NAME
# (through temporary names, so the folder never holds half a model) with its training log.
install() {
  local name=$1 args=$2 seconds=$3 out=$root/resources/models/$1
  mkdir -p "$out"
  for f in config.json model.safetensors tokenizer.json; do cp "$work/$name/$f" "$out/.$f.tmp"; done
  {
    printf '{\n  "model": "%s",\n  "base": "%s",\n' "$name" "$base_note"
    printf '  "command": "tools/train_bundled_finetuned.sh",\n  "arguments": "%s",\n' "$args"
    printf '  "seconds": %s,\n  "threads": %s,\n  "cpu": "%s",\n  "log": [\n' "$seconds" "$(nproc)" "$cpu"
    sed '$!s/$/,/' "$work/$name.jsonl"
    printf '  ]\n}\n'
  } > "$out/.training_log.json.tmp"
  for f in config.json model.safetensors tokenizer.json training_log.json; do mv "$out/.$f.tmp" "$out/$f"; done
  echo "train_bundled_finetuned.sh: $name written to $out in ${seconds}s" >&2
}

if [[ $what == classifier || $what == all ]]; then
  args="--train all --epochs $classify_epochs --batch 8 --lr 3e-4 --max-tokens 128 --seed 123 --split-seed 123 --eval-every 50 --dtype f16"
  started=$(date +%s)
  # shellcheck disable=SC2086
  "$cli" finetune classify --model "$base" --out "$work/glassbox-classifier" $args | tee "$work/glassbox-classifier.jsonl"
  install glassbox-classifier "$args" $(( $(date +%s) - started ))
fi

if [[ $what == chat || $what == all ]]; then
  args="--data resources/datasets/instructions --epochs $chat_epochs --batch 8 --lr 5e-4 --seed 123 --eval-every 50 --show 10 --dtype f16"
  started=$(date +%s)
  # shellcheck disable=SC2086
  (cd "$root" && "$cli" finetune instruct --model "$base" --out "$work/glassbox-chat" $args) | tee "$work/glassbox-chat.jsonl"
  install glassbox-chat "$args" $(( $(date +%s) - started ))
fi
