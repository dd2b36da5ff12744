#!/bin/sh
# Time of `check`, `plan` and `report` against the number of Tracardi API components: each
# doubling of the components should about double the time (linear), never quadruple it.
# Usage: bench/scaling.sh [DEPLOY_ADVISOR]   (from the repository root, after a build)
set -eu
tool=${1:-./build/src/deploy-advisor}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '%10s %10s %10s %10s\n' components check_s plan_s report_s
for n in 1250 2500 5000 10000; do
  python3 bench/generate.py --mix tracardi --components "$n" > "$work/t.yaml"
  line="$n"
  for command in check plan report; do
    start=$(date +%s.%N)
    "$tool" "$command" "$work/t.yaml" > /dev/null || test $? -eq 1
    end=$(date +%s.%N)
    line="$line $(echo "$end - $start" | bc)"
  done
  echo "$line" | awk '{printf "%10s %10.2f %10.2f %10.2f\n", $1, $2, $3, $4}'
done
