// The checks of pkg/types/clusterconfig: cluster_config.go (validate, validateNodeGroup) and
// errors.go. Unset values take Cortex's defaults before a comparison.
#include "model/cortex_validation.hpp"

#include <cmath>
#include <optional>
#include <string>

#include "lang/cidr.hpp"
#include "model/native_value_checks.hpp"

namespace deploy_advisor {

namespace {

using namespace native_checks;

const Value kEmptyText = Value::string("");

class CortexClusterCheck {
 public:
  explicit CortexClusterCheck(const Value& cluster) : cluster_(cluster) {
    // A single node group written as a mapping counts as a list of one; items that are not
    // mappings are not node groups.
    for (const auto& g : items_of(cluster.get("node_groups")))
      if (g.is_map()) groups_.push_back(g);
  }

  std::vector<Finding> run() {
    check_cluster();
    for (const auto& group : groups_) check_node_group(group);
    return std::move(findings_);
  }

 private:
  void reject(const Value& at, const std::string& component, const std::string& what) {
    findings_.push_back(
        finding(kRejectedByCortex, at, what + "; Cortex refuses this configuration", "",
                component));
  }

  [[nodiscard]] Value key(const char* name) const { return cluster_.get(name); }

  /// A key whose value, when written, must be one of `allowed`.
  void check_one_of(const char* name, const std::vector<std::string>& allowed, const std::string& cn) {
    const Value v = key(name);
    if (!is_set(v) || is_one_of(v, allowed)) return;
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
    reject(v, cn, std::string(name) + " " + shown(v) + " is not one of " + list);
  }

  void check_cidr_list(const char* name, const std::string& cn) {
    for (const auto& w : items_of(key(name)))
      if (!(w.is_string() && lang::parse_cidr_block(w.as_string())))
        reject(w, cn, std::string(name) + ": " + shown(w) +
                          " is not a valid CIDR block (such as 10.0.0.0/8)");
  }

