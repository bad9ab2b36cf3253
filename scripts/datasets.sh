#!/usr/bin/env bash
# Makes the image datasets from Debian's packages (scripts/setup.sh fetches and unpacks them into
# build/debian/): NeuroStep image sets (cpp/core/idx.hpp) in build/datasets/ for the command line
# and tests, and gzip-compressed copies in web/public/datasets/, which the page serves and fetches
# only when a set is picked. Each step is skipped when its output is newer than its input.
set -euo pipefail
cd "$(dirname "$0")/.."
root=build/debian/root
digits_csv=$root/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz
fashion=$root/usr/share/datasets/fashion-mnist
out=build/datasets
pub=web/public/datasets
pack=build/native/neurostep_pack
tmp=build/datasets/.unpacked
mkdir -p "$out" "$pub" "$tmp"

for f in "$digits_csv" "$fashion/train-images-idx3-ubyte.gz" "$fashion/t10k-labels-idx1-ubyte.gz"; do
  if [ ! -f "$f" ]; then
    echo "datasets: $f is missing; run scripts/setup.sh (it fetches Debian's python3-sklearn and dataset-fashion-mnist)" >&2
    exit 1
  fi
done

# fresh OUTPUT INPUT...: whether OUTPUT exists and is newer than every INPUT and the packer.
fresh() {
  local target=$1; shift
  [ -f "$target" ] || return 1
  for input in "$@" "$pack"; do [ "$target" -nt "$input" ] || return 1; done
}

if ! fresh "$out/digits.nsim" "$digits_csv"; then
  gzip -dc "$digits_csv" >"$tmp/digits.csv"
  "$pack" digits "$tmp/digits.csv" "$out/digits.nsim"
fi
train_in=("$fashion/train-images-idx3-ubyte.gz" "$fashion/train-labels-idx1-ubyte.gz")
test_in=("$fashion/t10k-images-idx3-ubyte.gz" "$fashion/t10k-labels-idx1-ubyte.gz")
if ! fresh "$out/fashion_mnist_train.nsim" "${train_in[@]}" || ! fresh "$out/fashion_mnist_train_10k.nsim" "${train_in[@]}"; then
  gzip -dc "${train_in[0]}" >"$tmp/train-images"
  gzip -dc "${train_in[1]}" >"$tmp/train-labels"
  "$pack" idx "$tmp/train-images" "$tmp/train-labels" 10 "$out/fashion_mnist_train.nsim"
  "$pack" idx "$tmp/train-images" "$tmp/train-labels" 10 "$out/fashion_mnist_train_10k.nsim" 10000
fi
if ! fresh "$out/fashion_mnist_test.nsim" "${test_in[@]}"; then
  gzip -dc "${test_in[0]}" >"$tmp/test-images"
  gzip -dc "${test_in[1]}" >"$tmp/test-labels"
  "$pack" idx "$tmp/test-images" "$tmp/test-labels" 10 "$out/fashion_mnist_test.nsim"
fi
rm -rf "$tmp"

for set in "$out"/*.nsim; do
  name=$(basename "$set")
  [ "$pub/$name.gz" -nt "$set" ] || gzip -9nc "$set" >"$pub/$name.gz"
done
cp web/public/datasets/ATTRIBUTION.md "$out/ATTRIBUTION.md"
