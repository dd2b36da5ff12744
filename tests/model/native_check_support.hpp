#pragma once

// Reading a native file's text the way the loader does, for the tests of the checks that
// mirror a product's own validator.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <fmt/format.h>

#include "deploy_advisor/load/readers.hpp"
#include "deploy_advisor/model/topology.hpp"

namespace native_check_test {

/// The file name every located value of these tests carries.
inline const std::string kFile = "native.yaml";

inline deploy_advisor::Value read_yaml(const std::string& text) {
  auto parsed = deploy_advisor::parse_yaml(text, &kFile);
  REQUIRE(parsed.ok());
  return deploy_advisor::to_value(parsed.root);
}

/// A finding as the tests compare it: "line:column id message".
inline std::string describe(const deploy_advisor::Finding& f) {
  return fmt::format("{}:{} {} {}", f.location.line, f.location.column, f.rule_id, f.message);
}

inline std::vector<std::string> describe(const std::vector<deploy_advisor::Finding>& findings) {
  std::vector<std::string> out;
  for (const auto& f : findings) out.push_back(describe(f));
  return out;
}

}  // namespace native_check_test
