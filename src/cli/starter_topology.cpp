#include "cli/starter_topology.hpp"

#include <algorithm>
#include <map>

namespace deploy_advisor::cli {

namespace {

// The traffic inputs each product's sizing reads (docs/sizing.md), written as placeholders.
struct TrafficInput {
  const char* key;
  const char* meaning;
  std::vector<std::string> products;
};

const std::vector<TrafficInput>& traffic_inputs() {
  static const std::vector<TrafficInput> inputs = {
      {"peak_requests_per_second", "API requests in the busiest second (tracking, ranking or inference calls)",
       {"tracardi", "metarank", "cortex"}},
      {"peak_events_per_second", "events ingested in the busiest second", {"tracardi"}},
      {"events_per_day", "events stored on an average day (storage is sized from this, not the peak)", {"tracardi"}},
      {"average_event_bytes", "mean size of one stored event, in bytes", {"tracardi"}},
      {"retention_days", "how many days events are kept", {"tracardi"}},
      {"profiles", "customer profiles stored (Tracardi), distinct users (Metarank)", {"tracardi", "metarank"}},
      {"active_profiles_per_hour", "profiles with an event in the busiest hour", {"tracardi"}},
      {"items", "catalog items ranked", {"metarank"}},
      {"request_latency_ms", "mean time to serve one request, in milliseconds", {"cortex"}},
  };
  return inputs;
}

const std::map<std::string, std::string>& sections() {
  static const std::map<std::string, std::string> text = {
      {"tracardi", R"(  # Tracardi: a public API cluster that serves only /track, an internal one for the GUI,
  # redundant load balancers, and the stores it needs (docs/rules/README.md lists the rules).
  tracardi:
    components:
      api-public:
        role: api
        replicas: 3            # `check` raises it when the declared traffic needs more
        exposure: public
        behind: lb-public
        spread: host
        env:
          EXPOSE_GUI_API: "no"           # only /track is reachable from the internet
          ELASTIC_INDEX_REPLICAS: 1
          EVENT_PARTITIONING: month
          INSTALLATION_TOKEN: "${TRACARDI_INSTALLATION_TOKEN}"
          # Choose the shards for your volume before installing: they cannot change later.
          # ELASTIC_INDEX_SHARDS: <number>
      api-internal:
        role: api
        replicas: 2
        exposure: internal
        behind: lb-internal
        spread: host
        env:
          EXPOSE_GUI_API: "yes"
          ELASTIC_INDEX_REPLICAS: 1
          EVENT_PARTITIONING: month
          INSTALLATION_TOKEN: "${TRACARDI_INSTALLATION_TOKEN}"
          # ELASTIC_INDEX_SHARDS: <number>   # the same as api-public
      gui:
        role: gui
        replicas: 2
        exposure: internal
        behind: lb-internal
        api: api-internal
      lb-public:
        role: load_balancer
        replicas: 2
        exposure: public
        tls: true
      lb-internal:
        role: load_balancer
        replicas: 2
        exposure: internal
        tls: true
      storage-workers:
        role: worker
        kind: storage
        replicas: 2
      elasticsearch:
        role: elasticsearch
        replicas: 3
        spread: zone
        backup: {kind: snapshot, target: "s3://your-bucket/es-snapshots", schedule: "@daily"}
        lifecycle: {hot_days: 7, warm_days: 30, cold_days: 60, delete_days: 90}   # your retention
      redis:
        role: redis
        replicas: 2
        backup: {kind: rdb}
      mysql:
        role: mysql
        replicas: 2
      pulsar:
        role: pulsar
        brokers: 3
        bookies: 3
        offload: "s3://your-bucket/pulsar-offload"
)"},
      {"metarank", R"(  # Metarank: a ranking API behind a load balancer, Redis state with a backup, an archive of
  # the events, and scheduled training.
  metarank:
    components:
      ranker:
        role: api
        mode: serve
        replicas: 2
        behind: ranker-lb
      ranker-lb:
        role: load_balancer
        replicas: 2
        exposure: internal
        tls: true
      state:
        role: state
        type: redis
        backup: {kind: rdb+aof}
      events:
        role: event_archive
        location: "s3://your-bucket/metarank-events"
      training:
        role: train
        run: scheduled
        schedule: "@weekly"
)"},
      {"metaflow", R"(  # Metaflow: a production orchestrator, a shared datastore and the metadata service.
  metaflow:
    orchestrator: argo-workflows
    datastore: s3
    metadata: service
    components:
      argo-controller: {role: orchestrator, replicas: 2}
      metadata-service: {role: metadata_service, replicas: 2}
    # Declare your flows (or point `file:` at their source) so that their decorators are checked:
    # flows:
    #   TrainFlow:
    #     file: flows/train_flow.py
)"},
      {"cortex", R"(  # Cortex: the cluster (cluster.yaml keys, inline or a path) and the APIs (API spec keys).
  cortex:
    custom_domain: api.example.com       # your DNS name, in a Route 53 hosted zone
    # Mirror the cluster's images to ECR in its region and set the image_* keys (CX001).
    cluster:
      cluster_name: your-cluster
      region: eu-west-1                  # your AWS region
      subnet_visibility: private
      nat_gateway: highly_available
      api_load_balancer_scheme: internal
      operator_load_balancer_scheme: internal
      node_groups:
        - name: cpu
          instance_type: m5.xlarge
          min_instances: 1
          max_instances: 10
    apis:
      - name: your-api
        kind: RealtimeAPI
        pod:
          port: 8080
          max_concurrency: 4
          max_queue_length: 16
          containers:
            - name: api
              # Your image, pushed to ECR in the cluster's region.
              image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/your-api:1.0.0
              readiness_probe:
                http_get: {path: /healthz, port: 8080}
              compute: {cpu: 1, mem: 2G}
        autoscaling:
          min_replicas: 2
          max_replicas: 20
)"},
  };
  return text;
}

}  // namespace

const std::vector<std::string>& starter_products() {
  static const std::vector<std::string> products = {"tracardi", "metarank", "metaflow", "cortex"};
  return products;
}

std::string starter_topology(const std::vector<std::string>& products) {
  std::string out =
      "# A starter topology written by `deploy-advisor init`. Rename it, adjust the components to\n"
      "# what you run, then `deploy-advisor check` this file. docs/topology.md describes every key.\n"
      "version: 1\n"
      "name: my-deployment\n"
      "environment: production      # production, staging or development\n"
      "platform: kubernetes\n"
      "\n"
      "# Sizing inputs. Each commented line is a placeholder: uncomment it and write your own figure.\n"
      "# Until they are declared, `check` names the ones sizing needs (DA001) instead of guessing\n"
      "# replicas, memory and storage. `deploy-advisor plan` then shows every figure and its basis.\n"
      "traffic:\n"
      "  growth: 1                  # planned growth the volumes are multiplied by (1.2 = 20 %)\n";
  // The placeholders' explanations line up, so the section reads as a form to fill in.
  for (const auto& input : traffic_inputs()) {
    bool needed = std::any_of(input.products.begin(), input.products.end(), [&](const std::string& p) {
      return std::find(products.begin(), products.end(), p) != products.end();
    });
    if (!needed) continue;
    std::string line = std::string("  # ") + input.key + ": <number>";
    line.resize(std::max<std::size_t>(line.size() + 1, 47), ' ');
    out += line + "# " + input.meaning + "\n";
  }
  out += "\nproducts:\n";
  bool first = true;
  for (const auto& product : products) {
    if (!first) out += "\n";
    first = false;
    out += sections().at(product);
  }
  return out;
}

}  // namespace deploy_advisor::cli
