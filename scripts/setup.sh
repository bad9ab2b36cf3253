#!/usr/bin/env bash
# Installs what NeuroStep needs and is missing: Debian packages (as root, via apt-get) and the
# npm packages of the lock file. Quick when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian package -> a file that shows it is installed.
declare -A probes=(
  [cmake]=/usr/bin/cmake
  [g++]=/usr/bin/g++
  [clang]=/usr/bin/clang
  [libclang-rt-14-dev]=/usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.asan-x86_64.a
  [libeigen3-dev]=/usr/include/eigen3/Eigen/Core
  [catch2]=/usr/include/catch2/catch.hpp
  [nlohmann-json3-dev]=/usr/include/nlohmann/json.hpp
  [emscripten]=/usr/bin/emcc
  [chromium]=/usr/bin/chromium
  # CJK glyphs, so that the browser tests' screenshots of the Chinese page show real characters.
  [fonts-noto-cjk]=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
  [nodejs]=/usr/bin/node
  [npm]=/usr/bin/npm
  [python3]=/usr/bin/python3
)
# Test-only Debian packages, installed by `npm test` (setup.sh --test), not by `npm start`:
# python3-torch runs the exported PyTorch scripts (tests/wasm/pytorch_export.test.mjs), from
# /usr/bin/python3.
declare -A test_probes=(
  [python3-torch]=/usr/lib/python3/dist-packages/torch/__init__.py
)
if [ "${1:-}" = "--test" ]; then
  for pkg in "${!test_probes[@]}"; do probes[$pkg]=${test_probes[$pkg]}; done
fi
missing=()
for pkg in "${!probes[@]}"; do
  [ -e "${probes[$pkg]}" ] || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: these packages are missing and installing them needs root: ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm packages: install when node_modules is missing or older than the lock file.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error
fi

# The image datasets' sources: Debian's packages, fetched with apt-get download (no root needed)
# and unpacked into build/debian/root; scripts/datasets.sh converts them. python3-sklearn is only
# unpacked, not installed, so numpy and scipy are not needed.
dataset_debs=(python3-sklearn dataset-fashion-mnist)
probe_files=(build/debian/root/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz
             build/debian/root/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz)
if [ ! -f "${probe_files[0]}" ] || [ ! -f "${probe_files[1]}" ]; then
  echo "setup: fetching the image datasets' Debian packages (${dataset_debs[*]})"
  mkdir -p build/debian/root
  if ! (cd build/debian && apt-get download "${dataset_debs[@]}" >/dev/null 2>&1); then
    if [ "$(id -u)" -eq 0 ]; then
      apt-get update -qq
      (cd build/debian && apt-get download "${dataset_debs[@]}" >/dev/null)
    else
      echo "setup: apt-get download ${dataset_debs[*]} failed; run apt-get update (as root) first" >&2
      exit 1
    fi
  fi
  for deb in build/debian/*.deb; do dpkg -x "$deb" build/debian/root; done
fi
