#pragma once

#include <optional>
#include <string>
#include <vector>

#include "deploy_advisor/engine.hpp"
#include "deploy_advisor/profile.hpp"

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

}  // namespace test_support
