#include <catch2/catch.hpp>

#include "model/cortex_validation.hpp"
#include "native_check_support.hpp"

using namespace deploy_advisor;
using native_check_test::describe;
using native_check_test::read_yaml;

namespace {

/// One value Cortex rejects: a file with it, the finding ("line:column id message", without
/// the common "; Cortex refuses this configuration") and the same file with an accepted value,
/// which gets no finding.
struct Rejection {
  std::string name;
  std::string rejected;
  std::string finding;
  std::string accepted;
  std::string component = "";
};

const std::string kRefused = "; Cortex refuses this configuration";

void check_each(const std::vector<Rejection>& rejections,
                std::vector<Finding> (*validate)(const Value&), const std::string& component) {
  for (const auto& r : rejections) {
    DYNAMIC_SECTION(r.name) {
      auto findings = validate(read_yaml(r.rejected));
      REQUIRE(describe(findings) == std::vector<std::string>{r.finding + kRefused});
      CHECK(findings[0].rule_id == "CX015");
      CHECK(findings[0].component == (r.component.empty() ? component : r.component));
      CHECK(describe(validate(read_yaml(r.accepted))).empty());
    }
  }
}

const std::string kRegion = "region: us-east-1\n";
const std::string kGroup = kRegion + "node_groups:\n  - name: cpu\n    instance_type: m5.large\n";

}  // namespace

TEST_CASE("CX015: cluster values Cortex rejects") {
  check_each(
      {
          {"no region", "cluster_name: mlx\n",
           "1:1 CX015 region is not set; Cortex requires it (the AWS region of the cluster)",
           "cluster_name: mlx\n" + kRegion, "mlx"},
          {"a region that is no AWS region", "region: <region>\n",
           "1:9 CX015 <region> is not a valid AWS region, or is an AWS region which is not supported by AWS EKS",
           kRegion},
          {"a cluster name with a double dash", kRegion + "cluster_name: ml--prod\n",
           "2:15 CX015 cluster_name ml--prod: only lowercase alphanumeric characters and dashes are allowed, "
           "with no consecutive dashes and no leading or trailing dashes, 3 to 54 characters",
           kRegion + "cluster_name: ml-prod\n", "ml--prod"},
          {"subnet visibility", kRegion + "subnet_visibility: hidden\n",
           "2:20 CX015 subnet_visibility hidden is not one of public, private", kRegion + "subnet_visibility: public\n"},
          {"nat gateway", kRegion + "nat_gateway: many\n",
           "2:14 CX015 nat_gateway many is not one of none, single, highly_available", kRegion + "nat_gateway: single\n"},
          {"private subnets without a nat gateway", kRegion + "subnet_visibility: private\nnat_gateway: none\n",
           "3:14 CX015 subnet_visibility is private and nat_gateway is none: a nat gateway is required when "
           "`subnet_visibility: private` is specified; either set nat_gateway to \"single\" or "
           "\"highly_available\", or set subnet_visibility to \"public\"",
           kRegion + "subnet_visibility: private\nnat_gateway: single\n"},
          {"a nat gateway with given subnets", kRegion + "nat_gateway: single\nsubnets: [a, b]\n",
           "2:14 CX015 nat_gateway is single and subnets are given: nat gateway cannot be automatically created "
           "when specifying subnets for your cluster; please unset nat_gateway or subnets",
           kRegion + "nat_gateway: none\nsubnets: [a, b]\n"},
          {"zones beside subnets", kRegion + "subnets: [a, b]\navailability_zones: [us-east-1a, us-east-1b]\n",
           "2:10 CX015 cannot specify both availability_zones and subnets; specify only one (or neither)",
           kRegion + "availability_zones: [us-east-1a, us-east-1b]\n"},
          {"one subnet", kRegion + "subnets: [a]\n", "2:10 CX015 subnets lists 1 subnet; Cortex needs at least 2",
           kRegion + "subnets: [a, b]\n"},
          {"one zone", kRegion + "availability_zones: [us-east-1a]\n",
           "2:21 CX015 availability_zones lists 1 zone; Cortex needs none (it then picks 3) or at least 2",
           kRegion + "availability_zones: []\n"},
          {"API load balancer type", kRegion + "api_load_balancer_type: alb\n",
           "2:25 CX015 api_load_balancer_type alb is not one of nlb, elb", kRegion + "api_load_balancer_type: nlb\n"},
          {"API load balancer scheme", kRegion + "api_load_balancer_scheme: private\n",
           "2:27 CX015 api_load_balancer_scheme private is not one of internet-facing, internal",
           kRegion + "api_load_balancer_scheme: internal\n"},
          {"operator load balancer scheme", kRegion + "operator_load_balancer_scheme: public\n",
           "2:32 CX015 operator_load_balancer_scheme public is not one of internet-facing, internal",
           kRegion + "operator_load_balancer_scheme: internet-facing\n"},
          {"API load balancer allow-list", kRegion + "api_load_balancer_cidr_white_list: [10.0.0.0/8, 10.0.0.300/8]\n",
           "2:49 CX015 api_load_balancer_cidr_white_list: 10.0.0.300/8 is not a valid CIDR block (such as 10.0.0.0/8)",
           kRegion + "api_load_balancer_cidr_white_list: [10.0.0.0/8]\n"},
          {"operator load balancer allow-list", kRegion + "operator_load_balancer_cidr_white_list: 0.0.0.0\n",
           "2:41 CX015 operator_load_balancer_cidr_white_list: 0.0.0.0 is not a valid CIDR block (such as 10.0.0.0/8)",
           kRegion + "operator_load_balancer_cidr_white_list: 0.0.0.0/0\n"},
          {"VPC block too large", kRegion + "vpc_cidr: 10.0.0.0/8\n",
           "2:11 CX015 vpc_cidr 10.0.0.0/8: invalid network size /8; the network size must be between /16 and /24",
           kRegion + "vpc_cidr: 10.0.0.0/16\n"},
          {"VPC block that is no CIDR block", kRegion + "vpc_cidr: 10.0.0.0\n",
           "2:11 CX015 vpc_cidr 10.0.0.0 is not a valid CIDR block", kRegion + "vpc_cidr: 10.0.0.0/24\n"},
          {"a key Cortex sets", kRegion + "bucket: my-bucket\n",
           "2:9 CX015 the bucket field cannot be configured by the user (Cortex sets it)", kRegion + "bucket: ''\n"},
          {"a GPU instance for Prometheus", kRegion + "prometheus_instance_type: g4dn.xlarge\n",
           "2:27 CX015 prometheus_instance_type g4dn.xlarge: GPU, Inferentia, nano and micro instances are not "
           "supported for Prometheus",
           kRegion + "prometheus_instance_type: t3.medium\n"},
          {"more than 200 instances at creation",
           kRegion + "node_groups:\n  - {name: a, instance_type: m5.large, min_instances: 150, max_instances: 150}\n"
                     "  - {name: b, instance_type: m5.large, min_instances: 51, max_instances: 60}\n",
           "3:3 CX015 cannot create a cluster with 201 instances (at most 200 instances can be created initially); "
           "reduce min_instances for your nodegroups",
           kRegion + "node_groups:\n  - {name: a, instance_type: m5.large, min_instances: 150, max_instances: 150}\n"
                     "  - {name: b, instance_type: m5.large, min_instances: 50, max_instances: 60}\n"},
      },
      validate_cortex_cluster, "cortex");
}

