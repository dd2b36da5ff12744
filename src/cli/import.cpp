#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "deploy_advisor/import/import.hpp"

namespace deploy_advisor::cli {

namespace {

constexpr std::size_t kMaxFiles = 1000;

bool is_yaml_name(const std::filesystem::path& path) {
  const std::string ext = path.extension().string();
  return ext == ".yaml" || ext == ".yml";
}

/// The YAML files under `folder`, skipping hidden files and folders; folders reached through a
/// link are not searched. Stops once more than kMaxFiles are found.
void find_yaml(const FileSystem& files, const std::filesystem::path& folder, std::vector<std::string>& found) {
  for (const auto& entry : files.list(folder.string())) {
    if (found.size() > kMaxFiles) return;
    if (entry.name.starts_with(".")) continue;
    std::filesystem::path path = folder / entry.name;
    if (entry.kind == FileSystem::Kind::Directory && !entry.link)
      find_yaml(files, path, found);
    else if (entry.kind == FileSystem::Kind::Regular && is_yaml_name(path))
      found.push_back(path.generic_string());
  }
}

/// Files named on the command line, folders replaced by the YAML files under them (sorted, so
/// the output does not depend on the order the disk lists them in).
std::vector<std::string> expand(const FileSystem& files, const std::vector<std::string>& inputs) {
  std::vector<std::string> expanded;
  for (const auto& input : inputs) {
    if (input == "-" || files.kind(input) != FileSystem::Kind::Directory) {
      expanded.push_back(input);
      continue;
    }
    std::vector<std::string> found;
    find_yaml(files, input, found);
    std::sort(found.begin(), found.end());
    expanded.insert(expanded.end(), found.begin(), found.end());
  }
  if (expanded.size() > kMaxFiles)
    throw InputFailure({InputError{Location{intern_file_name(inputs.front()), 0, 0},
                                   fmt::format("more than {} files to import; name fewer", kMaxFiles)}});
  return expanded;
}

}  // namespace

int run_import(Context& context, const ImportCommandOptions& options) {
  ImportOptions import;
  import.name = options.name;
  import.environment = options.environment;
  import.product = options.product;
  import.output_folder = context.output_file.empty() ? std::string() : parent_folder(context.output_file);
  const std::vector<std::string> files = expand(context.files, options.inputs);
  ImportResult result = import_topology(context.files, files, import);
  for (const auto& item : result.not_mapped) context.err << format_not_mapped(item) << "\n";
  if (!emit(context, result.topology)) return static_cast<int>(ExitStatus::InputError);
  if (!context.quiet && !context.output_file.empty())
    context.err << fmt::format("{}: written from {} {}; {} not mapped\n", context.output_file, files.size(),
                               files.size() == 1 ? "file" : "files", result.not_mapped.size());
  return static_cast<int>(ExitStatus::Ok);
}

}  // namespace deploy_advisor::cli
