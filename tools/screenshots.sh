#!/usr/bin/env bash
# Renders every lesson step (English and Korean) under Xvfb and copies one step per view to
# docs/screenshots/, the pictures README links. Run after a build: tools/screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for lang in en ko; do
  xvfb-run -a build/bin/glassbox --screenshot "$out/$lang" --lang "$lang" >/dev/null 2>&1
done
# docs name <- language/step file (NN-lesson-MM-step.png)
while read -r name shot; do
  cp "$out/$shot.png" "docs/screenshots/$name.png"
done <<'LIST'
pipeline en/01-what-is-an-llm-02-tokens-and-ids
next-token en/01-what-is-an-llm-06-sampling
loss-chart en/01-what-is-an-llm-05-learning
tokens en/02-working-with-text-04-gpt2-style
bpe en/02-working-with-text-03-bpe
tokenizer-compare en/02-working-with-text-05-compare
tokenizer-compare-ko ko/02-working-with-text-05-compare
sliding-window-ko ko/02-working-with-text-06-sliding-window
embeddings en/02-working-with-text-07-embeddings
embedding-sum en/02-working-with-text-08-positions
attention-causal-mask en/03-attention-03-causal
attention-heads en/03-attention-05-all-heads
attention-head-ko ko/03-attention-06-one-head
architecture en/04-architecture-01-two-models
attention-variants en/04-architecture-03-gqa
kv-cache en/04-architecture-04-kv-cache
moe-router en/04-architecture-05-moe
studio en/05-pretraining-06-glassbox-base
studio-ko ko/05-pretraining-01-studio
classifier en/07-classification-04-results
responses en/09-evaluation-01-exact-f1
LIST
echo "tools/screenshots.sh: docs/screenshots updated" >&2
