#!/bin/sh
# The build step that verifies the built-in profiles, run on small profiles: a broken one
# fails with file:line:column and a message per mistake; the corrected one passes.
# Usage: verify_profiles_test.sh VERIFY_PROFILES SOURCE_DIR
set -u
tool=$1
source_dir=$2
profiles=$source_dir/tests/tools/profiles
failed=0
expect() {  # expect WHAT TEXT PATTERN
  if ! printf '%s\n' "$2" | grep -qF -- "$3"; then
    echo "FAIL: $1: expected a line with: $3"; failed=1
  fi
}

out=$("$tool" "$source_dir/profiles/general.yaml" "$profiles/broken.yaml" 2>&1)
status=$?
[ "$status" -eq 1 ] || { echo "FAIL: broken.yaml: exit $status, expected 1"; failed=1; }
expect broken.yaml "$out" "broken.yaml:13:54: error: figure instances: no assumption named 'toy.rps_per_instanse' in the profiles of this product; did you mean 'toy.rps_per_instance'?"
expect broken.yaml "$out" "broken.yaml:18:14: error: figure spare: no figure named 'instances_plus'"
expect broken.yaml "$out" "broken.yaml:23:14: error: figure early: sizing.late is defined after this figure"
expect broken.yaml "$out" "broken.yaml:33:30: error: figure doubled: no figure named 'instanses' in the profiles of this product; did you mean 'instances'?"
expect broken.yaml "$out" "broken.yaml:41:45: error: rule TOY001: no figure named 'instanses' in the profiles of this product; did you mean 'instances'?"
expect broken.yaml "$out" "5 error(s) in the profiles"

out=$("$tool" "$source_dir/profiles/general.yaml" "$profiles/broken-expression.yaml" 2>&1)
status=$?
[ "$status" -eq 1 ] || { echo "FAIL: broken-expression.yaml: exit $status, expected 1"; failed=1; }
expect broken-expression.yaml "$out" "broken-expression.yaml:9:16: error: TOY002.when: unknown name 'componentz'; did you mean 'components'?"

out=$("$tool" "$source_dir/profiles/general.yaml" "$profiles/code-rule-without-default.yaml" 2>&1)
status=$?
[ "$status" -eq 1 ] || { echo "FAIL: code-rule-without-default.yaml: exit $status, expected 1"; failed=1; }
expect code-rule-without-default.yaml "$out" "code-rule-without-default.yaml:10:5: error: rule MR015: its check in src/model/metarank_config_validation.cpp reads the default 'metarank.config_layout', which the profiles of this product do not define; did you mean 'metarank.config_layot'?"
out=$("$tool" "$source_dir/profiles/general.yaml" "$profiles/broken-section.yaml" 2>&1)
status=$?
[ "$status" -eq 1 ] || { echo "FAIL: broken-section.yaml: exit $status, expected 1"; failed=1; }
expect broken-section.yaml "$out" "broken-section.yaml:7:18: error: section.keys.size.type: 'numbr' is not a key type (did you mean 'number'?)"
expect broken-section.yaml "$out" "broken-section.yaml:12:16: error: section.roles.broker.diagram: 'database' is not a diagram role; expected store, client or none"

out=$("$tool" "$source_dir/profiles/general.yaml" "$profiles/broken-roles.yaml" 2>&1)
status=$?
[ "$status" -eq 1 ] || { echo "FAIL: broken-roles.yaml: exit $status, expected 1"; failed=1; }
expect broken-roles.yaml "$out" "broken-roles.yaml:5:3: error: section: toy is missing from the general profile's products: list"
expect broken-roles.yaml "$out" "broken-roles.yaml:16:17: error: figure brokers: no role named 'brokers' in the profiles of this product; did you mean 'broker'?"
expect broken-roles.yaml "$out" "broken-roles.yaml:17:31: error: figure brokers: adds a component of role 'brokr', which the product's section does not declare; did you mean 'broker'?"
expect broken-roles.yaml "$out" "3 error(s) in the profiles"

out=$("$tool" "$source_dir/profiles/general.yaml" "$profiles/sound.yaml" 2>&1)
status=$?
[ "$status" -eq 0 ] || { echo "FAIL: sound.yaml: exit $status, expected 0: $out"; failed=1; }

# The built-in profiles themselves, as the build checks them.
out=$("$tool" "$source_dir"/profiles/*.yaml 2>&1)
status=$?
[ "$status" -eq 0 ] || { echo "FAIL: the built-in profiles: exit $status: $out"; failed=1; }

[ "$failed" -eq 0 ] && echo "verify_profiles behaves as documented"
exit "$failed"
