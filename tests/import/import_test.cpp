#include <catch2/catch.hpp>

#include "deploy_advisor/common/yaml_writer.hpp"
#include "import/import_support.hpp"

using deploy_advisor::Node;

namespace {

/// Every line that sets a value names the file and line it came from.
void require_sources_on_every_value(const ImportedRun& run, const std::string& source_name) {
  std::istringstream lines(run.topology_text);
  std::string line;
  int checked = 0;
  while (std::getline(lines, line)) {
    const auto first = line.find_first_not_of(' ');
    if (first == std::string::npos || line[first] == '#') continue;
    const auto colon = line.find(": ");
    const bool list_item = line.compare(first, 2, "- ") == 0;
    if (!list_item && (colon == std::string::npos || line.find_first_not_of(' ', colon + 1) == std::string::npos))
      continue;  // a mapping opening its block
    if (line.rfind("version: 1", 0) == 0 || line.rfind("name: ", 0) == 0 || line.rfind("environment: ", 0) == 0)
      continue;
    INFO(line);
    CHECK(line.find("  # " + source_name) != std::string::npos);
    ++checked;
  }
  CHECK(checked > 0);
}

}  // namespace

TEST_CASE("import: Tracardi's commercial layout gives a private and a public API") {
  auto run = import_files({import_data("tracardi-commercial-compose.yaml")}, "commercial.yaml");
  INFO(run.import.err);
  REQUIRE(run.import.status == 0);
  const Node* private_api = component_of(run, "tracardi", "tracardi-private-api");
  const Node* public_api = component_of(run, "tracardi", "tracardi-public-api");
  REQUIRE(private_api);
  REQUIRE(public_api);
  CHECK(text_at(private_api, "role") == "api");
  CHECK(text_at(public_api, "role") == "api");
  CHECK(text_at(private_api, "exposure") == "private");  // published on 127.0.0.1 only
  CHECK(text_at(public_api, "exposure") == "public");
  CHECK(text_at(private_api->find("env"), "EXPOSE_GUI_API") == "yes");
  CHECK(text_at(public_api->find("env"), "EXPOSE_GUI_API") == "no");
  CHECK(text_at(public_api->find("env"), "EVENT_PARTITIONING") == "month");
  CHECK(text_at(public_api, "replicas") == "3");
  CHECK(text_at(public_api->find("resources"), "cpu") == "2");
  CHECK(text_at(public_api->find("resources"), "memory_gb") == "2");
  // Written so that YAML 1.1 readers too see strings, not booleans.
  CHECK(run.topology_text.find("EXPOSE_GUI_API: \"no\"") != std::string::npos);
  CHECK(text_at(run.topology.find("products")->find("tracardi"), "edition") == "commercial");
  CHECK(text_at(run.topology.find("products")->find("tracardi"), "version") == "1.0.0");
  // The stores go to the product that uses them.
  CHECK(text_at(component_of(run, "tracardi", "elasticsearch"), "role") == "elasticsearch");
  CHECK(text_at(component_of(run, "tracardi", "elasticsearch"), "heap_gb") == "2");
  CHECK(text_at(component_of(run, "tracardi", "redis"), "role") == "redis");
  CHECK(text_at(component_of(run, "tracardi", "tracardi-gui"), "role") == "gui");
  // Secret values are never copied; that the variable is set is.
  CHECK(run.topology_text.find("s3cr3t-installation-value") == std::string::npos);
  CHECK(text_at(public_api->find("env"), "INSTALLATION_TOKEN") == "${INSTALLATION_TOKEN}");
  CHECK(text_at(public_api->find("env"), "LICENSE").empty());
  CHECK(text_at(private_api->find("env"), "LICENSE") == "${API_LICENSE}");
  require_sources_on_every_value(run, import_data("tracardi-commercial-compose.yaml"));
  // Traffic is left for the user to measure.
  CHECK(run.topology_text.find("#   peak_requests_per_second:") != std::string::npos);

  auto validate = run_cli({"validate", run.topology_path});
  INFO(validate.err);
  CHECK(validate.status == 0);
  int status = -1;
  auto findings = findings_of(run.topology_path, status);
  REQUIRE(status == 0);
  CHECK_FALSE(has_rule(findings, "TR004"));  // the public API does not expose the GUI API
  CHECK_FALSE(has_rule(findings, "TR006"));
  CHECK_FALSE(has_rule(findings, "TR027"));  // the token is set, from a secret
  CHECK(has_rule(findings, "DA001"));        // traffic is not in the sources
}

TEST_CASE("import: a Compose file mixing Tracardi and other services") {
  auto run = import_files({import_data("mixed-compose.yaml")}, "mixed.yaml");
  INFO(run.import.err);
  REQUIRE(run.import.status == 0);
  CHECK(text_at(component_of(run, "tracardi", "tracardi-api"), "role") == "api");
  CHECK(text_at(component_of(run, "tracardi", "elasticsearch"), "role") == "elasticsearch");
  CHECK(component_of(run, "tracardi", "nginx") == nullptr);
  CHECK(component_of(run, "tracardi", "grafana") == nullptr);
  const std::string file = import_data("mixed-compose.yaml");
  CHECK(run.import.err.find(file + ":13:12: not mapped: nginx (image nginx): not a part of") != std::string::npos);
  CHECK(run.import.err.find(file + ":17:12: not mapped: grafana (image grafana/grafana)") != std::string::npos);
  CHECK(run.import.err.find(file + ":18:15: not mapped: grafana: env_file is not read") != std::string::npos);
  CHECK(run_cli({"validate", run.topology_path}).status == 0);
}

