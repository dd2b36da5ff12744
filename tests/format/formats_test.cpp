// The check formats for CI systems (junit, github, gitlab, checkstyle), partial results and
// several outputs in one run, through the command line as a user runs it.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/cli_runner.hpp"
#include "support/golden_text.hpp"

namespace {

const std::string kSource = DA_SOURCE_DIR;
const std::string kBroken = "tests/data/tracardi/seed003-broken.yaml";

using deploy_advisor::test::normalise_whitespace;
using deploy_advisor::test::read_text_file;

/// Runs from the repository root with relative paths, as the golden files were made.
CliRun run_in_source(std::vector<std::string> args) {
  auto cwd = std::filesystem::current_path();
  std::filesystem::current_path(kSource);
  CliRun r = run_cli(args);
  std::filesystem::current_path(cwd);
  return r;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

const char* kGoodTopology = R"(version: 1
name: good
environment: production
products:
  tracardi:
    components:
      api:
        role: api
        replicas: 1
)";

/// A topology whose component name tries to inject a workflow command, and to break XML.
std::string hostile_topology(const std::string& component) {
  return "version: 1\nname: hostile\nenvironment: production\nproducts:\n  tracardi:\n    "
         "components:\n      \"" +
         component + "\":\n        role: gui\n        replicas: 1\n        exposure: public\n";
}

}  // namespace

TEST_CASE("each new format matches its golden file") {
  struct Golden {
    const char* format;
    const char* suffix;
  };
  for (const char* stem : {"acme-production", "seed003-broken"}) {
    std::string topology =
        std::string(stem) == "acme-production" ? "examples/acme-production.yaml" : kBroken;
    for (const Golden g :
         {Golden{"junit", "junit.xml"}, Golden{"github", "github.txt"},
          Golden{"gitlab", "gitlab.json"}, Golden{"checkstyle", "checkstyle.xml"}}) {
      INFO(topology << " --format " << g.format);
      auto r = run_in_source({"check", "--format", g.format, "--fail-on", "warning", topology});
      CHECK(r.status != 2);
      std::string golden = read_text_file(kSource + "/tests/golden/" + stem + "." + g.suffix);
      if (std::string(g.format) == "gitlab")
        CHECK(nlohmann::json::parse(r.out) == nlohmann::json::parse(golden));
      else
        CHECK(normalise_whitespace(r.out) == normalise_whitespace(golden));
    }
  }
}

TEST_CASE("github: a hostile component name cannot start a workflow command") {
  for (const std::string component : {"a\\n::error file=x::owned", "b%0A::error file=x::owned",
                                      "c\\r::warning::owned", "d,line=1::owned"}) {
    deploy_advisor::MemoryFileSystem files;
    files.add("hostile.yaml", hostile_topology(component));
    auto r = run_cli({"check", "--format", "github", "hostile.yaml"}, files);
    INFO(component << "\n" << r.out << r.err);
    REQUIRE(r.status == 1);
    auto lines = lines_of(r.out);
    REQUIRE(lines.size() >= 2);
    for (const auto& line : lines) {
      // Only our own commands start a line, and each is one of the three annotation kinds.
      bool command = line.starts_with("::error file=hostile.yaml,") ||
                     line.starts_with("::warning file=hostile.yaml,") ||
                     line.starts_with("::notice file=hostile.yaml,");
      CHECK((command || line.starts_with("deploy-advisor: ")));
      // The runner reads the properties up to the first `::`; user text in them never has one.
      auto properties_end = line.find("::", 2);
      CHECK(line.substr(0, properties_end).find("owned") == std::string::npos);
    }
    // A literal "%0A" in the name stays literal: its `%` is escaped, so it never decodes to a
    // line break.
    if (component.starts_with("b"))
      CHECK(r.out.find("b%250A::error file=x::owned") != std::string::npos);
  }
}

TEST_CASE("github: a hostile file name stays inside its property") {
  deploy_advisor::MemoryFileSystem files;
  const std::string name = "x,line=9::owned\n::error::y.yaml";
  files.add(name, hostile_topology("gui"));
  auto r = run_cli({"check", "--format", "github", name}, files);
  INFO(r.out);
  REQUIRE(r.status == 1);
  CHECK(r.out.find("file=x%2Cline=9%3A%3Aowned%0A%3A%3Aerror%3A%3Ay.yaml,line=") !=
        std::string::npos);
  for (const auto& line : lines_of(r.out)) CHECK_FALSE(line.starts_with("::error::"));
}

