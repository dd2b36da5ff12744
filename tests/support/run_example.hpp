#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "deploy_advisor/engine/engine.hpp"
#include "deploy_advisor/engine/profile.hpp"

namespace test_support {

/// Where an example expects a finding: the file and line carrying `# expect: ID`.
struct Expectation {
  std::string file;
  unsigned line = 0;
};

struct ExampleRun {
  std::vector<deploy_advisor::Finding> findings;
  std::vector<deploy_advisor::InputError> errors;  // input errors, if the example does not load
};

/// The path the example topology is loaded under; its `files` sit beside it.
inline const std::string kExampleTopology = "example/topology.yaml";

/// Loads and checks an example topology from memory, as `check` would.
ExampleRun run_example(const deploy_advisor::ProfileSet& profiles,
                       const deploy_advisor::RuleExample& example);

/// Every `# expect: ID` marker for `id` in the example's topology and files.
std::vector<Expectation> expectations(const deploy_advisor::RuleExample& example,
                                      const std::string& id);

/// Loads a topology file from disk and checks it.
ExampleRun run_file(const deploy_advisor::ProfileSet& profiles, const std::string& path);

/// The built-in profiles, loaded once for the whole test program.
const deploy_advisor::ProfileSet& builtin_profiles();

/// A finding reduced to what product tests compare: rule id, file name (without folders), line.
using Mark = std::tuple<std::string, std::string, unsigned>;

/// The last part of a path.
std::string base_name(std::string_view path);

/// Every finding of the run whose id passes `keep`, as a sorted set of marks.
std::set<Mark> marks(const ExampleRun& run, const std::function<bool(const std::string&)>& keep);

/// The run's input errors and findings, one per line, for test failure messages.
std::string describe(const ExampleRun& run);

}  // namespace test_support
