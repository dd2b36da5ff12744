// Metaflow and Cortex rules and sizing against topologies on disk (tests/data/metaflow,
// tests/data/cortex), every real Cortex file and Metaflow config.json of the shared corpus,
// and the shipped example: exact findings (id, file and line), and Cortex sizing figures
// computed by hand.
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "deploy_advisor/common/diagnostics.hpp"
#include "deploy_advisor/engine/engine.hpp"
#include "deploy_advisor/common/file_system.hpp"
#include "deploy_advisor/model/topology.hpp"
#include "support/run_example.hpp"

using namespace deploy_advisor;

namespace {

const ProfileSet& profiles() { return test_support::builtin_profiles(); }

const std::string kMetaflow = std::string(DA_SOURCE_DIR) + "/tests/data/metaflow/";
const std::string kCortex = std::string(DA_SOURCE_DIR) + "/tests/data/cortex/";

using test_support::base_name;
using test_support::describe;
using test_support::Mark;

bool is_mf_or_cx(const std::string& id) { return id.rfind("MF", 0) == 0 || id.rfind("CX", 0) == 0; }

/// The Metaflow and Cortex findings of a run (and DA002, which the native key tables produce).
/// The checks an absent input kept silent (MF042, CX040) are left to skipped_checks_test.cpp,
/// except where a case is about them: these topologies each declare only what they test.
std::set<Mark> marks(const test_support::ExampleRun& run) {
  return test_support::marks(run, [](const std::string& id) {
    return (is_mf_or_cx(id) && id != "MF042" && id != "CX040") || id == "DA002";
  });
}

const Finding* find(const test_support::ExampleRun& run, const std::string& id,
                    unsigned line = 0) {
  for (const auto& f : run.findings)
    if (f.rule_id == id && (line == 0 || f.location.line == line)) return &f;
  return nullptr;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

test_support::ExampleRun run_file(const std::string& path) {
  return test_support::run_file(profiles(), path);
}

/// Loads a topology from memory and computes its sizing, as `plan` does.
std::vector<ProductSizing> sizing_of(const std::string& path) {
  DiskFileSystem disk;
  LoadOptions options;
  options.extra_products = profiles().declared_products();
  options.assumption_names = profiles().assumption_names();
  LoadedTopology topology = load_topology(path, disk, options);
  return compute_sizing(profiles(), topology);
}

const Figure* figure(const std::vector<ProductSizing>& sizing, const std::string& product,
                     const std::string& name) {
  for (const auto& s : sizing)
    if (s.product == product)
      for (const auto& f : s.figures)
        if (f.name == name) return &f;
  return nullptr;
}

}  // namespace

// ---------------------------------------------------------------------------------- Cortex

TEST_CASE("Cortex: a cluster with only defaults, and an API without compute.mem") {
  // defaults-cluster.yaml holds a region and one node group; everything else is Cortex's
  // default, so the findings about absent keys point at the file's top mapping (line 1).
  auto run = run_file(kCortex + "defaults-topology.yaml");
  INFO(describe(run));
  REQUIRE(run.errors.empty());
  const std::set<Mark> expected = {
      {"CX001", "defaults-cluster.yaml", 1},  // image_* unset: quay.io defaults
      {"CX003", "defaults-cluster.yaml", 1},  // subnet_visibility unset: public
      {"CX005", "defaults-cluster.yaml", 1},  // api_load_balancer_scheme unset: internet-facing
      {"CX006", "defaults-cluster.yaml", 1},  // api white list unset: 0.0.0.0/0
      {"CX014", "defaults-cluster.yaml", 1},  // operator scheme and white list unset
      {"CX019", "defaults-cluster.yaml", 1},  // Cortex itself: unmaintained, EKS 1.22
      {"CX012", "no-mem-api.yaml", 8},        // the container `- name: api` has cpu, no mem
  };
  CHECK(marks(run) == expected);

  const Finding* cx003 = find(run, "CX003");
  REQUIRE(cx003);
  CHECK_THAT(cx003->message, Catch::Contains("unset (Cortex's default: public)"));
  const Finding* cx006 = find(run, "CX006");
  REQUIRE(cx006);
  CHECK_THAT(cx006->message, Catch::Contains("Cortex's default: [0.0.0.0/0]"));
  const Finding* cx014 = find(run, "CX014");
  REQUIRE(cx014);
  CHECK_THAT(cx014->message, Catch::Contains("operator_load_balancer_scheme is unset"));
  const Finding* cx012 = find(run, "CX012");
  REQUIRE(cx012);
  CHECK(cx012->severity == Severity::Error);
  CHECK(cx012->component == "classifier");
  CHECK_THAT(cx012->message, Catch::Contains("no compute.mem"));
  CHECK(cx012->location.column == 9);  // `name` of `- name: api`
}

TEST_CASE("Cortex: the shipped example gets only the cluster images finding, and the platform note") {
  // examples/acme-production.yaml follows seed 004 closely (private subnets, internal load
  // balancers, white lists, spot with an on-demand fallback, a custom domain, probes,
  // compute, autoscaling above the peak); it sets no image_* key, so the cluster's 28 images
  // still come from quay.io (seed 004, Use images from a colocated ECR). CX019 (info) says
  // that Cortex itself is no longer maintained; no change to the topology answers it.
  auto run = run_file(std::string(DA_SOURCE_DIR) + "/examples/acme-production.yaml");
  INFO(describe(run));
  REQUIRE(run.errors.empty());
  CHECK(marks(run) == std::set<Mark>{{"CX001", "acme-production.yaml", 165},
                                     {"CX019", "acme-production.yaml", 165}});
}

TEST_CASE("Cortex sizing, computed by hand") {
  auto sizing = sizing_of(kCortex + "sizing-topology.yaml");
  // Traffic: 400 req/s × growth 1.5 = 600 req/s at 120 ms; `search` has its own 90 req/s
  // (× 1.5 = 135 req/s) at 300 ms.
  //
  // API replicas = ceil(req/s × latency ms / 1000 / target_in_flight):
  //   recommender (Realtime, target_in_flight 3):        600 × 120 / 1000 = 72 / 3   = 24
  //   search (Realtime, target_in_flight = max_concurrency 8): 135 × 300 / 1000 = 40.5 / 8
  //                                                                  = 5.06 -> 6
  //   summarizer (Async, max_concurrency default 1):     72 / 1                      = 72
  //   reindex (BatchAPI): not autoscaled, not counted
  //   total 24 + 6 + 72 = 102
  const Figure* replicas = figure(sizing, "cortex", "api_replicas_needed");
  REQUIRE(replicas);
  CHECK(replicas->value == 102);
  CHECK(replicas->derived_from_traffic);

  // Nodes = ceil(replicas / pods per node), pods per node = min(floor((vCPU - 0.56) / pod
  // CPU), floor((MiB - 1150) / pod MiB)), pod = containers + proxy (0.1 CPU, 100 MiB):
  //   recommender on cpu-spot (priority 50, the highest) c5.2xlarge, 8 vCPU, 16384 MiB;
  //     pod 1.5 + 0.1 = 1.6 CPU, 3072 + 100 = 3172 MiB;
  //     min(floor(7.44 / 1.6) = 4, floor(15234 / 3172) = 4) = 4 -> ceil(24 / 4) = 6
  //   search on `memory` (its node_groups) r5.xlarge, 4 vCPU, 32768 MiB;
  //     pod 2.1 CPU, 12288 + 100 = 12388 MiB;
  //     min(floor(3.44 / 2.1) = 1, floor(31618 / 12388) = 2) = 1 -> 6 / 1 = 6
  //   summarizer on cpu-spot: pod 0.6 CPU, 1G = 953.67 + 100 = 1053.67 MiB;
  //     min(floor(7.44 / 0.6) = 12, floor(15234 / 1053.67) = 14) = 12 -> ceil(72 / 12) = 6
  //   total 6 + 6 + 6 = 18
  const Figure* nodes = figure(sizing, "cortex", "api_nodes_needed");
  REQUIRE(nodes);
  CHECK(nodes->value == 18);

  // Cluster nodes at most: max_instances 20 + 8 + 5 = 33.
  const Figure* cluster_nodes = figure(sizing, "cortex", "cluster_nodes_max");
  REQUIRE(cluster_nodes);
  CHECK(cluster_nodes->value == 33);
  CHECK_FALSE(cluster_nodes->derived_from_traffic);

  // Pods at most: max_replicas 30 + 100 (search: default) + 50 = 180.
  const Figure* pods = figure(sizing, "cortex", "pods_max");
  REQUIRE(pods);
  CHECK(pods->value == 180);

  // The same topology's findings: summarizer's max_replicas 50 is below its 72 replicas.
  auto run = run_file(kCortex + "sizing-topology.yaml");
  INFO(describe(run));
  REQUIRE(run.errors.empty());
  const std::set<Mark> expected = {
      {"CX001", "sizing-topology.yaml", 16},  // no image_* setting: quay.io defaults
      {"CX010", "sizing-topology.yaml", 52},  // summarizer: max_concurrency unset (1)
      {"CX013", "sizing-topology.yaml", 57},  // summarizer: max_replicas 50 < 72
      {"CX009", "sizing-topology.yaml", 62},  // reindex (BatchAPI): no readiness probe
      {"CX016", "sizing-topology.yaml", 19},  // internal API load balancer, no white list
      {"CX016", "sizing-topology.yaml", 20},  // internal operator load balancer, no white list
      {"CX018", "sizing-topology.yaml", 22},  // the only spot group, one instance type
      {"CX019", "sizing-topology.yaml", 16},  // Cortex itself: unmaintained, EKS 1.22
      {"CX020", "sizing-topology.yaml", 24},  // memory: search alone needs 6 nodes, max_instances 5
  };
  CHECK(marks(run) == expected);
  const Finding* cx013 = find(run, "CX013");
  REQUIRE(cx013);
  CHECK_THAT(cx013->message, Catch::Contains("max_replicas 50 is below the 72 replicas"));
  CHECK_THAT(cx013->message, Catch::Contains("600 req/s × 120 ms = 72 requests in flight"));
  // CX020 counts the same nodes as sizing.api_nodes_needed, split by node group: search runs
  // only on `memory` and needs its 6 (of the 18) there; recommender and summarizer (6 + 6)
  // may use every group, which have 20 + 8 + max(0, 5 - 6) = 28 left: enough.
  const Finding* cx020 = find(run, "CX020");
  REQUIRE(cx020);
  CHECK(cx020->component == "memory");
  CHECK_THAT(cx020->message, Catch::Contains("node group memory can reach 5 nodes of r5.xlarge"));
  CHECK_THAT(cx020->message, Catch::Contains("need 6 at the declared peak (search: 6 replicas at 1 pod(s) a node = 6)"));
  CHECK_THAT(cx020->fix, Catch::Contains("Raise max_instances of node group memory to at least 6"));
}

TEST_CASE("Cortex: the Prometheus figures are every released guide's 300, as assumptions") {
  // Three node groups of max_instances 100: 300 nodes, at the 300 of every released Cortex
  // production guide (v0.39.0 to v0.42.1); the seed's 400 predates them and can be restored.
  const std::string cluster = R"(products:
  cortex:
    cluster:
      region: us-west-2
      node_groups:
        - {name: a, instance_type: m5.large, max_instances: 100}
        - {name: b, instance_type: m5.xlarge, max_instances: 100}
        - {name: c, instance_type: c5.xlarge, max_instances: 100}
)";
  const std::string seed = "version: 1\nname: big\nenvironment: staging\n" + cluster;
  auto with_seed = test_support::run_example(profiles(), RuleExample{seed, {}, {}});
  INFO(describe(with_seed));
  REQUIRE(with_seed.errors.empty());
  CHECK(find(with_seed, "CX008"));

