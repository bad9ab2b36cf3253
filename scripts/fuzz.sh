#!/usr/bin/env bash
# Fuzzes every parser and the trainer's API with libFuzzer (clang, AddressSanitizer and
# UndefinedBehaviorSanitizer), and the model-file readers written in JavaScript with
# tests/fuzz/js/fuzz_model_files.mjs (target js_model_files):
#   scripts/fuzz.sh [seconds, default 20] [target...]   (default: all five)
# npm test runs 20 s and npm run fuzz 1800 s (30 minutes). The targets run at the same time, each
# for that long, from their seed corpora in tests/fuzz/corpus/<target>/.
# A run of a minute or more keeps what it finds in build/fuzz/corpus/<target>/ for the next one;
# a shorter one (npm test) starts from the seeds alone, so that its time does not grow.
# A crash, a sanitizer report, an exception other than neurostep::Error, an input taking over
# 5 s or a process over 2 GB fails the script, and the input is left in build/fuzz/artifacts/
# for a regression test (tests/cpp/regression_test.cpp). The JavaScript target's findings (an
# exception without a message id, a hang, a leak) go to build/fuzz/artifacts-js/ (tests/fuzz/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
shift || true
all=(fuzz_csv fuzz_model_json fuzz_trainer fuzz_images js_model_files)
targets=("${@:-${all[@]}}")
cpp_targets=()
for target in "${targets[@]}"; do
  [[ " ${all[*]} " == *" $target "* ]] || { echo "fuzz: unknown target $target (targets: ${all[*]})" >&2; exit 2; }
  [ "$target" = js_model_files ] || cpp_targets+=("$target")
done
jobs=$(nproc 2>/dev/null || echo 2)

if [ ${#cpp_targets[@]} -gt 0 ]; then
  echo "fuzz: building the targets (build/fuzz)"
  CXX=clang++ cmake -S . -B build/fuzz -DNEUROSTEP_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build build/fuzz -j"$jobs" --target fuzz_targets
fi
if [[ " ${targets[*]} " == *" js_model_files "* ]]; then
  # The JavaScript readers run on the WebAssembly engine (web/public/wasm), as scripts/build.sh makes it.
  if [ -f build/wasm/CMakeCache.txt ]; then
    NODE_PATH=/usr/share/nodejs cmake --build build/wasm -j"$jobs"
  elif [ ! -f web/public/wasm/neurostep.wasm ]; then
    echo "fuzz: building the WebAssembly module (build/wasm)"
    NODE_PATH=/usr/share/nodejs emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release >/dev/null
    NODE_PATH=/usr/share/nodejs cmake --build build/wasm -j"$jobs"
  fi
fi

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
mkdir -p build/fuzz/artifacts
echo "fuzz: ${targets[*]}, ${seconds}s each, side by side"
pids=()
for target in "${targets[@]}"; do
  if [ "$target" = js_model_files ]; then
    # Its own driver: a fixed seed under a minute, a fresh one (printed) beyond.
    node tests/fuzz/js/fuzz_model_files.mjs "$seconds" >"build/fuzz/$target.log" 2>&1 &
    pids+=($!)
    continue
  fi
  if [ "$seconds" -ge 60 ]; then
    corpus=build/fuzz/corpus/$target
  else
    corpus=build/fuzz/corpus-short/$target
    rm -rf "$corpus"
  fi
  mkdir -p "$corpus"
  options=(-max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -print_final_stats=1
           -artifact_prefix="build/fuzz/artifacts/$target-")
  # Short runs (npm test) use a fixed seed, so that CI explores the same inputs every time and a
  # failure reproduces; longer runs (npm run fuzz) draw a new seed to search further.
  [ "$seconds" -lt 60 ] && options+=(-seed=1)
  [ -f "tests/fuzz/$target.dict" ] && options+=(-dict="tests/fuzz/$target.dict")
  # Saved model files are a few kilobytes; CSV text and trainer call sequences need less.
  [ "$target" = fuzz_model_json ] && options+=(-max_len=16384) || options+=(-max_len=4096)
  build/fuzz/$target "${options[@]}" "$corpus" "tests/fuzz/corpus/$target" >"build/fuzz/$target.log" 2>&1 &
  pids+=($!)
done

failed=0
for i in "${!targets[@]}"; do
  target=${targets[$i]}
  log=build/fuzz/$target.log
  artifacts=build/fuzz/artifacts/
  [ "$target" = js_model_files ] && artifacts=build/fuzz/artifacts-js/
  if wait "${pids[$i]}"; then
    echo "fuzz: $target: $(grep -E '^Done|^fuzz-js: [0-9]+ inputs' "$log" || echo 'done')"
  else
    tail -n 60 "$log" >&2
    echo "fuzz: $target found a bug; its input is in $artifacts (full log: $log)" >&2
    failed=1
  fi
done
exit $failed
