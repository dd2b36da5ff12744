// docs/coverage.md maps every checkable seed recommendation to the rules that check it. It
// must name every rule of the catalogue, and only rules that exist.
#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "deploy_advisor/engine/profile.hpp"

using namespace deploy_advisor;

namespace {

std::string read_coverage() {
  std::ifstream in(std::string(DA_SOURCE_DIR) + "/docs/coverage.md", std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

/// Every token shaped like a rule id (two or more capitals and three digits).
std::set<std::string> ids_named(const std::string& text) {
  static const std::regex id_pattern(R"(\b[A-Z]{2,}[0-9]{3}\b)");
  std::set<std::string> ids;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), id_pattern); it != std::sregex_iterator(); ++it)
    ids.insert(it->str());
  return ids;
}

}  // namespace

TEST_CASE("docs/coverage.md names every catalogue rule, and no other") {
  const std::string coverage = read_coverage();
  REQUIRE_FALSE(coverage.empty());
  const std::set<std::string> named = ids_named(coverage);
  ProfileSet profiles = ProfileSet::builtin();
  std::set<std::string> catalogue;
  for (const Rule* rule : profiles.rules()) {
    catalogue.insert(rule->id);
    INFO("docs/coverage.md does not name " << rule->id);
    CHECK(named.count(rule->id) == 1);
  }
  for (const auto& id : named) {
    INFO("docs/coverage.md names " << id << ", which is not a rule of the catalogue");
    CHECK(catalogue.count(id) == 1);
  }
}

TEST_CASE("docs/coverage.md names every sizing figure it cites by its real name") {
  // Figures are written in code spans, `sizing.<name>`; each must exist in some built-in
  // profile.
  const std::string coverage = read_coverage();
  ProfileSet profiles = ProfileSet::builtin();
  std::set<std::string> figures;
  for (const auto& profile : profiles.profiles())
    for (const auto& figure : profile.figures) figures.insert(figure.name);
  static const std::regex figure_pattern(R"(`sizing\.([a-z0-9_]+)`)");
  int cited = 0;
  for (auto it = std::sregex_iterator(coverage.begin(), coverage.end(), figure_pattern);
       it != std::sregex_iterator(); ++it) {
    ++cited;
    INFO("docs/coverage.md cites sizing." << (*it)[1].str() << ", which no profile defines");
    CHECK(figures.count((*it)[1].str()) == 1);
  }
  CHECK(cited > 0);
}