  const std::string raised = "version: 1\nname: big\nenvironment: staging\nassumptions:\n"
                             "  cortex.prometheus_max_nodes: 400\n"
                             "  cortex.prometheus_max_pods: 800\n" + cluster;
  auto with_raised = test_support::run_example(profiles(), RuleExample{raised, {}, {}});
  REQUIRE(with_raised.errors.empty());
  CHECK_FALSE(find(with_raised, "CX008"));

  const std::string lowered = "version: 1\nname: big\nenvironment: staging\nassumptions:\n"
                              "  cortex.prometheus_max_nodes: 300\n"
                              "  cortex.prometheus_max_pods: 300\n" + cluster;
  auto with_lowered = test_support::run_example(profiles(), RuleExample{lowered, {}, {}});
  INFO(describe(with_lowered));
  REQUIRE(with_lowered.errors.empty());
  // At the cluster mapping (its first key, line 10): prometheus_instance_type is unset.
  CHECK(marks(with_lowered) == std::set<Mark>{{"CX008", "topology.yaml", 10}});
}

namespace {

struct RealFile {
  const char* name;
  bool api_spec;  // loaded under `apis:`, else as the `cluster:`
  std::vector<std::pair<const char*, unsigned>> expected;
};

// Every real Cortex file of the shared corpus (tests/data/cortex/cortex__*.yaml, two header
// lines added to each) in a production topology with a custom domain; API specs also get a
// region (us-east-1) and a peak of 50 req/s at 200 ms, so 10 requests in flight. Why each
// finding is right, by Cortex's docs and code:
// - cluster files set no image_* key (CX001 at the top mapping), and most keep Cortex's
//   public subnets (CX003), internet-facing load balancers (CX005) and open white lists
//   (CX006, CX014);
// - the docs' snippets have no `region`, which `cortex cluster up` requires (CX015), and
//   CONTRIBUTING's is the placeholder `<region>` (CX015 at its line);
// - multi.md's second snippet names the instance type `inf.xlarge`, which is not one
//   (CX015); spot.md's reference sets spot_config with `spot: false` and has no
//   instance_type (CX015 at each);
// - spot groups without an on-demand group of the same type (the CI cluster, multi.md's
//   fourth snippet, spot.md's) get CX007; multi.md's first and third snippets and the
//   production guide's pair have the fallback at a lower priority;
// - the production guide's snippets each fix the part they show: private subnets (no CX003),
//   an internal API load balancer (no CX005/CX006), an internal operator load balancer (no
//   CX014);
// - API specs from Cortex's tests pull quay.io images (CX001 at each image); Realtime and
//   Async ones without autoscaling get CX013, those without max_queue_length (Realtime) CX011,
//   without max_concurrency CX010; the scale-to-zero API caps max_replicas at 1 below the 10
//   replicas needed (CX013); the Inferentia ones have no readiness probe (CX009) and no cpu or
//   mem (CX012), as has the multi-container API's web server (CX012); Batch and Task specs
//   have probes and compute, so only CX001;
// - the reference specs' `<int>`, `<string>`, `<list[string]>` placeholders are values Cortex
//   refuses (CX015 at each), and so are their probes listing every handler at once.
const std::vector<RealFile>& real_files() {
  static const std::vector<RealFile> files = {
    {"cortex__.circleci_config__1_test-job_dev_config_cluster.yaml", false,
     {{"CX001", 3}, {"CX003", 3}, {"CX005", 3}, {"CX006", 3}, {"CX014", 3}, {"CX019", 3}}},
    {"cortex__.circleci_config__2_cluster-up_cluster.yaml", false,
     {{"CX001", 3}, {"CX003", 3}, {"CX005", 3}, {"CX006", 3}, {"CX014", 3}, {"CX007", 10}, {"CX019", 3}, {"CX018", 10}}},
    {"cortex__CONTRIBUTING__dev_config_cluster.yaml", false,
     {{"CX001", 5}, {"CX003", 5}, {"CX005", 5}, {"CX006", 5}, {"CX014", 5}, {"CX015", 6}, {"CX019", 5}}},
    {"cortex__docs_clusters_instances_multi__1_cpu-spot-on-demand-backup.yaml", false,
     {{"CX001", 5}, {"CX003", 5}, {"CX005", 5}, {"CX006", 5}, {"CX014", 5}, {"CX015", 5}, {"CX019", 5}}},
    {"cortex__docs_clusters_instances_multi__2_on-demand-cpu-gpu-inf.yaml", false,
     {{"CX001", 5}, {"CX003", 5}, {"CX005", 5}, {"CX006", 5}, {"CX014", 5}, {"CX015", 5}, {"CX015", 16}, {"CX019", 5}}},
    {"cortex__docs_clusters_instances_multi__3_spot-cpu-gpu-on-demand-backup.yaml", false,
     {{"CX001", 5}, {"CX003", 5}, {"CX005", 5}, {"CX006", 5}, {"CX014", 5}, {"CX015", 5}, {"CX019", 5}}},
    {"cortex__docs_clusters_instances_multi__4_cpu-spot-multiple-instance-types.yaml", false,
     {{"CX001", 5}, {"CX003", 5}, {"CX005", 5}, {"CX006", 5}, {"CX014", 5}, {"CX015", 5}, {"CX007", 11}, {"CX007", 17}, {"CX007", 23}, {"CX019", 5}}},
    {"cortex__docs_clusters_instances_spot__1_spot-config-reference.yaml", false,
     {{"CX001", 5}, {"CX003", 5}, {"CX005", 5}, {"CX006", 5}, {"CX014", 5}, {"CX015", 5}, {"CX015", 6}, {"CX015", 13}, {"CX019", 5}}},
    {"cortex__docs_clusters_instances_spot__2_only-spot.yaml", false,
     {{"CX001", 3}, {"CX003", 3}, {"CX005", 3}, {"CX006", 3}, {"CX014", 3}, {"CX015", 3}, {"CX007", 8}, {"CX019", 3}}},
    {"cortex__docs_clusters_instances_spot__3_on-demand-base-3.yaml", false,
     // on_demand_base_capacity 3: a documented mixed group, no CX007
     {{"CX001", 4}, {"CX003", 4}, {"CX005", 4}, {"CX006", 4}, {"CX014", 4}, {"CX015", 4}, {"CX019", 4}}},
    {"cortex__docs_clusters_instances_spot__4_on-demand-50-percent.yaml", false,
     {{"CX001", 3}, {"CX003", 3}, {"CX005", 3}, {"CX006", 3}, {"CX014", 3}, {"CX015", 3}, {"CX007", 8}, {"CX019", 3}}},
    {"cortex__docs_clusters_management_create__1_cluster-reference.yaml", false,
     {{"CX001", 4}, {"CX003", 36}, {"CX005", 45}, {"CX006", 62}, {"CX014", 65}, {"CX019", 4}}},
    {"cortex__docs_clusters_management_create__2_image-overrides.yaml", false,
     {{"CX001", 3}, {"CX003", 3}, {"CX005", 3}, {"CX006", 3}, {"CX014", 3}, {"CX015", 3}, {"CX019", 3}}},
    {"cortex__docs_clusters_management_production__1_private-subnets.yaml", false,
     {{"CX001", 3}, {"CX005", 3}, {"CX006", 3}, {"CX014", 3}, {"CX015", 3}, {"CX019", 3}}},
    {"cortex__docs_clusters_management_production__2_internal-api-lb.yaml", false,
     {{"CX001", 3}, {"CX003", 3}, {"CX014", 3}, {"CX015", 3}, {"CX019", 3}, {"CX016", 3}}},
    {"cortex__docs_clusters_management_production__3_api-lb-cidr-whitelist.yaml", false,
     {{"CX001", 3}, {"CX003", 3}, {"CX005", 3}, {"CX006", 3}, {"CX014", 3}, {"CX015", 3}, {"CX019", 3}}},
    {"cortex__docs_clusters_management_production__4_operator-lb.yaml", false,
     {{"CX001", 3}, {"CX003", 3}, {"CX005", 3}, {"CX006", 3}, {"CX015", 3}, {"CX019", 3}, {"CX016", 4}}},
    {"cortex__docs_clusters_management_production__5_spot-and-on-demand-gpu-node-groups.yaml", false,
     {{"CX001", 3}, {"CX003", 3}, {"CX005", 3}, {"CX006", 3}, {"CX014", 3}, {"CX015", 3}, {"CX019", 3}, {"CX018", 8}}},
    {"cortex__docs_workloads_async_configuration__api-spec-reference.yaml", true,
     {{"CX015", 3}, {"CX015", 6}, {"CX015", 7}, {"CX015", 9}, {"CX001", 10}, {"CX015", 11}, {"CX015", 12}, {"CX015", 13}, {"CX015", 15}, {"CX015", 16}, {"CX015", 17}, {"CX015", 18}, {"CX015", 19}, {"CX015", 21}, {"CX015", 22}, {"CX015", 25}, {"CX015", 32}, {"CX015", 33}, {"CX015", 36}, {"CX015", 45}, {"CX015", 51}, {"CX015", 52}, {"CX015", 53}, {"CX015", 54}, {"CX015", 58}, {"CX015", 59}, {"CX015", 60}, {"CX015", 61}}},
    {"cortex__docs_workloads_batch_configuration__api-spec-reference.yaml", true,
     {{"CX015", 3}, {"CX015", 6}, {"CX015", 8}, {"CX001", 9}, {"CX015", 10}, {"CX015", 11}, {"CX015", 12}, {"CX015", 14}, {"CX015", 15}, {"CX015", 16}, {"CX015", 17}, {"CX015", 18}, {"CX015", 20}, {"CX015", 21}, {"CX015", 24}, {"CX015", 31}, {"CX015", 32}, {"CX015", 35}}},
    {"cortex__docs_workloads_realtime_configuration__api-spec-reference.yaml", true,
     {{"CX015", 3}, {"CX015", 6}, {"CX015", 7}, {"CX015", 8}, {"CX015", 10}, {"CX001", 11}, {"CX015", 12}, {"CX015", 13}, {"CX015", 14}, {"CX015", 16}, {"CX015", 17}, {"CX015", 18}, {"CX015", 19}, {"CX015", 20}, {"CX015", 22}, {"CX015", 23}, {"CX015", 26}, {"CX015", 35}, {"CX015", 36}, {"CX015", 39}, {"CX015", 48}, {"CX015", 54}, {"CX015", 55}, {"CX015", 56}, {"CX015", 57}, {"CX015", 61}, {"CX015", 62}, {"CX015", 63}, {"CX015", 64}}},
    {"cortex__docs_workloads_task_configuration__api-spec-reference.yaml", true,
     {{"CX015", 3}, {"CX015", 7}, {"CX001", 8}, {"CX015", 9}, {"CX015", 10}, {"CX015", 11}, {"CX015", 13}, {"CX015", 14}, {"CX015", 15}, {"CX015", 16}, {"CX015", 17}, {"CX015", 19}, {"CX015", 20}, {"CX015", 23}}},
    {"cortex__test_apis_async_hello-world_cortex_cpu.yaml", true,
     {{"CX013", 3}, {"CX010", 6}, {"CX001", 9}}},
    {"cortex__test_apis_async_text-generator_cortex_cpu.yaml", true,
     {{"CX013", 3}, {"CX010", 6}, {"CX001", 9}}},
    {"cortex__test_apis_async_text-generator_cortex_gpu.yaml", true,
     {{"CX013", 3}, {"CX010", 6}, {"CX001", 9}}},
    {"cortex__test_apis_batch_image-classifier-alexnet_cortex_cpu.yaml", true,
     {{"CX001", 8}}},
    {"cortex__test_apis_batch_image-classifier-alexnet_cortex_gpu.yaml", true,
     {{"CX001", 8}}},
    {"cortex__test_apis_batch_sum_cortex_cpu.yaml", true,
     {{"CX001", 10}}},
    {"cortex__test_apis_realtime_hello-world_cortex_cpu.yaml", true,
     {{"CX013", 3}, {"CX011", 6}, {"CX001", 10}}},
    {"cortex__test_apis_realtime_hello-world_cortex_cpu_arm64.yaml", true,
     {{"CX013", 3}, {"CX011", 6}, {"CX001", 10}}},
    {"cortex__test_apis_realtime_hello-world_cortex_scale_to_zero.yaml", true,
     {{"CX001", 11}, {"CX013", 22}}},
    {"cortex__test_apis_realtime_image-classifier-resnet50_cortex_cpu.yaml", true,
     {{"CX013", 3}, {"CX011", 6}, {"CX001", 10}}},
    {"cortex__test_apis_realtime_image-classifier-resnet50_cortex_gpu.yaml", true,
     {{"CX013", 3}, {"CX011", 6}, {"CX001", 10}}},
    {"cortex__test_apis_realtime_image-classifier-resnet50_cortex_inf.yaml", true,
     {{"CX013", 3}, {"CX011", 6}, {"CX009", 9}, {"CX012", 9}, {"CX001", 10}}},
    {"cortex__test_apis_realtime_image-classifier-resnet50_cortex_inf_rtd.yaml", true,
     {{"CX013", 3}, {"CX011", 6}, {"CX009", 9}, {"CX012", 9}, {"CX001", 10}, {"CX012", 24}, {"CX001", 25}}},
    {"cortex__test_apis_realtime_multi-container_cortex_cpu.yaml", true,
     {{"CX013", 3}, {"CX010", 6}, {"CX011", 6}, {"CX012", 8}, {"CX001", 9}, {"CX001", 15}}},
    {"cortex__test_apis_realtime_prime-generator_cortex_cpu.yaml", true,
     {{"CX013", 3}, {"CX011", 6}, {"CX001", 10}}},
    {"cortex__test_apis_realtime_sleep_cortex_cpu.yaml", true,
     {{"CX001", 11}}},
    {"cortex__test_apis_realtime_text-generator_cortex_cpu.yaml", true,
     {{"CX013", 3}, {"CX011", 6}, {"CX001", 10}}},
    {"cortex__test_apis_realtime_text-generator_cortex_gpu.yaml", true,
     {{"CX013", 3}, {"CX011", 6}, {"CX001", 10}}},
    {"cortex__test_apis_task_iris-classifier-trainer_cortex_cpu.yaml", true,
     {{"CX001", 8}}},
    {"cortex__test_apis_trafficsplitter_hello-world_cortex_cpu.yaml", true,
     {{"CX013", 3}, {"CX011", 6}, {"CX001", 10}, {"CX013", 21}, {"CX011", 24}, {"CX001", 28}, {"CX013", 39}, {"CX011", 42}, {"CX001", 46}}},
  };
  return files;
}

}  // namespace

