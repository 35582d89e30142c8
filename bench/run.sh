#!/usr/bin/env bash
# Measures Glassbox and PyTorch on the same workloads in one run and prints a Markdown table.
#
#   bench/run.sh                 both sides (needs build/bin/glassbox-cli: run scripts/test first)
#   bench/run.sh --pytorch-only  only the PyTorch side (bench/pytorch_gpt.py)
#
# Same model, batch, context and thread count on both sides. Each workload runs Glassbox and
# then PyTorch, one after the other (never at once: they would share the cores), so a change
# in machine load hits both. Raw JSON lines go to bench/out/. The table goes to stdout,
# progress to stderr. Environment:
#   GLASSBOX_CLI           the binary (default build/bin/glassbox-cli)
#   GLASSBOX_DEVICE        --device for glassbox-cli (default cpu; empty: leave it out)
#   GLASSBOX_SMALL_PRESET  glassbox-cli's name for the small teaching preset (default gpt-mini)
#   BENCH_THREADS          threads for PyTorch (default 2, the cores of our reference machine)
set -euo pipefail
cd "$(dirname "$0")/.."

pytorch_only=0
case "${1:-}" in
  "") ;;
  --pytorch-only) pytorch_only=1 ;;
  *) echo "usage: bench/run.sh [--pytorch-only]" >&2; exit 2 ;;
esac

cli=${GLASSBOX_CLI:-build/bin/glassbox-cli}
device=${GLASSBOX_DEVICE-cpu}
small=${GLASSBOX_SMALL_PRESET:-gpt-mini}
threads=${BENCH_THREADS:-2}
py=/usr/bin/python3

if ((!pytorch_only)) && ! [ -x "$cli" ]; then
  echo "bench/run.sh: $cli not found; build it first (scripts/test), or run with --pytorch-only" >&2
  exit 1
fi
if ! "$py" -c 'import torch' 2>/dev/null; then
  echo "bench/run.sh: $py cannot import torch; run bench/setup" >&2
  exit 1
fi

dev_args=()
[ -n "$device" ] && dev_args=(--device "$device")

# label | glassbox-cli arguments | bench/pytorch_gpt.py arguments
workloads=(
  "train gpt2-124m, batch 4, context 256|bench train --model gpt2-124m --batch 4 --context 256 --steps 3|train --preset gpt2-124m --batch 4 --context 256 --steps 3"
  "train small, batch 8, context 128|bench train --model $small --batch 8 --context 128 --steps 3|train --preset small --batch 8 --context 128 --steps 3"
  "generate gpt2-124m, 16 + 64 tokens|bench generate --model gpt2-124m --prompt-tokens 16 --max-new-tokens 64|generate --preset gpt2-124m --prompt-tokens 16 --new-tokens 64"
  "generate small, 16 + 64 tokens|bench generate --model $small --prompt-tokens 16 --max-new-tokens 64|generate --preset small --prompt-tokens 16 --new-tokens 64"
)

mkdir -p bench/out
raw="bench/out/$(date -u +%Y%m%dT%H%M%SZ).jsonl"

# tokens_per_sec from the last JSON object line of a command's stdout.
tokens_per_sec() {
  "$py" -c 'import json, sys
lines = [l for l in sys.stdin.read().splitlines() if l.strip().startswith("{")]
print("%.1f" % json.loads(lines[-1])["tokens_per_sec"])'
}

rows=()
for w in "${workloads[@]}"; do
  IFS='|' read -r label gb_args pt_args <<<"$w"
  gb="—"
  if ((!pytorch_only)); then
    echo "bench/run.sh: glassbox: $label" >&2
    # shellcheck disable=SC2086  # the argument lists above are meant to split on spaces
    if ! out=$("$cli" $gb_args "${dev_args[@]}"); then
      echo "bench/run.sh: glassbox-cli $gb_args failed" >&2
      exit 1
    fi
    echo "{\"side\":\"glassbox\",\"label\":\"$label\",\"result\":$(tail -n1 <<<"$out")}" >>"$raw"
    gb=$(tokens_per_sec <<<"$out")
  fi
  echo "bench/run.sh: pytorch:  $label" >&2
  # shellcheck disable=SC2086
  if ! out=$("$py" bench/pytorch_gpt.py $pt_args --threads "$threads"); then
    echo "bench/run.sh: bench/pytorch_gpt.py $pt_args failed" >&2
    exit 1
  fi
  echo "{\"side\":\"pytorch\",\"label\":\"$label\",\"result\":$(tail -n1 <<<"$out")}" >>"$raw"
  pt=$(tokens_per_sec <<<"$out")
  ratio="—"
  [ "$gb" != "—" ] && ratio=$("$py" -c "print('%.2f×' % ($gb / $pt))")
  rows+=("| $label | $gb | $pt | $ratio |")
done

echo "| workload | Glassbox tok/s | PyTorch tok/s | Glassbox / PyTorch |"
echo "|---|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
echo
pressure=""
# Linux's CPU pressure: the share of the last minute in which some task waited for a core.
[ -r /proc/pressure/cpu ] && pressure=", CPU pressure (some, avg60) $(awk '/^some/{sub("avg60=", "", $3); print $3 "%"}' /proc/pressure/cpu)"
echo "$(nproc) cores, $threads threads, $(uname -m); after the run: load average $(cut -d' ' -f1-3 /proc/loadavg)$pressure. Raw results: $raw"
