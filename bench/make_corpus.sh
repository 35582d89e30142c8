#!/usr/bin/env bash
# Writes the tokenizer benchmark's text to $1 (default bench/out/corpus.txt): English prose
# (the licence texts every Debian system has), C++ source (libstdc++'s headers, with their
# tabs and indentation) and the tests' multilingual corpus, about 5 MB, the same on every
# Debian 12 machine.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-bench/out/corpus.txt}
mkdir -p "$(dirname "$out")"
{
  cat /usr/share/common-licenses/{GPL-3,LGPL-3,Apache-2.0,MPL-2.0,GFDL-1.3,Artistic,CC0-1.0}
  cat /usr/include/c++/12/bits/*.h
  cat tests/fixtures/tokenizer/corpus/*.txt
} > "$out"
echo "$out"