TEST_CASE("CX015: more than 100 node groups") {
  std::string groups;
  for (int i = 0; i < 101; ++i)
    groups += "  - {name: g" + std::to_string(i) + ", instance_type: m5.large, min_instances: 0}\n";
  auto findings = validate_cortex_cluster(read_yaml(kRegion + "node_groups:\n" + groups));
  REQUIRE(describe(findings) ==
          std::vector<std::string>{"3:3 CX015 node_groups lists 101 groups: cannot have more than 100 nodegroups" + kRefused});
  groups.erase(groups.rfind("  - "));
  CHECK(validate_cortex_cluster(read_yaml(kRegion + "node_groups:\n" + groups)).empty());
}

TEST_CASE("CX015: node group values Cortex rejects") {
  const std::string g = kGroup;
  check_each(
      {
          {"no name", kRegion + "node_groups:\n  - instance_type: m5.large\n",
           "3:5 CX015 a node group has no name; Cortex requires it", g, "node group"},
          {"a name with an underscore", kRegion + "node_groups:\n  - name: cpu_1\n    instance_type: m5.large\n",
           "3:11 CX015 node group name cpu_1: only letters, digits and dashes are allowed, at most 26 characters, "
           "not ending with a dash",
           g, "cpu_1"},
          {"no instance type", kRegion + "node_groups:\n  - name: cpu\n",
           "3:5 CX015 node group cpu has no instance_type; Cortex requires it", g},
          {"an instance type that is none", kRegion + "node_groups:\n  - name: cpu\n    instance_type: large\n",
           "4:20 CX015 instance type large is not supported by cortex (not an EC2 instance type such as m5.large)", g},
          {"a nano instance", kRegion + "node_groups:\n  - name: cpu\n    instance_type: t3.nano\n",
           "4:20 CX015 instance_type t3.nano: cortex does not support nano or micro instances - please specify a "
           "larger instance type",
           g},
          {"a Mac instance", kRegion + "node_groups:\n  - name: cpu\n    instance_type: mac1.metal\n",
           "4:20 CX015 instance_type mac1.metal: Mac, FPGA, Xilinx Alveo, Trainium, Gaudi and AMD GPU instances "
           "are not supported by cortex",
           g},
          {"min_instances below 0", g + "    min_instances: -1\n",
           "5:20 CX015 min_instances -1: must be a whole number >= 0", g + "    min_instances: 0\n"},
          {"max_instances not whole", g + "    max_instances: 2.5\n",
           "5:20 CX015 max_instances 2.5: must be a whole number >= 0", g + "    max_instances: 3\n"},
          {"priority above 100", g + "    priority: 101\n",
           "5:15 CX015 priority 101: must be a whole number from 1 to 100", g + "    priority: 100\n"},
          {"volume below 20 GB", g + "    instance_volume_size: 10\n",
           "5:27 CX015 instance_volume_size 10: must be a whole number from 20 to 16,384",
           g + "    instance_volume_size: 20\n"},
          {"max_instances 0", g + "    min_instances: 0\n    max_instances: 0\n",
           "6:20 CX015 nodegroups cannot be created with `max_instances` set to 0 (but `max_instances` can be "
           "scaled to 0 after the nodegroup has been created)",
           g + "    min_instances: 0\n    max_instances: 1\n"},
          {"min_instances above the default max_instances", g + "    min_instances: 8\n",
           "5:20 CX015 min_instances cannot be greater than max_instances (8 > 5, its default)",
           g + "    min_instances: 5\n"},
          {"min_instances above max_instances", g + "    min_instances: 8\n    max_instances: 4\n",
           "5:20 CX015 min_instances cannot be greater than max_instances (8 > 4)",
           g + "    min_instances: 4\n    max_instances: 4\n"},
          {"volume type", g + "    instance_volume_type: gp4\n",
           "5:27 CX015 instance_volume_type gp4 is not one of gp2, gp3, io1, st1, sc1",
           g + "    instance_volume_type: st1\n"},
          {"IOPS for a gp2 volume", g + "    instance_volume_type: gp2\n    instance_volume_iops: 3000\n",
           "6:27 CX015 IOPS cannot be configured for volume type gp2; set `instance_volume_type: io1`, "
           "`instance_volume_type: gp3`, or remove `instance_volume_iops` from your cluster configuration file",
           g + "    instance_volume_type: io1\n    instance_volume_iops: 2000\n"},
          {"throughput for an io1 volume", g + "    instance_volume_type: io1\n    instance_volume_throughput: 200\n",
           "6:33 CX015 throughput cannot be configured for volume type io1; set `instance_volume_type: gp3` or "
           "remove `instance_volume_throughput` from your cluster configuration file",
           g + "    instance_volume_type: io1\n"},
          {"gp3 IOPS without throughput", g + "    instance_volume_iops: 3000\n",
           "5:27 CX015 specify exactly two or none of the following fields: instance_volume_iops and "
           "instance_volume_throughput",
           g + "    instance_volume_iops: 3000\n    instance_volume_throughput: 125\n"},
          {"gp3 IOPS above 500 per GB",
           g + "    instance_volume_size: 20\n    instance_volume_iops: 16000\n    instance_volume_throughput: 1000\n",
           "6:27 CX015 for gp3 volume type, instance_volume_iops (16,000) must be between 3000 and 16000 and at "
           "most 500 times instance_volume_size (20)",
           g + "    instance_volume_size: 32\n    instance_volume_iops: 16000\n    instance_volume_throughput: 1000\n"},
          {"io1 IOPS above 50 per GB", g + "    instance_volume_type: io1\n    instance_volume_iops: 5000\n",
           "6:27 CX015 for io1 volume type, instance_volume_iops (5,000) must be between 100 and 64000 and at most "
           "50 times instance_volume_size (50)",
           g + "    instance_volume_type: io1\n    instance_volume_iops: 2500\n"},
          {"throughput out of range", g + "    instance_volume_iops: 4000\n    instance_volume_throughput: 100\n",
           "6:33 CX015 instance_volume_throughput 100: must be a whole number",
           g + "    instance_volume_iops: 4000\n    instance_volume_throughput: 125\n"},
          {"gp3 IOPS below 4 times the throughput", g + "    instance_volume_iops: 3000\n    instance_volume_throughput: 1000\n",
           "5:27 CX015 for gp3 volume type, instance_volume_iops (3,000) must be at least 4 times larger than "
           "instance_volume_throughput (1,000)",
           g + "    instance_volume_iops: 4000\n    instance_volume_throughput: 1000\n"},
          {"spot_config without spot", g + "    spot_config: {instance_pools: 2}\n",
           "5:18 CX015 spot_config cannot be specified unless spot is enabled (to enable spot instances, set "
           "`spot: true` in your cluster configuration file)",
           g + "    spot: true\n    spot_config: {instance_pools: 2}\n"},
          {"on-demand base above max_instances", g + "    spot: true\n    spot_config: {on_demand_base_capacity: 6}\n",
           "6:44 CX015 on_demand_base_capacity cannot be greater than max_instances (6 > 5)",
           g + "    spot: true\n    spot_config: {on_demand_base_capacity: 5}\n"},
          {"on-demand base below 0", g + "    spot: true\n    spot_config: {on_demand_base_capacity: -1}\n",
           "6:44 CX015 spot_config.on_demand_base_capacity -1: must be a whole number >= 0",
           g + "    spot: true\n    spot_config: {on_demand_base_capacity: 0}\n"},
          {"on-demand percentage above 100", g + "    spot: true\n    spot_config: {on_demand_percentage_above_base_capacity: 150}\n",
           "6:61 CX015 spot_config.on_demand_percentage_above_base_capacity 150: must be a whole number from 0 to 100",
           g + "    spot: true\n    spot_config: {on_demand_percentage_above_base_capacity: 50}\n"},
          {"instance pools above 20", g + "    spot: true\n    spot_config: {instance_pools: 21}\n",
           "6:35 CX015 spot_config.instance_pools 21: must be a whole number from 1 to 20",
           g + "    spot: true\n    spot_config: {instance_pools: 20}\n"},
          {"a max price of 0", g + "    spot: true\n    spot_config: {max_price: 0}\n",
           "6:30 CX015 spot_config.max_price 0: must be a number greater than 0",
           g + "    spot: true\n    spot_config: {max_price: 0.1}\n"},
          {"a micro instance among the spot types", g + "    spot: true\n    spot_config: {instance_distribution: [t3.micro]}\n",
           "6:43 CX015 spot_config.instance_distribution: t3.micro: cortex does not support nano or micro instances "
           "- please specify a larger instance type",
           g + "    spot: true\n    spot_config: {instance_distribution: [t3.medium]}\n"},
      },
      validate_cortex_cluster, "cpu");
}

