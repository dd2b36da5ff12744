#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

#include "deploy_advisor/engine/analyze.hpp"
#include "support/metarank_topology.hpp"

using namespace deploy_advisor;

namespace {

const char* kTopology = deploy_advisor::test::kMetarankShop;

const Finding* find(const Analysis& analysis, const std::string& id) {
  for (const auto& f : analysis.findings)
    if (f.rule_id == id) return &f;
  return nullptr;
}

Analysis analyse(const MemoryFileSystem& files, std::vector<std::string> topologies, bool plan = false) {
  AnalysisRequest request;
  request.topologies = std::move(topologies);
  request.plan = plan;
  return analyze(request, files);
}

}  // namespace

TEST_CASE("analyze checks a topology held in memory with the built-in profiles") {
  MemoryFileSystem files;
  files.add("shop/topology.yaml", kTopology);
  Analysis analysis = analyse(files, {"shop/topology.yaml"});
  REQUIRE(analysis.topologies.size() == 1);
  const auto& analysed = analysis.topologies.front();
  CHECK(analysed.analysed());
  CHECK(analysed.files == std::vector<std::string>{"shop/topology.yaml"});
  CHECK(analysed.configuration.empty());
  CHECK_FALSE(analysed.rules_evaluated.empty());
  REQUIRE(analysed.topology);
  CHECK(analysed.topology->name == "shop");
  REQUIRE(find(analysis, "DA004"));
  CHECK(find(analysis, "DA004")->severity == Severity::Warning);
  CHECK(find(analysis, "MR003"));
  CHECK_FALSE(analysed.layout);  // no plan asked for
  CHECK(std::is_sorted(analysis.findings.begin(), analysis.findings.end(), [](const Finding& a, const Finding& b) {
    return a.location.line < b.location.line;
  }));
}

TEST_CASE("analyze applies the .deploy-advisor.yaml found beside the topology") {
  MemoryFileSystem files;
  files.add("shop/topology.yaml", kTopology);
  files.add("shop/.deploy-advisor.yaml",
            "disable: [MR003]\n"
            "severity: {DA004: info}\n"
            "waivers:\n"
            "  - rule: DA004\n"
            "    component: metarank/nowhere\n"
            "    reason: a component the topology does not have\n");
  Analysis analysis = analyse(files, {"shop/topology.yaml"});
  const auto& analysed = analysis.topologies.front();
  CHECK(analysed.configuration == "shop/.deploy-advisor.yaml");
  CHECK_FALSE(find(analysis, "MR003"));
  REQUIRE(find(analysis, "DA004"));
  CHECK(find(analysis, "DA004")->severity == Severity::Info);
  CHECK_FALSE(find(analysis, "DA004")->waived);
  // The waiver matched nothing: reported once, at its entry in the configuration.
  const Finding* unused = find(analysis, "DA006");
  REQUIRE(unused);
  CHECK(unused->location.file_name() == "shop/.deploy-advisor.yaml");
  CHECK(unused->message.find("metarank/nowhere") != std::string::npos);
}

TEST_CASE("analyze plans with the configuration applied: a disabled rule changes nothing") {
  MemoryFileSystem files;
  files.add("shop/topology.yaml", kTopology);
  Analysis plain = analyse(files, {"shop/topology.yaml"}, true);
  REQUIRE(plain.topologies.front().layout);
  files.add("shop/.deploy-advisor.yaml", "disable: [MR003]\n");
  Analysis configured = analyse(files, {"shop/topology.yaml"}, true);
  REQUIRE(configured.topologies.front().layout);
  const auto& revised = configured.topologies.front().layout->revised_findings;
  CHECK(std::none_of(revised.begin(), revised.end(), [](const Finding& f) { return f.rule_id == "MR003"; }));
  // MR003's remedy (an event archive) is in the plan only when the rule is on.
  auto adds = [](const PlannedLayout& layout) {
    std::size_t n = 0;
    for (const auto& p : layout.plan)
      for (const auto& c : p.components) n += c.to_add ? 1 : 0;
    return n;
  };
  CHECK(adds(*configured.topologies.front().layout) < adds(*plain.topologies.front().layout));
}

TEST_CASE("analyze keeps a topology's input errors with it and analyses the others") {
  MemoryFileSystem files;
  files.add("a/topology.yaml", kTopology);
  files.add("b/topology.yaml", "version: 1\nname: [not, a, name]\n");
  Analysis analysis = analyse(files, {"b/topology.yaml", "missing.yaml", "a/topology.yaml"});
  REQUIRE(analysis.topologies.size() == 3);
  CHECK_FALSE(analysis.topologies[0].analysed());
  CHECK_FALSE(analysis.topologies[1].analysed());
  CHECK(analysis.topologies[2].analysed());
  CHECK(analysis.input_errors().size() >= 2);
  CHECK(find(analysis, "DA004"));
  for (const auto& f : analysis.findings) CHECK(f.location.file_name() == "a/topology.yaml");
}

TEST_CASE("analyze uses the profiles given, and builds the built-in ones otherwise") {
  MemoryFileSystem files;
  files.add("t.yaml", kTopology);
  ProfileSet profiles = ProfileSet::builtin();
  AnalysisRequest request;
  request.topologies = {"t.yaml"};
  request.profiles = &profiles;
  Analysis given = analyze(request, files);
  CHECK(given.profiles == &profiles);
  CHECK_FALSE(given.owned_profiles);
  request.profiles = nullptr;
  Analysis built = analyze(request, files);
  CHECK(built.owned_profiles);
  CHECK(built.findings.size() == given.findings.size());
}

namespace {

/// Counts the reads of each path, to see what a run reads more than once.
class CountingFileSystem final : public FileSystem {
 public:
  explicit CountingFileSystem(MemoryFileSystem& base) : base_(base) {}
  ReadResult read(const std::string& path, std::size_t max_bytes) const override {
    ++reads[path];
    return base_.read(path, max_bytes);
  }
  Kind kind(const std::string& path) const override { return base_.kind(path); }
  std::string real_path(const std::string& path) const override { return base_.real_path(path); }
  std::vector<Entry> list(const std::string& folder) const override { return base_.list(folder); }
  std::string write(const std::string& path, const std::string& contents) override {
    return base_.write(path, contents);
  }
  std::string make_folders(const std::string& path) override { return base_.make_folders(path); }
  mutable std::map<std::string, int> reads;

 private:
  MemoryFileSystem& base_;
};

}  // namespace

TEST_CASE("a plan reads the topology once: its revisions are never read from the file system") {
  MemoryFileSystem memory;
  memory.add("shop/topology.yaml", kTopology);
  CountingFileSystem files(memory);
  AnalysisRequest request;
  request.topologies = {"shop/topology.yaml"};
  request.plan = true;
  Analysis analysis = analyze(request, files);
  REQUIRE(analysis.topologies.front().layout);
  const auto& layout = *analysis.topologies.front().layout;
  // The plan changed the layout (an event archive for MR003), and the revision was checked.
  CHECK_FALSE(layout.plan.empty());
  CHECK(layout.revised.input_files == std::vector<std::string>{"shop/topology.yaml"});
  CHECK(files.reads["shop/topology.yaml"] == 1);
}
