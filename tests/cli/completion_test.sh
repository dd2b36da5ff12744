#!/usr/bin/env bash
# Sources the completion script the binary prints and asks it what it offers, as bash would
# on <Tab>. Usage: completion_test.sh path/to/deploy-advisor
set -euo pipefail
"$1" completion bash -o completion.bash
# shellcheck disable=SC1091
source ./completion.bash

offers() {  # offers EXPECTED WORD… : completing the last WORD offers EXPECTED
  local expected="$1"
  shift
  COMP_WORDS=("$@")
  COMP_CWORD=$(($# - 1))
  COMPREPLY=()
  _deploy_advisor
  if ! printf '%s\n' "${COMPREPLY[@]}" | grep -x -- "$expected" >/dev/null; then
    echo "completing '$*' does not offer '$expected' (offers: ${COMPREPLY[*]})" >&2
    exit 1
  fi
}

offers check deploy-advisor ch
offers init deploy-advisor in
offers --no-waivers deploy-advisor check --no-
offers --write-baseline deploy-advisor check --wr
offers sarif deploy-advisor check --format ''
offers --config deploy-advisor plan --con
offers never deploy-advisor check --fail-on ''
offers TR004 deploy-advisor explain TR00
offers DA006 deploy-advisor explain DA
offers metaflow deploy-advisor init met
echo "completion offers commands, flags, values and rule ids"
