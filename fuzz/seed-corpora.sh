#!/bin/sh
# Seeds one corpus folder per fuzz target from the tests' inputs and, when present, the YAML
# test suite (valid/*.yaml and invalid/*.yaml) in the shared corpora folder.
# Usage: sh fuzz/seed-corpora.sh OUT_FOLDER [CORPORA_FOLDER]
# CORPORA_FOLDER defaults to ../shared/corpora beside the repository; when it is absent (a bare
# clone) the corpora hold the tests' inputs only.
set -eu
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$1"
corpora="${2:-$root/../shared/corpora}"
commands=16  # the command lines of fuzz_cli.cpp: its first byte picks one
for t in fuzz_yaml fuzz_json fuzz_flow_scan fuzz_topology fuzz_profile fuzz_cli; do mkdir -p "$out/$t"; done
n=0
for f in $(find "$root/tests/data" "$root/examples" \( -name '*.yaml' -o -name '*.yml' \) -type f | sort); do
  n=$((n + 1))
  cp "$f" "$out/fuzz_yaml/seed-$n"
  cp "$f" "$out/fuzz_topology/seed-$n"
  # fuzz_cli: each topology under two command lines, so that every command line has seeds.
  for c in $((n % commands)) $(((n + commands / 2) % commands)); do
    { printf "\\$(printf '%03o' "$c")"; cat "$f"; } > "$out/fuzz_cli/seed-$n-$c"
  done
done
for f in $(find "$root/tests" -name '*.json' -type f | sort); do n=$((n + 1)); cp "$f" "$out/fuzz_json/seed-$n"; done
for f in $(find "$root/tests/data" -name '*.py' -type f | sort); do n=$((n + 1)); cp "$f" "$out/fuzz_flow_scan/seed-$n"; done
for f in $(find "$root/profiles" -name '*.yaml' -type f | sort); do n=$((n + 1)); cp "$f" "$out/fuzz_profile/seed-$n"; done
suite="$corpora/yaml-test-suite"
if [ -d "$suite" ]; then
  for f in $(find "$suite" -name '*.yaml' -type f | sort); do n=$((n + 1)); cp "$f" "$out/fuzz_yaml/seed-$n"; done
fi
echo "seeded $out: $(for t in "$out"/*; do printf '%s=%s ' "$(basename "$t")" "$(ls "$t" | wc -l)"; done)"
