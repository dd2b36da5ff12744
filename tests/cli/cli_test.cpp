#include <catch2/catch.hpp>

#include <cstdio>
#include <set>

#include <nlohmann/json.hpp>

#include "cli/cli_runner.hpp"

TEST_CASE("the version and help flags exit 0") {
  auto v = run_cli({"--version"});
  CHECK(v.status == 0);
  CHECK(v.out.find("deploy-advisor 0.") != std::string::npos);
  CHECK(run_cli({"--help"}).status == 0);
  CHECK(run_cli({"check", "--help"}).status == 0);
}

TEST_CASE("bad command lines exit 2 with a message") {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {}, {"chek", "x.yaml"}, {"check"}, {"check", "--format", "xml", kExample},
           {"check", "--fail-on", "fatal", kExample}, {"check", "--bogus", kExample}}) {
    auto r = run_cli(args);
    INFO(r.err);
    CHECK(r.status == 2);
    CHECK(r.err.find("error") != std::string::npos);
  }
}

TEST_CASE("validate accepts the shipped example") {
  auto r = run_cli({"validate", kExample});
  INFO(r.err);
  CHECK(r.status == 0);
  CHECK(r.out.find("valid") != std::string::npos);
}

TEST_CASE("check prints json as docs/cli.md shows") {
  auto r = run_cli({"check", "--format", "json", "--fail-on", "never", kExample});
  INFO(r.err);
  REQUIRE(r.status == 0);
  auto json = nlohmann::json::parse(r.out);
  CHECK(json["tool"]["name"] == "deploy-advisor");
  CHECK(json["findings"].is_array());
  CHECK(json["summary"].contains("error"));
  CHECK(json["summary"]["failed"] == false);
  for (const auto& f : json["findings"]) {
    for (const char* key : {"rule_id", "rule", "severity", "product", "component", "message", "fix",
                            "location", "waived", "baseline"})
      CHECK(f.contains(key));
  }
}

TEST_CASE("check output is byte-identical across runs") {
  auto a = run_cli({"check", "--format", "json", kExample});
  auto b = run_cli({"check", "--format", "json", kExample});
  CHECK(a.out == b.out);
  CHECK(a.status == b.status);
}

TEST_CASE("explain: a known id prints the page, an unknown one suggests") {
  auto ok = run_cli({"explain", "DA003"});
  CHECK(ok.status == 0);
  CHECK(ok.out.find("# DA003") != std::string::npos);
  CHECK(ok.out.find("## Correct topology") != std::string::npos);
  auto bad = run_cli({"explain", "DA030"});
  CHECK(bad.status == 2);
  CHECK(bad.err.find("did you mean DA003") != std::string::npos);
}

TEST_CASE("rules --format json lists every rule") {
  auto r = run_cli({"rules", "--format", "json"});
  REQUIRE(r.status == 0);
  auto json = nlohmann::json::parse(r.out);
  REQUIRE(json["rules"].size() > 3);
  for (const auto& rule : json["rules"])
    for (const char* key : {"id", "name", "severity", "product", "title"}) CHECK(rule.contains(key));
}

TEST_CASE("explain works for every rule that rules lists") {
  auto listed = nlohmann::json::parse(run_cli({"rules", "--format", "json"}).out);
  for (const auto& rule : listed["rules"]) {
    std::string id = rule["id"];
    auto r = run_cli({"explain", id});
    INFO(id << ": " << r.err);
    CHECK(r.status == 0);
    CHECK(r.out.rfind("# " + id + " ", 0) == 0);
    for (const char* section : {"## Problematic topology", "## Correct topology", "## Rationale and source",
                                "## How to fix", "## How to waive"})
      CHECK(r.out.find(section) != std::string::npos);
  }
}

TEST_CASE("rules lists every catalog id") {
  auto listed = nlohmann::json::parse(run_cli({"rules", "--format", "json"}).out);
  std::set<std::string> ids;
  for (const auto& rule : listed["rules"]) ids.insert(rule["id"]);
  auto expect = [&](const char* family, int last) {
    for (int i = 1; i <= last; ++i) {
      char id[8];
      std::snprintf(id, sizeof id, "%s%03d", family, i);
      INFO(id);
      CHECK(ids.count(id) == 1);
    }
  };
  expect("DA", 5);
  expect("MR", 15);
  expect("TR", 29);
  expect("MF", 12);
  expect("CX", 15);
}
