#!/usr/bin/env bash
# Builds everything that is out of date: the native tool and tests, the WebAssembly module,
# and the page. Each step is incremental (CMake and Vite skip what has not changed).
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)

echo "build: native (build/native)"
cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/native -j"$jobs"

# The engine's catalogue (every name, default and range the core accepts) as the page is built
# with it: web/src/engine/catalogue.json and names.d.ts (scripts/catalogue.mjs; not in git).
node scripts/catalogue.mjs

echo "build: image datasets (build/datasets, web/public/datasets)"
bash scripts/datasets.sh

if [ -f cmake/wasm.cmake ]; then
  echo "build: WebAssembly (build/wasm)"
  # Debian's emcc needs its own node modules (acorn) on NODE_PATH.
  export NODE_PATH=/usr/share/nodejs
  [ -f build/wasm/CMakeCache.txt ] || emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build/wasm -j"$jobs"
fi

if [ -f web/vite.config.ts ]; then
  echo "build: page (web/dist)"
  npx vite build --config web/vite.config.ts --logLevel warn
fi
