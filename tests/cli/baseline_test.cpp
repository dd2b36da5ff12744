// --write-baseline records findings; --baseline accepts them by rule, file, component and
// fingerprint, never by line.
#include <catch2/catch.hpp>


#include <nlohmann/json.hpp>

#include "cli/cli_runner.hpp"

namespace {

// Staging Tracardi GUIs open to the internet: TR007 (error) for each public one.
std::string topology(const std::string& preamble, bool second_public_gui, bool first_fixed = false) {
  std::string text = "version: 1\nname: shop\nenvironment: staging\n" + preamble +
                     "products:\n  tracardi:\n    components:\n"
                     "      gui:\n        role: gui\n        replicas: 2\n        exposure: " +
                     (first_fixed ? "internal" : "public") + "\n";
  if (second_public_gui) text += "      gui-2:\n        role: gui\n        replicas: 2\n        exposure: public\n";
  return text;
}

// The baseline is written where the topology is read from: the memory file system.
const std::string kBaselineFile = "baseline.json";

nlohmann::json check_with(const std::string& topology_text, const std::string& baseline_text, int* status) {
  deploy_advisor::MemoryFileSystem files;
  files.add("t.yaml", topology_text);
  files.add("b.json", baseline_text);
  files.add("empty.yaml", "{}\n");
  auto r = run_cli({"check", "--format", "json", "--config", "empty.yaml", "--baseline", "b.json", "t.yaml"}, files);
  INFO(r.err);
  REQUIRE(r.status != 2);
  *status = r.status;
  return nlohmann::json::parse(r.out);
}

}  // namespace

TEST_CASE("a baseline keeps known findings from failing, follows moved lines, and never hides new ones") {
  deploy_advisor::MemoryFileSystem files;
  files.add("t.yaml", topology("", false));
  files.add("empty.yaml", "{}\n");
  auto written = run_cli({"check", "--config", "empty.yaml", "--write-baseline", kBaselineFile, "t.yaml"}, files);
  INFO(written.err << written.out);
  CHECK(written.status == 0);
  CHECK(written.out.find("baseline: ") != std::string::npos);
  std::string recorded = files.contents(kBaselineFile).value_or("");
  auto entries = nlohmann::json::parse(recorded);
  CHECK(entries["deploy_advisor_baseline"] == 1);
  REQUIRE(entries["findings"].size() == 1);
  CHECK(entries["findings"][0]["rule_id"] == "TR007");
  CHECK(entries["findings"][0]["file"] == "t.yaml");
  CHECK(entries["findings"][0]["component"] == "tracardi/gui");
  CHECK(entries["findings"][0]["key_path"] == "products.tracardi.components.gui.exposure");

  SECTION("the same findings give the same bytes") {
    run_cli({"check", "--config", "empty.yaml", "--write-baseline", kBaselineFile, "t.yaml"}, files);
    CHECK(files.contents(kBaselineFile).value_or("") == recorded);
  }
  SECTION("lines moved: the finding is still known") {
    int status = -1;
    auto json = check_with(topology("region: eu-west-1\nzones: [a, b]\n", false), recorded, &status);
    REQUIRE(json["findings"].size() >= 1);
    for (const auto& f : json["findings"])
      if (f["rule_id"] == "TR007") {
        CHECK(f["location"]["line"] == 12);
        CHECK(f["baseline"] == true);
      }
    CHECK(json["summary"]["baseline"] == 1);
    CHECK(json["summary"]["error"] == 0);
    CHECK(status == 0);
  }
  SECTION("a new finding of the same rule in another component still fails") {
    int status = -1;
    auto json = check_with(topology("", true), recorded, &status);
    int known = 0, fresh = 0;
    for (const auto& f : json["findings"]) {
      if (f["rule_id"] != "TR007") continue;
      if (f["component"] == "gui") known += f["baseline"] == true;
      if (f["component"] == "gui-2") fresh += f["baseline"] == false;
    }
    CHECK(known == 1);
    CHECK(fresh == 1);
    CHECK(json["summary"]["error"] == 1);
    CHECK(status == 1);
  }
  SECTION("an entry that no longer matches is reported, so that the baseline shrinks") {
    int status = -1;
    auto json = check_with(topology("", false, true), recorded, &status);
    bool reported = false;
    for (const auto& f : json["findings"])
      if (f["rule_id"] == "DA006") {
        reported = true;
        CHECK(f["location"]["file"] == "b.json");
        CHECK(f["location"]["line"] == 4);
        CHECK(f["message"].get<std::string>().find("the baseline entry for TR007 in t.yaml (tracardi/gui") !=
              std::string::npos);
      }
    CHECK(reported);
    CHECK(status == 0);
  }
  SECTION("the text says baseline, not error") {
    files.add("b.json", recorded);
    auto r = run_cli({"check", "--config", "empty.yaml", "--baseline", "b.json", "t.yaml"}, files);
    CHECK(r.status == 0);
    CHECK(r.out.find(": error:") == std::string::npos);
    CHECK(r.out.find("no errors, no warnings, no info, 1 in the baseline") != std::string::npos);
  }
  SECTION("SARIF marks the known finding suppressed and unchanged") {
    files.add("b.json", recorded);
    auto r = run_cli({"check", "--format", "sarif", "--config", "empty.yaml", "--baseline", "b.json", "t.yaml"}, files);
    auto log = nlohmann::json::parse(r.out);
    for (const auto& result : log["runs"][0]["results"])
      if (result["ruleId"] == "TR007") {
        CHECK(result["suppressions"][0]["kind"] == "external");
        CHECK(result["baselineState"] == "unchanged");
      }
  }
}

TEST_CASE("the offending value written another way keeps its match") {
  deploy_advisor::MemoryFileSystem files;
  files.add("t.yaml", topology("", false));
  files.add("empty.yaml", "{}\n");
  run_cli({"check", "--config", "empty.yaml", "--write-baseline", kBaselineFile, "t.yaml"}, files);
  std::string recorded = files.contents(kBaselineFile).value_or("");
  int status = -1;
  std::string changed = topology("", false);
  changed.replace(changed.find("exposure: public"), 16, "exposure: \"public\"");
  auto json = check_with(changed, recorded, &status);
  bool seen = false;
  for (const auto& f : json["findings"])
    if (f["rule_id"] == "TR007") {
      seen = true;
      CHECK(f["baseline"] == true);
    }
  CHECK(seen);
  CHECK(status == 0);
}

TEST_CASE("an unusable baseline file exits 2 with a located message") {
  deploy_advisor::MemoryFileSystem files;
  files.add("t.yaml", topology("", false));
  files.add("bad.json", "{\"findings\": []}\n");
  files.add("wrong.json", "{\"deploy_advisor_baseline\": 1, \"findings\": [{\"rule_id\": \"TR007\"}]}\n");
  auto missing = run_cli({"check", "--baseline", "nope.json", "t.yaml"}, files);
  CHECK(missing.status == 2);
  CHECK(missing.err.find("nope.json:1:1: error: cannot read the baseline") != std::string::npos);
  auto bad = run_cli({"check", "--baseline", "bad.json", "t.yaml"}, files);
  CHECK(bad.status == 2);
  CHECK(bad.err.find("bad.json:1:1: error: not a deploy-advisor baseline") != std::string::npos);
  auto wrong = run_cli({"check", "--baseline", "wrong.json", "t.yaml"}, files);
  CHECK(wrong.status == 2);
  CHECK(wrong.err.find("wrong.json:1:45: error: findings[]: \"file\" is missing") != std::string::npos);
}