TEST_CASE("CX015: node groups of one name are each reported") {
  const std::string groups = kGroup + "  - name: cpu\n    instance_type: m5.xlarge\n";
  CHECK(describe(validate_cortex_cluster(read_yaml(groups))) ==
        std::vector<std::string>{
            "3:11 CX015 cannot have multiple nodegroups with the same name (cpu)" + kRefused,
            "5:11 CX015 cannot have multiple nodegroups with the same name (cpu)" + kRefused});
  CHECK(validate_cortex_cluster(read_yaml(kGroup + "  - name: cpu2\n    instance_type: m5.xlarge\n")).empty());
}

namespace {

/// An API spec file of one API named `api` with one container `web`: `rest` goes before the
/// pod, `pod` into it, `container` into the container (after its image).
std::string api(const std::string& kind, const std::string& pod = "", const std::string& container = "",
                const std::string& rest = "") {
  return "- name: api\n  kind: " + kind + "\n" + rest + "  pod:\n" + pod +
         "    containers:\n      - name: web\n        image: x\n" + container;
}

const std::string kCommand = "        command: [run]\n";

}  // namespace

TEST_CASE("CX015: API values Cortex rejects") {
  check_each(
      {
          {"no name", "- kind: RealtimeAPI\n  pod:\n    containers: [{name: web, image: x}]\n",
           "1:3 CX015 an API has no name; Cortex requires it",
           "- name: api\n  kind: RealtimeAPI\n  pod:\n    containers: [{name: web, image: x}]\n", "API"},
          {"a name that is no DNS label", "- name: Ranker\n  kind: RealtimeAPI\n  pod:\n    containers: [{name: web, image: x}]\n",
           "1:9 CX015 API name Ranker: must be a DNS-1035 label (lowercase letters, digits and dashes, starting "
           "with a letter, not ending with a dash), at most 42 characters, not starting with b-",
           api("RealtimeAPI"), "Ranker"},
          {"no kind", "- name: api\n  pod:\n    containers: [{name: web, image: x}]\n",
           "1:3 CX015 API api has no kind; Cortex requires one of RealtimeAPI, AsyncAPI, BatchAPI, TaskAPI, TrafficSplitter",
           api("RealtimeAPI")},
          {"an unknown kind", api("ServingAPI"),
           "2:9 CX015 kind ServingAPI is not one of RealtimeAPI, AsyncAPI, BatchAPI, TaskAPI, TrafficSplitter",
           api("RealtimeAPI")},
          {"autoscaling of a BatchAPI", api("BatchAPI", "", kCommand, "  autoscaling: {min_replicas: 1}\n"),
           "3:16 CX015 autoscaling is not supported for BatchAPI kind", api("BatchAPI", "", kCommand)},
          {"update_strategy of a TaskAPI", api("TaskAPI", "", kCommand, "  update_strategy: {max_surge: 1}\n"),
           "3:20 CX015 update_strategy is not supported for TaskAPI kind", api("TaskAPI", "", kCommand)},
          {"pod of a TrafficSplitter", "- name: api\n  kind: TrafficSplitter\n  apis: [{name: a, weight: 100}]\n  pod: {port: 8080}\n",
           "4:8 CX015 pod is not supported for TrafficSplitter kind",
           "- name: api\n  kind: TrafficSplitter\n  apis: [{name: a, weight: 100}]\n"},
          {"node_groups of a TrafficSplitter",
           "- name: api\n  kind: TrafficSplitter\n  apis: [{name: a, weight: 100}]\n  node_groups: [cpu]\n",
           "4:16 CX015 node_groups is not supported for TrafficSplitter kind",
           "- name: api\n  kind: TrafficSplitter\n  apis: [{name: a, weight: 100}]\n"},
          {"apis of a RealtimeAPI", api("RealtimeAPI", "", "", "  apis: [{name: a, weight: 100}]\n"),
           "3:9 CX015 apis is not supported for RealtimeAPI kind", api("RealtimeAPI")},
          {"max_concurrency of a BatchAPI", api("BatchAPI", "    max_concurrency: 4\n", kCommand),
           "4:22 CX015 pod.max_concurrency is not supported for BatchAPI kind", api("BatchAPI", "", kCommand)},
          {"max_queue_length of an AsyncAPI", api("AsyncAPI", "    max_queue_length: 8\n"),
           "4:23 CX015 pod.max_queue_length is not supported for AsyncAPI kind", api("AsyncAPI")},
          {"port of a TaskAPI", api("TaskAPI", "    port: 8080\n", kCommand),
           "4:11 CX015 pod.port is not supported for TaskAPI kind", api("TaskAPI", "", kCommand)},
          {"no pod", "- name: api\n  kind: AsyncAPI\n",
           "1:3 CX015 API api (AsyncAPI) has no pod section; Cortex requires it", api("AsyncAPI")},
          {"no container", "- name: api\n  kind: RealtimeAPI\n  pod:\n    containers: []\n",
           "4:17 CX015 pod.containers is empty or missing: at least one container must be provided",
           api("RealtimeAPI")},
          {"Cortex's proxy port", api("RealtimeAPI", "    port: 8888\n"),
           "4:11 CX015 pod.port 8,888: must be a whole number from 1 to 65,535 other than 8888 and 15000, which "
           "Cortex reserves for its proxy and admin ports",
           api("RealtimeAPI", "    port: 8080\n")},
          {"max_concurrency of a RealtimeAPI above 30,000", api("RealtimeAPI", "    max_concurrency: 30001\n"),
           "4:22 CX015 pod.max_concurrency 30,001: must be a whole number from 1 to 30,000",
           api("RealtimeAPI", "    max_concurrency: 30000\n")},
          {"max_concurrency of an AsyncAPI above 100", api("AsyncAPI", "    max_concurrency: 500\n"),
           "4:22 CX015 pod.max_concurrency 500: must be a whole number from 1 to 100 for an AsyncAPI",
           api("AsyncAPI", "    max_concurrency: 100\n")},
          {"max_queue_length 0", api("RealtimeAPI", "    max_queue_length: 0\n"),
           "4:23 CX015 pod.max_queue_length 0: must be a whole number from 1 to 30,000",
           api("RealtimeAPI", "    max_queue_length: 1\n")},
          {"max_surge and max_unavailable both zero",
           api("RealtimeAPI", "", "", "  update_strategy: {max_surge: 0, max_unavailable: 0%}\n"),
           "3:32 CX015 max_surge and max_unavailable cannot both be zero",
           api("RealtimeAPI", "", "", "  update_strategy: {max_surge: 1, max_unavailable: 0%}\n")},
          {"gpu beside inf",
           api("RealtimeAPI", "", "        compute: {gpu: 1}\n      - name: neuron\n        image: x\n        compute: {inf: 1}\n"),
           "10:24 CX015 gpu and inf resources cannot be used together",
           api("RealtimeAPI", "", "        compute: {gpu: 1}\n      - name: neuron\n        image: x\n        compute: {inf: 0}\n")},
      },
      validate_cortex_apis, "api");
}

