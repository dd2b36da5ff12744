#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "deploy_advisor/import.hpp"

namespace deploy_advisor::cli {

namespace {

constexpr std::size_t kMaxFiles = 1000;

bool is_yaml_name(const std::filesystem::path& path) {
  const std::string ext = path.extension().string();
  return ext == ".yaml" || ext == ".yml";
}

/// Files named on the command line, folders replaced by the YAML files under them (sorted, so
/// the output does not depend on the order the disk lists them in).
std::vector<std::string> expand(const std::vector<std::string>& inputs) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  std::vector<InputError> errors;
  for (const auto& input : inputs) {
    std::error_code ec;
    if (input == "-" || !fs::is_directory(input, ec)) {
      files.push_back(input);
      continue;
    }
    std::vector<std::string> found;
    fs::recursive_directory_iterator it(input, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it->path().filename().string().starts_with(".")) {
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file(ec) && is_yaml_name(it->path())) found.push_back(it->path().generic_string());
      if (found.size() > kMaxFiles) break;
    }
    if (ec)
      errors.push_back(InputError{Location{intern_file_name(input), 0, 0},
                                  "cannot list this folder: " + ec.message()});
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  if (files.size() > kMaxFiles)
    errors.push_back(InputError{Location{intern_file_name(inputs.front()), 0, 0},
                                fmt::format("more than {} files to import; name fewer", kMaxFiles)});
  if (!errors.empty()) throw InputFailure(std::move(errors));
  return files;
}

}  // namespace

int run_import(Context& context, const ImportCommandOptions& options) {
  ImportOptions import;
  import.name = options.name;
  import.environment = options.environment;
  import.product = options.product;
  import.output_folder = context.output_file.empty() ? std::string() : parent_folder(context.output_file);
  const std::vector<std::string> files = expand(options.inputs);
  ImportResult result = import_topology(context.files, files, import);
  for (const auto& item : result.not_mapped) context.err << format_not_mapped(item) << "\n";
  if (!emit(context, result.topology)) return static_cast<int>(ExitStatus::InputError);
  if (!context.quiet && !context.output_file.empty())
    context.err << fmt::format("{}: written from {} {}; {} not mapped\n", context.output_file, files.size(),
                               files.size() == 1 ? "file" : "files", result.not_mapped.size());
  return static_cast<int>(ExitStatus::Ok);
}

}  // namespace deploy_advisor::cli
