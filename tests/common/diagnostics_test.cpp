#include <catch2/catch.hpp>

#include "deploy_advisor/diagnostics.hpp"

TEST_CASE("did you mean picks the closest known word") {
  std::vector<std::string> keys{"replicas", "resources", "exposure", "allowed_cidrs"};
  CHECK(deploy_advisor::did_you_mean("replica", keys) == "replicas");
  CHECK(deploy_advisor::did_you_mean("exposre", keys) == "exposure");
  CHECK(deploy_advisor::did_you_mean("zzzzzz", keys).empty());
}
