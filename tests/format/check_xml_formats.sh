#!/bin/sh
# Runs check in json, junit and checkstyle on the same inputs and compares them with
# check_junit.py: a clean topology, a broken one at two --fail-on levels, and a run where one
# topology cannot be read.
set -u
tool=$1
source=$2
here=$(dirname "$0")
status=0
printf 'version: 1\nproducts: [\n' > unreadable.yaml
run() {
  fail_on=$1
  shift
  "$tool" check --fail-on "$fail_on" --format json "$@" > out.json
  "$tool" check --fail-on "$fail_on" --format junit "$@" > out.junit.xml
  "$tool" check --fail-on "$fail_on" --format checkstyle "$@" > out.checkstyle.xml
  echo "check --fail-on $fail_on $*"
  /usr/bin/python3 "$here/check_junit.py" out.junit.xml out.json "$fail_on" out.checkstyle.xml || status=1
}
run error "$source/examples/acme-production.yaml"
run warning "$source/examples/acme-production.yaml"
run error "$source/tests/data/tracardi/seed003-broken.yaml"
run info "$source/tests/data/tracardi/seed003-broken.yaml"
run never "$source/tests/data/tracardi/seed003-broken.yaml"
run error "$source/tests/data/tracardi/seed003-broken.yaml" unreadable.yaml
exit $status
