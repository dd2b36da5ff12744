// Hostile inputs: files a topology names must stay inside its repository, user text must not
// escape the format it is written into, and failed writes must not destroy earlier output.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>

#include <nlohmann/json.hpp>

#include "cli/cli_runner.hpp"
#include "deploy_advisor/common/diagnostics.hpp"

namespace fs = std::filesystem;

namespace {

std::string metarank_topology(const std::string& config, const std::string& name = "shop") {
  return "version: 1\nname: " + name +
         "\nenvironment: production\nplatform: kubernetes\n"
         "traffic: {peak_requests_per_second: 100, profiles: 100000}\n"
         "products:\n  metarank:\n    config: " + config +
         "\n    components:\n"
         "      ranker: {role: api, mode: serve, replicas: 2, behind: lb}\n"
         "      lb: {role: load_balancer, replicas: 2, exposure: public}\n"
         "      state: {role: state, type: redis, backup: {kind: rdb}, resources: {memory_gb: 4}}\n"
         "      training: {role: train, run: on-demand}\n";
}

/// A fresh folder tree under the build folder: `repo/.git/` and `repo/deploy/`.
struct Sandbox {
  fs::path base;
  fs::path repo;
  Sandbox() {
    base = fs::temp_directory_path() / ("da-hardening-" + std::to_string(::getpid()) + "-" +
                                        std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    repo = base / "repo";
    fs::create_directories(repo / ".git");
    fs::create_directories(repo / "deploy");
  }
  ~Sandbox() {
    std::error_code ec;
    fs::remove_all(base, ec);
  }
  void write(const fs::path& path, const std::string& text) const {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
  }
};

const std::string kSecret = "TOPSECRET-line-one: 1\nTOPSECRET-line-two: 2\n";

void expect_refused(const CliRun& r, const std::string& why) {
  INFO(r.err);
  CHECK(r.status == 2);
  CHECK(r.err.find(why) != std::string::npos);
  CHECK(r.out.find("TOPSECRET") == std::string::npos);
  CHECK(r.err.find("TOPSECRET") == std::string::npos);
  CHECK(r.err.find(":8:13: error: products.metarank.config: cannot read") != std::string::npos);
}

template <typename F>
double seconds(F&& f) {
  auto start = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

TEST_CASE("a native path outside the repository is an input error and never read") {
  Sandbox box;
  box.write(box.base / "outside.yml", kSecret);
  auto topology = box.repo / "deploy" / "t.yaml";
  for (const char* format : {"text", "json", "sarif", "markdown"}) {
    box.write(topology, metarank_topology("../../outside.yml"));
    expect_refused(run_cli({"check", "--format", format, topology.string()}), "outside the repository");
  }
  box.write(topology, metarank_topology("../../outside.yml"));
  expect_refused(run_cli({"validate", topology.string()}), "outside the repository");
  expect_refused(run_cli({"report", topology.string()}), "outside the repository");
}

TEST_CASE("an absolute native path is refused, even to a harmless file") {
  Sandbox box;
  auto topology = box.repo / "t.yaml";
  box.write(topology, metarank_topology("/etc/hostname"));
  auto r = run_cli({"check", topology.string()});
  INFO(r.err);
  CHECK(r.status == 2);
  CHECK(r.err.find("an absolute path") != std::string::npos);
}

TEST_CASE("a symbolic link out of the repository is refused") {
  Sandbox box;
  box.write(box.base / "outside.yml", kSecret);
  fs::create_symlink(box.base / "outside.yml", box.repo / "link.yml");
  auto topology = box.repo / "t.yaml";
  box.write(topology, metarank_topology("link.yml"));
  expect_refused(run_cli({"check", "--format", "json", topology.string()}), "outside the repository");
}

TEST_CASE("a link inside the repository is followed") {
  Sandbox box;
  box.write(box.repo / "configs" / "real.yml", "state: {type: memory}\n");
  fs::create_symlink("configs/real.yml", box.repo / "link.yml");
  auto topology = box.repo / "t.yaml";
  box.write(topology, metarank_topology("link.yml"));
  auto r = run_cli({"validate", topology.string()});
  INFO(r.err);
  CHECK(r.status == 0);
}

TEST_CASE("a FIFO named as a native file is refused at once, never opened for a blocking read") {
  Sandbox box;
  auto fifo = box.repo / "pipe.yml";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  auto topology = box.repo / "t.yaml";
  box.write(topology, metarank_topology("pipe.yml"));
  CliRun r;
  double took = seconds([&] { r = run_cli({"check", topology.string()}); });
  CHECK(took < 1.0);
  expect_refused(r, "not a regular file");
}

TEST_CASE("a device or /proc file reached through a link is refused") {
  Sandbox box;
  auto topology = box.repo / "t.yaml";
  box.write(topology, metarank_topology("null.yml"));
  fs::create_symlink("/dev/null", box.repo / "null.yml");
  expect_refused(run_cli({"check", topology.string()}), "outside the repository");
  // With the root at /, the device is inside it: still not a regular file.
  auto r = run_cli({"check", "--root", "/", topology.string()});
  INFO(r.err);
  CHECK(r.status == 2);
  CHECK(r.err.find("not a regular file") != std::string::npos);
  deploy_advisor::DiskFileSystem disk;
  CHECK(disk.check_inside("/", "/proc/self/status") == deploy_advisor::FileSystem::Status::NotRegular);
}

TEST_CASE("a NUL byte in a native path is refused, not cut short") {
  deploy_advisor::MemoryFileSystem files;
  files.add("repo/.git/", "");
  files.add("repo/a.yml", kSecret);
  files.add("repo/t.yaml", metarank_topology("\"a.yml\\0.png\""));
  auto r = run_cli({"check", "repo/t.yaml"}, files);
  INFO(r.err);
  CHECK(r.status == 2);
  CHECK(r.err.find("NUL byte") != std::string::npos);
  CHECK(r.err.find("TOPSECRET") == std::string::npos);
}

TEST_CASE("the memory file system confines reads as the disk does") {
  using Status = deploy_advisor::FileSystem::Status;
  deploy_advisor::MemoryFileSystem files;
  files.add("repo/.git/", "");
  files.add("repo/in.yml", "a: 1\n");
  files.add("secret.yml", kSecret);
  files.add_special("repo/fifo.yml");
  files.add_link("repo/out.yml", "../secret.yml");
  files.add_link("repo/ok.yml", "in.yml");
  CHECK(deploy_advisor::find_root(files, "repo/sub/t.yaml") == "repo");
  CHECK(files.read_inside("repo", "repo/in.yml", 100).status == Status::Ok);
  CHECK(files.read_inside("repo", "repo/ok.yml", 100).contents == "a: 1\n");
  CHECK(files.read_inside("repo", "repo/../secret.yml", 100).status == Status::OutsideRoot);
  CHECK(files.read_inside("repo", "repo/out.yml", 100).status == Status::OutsideRoot);
  CHECK(files.read_inside("repo", "repo/fifo.yml", 100).status == Status::NotRegular);
  CHECK(files.read_inside("repo", std::string("repo/in.yml\0x", 13), 100).status == Status::BadPath);
}

TEST_CASE("a configuration above the repository is ignored") {
  Sandbox box;
  box.write(box.base / ".deploy-advisor.yaml", "disable: [DA004, MR003]\n");
  auto topology = box.repo / "deploy" / "t.yaml";
  box.write(box.repo / "deploy" / "mr.yml", "state: {type: memory}\n");
  box.write(topology, metarank_topology("mr.yml"));
  auto r = run_cli({"check", "--format", "json", "--fail-on", "never", topology.string()});
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.out.find("\"DA004\"") != std::string::npos);
  // The same file inside the repository applies.
  box.write(box.repo / ".deploy-advisor.yaml", "disable: [DA004]\n");
  r = run_cli({"check", "--format", "json", "--fail-on", "never", topology.string()});
  CHECK(r.out.find("\"DA004\"") == std::string::npos);
  // --config must name a file inside the root too.
  r = run_cli({"check", "--config", (box.base / ".deploy-advisor.yaml").string(), topology.string()});
  CHECK(r.status == 2);
  CHECK(r.err.find("cannot read the configuration") != std::string::npos);
}

// ---- Escaping: hostile names in every format ----

namespace {

const std::string kHostileName = "evil\\u001b]0;owned\\u0007\\r\\n::error file=x.yaml::pwned [x](https://e.vil) ![i](http://e/i.png) @octocat <b>bold</b> `tick` \\\"q\\\" | pipe";

std::string hostile_topology() {
  return "version: 1\nname: \"" + kHostileName +
         "\"\nenvironment: production\nplatform: kubernetes\n"
         "traffic: {peak_requests_per_second: 100, profiles: 100000}\n"
         "products:\n  metarank:\n    components:\n"
         "      \"" + kHostileName + "\": {role: api, mode: serve, replicas: 1, behind: \"lb\\n::warning::x\"}\n"
         "      lb: {role: load_balancer, replicas: 2, exposure: public}\n"
         "  cortex:\n    cluster:\n      cluster_name: c\n      region: us-east-1\n"
         "      api_load_balancer_scheme: \"x\\\"]\\n  click A href \\\"javascript:alert(1)\\\"\\n  B[\\\"y\"\n"
         "    apis: []\n";
}

deploy_advisor::MemoryFileSystem hostile_files() {
  deploy_advisor::MemoryFileSystem files;
  files.add("t.yaml", hostile_topology());
  return files;
}

void no_control_characters(const std::string& text) {
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    INFO("byte " << int(u));
    bool allowed = (u >= 0x20 || c == '\n' || c == '\t') && u != 0x7f;
    CHECK(allowed);
  }
}

}  // namespace

TEST_CASE("text output shows control characters escaped and starts no line of its own") {
  auto files = hostile_files();
  auto r = run_cli({"check", "--fail-on", "never", "t.yaml"}, files);
  INFO(r.err);
  REQUIRE(r.status == 0);
  no_control_characters(r.out);
  CHECK(r.out.find("\\x1b]0;owned\\x07") != std::string::npos);
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) {
    CHECK(line.rfind("::", 0) != 0);
  }
  auto plan = run_cli({"plan", "t.yaml"}, files);
  no_control_characters(plan.out);
}

