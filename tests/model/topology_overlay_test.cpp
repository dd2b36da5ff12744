// Topologies written the way Compose and Helm users write YAML: merge keys sharing settings,
// `x-` keys holding the anchors, and environments as overlays of a base (`extends`).
#include <catch2/catch.hpp>

#include <algorithm>

#include "deploy_advisor/model/topology.hpp"
#include "support/run_example.hpp"

using namespace deploy_advisor;
using test_support::ExampleRun;
using test_support::Mark;

namespace {

/// The findings of `id`, as (rule, file, line) marks.
std::set<Mark> marks_of(const ExampleRun& run, const std::string& id) {
  return test_support::marks(run, [&](const std::string& rule) { return rule == id; });
}

const Finding* first_of(const ExampleRun& run, const std::string& id) {
  auto it = std::find_if(run.findings.begin(), run.findings.end(),
                         [&](const Finding& f) { return f.rule_id == id; });
  return it == run.findings.end() ? nullptr : &*it;
}

ExampleRun check(const std::string& topology,
                 std::vector<std::pair<std::string, std::string>> files = {}) {
  RuleExample example;
  example.topology = topology;
  example.files = std::move(files);
  return test_support::run_example(test_support::builtin_profiles(), example);
}

LoadOptions options() {
  LoadOptions o;
  o.assumption_names = {"redis.fork_factor"};
  return o;
}

// Three files, each overriding one value of the one it extends.
const char* kBase = R"(version: 1
name: shop
environment: staging
platform: kubernetes
products:
  metarank:
    components:
      api:
        role: api
        mode: serve
        replicas: 1
      redis:
        role: state
        type: redis
        backup: {kind: rdb, target: "s3://backups"}
)";

const char* kStaging = R"(extends: base.yaml
products:
  metarank:
    components:
      api:
        replicas: 2
)";

const char* kProduction = R"(# production is staging with a public API and no backup
extends: ./staging.yaml
environment: production
products:
  metarank:
    components:
      api:
        exposure: public
      redis:
        backup: !reset
)";

}  // namespace

TEST_CASE("merge keys share settings between components; findings point at the anchor") {
  ExampleRun run = check(R"(version: 1
name: shop
environment: production
platform: kubernetes
x-public-api: &public-api
  role: api
  exposure: public
  replicas: 3
products:
  tracardi:
    components:
      collector:
        <<: *public-api
        env: {EXPOSE_GUI_API: "no"}
      gui-api:
        <<: *public-api
        exposure: internal
        replicas: 2
)");
  INFO(test_support::describe(run));
  REQUIRE(run.errors.empty());
  // Only the collector is public without TLS: gui-api's own `exposure` wins over the merge.
  REQUIRE(marks_of(run, "DA004") == std::set<Mark>{{"DA004", "topology.yaml", 7}});
  const Finding* finding = first_of(run, "DA004");
  CHECK(finding->component == "collector");
  CHECK(finding->message.ends_with("(merged by '<<: *public-api' at line 13)"));
  CHECK(marks_of(run, "DA002").empty());
}