TEST_CASE("every real Cortex file loads, with the findings Cortex's docs call for") {
  for (const auto& file : real_files()) {
    SECTION(file.name) {
      std::string text = read_text(kCortex + file.name);
      REQUIRE_FALSE(text.empty());
      std::string topology = std::string("version: 1\nname: real\nenvironment: production\n") +
                             (file.api_spec ? "region: us-east-1\ntraffic: {peak_requests_per_second: "
                                              "50, request_latency_ms: 200}\n"
                                            : "") +
                             "products:\n  cortex:\n    custom_domain: api.example.com\n" +
                             (file.api_spec ? "    apis: [cortex/" : "    cluster: cortex/") +
                             file.name + (file.api_spec ? "]\n" : "\n");
      RuleExample example{topology, {{std::string("cortex/") + file.name, text}}, {}};
      auto run = test_support::run_example(profiles(), example);
      INFO(describe(run));
      REQUIRE(run.errors.empty());
      std::set<Mark> expected;
      for (const auto& [id, line] : file.expected) expected.insert({id, file.name, line});
      CHECK(marks(run) == expected);
    }
  }
}

TEST_CASE("every real Cortex file is one of the corpus table's") {
  // A file added to tests/data/cortex without a row would go unchecked.
  std::set<std::string> listed;
  for (const auto& file : real_files()) listed.insert(file.name);
  CHECK(listed.size() == 42);
}

