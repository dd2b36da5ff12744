#include "support/run_example.hpp"

#include <sstream>

#include "deploy_advisor/engine/analyze.hpp"

namespace test_support {

using namespace deploy_advisor;

namespace {

ExampleRun run(const ProfileSet& profiles, const std::string& path, const FileSystem& files) {
  AnalysisRequest request;
  request.topologies = {path};
  request.profiles = &profiles;
  Analysis analysis = analyze(request, files);
  ExampleRun result;
  result.errors = analysis.topologies.front().errors;
  result.findings = std::move(analysis.findings);
  return result;
}

void scan(const std::string& file, const std::string& text, const std::string& id,
          std::vector<Expectation>& out) {
  std::istringstream in(text);
  std::string line;
  unsigned number = 0;
  std::string marker = "# expect: ";
  while (std::getline(in, line)) {
    ++number;
    auto pos = line.find(marker);
    while (pos != std::string::npos) {
      std::string rest = line.substr(pos + marker.size());
      std::istringstream ids(rest);
      std::string word;
      while (ids >> word) {
        if (!word.empty() && word.back() == ',') word.pop_back();
        if (word == id) out.push_back({file, number});
      }
      pos = line.find(marker, pos + 1);
    }
  }
}

}  // namespace

ExampleRun run_example(const ProfileSet& profiles, const RuleExample& example) {
  MemoryFileSystem files;
  files.add(kExampleTopology, example.topology);
  for (const auto& [path, content] : example.files) files.add("example/" + path, content);
  return run(profiles, kExampleTopology, files);
}

std::vector<Expectation> expectations(const RuleExample& example, const std::string& id) {
  std::vector<Expectation> out;
  scan(kExampleTopology, example.topology, id, out);
  for (const auto& [path, content] : example.files) scan("example/" + path, content, id, out);
  return out;
}

ExampleRun run_file(const ProfileSet& profiles, const std::string& path) {
  DiskFileSystem disk;
  return run(profiles, path, disk);
}

const ProfileSet& builtin_profiles() {
  static const ProfileSet set = ProfileSet::builtin();
  return set;
}

std::string base_name(std::string_view path) {
  auto slash = path.find_last_of('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

std::set<Mark> marks(const ExampleRun& run, const std::function<bool(const std::string&)>& keep) {
  std::set<Mark> out;
  for (const auto& f : run.findings)
    if (keep(f.rule_id)) out.insert({f.rule_id, base_name(f.location.file_name()), f.location.line});
  return out;
}

std::string describe(const ExampleRun& run) {
  std::string out;
  for (const auto& e : run.errors) out += "  input error: " + format_input_error(e) + "\n";
  for (const auto& f : run.findings)
    out += "  " + to_string(f.location) + " " + f.rule_id + ": " + f.message + "\n";
  return out.empty() ? "  (none)\n" : out;
}

}  // namespace test_support
