#!/usr/bin/env bash
# Runs every test: native (Catch2 through CTest), WebAssembly (Node's test runner) and browser
# (playwright-core driving Debian's Chromium, also through Node's test runner).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh

echo "== native tests (ctest)"
ctest --test-dir build/native --output-on-failure -j2

shopt -s nullglob
wasm_tests=(tests/wasm/*.test.mjs)
if [ ${#wasm_tests[@]} -gt 0 ]; then
  echo "== WebAssembly tests (node --test)"
  node --test --test-concurrency=1 "${wasm_tests[@]}"
fi
browser_tests=(tests/browser/*.test.mjs)
if [ ${#browser_tests[@]} -gt 0 ]; then
  echo "== browser tests (node --test, headless Chromium)"
  node --test --test-concurrency=1 "${browser_tests[@]}"
fi
