// Walks every rule of every built-in profile: its violating example must produce the rule at
// the line marked `# expect: ID`, its passing example must not produce it, and both must load.
#include <catch2/catch.hpp>

#include <set>

#include "deploy_advisor/common/diagnostics.hpp"
#include "support/run_example.hpp"

using namespace deploy_advisor;
using test_support::expectations;
using test_support::run_example;

namespace {

const ProfileSet& profiles() {
  static const ProfileSet set = ProfileSet::builtin();
  return set;
}

std::string describe_findings(const std::vector<Finding>& findings) {
  std::string out;
  for (const auto& f : findings)
    out += "  " + to_string(f.location) + " " + f.rule_id + ": " + f.message + "\n";
  return out.empty() ? "  (none)\n" : out;
}

std::string describe_errors(const std::vector<InputError>& errors) {
  std::string out;
  for (const auto& e : errors) out += "  " + format_input_error(e) + "\n";
  return out;
}

}  // namespace

TEST_CASE("every rule has both examples, and they behave") {
  auto rules = profiles().rules();
  REQUIRE(!rules.empty());
  for (const Rule* rule : rules) {
    SECTION(rule->id) {
      INFO("rule " << rule->id << " defined at " << to_string(rule->defined_at));
      REQUIRE_FALSE(rule->violating.empty());
      REQUIRE_FALSE(rule->passing.empty());

      auto marks = expectations(rule->violating, rule->id);
      INFO("the violating example must mark the expected line with '# expect: " << rule->id << "'");
      REQUIRE_FALSE(marks.empty());

      auto bad = run_example(profiles(), rule->violating);
      INFO("violating example input errors:\n" << describe_errors(bad.errors));
      REQUIRE(bad.errors.empty());
      INFO("violating example findings:\n" << describe_findings(bad.findings));
      for (const auto& mark : marks) {
        bool found = false;
        for (const auto& f : bad.findings)
          found = found || (f.rule_id == rule->id && f.location.file_name() == mark.file &&
                            f.location.line == mark.line && f.location.column >= 1);
        INFO("expected " << rule->id << " at " << mark.file << ":" << mark.line);
        CHECK(found);
      }
      for (const auto& f : bad.findings) {
        if (f.rule_id != rule->id) continue;
        INFO("every " << rule->id << " finding must be a marked one: " << to_string(f.location));
        bool marked = false;
        for (const auto& mark : marks)
          marked = marked || (f.location.file_name() == mark.file && f.location.line == mark.line);
        CHECK(marked);
      }

      auto good = run_example(profiles(), rule->passing);
      INFO("passing example input errors:\n" << describe_errors(good.errors));
      REQUIRE(good.errors.empty());
      INFO("passing example findings:\n" << describe_findings(good.findings));
      for (const auto& f : good.findings) CHECK(f.rule_id != rule->id);
    }
  }
}

TEST_CASE("rule ids are unique, well formed and never reused") {
  // Retired ids stay retired: add an id here when its rule is deleted.
  const std::set<std::string> retired = {};
  std::set<std::string> seen;
  for (const Rule* rule : profiles().rules()) {
    INFO(rule->id);
    CHECK(seen.insert(rule->id).second);
    CHECK(retired.count(rule->id) == 0);
    CHECK_FALSE(rule->title.empty());
    CHECK_FALSE(rule->basis.empty());
    CHECK_FALSE(rule->fix_text.empty());
  }
}
