#!/bin/sh
# Every topology under tests/data and examples/: its report's Mermaid diagram parses. A
# topology beside a profiles/ folder is of a product those profiles declare (--profiles).
# Usage: check_all_diagrams.sh DEPLOY_ADVISOR SOURCE_DIR
set -eu
tool=$1
source_dir=$2
checked=0
for topology in $(grep -rl '^products:' "$source_dir/examples" "$source_dir/tests/data" --include='*.yaml' | sort); do
  set --
  if [ -d "$(dirname "$topology")/profiles" ]; then set -- --profiles "$(dirname "$topology")/profiles"; fi
  if ! "$tool" validate -q "$@" "$topology" >/dev/null 2>&1; then continue; fi
  "$tool" report "$@" "$topology" -o report.md
  node "$source_dir/tests/mermaid/parse_mermaid.mjs" report.md >/dev/null || { echo "diagram of $topology does not parse"; exit 1; }
  checked=$((checked + 1))
done
echo "$checked diagrams parse"
test "$checked" -gt 0
