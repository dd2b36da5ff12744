// A custom profile (semi-trusted input) added to the built-in ones and evaluated on the
// example topology: compile errors are input errors, evaluation stays within its limits.
#include "deploy_advisor/engine/engine.hpp"
#include "deploy_advisor/load/readers.hpp"
#include "deploy_advisor/model/topology.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace deploy_advisor;
  static const std::string example = fuzz::example_topology();
  static const std::string* file = intern_file_name("custom.yaml");
  ParseResult parsed = parse_yaml(fuzz::bytes(data, size), file);
  if (!parsed.ok()) return 0;
  try {
    ProfileSet profiles = ProfileSet::builtin();
    std::vector<InputError> errors;
    profiles.add(parsed.root, "custom.yaml", errors);
    if (!errors.empty()) return 0;
    MemoryFileSystem files;
    files.add("acme.yaml", example);
    LoadOptions options;
    options.root = ".";
    options.extra_products = profiles.declared_products();
    options.assumption_names = profiles.assumption_names();
    LoadedTopology topology = load_topology("acme.yaml", files, options);
    auto sizing = compute_sizing(profiles, topology);
    (void)check_topology(profiles, topology, sizing);
  } catch (const InputFailure& failure) {
    for (const auto& e : failure.errors()) (void)format_input_error(e);
  }
  return 0;
}