TEST_CASE("error messages escape control characters, cut long values and never split UTF-8") {
  deploy_advisor::MemoryFileSystem files;
  std::string long_name(5000, 'x');
  files.add("t.yaml", "version: 1\nname: n\nenvironment: \"\\u001b[31m" + long_name + "é\"\nproducts: {}\n");
  auto r = run_cli({"check", "t.yaml"}, files);
  CHECK(r.status == 2);
  no_control_characters(r.err);
  CHECK(r.err.size() < 2 * deploy_advisor::kMaxMessageBytes);
  CHECK(deploy_advisor::excerpt("aé", 2) == "a…");
  CHECK(deploy_advisor::printable("\x1b[2J\r\n\xc2\x9b\xff") == "\\x1b[2J\\r\\n\\u009b\\xff");
}

TEST_CASE("Markdown output produces no link, image, mention or HTML from user text") {
  auto files = hostile_files();
  for (std::vector<std::string> args : {std::vector<std::string>{"check", "--format", "markdown", "--fail-on", "never", "t.yaml"},
                                        std::vector<std::string>{"report", "t.yaml"}}) {
    auto r = run_cli(args, files);
    INFO(r.err);
    REQUIRE(r.status == 0);
    no_control_characters(r.out);
    // The Mermaid block is code, not Markdown: it has its own test below.
    std::string markdown = r.out;
    if (auto start = markdown.find("```mermaid"); start != std::string::npos)
      markdown.erase(start, markdown.find("\n```\n", start) + 5 - start);
    r.out = markdown;
    CHECK(r.out.find("](https://e.vil)") == std::string::npos);
    CHECK(r.out.find("![i]") == std::string::npos);
    CHECK(r.out.find("@octocat") == std::string::npos);
    CHECK(r.out.find("<b>") == std::string::npos);
    CHECK(r.out.find("https://e") == std::string::npos);
  }
}

