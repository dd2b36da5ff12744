#include <catch2/catch.hpp>

#include <regex>
#include <set>
#include <sstream>
#include <tuple>

#include <nlohmann/json.hpp>

#include "cli/cli_runner.hpp"
#include "cli/commands.hpp"
#include "support/metarank_topology.hpp"

// `check`, `plan` and `report` run the one pipeline: for the same topology and configuration
// they see the same findings (rule, place, and whether each counts, is waived or is known).

namespace {

using Mark = std::tuple<std::string, std::string, std::string>;  // rule, file:line:column, state

std::set<Mark> check_marks(const std::vector<std::string>& flags, const std::string& topology,
                           deploy_advisor::FileSystem& files) {
  std::vector<std::string> args{"check", "--format", "json", "--fail-on", "never"};
  args.insert(args.end(), flags.begin(), flags.end());
  args.push_back(topology);
  auto run = run_cli(args, files);
  INFO(run.err);
  REQUIRE(run.status == 0);
  std::set<Mark> marks;
  auto json = nlohmann::json::parse(run.out);
  for (const auto& f : json["findings"]) {
    const auto& at = f["location"];
    std::string where = at["file"].get<std::string>() + ":" + std::to_string(at["line"].get<int>()) + ":" +
                        std::to_string(at["column"].get<int>());
    std::string state = f["waived"].get<bool>()     ? "waived"
                        : f["baseline"].get<bool>() ? "baseline"
                                                    : f["severity"].get<std::string>();
    marks.insert({f["rule_id"].get<std::string>(), where, state});
  }
  return marks;
}

/// The rows of the report's findings tables: | state | [ID](doc) | message | `where` | fix |
std::set<Mark> report_marks(const std::vector<std::string>& flags, const std::string& topology,
                            deploy_advisor::FileSystem& files) {
  std::vector<std::string> args{"report"};
  args.insert(args.end(), flags.begin(), flags.end());
  args.push_back(topology);
  auto run = run_cli(args, files);
  INFO(run.err);
  REQUIRE(run.status == 0);
  std::set<Mark> marks;
  std::regex row(R"(^\| (error|warning|info|waived|baseline) \| \[([A-Z]+[0-9]+)\]\([^)]*\) \| .* \| `([^`]+)` \| .*\|$)");
  std::istringstream in(run.out);
  std::string line;
  bool in_findings = false;
  while (std::getline(in, line)) {
    if (line.rfind("## ", 0) == 0) in_findings = line == "## Findings";
    std::smatch m;
    if (in_findings && std::regex_match(line, m, row)) marks.insert({m[2], m[3], m[1]});
  }
  return marks;
}

/// The findings the plan is made from, through the request `plan` builds from its flags.
std::set<Mark> plan_marks(const std::string& config, const std::string& topology,
                          deploy_advisor::FileSystem& files) {
  std::ostringstream out, err;
  deploy_advisor::cli::Context context{out, err, files, false, false, false, {}, {}, {}, {}};
  context.config_file = config;
  deploy_advisor::cli::PlanOptions options;
  options.topology = topology;
  auto analysis = deploy_advisor::analyze(deploy_advisor::cli::plan_request(context, options), files);
  REQUIRE(analysis.topologies.front().analysed());
  REQUIRE(analysis.topologies.front().layout);
  std::set<Mark> marks;
  for (const auto& f : analysis.findings)
    marks.insert({f.rule_id, to_string(f.location),
                  f.waived ? "waived" : f.baseline ? "baseline" : std::string(to_string(f.severity))});
  return marks;
}

void require_agreement(const std::string& topology, deploy_advisor::FileSystem& files,
                       const std::string& config = "") {
  std::vector<std::string> flags;
  if (!config.empty()) flags = {"--config", config};
  auto checked = check_marks(flags, topology, files);
  INFO(topology);
  CHECK(report_marks(flags, topology, files) == checked);
  CHECK(plan_marks(config, topology, files) == checked);
}

const char* kTopology = deploy_advisor::test::kMetarankShop;

// Changes a severity, disables a rule, waives a finding and holds a waiver matching nothing.
const char* kConfiguration = R"(severity: {DA004: info}
disable: [MR003]
waivers:
  - rule: DA004
    component: metarank/lb
    reason: TLS ends at the cloud load balancer in front
  - rule: MR001
    reason: matches nothing here
)";

}  // namespace

TEST_CASE("plan and report find what check finds in every example topology") {
  deploy_advisor::DiskFileSystem disk;
  for (const char* name : {"acme-production.yaml", "shop-base.yaml", "shop-production.yaml"})
    require_agreement(std::string(DA_SOURCE_DIR) + "/examples/" + name, disk);
}

TEST_CASE("plan and report apply the discovered .deploy-advisor.yaml as check does") {
  deploy_advisor::MemoryFileSystem files;
  files.add("shop/topology.yaml", kTopology);
  files.add("shop/.deploy-advisor.yaml", kConfiguration);
  auto marks = check_marks({}, "shop/topology.yaml", files);
  // The configuration is in force: no MR003, DA004 waived, the unused waiver reported.
  bool mr003 = false, da004_waived = false, da006 = false;
  for (const auto& [rule, where, state] : marks) {
    mr003 = mr003 || rule == "MR003";
    da004_waived = da004_waived || (rule == "DA004" && state == "waived");
    da006 = da006 || (rule == "DA006" && where.rfind("shop/.deploy-advisor.yaml:", 0) == 0);
  }
  CHECK_FALSE(mr003);
  CHECK(da004_waived);
  CHECK(da006);
  require_agreement("shop/topology.yaml", files);
}

TEST_CASE("plan and report apply --config as check does") {
  deploy_advisor::MemoryFileSystem files;
  files.add("shop/topology.yaml", kTopology);
  files.add("shop/review.yaml", kConfiguration);
  require_agreement("shop/topology.yaml", files, "shop/review.yaml");
  // Without --config nothing is found, so the findings differ from those with it.
  CHECK(check_marks({}, "shop/topology.yaml", files) != check_marks({"--config", "shop/review.yaml"}, "shop/topology.yaml", files));
  // plan takes --config too: with MR003 disabled it adds no event archive.
  auto with = run_cli({"plan", "--format", "json", "--config", "shop/review.yaml", "shop/topology.yaml"}, files);
  auto without = run_cli({"plan", "--format", "json", "shop/topology.yaml"}, files);
  INFO(with.err);
  REQUIRE(with.status == 0);
  REQUIRE(without.status == 0);
  CHECK(with.out != without.out);
}