  void check_cluster() {
    const Value visibility_written = key("subnet_visibility");
    const Value visibility = is_set(visibility_written) ? visibility_written : Value::string("public");
    const bool has_subnets = !items_of(key("subnets")).empty();
    const Value nat_written = key("nat_gateway");
    const Value nat = is_set(nat_written) ? nat_written
                      : (has_subnets || equal(visibility, Value::string("public"))) ? Value::string("none")
                                                                                  : Value::string("single");
    const Value name = key("cluster_name");
    const std::string cn = is_set(name) ? shown(name) : "cortex";

    const Value region = key("region");
    if (!is_set(region))
      reject(cluster_, cn, "region is not set; Cortex requires it (the AWS region of the cluster)");
    else if (!matches(region, "^[a-z]{2}(-[a-z]+)+-[0-9]+$"))
      reject(region, cn, shown(region) +
                             " is not a valid AWS region, or is an AWS region which is not "
                             "supported by AWS EKS");
    if (is_set(name) && !(name.is_string() && characters(name.as_string()) >= 3 &&
                          characters(name.as_string()) <= 54 &&
                          matches(name, "^([a-z0-9])+(-[a-z0-9]+)*$")))
      reject(name, cn, "cluster_name " + shown(name) +
                           ": only lowercase alphanumeric characters and dashes are allowed, with "
                           "no consecutive dashes and no leading or trailing dashes, 3 to 54 "
                           "characters");
    check_one_of("subnet_visibility", {"public", "private"}, cn);
    check_one_of("nat_gateway", {"none", "single", "highly_available"}, cn);
    if (equal(visibility, Value::string("private")) && equal(nat, Value::string("none")) && !has_subnets)
      reject(nat_written, cn,
             "subnet_visibility is private and nat_gateway is none: a nat gateway is required "
             "when `subnet_visibility: private` is specified; either set nat_gateway to \"single\" "
             "or \"highly_available\", or set subnet_visibility to \"public\"");
    if (has_subnets && is_set(nat_written) && !equal(nat_written, Value::string("none")))
      reject(nat_written, cn, "nat_gateway is " + shown(nat_written) +
                                  " and subnets are given: nat gateway cannot be automatically "
                                  "created when specifying subnets for your cluster; please unset "
                                  "nat_gateway or subnets");
    const std::size_t zones = items_of(key("availability_zones")).size();
    if (has_subnets && zones > 0)
      reject(key("subnets"), cn,
             "cannot specify both availability_zones and subnets; specify only one (or neither)");
    if (has_subnets && items_of(key("subnets")).size() < 2)
      reject(key("subnets"), cn, "subnets lists 1 subnet; Cortex needs at least 2");
    if (zones == 1)
      reject(key("availability_zones"), cn,
             "availability_zones lists 1 zone; Cortex needs none (it then picks 3) or at least 2");
    check_one_of("api_load_balancer_type", {"nlb", "elb"}, cn);
    check_one_of("api_load_balancer_scheme", {"internet-facing", "internal"}, cn);
    check_one_of("operator_load_balancer_scheme", {"internet-facing", "internal"}, cn);
    check_cidr_list("api_load_balancer_cidr_white_list", cn);
    check_cidr_list("operator_load_balancer_cidr_white_list", cn);
    check_vpc_cidr(cn);
    for (const char* managed : {"bucket", "account_id", "cluster_uid", "cortex_policy_arn"}) {
      const Value v = key(managed);
      if (is_set(v) && !equal(v, kEmptyText))
        reject(v, cn, std::string("the ") + managed +
                          " field cannot be configured by the user (Cortex sets it)");
    }
    const Value prometheus = key("prometheus_instance_type");
    if (is_set(prometheus) &&
        !(prometheus.is_string() &&
          !matches(prometheus, "^(p[0-9][a-z0-9-]*|g[0-9][a-z0-9-]*|inf[0-9][a-z0-9-]*)\\.") &&
          !matches(prometheus, "\\.(nano|micro)$")))
      reject(prometheus, cn, "prometheus_instance_type " + shown(prometheus) +
                                 ": GPU, Inferentia, nano and micro instances are not supported "
                                 "for Prometheus");
    if (groups_.size() > 100)
      reject(key("node_groups"), cn, "node_groups lists " + shown(static_cast<double>(groups_.size())) +
                                         " groups: cannot have more than 100 nodegroups");
    // Unset min_instances is 1; a group whose min_instances is not a number leaves the total
    // unknown.
    std::optional<double> total = 0.0;
    for (const auto& g : groups_) {
      std::optional<double> min = number_or(g.get("min_instances"), 1);
      total = total && min ? std::optional<double>(*total + *min) : std::nullopt;
    }
    if (total && *total > 200)
      reject(key("node_groups"), cn, "cannot create a cluster with " + shown(total) +
                                         " instances (at most 200 instances can be created "
                                         "initially); reduce min_instances for your nodegroups");
  }

  void check_vpc_cidr(const std::string& cn) {
    const Value v = key("vpc_cidr");
    if (!is_set(v)) return;
    auto block = v.is_string() ? lang::parse_cidr_block(v.as_string()) : std::nullopt;
    if (block && block->prefix >= 16 && block->prefix <= 24) return;
    reject(v, cn, "vpc_cidr " + shown(v) +
                      (block ? ": invalid network size /" + shown(static_cast<double>(block->prefix)) +
                                   "; the network size must be between /16 and /24"
                             : std::string(" is not a valid CIDR block")));
  }

  /// A key that, when written, must be a whole number in [low, high].
  void check_whole(const Value& v, const std::string& gn, const std::string& label, double low,
                   double high, const std::string& requirement) {
    if (!is_set(v)) return;
    if (is_whole(v) && v.as_number() >= low && v.as_number() <= high) return;
    reject(v, gn, label + " " + shown(v) + ": " + requirement);
  }

