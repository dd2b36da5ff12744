#!/bin/sh
# `plan --format yaml -o OTHER/p.yaml` of every example and test topology, written into
# another folder, is a topology that:
#   - `check OTHER/p.yaml` loads (native files named by relative paths still resolve; OTHER is
#     outside the repository here, so reading it back needs `--root` over both folders),
#   - has no error the original lacked, and lists every error it keeps as a comment to do,
#   - is its own plan: `plan` of p.yaml writes p.yaml again, byte for byte.
# Usage: plan_round_trip.sh DEPLOY_ADVISOR SOURCE_DIR
set -u
tool=$1
source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/other"
checked=0
failed=0
for topology in $(grep -rl '^products:' "$source_dir/examples" "$source_dir/tests/data" --include='*.yaml' | sort); do
  # Inputs the tool rejects (exit 2) are the malformed-input tests' business.
  "$tool" validate -q "$topology" >/dev/null 2>&1 || continue
  if ! "$tool" plan --format yaml -o "$work/other/p.yaml" "$topology"; then
    echo "plan failed: $topology"; failed=1; continue
  fi
  "$tool" check --format json --fail-on never "$topology" > "$work/before.json"
  "$tool" check --root / --format json --fail-on never "$work/other/p.yaml" > "$work/after.json"
  status=$?
  if [ "$status" -ne 0 ]; then
    echo "$topology: check of its plan exits $status"; failed=1; continue
  fi
  if ! "$tool" plan --root / --format yaml -o "$work/other/p2.yaml" "$work/other/p.yaml"; then
    echo "plan of the plan failed: $topology"; failed=1; continue
  fi
  if ! cmp -s "$work/other/p.yaml" "$work/other/p2.yaml"; then
    echo "$topology: the plan of its plan differs:"; diff "$work/other/p.yaml" "$work/other/p2.yaml" | head -20
    failed=1
  fi
  if ! python3 - "$work/other/p.yaml" "$work/before.json" "$work/after.json" "$topology" <<'PY'
import json, sys
plan = open(sys.argv[1], encoding="utf-8").read()
todo = "\n".join(line for line in plan.splitlines() if line.startswith("#   - "))
def errors(path):
    return [f for f in json.load(open(path))["findings"] if f["severity"] == "error"]
before = {(f["rule_id"], f["component"]) for f in errors(sys.argv[2])}
bad = 0
for f in errors(sys.argv[3]):
    if (f["rule_id"], f["component"]) not in before:
        print(f"{sys.argv[4]}: the plan has an error the original lacked: {f['rule_id']} {f['message']}")
        bad = 1
    elif f"{f['rule_id']} " not in todo or f["message"] not in todo:
        print(f"{sys.argv[4]}: the plan still has {f['rule_id']} and does not list it: {f['message']}")
        bad = 1
sys.exit(bad)
PY
  then failed=1; fi
  checked=$((checked + 1))
done
echo "$checked plans checked"
test "$checked" -gt 0 && test "$failed" -eq 0