TEST_CASE("merge keys in a Metarank config.yaml; the finding points at the anchor") {
  ExampleRun run = check(R"(version: 1
name: shop
environment: production
platform: kubernetes
products:
  metarank:
    config: config.yaml
    components:
      api: {role: api, mode: serve}
)",
                         {{"config.yaml", R"(api:
  port: 8080
defaults: &local-state
  type: memory
state:
  <<: *local-state
)"}});
  INFO(test_support::describe(run));
  REQUIRE(run.errors.empty());
  REQUIRE(marks_of(run, "MR001") == std::set<Mark>{{"MR001", "config.yaml", 4}});
  CHECK(first_of(run, "MR001")->message.ends_with("(merged by '<<: *local-state' at line 6)"));
}

TEST_CASE("x- keys at the top level and in a product section give no finding") {
  ExampleRun run = check(R"(version: 1
name: shop
environment: staging
platform: kubernetes
x-replicas: &two 2
x-notes: {owner: search team}
products:
  metarank:
    x-ranker: &ranker {role: api, mode: serve}
    components:
      api:
        <<: *ranker
        replicas: *two
)");
  INFO(test_support::describe(run));
  REQUIRE(run.errors.empty());
  CHECK(marks_of(run, "DA002").empty());
}

TEST_CASE("an extends chain of three files: each value located where it is written") {
  MemoryFileSystem files;
  files.add("env/base.yaml", kBase);
  files.add("env/staging.yaml", kStaging);
  files.add("env/production.yaml", kProduction);
  LoadedTopology t = load_topology("env/production.yaml", files, options());
  CHECK(t.environment == "production");
  CHECK(t.bases == std::vector<std::string>{"env/staging.yaml", "env/base.yaml"});
  const Value& api = t.products.at(0).components.as_list().at(0);
  const Value& redis = t.products.at(0).components.as_list().at(1);
  CHECK(api.get("mode").location().file_name() == "env/base.yaml");
  CHECK(api.get("mode").location().line == 10);
  CHECK(api.get("replicas").as_number() == 2);
  CHECK(api.get("replicas").location().file_name() == "env/staging.yaml");
  CHECK(api.get("replicas").location().line == 6);
  CHECK(api.get("exposure").location().file_name() == "env/production.yaml");
  CHECK(api.get("exposure").location().line == 8);
  CHECK(redis.find("backup") == nullptr);  // `!reset` deletes the base's key
  CHECK(t.source.find("extends") == nullptr);

  // The same findings through the whole check: each at the file that wrote the value.
  ExampleRun staging = check("extends: staging.yaml\n", {{"staging.yaml", kStaging}, {"base.yaml", kBase}});
  INFO(test_support::describe(staging));
  REQUIRE(staging.errors.empty());
  CHECK(marks_of(staging, "MR006") == std::set<Mark>{{"MR006", "staging.yaml", 6}});
  CHECK(marks_of(staging, "MR002").empty());
  CHECK(marks_of(staging, "DA004").empty());

  ExampleRun production =
      check(kProduction, {{"staging.yaml", kStaging}, {"base.yaml", kBase}});
  INFO(test_support::describe(production));
  REQUIRE(production.errors.empty());
  CHECK(marks_of(production, "MR006") == std::set<Mark>{{"MR006", "staging.yaml", 6}});
  CHECK(marks_of(production, "DA004") == std::set<Mark>{{"DA004", "topology.yaml", 8}});
  CHECK(marks_of(production, "MR002") == std::set<Mark>{{"MR002", "base.yaml", 13}});
}

TEST_CASE("native files named in a base resolve against the base's folder") {
  MemoryFileSystem files;
  files.add("deploy/shared/base.yaml", std::string(kBase) + "    config: metarank/config.yaml\n");
  files.add("deploy/shared/metarank/config.yaml", "state:\n  type: redis\n");
  files.add("deploy/production.yaml", "extends: shared/base.yaml\nenvironment: production\n");
  LoadedTopology t = load_topology("deploy/production.yaml", files, options());
  CHECK(t.environment == "production");
  CHECK(t.products.at(0).config.get("state").get("type").location().file_name() ==
        "deploy/shared/metarank/config.yaml");
}

TEST_CASE("extends: cycles, escapes and unreadable bases are located input errors") {
  MemoryFileSystem files;
  files.add("t/a.yaml", "extends: b.yaml\n");
  files.add("t/b.yaml", "# b\nextends: a.yaml\n");
  files.add("t/self.yaml", "extends: ./self.yaml\n");
  files.add("t/up.yaml", "extends: sub/../../outside.yaml\n");
  files.add("t/abs.yaml", "extends: /etc/passwd\n");
  files.add("t/missing.yaml", "extends: nowhere.yaml\n");
  files.add("t/list.yaml", "extends: [a.yaml]\n");
  auto error_of = [&](const std::string& path) {
    try {
      load_topology(path, files, options());
    } catch (const InputFailure& failure) {
      REQUIRE(failure.errors().size() == 1);
      return format_input_error(failure.errors()[0]);
    }
    FAIL("expected an input error for " << path);
    return std::string();
  };
  CHECK(error_of("t/a.yaml") ==
        "t/b.yaml:2:10: error: extends: 'a.yaml' is already in the chain (t/a.yaml -> t/b.yaml "
        "-> t/a.yaml); a topology cannot extend itself, directly or through its bases");
  CHECK(error_of("t/self.yaml").starts_with("t/self.yaml:1:10: error: extends: './self.yaml' is "
                                            "already in the chain"));
  CHECK(error_of("t/up.yaml") == "t/up.yaml:1:10: error: extends: 'sub/../../outside.yaml' leaves "
                                 "the folder of t/up.yaml; expected a base topology inside it");
  CHECK(error_of("t/abs.yaml").starts_with("t/abs.yaml:1:10: error: extends: '/etc/passwd' is an "
                                           "absolute path"));
  CHECK(error_of("t/missing.yaml").starts_with(
      "t/missing.yaml:1:10: error: extends: cannot read 'nowhere.yaml' (t/nowhere.yaml): no such "
      "file"));
  CHECK(error_of("t/list.yaml").starts_with("t/list.yaml:1:10: error: extends: found a list"));
}

TEST_CASE("a misspelt required key is one error with a suggestion") {
  MemoryFileSystem files;
  files.add("t.yaml", R"(version: 1
name: shop
enviroment: production
products:
  metarank:
    components:
      ranker: {role: api, mod: serve}
)");
  try {
    load_topology("t.yaml", files, options());
    FAIL("expected input errors");
  } catch (const InputFailure& failure) {
    REQUIRE(failure.errors().size() == 2);
    CHECK(format_input_error(failure.errors()[0]) ==
          "t.yaml:3:1: error: 'enviroment' is not a key; did you mean 'environment'? (required; "
          "expected one of production, staging, development)");
    CHECK(format_input_error(failure.errors()[1]) ==
          "t.yaml:7:27: error: products.metarank.components.ranker: 'mod' is not a key; did you "
          "mean 'mode'? (required; expected one of serve, standalone)");
  }
}
