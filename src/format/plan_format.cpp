#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "deploy_advisor/common/diagnostics.hpp"
#include "deploy_advisor/format/format.hpp"
#include "deploy_advisor/engine/plan.hpp"
#include "format/markdown_text.hpp"

namespace deploy_advisor {

namespace {

std::string figure_text(std::optional<double> v) {
  return v ? display(Value::number(*v)) : std::string("-");
}

std::string setting_text(const ComponentPlan::Setting* s) {
  if (!s) return "-";
  if (!s->recommended || (s->current && *s->recommended <= *s->current)) return figure_text(s->current);
  return figure_text(s->current) + " -> " + figure_text(s->recommended);
}

std::string basis_text(const ComponentPlan& cp) {
  std::string out;
  for (const Figure* f : cp.figures) {
    if (!out.empty()) out += "; ";
    out += f->title;
    if (!f->explanation.empty()) out += " " + f->explanation;
    out += " (" + f->basis + ")";
  }
  return out;
}

}  // namespace

void write_plan_text(const std::vector<ProductPlan>& plan, std::ostream& out) {
  bool first = true;
  for (const auto& p : plan) {
    if (!first) out << "\n";
    first = false;
    out << printable(p.title.empty() ? product_title(p.product) : p.title) << "\n";
    std::vector<std::vector<std::string>> rows = {
        {"component", "role", "replicas", "cpu", "memory_gb", "disk_gb", "max_connections", "basis"}};
    for (const auto& cp : p.components) {
      std::string basis = basis_text(cp);
      if (cp.to_add && !cp.added_for.empty()) basis = "added for " + cp.added_for + (basis.empty() ? "" : "; " + basis);
      rows.push_back({printable(cp.to_add ? cp.name + " (add)" : cp.name), printable(cp.role),
                      setting_text(cp.setting("replicas")), setting_text(cp.setting("cpu")),
                      setting_text(cp.setting("memory_gb")), setting_text(cp.setting("disk_gb")),
                      setting_text(cp.setting("max_connections")), printable(basis)});
    }
    std::vector<std::size_t> widths(rows[0].size(), 0);
    for (const auto& row : rows)
      for (std::size_t i = 0; i + 1 < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
    for (const auto& row : rows) {
      std::string line = "  ";
      for (std::size_t i = 0; i < row.size(); ++i)
        line += i + 1 < row.size() ? fmt::format("{:<{}}  ", row[i], widths[i]) : row[i];
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out << line << "\n";
    }
    // Every figure of the components, with its unit, whether or not it changes a setting.
    std::vector<const Figure*> shown;
    for (const auto& cp : p.components)
      for (const Figure* f : cp.figures)
        if (std::find(shown.begin(), shown.end(), f) == shown.end()) shown.push_back(f);
    for (const Figure* f : shown) {
      std::string where;
      for (const auto& name : f->components) where += (where.empty() ? "" : ", ") + printable(name);
      out << fmt::format("  {}{}: {}{}{}\n", printable(f->title), where.empty() ? "" : " (" + where + ")",
                         display(Value::number(f->value)), f->unit.empty() ? "" : " ", f->unit);
    }
    for (const Figure* f : p.capacity) {
      out << fmt::format("  {}: {}{}{}\n      {}{}\n", printable(f->title), display(Value::number(f->value)),
                         f->unit.empty() ? "" : " ", f->unit,
                         f->explanation.empty() ? "" : printable(f->explanation) + " ",
                         "(" + printable(f->basis) + ")");
      if (!f->unplaced.empty()) out << "      not applied: " << printable(f->unplaced) << "\n";
    }
    for (const auto& u : p.not_computed)
      out << fmt::format("  {}: not computed: {}\n", printable(u.title), printable(u.missing));
    if (!p.missing_inputs.empty()) {
      std::string keys;
      for (const auto& k : p.missing_inputs) keys += (keys.empty() ? "" : ", ") + printable(k);
      out << "  not sized: traffic inputs missing: " << keys << "\n";
    }
  }
}

void write_plan_json(const std::vector<ProductPlan>& plan, const std::vector<ProductSizing>& sizing,
                     std::ostream& out) {
  using Json = nlohmann::ordered_json;
  // Counts are integers in JSON (3, not 3.0); fractions stay numbers.
  auto number = [](std::optional<double> v) {
    if (!v) return Json(nullptr);
    if (std::floor(*v) == *v && std::fabs(*v) < 1e15) return Json(static_cast<long long>(*v));
    return Json(*v);
  };
  Json products = Json::object();
  for (const auto& p : plan) {
    Json components = Json::array();
    for (const auto& cp : p.components) {
      Json c = {{"name", cp.name}, {"role", cp.role}, {"to_add", cp.to_add}};
      if (cp.to_add) c["added_for"] = cp.added_for;
      for (const auto& s : cp.settings)
        c[s.key] = {{"current", number(s.current)}, {"recommended", number(s.recommended)}};
      c["basis"] = basis_text(cp);
      components.push_back(std::move(c));
    }
    Json storage = Json::array();
    for (const Figure* f : p.capacity) {
      Json figure = {{"name", f->name}, {"what", f->title}, {"value", number(f->value)}, {"unit", f->unit},
                     {"explanation", f->explanation}, {"formula", f->formula}, {"basis", f->basis}};
      if (!f->unplaced.empty()) figure["not_applied"] = f->unplaced;
      storage.push_back(std::move(figure));
    }
    Json not_computed = Json::array();
    for (const auto& u : p.not_computed)
      not_computed.push_back({{"name", u.name}, {"what", u.title}, {"unit", u.unit}, {"missing", u.missing}});
    Json assumptions = Json::array();
    for (const auto& s : sizing) {
      if (s.product != p.product) continue;
      for (const auto& a : s.assumptions)
        assumptions.push_back({{"name", a.name}, {"value", number(a.value)}, {"overridden", a.overridden},
                               {"basis", a.basis}});
    }
    products[p.product] = {{"components", components},
                           {"storage", storage},
                           {"assumptions", assumptions},
                           {"missing_inputs", p.missing_inputs},
                           {"not_computed", not_computed}};
  }
  out << Json{{"products", products}}.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace deploy_advisor
