// Every file a command reads, lists or writes goes through the FileSystem it is given: run
// against memory, nothing touches the disk and every output lands in memory.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "cli/cli_runner.hpp"
#include "support/metarank_topology.hpp"

namespace {

const char* kTopology = deploy_advisor::test::kMetarankShop;

}  // namespace

TEST_CASE("check finds topologies in a folder, reads the configuration and writes every output through the file system") {
  deploy_advisor::MemoryFileSystem files;
  files.add("repo/.git/", "");
  files.add("repo/deploy/shop.yaml", kTopology);
  files.add("repo/deploy/notes.yaml", "just: notes\n");
  files.add("repo/.deploy-advisor.yaml", "disable: [MR003]\n");
  files.add("repo/profiles/README.txt", "no profiles yet\n");
  files.add("out/", "");
  auto r = run_cli({"check", "--fail-on", "never", "--profiles", "repo/profiles", "-o", "out/findings.txt", "--write",
                    "json=out/findings.json", "--write-baseline", "out/baseline.json", "repo/deploy"},
                   files);
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.out.empty());
  REQUIRE(files.contents("out/findings.txt"));
  CHECK(files.contents("out/findings.txt")->find("DA004") != std::string::npos);
  auto json = nlohmann::json::parse(files.contents("out/findings.json").value_or("{}"));
  REQUIRE(json["findings"].is_array());
  bool da004 = false;
  for (const auto& f : json["findings"]) {
    CHECK(f["rule_id"] != "MR003");  // the configuration found above the folder is in force
    CHECK(f["location"]["file"] == "repo/deploy/shop.yaml");
    da004 = da004 || f["rule_id"] == "DA004";
  }
  CHECK(da004);
  CHECK(files.contents("out/baseline.json"));
}

TEST_CASE("plan and report write -o through the file system") {
  deploy_advisor::MemoryFileSystem files;
  files.add("shop.yaml", kTopology);
  files.add("out/", "");
  auto plan = run_cli({"plan", "--format", "yaml", "-o", "out/plan.yaml", "shop.yaml"}, files);
  INFO(plan.err);
  REQUIRE(plan.status == 0);
  REQUIRE(files.contents("out/plan.yaml"));
  CHECK(files.contents("out/plan.yaml")->find("written by deploy-advisor plan") != std::string::npos);
  // The written plan is itself a topology the tool reads back from the same place.
  auto again = run_cli({"check", "--fail-on", "never", "out/plan.yaml"}, files);
  CHECK(again.status == 0);
  auto report = run_cli({"report", "-o", "out/report.md", "shop.yaml"}, files);
  REQUIRE(report.status == 0);
  CHECK(files.contents("out/report.md").value_or("").find("## Findings") != std::string::npos);
  // A folder that does not exist cannot take the output: exit 2 with the reason.
  auto nowhere = run_cli({"report", "-o", "missing/report.md", "shop.yaml"}, files);
  CHECK(nowhere.status == 2);
  CHECK(nowhere.err.find("cannot write the output file") != std::string::npos);
}