TEST_CASE("xml formats carry a hostile component name as text") {
  deploy_advisor::MemoryFileSystem files;
  files.add("hostile.yaml", hostile_topology("</testcase><x a=\\\"1\\\">&amp;\\u0007"));
  for (const char* format : {"junit", "checkstyle"}) {
    auto r = run_cli({"check", "--format", format, "hostile.yaml"}, files);
    INFO(format << "\n" << r.out << r.err);
    REQUIRE(r.status == 1);
    CHECK(r.out.find("&lt;/testcase&gt;&lt;x a=&quot;1&quot;&gt;&amp;amp;\xEF\xBF\xBD") !=
          std::string::npos);
    CHECK(r.out.find("<x a=") == std::string::npos);
  }
}

TEST_CASE("gitlab: an array with one unique fingerprint per finding, kept when lines move") {
  auto first = run_in_source({"check", "--format", "gitlab", kBroken});
  REQUIRE(first.status == 1);
  auto issues = nlohmann::json::parse(first.out);
  REQUIRE(issues.is_array());
  REQUIRE(issues.size() >= 5);
  std::set<std::string> fingerprints;
  for (const auto& issue : issues) {
    for (const char* key : {"description", "check_name", "fingerprint", "severity", "location"})
      CHECK(issue.contains(key));
    CHECK(issue["location"]["lines"]["begin"].get<int>() >= 1);
    fingerprints.insert(issue["fingerprint"].get<std::string>());
  }
  CHECK(fingerprints.size() == issues.size());

  // The same topology with three comment lines on top: every line moves, no fingerprint does.
  deploy_advisor::MemoryFileSystem files;
  files.add(kBroken, "# one\n# two\n# three\n" + read_text_file(kSource + "/" + kBroken));
  auto moved = nlohmann::json::parse(run_cli({"check", "--format", "gitlab", kBroken}, files).out);
  REQUIRE(moved.size() == issues.size());
  for (std::size_t i = 0; i < issues.size(); ++i) {
    CHECK(moved[i]["location"]["lines"]["begin"] ==
          issues[i]["location"]["lines"]["begin"].get<int>() + 3);
    CHECK(moved[i]["fingerprint"] == issues[i]["fingerprint"]);
  }
}

TEST_CASE("partial results: one unreadable topology does not hide the others' findings") {
  deploy_advisor::MemoryFileSystem files;
  files.add("good.yaml", kGoodTopology);
  files.add("broken.yaml", "version: 1\nproducts: [\n");
  auto json_run = run_cli({"check", "--format", "json", "good.yaml", "broken.yaml"}, files);
  INFO(json_run.out << json_run.err);
  CHECK(json_run.status == 2);
  auto json = nlohmann::json::parse(json_run.out);
  REQUIRE(json["findings"].size() > 0);
  for (const auto& f : json["findings"]) CHECK(f["location"]["file"] == "good.yaml");
  REQUIRE(json["errors"].size() >= 1);
  CHECK(json["errors"][0]["location"]["file"] == "broken.yaml");
  CHECK(json["errors"][0]["location"]["line"].get<int>() >= 1);
  CHECK(json_run.err.find("broken.yaml:") != std::string::npos);  // and on standard error

  auto github = run_cli({"check", "--format", "github", "good.yaml", "broken.yaml"}, files);
  CHECK(github.status == 2);
  CHECK(github.out.find("::error file=broken.yaml,line=") != std::string::npos);
  CHECK(github.out.find("file=good.yaml") != std::string::npos);

  auto junit = run_cli({"check", "--format", "junit", "good.yaml", "broken.yaml"}, files);
  CHECK(junit.status == 2);
  CHECK(junit.out.find("<testsuite name=\"broken.yaml\" tests=\"1\" failures=\"0\" errors=\"1\"") !=
        std::string::npos);
  CHECK(junit.out.find("<error type=\"input\" message=\"broken.yaml:") != std::string::npos);

  auto gitlab = nlohmann::json::parse(
      run_cli({"check", "--format", "gitlab", "good.yaml", "broken.yaml"}, files).out);
  CHECK(gitlab[0]["severity"] == "blocker");
  CHECK(gitlab[0]["location"]["path"] == "broken.yaml");

  auto checkstyle = run_cli({"check", "--format", "checkstyle", "good.yaml", "broken.yaml"}, files);
  CHECK(checkstyle.status == 2);
  CHECK(checkstyle.out.find("<file name=\"broken.yaml\">\n    <error line=") != std::string::npos);
  CHECK(checkstyle.out.find("source=\"deploy-advisor.input\"") != std::string::npos);
}