TEST_CASE("import: Metarank chart values give a serve API and a scheduled train job") {
  auto run = import_files({import_data("metarank-values.yaml")}, "metarank-values.yaml");
  INFO(run.import.err);
  REQUIRE(run.import.status == 0);
  const Node* serve = component_of(run, "metarank", "metarank");
  const Node* train = component_of(run, "metarank", "metarank-train");
  REQUIRE(serve);
  REQUIRE(train);
  CHECK(text_at(serve, "role") == "api");
  CHECK(text_at(serve, "mode") == "serve");
  CHECK(text_at(serve, "replicas") == "2");
  CHECK(text_at(serve, "exposure") == "private");
  CHECK(text_at(serve->find("resources"), "cpu") == "1.5");
  CHECK(text_at(serve->find("env"), "METARANK_REDIS_PASSWORD") == "${METARANK_REDIS_PASSWORD}");
  CHECK(text_at(train, "role") == "train");
  CHECK(text_at(train, "run") == "scheduled");
  CHECK(text_at(train, "schedule") == "0 6 * * *");
  CHECK(text_at(train->find("resources"), "memory_gb") == "8");
  CHECK(text_at(run.topology.find("products")->find("metarank"), "version") == "0.7.2");
  CHECK(text_at(&run.topology, "platform") == "kubernetes");
  require_sources_on_every_value(run, import_data("metarank-values.yaml"));
  CHECK(run_cli({"validate", run.topology_path}).status == 0);
}

TEST_CASE("import: Kubernetes manifests, several documents in one file") {
  auto run = import_files({import_data("metarank-manifests.yaml")}, "metarank-manifests.yaml");
  INFO(run.import.err);
  REQUIRE(run.import.status == 0);
  const Node* ranker = component_of(run, "metarank", "ranker");
  REQUIRE(ranker);
  CHECK(text_at(ranker, "mode") == "serve");
  CHECK(text_at(ranker, "replicas") == "3");  // the autoscaler's minimum
  CHECK(text_at(ranker, "exposure") == "internal");  // an internal load balancer
  CHECK(text_at(ranker, "spread") == "host");
  CHECK(ranker->find("allowed_cidrs") != nullptr);
  CHECK(text_at(ranker->find("env"), "JAVA_OPTS") == "-Xmx768m");  // from the ConfigMap
  CHECK(text_at(ranker->find("env"), "METARANK_REDIS_PASSWORD") == "${METARANK_REDIS_PASSWORD}");
  const Node* train = component_of(run, "metarank", "ranker-train");
  REQUIRE(train);
  CHECK(text_at(train, "run") == "scheduled");
  CHECK(text_at(train, "schedule") == "@daily");
  const Node* redis = component_of(run, "metarank", "redis");
  REQUIRE(redis);
  CHECK(text_at(redis, "role") == "state");
  CHECK(text_at(redis, "type") == "redis");
  CHECK(text_at(redis->find("resources"), "disk_gb") == "20");
  CHECK(run.topology_text.find("c3VwZXJzZWNyZXQ") == std::string::npos);
  const std::string file = import_data("metarank-manifests.yaml");
  CHECK(run.import.err.find(file + ":63:7: not mapped: PodDisruptionBudget ranker") != std::string::npos);
  require_sources_on_every_value(run, file);
  CHECK(run_cli({"validate", run.topology_path}).status == 0);
}

TEST_CASE("import: round trip through plan --format yaml and check") {
  for (const char* name : {"tracardi-commercial-compose.yaml", "mixed-compose.yaml", "metarank-values.yaml",
                           "metarank-manifests.yaml"}) {
    INFO(name);
    auto run = import_files({import_data(name)}, std::string("round-trip-") + name);
    REQUIRE(run.import.status == 0);
    auto plan = run_cli({"plan", "--format", "yaml", run.topology_path});
    INFO(plan.err);
    REQUIRE(plan.status != 2);
    const std::string planned = output_path(std::string("planned-") + name);
    std::ofstream(planned, std::ios::binary) << plan.out;
    auto check = run_cli({"check", "--fail-on", "never", planned});
    INFO(check.err);
    CHECK(check.status == 0);
  }
}

