// What the products' code and current docs say, by version (research/vendor-review.md): the
// false alarms and silent passes found on real and seed-following files, the corrected
// claims, and version-dependent defaults. Each case runs a topology as `check` would.
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "deploy_advisor/engine/engine.hpp"
#include "deploy_advisor/format/format.hpp"
#include "deploy_advisor/format/rule_docs.hpp"
#include "support/run_example.hpp"

using namespace deploy_advisor;

namespace {

test_support::ExampleRun run(const std::string& topology,
                             std::vector<std::pair<std::string, std::string>> files = {}) {
  RuleExample example;
  example.topology = topology;
  example.files = std::move(files);
  return test_support::run_example(test_support::builtin_profiles(), example);
}

std::vector<Finding> of(const test_support::ExampleRun& run, const std::string& id) {
  std::vector<Finding> out;
  for (const auto& f : run.findings)
    if (f.rule_id == id) out.push_back(f);
  return out;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

const std::string kTracardiHead = R"(version: 1
name: shop
environment: production
platform: kubernetes
products:
  tracardi:
)";

}  // namespace

TEST_CASE("a public API restricted to certain IPs serving the GUI gets neither TR004 nor TR005") {
  for (const std::string restriction :
       {"        allowed_cidrs: [203.0.113.0/24]\n", "        behind: lb\n"}) {
    auto result = run(kTracardiHead + R"(    components:
      api-gui:
        role: api
        replicas: 2
        exposure: public
)" + restriction + R"(        env: {EXPOSE_GUI_API: "yes", INSTALLATION_TOKEN: "${T}"}
      lb: {role: load_balancer, replicas: 2, exposure: public, tls: true, allowed_cidrs: [198.51.100.0/24]}
)");
    INFO(test_support::describe(result));
    REQUIRE(result.errors.empty());
    CHECK(of(result, "TR004").empty());
    CHECK(of(result, "TR005").empty());
  }
  // Open to everyone, it is still reported.
  auto open = run(kTracardiHead + R"(    components:
      api:
        role: api
        replicas: 2
        exposure: public
        allowed_cidrs: [0.0.0.0/0]
        env: {EXPOSE_GUI_API: "yes"}
)");
  CHECK(of(open, "TR004").size() == 1);
}

TEST_CASE("Tracardi 0.7.0 has no TR027 and its default of 5 shards shows in TR016") {
  const std::string components = R"(    components:
      api:
        role: api
        replicas: 5
        env: {EXPOSE_GUI_API: "no"}
)";
  auto old = run(kTracardiHead + "    version: \"0.7.0\"\n" + components);
  INFO(test_support::describe(old));
  REQUIRE(old.errors.empty());
  CHECK(of(old, "TR027").empty());
  auto shards = of(old, "TR016");
  REQUIRE(shards.size() == 1);
  CHECK(contains(shards[0].message, "Tracardi uses 5 (the default of Tracardi 0.7.0)"));

  auto latest = run(kTracardiHead + components);
  CHECK(of(latest, "TR027").size() == 1);
  auto latest_shards = of(latest, "TR016");
  REQUIRE(latest_shards.size() == 1);
  CHECK(contains(latest_shards[0].message, "Tracardi uses 3 (the default of the latest Tracardi release, as no version is declared)"));

  // The version is read from an image tag too.
  auto tagged = run(kTracardiHead + R"(    components:
      api:
        role: api
        replicas: 5
        image: tracardi/tracardi-api:0.7.2
        env: {EXPOSE_GUI_API: "no"}
)");
  CHECK(of(tagged, "TR027").empty());
  REQUIRE(of(tagged, "TR016").size() == 1);
  CHECK(contains(of(tagged, "TR016")[0].message, "Tracardi 0.7.2"));
}

TEST_CASE("TR027 on a public API names the unauthenticated installer and blocks /install") {
  auto result = run(kTracardiHead + R"(    components:
      api:
        role: api
        replicas: 3
        exposure: public
        env: {EXPOSE_GUI_API: "no"}
)");
  auto token = of(result, "TR027");
  REQUIRE(token.size() == 1);
  CHECK(token[0].severity == Severity::Error);
  CHECK(contains(token[0].message, "POST /install"));
  CHECK(contains(token[0].fix, "block /install at the load balancer"));
}