TEST_CASE("Cortex: unknown keys in the cluster configuration and API specs are DA002") {
  const std::string topology = R"(version: 1
name: typo
environment: staging
products:
  cortex:
    cluster:
      region: us-east-1
      subnet_visiblity: private
      node_groups:
        - {name: cpu, instance_type: m5.large, max_instance: 4}
      tags: {team: ml, any-key: allowed}
    apis:
      - name: ranker
        kind: RealtimeAPI
        pod:
          max_concurency: 4
          containers:
            - name: api
              image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/ranker:1
              env: {ANY_NAME: allowed}
              compute: {cpu: 1, mem: 2Gi, memory: 2Gi}
)";
  auto run = test_support::run_example(profiles(), RuleExample{topology, {}, {}});
  INFO(describe(run));
  REQUIRE(run.errors.empty());
  std::set<std::pair<std::string, unsigned>> da002;
  for (const auto& f : run.findings)
    if (f.rule_id == "DA002") da002.insert({f.message, f.location.line});
  CHECK(da002.size() == 4);
  const Finding* visibility = find(run, "DA002", 8);
  REQUIRE(visibility);
  CHECK_THAT(visibility->message, Catch::Contains("did you mean 'subnet_visibility'?"));
  const Finding* max_instance = find(run, "DA002", 10);
  REQUIRE(max_instance);
  CHECK_THAT(max_instance->message, Catch::Contains("did you mean 'max_instances'?"));
  const Finding* concurrency = find(run, "DA002", 16);
  REQUIRE(concurrency);
  CHECK_THAT(concurrency->message, Catch::Contains("did you mean 'max_concurrency'?"));
  CHECK(find(run, "DA002", 21));  // compute.memory: Cortex's key is mem
}

