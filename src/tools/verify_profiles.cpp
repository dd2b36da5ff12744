// Build step: loads the built-in profiles as a user's --profiles folder is loaded (every
// expression and template compiled, duplicate ids and missing fields rejected) and checks the
// names expressions take from the profiles themselves: `sizing.<figure>` (defined for the
// product, and before the figure that uses it), `assumptions['<name>']` and
// `defaults['<name>']`. It checks the products' sections against the rest: a figure's `add`
// and `components_by_role.<role>` name a declared role, and the general profile's `products:`
// lists every product with a section. A broken built-in rule, figure or section fails the
// build at its profile line.
// Usage: verify_profiles [--stamp FILE] NAME=PROFILE...
#include <algorithm>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include <fmt/format.h>

#include "deploy_advisor/common/diagnostics.hpp"
#include "deploy_advisor/lang/lang.hpp"
#include "deploy_advisor/engine/profile.hpp"
#include "deploy_advisor/load/readers.hpp"
#include "deploy_advisor/model/topology.hpp"

namespace {

using deploy_advisor::InputError;
using deploy_advisor::Profile;
using deploy_advisor::ProfileSet;
using deploy_advisor::lang::Expression;

/// The names a product's expressions may take from the profiles.
struct KnownNames {
  std::set<std::string> figures;      // every figure of the product
  std::set<std::string> assumptions;  // the product's and the general profile's
  std::set<std::string> defaults;
  std::set<std::string> roles;  // empty when no profile declares the product's section
};

class Verifier {
 public:
  explicit Verifier(const ProfileSet& set) : set_(set) {}

  std::vector<InputError> run() {
    check_product_order();
    for (const auto& profile : set_.profiles()) {
      KnownNames names = known_to(profile.product);
      for (const auto& figure : profile.figures) check_added_role(figure, names);
      // Figures are computed in order: each may use the ones before it.
      std::set<std::string> earlier;
      for (const auto& figure : profile.figures) {
        KnownNames so_far = names;
        so_far.figures = earlier;
        std::string what = fmt::format("figure {}", figure.name);
        for (const auto* e : {figure.formula.get(), figure.when.get(), figure.applies_to.get(),
                              figure.add_when.get()})
          if (e) check(*e, so_far, what, names.figures);
        if (figure.explain) {
          // The explanation is rendered once the figure exists.
          so_far.figures.insert(figure.name);
          for (const auto& span : figure.explain->spans()) check(*span, so_far, what, names.figures);
        }
        earlier.insert(figure.name);
      }
      for (const auto& rule : profile.rules) {
        std::string what = fmt::format("rule {}", rule.id);
        for (const auto* lazy : {&rule.each, &rule.when, &rule.location, &rule.component})
          if (*lazy)
            if (const Expression* e = lazy->get()) check(*e, names, what, names.figures);
        for (const auto& patch : rule.patches)
          if (const Expression* e = patch.value.get()) check(*e, names, what, names.figures);
        for (const auto& name : rule.code_reads_defaults)
          if (!names.defaults.count(name))
            errors_.push_back({rule.defined_at,
                               fmt::format("{}: its check in {} reads the default '{}', which the "
                                           "profiles of this product do not define{}",
                                           what, rule.implemented_in.front(), name,
                                           suggestion(name, names.defaults))});
        for (const auto* lazy : {&rule.message, &rule.fix})
          if (*lazy)
            if (const auto* t = lazy->get())
              for (const auto& span : t->spans()) check(*span, names, what, names.figures);
      }
    }
    return std::move(errors_);
  }

 private:
  /// The general profile's `products:` names every product with a section, and no product
  /// whose profile has none.
  void check_product_order() {
    const Profile* general = nullptr;
    for (const auto& p : set_.profiles())
      if (p.product == "general" && !p.product_order.empty()) general = &p;
    if (!general) return;
    std::set<std::string> declared, undeclared;
    for (const auto& p : set_.profiles()) {
      if (!p.declares || p.declares->open) {
        if (p.product != "general") undeclared.insert(p.product);
      } else {
        declared.insert(p.product);
        if (std::find(general->product_order.begin(), general->product_order.end(), p.product) ==
            general->product_order.end())
          errors_.push_back({p.declares->defined_at,
                             fmt::format("section: {} is missing from the general profile's "
                                         "products: list",
                                         p.product)});
      }
    }
    for (const auto& name : general->product_order)
      if (undeclared.count(name) && !declared.count(name))
        errors_.push_back({general->product_order_at,
                           fmt::format("products: no profile declares a section for '{}'", name)});
  }

