#pragma once

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/cli_runner.hpp"
#include "deploy_advisor/load/readers.hpp"

/// One import run written to a file, and what validate and check then say about it.
struct ImportedRun {
  CliRun import;
  std::string topology_path;
  std::string topology_text;
  deploy_advisor::Node topology;  // the written file, parsed
};

inline std::string import_data(const std::string& name) {
  return std::string(DA_SOURCE_DIR) + "/tests/data/import/" + name;
}

inline std::string output_path(const std::string& name) {
  const std::filesystem::path folder = std::filesystem::path(DA_IMPORT_OUTPUT_DIR);
  std::filesystem::create_directories(folder);
  return (folder / name).string();
}

inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

inline ImportedRun import_files(const std::vector<std::string>& inputs, const std::string& output_name,
                                const std::vector<std::string>& extra = {}) {
  ImportedRun run;
  run.topology_path = output_path(output_name);
  std::filesystem::remove(run.topology_path);
  std::vector<std::string> args{"import"};
  args.insert(args.end(), inputs.begin(), inputs.end());
  args.insert(args.end(), extra.begin(), extra.end());
  args.push_back("-o");
  args.push_back(run.topology_path);
  run.import = run_cli(args);
  run.topology_text = read_text(run.topology_path);
  auto parsed = deploy_advisor::parse_yaml(run.topology_text,
                                           deploy_advisor::intern_file_name(run.topology_path));
  if (parsed.ok()) run.topology = std::move(parsed.root);
  return run;
}

inline const deploy_advisor::Node* component_of(const ImportedRun& run, const std::string& product,
                                                const std::string& name) {
  const auto* products = run.topology.find("products");
  const auto* p = products ? products->find(product) : nullptr;
  const auto* components = p ? p->find("components") : nullptr;
  return components ? components->find(name) : nullptr;
}

inline std::string text_at(const deploy_advisor::Node* node, const std::string& key) {
  const auto* value = node ? node->find(key) : nullptr;
  return value && value->is_scalar() ? value->text() : std::string();
}

/// (rule id, component) of every finding check reports on the file.
inline std::set<std::pair<std::string, std::string>> findings_of(const std::string& topology, int& status) {
  auto r = run_cli({"check", "--format", "json", "--fail-on", "never", topology});
  status = r.status;
  std::set<std::pair<std::string, std::string>> found;
  if (r.status != 0) return found;
  auto json = nlohmann::json::parse(r.out);
  for (const auto& f : json["findings"])
    found.emplace(f["rule_id"].get<std::string>(),
                  f["component"].is_string() ? f["component"].get<std::string>() : std::string());
  return found;
}

inline bool has_rule(const std::set<std::pair<std::string, std::string>>& findings, const std::string& id,
                     const std::string& component = "*") {
  for (const auto& [rule, comp] : findings)
    if (rule == id && (component == "*" || comp == component)) return true;
  return false;
}