TEST_CASE("TR023 counts MySQL connections by edition") {
  const std::string components = R"(    components:
      api: {role: api, replicas: 2, workers: 4, env: {MYSQL_POOL_SIZE: "1", MYSQL_POOL_MAX_OVERFLOW: "0"}}
      mysql: {role: mysql, max_connections: 50}
)";
  // Open source: 2 engines x (3 + 2) per process, whatever MYSQL_POOL_* say: 10 x 4 x 2 = 80.
  auto open = run(R"(version: 1
name: shop
environment: staging
products:
  tracardi:
)" + components);
  auto open_finding = of(open, "TR023");
  REQUIRE(open_finding.size() == 1);
  CHECK(contains(open_finding[0].message, "Tracardi can open 80 MySQL connections"));
  CHECK(contains(open_finding[0].message, "open-source Tracardi (edition unset) hard-codes pool 3"));
  // Commercial reads the variables: (1 + 0) x 4 x 2 = 8.
  auto commercial = run(R"(version: 1
name: shop
environment: staging
products:
  tracardi:
    edition: commercial
)" + components);
  CHECK(of(commercial, "TR023").empty());
}

TEST_CASE("TR001 uses the current docs' low-traffic minimum of 3") {
  auto result = run(R"(version: 1
name: shop
environment: production
platform: kubernetes
traffic: {peak_requests_per_second: 10}
products:
  tracardi:
    components:
      api: {role: api, replicas: 2, env: {EXPOSE_GUI_API: "no"}}
)");
  auto total = of(result, "TR001");
  REQUIRE(total.size() == 1);
  CHECK(contains(total[0].message, "at least 3 are needed"));
}

TEST_CASE("TR040 reports a boolean Tracardi refuses to start with") {
  auto result = run(kTracardiHead + R"(    components:
      api: {role: api, replicas: 5, env: {EXPOSE_GUI_API: "0", TRACK_DEBUG: "Off"}}
)");
  auto bad = of(result, "TR040");
  REQUIRE(bad.size() == 1);
  CHECK(contains(bad[0].message, "EXPOSE_GUI_API to '0'"));
  CHECK(bad[0].severity == Severity::Error);
}

TEST_CASE("Metarank's 0.4 layout is MR015 naming the pre-0.5 layout, not MR001") {
  auto result = run(R"(version: 1
name: shop
environment: production
platform: kubernetes
products:
  metarank:
    config:
      bootstrap:
        source: {type: file, path: /data/events}
      inference:
        port: 8080
        state: {type: redis, host: redis, port: 6379}
    components:
      ranker: {role: api, mode: serve, replicas: 2, behind: lb}
      lb: {role: load_balancer, replicas: 2}
)");
  INFO(test_support::describe(result));
  CHECK(of(result, "MR001").empty());
  auto rejected = of(result, "MR015");
  REQUIRE(rejected.size() == 1);
  CHECK(contains(rejected[0].message, "pre-0.5 layout"));
}

TEST_CASE("MR040 names the Metarank checks that could not run") {
  auto result = run(R"(version: 1
name: shop
environment: production
platform: kubernetes
products:
  metarank:
    config:
      state: {type: redis, host: redis, port: 6379}
    components:
      ranker: {role: api, mode: serve, replicas: 2, behind: lb}
      lb: {role: load_balancer, replicas: 2}
)");
  auto skipped = of(result, "MR040");
  REQUIRE(skipped.size() == 1);
  CHECK(skipped[0].severity == Severity::Info);
  CHECK(contains(skipped[0].message, "MR002"));
  CHECK(contains(skipped[0].message, "MR013"));
  CHECK(contains(skipped[0].fix, "role: state"));
}

