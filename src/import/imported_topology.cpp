#include "import/imported_topology.hpp"

#include <fmt/format.h>

namespace deploy_advisor::import_detail {

Sourced string_value(std::string text, Location from, std::string why) {
  return Sourced{std::move(text), true, from, std::move(why)};
}

Sourced plain_value(std::string text, Location from, std::string why) {
  return Sourced{std::move(text), false, from, std::move(why)};
}

Sourced copy_scalar(const Node& scalar, std::string why) {
  const bool is_string =
      scalar.style() == Node::Style::Quoted || scalar_type(scalar) == ScalarType::String;
  return Sourced{scalar.text(), is_string, scalar.location(), std::move(why)};
}

void Fields::set(const std::string& key, Sourced value) {
  if (auto it = index_.find(key); it != index_.end()) {
    fields_[it->second].value = std::move(value);
    return;
  }
  index_.emplace(key, fields_.size());
  fields_.push_back(Field{key, std::move(value)});
}

const Sourced* Fields::find(const std::string& key) const {
  auto it = index_.find(key);
  return it == index_.end() ? nullptr : &fields_[it->second].value;
}

Component* Product::find(const std::string& component) {
  for (auto& c : components)
    if (c.name == component) return &c;
  return nullptr;
}

const char* store_name(StoreKind kind) {
  switch (kind) {
    case StoreKind::Redis:
      return "Redis";
    case StoreKind::Elasticsearch:
      return "Elasticsearch";
    case StoreKind::MySql:
      return "MySQL";
    case StoreKind::Pulsar:
      return "Pulsar";
  }
  return "store";
}

Product& ImportedTopology::product(const std::string& name) {
  for (auto& p : products_)
    if (p.name == name) return p;
  products_.push_back(Product{name, {}, {}, std::nullopt});
  return products_.back();
}

Component& ImportedTopology::add(const std::string& product_name, Component component) {
  Product& p = product(product_name);
  const std::string base = component.name;
  for (int n = 2; p.find(component.name) != nullptr; ++n) component.name = fmt::format("{}-{}", base, n);
  p.components.push_back(std::move(component));
  return p.components.back();
}

void ImportedTopology::not_mapped(const Location& at, std::string message) {
  unmapped_.push_back(NotMapped{at, std::move(message)});
}

void ImportedTopology::set_platform(Sourced platform) {
  if (!platform_) platform_ = std::move(platform);
}

}  // namespace deploy_advisor::import_detail
