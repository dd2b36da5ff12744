#include <algorithm>
#include <cctype>
#include <cmath>
#include <unordered_map>

#include <fmt/format.h>

#include "deploy_advisor/engine/config.hpp"
#include "deploy_advisor/engine/engine.hpp"
#include "engine/product_environment.hpp"

namespace deploy_advisor {

/// A figure that cannot be computed: located at the user's input that most likely caused it
/// (an overridden assumption, else the first traffic input it needs), naming every input.
InputError sizing_error(const LoadedProduct& product, const SizingFigure& figure,
                        const ProductSizing& sizing, const std::string& problem) {
  std::string inputs;
  Location at = product.location;
  // The traffic inputs it needs, and those its formula reads without declaring them.
  std::vector<std::string> read = figure.needs;
  for (const auto& [key, value] : product.traffic.as_map())
    if (std::find(read.begin(), read.end(), key) == read.end() &&
        (figure.formula_text.find("volume." + key) != std::string::npos ||
         figure.formula_text.find("traffic." + key) != std::string::npos))
      read.push_back(key);
  for (const auto& need : read) {
    if (const Value* v = product.traffic.find(need)) {
      inputs += fmt::format("{}{} = {} ({})", inputs.empty() ? "" : ", ", need, display(*v),
                            to_string(v->location()));
      if (at == product.location) at = v->location();
    }
  }
  for (const auto& a : sizing.assumptions) {
    if (!a.overridden) continue;  // an override is the likeliest cause, even through another figure
    inputs += fmt::format("{}assumption {} = {} ({})", inputs.empty() ? "" : ", ", a.name,
                          display(Value::number(a.value)), to_string(a.location));
    at = a.location;
  }
  for (const auto& f : sizing.figures)
    if (figure.formula_text.find("sizing." + f.name) != std::string::npos)
      inputs += fmt::format("{}{} = {}", inputs.empty() ? "" : ", ", f.name, display(Value::number(f.value)));
  return {at, fmt::format("sizing figure {}.{} cannot be computed: {}{}; its formula is at {}",
                          product.name, figure.name, problem,
                          inputs.empty() ? std::string() : " (inputs: " + inputs + ")",
                          to_string(figure.defined_at))};
}

namespace {

/// Why a figure that applies gave no value: the profile's `unavailable` text, else the
/// earlier figure it reads that was not computed, else its formula's unset input in general.
std::string missing_input(const SizingFigure& figure, const lang::Environment& env,
                          const std::vector<UncomputedFigure>& not_computed) {
  if (figure.unavailable) {
    std::string text = figure.unavailable->render(env);
    if (!text.empty()) return text;
  }
  auto reads = [&](const std::string& name) {
    const std::string word = "sizing." + name;
    for (auto at = figure.formula_text.find(word); at != std::string::npos;
         at = figure.formula_text.find(word, at + 1)) {
      std::size_t end = at + word.size();
      if (end == figure.formula_text.size() ||
          !(std::isalnum(static_cast<unsigned char>(figure.formula_text[end])) || figure.formula_text[end] == '_'))
        return true;
    }
    return false;
  };
  for (const auto& earlier : not_computed)
    if (reads(earlier.name))
      return fmt::format("needs sizing.{}, which is not computed ({})", earlier.name, earlier.missing);
  return "an input its formula reads is unset";
}

}  // namespace

std::vector<ProductSizing> compute_sizing(const ProfileSet& profiles, const LoadedTopology& topology) {
  std::vector<ProductSizing> result;
  std::vector<InputError> errors;
  for (const auto& product : topology.products) {
    ProductSizing sizing;
    sizing.product = product.name;
    sizing.traffic = product.traffic;
    sizing.volume = apply_growth(product.traffic);
    for (const auto& profile : profiles.profiles()) {
      if (profile.product != product.name && profile.product != "general") continue;
      for (const auto& a : profile.assumptions) {
        UsedAssumption used{product.name, a.name, a.value, false, a.unit, a.basis, a.defined_at};
        if (const Value* override_value = product.assumptions.find(a.name)) {
          used.value = override_value->as_number();
          used.overridden = true;
          used.location = override_value->location();
        }
        sizing.assumptions.push_back(std::move(used));
      }
    }
    // Sizing draws on a budget that grows with the input, as the rules do: a figure sums
    // over every API of a 3,000-API Cortex section (about 330 steps each), which one
    // evaluation's fixed limit would cut short, while a formula that is quadratic in the
    // components still stops early.
    lang::RunBudget budget{run_steps(topology)};
    const lang::EvalLimits limits{50'000'000, &budget};
    // One environment per product; each computed figure is added by binding `sizing` anew
    // (a later binding shadows an earlier one), so later figures can use it.
    lang::Environment env = product_environment(topology, product, &sizing);
    bind_version(env, profiles, product);
    Value::Map figures_so_far;
    for (const auto& profile : profiles.profiles()) {
      if (profile.product != product.name) continue;
      for (const auto& figure : profile.figures) {
        std::vector<std::string> missing;
        for (const auto& need : figure.needs)
          if (!product.traffic.find(need)) missing.push_back(need);
        // A figure whose `when` is false does not apply (no Pulsar, no worker); one that
        // applies and cannot be computed is listed with the input it lacks, never dropped.
        bool applies = true;
        if (figure.when) {
          Value go = lang::evaluate(*figure.when, env, limits);
          applies = go.is_bool() && go.as_bool();
        }
        if (!missing.empty()) {
          for (auto& m : missing)
            if (std::find(sizing.missing_inputs.begin(), sizing.missing_inputs.end(), m) ==
                sizing.missing_inputs.end())
              sizing.missing_inputs.push_back(m);
          if (applies) {
            std::string keys;
            for (const auto& m : missing) keys += (keys.empty() ? "" : ", ") + std::string("traffic.") + m;
            sizing.not_computed.push_back({figure.name, figure.title, figure.unit,
                                           fmt::format("traffic input{} missing: {}", missing.size() > 1 ? "s" : "", keys)});
          }
          continue;
        }
        if (!applies) continue;
        Value v = lang::evaluate(*figure.formula, env, limits);
        if (v.is_unset()) {
          sizing.not_computed.push_back(
              {figure.name, figure.title, figure.unit, missing_input(figure, env, sizing.not_computed)});
          continue;
        }
        std::string problem;
        if (v.is_error()) problem = v.as_string();
        else if (!v.is_number()) problem = fmt::format("gave a {}, expected a number", kind_name(v.kind()));
        else if (!std::isfinite(v.as_number())) problem = "gave a non-finite number";
        else if (v.as_number() < 0) problem = fmt::format("gave a negative number ({})", display(v));
        if (!problem.empty()) {
          errors.push_back(sizing_error(product, figure, sizing, problem));
          continue;
        }
        Figure computed;
        computed.product = product.name;
        computed.name = figure.name;
        computed.title = figure.title;
        computed.unit = figure.unit;
        computed.basis = figure.basis;
        computed.formula = figure.formula_text;
        computed.value = v.as_number();
        computed.derived_from_traffic = !figure.needs.empty();
        computed.defined_at = figure.defined_at;
        if (figure.explain) {
          lang::Environment with_value = env;
          with_value.bind("value", v);
          std::string failure;
          computed.explanation = figure.explain->render(with_value, &failure, limits);
          if (!failure.empty())
            errors.push_back({figure.defined_at, fmt::format("sizing figure {}.{}: explain: {}",
                                                             product.name, figure.name, failure)});
        }
        computed.sets = figure.sets;
        if (figure.applies_to) {
          Value targets = lang::evaluate(*figure.applies_to, env, limits);
          for (const auto& c : targets.as_list())
            if (c.get("name").is_string()) computed.components.push_back(c.get("name").as_string());
        }
        if (!computed.sets.empty() && computed.components.empty() && figure.unavailable)
          computed.unplaced = figure.unavailable->render(env);
        if (figure.add && computed.components.empty()) {
          Value needed = figure.add_when ? lang::evaluate(*figure.add_when, env, limits) : Value::boolean(true);
          if (needed.is_bool() && needed.as_bool()) computed.add = *figure.add;
        }
        figures_so_far.emplace_back(computed.name, Value::number(computed.value, computed.defined_at));
        env.bind("sizing", Value::map(figures_so_far, product.location));
        sizing.figures.push_back(std::move(computed));
      }
    }
    std::sort(sizing.missing_inputs.begin(), sizing.missing_inputs.end());
    result.push_back(std::move(sizing));
  }
  if (!errors.empty()) throw InputFailure(std::move(errors));
  return result;
}

}  // namespace deploy_advisor
