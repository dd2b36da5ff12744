// `check DIR`, unexpanded shell patterns, --verbose and --version, through the command line.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "cli/cli_runner.hpp"
#include "cli/topology_discovery.hpp"

namespace fs = std::filesystem;

namespace {

const char* kTopology = R"(version: 1
name: t
environment: staging
products:
  tracardi:
    components:
      api: {role: api, replicas: 1}
)";

/// A repository-like tree: topologies at several depths, look-alikes that are not topologies,
/// and folders that must be skipped.
struct Tree {
  fs::path root;
  // One folder per process: ctest runs test cases in parallel, each in its own process.
  Tree() : root(fs::temp_directory_path() / ("da-discovery-" + std::to_string(getpid()))) {
    fs::remove_all(root);
    for (const char* path : {"a/one.yaml", "a/b/two.yml", "c/three.yaml", ".git/hidden.yaml",
                             "node_modules/pkg/four.yaml", "build/five.yaml", "c/.cache/six.yaml"})
      write(path, kTopology);
    write("a/values.yaml", "version: 1\nreplicaCount: 2\n");          // no products: not a topology
    write("a/nested.yaml", "spec:\n  version: 1\n  products: {}\n");  // not top-level
    write("a/notes.txt", kTopology);                                  // not YAML
    write("c/crlf.yaml", "\xEF\xBB\xBFversion: 1 # format\r\nproducts:\r\n  tracardi: {}\r\n");
  }
  ~Tree() { fs::remove_all(root); }
  void write(const std::string& relative, const std::string& text) {
    fs::create_directories((root / relative).parent_path());
    std::ofstream(root / relative, std::ios::binary) << text;
  }
  std::string at(const std::string& relative) const {
    return (root / relative).lexically_normal().generic_string();
  }
};

}  // namespace

TEST_CASE("check DIR finds every topology under it, in sorted order, skipping tool folders") {
  Tree tree;
  deploy_advisor::DiskFileSystem disk;
  auto found = deploy_advisor::cli::expand_topology_arguments(disk, {tree.root.string()});
  REQUIRE(found.size() == 1);
  CHECK(found[0].errors.empty());
  CHECK(found[0].topologies ==
        std::vector<std::string>{tree.at("a/b/two.yml"), tree.at("a/one.yaml"),
                                 tree.at("c/crlf.yaml"), tree.at("c/three.yaml")});
  auto r = run_cli({"check", "--format", "junit", "--fail-on", "never", tree.root.string()});
  INFO(r.err);
  CHECK(r.status == 2);  // c/crlf.yaml is a topology with errors (no name, no components)
  auto suite_at = [&](const std::string& file) {
    return r.out.find("<testsuite name=\"" + tree.at(file) + "\"");
  };
  CHECK(suite_at("a/b/two.yml") < suite_at("a/one.yaml"));
  CHECK(suite_at("a/one.yaml") < suite_at("c/three.yaml"));
  CHECK(r.out.find("hidden.yaml") == std::string::npos);
  CHECK(r.out.find("four.yaml") == std::string::npos);
  CHECK(r.out.find("five.yaml") == std::string::npos);
}

TEST_CASE("a folder without topologies is an input error, not a silent pass") {
  Tree tree;
  tree.write("empty/readme.md", "nothing here");
  auto r = run_cli({"check", tree.at("empty")});
  CHECK(r.status == 2);
  CHECK(r.err.find(tree.at("empty") + ": error: no topology found in this folder") !=
        std::string::npos);
}

TEST_CASE("unexpanded shell patterns: *, ? and **") {
  Tree tree;
  using deploy_advisor::cli::expand_topology_arguments;
  deploy_advisor::DiskFileSystem disk;
  CHECK(expand_topology_arguments(disk, {tree.at("a") + "/*.yaml"})[0].topologies ==
        std::vector<std::string>{tree.at("a/nested.yaml"), tree.at("a/one.yaml"),
                                 tree.at("a/values.yaml")});
  CHECK(expand_topology_arguments(disk, {tree.at("?") + "/one.y*ml"})[0].topologies ==
        std::vector<std::string>{tree.at("a/one.yaml")});
  CHECK(expand_topology_arguments(disk, {tree.root.string() + "/**/t*.y*"})[0].topologies ==
        std::vector<std::string>{tree.at("a/b/two.yml"), tree.at("c/three.yaml")});
  CHECK(expand_topology_arguments(disk, {tree.root.string() + "/**/hidden.yaml"})[0].topologies.empty());
  auto none = expand_topology_arguments(disk, {tree.root.string() + "/**/*.json"});
  CHECK(none[0].topologies.empty());
  REQUIRE(none[0].errors.size() == 1);
  CHECK(none[0].errors[0].message == "no file matches this pattern");

  auto r = run_cli({"check", "--format", "junit", "--fail-on", "never", tree.at("a") + "/*/two.yml",
                    tree.at("c") + "/th*.yaml"});
  INFO(r.err);
  CHECK(r.status == 0);
  std::vector<std::string> suites;
  for (auto at = r.out.find("<testsuite name=\""); at != std::string::npos;
       at = r.out.find("<testsuite name=\"", at + 1)) {
    auto start = at + 17;
    suites.push_back(r.out.substr(start, r.out.find('"', start) - start));
  }
  CHECK(suites == std::vector<std::string>{tree.at("a/b/two.yml"), tree.at("c/three.yaml")});
}

TEST_CASE("shell patterns match names, not folders, and not leading dots") {
  using deploy_advisor::cli::matches_pattern;
  CHECK(matches_pattern("*.yaml", "a.yaml"));
  CHECK(matches_pattern("a?c", "abc"));
  CHECK_FALSE(matches_pattern("a?c", "ac"));
  CHECK(matches_pattern("*a*b*", "xxaxxbxx"));
  CHECK_FALSE(matches_pattern("*.yaml", "a.yml"));
  CHECK(matches_pattern("*", ""));
  // No exponential backtracking on many stars.
  CHECK_FALSE(matches_pattern("*a*a*a*a*a*a*a*a*a*a*a*b", std::string(200, 'a')));
}

TEST_CASE(
    "verbose prints the files read, the rules evaluated and skipped, and the time per stage") {
  Tree tree;
  auto r = run_cli({"check", "-v", "--fail-on", "never", tree.at("a/one.yaml")});
  INFO(r.err);
  CHECK(r.status == 0);
  CHECK(r.err.find("deploy-advisor: read " + tree.at("a/one.yaml") + " (topology)") !=
        std::string::npos);
  CHECK(r.err.find("rules evaluated: ") != std::string::npos);
  CHECK(r.err.find("TR001") != std::string::npos);
  // environment: staging, so production-only rules are skipped, and say why.
  CHECK(r.err.find(": runs only when environment is production (here: staging)") !=
        std::string::npos);
  CHECK(r.err.find("rules of products the topology does not have") != std::string::npos);
  for (const char* stage : {"time: profiles ", "find ", "load ", "sizing ", "rules ", "output "})
    CHECK(r.err.find(stage) != std::string::npos);
  CHECK(run_cli({"check", "--fail-on", "never", tree.at("a/one.yaml")}).err.empty());
}

TEST_CASE("the version flag prints the version and the digest of the built-in profiles") {
  auto r = run_cli({"--version"});
  CHECK(r.status == 0);
  CHECK(r.out.starts_with("deploy-advisor " DEPLOY_ADVISOR_VERSION "\n"));
  auto at = r.out.find("built-in profiles: sha256:");
  REQUIRE(at != std::string::npos);
  std::string digest = r.out.substr(at + 26, 64);
  CHECK(digest.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(digest.size() == 64);
}
