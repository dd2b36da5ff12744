// One target per setting: when several rules and sizing figures recommend a value for the
// same component setting, every finding about it states the strictest, with all reasons.
#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "deploy_advisor/engine/engine.hpp"

namespace deploy_advisor {

namespace {

struct Requirement {
  double value = 0;
  std::string reason;  // a figure's title or a rule id
};

using SettingKey = std::tuple<std::string, std::string, std::string>;  // product, component, path

std::string setting_path(const std::string& sets) {
  return sets == "replicas" || sets == "max_connections" ? sets : "resources." + sets;
}

void add_requirement(std::vector<Requirement>& list, double value, const std::string& reason) {
  for (const auto& r : list)
    if (r.value == value && r.reason == reason) return;
  list.push_back({value, reason});
}

/// "8 (public API replicas, N+1 for the declared peak; DA005), 5 (TR001)": one entry per
/// distinct value, strictest first, every reason named once.
std::vector<std::string> reason_texts(std::vector<Requirement> list) {
  std::stable_sort(list.begin(), list.end(),
                   [](const Requirement& a, const Requirement& b) { return a.value > b.value; });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < list.size();) {
    std::string names;
    std::size_t j = i;
    for (; j < list.size() && list[j].value == list[i].value; ++j)
      names += (names.empty() ? "" : "; ") + list[j].reason;
    out.push_back(fmt::format("{} ({})", display(Value::number(list[i].value)), names));
    i = j;
  }
  return out;
}

}  // namespace

void resolve_targets(std::vector<Finding>& findings, const std::vector<ProductSizing>& sizing) {
  std::map<SettingKey, std::vector<Requirement>> requirements;
  auto numeric_remedy = [](const Finding& f, const Remedy& r) {
    return !f.component.empty() && r.value.is_number() && r.path.rfind("product.", 0) != 0;
  };
  for (const auto& f : findings)
    for (const auto& r : f.remedies)
      if (numeric_remedy(f, r))
        add_requirement(requirements[{f.product, f.component, r.path}], r.value.as_number(), f.rule_id);
  if (requirements.empty()) return;
  // Figures count only for settings some finding is about: a figure alone is the plan's business.
  for (const auto& product : sizing)
    for (const auto& figure : product.figures) {
      if (figure.sets.empty()) continue;
      double value = figure.sets == "replicas" || figure.sets == "max_connections" ? std::ceil(figure.value) : figure.value;
      for (const auto& component : figure.components) {
        auto it = requirements.find({product.product, component, setting_path(figure.sets)});
        if (it != requirements.end()) add_requirement(it->second, value, figure.title);
      }
    }
  for (auto& f : findings)
    for (auto& r : f.remedies) {
      if (!numeric_remedy(f, r)) continue;
      const auto& list = requirements[{f.product, f.component, r.path}];
      double strictest = 0;
      for (const auto& q : list) strictest = std::max(strictest, q.value);
      r.value = Value::number(strictest, r.value.location());
      Target target{fmt::format("products.{}.components.{}.{}", f.product, f.component, r.path),
                    Value::number(strictest), reason_texts(list)};
      if (target.reasons.size() > 1) {
        std::string all;
        for (const auto& reason : target.reasons) all += (all.empty() ? "" : ", ") + reason;
        f.message += fmt::format("; one target for {}: {}, the strictest of {}", r.path,
                                 display(target.value), all);
      }
      if (!f.target) f.target = std::move(target);
    }
}

}  // namespace deploy_advisor
