#include "model/native_keys.hpp"

namespace deploy_advisor {

// The keys of Cortex's cluster configuration and API specs, from its own definitions
// (cortexlabs/cortex master, v0.42): pkg/types/clusterconfig/cluster_config.go (CoreConfig,
// ManagedConfig, NodeGroup, SpotConfig, Subnet) and pkg/types/spec/validations.go with
// pkg/types/userconfig (API, Pod, Container, Compute, Probe, Autoscaling, UpdateStrategy,
// Networking, TrafficSplit). Cortex refuses a key it does not define, in both files.

namespace {

KeyTree leaf(std::string name) { return KeyTree{std::move(name), {}, false, false}; }

KeyTree map_of(std::string name, std::vector<KeyTree> children) {
  return KeyTree{std::move(name), std::move(children), false, false};
}

KeyTree list_of(std::string name, std::vector<KeyTree> children) {
  return KeyTree{std::move(name), std::move(children), false, true};
}

/// A map whose keys the user chooses (tags, environment variables).
KeyTree open_map(std::string name) { return KeyTree{std::move(name), {}, true, false}; }

std::vector<KeyTree> leaves(std::initializer_list<const char*> names) {
  std::vector<KeyTree> out;
  for (const char* n : names) out.push_back(leaf(n));
  return out;
}

KeyTree probe(std::string name, bool with_exec, bool with_timing) {
  std::vector<KeyTree> children = {
      map_of("http_get", leaves({"path", "port"})),
  };
  if (with_timing) children.push_back(map_of("tcp_socket", leaves({"port"})));
  if (with_exec) children.push_back(map_of("exec", leaves({"command"})));
  if (with_timing) {
    for (const char* key : {"initial_delay_seconds", "timeout_seconds", "period_seconds",
                            "success_threshold", "failure_threshold"})
      children.push_back(leaf(key));
  }
  return map_of(std::move(name), std::move(children));
}

}  // namespace

const KeyTree& cortex_cluster_keys() {
  static const KeyTree tree = [] {
    std::vector<KeyTree> keys = leaves({
        "cluster_name",
        "region",
        "prometheus_instance_type",
        "image_operator",
        "image_controller_manager",
        "image_manager",
        "image_kubexit",
        "image_proxy",
        "image_activator",
        "image_autoscaler",
        "image_async_gateway",
        "image_enqueuer",
        "image_dequeuer",
        "image_cluster_autoscaler",
        "image_metrics_server",
        "image_nvidia_device_plugin",
        "image_neuron_device_plugin",
        "image_neuron_scheduler",
        "image_fluent_bit",
        "image_istio_proxy",
        "image_istio_pilot",
        "image_prometheus",
        "image_prometheus_config_reloader",
        "image_prometheus_operator",
        "image_prometheus_statsd_exporter",
        "image_prometheus_dcgm_exporter",
        "image_prometheus_kube_state_metrics",
        "image_prometheus_node_exporter",
        "image_kube_rbac_proxy",
        "image_grafana",
        "image_event_exporter",
        "availability_zones",
        "ssl_certificate_arn",
        "iam_policy_arns",
        "subnet_visibility",
        "nat_gateway",
        "api_load_balancer_type",
        "api_load_balancer_scheme",
        "operator_load_balancer_scheme",
        "api_load_balancer_cidr_white_list",
        "operator_load_balancer_cidr_white_list",
        "vpc_cidr",
        "telemetry",
        // Managed by Cortex: parsed, but refused when set (CX015).
        "cortex_policy_arn",
        "account_id",
        "cluster_uid",
        "bucket",
    });
    std::vector<KeyTree> node_group = leaves({
        "name",
        "instance_type",
        "min_instances",
        "max_instances",
        "priority",
        "instance_volume_size",
        "instance_volume_type",
        "instance_volume_iops",
        "instance_volume_throughput",
        "spot",
    });
    node_group.push_back(map_of("spot_config", leaves({"instance_distribution",
                                                       "on_demand_base_capacity",
                                                       "on_demand_percentage_above_base_capacity",
                                                       "max_price", "instance_pools"})));
    keys.push_back(list_of("node_groups", std::move(node_group)));
    keys.push_back(list_of("subnets", leaves({"availability_zone", "subnet_id"})));
    keys.push_back(open_map("tags"));
    return KeyTree{"", std::move(keys), false, false};
  }();
  return tree;
}

// One tree for every kind of API (RealtimeAPI, AsyncAPI, BatchAPI, TaskAPI, TrafficSplitter):
// a key that exists for some kind is known here; a key used with a kind that lacks it (such as
// autoscaling in a BatchAPI) is CX015.
const KeyTree& cortex_api_keys() {
  static const KeyTree tree = [] {
    std::vector<KeyTree> container = leaves({"name", "image", "command", "args"});
    container.push_back(open_map("env"));
    container.push_back(map_of("compute", leaves({"cpu", "gpu", "inf", "mem", "shm"})));
    container.push_back(probe("readiness_probe", true, true));
    container.push_back(probe("liveness_probe", true, true));
    container.push_back(probe("pre_stop", true, false));

    std::vector<KeyTree> pod = leaves({"port", "max_concurrency", "max_queue_length"});
    pod.push_back(list_of("containers", std::move(container)));

    std::vector<KeyTree> keys = leaves({"name", "kind", "node_groups"});
    keys.push_back(map_of("pod", std::move(pod)));
    keys.push_back(map_of("autoscaling", leaves({"min_replicas", "max_replicas", "init_replicas",
                                                 "target_in_flight", "window",
                                                 "downscale_stabilization_period",
                                                 "upscale_stabilization_period",
                                                 "max_downscale_factor", "max_upscale_factor",
                                                 "downscale_tolerance", "upscale_tolerance"})));
    keys.push_back(map_of("update_strategy", leaves({"max_surge", "max_unavailable"})));
    keys.push_back(map_of("networking", leaves({"endpoint"})));
    keys.push_back(list_of("apis", leaves({"name", "weight", "shadow"})));
    return KeyTree{"", std::move(keys), false, false};
  }();
  return tree;
}

}  // namespace deploy_advisor
