#!/bin/sh
# Seeds one corpus folder per fuzz target from the tests' inputs and, when present, the YAML
# test suite in ../shared/corpora. Usage: sh fuzz/seed-corpora.sh OUT_FOLDER
set -eu
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$1"
for t in fuzz_yaml fuzz_json fuzz_flow_scan fuzz_topology fuzz_profile fuzz_cli; do mkdir -p "$out/$t"; done
n=0
for f in $(find "$root/tests/data" "$root/examples" -name '*.yaml' -o -name '*.yml' | sort); do
  n=$((n + 1))
  cp "$f" "$out/fuzz_yaml/seed-$n"
  cp "$f" "$out/fuzz_topology/seed-$n"
  # fuzz_cli: the first byte picks the command line.
  { printf "\\$(printf '%03o' $((n % 10)))"; cat "$f"; } > "$out/fuzz_cli/seed-$n"
done
for f in $(find "$root/tests/data" -name '*.json' | sort); do n=$((n + 1)); cp "$f" "$out/fuzz_json/seed-$n"; done
for f in $(find "$root/tests/data" -name '*.py' | sort); do n=$((n + 1)); cp "$f" "$out/fuzz_flow_scan/seed-$n"; done
for f in $(find "$root/profiles" -name '*.yaml' | sort); do n=$((n + 1)); cp "$f" "$out/fuzz_profile/seed-$n"; done
suite="$root/../shared/corpora/yaml-test-suite"
[ -d "$suite" ] || suite="/work/shared/corpora/yaml-test-suite"
if [ -d "$suite" ]; then
  for f in $(find "$suite" -name 'in.yaml' | sort); do n=$((n + 1)); cp "$f" "$out/fuzz_yaml/seed-$n"; done
  for f in $(find "$suite" -name 'in.json' | sort); do n=$((n + 1)); cp "$f" "$out/fuzz_json/seed-$n"; done
fi
