#!/usr/bin/env bash
# Runs every test: native (Catch2 through CTest, then again under ASan + UBSan), a short fuzzing
# run, WebAssembly (Node's test runner) and browser (playwright-core driving Debian's Chromium,
# also through Node's test runner).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh

echo "== native tests (ctest)"
ctest --test-dir build/native --output-on-failure -j2

# The same tests built with clang under AddressSanitizer and UndefinedBehaviorSanitizer: any
# report (a leak included) stops the run and fails it.
echo "== native tests under AddressSanitizer + UndefinedBehaviorSanitizer (build/asan)"
CXX=clang++ cmake -S . -B build/asan -DNEUROSTEP_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build/asan -j"$(nproc 2>/dev/null || echo 2)" --target neurostep_tests
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  build/asan/neurostep_tests

# Every parser, the trainer's API and the JavaScript model-file readers, fuzzed briefly from the
# seed corpora (npm run fuzz: longer).
echo "== fuzzing (libFuzzer and the JavaScript model-file readers, 20 s per target)"
bash scripts/fuzz.sh 20

shopt -s nullglob
i18n_tests=(tests/i18n/*.test.mjs)
if [ ${#i18n_tests[@]} -gt 0 ]; then
  echo "== language catalogues (node --test)"
  node --test --test-concurrency=1 "${i18n_tests[@]}"
fi
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
