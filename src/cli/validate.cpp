#include <fmt/format.h>

#include "cli/commands.hpp"

namespace deploy_advisor::cli {

int run_validate(Context& context, const std::vector<std::string>& topologies) {
  ProfileSet profiles = load_profiles(context);
  LoadOptions options = load_options(context, profiles);
  std::vector<InputError> errors;
  for (const auto& path : topologies) {
    try {
      LoadedTopology topology = load_topology(path, context.files, options);
      // Unknown keys are warnings: worth showing, not a reason to reject the file.
      std::size_t shown = 0;
      for (const auto& w : topology.warnings)
        if (++shown <= 100) context.err << fmt::format("{}: warning: {} [{}]\n", printable(to_string(w.location)),
                                   printable(w.message), w.rule_id);
      if (topology.warnings.size() > 100)
        context.err << fmt::format("… and {} more warnings not shown (at most 100 per topology)\n",
                                   topology.warnings.size() - 100);
      const std::size_t native = topology.input_files.size() - 1 - topology.bases.size();
      std::string bases;
      for (const auto& b : topology.bases) bases += ", extends " + b;
      if (!context.quiet)
        context.out << fmt::format("{}: valid ({} {}, {} native {}{})\n", printable(path), topology.products.size(),
                                   topology.products.size() == 1 ? "product" : "products", native,
                                   native == 1 ? "file" : "files", printable(bases));
    } catch (const InputFailure& failure) {
      errors.insert(errors.end(), failure.errors().begin(), failure.errors().end());
    }
  }
  if (!errors.empty()) return report_input_errors(context, errors);
  return static_cast<int>(ExitStatus::Ok);
}

}  // namespace deploy_advisor::cli