TEST_CASE("partial results: check good.yaml broken.yaml --format sarif -o r.sarif") {
  auto folder =
      std::filesystem::temp_directory_path() / ("da-partial-sarif-" + std::to_string(getpid()));
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder);
  std::ofstream(folder / "good.yaml") << kGoodTopology;
  std::ofstream(folder / "broken.yaml")
      << "version: 1\nname: broken\nproducts:\n  tracardi: {components: [\n";
  std::string good = (folder / "good.yaml").string(), broken = (folder / "broken.yaml").string();
  std::string output = (folder / "r.sarif").string();
  auto r = run_cli({"check", good, broken, "--format", "sarif", "-o", output});
  INFO(r.err);
  CHECK(r.status == 2);
  auto sarif = nlohmann::json::parse(read_text_file(output));
  const auto& run = sarif["runs"][0];
  REQUIRE(run["results"].size() > 0);
  for (const auto& result : run["results"])
    CHECK(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == good);
  const auto& invocation = run["invocations"][0];
  CHECK(invocation["executionSuccessful"] == false);
  REQUIRE(invocation["toolExecutionNotifications"].size() >= 1);
  const auto& notification = invocation["toolExecutionNotifications"][0];
  CHECK(notification["level"] == "error");
  CHECK(notification["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == broken);
  CHECK(notification["locations"][0]["physicalLocation"]["region"]["startLine"].get<int>() >= 1);
  std::filesystem::remove_all(folder);
}

TEST_CASE("several outputs in one run: text on the terminal, SARIF and JUnit in files") {
  auto folder =
      std::filesystem::temp_directory_path() / ("da-several-outputs-" + std::to_string(getpid()));
  std::filesystem::create_directories(folder);
  std::string sarif = (folder / "r.sarif").string(), junit = (folder / "r.xml").string();
  auto r =
      run_in_source({"check", kBroken, "--write", "sarif=" + sarif, "--write", "junit=" + junit});
  INFO(r.err);
  CHECK(r.status == 1);
  CHECK(r.out.find("error: ") != std::string::npos);  // the text on standard output
  CHECK(r.out.find("\x1b[") == std::string::npos);
  CHECK(nlohmann::json::parse(read_text_file(sarif))["runs"][0]["results"].size() ==
        nlohmann::json::parse(run_in_source({"check", "--format", "json", kBroken}).out)["findings"]
            .size());
  CHECK(read_text_file(junit).starts_with("<?xml"));
  std::filesystem::remove_all(folder);

  for (const std::vector<std::string>& bad : {std::vector<std::string>{"--write", "sarif"},
                                              {"--write", "sariff=x.sarif"},
                                              {"--write", "sarif="},
                                              {"--write", "sarif=x", "--write", "json=x"}}) {
    std::vector<std::string> args{"check", kBroken};
    args.insert(args.end(), bad.begin(), bad.end());
    auto failed = run_in_source(args);
    INFO(failed.err);
    CHECK(failed.status == 2);
    CHECK(failed.err.find("--write") != std::string::npos);
    CHECK(failed.out.empty());
  }
  CHECK(run_in_source({"check", kBroken, "--write", "sariff=x.sarif"})
            .err.find("did you mean sarif") != std::string::npos);
}

TEST_CASE("SARIF: every result has a region and its rule a helpUri") {
  auto r = run_in_source({"check", "--format", "sarif", "--fail-on", "never", kBroken});
  auto run = nlohmann::json::parse(r.out)["runs"][0];
  REQUIRE(run["results"].size() > 0);
  for (const auto& result : run["results"]) {
    CHECK(result["locations"][0]["physicalLocation"]["region"]["startLine"].get<int>() >= 1);
    CHECK(result["locations"][0]["physicalLocation"]["region"]["startColumn"].get<int>() >= 1);
  }
  for (const auto& rule : run["tool"]["driver"]["rules"]) {
    std::string uri = rule["helpUri"];
    CHECK(uri.starts_with("https://"));
    CHECK(uri.ends_with("/" + rule["id"].get<std::string>() + ".md"));
  }
  CHECK(run["invocations"][0]["executionSuccessful"] == true);
}
