#!/usr/bin/env bash
# Benchmarks (npm run bench; not tests): training speed of the article's network natively, in
# WebAssembly under Node next to TensorFlow.js, and in the page when its benchmark exists.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh

echo "== native"
build/native/neurostep_bench

echo "== WebAssembly and TensorFlow.js (Node)"
node bench/wasm_bench.mjs

if [ -f bench/page_bench.mjs ]; then
  echo "== page (headless Chromium)"
  node bench/page_bench.mjs
fi

# The page's 10-minute memory soak (issue 18): only when asked for, NEUROSTEP_SOAK=1 npm run bench.
if [ "${NEUROSTEP_SOAK:-0}" != 0 ] && [ -f bench/page_soak.mjs ]; then
  echo "== page memory soak, 10 minutes (headless Chromium)"
  node bench/page_soak.mjs
fi