TEST_CASE("MR013 interpolates Metarank's measured table") {
  // 1,024K users: 812 MB measured, x2 for forks = 1.62 GB; the linear 0.8 GiB/M gave 1.76.
  auto result = run(R"(version: 1
name: shop
environment: production
platform: kubernetes
traffic: {peak_requests_per_second: 10, profiles: 1024000}
products:
  metarank:
    components:
      ranker: {role: api, mode: serve, replicas: 2, behind: lb}
      lb: {role: load_balancer, replicas: 2}
      state: {role: state, type: redis, backup: {kind: rdb}, resources: {memory_gb: 1.5}}
)");
  auto memory = of(result, "MR013");
  REQUIRE(memory.size() == 1);
  CHECK(contains(memory[0].message, "needs about 1.6 GB"));
}

TEST_CASE("Metaflow config.json: empty locations and misspelt keys") {
  auto result = run(R"(version: 1
name: ml
environment: staging
products:
  metaflow:
    orchestrator: argo-workflows
    datastore: s3
    config: config.json
)",
                    {{"config.json", R"({"METAFLOW_DEFAULT_DATASTORE": "s3",
 "METAFLOW_DATASTORE_SYSROOT_S3": "",
 "METAFLOW_SERVICE_URL": "",
 "METAFLOW_DEFAULT_METADAT": "service"})"}});
  INFO(test_support::describe(result));
  REQUIRE(result.errors.empty());
  CHECK(of(result, "MF040").size() == 2);
  auto misspelt = of(result, "DA002");
  REQUIRE(misspelt.size() == 1);
  CHECK(contains(misspelt[0].message, "did you mean 'METAFLOW_DEFAULT_METADATA'?"));
}

TEST_CASE("MF006 accepts a flow deployed with --environment=uv") {
  const std::string head = R"(version: 1
name: ml
environment: production
platform: kubernetes
products:
  metaflow:
    orchestrator: kubeflow
    flows:
      Train:
        decorators: [schedule, retry, project]
)";
  CHECK(of(run(head), "MF006").size() == 1);
  CHECK(of(run(head + "        environment: uv\n"), "MF006").empty());
}

TEST_CASE("MF011 knows the other deploy-time rejections") {
  auto flows = [](const std::string& orchestrator, const std::string& decorators) {
    return run(R"(version: 1
name: ml
environment: staging
platform: kubernetes
products:
  metaflow:
    orchestrator: )" + orchestrator + R"(
    datastore: s3
    flows:
      Train:
        file: train.py
)",
               {{"train.py", decorators + R"(
class Train(FlowSpec):
    @step
    def start(self):
        self.next(self.end)

    @step
    def end(self):
        pass
)"}});
  };
  CHECK(of(flows("airflow", "@trigger(event='x')"), "MF011").size() == 1);
  CHECK(of(flows("step-functions", "@schedule(cron='0 3 * * *', timezone='Europe/Paris')"), "MF011").size() == 1);
  CHECK(of(flows("step-functions", "@exit_hook(on_success=[f])"), "MF011").size() == 1);
  CHECK(of(flows("argo-workflows", "@trigger(event='x')\n@trigger_on_finish(flow='A')"), "MF011").size() == 1);
  CHECK(of(flows("argo-workflows", "@trigger(event='x')"), "MF011").empty());
  CHECK(of(flows("step-functions", "@schedule(cron='0 3 * * *')"), "MF011").empty());
}

TEST_CASE("flows with imported bases are followed or read anyway") {
  const std::string topology = R"(version: 1
name: ml
environment: production
platform: kubernetes
products:
  metaflow:
    orchestrator: argo-workflows
    datastore: s3
    metadata: service
    flows:
      Nightly:
        file: nightly.py
)";
  const std::string nightly = R"(from base import BaseFlow
from metaflow import step

class Nightly(BaseFlow):
    @step
    def start(self):
        self.next(self.end)

    @step
    def end(self):
        pass
)";
  const std::string base = R"(from metaflow import FlowSpec, conda_base, project, schedule

