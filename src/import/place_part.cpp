#include <fmt/format.h>

#include "import/import_context.hpp"

namespace deploy_advisor::import_detail {

namespace {

void note_version(ImportContext& context, Product& product, const Component& component,
                  const Location& at, const std::string& image_text) {
  const Sourced* image = component.keys.find("image");
  // Metaflow's service and UI images carry their own releases, not the Metaflow library's.
  if (image == nullptr || product.name == "metaflow") return;
  const ImageRef ref = parse_image(image->text);
  if (ref.tag.empty() || ref.tag == "latest") return;
  const Sourced* version = product.keys.find("version");
  if (version == nullptr) {
    product.keys.set("version", string_value(ref.tag, at, "tag of " + image_text));
  } else if (version->text != ref.tag) {
    context.topology.not_mapped(
        at, fmt::format("{} runs tag {}, another part {}: version is taken from the first",
                        component.name, ref.tag, version->text));
  }
}

}  // namespace

void place_part(ImportContext& context, const Part& part, Component component, const Location& at,
                const std::string& image_text) {
  ImportedTopology& topology = context.topology;
  if (part.store) {
    check_part_count(topology.stores().size() + 1, at, "stores");
    topology.add_store(Store{*part.store, std::move(component), at});
    return;
  }
  if (part.helper) {
    topology.not_mapped(at, fmt::format("{}: {}", component.name, part.what));
    return;
  }
  if (part.product.empty()) {
    topology.not_mapped(at, fmt::format("{}{}: not a part of Metarank, Tracardi, Metaflow or Cortex",
                                        component.name,
                                        image_text.empty() ? "" : " (" + image_text + ")"));
    return;
  }
  Product& product = topology.product(part.product);
  if (!part.edition.empty() && product.keys.find("edition") == nullptr)
    product.keys.set("edition", string_value(part.edition, at, image_text));
  if (part.role.empty()) {
    topology.not_mapped(at, fmt::format("{}: {} has no role in topology v1", component.name, part.what));
    return;
  }
  component.role = string_value(part.role, at, image_text.empty() ? part.what : image_text);
  Fields ordered;
  if (!part.mode.empty()) ordered.set("mode", string_value(part.mode, at, part.what.empty() ? "its command" : part.what));
  if (!part.run.empty()) ordered.set("run", component.keys.find("run") ? *component.keys.find("run")
                                                                     : string_value(part.run, at));
  if (!part.kind.empty()) ordered.set("kind", string_value(part.kind, at, part.what));
  for (const auto& f : component.keys.all()) ordered.set(f.key, f.value);
  component.keys = std::move(ordered);
  if (part.role == "train" && component.keys.find("run") == nullptr)
    component.keys.set("run", component.keys.find("schedule") ? string_value("scheduled", at, "it has a schedule")
                                                              : string_value("on-demand", at, "it has no schedule"));
  note_version(context, product, component, at, image_text);
  check_part_count(product.components.size() + 1, at, "components of one product");
  topology.add(part.product, std::move(component));
}

void add_env(Component& component, const std::string& product, const std::string& name,
             const Node* value, const Location& name_at) {
  if (value == nullptr || value->is_null()) {
    // Compose passes the variable through from the shell that starts it.
    component.env.set(name, string_value("${" + name + "}", name_at, "taken from the shell"));
    return;
  }
  if (!value->is_scalar()) return;
  if (is_secret_name(product, name) && !may_copy_secret_value(product, name, value->text())) {
    component.env.set(name, string_value("${" + name + "}", value->location(),
                                         "set there to a secret value, not copied"));
    return;
  }
  component.env.set(name, copy_scalar(*value));
}

void check_part_count(std::size_t count, const Location& at, const char* what) {
  if (count <= kMaxParts) return;
  throw InputFailure({InputError{at, fmt::format("{} {}: import reads at most {}", count, what, kMaxParts)}});
}

void set_count(ImportContext& context, Component& component, const std::string& key, const Node* value,
               std::string why) {
  if (value == nullptr || value->is_null()) return;
  if (auto count = count_value(value, std::move(why))) {
    component.keys.set(key, std::move(*count));
    return;
  }
  context.topology.not_mapped(value->location(), fmt::format("{}: {} is not a whole number here ({}): not copied",
                                                             component.name, key, describe(*value)));
}

void heap_from_java_opts(Component& component, const Sourced& java_opts) {
  const auto at = java_opts.text.find("-Xmx");
  if (at == std::string::npos) return;
  std::string size;
  for (std::size_t i = at + 4; i < java_opts.text.size() && java_opts.text[i] != ' '; ++i)
    size += java_opts.text[i];
  auto gb = size_gb(size);
  if (!gb || *gb <= 0) return;
  component.keys.set("heap_gb", plain_value(number_text(*gb), java_opts.from, "-Xmx" + size));
}

}  // namespace deploy_advisor::import_detail
