#include "deploy_advisor/engine/plan.hpp"

#include <algorithm>
#include <unordered_map>

namespace deploy_advisor {

const ComponentPlan::Setting* ComponentPlan::setting(std::string_view key) const {
  for (const auto& s : settings)
    if (s.key == key) return &s;
  return nullptr;
}

bool ComponentPlan::changed() const {
  if (to_add) return true;
  for (const auto& s : settings)
    if (s.recommended && (!s.current || *s.recommended > *s.current)) return true;
  return false;
}

namespace {

const char* const kSettingKeys[] = {"replicas", "cpu", "memory_gb", "disk_gb", "max_connections"};

// Settings written on the component itself; the others are under `resources`.
bool top_level_setting(std::string_view key) { return key == "replicas" || key == "max_connections"; }

std::optional<double> current_value(const Value& component, std::string_view key) {
  Value v = top_level_setting(key) ? component.get(key) : component.get("resources").get(key);
  if (v.is_number()) return v.as_number();
  if (key == "replicas") return 1.0;  // topology v1 default
  return std::nullopt;
}

ComponentPlan::Setting& setting_of(ComponentPlan& plan, const std::string& key) {
  for (auto& s : plan.settings)
    if (s.key == key) return s;
  plan.settings.push_back({key, std::nullopt, std::nullopt});
  return plan.settings.back();
}

void recommend(ComponentPlan& plan, const Figure& figure) {
  plan.figures.push_back(&figure);
  if (figure.sets.empty()) return;
  auto& s = setting_of(plan, figure.sets);
  s.recommended = std::max(s.recommended.value_or(0), figure.value);
}

void order_settings(ComponentPlan& plan) {
  std::vector<ComponentPlan::Setting> ordered;
  for (const char* key : kSettingKeys)
    for (const auto& s : plan.settings)
      if (s.key == key) ordered.push_back(s);
  plan.settings = std::move(ordered);
}

}  // namespace

std::vector<ProductPlan> make_plan(const LoadedTopology& topology, const std::vector<ProductSizing>& sizing) {
  std::vector<ProductPlan> plans;
  for (const auto& product : topology.products) {
    ProductPlan plan;
    plan.product = product.name;
    if (product.spec) plan.title = product.spec->title;
    for (const auto& c : product.components.as_list()) {
      ComponentPlan cp;
      cp.name = c.get("name").as_string();
      cp.role = c.get("role").as_string();
      cp.location = c.location();
      for (const char* key : kSettingKeys)
        if (auto current = current_value(c, key)) cp.settings.push_back({key, current, std::nullopt});
      plan.components.push_back(std::move(cp));
    }
    const ProductSizing* ps = nullptr;
    for (const auto& s : sizing)
      if (s.product == product.name) ps = &s;
    if (ps) {
      plan.missing_inputs = ps->missing_inputs;
      plan.not_computed = ps->not_computed;
      // By name, so a figure for every one of 10,000 components costs no scan per component.
      std::unordered_map<std::string, std::size_t> by_name;
      for (std::size_t i = 0; i < plan.components.size(); ++i) by_name.emplace(plan.components[i].name, i);
      for (const auto& figure : ps->figures) {
        bool placed = false;
        for (const auto& name : figure.components)
          if (auto at = by_name.find(name); at != by_name.end()) {
            recommend(plan.components[at->second], figure);
            placed = true;
          }
        if (!placed && figure.add) {
          std::string name = figure.add->find("name")->text();
          auto it = std::find_if(plan.components.begin(), plan.components.end(),
                                 [&](const ComponentPlan& cp) { return cp.name == name; });
          if (it == plan.components.end()) {
            ComponentPlan cp;
            cp.name = name;
            cp.role = figure.add->find("role") ? figure.add->find("role")->text() : "";
            cp.to_add = true;
            cp.add = figure.add;
            cp.location = product.location;
            plan.components.push_back(std::move(cp));
            it = plan.components.end() - 1;
          }
          recommend(*it, figure);
          placed = true;
        }
        // A figure for a setting no component takes (MySQL connections without a `mysql`
        // component) is still shown, with what is missing; one that `applies_to` leaves out on
        // purpose (a floor decides instead) stays with the figure that decides.
        if (!placed && (figure.sets.empty() || !figure.unplaced.empty())) plan.capacity.push_back(&figure);
      }
    }
    for (auto& cp : plan.components) order_settings(cp);
    plans.push_back(std::move(plan));
  }
  return plans;
}

}  // namespace deploy_advisor

namespace deploy_advisor {

std::vector<ProductPlan> compare_plan(const LoadedTopology& original, const LoadedTopology& revised,
                                      const std::vector<ProductSizing>& revised_sizing,
                                      const std::vector<AddedComponent>& added) {
  std::vector<ProductPlan> plans = make_plan(revised, revised_sizing);
  for (auto& plan : plans) {
    const LoadedProduct* before = nullptr;
    for (const auto& p : original.products)
      if (p.name == plan.product) before = &p;
    const LoadedProduct* after = nullptr;
    for (const auto& p : revised.products)
      if (p.name == plan.product) after = &p;
    std::unordered_map<std::string, const Value*> was_by_name, now_by_name;
    if (before)
      for (const auto& c : before->components.as_list()) was_by_name.emplace(c.get("name").as_string(), &c);
    if (after)
      for (const auto& c : after->components.as_list()) now_by_name.emplace(c.get("name").as_string(), &c);
    for (auto& cp : plan.components) {
      auto w = was_by_name.find(cp.name);
      const Value* was = w == was_by_name.end() ? nullptr : w->second;
      auto n = now_by_name.find(cp.name);
      const Value* now = n == now_by_name.end() ? nullptr : n->second;
      if (!was) {
        cp.to_add = true;
        for (const auto& a : added)
          if (a.product == plan.product && a.component == cp.name && cp.added_for.empty()) cp.added_for = a.answers;
        if (cp.added_for.empty() && !cp.figures.empty()) cp.added_for = cp.figures.front()->title;
      }
      for (const char* key : kSettingKeys) {
        std::optional<double> current = was ? current_value(*was, key) : std::nullopt;
        std::optional<double> revised_value = now ? current_value(*now, key) : std::nullopt;
        ComponentPlan::Setting* s = nullptr;
        for (auto& x : cp.settings)
          if (x.key == key) s = &x;
        if (!s && !current && !revised_value) continue;
        if (!s) {
          cp.settings.push_back({key, std::nullopt, std::nullopt});
          s = &cp.settings.back();
        }
        s->current = current;
        if (revised_value && (!current || *revised_value != *current))
          s->recommended = std::max(s->recommended.value_or(0), *revised_value);
      }
      order_settings(cp);
    }
  }
  return plans;
}

}  // namespace deploy_advisor