// --------------------------------------------------------------------------------- Metaflow

TEST_CASE("Metaflow: a flow with @retry on no step gets MF004 at its class line") {
  auto run = run_file(kMetaflow + "no-retry-topology.yaml");
  INFO(describe(run));
  REQUIRE(run.errors.empty());
  // flows/train_no_retry.py: @schedule, @project, @pypi_base on the class, @catch and @card on
  // a step; no @retry anywhere. Line 8 is `class TrainFlow(FlowSpec):`.
  CHECK(marks(run) == std::set<Mark>{{"MF004", "train_no_retry.py", 8}});
  const Finding* mf004 = find(run, "MF004");
  REQUIRE(mf004);
  CHECK(mf004->location.column == 1);
  CHECK(mf004->component == "TrainFlow");
  CHECK_THAT(mf004->message, Catch::Contains("@retry on none of its 3 steps"));
}

TEST_CASE("Metaflow: @retry on the steps, or with: [retry] on the flow, clears MF004") {
  auto retry = run_file(kMetaflow + "retry-topology.yaml");
  INFO(describe(retry));
  REQUIRE(retry.errors.empty());
  CHECK(marks(retry).empty());

  // The same source as the MF004 case, deployed with `--with retry`.
  auto with = run_file(kMetaflow + "with-retry-topology.yaml");
  INFO(describe(with));
  REQUIRE(with.errors.empty());
  CHECK(marks(with).empty());
}