@conda_base(python='3.11', packages={'pandas': '2.2.2'})
@project(name='ml')
@schedule(daily=True)
class BaseFlow(FlowSpec):
    pass
)";
  SECTION("a base in a sibling module passes its flow-level decorators on") {
    auto result = run(topology, {{"nightly.py", nightly}, {"base.py", base}});
    INFO(test_support::describe(result));
    REQUIRE(result.errors.empty());
    CHECK(of(result, "MF006").empty());
    CHECK(of(result, "MF007").empty());
    CHECK(of(result, "MF003").empty());
    CHECK(of(result, "MF041").empty());
  }
  SECTION("a base flow of the same file passes on @conda_base") {
    auto result = run(topology, {{"nightly.py", R"(from metaflow import FlowSpec, step, conda_base, project, schedule

@conda_base(python='3.11')
@project(name='ml')
class TrainFlow(FlowSpec):
    @step
    def start(self):
        self.next(self.end)

    @step
    def end(self):
        pass

@schedule(daily=True)
class Nightly(TrainFlow):
    pass
)"}});
    INFO(test_support::describe(result));
    REQUIRE(result.errors.empty());
    CHECK(of(result, "MF006").empty());
  }
  SECTION("a base from a package is an info finding, not an input error") {
    auto result = run(topology, {{"nightly.py", R"(from obproject import ProjectFlow
from metaflow import step

class Nightly(ProjectFlow):
    @step
    def start(self):
        self.next(self.end)

    @step
    def end(self):
        pass
)"}});
    INFO(test_support::describe(result));
    REQUIRE(result.errors.empty());
    auto unread = of(result, "MF041");
    REQUIRE(unread.size() == 1);
    CHECK(unread[0].severity == Severity::Info);
    CHECK(contains(unread[0].message, "ProjectFlow (from obproject"));
    CHECK(unread[0].location.line == 4);
  }
}

TEST_CASE("DA002 in a Cortex file is an error naming apis[i] and the API") {
  auto result = run(R"(version: 1
name: serving
environment: staging
products:
  cortex:
    cluster:
      region: us-east-1
      subnet_visiblity: private
    apis: [cortex.yaml]
)",
                    {{"cortex.yaml", R"(- name: first
  kind: RealtimeAPI
- name: second
  kind: RealtimeAPI
  max_concurency: 4
)"}});
  INFO(test_support::describe(result));
  REQUIRE(result.errors.empty());
  auto unknown = of(result, "DA002");
  REQUIRE(unknown.size() == 2);
  bool cluster = false, api = false;
  for (const auto& f : unknown) {
    CHECK(f.severity == Severity::Error);
    if (contains(f.message, "subnet_visiblity")) cluster = true;
    if (contains(f.message, "max_concurency")) {
      api = true;
      CHECK(contains(f.message, "apis[1]"));
      CHECK(f.component == "second");
    }
  }
  CHECK(cluster);
  CHECK(api);
}

TEST_CASE("CX008 at 300 nodes; CX007 leaves mixed spot groups alone") {
  auto result = run(R"(version: 1
name: serving
environment: production
products:
  cortex:
    custom_domain: cortex.example.com
    cluster:
      region: us-east-1
      subnet_visibility: private
      node_groups:
        - {name: cpu, instance_type: m5.large, min_instances: 1, max_instances: 300}
        - name: gpu-spot
          instance_type: g4dn.xlarge
          max_instances: 5
          spot: true
          spot_config: {on_demand_base_capacity: 1}
)");
  INFO(test_support::describe(result));
  CHECK(of(result, "CX008").size() == 1);
  CHECK(of(result, "CX007").empty());
}

TEST_CASE("no rule page, explanation or SARIF help shows template or rule-language code") {
  const auto& profiles = test_support::builtin_profiles();
  const std::vector<std::string> code = {"{{", "??", "&&", "||", ".filter(", ".map(",
                                         ".exists(", "format_number(", "has("};
  for (const Rule* rule : profiles.rules()) {
    INFO(rule->id);
    const std::string page = rule_page(*rule);
    const std::string how_to_fix = page.substr(page.find("## How to fix"));
    for (const auto& c : code) {
      CHECK_FALSE(contains(rule->fix_text, c));
      CHECK_FALSE(contains(how_to_fix.substr(0, how_to_fix.find("## How to waive")), c));
      CHECK_FALSE(contains(rule_explanation(*rule).substr(0, rule_explanation(*rule).find("## How to waive")).substr(rule_explanation(*rule).find("## Rationale")), c));
    }
  }
}