TEST_CASE("CX015: autoscaling values Cortex rejects") {
  auto scaled = [](const std::string& autoscaling) {
    return api("RealtimeAPI", "", "", "  autoscaling: {" + autoscaling + "}\n");
  };
  check_each(
      {
          {"target_in_flight 0", scaled("target_in_flight: 0"),
           "3:35 CX015 autoscaling.target_in_flight 0: must be a number greater than 0", scaled("target_in_flight: 0.5")},
          {"target_in_flight above the defaults' concurrency and queue", scaled("target_in_flight: 200"),
           "3:35 CX015 autoscaling.target_in_flight cannot be greater than max_concurrency + max_queue_length "
           "(200 > 1 + 100; unset, they are 1 and 100)",
           scaled("target_in_flight: 101")},
          {"target_in_flight above the concurrency and queue written",
           api("RealtimeAPI", "    max_concurrency: 4\n    max_queue_length: 8\n", "", "  autoscaling: {target_in_flight: 20}\n"),
           "3:35 CX015 autoscaling.target_in_flight cannot be greater than max_concurrency + max_queue_length (20 > 4 + 8)",
           api("RealtimeAPI", "    max_concurrency: 4\n    max_queue_length: 8\n", "", "  autoscaling: {target_in_flight: 12}\n")},
          {"min_replicas below 0", scaled("min_replicas: -1"),
           "3:31 CX015 autoscaling.min_replicas -1: must be a whole number >= 0", scaled("min_replicas: 0")},
          {"max_replicas 0", scaled("min_replicas: 0, max_replicas: 0"),
           "3:48 CX015 autoscaling.max_replicas 0: must be a whole number > 0", scaled("min_replicas: 0, max_replicas: 1")},
          {"init_replicas not whole", scaled("init_replicas: 1.5"),
           "3:32 CX015 autoscaling.init_replicas 1.5: must be a whole number >= 0", scaled("init_replicas: 2")},
          {"min_replicas above max_replicas", scaled("min_replicas: 5, max_replicas: 2"),
           "3:31 CX015 min_replicas cannot be greater than max_replicas (5 > 2)", scaled("min_replicas: 2, max_replicas: 2")},
          {"min_replicas above the default max_replicas", scaled("min_replicas: 101"),
           "3:31 CX015 min_replicas cannot be greater than max_replicas (101 > 100, its default)",
           scaled("min_replicas: 100")},
          {"init_replicas above max_replicas", scaled("max_replicas: 3, init_replicas: 4"),
           "3:49 CX015 init_replicas cannot be greater than max_replicas (4 > 3)", scaled("max_replicas: 3, init_replicas: 3")},
          {"init_replicas below min_replicas", scaled("min_replicas: 2, init_replicas: 1"),
           "3:49 CX015 init_replicas cannot be less than min_replicas (1 < 2)", scaled("min_replicas: 2, init_replicas: 2")},
          {"max_downscale_factor 1", scaled("max_downscale_factor: 1"),
           "3:39 CX015 autoscaling.max_downscale_factor 1: must be a number at least 0 and below 1",
           scaled("max_downscale_factor: 0.75")},
          {"max_upscale_factor 1", scaled("max_upscale_factor: 1"),
           "3:37 CX015 autoscaling.max_upscale_factor 1: must be a number greater than 1", scaled("max_upscale_factor: 1.5")},
          {"downscale_tolerance below 0", scaled("downscale_tolerance: -0.1"),
           "3:38 CX015 autoscaling.downscale_tolerance -0.1: must be a number at least 0 and below 1",
           scaled("downscale_tolerance: 0.05")},
          {"upscale_tolerance below 0", scaled("upscale_tolerance: -1"),
           "3:36 CX015 autoscaling.upscale_tolerance -1: must be a number at least 0", scaled("upscale_tolerance: 0.05")},
      },
      validate_cortex_apis, "api");
}

