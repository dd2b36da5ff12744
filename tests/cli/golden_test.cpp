// Golden outputs of `check`: JSON and SARIF compared structurally, text after normalising
// whitespace. Regenerate with tests/golden/regenerate.sh after a deliberate change.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/cli_runner.hpp"
#include "support/golden_text.hpp"

namespace {

const std::string kSource = DA_SOURCE_DIR;

using deploy_advisor::test::normalise_whitespace;
using deploy_advisor::test::read_text_file;

/// Runs from the repository root with a relative path, as the golden files were made.
CliRun run_in_source(std::vector<std::string> args) {
  std::string topology = args.back();
  args.back() = kSource + "/" + topology;
  CliRun r = run_cli(args);
  for (auto pos = r.out.find(kSource + "/"); pos != std::string::npos; pos = r.out.find(kSource + "/"))
    r.out.erase(pos, kSource.size() + 1);
  return r;
}

struct Golden {
  const char* topology;
  const char* stem;
};

const Golden kGoldens[] = {
    {"examples/acme-production.yaml", "acme-production"},
    {"tests/data/tracardi/seed003-broken.yaml", "seed003-broken"},
};

}  // namespace

TEST_CASE("check --format json matches the golden file structurally") {
  for (const auto& g : kGoldens) {
    INFO(g.topology);
    auto r = run_in_source({"check", "--format", "json", "--fail-on", "never", g.topology});
    REQUIRE(r.status == 0);
    CHECK(nlohmann::json::parse(r.out) ==
          nlohmann::json::parse(read_text_file(kSource + "/tests/golden/" + g.stem + ".check.json")));
  }
}

TEST_CASE("check --format sarif matches the golden file structurally") {
  for (const auto& g : kGoldens) {
    INFO(g.topology);
    auto r = run_in_source({"check", "--format", "sarif", "--fail-on", "never", g.topology});
    REQUIRE(r.status == 0);
    CHECK(nlohmann::json::parse(r.out) ==
          nlohmann::json::parse(read_text_file(kSource + "/tests/golden/" + g.stem + ".sarif")));
  }
}

TEST_CASE("check text output matches the golden file") {
  for (const auto& g : kGoldens) {
    INFO(g.topology);
    auto r = run_in_source({"check", "--fail-on", "never", g.topology});
    REQUIRE(r.status == 0);
    CHECK(normalise_whitespace(r.out) == normalise_whitespace(read_text_file(kSource + "/tests/golden/" + g.stem + ".check.txt")));
  }
}

TEST_CASE("check --format markdown prints only the findings part") {
  auto r = run_in_source({"check", "--format", "markdown", "--fail-on", "never",
                          "tests/data/tracardi/seed003-broken.yaml"});
  REQUIRE(r.status == 0);
  CHECK(r.out.rfind("## Findings", 0) == 0);
  CHECK(r.out.find("## Recommended layout") == std::string::npos);
  CHECK(r.out.find("| error | [TR004](docs/rules/TR004.md) |") != std::string::npos);
}

TEST_CASE("the fail-on flag sets the exit code") {
  const std::string broken = kSource + "/tests/data/tracardi/seed003-broken.yaml";
  CHECK(run_cli({"check", broken}).status == 1);
  CHECK(run_cli({"check", "--fail-on", "never", broken}).status == 0);
  CHECK(run_cli({"check", "--fail-on", "info", kExample}).status ==
        (run_cli({"check", "--format", "json", kExample}).out.find("\"severity\"") != std::string::npos ? 1 : 0));
}

TEST_CASE("the output flag writes to a file, the quiet flag prints findings only") {
  const std::string broken = kSource + "/tests/data/tracardi/seed003-broken.yaml";
  std::string path = std::filesystem::temp_directory_path() / "da-output-test.json";
  auto r = run_cli({"check", "--format", "json", "-o", path, broken});
  CHECK(r.status == 1);
  CHECK(r.out.empty());
  CHECK(nlohmann::json::parse(read_text_file(path))["summary"]["failed"] == true);
  std::filesystem::remove(path);
  auto quiet = run_cli({"check", "-q", broken});
  CHECK(quiet.out.find("fix:") == std::string::npos);
  CHECK(quiet.out.find("errors") == std::string::npos);
  CHECK(quiet.out.find("[TR004 ") != std::string::npos);
}

TEST_CASE("colour only on a terminal, never with NO_COLOR or --no-color") {
  const std::string broken = kSource + "/tests/data/tracardi/seed003-broken.yaml";
  deploy_advisor::DiskFileSystem disk;
  auto run_terminal = [&](std::vector<std::string> args) {
    std::vector<const char*> argv{"deploy-advisor"};
    for (const auto& a : args) argv.push_back(a.c_str());
    std::ostringstream out, err;
    deploy_advisor::run_cli(static_cast<int>(argv.size()), argv.data(), out, err, disk, true);
    return out.str();
  };
  unsetenv("NO_COLOR");
  CHECK(run_terminal({"check", broken}).find("\x1b[") != std::string::npos);
  CHECK(run_terminal({"check", "--no-color", broken}).find("\x1b[") == std::string::npos);
  setenv("NO_COLOR", "1", 1);
  CHECK(run_terminal({"check", broken}).find("\x1b[") == std::string::npos);
  unsetenv("NO_COLOR");
  CHECK(run_cli({"check", broken}).out.find("\x1b[") == std::string::npos);
}