TEST_CASE("Metaflow: several flows in one file, each picked by its key") {
  auto run = run_file(kMetaflow + "pipelines-topology.yaml");
  INFO(describe(run));
  REQUIRE(run.errors.empty());
  // IngestFlow (class line 21): @schedule, @project; steps with @retry, @timeout, @pypi.
  // TrainFlow (37): @trigger_on_finish, @project, @conda_base; steps with @metaflow.retry,
  //   @catch, @card.
  // ScoreFlow (55): @trigger only; no retry, catch/timeout, pinned dependencies or project.
  // One flow has @card, so MF010 is silent; every flow has a trigger, so MF003 is.
  const std::set<Mark> expected = {
      {"MF004", "pipelines.py", 55},
      {"MF005", "pipelines.py", 55},
      {"MF006", "pipelines.py", 55},
      {"MF007", "pipelines.py", 55},
      // ScoreFlow is declared with no tags and has no @project branch (IngestFlow is
      // deployed on `branch: prod`, TrainFlow with `tags: [nightly]`).
      {"MF013", "pipelines.py", 55},
  };
  CHECK(marks(run) == expected);
  for (const auto& f : run.findings)
    if (is_mf_or_cx(f.rule_id)) CHECK(f.component == "ScoreFlow");

  DiskFileSystem disk;
  LoadOptions options;
  options.assumption_names = profiles().assumption_names();
  LoadedTopology topology = load_topology(kMetaflow + "pipelines-topology.yaml", disk, options);
  const Value& flows = topology.products.at(0).flows;
  REQUIRE(flows.as_list().size() == 3);
  const std::vector<std::tuple<std::string, unsigned, std::vector<std::string>>> classes = {
      {"IngestFlow", 21, {"schedule", "project"}},
      {"TrainFlow", 37, {"trigger_on_finish", "project", "conda_base"}},
      {"ScoreFlow", 55, {"trigger"}},
  };
  for (std::size_t i = 0; i < classes.size(); ++i) {
    const auto& [name, line, flow_decorators] = classes[i];
    const Value& flow = flows.as_list()[i];
    INFO(name);
    CHECK(flow.get("name").as_string() == name);
    CHECK(base_name(flow.location().file_name()) == "pipelines.py");
    CHECK(flow.location().line == line);
    std::vector<std::string> found;
    for (const auto& d : flow.get("flow_decorators").as_list()) found.push_back(d.as_string());
    CHECK(found == flow_decorators);
  }
  CHECK(flows.as_list()[0].get("project").as_string() == "recsys");
  CHECK(flows.as_list()[1].get("project").as_string() == "recsys");
  CHECK_FALSE(flows.as_list()[2].find("project"));
}

