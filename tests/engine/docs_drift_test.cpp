// The committed rule pages are generated from the profiles; this fails when they drift.
// Regenerate with: deploy-advisor docs docs/rules
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "deploy_advisor/engine/profile.hpp"
#include "deploy_advisor/format/rule_docs.hpp"

using namespace deploy_advisor;

namespace {
std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}
const std::string kDocs = std::string(DA_SOURCE_DIR) + "/docs/rules/";
}  // namespace

TEST_CASE("docs/rules matches the profiles") {
  ProfileSet profiles = ProfileSet::builtin();
  auto rules = profiles.rules();
  INFO("regenerate with: deploy-advisor docs docs/rules");
  CHECK(read(kDocs + "README.md") == rules_index(rules));
  for (const Rule* rule : rules) {
    INFO(rule->id);
    CHECK(read(kDocs + rule->id + ".md") == rule_page(*rule));
  }
  // No page for a rule that no longer exists.
  for (const auto& entry : std::filesystem::directory_iterator(kDocs)) {
    std::string name = entry.path().filename().string();
    if (name == "README.md") continue;
    std::string id = name.substr(0, name.find('.'));
    INFO(name);
    CHECK(profiles.find_rule(id) != nullptr);
  }
}
