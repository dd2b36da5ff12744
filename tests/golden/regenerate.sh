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
  # The CI formats at --fail-on warning, so their failing and passing cases both show.
  "$tool" check --format junit --fail-on warning "$topology" > "tests/golden/$stem.junit.xml" || true
  "$tool" check --format github --fail-on warning "$topology" > "tests/golden/$stem.github.txt" || true
  "$tool" check --format gitlab --fail-on warning "$topology" > "tests/golden/$stem.gitlab.json" || true
  "$tool" check --format checkstyle --fail-on warning "$topology" > "tests/golden/$stem.checkstyle.xml" || true
done
"$tool" report examples/acme-production.yaml > tests/golden/acme-production.report.md
