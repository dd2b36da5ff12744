#include "deploy_advisor/schema.hpp"
#include "schema/schema_builders.hpp"

namespace deploy_advisor {

using namespace schema_builders;  // NOLINT: table DSL, local to this file

const RoleSpec* ProductSpec::role(const std::string& role_name) const {
  for (const auto& r : roles)
    if (r.name == role_name) return &r;
  return nullptr;
}

const Schema& traffic_schema() {
  static const Schema schema = object(
      "Sizing inputs; a product section may override any key.",
      {
          key("peak_requests_per_second",
              number_at_least("API requests at peak (tracking, ranking or inference calls)", 0)),
          key("peak_events_per_second", number_at_least("events ingested at peak", 0)),
          key("events_per_day",
              number_at_least("events stored per day on average (sizes storage)", 0)),
          key("average_event_bytes", number_above("mean size of one stored event", 0)),
          key("retention_days", number_above("how long events are kept", 0)),
          key("profiles", integer("customer profiles (Tracardi) or distinct users (Metarank)", 0)),
          key("active_profiles_per_hour",
              integer("profiles with at least one event in the busiest hour", 0)),
          key("items", integer("catalog items ranked (Metarank)", 0)),
          key("request_latency_ms", number_above("mean time to serve one request", 0)),
          key("growth", number_at_least("planned growth multiplier of the volume figures", 1)),
          key("burst_seconds",
              number_above("seconds the traffic takes to climb from its base load to the peak", 0)),
      });
  return schema;
}

const Schema& assumptions_schema() {
  static const Schema schema =
      dict_of("overrides of the sizing models' named constants", kind(Schema::Kind::Number, "value"));
  return schema;
}

const std::vector<Schema::Property>& component_common_keys() {
  static const std::vector<Schema::Property> keys = {
      required("role", string("one of the product's roles")),
      key("replicas", integer("instances running; for stores, the number of nodes (default 1)", 0)),
      key("resources", object("per-instance resources",
                              {
                                  key("cpu", number_above("cores", 0)),
                                  key("memory_gb", number_above("memory in GB", 0)),
                                  key("disk_gb", number_above("disk in GB", 0)),
                              })),
      key("exposure", one_of("who can reach it (default private)", {"public", "internal", "private"})),
      key("allowed_cidrs", list_of("IP allow-list in front of it", cidr("IPv4 or IPv6 CIDR"))),
      key("tls", boolean("serves or terminates HTTPS (default false)")),
      key("behind", string("the load_balancer component of the same product in front of it")),
      key("spread", one_of("placement of replicas (default none)", {"host", "zone", "none"})),
      key("env", kind(Schema::Kind::EnvMap, "environment variables")),
      key("image", string("container image reference")),
      key("backup", object("how the component's data is backed up",
                           {
                               key("kind", one_of("backup kind",
                                                  {"snapshot", "rdb", "aof", "rdb+aof", "none"})),
                               key("target", string("where backups go, e.g. s3://bucket")),
                               key("schedule", string("when backups run")),
                           })),
      key("schedule", string("for jobs: cron expression, @hourly, @daily, @weekly, @monthly or "
                             "on-demand")),
  };
  return keys;
}

namespace {

Schema native_ref(std::string description) { return kind(Schema::Kind::PathOrMap, std::move(description)); }

/// The release deployed: rules and defaults that changed between releases follow it. Without
/// it, the tag of an image that names the product is read; failing that, the latest release.
Schema::Property product_version_key() {
  return key("version", string("the product release deployed, such as 0.8.1 (default: the "
                               "image tag, else the latest release)"));
}

std::vector<std::string> tracardi_env_names() {
  return {"EXPOSE_GUI_API",        "ELASTIC_INDEX_REPLICAS", "ELASTIC_INDEX_SHARDS",
          "EVENT_PARTITIONING",    "MYSQL_POOL_SIZE",        "MYSQL_POOL_MAX_OVERFLOW",
          "MYSQL_CONNECTION__POOL", "INSTALLATION_TOKEN",    "KEEP_PROFILE_IN_CACHE_FOR",
          "LOGGING_LEVEL",         "ELASTIC_MAX_CONN",       "PROFILE_CACHE_TTL",
          "SESSION_CACHE_TTL",     "KEEP_SESSION_IN_CACHE_FOR", "AUTO_PROFILE_MERGING",
          "APM"};
}

ProductSpec metarank() {
  ProductSpec p;
  p.name = "metarank";
  p.title = "Metarank";
  p.keys = {product_version_key()};
  p.roles = {
      {"api", {required("mode", one_of("Metarank CLI mode", {"serve", "standalone"}))}, false},
      {"train",
       {required("run", one_of("how training runs", {"scheduled", "on-demand", "always-on"}))},
       false},
      {"state",
       {key("type", one_of("Metarank state.type", {"redis", "memory", "file"})),
        key("format", one_of("state encoding (default binary)", {"binary", "json"})),
        key("redis_cluster", boolean("state lives on a Redis Cluster (default false)")),
        key("managed", string("the managed Redis service, e.g. memorystore, elasticache")),
        key("version", string("Redis version, e.g. 7.2 (else read from the image tag)")),
        key("client_tracking",
            boolean("the Redis server supports CLIENT TRACKING (default: false on memorystore, "
                    "else true)"))},
       false},
      {"event_archive",
       {key("location", string("where raw events are kept (s3://, gs://, kafka://, a path)"))},
       false},
      {"load_balancer", {}, false},
  };
  return p;
}

ProductSpec tracardi() {
  ProductSpec p;
  p.name = "tracardi";
  p.title = "Tracardi";
  p.keys = {product_version_key(),
            key("edition", one_of("open-source (the public code) or commercial (the licensed "
                                  "image and Helm chart); default open-source",
                                  {"open-source", "commercial"})),
            key("helm_chart", string("version of the Tracardi Helm chart it is installed with, e.g. 1.1.3"))};
  p.roles = {
      {"api", {key("workers", integer("worker processes per replica (default 1)", 1))}, false},
      {"gui", {key("api", string("name of the api component the GUI talks to"))}, false},
      {"worker",
       {key("kind", one_of("worker kind", {"storage", "background"})),
        key("batch_size", integer("records per storage batch (default 500)", 1)),
        key("workers", integer("worker processes per replica (default 1)", 1))},
       false},
      {"elasticsearch",
       {key("heap_gb", number_above("JVM heap per node", 0)),
        key("version", string("Elasticsearch version, e.g. 8.11.3 (else read from the image tag)")),
        key("lifecycle",
            object("index lifecycle: the age in days at which an index leaves each phase",
                   {key("hot_days", number_at_least("days in the hot phase", 0)),
                    key("warm_days", number_at_least("age leaving the warm phase", 0)),
                    key("cold_days", number_at_least("age leaving the cold phase", 0)),
                    key("delete_days", number_at_least("age at which an index is deleted", 0))}))},
       false},
      {"redis", {}, false},
      {"mysql",
       {key("max_connections", integer("MySQL max_connections", 1)),
        key("version", string("MySQL version, e.g. 8.0 (else read from the image tag)"))},
       false},
      {"pulsar",
       {key("brokers", integer("Pulsar brokers", 1)), key("bookies", integer("BookKeeper bookies", 1)),
        key("retention_days", number_above("namespace retention time (default 30)", 0)),
        key("retention_size_gb", number_above("namespace retention size (default 1)", 0)),
        key("offload", string("offload target such as s3://… or none")),
        key("version", string("Pulsar version, e.g. 3.1.0 (else read from the image tag)"))},
       false},
      {"load_balancer",
       {key("sticky_sessions", boolean("sticky sessions (default false)"))}, false},
  };
  return p;
}

ProductSpec metaflow() {
  ProductSpec p;
  p.name = "metaflow";
  p.title = "Metaflow";
  Schema flow = object(
      "a flow deployed to production",
      {key("file", string("the FlowSpec .py source, relative to the topology file")),
       key("decorators", list_of("decorators used, when there is no file", string("decorator name"))),
       key("project", string("the @project name")),
       key("with", list_of("decorators added to every step at deploy time (--with)",
                           string("decorator name"))),
       key("tags", list_of("tags given at deploy time (--tag)", string("tag"))),
       key("branch", string("the @project branch it is deployed on (--branch NAME, or prod for "
                            "--production)")),
       key("environment", one_of("the --environment the flow is deployed with (default local)",
                                 {"local", "conda", "pypi", "uv"}))});
  p.keys = {
      product_version_key(),
      key("orchestrator", one_of("where production flows are scheduled",
                                 {"argo-workflows", "step-functions", "airflow", "kubeflow", "local"})),
      key("datastore", one_of("METAFLOW_DEFAULT_DATASTORE", {"s3", "azure", "gs", "local"})),
      key("metadata", one_of("METAFLOW_DEFAULT_METADATA", {"service", "local"})),
      key("flows", dict_of("the flows deployed to production", flow)),
      key("platform", one_of("where Metaflow's steps run",
                             {"kubernetes", "docker-compose", "vm", "ecs", "nomad"})),
  };
  p.roles = {{"orchestrator", {}, false}, {"metadata_service", {}, false}, {"ui", {}, false}};
  return p;
}

ProductSpec cortex() {
  ProductSpec p;
  p.name = "cortex";
  p.title = "Cortex";
  Schema api_traffic = traffic_schema();
  api_traffic.description = "per-API traffic";
  p.keys = {
      product_version_key(),
      key("cluster", native_ref("the Cortex cluster configuration (cluster.yaml), path or inline")),
      key("apis", kind(Schema::Kind::PathOrMapList,
                       "Cortex API specs: paths to API spec files or inline API specs")),
      key("custom_domain", string("stable DNS name in front of the API load balancer")),
      key("external_egress", boolean("the APIs call services outside the cluster")),
      key("api_traffic", dict_of("per-API traffic", api_traffic)),
  };
  return p;
}

}  // namespace

const std::vector<ProductSpec>& builtin_products() {
  static const std::vector<ProductSpec> products = [] {
    std::vector<ProductSpec> list{metarank(), tracardi(), metaflow(), cortex()};
    return list;
  }();
  return products;
}

/// Env names the rules read, per product; env maps warn only near these.
std::vector<std::string> known_env_names(const std::string& product) {
  if (product == "tracardi") return tracardi_env_names();
  return {};
}

const Schema& topology_schema() {
  static const Schema schema = object(
      "deploy-advisor topology, format version 1",
      {
          required("version", exactly("format version", 1)),
          key("extends", string("a topology this file overlays: its path, relative to this file")),
          required("name", string("deployment name, used in reports")),
          required("environment",
                   one_of("rules marked production-only are skipped outside production",
                          {"production", "staging", "development"})),
          key("platform", one_of("what starts the containers and restarts failed ones",
                                 {"kubernetes", "docker-compose", "vm", "ecs", "nomad"})),
          key("region", string("cloud region, e.g. eu-west-1")),
          key("zones", list_of("availability zones in use", string("zone"))),
          key("traffic", traffic_schema()),
          key("assumptions", assumptions_schema()),
          required("products", dict_of("product name to product section",
                                       kind(Schema::Kind::Product, "product section"))),
      });
  return schema;
}

}  // namespace deploy_advisor