TEST_CASE("CX015: traffic splitter values Cortex rejects") {
  auto splitter = [](const std::string& apis) {
    return "- name: split\n  kind: TrafficSplitter\n  apis: [" + apis + "]\n";
  };
  check_each(
      {
          {"no apis", "- name: split\n  kind: TrafficSplitter\n",
           "1:3 CX015 TrafficSplitter split lists no apis; Cortex requires at least one", splitter("{name: a, weight: 100}")},
          {"a weight above 100", splitter("{name: a, weight: 100}, {name: b, weight: 101, shadow: true}"),
           "3:52 CX015 apis: the weight of b, 101, must be a whole number from 0 to 100",
           splitter("{name: a, weight: 100}, {name: b, weight: 100, shadow: true}")},
          {"weights that do not sum to 100", splitter("{name: a, weight: 60}, {name: b, weight: 30}"),
           "3:9 CX015 expected weights of all non-shadow apis to sum to 100 but found 90",
           splitter("{name: a, weight: 60}, {name: b, weight: 40}")},
          {"two shadows",
           splitter("{name: a, weight: 100}, {name: b, weight: 0, shadow: true}, {name: c, weight: 0, shadow: true}"),
           "3:9 CX015 multiple shadow apis detected; only one api is allowed to be marked as a shadow",
           splitter("{name: a, weight: 100}, {name: b, weight: 0, shadow: true}, {name: c, weight: 0}")},
          {"one API twice", splitter("{name: a, weight: 50}, {name: a, weight: 50}"),
           "3:9 CX015 apis not unique: a, a", splitter("{name: a, weight: 50}, {name: b, weight: 50}")},
      },
      validate_cortex_apis, "split");
}

