#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "cli/cli_runner.hpp"

namespace {

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

/// Runs of spaces and tabs become one space and trailing spaces go, so a golden file compares
/// on content, not alignment.
std::string normalise(const std::string& text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t') {
      space = true;
      continue;
    }
    if (c == '\n') {
      out += '\n';
      space = false;
      continue;
    }
    if (space && !out.empty() && out.back() != '\n') out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string mermaid_block(const std::string& report) {
  auto start = report.find("```mermaid\n");
  REQUIRE(start != std::string::npos);
  start += 11;
  return report.substr(start, report.find("```", start) - start);
}

}  // namespace

TEST_CASE("the report of the example matches its golden file") {
  auto r = run_cli({"report", kExample});
  INFO(r.err);
  REQUIRE(r.status == 0);
  std::string golden = read(std::string(DA_SOURCE_DIR) + "/tests/golden/acme-production.report.md");
  INFO("regenerate: deploy-advisor report examples/acme-production.yaml > tests/golden/acme-production.report.md");
  // The example is loaded by absolute path here and by relative path in the golden file.
  std::string out = r.out;
  for (auto pos = out.find(kExample); pos != std::string::npos; pos = out.find(kExample))
    out.replace(pos, kExample.size(), "examples/acme-production.yaml");
  CHECK(normalise(out) == normalise(golden));
}

TEST_CASE("the report is byte-identical across runs, and dated only on request") {
  auto a = run_cli({"report", kExample});
  auto b = run_cli({"report", kExample});
  CHECK(a.out == b.out);
  CHECK(a.out.find("| date |") == std::string::npos);
  auto dated = run_cli({"report", "--date", "2026-11-22", kExample});
  CHECK(dated.out.find("| date | 2026-11-22 |") != std::string::npos);
}

TEST_CASE("the report has every section a design review needs") {
  auto r = run_cli({"report", kExample});
  for (const char* heading : {"# Deployment review: acme-production", "## Verdict", "## Recommended layout",
                              "## Layout diagram", "## Findings", "## Assumptions", "## Traffic"})
    CHECK(r.out.find(heading) != std::string::npos);
}

TEST_CASE("the diagram is structurally sound: every edge joins declared nodes, subgraphs close") {
  auto r = run_cli({"report", kExample});
  std::string chart = mermaid_block(r.out);
  CHECK(chart.rfind("flowchart LR\n", 0) == 0);
  std::set<std::string> declared{"clients", "staff"};
  std::regex node(R"(^\s+([A-Za-z0-9_]+)(\[|\(\())");
  std::regex edge(R"(^\s+([A-Za-z0-9_]+) --> ([A-Za-z0-9_]+)$)");
  int open = 0;
  std::istringstream lines(chart);
  std::string line;
  std::vector<std::pair<std::string, std::string>> edges;
  while (std::getline(lines, line)) {
    std::smatch m;
    if (line.find("subgraph ") != std::string::npos) ++open;
    else if (line == "  end") --open;
    else if (std::regex_search(line, m, edge)) edges.emplace_back(m[1], m[2]);
    else if (std::regex_search(line, m, node)) declared.insert(m[1]);
    CHECK(open >= 0);
  }
  CHECK(open == 0);
  CHECK_FALSE(edges.empty());
  for (const auto& [from, to] : edges) {
    INFO(from << " --> " << to);
    CHECK(declared.count(from));
    CHECK(declared.count(to));
  }
}

TEST_CASE("names cannot break out of a diagram label") {
  deploy_advisor::MemoryFileSystem files;
  files.add("t.yaml", R"YAML(version: 1
name: "x"
environment: staging
products:
  metarank:
    components:
      'evil"]; click A href "javascript:alert(1)"':
        role: api
        mode: serve
)YAML");
  auto r = run_cli({"report", "t.yaml"}, files);
  REQUIRE(r.status == 0);
  std::string chart = mermaid_block(r.out);
  CHECK(chart.find("\"]; click") == std::string::npos);
  CHECK(chart.find("#quot;") != std::string::npos);
}