TEST_CASE("the report's Mermaid block holds the layout's statements only") {
  auto files = hostile_files();
  auto r = run_cli({"report", "t.yaml"}, files);
  REQUIRE(r.status == 0);
  auto start = r.out.find("```mermaid\n");
  REQUIRE(start != std::string::npos);
  auto end = r.out.find("\n```", start + 11);
  std::istringstream block(r.out.substr(start + 11, end - start - 11));
  // Every line is one the layout writes: the header, a subgraph, a node, an edge, a class.
  std::regex allowed(
      R"(flowchart LR|  subgraph zone_\w+\["[^"]*"\]|  end|    clients\(\("Clients"\)\)|    staff\(\("Company users"\)\))"
      R"(|    \w+(\["[^"]*"\]|\[\("[^"]*"\)\])(:::finding)?|  \w+ --> \w+|  classDef finding .*)");
  for (std::string line; std::getline(block, line);) {
    INFO(line);
    CHECK(std::regex_match(line, allowed));
  }
  CHECK(r.out.find("\n  click") == std::string::npos);
}

TEST_CASE("plan --format yaml keeps user text inside its header comments") {
  auto files = hostile_files();
  auto r = run_cli({"plan", "--format", "yaml", "t.yaml"}, files);
  INFO(r.err);
  REQUIRE(r.status == 0);
  std::istringstream lines(r.out);
  std::string line;
  std::getline(lines, line);
  CHECK(line.rfind("# The recommended layout of evil", 0) == 0);
  CHECK(line.find("\\r\\n::error") != std::string::npos);
  std::getline(lines, line);
  CHECK((line.rfind("#", 0) == 0 || line.rfind("version:", 0) == 0));
}

TEST_CASE("JSON and SARIF stay valid with non-UTF-8 text; SARIF URIs are percent-encoded") {
  deploy_advisor::MemoryFileSystem files;
  std::string name = "dir with space/#x?y%\xff.yaml";
  files.add(name, hostile_topology());
  auto j = run_cli({"check", "--format", "json", "--fail-on", "never", name}, files);
  INFO(j.err);
  REQUIRE(j.status == 0);
  CHECK_NOTHROW(nlohmann::json::parse(j.out));
  auto s = run_cli({"check", "--format", "sarif", "--fail-on", "never", name}, files);
  REQUIRE(s.status == 0);
  auto sarif = nlohmann::json::parse(s.out);
  auto uri = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
  CHECK(uri == "dir%20with%20space/%23x%3Fy%25%FF.yaml");
}
