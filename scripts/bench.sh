#!/usr/bin/env bash
# Benchmarks (npm run bench; not tests): NeuroStep's training and kernel speed natively and in
# WebAssembly under Node next to TensorFlow.js's wasm backend, all in one run with their ratios
# (bench/wasm_bench.mjs, which runs bench/engine_bench.cpp in both builds), and the page when its
# benchmarks exist (Play on the spiral; one Fashion-MNIST epoch).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh

echo "== native, WebAssembly (Node) and TensorFlow.js wasm"
node bench/wasm_bench.mjs "$@"

echo "== loss landscape (WebAssembly in Node)"
node bench/landscape_bench.mjs

if [ -f bench/page_bench.mjs ]; then
  echo "== page (headless Chromium)"
  node bench/page_bench.mjs
fi

if [ -f bench/fashion_epoch_bench.mjs ]; then
  echo "== one Fashion-MNIST epoch in the page (headless Chromium)"
  node bench/fashion_epoch_bench.mjs
fi

# The page's 10-minute memory soak (issue 18): only when asked for, NEUROSTEP_SOAK=1 npm run bench.
if [ "${NEUROSTEP_SOAK:-0}" != 0 ] && [ -f bench/page_soak.mjs ]; then
  echo "== page memory soak, 10 minutes (headless Chromium)"
  node bench/page_soak.mjs
fi
