// Waiver comments in topologies and native files, configuration waivers that match nothing,
// and how waived findings show in every format.
#include <catch2/catch.hpp>

#include <cstdlib>

#include <nlohmann/json.hpp>

#include "cli/cli_runner.hpp"

namespace {

// A staging Tracardi GUI open to the internet: TR007 (error) at line 10, the `exposure` line.
std::string gui_topology(const std::string& above, const std::string& trailing) {
  return "version: 1\n"
         "name: shop\n"
         "environment: staging\n"
         "products:\n"
         "  tracardi:\n"
         "    components:\n"
         "      gui:\n"
         "        role: gui\n"
         "        replicas: 2\n" +
         (above.empty() ? std::string("        # an ordinary comment\n") : "        " + above + "\n") +
         "        exposure: public" + (trailing.empty() ? "" : "   " + trailing) + "\n";
}

struct Run {
  CliRun cli;
  nlohmann::json json;
};

Run check(const std::string& topology, std::vector<std::string> extra = {}, const std::string& format = "json") {
  deploy_advisor::MemoryFileSystem files;
  files.add("t.yaml", topology);
  files.add("empty.yaml", "{}\n");
  std::vector<std::string> args{"check", "--format", format, "--config", "empty.yaml", "t.yaml"};
  args.insert(args.end(), extra.begin(), extra.end());
  Run run{run_cli(args, files), {}};
  if (format == "json" || format == "sarif") {
    INFO(run.cli.err);
    REQUIRE(run.cli.status != 2);
    run.json = nlohmann::json::parse(run.cli.out);
  }
  return run;
}

const nlohmann::json* finding(const nlohmann::json& json, const std::string& id) {
  for (const auto& f : json["findings"])
    if (f["rule_id"] == id) return &f;
  return nullptr;
}

const std::string kWaiver = R"(# deploy-advisor: ignore=TR007 reason="GUI is behind the VPN")";

}  // namespace

TEST_CASE("without a waiver the finding fails the run") {
  auto run = check(gui_topology("", ""));
  REQUIRE(finding(run.json, "TR007"));
  CHECK((*finding(run.json, "TR007"))["location"]["line"] == 11);
  CHECK(run.cli.status == 1);
}

TEST_CASE("a waiver comment on the finding's line or alone on the line above waives it") {
  for (const auto& topology : {gui_topology("", kWaiver), gui_topology(kWaiver, "")}) {
    auto run = check(topology);
    const auto* f = finding(run.json, "TR007");
    REQUIRE(f);
    CHECK((*f)["waived"] == true);
    CHECK((*f)["waiver"]["reason"] == "GUI is behind the VPN");
    CHECK((*f)["waiver"]["source"] == "inline");
    CHECK((*f)["waiver"]["until"].is_null());
    CHECK(run.json["summary"]["error"] == 0);
    CHECK(run.json["summary"]["waived"] == 1);
    CHECK(run.json["summary"]["failed"] == false);
    CHECK(finding(run.json, "DA006") == nullptr);
    CHECK(run.cli.status == 0);
  }
}

TEST_CASE("text says waived, not error, and counts waived findings apart") {
  auto run = check(gui_topology(kWaiver, ""), {}, "text");
  INFO(run.cli.out);
  CHECK(run.cli.status == 0);
  CHECK(run.cli.out.find("t.yaml:11:19: waived: ") != std::string::npos);
  CHECK(run.cli.out.find(": error:") == std::string::npos);
  CHECK(run.cli.out.find("waived (error by a comment): GUI is behind the VPN") != std::string::npos);
  CHECK(run.cli.out.find("no errors, no warnings, no info, 1 waived in 1 topology: passed") != std::string::npos);
}

TEST_CASE("SARIF carries the reason as the suppression's justification, in source") {
  auto run = check(gui_topology("", kWaiver), {}, "sarif");
  bool seen = false;
  for (const auto& result : run.json["runs"][0]["results"]) {
    if (result["ruleId"] != "TR007") continue;
    seen = true;
    REQUIRE(result.contains("suppressions"));
    CHECK(result["suppressions"][0]["kind"] == "inSource");
    CHECK(result["suppressions"][0]["justification"] == "GUI is behind the VPN");
  }
  CHECK(seen);
}

