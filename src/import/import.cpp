#include "deploy_advisor/import/import.hpp"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "deploy_advisor/load/readers.hpp"
#include "import/import_context.hpp"
#include "import/topology_writer.hpp"

namespace deploy_advisor {

namespace import_detail {

namespace {

bool is_manifest(const Node& document) {
  return document.is_mapping() && document.find("apiVersion") && document.find("kind");
}

bool is_compose(const Node& document) {
  const Node* services = document.find("services");
  return document.is_mapping() && services && services->is_mapping() && !document.find("apiVersion");
}

/// A product whose parts reference the store by its name (as a host in a variable).
bool mentions(const Product& product, const std::string& name) {
  for (const auto& c : product.components)
    for (const auto& e : c.env.all()) {
      const std::string& v = e.value.text;
      for (auto at = v.find(name); at != std::string::npos; at = v.find(name, at + 1)) {
        const bool starts = at == 0 || !std::isalnum(static_cast<unsigned char>(v[at - 1]));
        const std::size_t end = at + name.size();
        const bool ends = end == v.size() || !std::isalnum(static_cast<unsigned char>(v[end]));
        if (starts && ends) return true;
      }
    }
  return false;
}

/// A Tracardi GUI talks to the API it depends on in a Compose file.
void link_gui_to_api(ImportedTopology& topology) {
  for (auto& product : topology.products()) {
    if (product.name != "tracardi") continue;
    for (auto& gui : product.components) {
      if (gui.role.text != "gui" || gui.keys.find("api")) continue;
      std::vector<const Sourced*> apis;
      for (const auto& d : gui.depends_on) {
        const Component* target = product.find(d.text);
        if (target && target->role.text == "api") apis.push_back(&d);
        else if (!target && d.text.find("api") != std::string::npos)
          topology.not_mapped(d.from, fmt::format("{}: depends on {}, which is not among the inputs", gui.name, d.text));
      }
      if (apis.size() == 1) gui.keys.set("api", string_value(apis.front()->text, apis.front()->from, "depends_on"));
    }
  }
}

void claim_stores(ImportContext& context) {
  ImportedTopology& topology = context.topology;
  for (auto& store : topology.stores()) {
    std::vector<std::string> candidates;
    if (!context.options.product.empty()) {
      if (!store_role(context.options.product, store.kind).empty()) candidates.push_back(context.options.product);
    } else {
      for (const auto& p : topology.products())
        if (!store_role(p.name, store.kind).empty()) candidates.push_back(p.name);
      if (candidates.size() > 1) {
        std::vector<std::string> users;
        for (const auto& name : candidates)
          for (const auto& p : topology.products())
            if (p.name == name && mentions(p, store.component.name)) users.push_back(name);
        candidates = users;
      }
    }
    if (candidates.size() != 1) {
      topology.not_mapped(
          store.at,
          fmt::format("{}: a {} that {}", store.component.name, store_name(store.kind),
                      candidates.empty()
                          ? (context.options.product.empty()
                                 ? "no product part in the inputs uses (name the product it serves with --product)"
                                 : context.options.product + " has no role for")
                          : "more than one product could use (name it with --product)"));
      continue;
    }
    const std::string& product = candidates.front();
    Component component = std::move(store.component);
    component.role = string_value(store_role(product, store.kind), store.at, store_name(store.kind) + std::string(" image"));
    if (product == "metarank") component.keys.set("type", string_value("redis", store.at, "a Redis image"));
    if (store.kind != StoreKind::Elasticsearch) {
      Fields kept;
      for (const auto& f : component.keys.all())
        if (f.key != "heap_gb") kept.set(f.key, f.value);
      component.keys = std::move(kept);
    }
    if (store.kind != StoreKind::Pulsar) {
      Fields kept;
      for (const auto& f : component.keys.all())
        if (f.key != "brokers" && f.key != "bookies") kept.set(f.key, f.value);
      component.keys = std::move(kept);
    }
    // Variables of the store's own image are its configuration, not the product's.
    component.env = Fields();
    topology.add(product, std::move(component));
  }
}

std::string stem(const std::string& path) {
  std::string name = path == "-" ? std::string() : std::filesystem::path(path).stem().string();
  return name.empty() ? "imported" : name;
}

}  // namespace

}  // namespace import_detail

std::string format_not_mapped(const NotMapped& item) {
  return fmt::format("{}: not mapped: {}", to_string(item.location), item.message);
}

ImportResult import_topology(const FileSystem& files, const std::vector<std::string>& paths,
                             const ImportOptions& options) {
  using namespace import_detail;
  ImportedTopology topology;
  ImportContext context{topology, files, options};
  std::vector<InputError> errors;
  const ReadLimits limits;
  for (const auto& path : paths) {
    const std::string* file = intern_file_name(path);
    auto read = files.read(path, limits.max_bytes);
    if (read.status != FileSystem::Status::Ok) {
      errors.push_back(InputError{Location{file, 0, 0}, describe(read.status)});
      continue;
    }
    auto parsed = parse_yaml_documents(read.contents, file, limits);
    if (!parsed.ok()) {
      errors.insert(errors.end(), parsed.errors.begin(), parsed.errors.end());
      continue;
    }
    std::vector<Node> documents;
    for (auto& d : parsed.documents)
      if (!d.is_null()) documents.push_back(std::move(d));
    if (documents.empty()) {
      topology.not_mapped(Location{file, 1, 1}, "an empty file");
      continue;
    }
    if (std::any_of(documents.begin(), documents.end(), is_manifest)) {
      import_manifests(context, documents, path);
    } else if (documents.size() == 1 && is_compose(documents.front())) {
      import_compose(context, documents.front(), path);
    } else if (documents.size() == 1 && documents.front().is_mapping()) {
      if (!import_values(context, documents.front(), path))
        topology.not_mapped(documents.front().location(),
                            "not a Compose file, a Kubernetes manifest or a values file of a chart "
                            "import knows (see docs/import.md)");
    } else {
      topology.not_mapped(documents.front().location(),
                          "not a Compose file, a Kubernetes manifest or a values file of a chart "
                          "import knows (see docs/import.md)");
    }
  }
  if (!errors.empty()) throw InputFailure(std::move(errors));
  if (!options.product.empty()) topology.product(options.product);
  claim_stores(context);
  link_gui_to_api(topology);
  for (auto& p : topology.products())
    if (p.chart_version && p.keys.find("version") == nullptr) p.keys.set("version", *p.chart_version);
  if (topology.products().empty()) {
    std::vector<InputError> none;
    for (const auto& item : topology.unmapped()) none.push_back(InputError{item.location, "not mapped: " + item.message});
    none.push_back(InputError{Location{intern_file_name(paths.empty() ? "-" : paths.front()), 0, 0},
                              "no part of Metarank, Tracardi, Metaflow or Cortex found in the inputs; "
                              "if they hold only its stores, name the product with --product"});
    throw InputFailure(std::move(none));
  }
  Header header;
  header.name = options.name.empty() ? stem(paths.front()) : options.name;
  header.environment = options.environment;
  header.sources = paths;
  ImportResult result;
  result.topology = write_topology(topology, header);
  result.not_mapped = topology.unmapped();
  return result;
}

}  // namespace deploy_advisor
