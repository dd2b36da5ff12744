#include <catch2/catch.hpp>

#include "deploy_advisor/engine/profile.hpp"
#include "deploy_advisor/load/readers.hpp"

using namespace deploy_advisor;

namespace {

std::vector<InputError> load(const std::string& text, ProfileSet& set) {
  std::vector<InputError> errors;
  auto parsed = parse_yaml(text, intern_file_name("team.yaml"));
  REQUIRE(parsed.ok());
  set.add(parsed.root, "team.yaml", errors);
  return errors;
}

const char* kRule = R"(product: tracardi
rules:
  - id: XX001
    name: team-rule
    severity: warning
    title: A title.
    when: size(components) > 100
    message: too many
    fix: fewer
    basis: team policy
)";

}  // namespace

TEST_CASE("the built-in profiles load, every expression compiled") {
  // Speed is measured by bench/bench_check, not here: a timed test fails on a slow machine.
  ProfileSet set = ProfileSet::builtin();
  CHECK(set.rules().size() >= 76);
  for (const Rule* rule : set.rules()) {
    INFO(rule->id);
    CHECK((rule->from_loader || rule->from_code || (rule->when && rule->message && rule->fix)));
    if (rule->from_loader || rule->from_code) continue;
    std::optional<lang::CompileError> error;
    CHECK(rule->when.get(&error) != nullptr);
    for (const LazyExpression* e : {&rule->each, &rule->location, &rule->component})
      if (*e) CHECK(e->get(&error) != nullptr);
    for (const auto& patch : rule->patches) CHECK(patch.value.get(&error) != nullptr);
    CHECK(rule->message.get(&error) != nullptr);
    CHECK(rule->fix.get(&error) != nullptr);
    CHECK_FALSE(error.has_value());
  }
}

TEST_CASE("a valid user rule loads") {
  ProfileSet set;
  CHECK(load(kRule, set).empty());
  REQUIRE(set.find_rule("XX001") != nullptr);
  CHECK(set.find_rule("XX001")->severity == Severity::Warning);
}

TEST_CASE("profile errors are located in the profile") {
  ProfileSet set;
  SECTION("an expression syntax error") {
    std::string text = kRule;
    text.replace(text.find("size(components) > 100"), 22, "size(components) >");
    auto errors = load(text, set);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].location.line == 7);
    CHECK(errors[0].message.find("when") != std::string::npos);
  }
  SECTION("an unknown name in an expression, with a suggestion") {
    std::string text = kRule;
    text.replace(text.find("size(components)"), 16, "size(component)");
    auto errors = load(text, set);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].location.line == 7);
    CHECK(errors[0].message.find("components") != std::string::npos);
  }
  SECTION("a bad severity") {
    std::string text = kRule;
    text.replace(text.find("severity: warning"), 17, "severity: fatal");
    auto errors = load(text, set);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].location.line == 5);
    CHECK(errors[0].message.find("error, warning or info") != std::string::npos);
  }
  SECTION("a missing message") {
    std::string text = kRule;
    text.replace(text.find("    message: too many\n"), 22, "");
    auto errors = load(text, set);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].message.find("message: required key is missing") != std::string::npos);
  }
  SECTION("an unknown rule key") {
    std::string text = kRule;
    text += "    sevrity: error\n";
    auto errors = load(text, set);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].message.find("did you mean 'severity'") != std::string::npos);
  }
  SECTION("a duplicate id") {
    CHECK(load(kRule, set).empty());
    auto errors = load(kRule, set);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].message.find("defined twice") != std::string::npos);
  }
}

TEST_CASE("a rule implemented in code names the file of its check and has no expressions") {
  ProfileSet set = ProfileSet::builtin();
  const Rule* rule = set.find_rule("MR015");
  REQUIRE(rule != nullptr);
  CHECK(rule->from_code);
  CHECK(rule->implemented_in == std::vector<std::string>{"src/model/metarank_config_validation.cpp"});
  CHECK(rule->code_reads_defaults == std::vector<std::string>{"metarank.config_layout"});
  CHECK_FALSE(rule->each);
  CHECK_FALSE(rule->when);
}

TEST_CASE("`source: code` is refused for an id the code does not implement, and beside expressions") {
  const std::string head = "rules:\n  - id: {id}\n    name: team-rule\n    severity: error\n"
                           "    title: A title.\n    fix: fewer\n    basis: team policy\n    source: code\n";
  auto rule = [&](const std::string& product, const std::string& id, const std::string& more) {
    std::string text = "product: " + product + "\n" + head + more;
    text.replace(text.find("{id}"), 4, id);
    return text;
  };
  ProfileSet set;
  SECTION("an id without a check") {
    auto errors = load(rule("tracardi", "XX001", ""), set);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].message == "XX001.source: no check in the code makes XX001 findings; expected 'loader' or nothing");
    CHECK(errors[0].location.line == 9);
  }
  SECTION("the check of another product") {
    auto errors = load(rule("tracardi", "MR015", ""), set);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].message == "MR015.source: the check in the code that makes MR015 findings is one of metarank, not of tracardi");
  }
  SECTION("an expression the check would make pointless") {
    auto errors = load(rule("metarank", "MR015", "    when: 'true'\n"), set);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].message == "MR015.when: a rule with `source: code` has no when: its check in "
                               "src/model/metarank_config_validation.cpp makes the findings");
    CHECK(errors[0].location.line == 10);
  }
  SECTION("a complete rule loads") {
    CHECK(load(rule("metarank", "MR015", ""), set).empty());
  }
}