TEST_CASE("import: unreadable inputs exit 2 with located errors") {
  auto broken = run_cli({"import", import_data("broken.yaml")});
  CHECK(broken.status == 2);
  CHECK(broken.err.find(import_data("broken.yaml") + ":4:1: error: YAML syntax error") != std::string::npos);
  CHECK(broken.out.empty());
  auto missing = run_cli({"import", import_data("no-such-file.yaml")});
  CHECK(missing.status == 2);
  CHECK(missing.err.find("no-such-file.yaml") != std::string::npos);

  deploy_advisor::MemoryFileSystem memory;
  memory.add("nothing.yaml", "services:\n  web:\n    image: nginx\n");
  auto nothing = run_cli({"import", "nothing.yaml"}, memory);
  CHECK(nothing.status == 2);
  CHECK(nothing.err.find("nothing.yaml:3:12: error: not mapped: web (image nginx)") != std::string::npos);
  CHECK(nothing.err.find("no part of Metarank, Tracardi, Metaflow or Cortex found") != std::string::npos);

  memory.add("bomb.yaml", "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                          "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                          "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
                          "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n");
  auto bomb = run_cli({"import", "bomb.yaml"}, memory);
  CHECK(bomb.status == 2);
  CHECK(bomb.err.find("bomb.yaml:7:") != std::string::npos);
}

TEST_CASE("import: a count that is not a whole number is reported, not copied") {
  deploy_advisor::MemoryFileSystem memory;
  memory.add("odd.yaml", "services:\n  api:\n    image: tracardi/tracardi-api:1.0.0\n    deploy:\n"
                         "      replicas: \"{{ .Values.replicas }}\"\n  gui:\n    image: tracardi/tracardi-gui\n"
                         "    scale: 99999999999999999999\n");
  auto r = run_cli({"import", "odd.yaml"}, memory);
  INFO(r.err);
  CHECK(r.status == 0);
  CHECK(r.err.find("odd.yaml:5:17: not mapped: api: replicas is not a whole number here") != std::string::npos);
  CHECK(r.err.find("odd.yaml:8:12: not mapped: gui: replicas is not a whole number here") != std::string::npos);
  CHECK(r.out.find("replicas:") == std::string::npos);
}

TEST_CASE("import: more services than import reads is an input error, not a slow run") {
  std::string text = "services:\n";
  for (int i = 0; i <= 10'000; ++i) text += "  s" + std::to_string(i) + ": {image: redis}\n";
  deploy_advisor::MemoryFileSystem memory;
  memory.add("many.yaml", text);
  auto r = run_cli({"import", "--product", "tracardi", "many.yaml"}, memory);
  CHECK(r.status == 2);
  CHECK(r.err.find("many.yaml:2:3: error: 10001 services: import reads at most 10000") != std::string::npos);
}

TEST_CASE("import: stores alone need the product named") {
  deploy_advisor::MemoryFileSystem memory;
  memory.add("stores.yaml", "services:\n  redis:\n    image: redis:7\n  es:\n    image: elasticsearch:8.11.3\n");
  auto unnamed = run_cli({"import", "stores.yaml"}, memory);
  CHECK(unnamed.status == 2);
  CHECK(unnamed.err.find("--product") != std::string::npos);
  auto named = run_cli({"import", "--product", "tracardi", "stores.yaml"}, memory);
  INFO(named.err);
  CHECK(named.status == 0);
  CHECK(named.out.find("role: redis  # stores.yaml:3") != std::string::npos);
  CHECK(named.out.find("role: elasticsearch  # stores.yaml:5") != std::string::npos);
}

TEST_CASE("import: the same inputs give the same bytes") {
  auto a = run_cli({"import", import_data("metarank-manifests.yaml"), import_data("mixed-compose.yaml")});
  auto b = run_cli({"import", import_data("metarank-manifests.yaml"), import_data("mixed-compose.yaml")});
  CHECK(a.status == 0);
  CHECK(a.out == b.out);
  CHECK(a.err == b.err);
}

TEST_CASE("the YAML writer quotes strings that YAML 1.1 reads as booleans or numbers") {
  using deploy_advisor::write_yaml_scalar;
  for (const char* text : {"yes", "no", "on", "off", "y", "N", "010", "0x1F", "1_000", "1:30", "2024-01-02", "~"}) {
    INFO(text);
    CHECK(write_yaml_scalar(Node::scalar(text, Node::Style::Quoted, {})) == std::string("\"") + text + "\"");
  }
  CHECK(write_yaml_scalar(Node::scalar("month", Node::Style::Quoted, {})) == "month");
  CHECK(write_yaml_scalar(Node::scalar("0.9.0-rc4", Node::Style::Quoted, {})) == "0.9.0-rc4");
  CHECK(write_yaml_scalar(Node::scalar("3", Node::Style::Plain, {})) == "3");
}

TEST_CASE("the YAML reader reads a stream of documents only when asked") {
  const std::string text = "kind: A\n---\nkind: B\n---\n";
  const std::string* file = deploy_advisor::intern_file_name("stream.yaml");
  auto many = deploy_advisor::parse_yaml_documents(text, file);
  REQUIRE(many.ok());
  REQUIRE(many.documents.size() == 3);
  CHECK(many.documents[1].find("kind")->text() == "B");
  CHECK(many.documents[1].find("kind")->location().line == 3);
  CHECK(many.documents[2].is_null());
  auto one = deploy_advisor::parse_yaml(text, file);
  CHECK_FALSE(one.ok());
}