TEST_CASE("CX015: container values Cortex rejects") {
  const std::string realtime = api("RealtimeAPI");
  check_each(
      {
          {"no name", "- name: api\n  kind: RealtimeAPI\n  pod:\n    containers:\n      - image: x\n",
           "5:9 CX015 a container of API api has no name; Cortex requires it", realtime},
          {"a name Cortex reserves", "- name: api\n  kind: RealtimeAPI\n  pod:\n    containers:\n      - {name: proxy, image: x}\n",
           "5:16 CX015 container name proxy is reserved by Cortex (proxy, dequeuer)", realtime},
          {"a name that is no DNS label", "- name: api\n  kind: RealtimeAPI\n  pod:\n    containers:\n      - {name: Web, image: x}\n",
           "5:16 CX015 container name Web: must be a DNS-1035 label (lowercase letters, digits and dashes, starting "
           "with a letter, not ending with a dash), at most 63 characters",
           realtime},
          {"no image", "- name: api\n  kind: RealtimeAPI\n  pod:\n    containers:\n      - name: web\n",
           "5:9 CX015 container web has no image; Cortex requires it", realtime},
          {"no command in a BatchAPI", api("BatchAPI"),
           "5:9 CX015 container web: command must be specified for BatchAPI kind", api("BatchAPI", "", kCommand)},
          {"a command that is no list", api("RealtimeAPI", "", "        command: python serve.py\n"),
           "7:18 CX015 command of container web is python serve.py: must be a list of strings",
           api("RealtimeAPI", "", "        command: [python, serve.py]\n")},
          {"args that are no list", api("RealtimeAPI", "", "        args: --port 8080\n"),
           "7:15 CX015 args of container web is --port 8080: must be a list of strings",
           api("RealtimeAPI", "", "        args: [--port, '8080']\n")},
          {"env that is no map", api("RealtimeAPI", "", "        env: [A=1]\n"),
           "7:14 CX015 env of container web is [A=1]: must be a map of variable names to values",
           api("RealtimeAPI", "", "        env: {A: '1'}\n")},
          {"a readiness probe in a TaskAPI", api("TaskAPI", "", kCommand + "        readiness_probe: {http_get: {port: 8080}}\n"),
           "8:26 CX015 readiness_probe is not supported for TaskAPI kind", api("TaskAPI", "", kCommand)},
          {"pre_stop in a BatchAPI", api("BatchAPI", "", kCommand + "        pre_stop: {exec: {command: [x]}}\n"),
           "8:19 CX015 pre_stop is not supported for BatchAPI kind", api("BatchAPI", "", kCommand)},
          {"a readiness probe with two handlers",
           api("RealtimeAPI", "", "        readiness_probe: {http_get: {port: 8080}, tcp_socket: {port: 8080}}\n"),
           "7:26 CX015 readiness_probe of container web: specify exactly one of http_get, tcp_socket, exec",
           api("RealtimeAPI", "", "        readiness_probe: {tcp_socket: {port: 8080}}\n")},
          {"a liveness probe without a handler", api("RealtimeAPI", "", "        liveness_probe: {initial_delay_seconds: 5}\n"),
           "7:25 CX015 liveness_probe of container web: specify exactly one of http_get, tcp_socket, exec",
           api("RealtimeAPI", "", "        liveness_probe: {initial_delay_seconds: 5, exec: {command: [x]}}\n")},
          {"pre_stop with two handlers",
           api("RealtimeAPI", "", "        pre_stop: {http_get: {port: 8080}, exec: {command: [x]}}\n"),
           "7:19 CX015 pre_stop of container web: specify exactly one of http_get, exec",
           api("RealtimeAPI", "", "        pre_stop: {exec: {command: [x]}}\n")},
          {"an exec readiness probe outside a RealtimeAPI", api("AsyncAPI", "", "        readiness_probe: {exec: {command: [x]}}\n"),
           "7:33 CX015 readiness_probe.exec is not supported for AsyncAPI kind (use http_get or tcp_socket)",
           api("AsyncAPI", "", "        readiness_probe: {http_get: {port: 8080}}\n")},
          {"a readiness probe on Cortex's proxy port", api("RealtimeAPI", "", "        readiness_probe: {http_get: {port: 8888}}\n"),
           "7:44 CX015 readiness_probe.http_get.port 8,888 of container web: a whole number from 1 to 65,535 other "
           "than 8888 and 15000 is required",
           api("RealtimeAPI", "", "        readiness_probe: {http_get: {port: 8080}}\n")},
          {"a readiness probe without a port", api("RealtimeAPI", "", "        readiness_probe: {tcp_socket: {host: x}}\n"),
           "7:39 CX015 readiness_probe.tcp_socket.port unset of container web: a whole number from 1 to 65,535 "
           "other than 8888 and 15000 is required",
           api("RealtimeAPI", "", "        readiness_probe: {tcp_socket: {host: x, port: 8080}}\n")},
          {"a liveness probe on port 0", api("RealtimeAPI", "", "        liveness_probe: {http_get: {port: 0}}\n"),
           "7:43 CX015 liveness_probe.http_get.port 0 of container web: a whole number from 1 to 65,535 other than "
           "8888 and 15000 is required",
           api("RealtimeAPI", "", "        liveness_probe: {http_get: {port: 1}}\n")},
          {"a liveness probe on Cortex's admin port", api("RealtimeAPI", "", "        liveness_probe: {tcp_socket: {port: 15000}}\n"),
           "7:45 CX015 liveness_probe.tcp_socket.port 15,000 of container web: a whole number from 1 to 65,535 "
           "other than 8888 and 15000 is required",
           api("RealtimeAPI", "", "        liveness_probe: {tcp_socket: {port: 15001}}\n")},
          {"an environment variable Cortex reserves", api("RealtimeAPI", "", "        env: {CORTEX_PORT: '9000'}\n"),
           "7:28 CX015 env CORTEX_PORT of container web: environment variables starting with CORTEX_ or KUBEXIT_ are reserved",
           api("RealtimeAPI", "", "        env: {PORT: '9000'}\n")},
      },
      validate_cortex_apis, "api");
}

