#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "cli/cli_runner.hpp"

namespace {

struct TempFolder {
  std::filesystem::path path;
  TempFolder() {
    path = std::filesystem::temp_directory_path() /
           ("da-profiles-" + std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    std::filesystem::create_directories(path);
  }
  ~TempFolder() { std::filesystem::remove_all(path); }
  void write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name) << text;
  }
};

const char* kTeamRule = R"(product: metarank
rules:
  - id: ACME001
    name: acme-ranker-memory
    severity: error
    title: Rankers have at least 8 GB of memory (team policy).
    each: components.filter(c, c.role == 'api')
    as: ranker
    when: (ranker.resources.memory_gb ?? 0) < 8
    location: ranker.resources.memory_gb
    message: "{{ranker.name}} has {{ranker.resources.memory_gb ?? 'no'}} GB; the team minimum is 8"
    fix: Give it 8 GB or more.
    basis: ACME platform policy
)";

}  // namespace

TEST_CASE("a profile in --profiles adds a rule that fires") {
  TempFolder folder;
  folder.write("acme.yaml", kTeamRule);
  auto r = run_cli({"check", "--profiles", folder.path.string(), "--fail-on", "never", kExample});
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.out.find("ranker has 4 GB; the team minimum is 8 [ACME001 acme-ranker-memory]") !=
        std::string::npos);
  auto listed = run_cli({"rules", "--profiles", folder.path.string()});
  CHECK(listed.out.find("ACME001") != std::string::npos);
}

TEST_CASE("a profile with a syntax error exits 2 naming its line") {
  TempFolder folder;
  std::string text = kTeamRule;
  text.replace(text.find("(ranker.resources.memory_gb ?? 0) < 8"), 37, "(ranker.resources.memory_gb ?? 0 < 8");
  folder.write("acme.yaml", text);
  auto r = run_cli({"check", "--profiles", folder.path.string(), kExample});
  CHECK(r.status == 2);
  CHECK(r.err.find((folder.path / "acme.yaml").string() + ":9:") != std::string::npos);
}

TEST_CASE("a YAML error in a profile exits 2 naming its line") {
  TempFolder folder;
  folder.write("broken.yaml", "product: metarank\nrules:\n  - id: [unclosed\n");
  auto r = run_cli({"rules", "--profiles", folder.path.string()});
  CHECK(r.status == 2);
  CHECK(r.err.find("broken.yaml:") != std::string::npos);
}
