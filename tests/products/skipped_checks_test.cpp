// Checks that could not run say so: one info finding per product names the rules an absent
// input kept silent and the key that would enable them, and says nothing when every input is
// there. Rule pages say concretely what to change.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "deploy_advisor/engine/engine.hpp"
#include "deploy_advisor/format/rule_docs.hpp"
#include "support/run_example.hpp"

using namespace deploy_advisor;

namespace {

test_support::ExampleRun run(const std::string& topology) {
  RuleExample example;
  example.topology = topology;
  return test_support::run_example(test_support::builtin_profiles(), example);
}

std::vector<Finding> of(const test_support::ExampleRun& run, const std::string& id) {
  std::vector<Finding> out;
  for (const auto& f : run.findings)
    if (f.rule_id == id) out.push_back(f);
  return out;
}

const std::string kHead = R"(version: 1
name: shop
environment: production
platform: kubernetes
)";

const std::string kTracardiTraffic = R"(traffic:
  peak_requests_per_second: 100
  events_per_day: 1000000
  average_event_bytes: 1000
  active_profiles_per_hour: 1000
)";

}  // namespace

TEST_CASE("TR041 names every Tracardi check an absent input kept silent, once") {
  auto result = run(kHead + kTracardiTraffic + R"(products:
  tracardi:
    components:
      api: {role: api, replicas: 3, env: {EXPOSE_GUI_API: "yes", MYSQL_HOST: mysql.internal}}
      gui: {role: gui, replicas: 2}
      storage: {role: worker, kind: storage, replicas: 2}
)");
  INFO(test_support::describe(result));
  REQUIRE(result.errors.empty());
  auto skipped = of(result, "TR041");
  REQUIRE(skipped.size() == 1);
  CHECK(skipped[0].severity == Severity::Info);
  const std::string& message = skipped[0].message;
  CHECK_THAT(message, Catch::StartsWith("6 checks could not run for want of an input: "));
  for (const char* part : {"TR003, TR015, TR017 and TR019", "no component has `role: elasticsearch`",
                           "TR024 (Redis memory", "no component has `role: redis`",
                           "TR023 (MySQL connections", "MYSQL_HOST names a MySQL",
                           "TR030 (worker processes for the peak of events), as no `peak_events_per_second`",
                           "TR033", "no `request_latency_ms` is declared",
                           "TR029 (the API cluster the GUI talks to), as GUI gui sets no `api`"})
    CHECK_THAT(message, Catch::Contains(part));
  const std::string& fix = skipped[0].fix;
  for (const char* key : {"a component with `role: elasticsearch`", "`role: redis`", "`role: mysql`",
                          "`peak_events_per_second` under `traffic`", "`request_latency_ms` under `traffic`",
                          "`api:` on gui"})
    CHECK_THAT(fix, Catch::Contains(key));
  // The checks that do run are not said to be skipped.
  CHECK_THAT(message, !Catch::Contains("TR031"));
  CHECK_THAT(message, !Catch::Contains("TR014"));
}

TEST_CASE("TR041 points at a Redis without memory and names it") {
  auto result = run(kHead + kTracardiTraffic + R"(  peak_events_per_second: 100
  request_latency_ms: 40
products:
  tracardi:
    components:
      api: {role: api, replicas: 3, env: {EXPOSE_GUI_API: "no"}}
      elasticsearch: {role: elasticsearch, replicas: 3}
      cache:
        role: redis
        replicas: 2
)");
  INFO(test_support::describe(result));
  auto skipped = of(result, "TR041");
  REQUIRE(skipped.size() == 1);
  CHECK(skipped[0].message ==
        "a check could not run for want of an input: TR024 (Redis memory for the profile cache), "
        "as cache sets no `resources.memory_gb`");
  CHECK(skipped[0].location.line == 18);  // `role: redis` of the cache component
  CHECK_THAT(skipped[0].fix, Catch::Contains("`resources.memory_gb` on cache"));
}

TEST_CASE("TR041 stays silent when every input is declared, and outside production") {
  const std::string complete = kTracardiTraffic + R"(  peak_events_per_second: 100
  request_latency_ms: 40
products:
  tracardi:
    components:
      api: {role: api, replicas: 3, env: {EXPOSE_GUI_API: "no", MYSQL_HOST: mysql}}
      gui: {role: gui, replicas: 2, api: api}
      storage: {role: worker, kind: storage, replicas: 2}
      elasticsearch: {role: elasticsearch, replicas: 3}
      redis: {role: redis, replicas: 2, resources: {memory_gb: 4}}
      mysql: {role: mysql}
)";
  auto result = run(kHead + complete);
  INFO(test_support::describe(result));
  REQUIRE(result.errors.empty());
  CHECK(of(result, "TR041").empty());

  auto staging = run(R"(version: 1
name: shop
environment: staging
products:
  tracardi:
    components:
      api: {role: api, replicas: 3}
)");
  CHECK(of(staging, "TR041").empty());
}

