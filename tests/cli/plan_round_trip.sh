#!/bin/sh
# `plan --format yaml` of every example and test topology is a topology that `check` passes
# with no error, except the errors plan cannot resolve, which the file lists as comments to
# do. The revised topology is read from standard input in the original's folder, so the native
# files it names resolve as they did.
# Usage: plan_round_trip.sh DEPLOY_ADVISOR SOURCE_DIR
set -u
tool=$1
source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
checked=0
failed=0
for topology in $(grep -rl '^products:' "$source_dir/examples" "$source_dir/tests/data" --include='*.yaml' | sort); do
  # Inputs the tool rejects (exit 2) are the malformed-input tests' business.
  "$tool" validate -q "$topology" >/dev/null 2>&1 || continue
  folder=$(dirname "$topology")
  if ! (cd "$folder" && "$tool" plan --format yaml "$(basename "$topology")" > "$work/plan.yaml"); then
    echo "plan failed: $topology"; failed=1; continue
  fi
  (cd "$folder" && "$tool" check --format json --fail-on never - < "$work/plan.yaml" > "$work/check.json")
  if ! python3 - "$work/plan.yaml" "$work/check.json" "$topology" <<'PY'
import json, sys
plan = open(sys.argv[1], encoding="utf-8").read()
todo = "\n".join(line for line in plan.splitlines() if line.startswith("#   - "))
unlisted = [f for f in json.load(open(sys.argv[2]))["findings"]
            if f["severity"] == "error" and f"{f['rule_id']} " not in todo or
               (f["severity"] == "error" and f["message"] not in todo)]
for f in unlisted:
    print(f"{sys.argv[3]}: the plan still has {f['rule_id']} and does not list it: {f['message']}")
sys.exit(1 if unlisted else 0)
PY
  then failed=1; fi
  checked=$((checked + 1))
done
echo "$checked plans checked"
test "$checked" -gt 0 && test "$failed" -eq 0