TEST_CASE("CX015: container compute values Cortex rejects") {
  auto compute = [](const std::string& c) { return api("RealtimeAPI", "", "        compute: {" + c + "}\n"); };
  check_each(
      {
          {"gpu below 0", compute("gpu: -1"),
           "7:24 CX015 compute.gpu -1 of container web: must be a whole number >= 0", compute("gpu: 0")},
          {"inf not whole", compute("inf: 0.5"),
           "7:24 CX015 compute.inf 0.5 of container web: must be a whole number >= 0", compute("inf: 1")},
          {"cpu below 20m", compute("cpu: 10m"),
           "7:24 CX015 compute.cpu 10m of container web: must be a quantity of at least 20m (such as 200m, 0.5 or 2)",
           compute("cpu: 20m")},
          {"cpu that is no quantity", compute("cpu: two"),
           "7:24 CX015 compute.cpu two of container web: must be a quantity of at least 20m (such as 200m, 0.5 or 2)",
           compute("cpu: 2")},
          {"mem below 20Mi", compute("mem: 10Mi"),
           "7:24 CX015 compute.mem 10Mi of container web: must be a quantity of at least 20Mi (such as 512Mi or 2G)",
           compute("mem: 20Mi")},
          {"mem in bytes below 20Mi", compute("mem: 1000000"),
           "7:24 CX015 compute.mem 1,000,000 of container web: must be a quantity of at least 20Mi (such as 512Mi or 2G)",
           compute("mem: 21M")},
          {"shm that is no quantity", compute("shm: lots"),
           "7:24 CX015 compute.shm lots of container web: must be a quantity (such as 64Mi or 1Gi)", compute("shm: 64Mi")},
          {"shm above mem", compute("mem: 2Gi, shm: 4Gi"),
           "7:34 CX015 compute.shm (4Gi) cannot exceed total compute mem (2Gi)", compute("mem: 2Gi, shm: 2048Mi")},
      },
      validate_cortex_apis, "api");
}

