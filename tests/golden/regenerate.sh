#!/bin/sh
# Rewrites the golden files from the current build. Run from the repository root after a
# deliberate change to rules or formats, and review the diff before committing.
set -eu
tool=${1:-./build/src/deploy-advisor}
for pair in examples/acme-production.yaml:acme-production tests/data/tracardi/seed003-broken.yaml:seed003-broken; do
  topology=${pair%%:*}
  stem=${pair##*:}
  "$tool" check --format json --fail-on never "$topology" > "tests/golden/$stem.check.json"
  "$tool" check --format sarif --fail-on never "$topology" > "tests/golden/$stem.sarif"
  "$tool" check --no-color --fail-on never "$topology" > "tests/golden/$stem.check.txt"
done
"$tool" report examples/acme-production.yaml > tests/golden/acme-production.report.md
