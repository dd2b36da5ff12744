#include <catch2/catch.hpp>

#include "deploy_advisor/model/topology.hpp"

using namespace deploy_advisor;

namespace {

LoadOptions options() {
  LoadOptions o;
  o.assumption_names = {"tracardi.api_rps_per_worker", "redis.fork_factor"};
  return o;
}

LoadedTopology load(MemoryFileSystem& files, const std::string& text) {
  files.add("t/topology.yaml", text);
  return load_topology("t/topology.yaml", files, options());
}

const char* kMinimal = R"(version: 1
name: shop
environment: production
traffic:
  peak_requests_per_second: 100
  growth: 2
products:
  metarank:
    traffic:
      items: 5000
    config: metarank.yaml
    components:
      ranker:
        role: api
        mode: serve
        env: {JAVA_OPTS: -Xmx2g, WORKERS: 4}
)";

}  // namespace

TEST_CASE("a topology loads into located values") {
  MemoryFileSystem files;
  files.add("t/metarank.yaml", "state:\n  type: redis\n  host: r\n  port: 6379\n");
  LoadedTopology t = load(files, kMinimal);
  CHECK(t.name == "shop");
  CHECK(t.environment == "production");
  REQUIRE(t.products.size() == 1);
  const LoadedProduct& p = t.products[0];
  CHECK(p.name == "metarank");
  REQUIRE(p.components.as_list().size() == 1);
  const Value& ranker = p.components.as_list()[0];
  CHECK(ranker.get("name").as_string() == "ranker");
  CHECK(ranker.get("name").location().line == 13);
  CHECK(ranker.get("mode").location().line == 15);
  CHECK(ranker.get("mode").location().column == 15);
  // Environment variables are strings whatever YAML type they were written as.
  CHECK(ranker.get("env").get("WORKERS").as_string() == "4");

  // Product traffic overrides the top level key by key.
  CHECK(p.traffic.get("peak_requests_per_second").as_number() == 100);
  CHECK(p.traffic.get("items").as_number() == 5000);

  // The native file is read in place; its values point into it.
  CHECK(p.config.get("state").get("type").as_string() == "redis");
  CHECK(p.config.get("state").get("type").location().file_name() == "t/metarank.yaml");
  CHECK(p.config.get("state").get("type").location().line == 2);
  CHECK(t.input_files == std::vector<std::string>{"t/topology.yaml", "t/metarank.yaml"});
  CHECK(t.warnings.empty());
}

TEST_CASE("unknown keys are DA002 warnings with a suggestion") {
  MemoryFileSystem files;
  std::string text = kMinimal;
  text.replace(text.find("        mode: serve\n"), 20, "        mode: serve\n        replica: 2\n");
  files.add("t/metarank.yaml", "{}\n");
  LoadedTopology t = load(files, text);
  REQUIRE(t.warnings.size() == 1);
  CHECK(t.warnings[0].rule_id == "DA002");
  CHECK(t.warnings[0].location.line == 16);
  CHECK(t.warnings[0].message.find("did you mean 'replicas'") != std::string::npos);
}

TEST_CASE("an env name close to one the rules read is a DA002 warning") {
  MemoryFileSystem files;
  LoadedTopology t = load(files, R"(version: 1
name: shop
environment: staging
products:
  tracardi:
    components:
      api:
        role: api
        env: {EXPOSE_GUI_APIS: "no", MY_OWN_SETTING: x}
)");
  REQUIRE(t.warnings.size() == 1);
  CHECK(t.warnings[0].message.find("EXPOSE_GUI_API") != std::string::npos);
}

TEST_CASE("every input error of a file is reported, not only the first") {
  MemoryFileSystem files;
  try {
    load(files, R"(version: 1
name: shop
environment: prodution
products:
  metarank:
    components:
      ranker: {role: api, mode: serve, replicas: -1}
)");
    FAIL("expected input errors");
  } catch (const InputFailure& failure) {
    REQUIRE(failure.errors().size() == 2);
    CHECK(failure.errors()[0].message.find("did you mean 'production'") != std::string::npos);
    CHECK(failure.errors()[1].location.line == 7);
  }
}

TEST_CASE("Metaflow flows are read from their source") {
  MemoryFileSystem files;
  files.add("t/flows/train.py", R"(from metaflow import FlowSpec, step, retry, project

@project(name="ranking")
class TrainFlow(FlowSpec):
    @retry(times=2)
    @step
    def start(self):
        self.next(self.end)

    @step
    def end(self):
        pass
)");
  LoadedTopology t = load(files, R"(version: 1
name: shop
environment: production
products:
  metaflow:
    orchestrator: argo-workflows
    flows:
      TrainFlow: {file: flows/train.py}
)");
  const Value& flow = t.products[0].flows.as_list().at(0);
  CHECK(flow.get("name").as_string() == "TrainFlow");
  CHECK(flow.location().file_name() == "t/flows/train.py");
  CHECK(flow.location().line == 4);
  CHECK(flow.get("project").as_string() == "ranking");
  bool has_retry = false;
  for (const auto& d : flow.get("decorators").as_list())
    if (d.as_string() == "retry") has_retry = d.location().line == 5;
  CHECK(has_retry);
}