  void check_node_group(const Value& g) {
    const Value name = g.get("name");
    const std::string gn = is_set(name) ? shown(name) : "node group";
    const std::optional<double> min = number_or(g.get("min_instances"), 1);
    const std::optional<double> max = number_or(g.get("max_instances"), 5);
    const Value volume_type_written = g.get("instance_volume_type");
    const Value volume_type = is_set(volume_type_written) ? volume_type_written : Value::string("gp3");
    const bool gp3 = equal(volume_type, Value::string("gp3"));
    const bool io1 = equal(volume_type, Value::string("io1"));
    const std::optional<double> volume_size = number_or(g.get("instance_volume_size"), 50);
    const double kUnbounded = HUGE_VAL;

    if (!is_set(name)) reject(g, gn, "a node group has no name; Cortex requires it");
    if (is_set(name) && !(matches(name, "^[a-zA-Z0-9-]{1,26}$") && !name.as_string().ends_with("-")))
      reject(name, gn, "node group name " + shown(name) +
                           ": only letters, digits and dashes are allowed, at most 26 characters, "
                           "not ending with a dash");
    if (is_set(name)) {
      std::size_t same = 0;
      for (const auto& o : groups_) same += equal(o.get("name"), name) ? 1 : 0;
      if (same > 1) reject(name, gn, "cannot have multiple nodegroups with the same name (" + gn + ")");
    }
    const Value type = g.get("instance_type");
    if (!is_set(type)) reject(g, gn, "node group " + gn + " has no instance_type; Cortex requires it");
    if (is_set(type) && !matches(type, "^[a-z][a-z0-9-]*[0-9][a-z0-9-]*\\.[a-z0-9-]+$"))
      reject(type, gn, "instance type " + shown(type) +
                           " is not supported by cortex (not an EC2 instance type such as m5.large)");
    if (matches(type, "\\.(nano|micro)$"))
      reject(type, gn, "instance_type " + shown(type) +
                           ": cortex does not support nano or micro instances - please specify a "
                           "larger instance type");
    if (matches(type, "^(mac[0-9][a-z0-9-]*|f1|vt1|trn[0-9][a-z0-9-]*|dl1|g4ad)\\."))
      reject(type, gn, "instance_type " + shown(type) +
                           ": Mac, FPGA, Xilinx Alveo, Trainium, Gaudi and AMD GPU instances are "
                           "not supported by cortex");
    check_whole(g.get("min_instances"), gn, "min_instances", 0, kUnbounded, "must be a whole number >= 0");
    check_whole(g.get("max_instances"), gn, "max_instances", 0, kUnbounded, "must be a whole number >= 0");
    check_whole(g.get("priority"), gn, "priority", 1, 100, "must be a whole number from 1 to 100");
    check_whole(g.get("instance_volume_size"), gn, "instance_volume_size", 20, 16384,
                "must be a whole number from 20 to 16,384");
    if (equal(g.get("max_instances"), Value::number(0)))
      reject(g.get("max_instances"), gn,
             "nodegroups cannot be created with `max_instances` set to 0 (but `max_instances` can "
             "be scaled to 0 after the nodegroup has been created)");
    if (min && max && *min > *max)
      reject(is_set(g.get("min_instances")) ? g.get("min_instances") : g.get("max_instances"), gn,
             "min_instances cannot be greater than max_instances (" + shown(min) + " > " + shown(max) +
                 (is_set(g.get("max_instances")) ? "" : ", its default") + ")");
    if (is_set(volume_type_written) && !is_one_of(volume_type_written, {"gp2", "gp3", "io1", "st1", "sc1"}))
      reject(volume_type_written, gn, "instance_volume_type " + shown(volume_type_written) +
                                          " is not one of gp2, gp3, io1, st1, sc1");
    check_volume_performance(g, gn, volume_type, gp3, io1, volume_size);
    check_spot(g, gn, max);
  }

