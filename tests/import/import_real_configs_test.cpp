#include <catch2/catch.hpp>

#include "import/import_support.hpp"

// The public Compose files, Helm values files and manifests of the products (../shared/
// real-configs, registered only when that folder exists): each imports to a topology that
// validates, with the components, roles and exposure the file describes, and the findings
// check then gives are those the file deserves.

namespace {

std::string real(const std::string& name) { return std::string(DA_REAL_CONFIGS_DIR) + "/" + name; }

struct Expected {
  std::string component;
  std::string role;
  std::string exposure;  // "" = not written (private by default)
};

struct Finding {
  std::string rule;
  std::string component;  // "*" = any
};

struct Case {
  std::vector<std::string> files;
  std::string product;  // --product, for files holding only stores
  std::vector<Expected> components;
  std::vector<Finding> present;
  std::vector<Finding> absent;
  std::vector<std::string> not_mapped;  // text of a "not mapped" line
};

const std::vector<Case>& cases() {
  static const std::vector<Case> list = {
      // Tracardi: Compose
      {{"tracardi/tracardi-api__com-app-docker-compose.yaml"}, "",
       {{"tracardi-private-api", "api", "public"}, {"tracardi-public-api", "api", "public"},
        {"tracardi-background-worker", "worker", ""}, {"tracardi-gui", "gui", "public"}},
       // The private API's port 8686 is published on every interface of the host.
       {{"TR004", "tracardi-private-api"}, {"TR006", "tracardi-private-api"}, {"DA004", "tracardi-public-api"}},
       {{"TR004", "tracardi-public-api"}, {"TR006", "tracardi-public-api"}, {"TR029", "*"}},
       {"tracardi-apm: Tracardi apm has no role", "tracardi-tms: Tracardi tms has no role",
        "worker: Tracardi update-worker has no role"}},
      {{"tracardi/tracardi-api__com-app-docker-compose.yaml", "tracardi/tracardi-api__com-dep-docker-compose.yaml"}, "",
       {{"tracardi-private-api", "api", "public"}, {"tracardi-public-api", "api", "public"},
        {"tracardi-background-worker", "worker", ""}, {"tracardi-gui", "gui", "public"},
        {"elasticsearch", "elasticsearch", "public"}, {"redis", "redis", "public"}, {"mysql", "mysql", "public"},
        {"pulsar", "pulsar", "public"}},
       {{"TR003", "*"}, {"TR015", "elasticsearch"}},
       {{"TR029", "*"}},
       {"tracardi-init: Tracardi init has no role"}},
      {{"tracardi/tracardi-api__com-dep-docker-compose.yaml"}, "tracardi",
       {{"elasticsearch", "elasticsearch", "public"}, {"redis", "redis", "public"}, {"mysql", "mysql", "public"},
        {"pulsar", "pulsar", "public"}},
       {{"TR003", "*"}, {"DA004", "mysql"}},
       {},
       {"tracardi-init: Tracardi init has no role"}},
      {{"tracardi/tracardi-api__docker-compose.yaml"}, "",
       {{"tracardi-api", "api", "public"}, {"tracardi-gui", "gui", "public"}, {"elasticsearch", "elasticsearch", "public"},
        {"redis", "redis", "public"}, {"mysql", "mysql", "public"}},
       {{"TR004", "tracardi-api"}, {"TR006", "tracardi-api"}, {"TR027", "tracardi-api"}, {"TR003", "*"}},
       {{"TR029", "*"}},
       {"worker: Tracardi update-worker has no role", "apm: Tracardi apm has no role"}},
      {{"tracardi/tracardi-api__0.8.2__docker-compose.yaml"}, "",
       {{"tracardi-api", "api", "public"}, {"tracardi-gui", "gui", "public"}, {"elasticsearch", "elasticsearch", ""},
        {"redis", "redis", ""}},
       {{"TR006", "tracardi-api"}, {"TR003", "*"}},
       {},
       {}},
      {{"tracardi/tracardi-api__0.8.2__com-docker-compose.yaml"}, "",
       {{"tracardi-test-api", "api", "public"}, {"tracardi-event-storage-worker", "worker", ""},
        {"tracardi-profile-storage-worker", "worker", ""}, {"tracardi-session-storage-worker", "worker", ""},
        {"tracardi-gui", "gui", "public"}, {"pulsar", "pulsar", "public"}, {"elasticsearch", "elasticsearch", ""},
        {"redis", "redis", ""}},
       {{"TR006", "tracardi-test-api"}},
       {},
       {"tracardi-profile-flusher-worker: Tracardi com-tracardi-flusher-worker has no role",
        "tracardi-gui: depends on tracardi-api, which is not among the inputs"}},
      {{"tracardi/tracardi-api__dev-docker-compose.yaml"}, "tracardi",
       {{"elasticsearch", "elasticsearch", "public"}, {"redis", "redis", "public"}, {"mysql", "mysql", "public"},
        {"pulsar", "pulsar", "public"}},
       {{"TR003", "*"}},
       {},
       {}},
      {{"tracardi/tracardi-api__dev_docker-compose.yaml"}, "tracardi",
       {{"es01", "elasticsearch", "public"}, {"es02", "elasticsearch", ""}, {"es03", "elasticsearch", ""}},
       {{"TR017", "es01"}},
       {{"TR003", "*"}, {"TR017", "setup"}},  // three nodes; the setup container is not one
       {"setup: a helper that runs a shell script in the Elasticsearch image",
        "kibana (image kibana/kibana): not a part of"}},
      {{"tracardi/tracardi-api__dev_kafka-docker-compose.yaml"}, "tracardi",
       {},
       {},
       {},
       {"zookeeper (image confluentinc/cp-zookeeper): not a part of", "broker (image confluentinc/cp-kafka): not a part of"}},
      // Tracardi: Helm values and Chart.yaml
      {{"tracardi/argocd__tracardi_Chart.yaml", "tracardi/argocd__tracardi_values.yaml"}, "",
       {{"api-private", "api", "private"}, {"api-public", "api", "private"}, {"gui", "gui", "private"},
        {"worker-background", "worker", ""}},
       {{"TR027", "api-private"}, {"TR027", "api-public"}, {"TR025", "api-public"}},
       {{"TR016", "*"}, {"TR018", "*"}, {"TR004", "*"}, {"TR006", "*"}},
       {"api-public: topology spread over kubernetes.io/hostname with ScheduleAnyway is not a guarantee",
        "elastic: the chart connects to elastic at", "tms: a Tracardi chart part with no role",
        "worker-apm-profile: Tracardi apm has no role"}},
      {{"tracardi/argocd__tracardi_values_example.yaml"}, "",
       {{"api-test", "api", ""}, {"api-production", "api", ""}, {"gui", "gui", ""}},
       {{"TR027", "api-production"}},
       {},
       {"worker-apm-profile: Tracardi apm has no role", "worker-upgrade-docker: Tracardi update-worker has no role"}},
      {{"tracardi/helm__tracardi_Chart.yaml", "tracardi/helm__tracardi_values.yaml"}, "",
       {{"api-test", "api", ""}, {"api-production", "api", ""}, {"gui", "gui", ""},
        {"worker-storage-profile", "worker", ""}, {"worker-storage-event", "worker", ""},
        {"worker-storage-session", "worker", ""}},
       {{"TR025", "api-production"}, {"TR016", "api-production"}},
       {{"TR027", "*"}},  // the installation token is a secret placeholder: set, not copied
       {"worker-flusher-profile: Tracardi com-tracardi-flusher-worker has no role", "copingWorker: a Tracardi chart part"}},
      {{"tracardi/helm__tracardi_instance-values.yaml"}, "",
       {},
       {},
       {},
       {"secrets: secret values for the chart's APIs and stores are never copied"}},
      {{"tracardi/argocd__pulsar_local-values.yaml"}, "tracardi", {{"pulsar", "pulsar", ""}}, {}, {{"TR022", "*"}}, {}},
      {{"tracardi/argocd__elastic_values.yaml"}, "tracardi",
       {{"elasticsearch", "elasticsearch", "private"}},
       {{"TR017", "elasticsearch"}},
       {{"TR003", "*"}, {"TR015", "*"}},
       {"elasticsearch: dedicated master nodes are not counted"}},
      {{"tracardi/argocd__elastic_local-values.yaml"}, "tracardi",
       {{"elasticsearch", "elasticsearch", "public"}}, {{"DA004", "elasticsearch"}}, {{"TR003", "*"}}, {}},
      {{"tracardi/argocd__redis_local-values.yaml"}, "tracardi", {{"redis", "redis", ""}}, {}, {}, {}},
      // Tracardi: Kubernetes manifests
      {{"tracardi/helm__elastic_standalone_es-standalone.yaml", "tracardi/helm__pulsar_standalone_pulsar-standalone.yaml",
        "tracardi/helm__redis_standalone_redis-standalone.yaml"},
       "tracardi",
       {{"elastic-standalone-deployment", "elasticsearch", "private"},
        {"pulsar-standalone-deployment", "pulsar", "private"},
        {"redis-standalone-deployment", "redis", "private"}},
       {{"TR003", "*"}, {"TR015", "elastic-standalone-deployment"}},
       {{"DA004", "*"}},
       {}},
      {{"tracardi/argocd__app-tracardi.yaml"}, "tracardi", {}, {}, {}, {"Application tracardi-helm: not a kind import reads"}},
      // Metarank
      {{"metarank/metarank__deploy_kubernetes_Chart.yaml", "metarank/metarank__deploy_kubernetes_values.yaml"}, "",
       {{"metarank", "api", "private"}, {"metarank-train", "train", ""}},
       {{"MR007", "metarank"}, {"MR014", "metarank-train"}, {"MR001", "*"}},
       {{"DA004", "*"}},
       {}},
      {{"metarank/metarank__.github_compose-redis.yaml"}, "metarank", {{"redis", "state", "public"}}, {{"DA004", "redis"}}, {}, {}},
      {{"metarank/metarank__.github_compose-connectors.yaml"}, "metarank",
       {{"redis", "state", "public"}, {"redistls", "state", "public"}},
       {},
       {},
       {"s3 (image localstack/localstack): not a part of", "pulsar: a Pulsar that metarank has no role for",
        "qdrant (image qdrant/qdrant): not a part of"}},
      // Metaflow
      {{"metaflow/metaflow-tools__charts_metaflow_Chart.yaml", "metaflow/metaflow-tools__charts_metaflow_values.yaml"}, "",
       {{"metaflow-service", "metadata_service", ""}, {"metaflow-ui-backend", "ui", "public"}},
       {{"DA004", "metaflow-ui-backend"}},
       {},
       {"postgresql: the metadata service's database has no role",
        "Chart.yaml of chart metaflow: its appVersion is the metadata service's release, not Metaflow's"}},
      {{"metaflow/metaflow-tools__charts_metaflow_charts_metaflow-service_values.yaml"}, "",
       {{"metaflow-service", "metadata_service", "private"}}, {}, {{"DA004", "*"}}, {}},
      {{"metaflow/metaflow-tools__charts_metaflow_charts_metaflow-ui_values.yaml"}, "",
       {{"metaflow-ui-backend", "ui", "private"}, {"metaflow-ui-static", "ui", "private"}}, {}, {{"DA004", "*"}}, {}},
      {{"metaflow/metaflow-service__docker-compose.yml"}, "",
       {{"metadata", "metadata_service", "public"}},
       {{"DA004", "metadata"}},
       {},
       {"db (image postgres): not a part of"}},
      {{"metaflow/metaflow-service__docker-compose.development.yml"}, "",
       {{"ui_backend", "ui", "public"}, {"metadata", "metadata_service", "public"}},
       {},
       {},
       {"migration: Metaflow database migration has no role", "db (image postgres): not a part of"}},
  };
  return list;
}

std::string product_of(const Case& c) {
  if (!c.product.empty()) return c.product;
  return c.files.front().substr(0, c.files.front().find('/'));
}

}  // namespace