TEST_CASE("Markdown marks the waived finding and its reason") {
  auto run = check(gui_topology("", kWaiver), {}, "markdown");
  INFO(run.cli.out);
  CHECK(run.cli.out.find("| waived | [TR007]") != std::string::npos);
  CHECK(run.cli.out.find("waived: GUI is behind the VPN") != std::string::npos);
  CHECK(run.cli.out.find("1 waived") != std::string::npos);
}

TEST_CASE("a waiver two lines away, or for another rule, does not apply and is reported unused") {
  std::string far = gui_topology("", "");
  far.replace(far.find("        replicas: 2"), 0, "        " + kWaiver + "\n");
  auto run = check(far);
  CHECK((*finding(run.json, "TR007"))["waived"] == false);
  const auto* unused = finding(run.json, "DA006");
  REQUIRE(unused);
  CHECK((*unused)["severity"] == "info");
  CHECK((*unused)["location"]["line"] == 9);
  CHECK((*unused)["location"]["column"] == 9);
  CHECK((*unused)["message"].get<std::string>().find("matches no TR007 finding on line 10") != std::string::npos);
  CHECK(run.cli.status == 1);

  auto other = check(gui_topology("", R"(# deploy-advisor: ignore=TR006 reason="x")"));
  CHECK((*finding(other.json, "TR007"))["waived"] == false);
  CHECK(finding(other.json, "DA006"));
}

TEST_CASE("check --no-waivers ignores waiver comments and configuration waivers") {
  auto run = check(gui_topology(kWaiver, ""), {"--no-waivers"});
  CHECK((*finding(run.json, "TR007"))["waived"] == false);
  CHECK(finding(run.json, "DA006") == nullptr);
  CHECK(run.cli.status == 1);

  deploy_advisor::MemoryFileSystem files;
  files.add("t.yaml", gui_topology("", ""));
  files.add("c.yaml", "waivers:\n  - {rule: TR007, component: tracardi/gui, reason: VPN}\n");
  auto waived = run_cli({"check", "--config", "c.yaml", "t.yaml"}, files);
  CHECK(waived.status == 0);
  auto ignored = run_cli({"check", "--no-waivers", "--config", "c.yaml", "t.yaml"}, files);
  CHECK(ignored.status == 1);
  CHECK(ignored.out.find("DA006") == std::string::npos);
}

TEST_CASE("until: an expired waiver comment no longer applies, and the finding says so") {
  setenv("DEPLOY_ADVISOR_TODAY", "2027-04-01", 1);
  auto run = check(gui_topology("", R"(# deploy-advisor: ignore=TR007 reason="until launch" until=2027-03-31)"));
  const auto* f = finding(run.json, "TR007");
  CHECK((*f)["waived"] == false);
  CHECK((*f)["message"].get<std::string>().find("expired on 2027-03-31: until launch") != std::string::npos);
  CHECK(run.cli.status == 1);
  auto valid = check(gui_topology("", R"(# deploy-advisor: ignore=TR007 reason="until launch" until=2027-04-01)"));
  CHECK((*finding(valid.json, "TR007"))["waiver"]["until"] == "2027-04-01");
  CHECK(valid.cli.status == 0);
  unsetenv("DEPLOY_ADVISOR_TODAY");
}