  void check_volume_performance(const Value& g, const std::string& gn, const Value& volume_type,
                                bool gp3, bool io1, std::optional<double> size) {
    const Value iops = g.get("instance_volume_iops");
    const Value throughput = g.get("instance_volume_throughput");
    if (is_set(iops) && !gp3 && !io1)
      reject(iops, gn, "IOPS cannot be configured for volume type " + shown(volume_type) +
                           "; set `instance_volume_type: io1`, `instance_volume_type: gp3`, or "
                           "remove `instance_volume_iops` from your cluster configuration file");
    if (is_set(throughput) && !gp3)
      reject(throughput, gn, "throughput cannot be configured for volume type " + shown(volume_type) +
                                 "; set `instance_volume_type: gp3` or remove "
                                 "`instance_volume_throughput` from your cluster configuration file");
    if (gp3 && is_set(iops) != is_set(throughput))
      reject(is_set(iops) ? iops : throughput, gn,
             "specify exactly two or none of the following fields: instance_volume_iops and "
             "instance_volume_throughput");
    if (is_number(iops)) {
      const double v = iops.as_number();
      // Against an unknown size only the fixed bounds apply.
      auto above = [&](double per_gib) { return size && v > *size * per_gib; };
      if ((gp3 && (v < 3000 || v > 16000 || above(500))) || (io1 && (v < 100 || v > 64000 || above(50))))
        reject(iops, gn, "for " + shown(volume_type) + " volume type, instance_volume_iops (" + shown(iops) +
                             ") must be " +
                             (gp3 ? "between 3000 and 16000 and at most 500"
                                  : "between 100 and 64000 and at most 50") +
                             " times instance_volume_size (" + shown(size) + ")");
    }
    check_whole(throughput, gn, "instance_volume_throughput", 125, 1000, "must be a whole number");
    if (gp3 && is_number(iops) && is_number(throughput) && throughput.as_number() > 0 &&
        iops.as_number() / throughput.as_number() < 4)
      reject(iops, gn, "for gp3 volume type, instance_volume_iops (" + shown(iops) +
                           ") must be at least 4 times larger than instance_volume_throughput (" +
                           shown(throughput) + ")");
  }

  void check_spot(const Value& g, const std::string& gn, std::optional<double> max) {
    const Value spot = g.get("spot_config");
    if (is_set(spot) && !equal(g.get("spot"), Value::boolean(true)))
      reject(spot, gn, "spot_config cannot be specified unless spot is enabled (to enable spot "
                       "instances, set `spot: true` in your cluster configuration file)");
    const Value base = spot.get("on_demand_base_capacity");
    if (is_number(base) && max && base.as_number() > *max)
      reject(base, gn, "on_demand_base_capacity cannot be greater than max_instances (" + shown(base) +
                           " > " + shown(max) + ")");
    check_whole(base, gn, "spot_config.on_demand_base_capacity", 0, HUGE_VAL, "must be a whole number >= 0");
    check_whole(spot.get("on_demand_percentage_above_base_capacity"), gn,
                "spot_config.on_demand_percentage_above_base_capacity", 0, 100,
                "must be a whole number from 0 to 100");
    check_whole(spot.get("instance_pools"), gn, "spot_config.instance_pools", 1, 20,
                "must be a whole number from 1 to 20");
    const Value price = spot.get("max_price");
    if (is_set(price) && !(is_number(price) && price.as_number() > 0))
      reject(price, gn, "spot_config.max_price " + shown(price) + ": must be a number greater than 0");
    for (const auto& t : items_of(spot.get("instance_distribution")))
      if (matches(t, "\\.(nano|micro)$"))
        reject(t, gn, "spot_config.instance_distribution: " + t.as_string() +
                          ": cortex does not support nano or micro instances - please specify a "
                          "larger instance type");
  }

  const Value& cluster_;
  Value::List groups_;
  std::vector<Finding> findings_;
};

}  // namespace

std::vector<Finding> validate_cortex_cluster(const Value& cluster) {
  return CortexClusterCheck(cluster).run();
}

}  // namespace deploy_advisor