TEST_CASE("import: every Compose file, values file and manifest of the real configurations") {
  int index = 0;
  for (const auto& c : cases()) {
    std::vector<std::string> inputs;
    for (const auto& f : c.files) inputs.push_back(real(f));
    std::vector<std::string> extra;
    if (!c.product.empty()) extra = {"--product", c.product};
    INFO(c.files.front());
    auto run = import_files(inputs, "real-" + std::to_string(index++) + ".yaml", extra);
    INFO(run.import.err);
    REQUIRE(run.import.status == 0);
    auto validate = run_cli({"validate", run.topology_path});
    INFO(validate.err);
    CHECK(validate.status == 0);
    const std::string product = product_of(c);
    for (const auto& e : c.components) {
      INFO(e.component);
      const auto* component = component_of(run, product, e.component);
      REQUIRE(component != nullptr);
      CHECK(text_at(component, "role") == e.role);
      CHECK(text_at(component, "exposure") == e.exposure);
    }
    const auto* components = run.topology.find("products")->find(product)->find("components");
    REQUIRE(components != nullptr);
    CHECK((components->is_mapping() ? components->entries().size() : 0) == c.components.size());
    for (const auto& text : c.not_mapped) {
      INFO(text);
      CHECK(run.import.err.find("not mapped: " + text) != std::string::npos);
    }
    int status = -1;
    auto findings = findings_of(run.topology_path, status);
    REQUIRE(status == 0);
    for (const auto& f : c.present) {
      INFO(f.rule + " on " + f.component);
      CHECK(has_rule(findings, f.rule, f.component));
    }
    for (const auto& f : c.absent) {
      INFO("no " + f.rule + " on " + f.component);
      CHECK_FALSE(has_rule(findings, f.rule, f.component));
    }
    // Round trip: the recommended layout, written as a topology, is itself a usable input.
    auto plan = run_cli({"plan", "--format", "yaml", run.topology_path});
    INFO(plan.err);
    REQUIRE(plan.status != 2);
    const std::string planned = output_path("planned-real-" + std::to_string(index) + ".yaml");
    std::ofstream(planned, std::ios::binary) << plan.out;
    auto check = run_cli({"check", "--fail-on", "never", planned});
    INFO(check.err);
    CHECK(check.status == 0);
  }
}