TEST_CASE("a malformed waiver comment is a located input error") {
  struct Case {
    std::string comment;
    std::string error;
  };
  for (const auto& c : std::vector<Case>{
           {"# deploy-advisor: ignore=TR007", "t.yaml:11:28: error: waiver comment: the waiver of TR007 needs a reason"},
           {R"(# deploy-advisor: ignore=TR007 reason="")", "t.yaml:11:28: error: waiver comment: the waiver of TR007 needs a reason"},
           {R"(# deploy-advisor: ignore=TR007 reason="x" until=2027-02-29)",
            "t.yaml:11:76: error: waiver comment: until: '2027-02-29' is not a date; expected YYYY-MM-DD"},
           {R"(# deploy-advisor: ignore=TR007 reasn="x")",
            "t.yaml:11:59: error: waiver comment: unknown key 'reasn' (did you mean 'reason'?)"},
           {R"(# deploy-advisor: ignore=TR07 reason="x")",
            "t.yaml:11:28: error: waiver comment: 'TR07' is not a rule id (did you mean TR007?)"},
           {R"(# deploy-advisor: reason="x")", "t.yaml:11:28: error: waiver comment: a waiver comment needs the rules"},
           {R"(# deploy-advisor: ignore=TR007 reason="x)", "t.yaml:11:66: error: waiver comment: the value opened with \" is not closed"},
       }) {
    deploy_advisor::MemoryFileSystem files;
    files.add("t.yaml", gui_topology("", c.comment));
    auto r = run_cli({"check", "t.yaml"}, files);
    INFO(c.comment << "\n" << r.err);
    CHECK(r.status == 2);
    CHECK(r.err.find(c.error) != std::string::npos);
  }
}

TEST_CASE("a comment inside a quoted value is not a waiver") {
  std::string topology = gui_topology("", "");
  topology += "        env: {NOTE: \"x # deploy-advisor: ignore=TR007\"}\n";
  auto run = check(topology);
  CHECK((*finding(run.json, "TR007"))["waived"] == false);
}

TEST_CASE("a waiver comment in a native YAML file waives the finding there") {
  const std::string cluster_file = "cluster_name: serving   " + std::string(
      R"(# deploy-advisor: ignore=CX001 reason="images are mirrored next quarter")") + R"(
region: eu-west-1
subnet_visibility: private
node_groups:
  - {name: cpu, instance_type: m5.large, min_instances: 1, max_instances: 5}
)";
  deploy_advisor::MemoryFileSystem files;
  files.add("t.yaml", R"(version: 1
name: serving
environment: production
products:
  cortex:
    custom_domain: api.example.com
    cluster: cluster.yaml
)");
  files.add("cluster.yaml", cluster_file);
  files.add("empty.yaml", "{}\n");
  auto r = run_cli({"check", "--format", "json", "--config", "empty.yaml", "t.yaml"}, files);
  INFO(r.err << r.out);
  REQUIRE(r.status != 2);
  auto json = nlohmann::json::parse(r.out);
  const auto* f = finding(json, "CX001");
  REQUIRE(f);
  CHECK((*f)["location"]["file"] == "cluster.yaml");
  CHECK((*f)["waived"] == true);
  CHECK((*f)["waiver"]["reason"] == "images are mirrored next quarter");
}

TEST_CASE("a configuration waiver that matches nothing, or names no component, is reported") {
  deploy_advisor::MemoryFileSystem files;
  files.add("t.yaml", gui_topology("", ""));
  files.add("c.yaml", R"(waivers:
  - {rule: TR007, component: tracardi/gu, reason: typo in the component}
  - {rule: TR006, reason: nothing to waive}
  - {rule: TR007, component: tracardi/gui, reason: VPN}
)");
  auto r = run_cli({"check", "--format", "json", "--config", "c.yaml", "t.yaml"}, files);
  INFO(r.err);
  REQUIRE(r.status == 0);
  auto json = nlohmann::json::parse(r.out);
  std::vector<std::string> messages;
  for (const auto& f : json["findings"])
    if (f["rule_id"] == "DA006") {
      CHECK(f["location"]["file"] == "c.yaml");
      messages.push_back(std::to_string(f["location"]["line"].get<int>()) + " " + f["message"].get<std::string>());
    }
  REQUIRE(messages.size() == 2);
  CHECK(messages[0].find("2 the waiver of TR007 names tracardi/gu, which is not a component") == 0);
  CHECK(messages[0].find("(did you mean tracardi/gui?)") != std::string::npos);
  CHECK(messages[1].find("3 the waiver of TR006 matches no finding") == 0);
  auto sarif = run_cli({"check", "--format", "sarif", "--config", "c.yaml", "t.yaml"}, files);
  auto log = nlohmann::json::parse(sarif.out);
  for (const auto& result : log["runs"][0]["results"])
    if (result["ruleId"] == "TR007") {
      CHECK(result["suppressions"][0]["kind"] == "external");
      CHECK(result["suppressions"][0]["justification"] == "VPN");
    }
}
