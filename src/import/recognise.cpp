#include "import/recognise.hpp"

#include <algorithm>
#include <array>

namespace deploy_advisor::import_detail {

namespace {

bool has(const std::vector<std::string>& list, std::string_view word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

Part tracardi_part(const ImageRef& image) {
  Part part;
  part.product = "tracardi";
  const std::string& name = image.name;
  // Commercial images carry a com- prefix or exist only in the commercial build.
  if (name.starts_with("com-") || name == "background-worker" || name == "tms" || name == "tms-gui")
    part.edition = "commercial";
  else if (name == "tracardi-api")
    part.edition = "open-source";
  if (name == "tracardi-api" || name == "com-tracardi-api") {
    part.role = "api";
    part.what = "Tracardi API";
  } else if (name == "tracardi-gui") {
    part.role = "gui";
    part.what = "Tracardi GUI";
  } else if (name == "com-tracardi-storage-worker") {
    part.role = "worker";
    part.kind = "storage";
    part.what = "Tracardi storage worker";
  } else if (name == "background-worker") {
    part.role = "worker";
    part.kind = "background";
    part.what = "Tracardi background worker";
  } else {
    part.what = "Tracardi " + name;
  }
  return part;
}

Part metarank_part(const std::vector<std::string>& command) {
  Part part;
  part.product = "metarank";
  if (has(command, "serve")) {
    part.role = "api";
    part.mode = "serve";
    part.what = "Metarank serve";
  } else if (has(command, "standalone")) {
    part.role = "api";
    part.mode = "standalone";
    part.what = "Metarank standalone";
  } else if (has(command, "train")) {
    part.role = "train";
    part.what = "Metarank train";
  } else {
    part.what = command.empty() ? "Metarank without a command (serve, standalone or train)"
                                : "Metarank " + command.front();
  }
  return part;
}

std::optional<StoreKind> store_of(const ImageRef& image) {
  const std::string& n = image.name;
  if (n == "redis" || n == "redis-stack" || n == "redis-stack-server" || n == "valkey")
    return StoreKind::Redis;
  if (n == "elasticsearch" || n == "opensearch") return StoreKind::Elasticsearch;
  if (n == "mysql" || n == "mariadb" || n == "percona-server" || n == "percona-xtradb-cluster")
    return StoreKind::MySql;
  if (n == "pulsar" || n == "pulsar-all") return StoreKind::Pulsar;
  return std::nullopt;
}

Part metaflow_part(std::string_view role, std::string what) {
  Part part;
  part.product = "metaflow";
  part.role = std::string(role);
  part.what = std::move(what);
  return part;
}

}  // namespace

Part recognise(const Container& container) {
  const ImageRef& image = container.image;
  if (image.repository.starts_with("tracardi/")) return tracardi_part(image);
  if (image.repository == "metarank/metarank") return metarank_part(container.command);
  const bool runs_ui_backend =
      has(container.env_names, "MF_UI_METADATA_PORT") || has(container.command, "ui_backend");
  if (image.name == "metaflow_metadata_service" || image.name == "metadata_service") {
    if (runs_ui_backend) return metaflow_part("ui", "Metaflow UI backend");
    if (contains(std::string(container.command.empty() ? "" : container.command.back()), "goose") ||
        has(container.command, "/root/run_goose.py"))
      return metaflow_part("", "Metaflow database migration");
    return metaflow_part("metadata_service", "Metaflow metadata service");
  }
  if (image.name == "metaflow_ui" || image.name == "metaflow-ui") return metaflow_part("ui", "Metaflow UI");
  if (auto store = store_of(image)) {
    Part part;
    // The store's image running a shell script is a helper (certificates, setup), not the store.
    if (!container.command.empty()) {
      const std::string& first = container.command.front();
      if (first == "bash" || first == "sh" || first == "/bin/bash" || first == "/bin/sh") {
        part.what = std::string("a helper that runs a shell script in the ") + store_name(*store) + " image";
        part.product = "";
        part.helper = true;
        return part;
      }
    }
    part.store = store;
    part.what = store_name(*store);
    return part;
  }
  // Built from source (no image): the Dockerfile's name and the variables it reads tell.
  if (image.repository.empty() && !container.build.empty()) {
    if (contains(container.build, "migration")) return metaflow_part("", "Metaflow database migration");
    if (contains(container.build, "ui_service") || runs_ui_backend)
      return metaflow_part("ui", "Metaflow UI backend");
    if (contains(container.build, "metadata_service")) return metaflow_part("metadata_service", "Metaflow metadata service");
  }
  if (has(container.env_names, "EXPOSE_GUI_API")) {
    Part part;
    part.product = "tracardi";
    part.role = "api";
    part.what = "Tracardi API";
    return part;
  }
  return {};
}

std::string store_role(const std::string& product, StoreKind kind) {
  if (product == "tracardi") {
    switch (kind) {
      case StoreKind::Redis:
        return "redis";
      case StoreKind::Elasticsearch:
        return "elasticsearch";
      case StoreKind::MySql:
        return "mysql";
      case StoreKind::Pulsar:
        return "pulsar";
    }
  }
  if (product == "metarank" && kind == StoreKind::Redis) return "state";
  return "";
}

std::string product_title(const std::string& product) {
  if (product == "tracardi") return "Tracardi";
  if (product == "metarank") return "Metarank";
  if (product == "metaflow") return "Metaflow";
  if (product == "cortex") return "Cortex";
  return product;
}

}  // namespace deploy_advisor::import_detail