  /// A component a figure adds has a role its product declares.
  void check_added_role(const deploy_advisor::SizingFigure& figure, const KnownNames& names) {
    if (!figure.add || names.roles.empty()) return;
    const auto* role = figure.add->find("role");
    if (!role || names.roles.count(role->text())) return;
    errors_.push_back({role->location(),
                       fmt::format("figure {}: adds a component of role '{}', which the product's "
                                   "section does not declare{}",
                                   figure.name, role->text(), suggestion(role->text(), names.roles))});
  }

  KnownNames known_to(const std::string& product) const {
    KnownNames names;
    for (const auto& p : set_.profiles()) {
      // The roles of the product's section. A general rule may name a role of any product,
      // one a --profiles profile declares too, so its roles are not checked.
      if (p.declares && !p.declares->open && p.product == product)
        for (const auto& r : p.declares->roles) names.roles.insert(r.name);
      bool all_products = product == "general";  // a general rule runs for every product
      if (p.product == product || all_products)
        for (const auto& f : p.figures) names.figures.insert(f.name);
      if (p.product == product || p.product == "general" || all_products) {
        for (const auto& a : p.assumptions) names.assumptions.insert(a.name);
        for (const auto& d : p.defaults) names.defaults.insert(d.name);
      }
    }
    return names;
  }

  void check(const Expression& expression, const KnownNames& names, const std::string& what,
             const std::set<std::string>& all_figures) {
    for (const auto& ref : deploy_advisor::lang::member_references(expression)) {
      const std::set<std::string>* known = nullptr;
      std::string kind;
      if (ref.variable == "sizing") known = &names.figures, kind = "figure";
      else if (ref.variable == "assumptions") known = &names.assumptions, kind = "assumption";
      else if (ref.variable == "defaults") known = &names.defaults, kind = "default";
      else if (ref.variable == "components_by_role" && !names.roles.empty()) known = &names.roles, kind = "role";
      if (!known || known->count(ref.member)) continue;
      std::string message =
          ref.variable == "sizing" && all_figures.count(ref.member)
              ? fmt::format("{}: sizing.{} is defined after this figure; figures are computed in "
                            "order, so move it before",
                            what, ref.member)
              : fmt::format("{}: no {} named '{}' in the profiles of this product{}", what, kind,
                            ref.member, suggestion(ref.member, *known));
      errors_.push_back({ref.location, message});
    }
  }

  static std::string suggestion(const std::string& name, const std::set<std::string>& known) {
    std::vector<std::string> candidates(known.begin(), known.end());
    std::string best = deploy_advisor::did_you_mean(name, candidates);
    return best.empty() ? std::string() : fmt::format("; did you mean '{}'?", best);
  }

  const ProfileSet& set_;
  std::vector<InputError> errors_;
};

}  // namespace

int main(int argc, char** argv) {
  std::string stamp;
  ProfileSet set;
  std::vector<InputError> errors;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--stamp" && i + 1 < argc) {
      stamp = argv[++i];
      continue;
    }
    auto eq = arg.find('=');
    std::string name = arg.substr(0, eq), path = eq == std::string::npos ? arg : arg.substr(eq + 1);
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    if (!in) {
      std::cerr << path << ": error: cannot read profile\n";
      return 1;
    }
    // Errors name the file as given, so that the build log points at it.
    auto parsed = deploy_advisor::parse_yaml(buffer.str(), deploy_advisor::intern_file_name(path));
    if (!parsed.ok()) {
      errors.insert(errors.end(), parsed.errors.begin(), parsed.errors.end());
      continue;
    }
    set.add(parsed.root, path, errors, true);
  }
  for (auto& e : Verifier(set).run()) errors.push_back(std::move(e));
  // In file order, each once (a key read for two purposes reports its absence twice).
  std::sort(errors.begin(), errors.end(), [](const InputError& a, const InputError& b) {
    return std::make_tuple(a.location.file_name(), a.location.line, a.location.column) <
           std::make_tuple(b.location.file_name(), b.location.line, b.location.column);
  });
  std::vector<std::string> printed;
  for (const auto& e : errors) {
    std::string line = deploy_advisor::format_input_error(e);
    if (std::find(printed.begin(), printed.end(), line) != printed.end()) continue;
    std::cerr << line << "\n";
    printed.push_back(std::move(line));
  }
  if (!printed.empty()) {
    std::cerr << fmt::format("verify_profiles: {} error(s) in the profiles\n", printed.size());
    return 1;
  }
  if (!stamp.empty()) std::ofstream(stamp, std::ios::binary) << "verified\n";
  return 0;
}
