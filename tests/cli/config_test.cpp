#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "cli/cli_runner.hpp"
#include "support/metarank_topology.hpp"

namespace {

const char* kTopology = deploy_advisor::test::kMetarankShop;

nlohmann::json check_json(const std::string& config) {
  deploy_advisor::MemoryFileSystem files;
  files.add("t.yaml", kTopology);
  files.add("c.yaml", config);
  auto r = run_cli({"check", "--format", "json", "--fail-on", "warning", "--config", "c.yaml", "t.yaml"}, files);
  INFO(r.err);
  REQUIRE(r.status != 2);
  auto json = nlohmann::json::parse(r.out);
  json["exit"] = r.status;
  return json;
}

bool has(const nlohmann::json& json, const std::string& id) {
  for (const auto& f : json["findings"])
    if (f["rule_id"] == id) return true;
  return false;
}

}  // namespace

TEST_CASE("disable drops a rule's findings") {
  auto json = check_json("disable: [DA004]\n");
  CHECK_FALSE(has(json, "DA004"));
  CHECK(has(json, "MR003"));
}

TEST_CASE("severity changes a rule's severity and so the exit code") {
  auto json = check_json("severity: {DA004: info, MR003: info}\n");
  for (const auto& f : json["findings"])
    if (f["rule_id"] == "DA004" || f["rule_id"] == "MR003") CHECK(f["severity"] == "info");
}

TEST_CASE("a waiver marks the finding, which then no longer fails the run") {
  setenv("DEPLOY_ADVISOR_TODAY", "2026-11-22", 1);
  auto json = check_json(R"(waivers:
  - rule: DA004
    component: metarank/lb
    reason: "TLS ends at the CDN in front"
    expires: 2027-03-31
  - rule: MR003
    reason: "events are archived by the producer"
)");
  for (const auto& f : json["findings"]) {
    if (f["rule_id"] != "DA004" && f["rule_id"] != "MR003") continue;
    CHECK(f["waived"] == true);
    CHECK(f["waiver"]["source"] == "config");
    CHECK_FALSE(f["waiver"]["reason"].get<std::string>().empty());
  }
  CHECK(json["summary"]["waived"] == 2);
  CHECK(json["summary"]["warning"] == 0);
  CHECK(json["summary"]["failed"] == false);
  CHECK(json["exit"] == 0);
  unsetenv("DEPLOY_ADVISOR_TODAY");
}

TEST_CASE("a waiver past its date no longer applies, and says so") {
  setenv("DEPLOY_ADVISOR_TODAY", "2027-04-01", 1);
  auto json = check_json("waivers:\n  - {rule: DA004, reason: until launch, expires: 2027-03-31}\n");
  bool seen = false;
  for (const auto& f : json["findings"]) {
    if (f["rule_id"] != "DA004") continue;
    seen = true;
    CHECK(f["waived"] == false);
    CHECK(f["message"].get<std::string>().find("expired on 2027-03-31: until launch") != std::string::npos);
  }
  CHECK(seen);
  CHECK(json["exit"] == 1);
  unsetenv("DEPLOY_ADVISOR_TODAY");
}

TEST_CASE("a wrong configuration exits 2 with located messages") {
  deploy_advisor::MemoryFileSystem files;
  files.add("t.yaml", kTopology);
  files.add("c.yaml", "disable: [DA040]\nwaiver:\n  - rule: DA004\n");
  auto r = run_cli({"check", "--config", "c.yaml", "t.yaml"}, files);
  CHECK(r.status == 2);
  CHECK(r.err.find("c.yaml:1:11: error: disable: 'DA040' is not a rule id (did you mean DA004?)") != std::string::npos);
  CHECK(r.err.find("c.yaml:2:1: error: unknown key 'waiver' (did you mean 'waivers'?)") != std::string::npos);
  files.add("d.yaml", "waivers:\n  - {rule: DA004, reason: x, expires: 31/03/2027}\n");
  auto bad_date = run_cli({"check", "--config", "d.yaml", "t.yaml"}, files);
  CHECK(bad_date.status == 2);
  CHECK(bad_date.err.find("expected a date YYYY-MM-DD") != std::string::npos);
}

TEST_CASE(".deploy-advisor.yaml is found in the topology's folder or above") {
  auto root = std::filesystem::temp_directory_path() / "da-config-discovery";
  std::filesystem::remove_all(root);
  std::filesystem::create_directories(root / "deploy" / "prod");
  std::filesystem::create_directories(root / ".git");  // the repository: discovery stops here
  std::ofstream(root / ".deploy-advisor.yaml") << "disable: [DA004, MR003]\n";
  std::ofstream(root / "deploy" / "prod" / "t.yaml") << kTopology;
  auto r = run_cli({"check", "--format", "json", (root / "deploy" / "prod" / "t.yaml").string()});
  INFO(r.err);
  CHECK(r.out.find("\"DA004\"") == std::string::npos);
  CHECK(r.out.find("\"MR003\"") == std::string::npos);
  std::filesystem::remove_all(root);
}
