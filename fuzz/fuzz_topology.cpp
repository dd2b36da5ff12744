// Topology bytes through the whole pipeline: load, sizing, rules, every check format.
#include <sstream>

#include "deploy_advisor/engine/engine.hpp"
#include "deploy_advisor/format/format.hpp"
#include "deploy_advisor/model/topology.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace deploy_advisor;
  static const ProfileSet profiles = ProfileSet::builtin();
  MemoryFileSystem files;
  files.add("t.yaml", std::string(fuzz::bytes(data, size)));
  LoadOptions options;
  options.root = ".";
  try {
    LoadedTopology topology = load_topology("t.yaml", files, options);
    auto sizing = compute_sizing(profiles, topology);
    CheckReport report;
    report.topologies.push_back("t.yaml");
    report.findings = check_topology(profiles, topology, sizing);
    sort_findings(report.findings);
    std::ostringstream out;
    write_text(report, TextStyle{false, false}, out);
    write_json(report, out);
    write_sarif(report, profiles, out);
    write_markdown_findings(report, out);
  } catch (const InputFailure& failure) {
    for (const auto& e : failure.errors()) (void)format_input_error(e);
  }
  return 0;
}