TEST_CASE("Metaflow: real config.json files load and set the datastore and metadata") {
  SECTION("Metaflow service's local example: s3 and service") {
    auto run = run_file(kMetaflow + "local-example-topology.yaml");
    INFO(describe(run));
    REQUIRE(run.errors.empty());
    CHECK(marks(run).empty());
  }
  SECTION("the Airflow and MinIO example: s3 and service, single replicas") {
    auto run = run_file(kMetaflow + "airflow-minio-topology.yaml");
    INFO(describe(run));
    REQUIRE(run.errors.empty());
    const std::set<Mark> expected = {
        {"MF002", "airflow-minio-topology.yaml", 12},  // one Airflow scheduler
        {"MF012", "airflow-minio-topology.yaml", 13},  // one metadata service replica
    };
    CHECK(marks(run) == expected);
  }
  SECTION("Metaflow's test contexts: no METAFLOW_DEFAULT_* key, so local and local") {
    auto run = run_file(kMetaflow + "test-contexts-topology.yaml");
    INFO(describe(run));
    REQUIRE(run.errors.empty());
    // The config's top mapping (line 1) is where the missing keys belong.
    const std::set<Mark> expected = {
        {"MF008", "metaflow__test_core_contexts.json", 1},
        {"MF009", "metaflow__test_core_contexts.json", 1},
        {"MF011", "metaflow__test_core_contexts.json", 1},  // argo-workflows with local
    };
    CHECK(marks(run) == expected);
    const Finding* mf008 = find(run, "MF008");
    REQUIRE(mf008);
    CHECK_THAT(mf008->message, Catch::Contains("Metaflow's default: local"));
  }
  SECTION("Metaflow's R test contexts with the topology's s3 and service") {
    auto run = run_file(kMetaflow + "r-contexts-topology.yaml");
    INFO(describe(run));
    REQUIRE(run.errors.empty());
    CHECK(marks(run).empty());
  }
}

