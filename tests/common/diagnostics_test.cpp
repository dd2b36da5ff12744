#include <catch2/catch.hpp>

#include "deploy_advisor/common/diagnostics.hpp"

TEST_CASE("did you mean picks the closest known word") {
  std::vector<std::string> keys{"replicas", "resources", "exposure", "allowed_cidrs"};
  CHECK(deploy_advisor::did_you_mean("replica", keys) == "replicas");
  CHECK(deploy_advisor::did_you_mean("exposre", keys) == "exposure");
  CHECK(deploy_advisor::did_you_mean("zzzzzz", keys).empty());
}

TEST_CASE("a swap of two neighbouring letters counts as one edit") {
  CHECK(deploy_advisor::edit_distance("DA030", "DA003", 3) == 1);
  CHECK(deploy_advisor::edit_distance("exposrue", "exposure", 3) == 1);
  CHECK(deploy_advisor::edit_distance("abc", "abc", 3) == 0);
  CHECK(deploy_advisor::edit_distance("abcdefgh", "zzzzzzzz", 2) == 3);
}
