#include "support/run_example.hpp"

#include <sstream>

namespace test_support {

using namespace deploy_advisor;

namespace {

ExampleRun run(const ProfileSet& profiles, const std::string& path, const FileSystem& files) {
  ExampleRun result;
  try {
    LoadOptions options;
    options.extra_products = profiles.declared_products();
    options.assumption_names = profiles.assumption_names();
    LoadedTopology topology = load_topology(path, files, options);
    auto sizing = compute_sizing(profiles, topology);
    result.findings = check_topology(profiles, topology, sizing);
  } catch (const InputFailure& failure) {
    result.errors = failure.errors();
  }
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

}  // namespace test_support