TEST_CASE("Metaflow: the config.json wins over the topology's keys, and the message says so") {
  const std::string topology = R"(version: 1
name: ml
environment: production
platform: kubernetes
products:
  metaflow:
    orchestrator: argo-workflows
    datastore: s3
    metadata: service
    config:
      METAFLOW_DEFAULT_DATASTORE: local
      METAFLOW_DEFAULT_METADATA: service
    components:
      argo: {role: orchestrator, replicas: 2}
      metadata: {role: metadata_service, replicas: 2}
)";
  auto run = test_support::run_example(profiles(), RuleExample{topology, {}, {}});
  INFO(describe(run));
  REQUIRE(run.errors.empty());
  const std::set<Mark> expected = {
      {"MF008", "topology.yaml", 11},
      {"MF011", "topology.yaml", 11},
  };
  CHECK(marks(run) == expected);
  const Finding* mf008 = find(run, "MF008");
  REQUIRE(mf008);
  CHECK_THAT(mf008->message, Catch::Contains("the topology's datastore: s3 disagrees; Metaflow reads the config"));
}

TEST_CASE("Metaflow: MF011 reads the product's platform before the top-level one") {
  const std::string on_ecs = R"(version: 1
name: ml
environment: staging
platform: kubernetes
products:
  metaflow:
    orchestrator: argo-workflows
    platform: ecs
    datastore: s3
)";
  auto run = test_support::run_example(profiles(), RuleExample{on_ecs, {}, {}});
  INFO(describe(run));
  REQUIRE(run.errors.empty());
  CHECK(marks(run) == std::set<Mark>{{"MF011", "topology.yaml", 8}});

  const std::string on_kubernetes = R"(version: 1
name: ml
environment: staging
platform: vm
products:
  metaflow:
    orchestrator: argo-workflows
    platform: kubernetes
    datastore: gs
)";
  auto fine = test_support::run_example(profiles(), RuleExample{on_kubernetes, {}, {}});
  INFO(describe(fine));
  REQUIRE(fine.errors.empty());
  CHECK(marks(fine).empty());

  const std::string top_level_vm = R"(version: 1
name: ml
environment: staging
platform: vm
products:
  metaflow:
    orchestrator: argo-workflows
    datastore: azure
)";
  auto vm = test_support::run_example(profiles(), RuleExample{top_level_vm, {}, {}});
  INFO(describe(vm));
  REQUIRE(vm.errors.empty());
  CHECK(marks(vm) == std::set<Mark>{{"MF011", "topology.yaml", 4}});
}

TEST_CASE("Metaflow: a flow declared with neither file nor decorators is not judged") {
  const std::string topology = R"(version: 1
name: ml
environment: production
platform: kubernetes
products:
  metaflow:
    orchestrator: argo-workflows
    datastore: s3
    metadata: service
    components:
      argo: {role: orchestrator, replicas: 2}
      metadata: {role: metadata_service, replicas: 2}
    flows:
      Described: {decorators: [schedule, retry, catch, pypi_base, card, project], branch: prod}
      Unknown: {project: ranking}
      Empty:
        decorators: []
)";
  auto run = test_support::run_example(profiles(), RuleExample{topology, {}, {}});
  INFO(describe(run));
  REQUIRE(run.errors.empty());
  // `Empty` says it has no decorators at all; `Unknown` says nothing about them, and MF042
  // says which checks that left silent.
  const Finding* skipped = find(run, "MF042", 15);
  REQUIRE(skipped);
  CHECK_THAT(skipped->message, Catch::Contains("as flow Unknown has neither `file` nor `decorators`"));
  const std::set<Mark> expected = {
      {"MF003", "topology.yaml", 16},
      {"MF004", "topology.yaml", 16},
      {"MF005", "topology.yaml", 16},
      {"MF006", "topology.yaml", 16},
      {"MF007", "topology.yaml", 16},
      {"MF013", "topology.yaml", 16},
  };
  CHECK(marks(run) == expected);
}

TEST_CASE("Metaflow: the shipped example gets no Metaflow finding") {
  // Argo Workflows with two controller replicas, S3, the metadata service with two replicas,
  // and a flow with @schedule, @retry, @catch, @pypi, @card and @project.
  auto run = run_file(std::string(DA_SOURCE_DIR) + "/examples/acme-production.yaml");
  REQUIRE(run.errors.empty());
  for (const auto& f : run.findings) CHECK(f.rule_id.rfind("MF", 0) != 0);
}