TEST_CASE("import: the commercial Tracardi compose file gives the two APIs their own env") {
  auto run = import_files({real("tracardi/tracardi-api__com-app-docker-compose.yaml")}, "real-commercial.yaml");
  REQUIRE(run.import.status == 0);
  const auto* private_api = component_of(run, "tracardi", "tracardi-private-api");
  const auto* public_api = component_of(run, "tracardi", "tracardi-public-api");
  REQUIRE(private_api);
  REQUIRE(public_api);
  CHECK(text_at(private_api->find("env"), "EXPOSE_GUI_API") == "yes");
  CHECK(text_at(public_api->find("env"), "EXPOSE_GUI_API") == "no");
  CHECK(text_at(public_api->find("env"), "PRODUCTION") == "yes");
  CHECK(text_at(component_of(run, "tracardi", "tracardi-gui"), "api") == "tracardi-private-api");
  // The keys in the file are never copied, only that they are set.
  CHECK(run.topology_text.find("604e5043-a28f-4b4d-baa7-13eb196e7537") == std::string::npos);
  CHECK(run.topology_text.find("1234567890-qwertyuiopasdfghjkl") == std::string::npos);
  CHECK(text_at(private_api->find("env"), "MULTI_TENANT_MANAGER_API_KEY") == "${MULTI_TENANT_MANAGER_API_KEY}");
}

TEST_CASE("import: a whole folder of real configurations at once") {
  auto run = import_files({real("metarank")}, "real-metarank-folder.yaml", {"--product", "metarank"});
  INFO(run.import.err);
  REQUIRE(run.import.status == 0);
  CHECK(run_cli({"validate", run.topology_path}).status == 0);
  CHECK(text_at(component_of(run, "metarank", "metarank-train"), "run") == "scheduled");
  // Metarank's own config files are not Compose, Helm or Kubernetes: each is reported.
  CHECK(run.import.err.find("metarank__src_test_resources_config_redis.yml:1:1: not mapped: not a Compose file") !=
        std::string::npos);
}