TEST_CASE("MF042 names the Metaflow checks an absent orchestrator or flow source kept silent") {
  auto result = run(kHead + R"(products:
  metaflow:
    datastore: s3
    metadata: service
    components:
      metadata: {role: metadata_service, replicas: 2}
    flows:
      TrainFlow:
        project: ranking
      ScoreFlow:
        decorators: [schedule, retry, catch, pypi, card, project]
)");
  INFO(test_support::describe(result));
  REQUIRE(result.errors.empty());
  auto skipped = of(result, "MF042");
  REQUIRE(skipped.size() == 1);
  CHECK(skipped[0].severity == Severity::Info);
  CHECK_THAT(skipped[0].message, Catch::StartsWith("2 checks could not run for want of an input: "));
  CHECK_THAT(skipped[0].message, Catch::Contains("MF001, MF002 and MF011"));
  CHECK_THAT(skipped[0].message, Catch::Contains("no `orchestrator` is declared"));
  CHECK_THAT(skipped[0].message,
             Catch::Contains("MF003 to MF007, MF010 and MF013 (triggers, retries, timeouts, pinned "
                             "dependencies, @project, cards, tags), as flow TrainFlow has neither `file` nor `decorators`"));
  CHECK_THAT(skipped[0].fix, Catch::Contains("`orchestrator:`"));
  CHECK_THAT(skipped[0].fix, Catch::Contains("`decorators:` on TrainFlow"));

  auto no_flows = run(kHead + R"(products:
  metaflow:
    orchestrator: step-functions
    datastore: s3
    metadata: service
    components:
      metadata: {role: metadata_service, replicas: 2}
)");
  REQUIRE(of(no_flows, "MF042").size() == 1);
  CHECK(of(no_flows, "MF042")[0].message ==
        "a check could not run for want of an input: MF003 to MF007, MF010 and MF013 (triggers, "
        "retries, timeouts, pinned dependencies, @project, cards, tags), as no flow is declared");

  auto complete = run(kHead + R"(products:
  metaflow:
    orchestrator: step-functions
    datastore: s3
    metadata: service
    components:
      metadata: {role: metadata_service, replicas: 2}
    flows:
      ScoreFlow:
        decorators: [schedule, retry, catch, pypi, card, project]
)");
  CHECK(of(complete, "MF042").empty());
}

TEST_CASE("CX040 names the Cortex checks a missing cluster, spec, burst or egress kept silent") {
  const std::string api = R"(    apis:
      - name: ranker
        kind: RealtimeAPI
        pod:
          max_concurrency: 4
          containers:
            - name: api
              image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/ranker:1.0
              compute: {cpu: 1, mem: 2G}
              readiness_probe: {http_get: {path: /healthz, port: 8080}}
        autoscaling: {min_replicas: 2, max_replicas: 20}
)";
  auto specs_only = run(kHead + R"(traffic: {peak_requests_per_second: 100, request_latency_ms: 50}
products:
  cortex:
    custom_domain: api.example.com
)" + api);
  INFO(test_support::describe(specs_only));
  REQUIRE(specs_only.errors.empty());
  auto skipped = of(specs_only, "CX040");
  REQUIRE(skipped.size() == 1);
  CHECK(skipped[0].severity == Severity::Info);
  CHECK_THAT(skipped[0].message, Catch::StartsWith("2 checks could not run for want of an input: CX003 to CX008"));
  CHECK_THAT(skipped[0].message, Catch::Contains("as no cluster configuration is declared"));
  CHECK_THAT(skipped[0].message,
             Catch::Contains("CX017 (autoscaling fast enough for a burst), as no `burst_seconds` is declared for RealtimeAPI ranker"));
  CHECK_THAT(skipped[0].fix, Catch::Contains("`cluster:`"));
  CHECK_THAT(skipped[0].fix, Catch::Contains("`burst_seconds` under `traffic`"));

  // A large cluster with the single NAT gateway Cortex defaults to for private subnets: CX004
  // needs to know whether the APIs call outside services.
  const std::string cluster = R"(    cluster:
      region: us-east-1
      subnet_visibility: private
      node_groups:
        - {name: cpu, instance_type: m5.xlarge, max_instances: 120}
)";
  auto egress_unknown = run(kHead + R"(traffic: {peak_requests_per_second: 100, request_latency_ms: 50, burst_seconds: 300}
products:
  cortex:
    custom_domain: api.example.com
)" + cluster + api);
  REQUIRE(of(egress_unknown, "CX040").size() == 1);
  CHECK(of(egress_unknown, "CX040")[0].message ==
        "a check could not run for want of an input: CX004 (a single NAT gateway on a large "
        "cluster), as `external_egress` is not declared");

  auto complete = run(kHead + R"(traffic: {peak_requests_per_second: 100, request_latency_ms: 50, burst_seconds: 300}
products:
  cortex:
    custom_domain: api.example.com
    external_egress: false
)" + cluster + api);
  CHECK(of(complete, "CX040").empty());
}

TEST_CASE("the shipped example declares every input: no skipped-checks finding") {
  auto result = test_support::run_file(test_support::builtin_profiles(),
                                       std::string(DA_SOURCE_DIR) + "/examples/acme-production.yaml");
  INFO(test_support::describe(result));
  REQUIRE(result.errors.empty());
  for (const char* id : {"MR040", "TR041", "MF042", "CX040"}) CHECK(of(result, id).empty());
}

TEST_CASE("every rule page says what to change, with no placeholder for a value it cannot show") {
  // A fix whose values are computed gets `how_to_fix`; without it the page would read
  // "(the value the finding names)" where the setting or target belongs.
  for (const Rule* rule : test_support::builtin_profiles().rules()) {
    INFO(rule->id);
    CHECK_THAT(rule_page(*rule), !Catch::Contains("(the value the finding names)"));
    CHECK_THAT(rule_explanation(*rule), !Catch::Contains("(the value the finding names)"));
  }
}