TEST_CASE("CX015: names Cortex requires unique are each reported") {
  SECTION("APIs") {
    CHECK(describe(validate_cortex_apis(read_yaml(api("RealtimeAPI") + api("AsyncAPI")))) ==
          std::vector<std::string>{"1:9 CX015 name api must be unique across apis" + kRefused,
                                   "7:9 CX015 name api must be unique across apis" + kRefused});
  }
  SECTION("containers") {
    CHECK(describe(validate_cortex_apis(read_yaml(api("RealtimeAPI", "", "      - name: web\n        image: y\n")))) ==
          std::vector<std::string>{"5:15 CX015 container name web must be unique" + kRefused,
                                   "7:15 CX015 container name web must be unique" + kRefused});
  }
}

TEST_CASE("CX015: a cluster and APIs that Cortex accepts have no finding") {
  CHECK(validate_cortex_cluster(read_yaml(kGroup + "    spot: true\n    spot_config: {on_demand_base_capacity: 1}\n")).empty());
  CHECK(validate_cortex_apis(read_yaml(api("RealtimeAPI", "    max_concurrency: 4\n    max_queue_length: 8\n",
                                           "        compute: {cpu: 500m, mem: 2Gi, shm: 64Mi}\n",
                                           "  autoscaling: {min_replicas: 1, max_replicas: 4, target_in_flight: 8}\n")))
            .empty());
  CHECK(validate_cortex_apis(Value::absent()).empty());
}
