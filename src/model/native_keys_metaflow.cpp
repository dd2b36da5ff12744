#include <algorithm>

#include <fmt/format.h>

#include "model/native_keys.hpp"

namespace deploy_advisor {

// A Metaflow config.json is open: no key is reported merely for being unknown.
//
// Metaflow itself reads every setting X as METAFLOW_X, from the environment first and then
// from this file (metaflow/metaflow_config_funcs.py, from_conf), and some settings are whole
// families of keys read by prefix (from_conf(..., prefix=True)), so the METAFLOW_* names have
// no closed list. Keys without the METAFLOW_ prefix are ignored by Metaflow's core but read by
// its extensions (the Outerbounds extension reads OBP_PERIMETER and OBP_API_SERVER from the
// same file), so they cannot be reported as ignored either. The rules read
// METAFLOW_DEFAULT_DATASTORE and METAFLOW_DEFAULT_METADATA from it.
const KeyTree& metaflow_config_keys() {
  static const KeyTree tree{"", {}, true};
  return tree;
}

namespace {

/// Settings of Netflix/metaflow metaflow/metaflow_config.py that deployments set in
/// config.json. A METAFLOW_ key one or two edits away from one of these, and not one of them,
/// is a misspelling: Metaflow silently ignores it.
const std::vector<std::string>& metaflow_settings() {
  static const std::vector<std::string> names = {
      "METAFLOW_DEFAULT_DATASTORE", "METAFLOW_DEFAULT_METADATA", "METAFLOW_DEFAULT_ENVIRONMENT",
      "METAFLOW_DEFAULT_EVENT_LOGGER", "METAFLOW_DEFAULT_MONITOR", "METAFLOW_DEFAULT_PACKAGE_SUFFIXES",
      "METAFLOW_DEFAULT_AWS_CLIENT_PROVIDER", "METAFLOW_DEFAULT_SECRETS_BACKEND_TYPE",
      "METAFLOW_DEFAULT_CONTAINER_IMAGE", "METAFLOW_DEFAULT_CONTAINER_REGISTRY",
      "METAFLOW_DATASTORE_SYSROOT_S3", "METAFLOW_DATASTORE_SYSROOT_AZURE",
      "METAFLOW_DATASTORE_SYSROOT_GS", "METAFLOW_DATASTORE_SYSROOT_LOCAL",
      "METAFLOW_DATATOOLS_S3ROOT", "METAFLOW_DATATOOLS_SYSROOT_S3", "METAFLOW_CARD_S3ROOT",
      "METAFLOW_CARD_LOCALROOT", "METAFLOW_SERVICE_URL", "METAFLOW_SERVICE_INTERNAL_URL",
      "METAFLOW_SERVICE_AUTH_KEY", "METAFLOW_SERVICE_HEADERS", "METAFLOW_UI_URL",
      "METAFLOW_S3_ENDPOINT_URL", "METAFLOW_S3_VERIFY_CERTIFICATE", "METAFLOW_S3_RETRY_COUNT",
      "METAFLOW_S3_SERVER_SIDE_ENCRYPTION", "METAFLOW_ECS_S3_ACCESS_IAM_ROLE",
      "METAFLOW_BATCH_JOB_QUEUE", "METAFLOW_BATCH_CONTAINER_IMAGE",
      "METAFLOW_BATCH_CONTAINER_REGISTRY", "METAFLOW_KUBERNETES_NAMESPACE",
      "METAFLOW_KUBERNETES_SERVICE_ACCOUNT", "METAFLOW_KUBERNETES_SECRETS",
      "METAFLOW_KUBERNETES_CONTAINER_IMAGE", "METAFLOW_KUBERNETES_CONTAINER_REGISTRY",
      "METAFLOW_KUBERNETES_NODE_SELECTOR", "METAFLOW_SFN_IAM_ROLE",
      "METAFLOW_SFN_STATE_MACHINE_PREFIX", "METAFLOW_SFN_DYNAMO_DB_TABLE",
      "METAFLOW_SFN_EXECUTION_LOG_GROUP_ARN", "METAFLOW_EVENTS_SFN_ACCESS_IAM_ROLE",
      "METAFLOW_ARGO_EVENTS_EVENT", "METAFLOW_ARGO_EVENTS_EVENT_BUS",
      "METAFLOW_ARGO_EVENTS_EVENT_SOURCE", "METAFLOW_ARGO_EVENTS_SERVICE_ACCOUNT",
      "METAFLOW_ARGO_EVENTS_WEBHOOK_URL", "METAFLOW_ARGO_WORKFLOWS_KUBERNETES_SECRETS",
      "METAFLOW_AZURE_STORAGE_BLOB_SERVICE_ENDPOINT", "METAFLOW_DATASTORE_SYSROOT_AZURE",
      "METAFLOW_AIRFLOW_KUBERNETES_STARTUP_TIMEOUT_SECONDS", "METAFLOW_CONDA_DEPENDENCY_RESOLVER",
      "METAFLOW_PROFILE", "METAFLOW_USER"};
  return names;
}

/// Levenshtein distance, stopping once it exceeds `limit` (keys are short; bounded anyway).
std::size_t distance_within(const std::string& a, const std::string& b, std::size_t limit) {
  if (a.size() > 200 || b.size() > 200) return limit + 1;
  std::size_t gap = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  if (gap > limit) return limit + 1;
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    std::size_t best = row[0];
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
      best = std::min(best, row[j]);
    }
    if (best > limit) return limit + 1;
  }
  return row[b.size()];
}

}  // namespace

void check_metaflow_config_keys(const Node& root, const std::string& what,
                                std::vector<Finding>& warnings) {
  if (!root.is_mapping()) return;
  const auto& known = metaflow_settings();
  for (const auto& [key, value] : root.entries()) {
    const std::string& name = key.text();
    if (!name.starts_with("METAFLOW_")) continue;
    if (std::find(known.begin(), known.end(), name) != known.end()) continue;
    std::string suggestion;
    std::size_t best = 3;
    for (const auto& candidate : known) {
      std::size_t d = distance_within(name, candidate, 2);
      if (d < best) {
        best = d;
        suggestion = candidate;
      }
    }
    if (suggestion.empty()) continue;  // an unlisted setting or a prefix family: not judged
    Finding f;
    f.rule_id = "DA002";
    f.location = key.location();
    f.message = fmt::format(
        "unknown key '{}' at the top level of {}; did you mean '{}'?; Metaflow ignores it, so "
        "the setting keeps its default",
        name, what, suggestion);
    f.fix = fmt::format("Rename '{}' to '{}'.", name, suggestion);
    warnings.push_back(std::move(f));
  }
}

}  // namespace deploy_advisor
