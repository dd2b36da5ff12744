#include "lang/checker.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include <fmt/format.h>

#include "deploy_advisor/common/diagnostics.hpp"
#include "lang/functions.hpp"
#include "lang/regex_cache.hpp"

namespace deploy_advisor::lang {

namespace {

struct MacroName {
  std::string_view name;
  MacroKind kind;
};

constexpr std::array kMacros{
    MacroName{"all", MacroKind::All},
    MacroName{"exists", MacroKind::Exists},
    MacroName{"exists_one", MacroKind::ExistsOne},
    MacroName{"filter", MacroKind::Filter},
    MacroName{"map", MacroKind::Map},
};

const MacroName* find_macro(std::string_view name) {
  for (const auto& macro : kMacros)
    if (macro.name == name) return &macro;
  return nullptr;
}

struct CheckFailure {
  CompileError error;
};

std::string with_suggestion(std::string message, const std::string& suggestion) {
  if (!suggestion.empty()) message += "; did you mean '" + suggestion + "'?";
  return message;
}

std::string count_arguments(std::size_t count) {
  return fmt::format("{} argument{}", count, count == 1 ? "" : "s");
}

class Checker {
 public:
  explicit Checker(const std::vector<std::string>& names) : names_(names) {}

  void visit(SyntaxNode& node) {
    switch (node.kind) {
      case NodeKind::Name:
        resolve_name(node);
        return;
      case NodeKind::Call:
        resolve_call(node);
        return;
      case NodeKind::Let:
        resolve_let(node);
        return;
      default:
        for (auto& child : node.children) visit(*child);
        return;
    }
  }

 private:
  [[noreturn]] static void fail(const SyntaxNode& node, std::string message) {
    throw CheckFailure{CompileError{node.location, std::move(message)}};
  }

  void resolve_name(SyntaxNode& node) {
    for (std::size_t slot = locals_.size(); slot-- > 0;) {
      if (locals_[slot] == node.name) {
        node.is_local = true;
        node.local_slot = slot;
        return;
      }
    }
    if (std::find(names_.begin(), names_.end(), node.name) != names_.end()) return;
    if (const FunctionSpec* function = find_function(node.name))
      fail(node, fmt::format("'{}' is a function: call it, as in {}", node.name, function->usage));
    std::vector<std::string> candidates = names_;
    candidates.insert(candidates.end(), locals_.begin(), locals_.end());
    fail(node,
         with_suggestion("unknown name '" + node.name + "'", did_you_mean(node.name, candidates)));
  }

  void resolve_call(SyntaxNode& node) {
    if (node.name == "has") return resolve_has(node);
    if (const MacroName* macro = find_macro(node.name)) return resolve_macro(node, *macro);
    const FunctionSpec* spec = find_function(node.name);
    if (!spec) {
      std::vector<std::string> candidates = function_names();
      for (const auto& macro : kMacros) candidates.emplace_back(macro.name);
      candidates.emplace_back("has");
      fail(node, with_suggestion("unknown function '" + node.name + "'",
                                 did_you_mean(node.name, candidates)));
    }
    if (node.has_receiver && spec->style == CallStyle::Global)
      fail(node, fmt::format("{}() is not a method: write {}", spec->name, spec->usage));
    if (!node.has_receiver && spec->style == CallStyle::Method)
      fail(node, fmt::format("{}() is a method: write {}", spec->name, spec->usage));
    std::size_t given = node.children.size();
    if (given < spec->min_arguments || given > spec->max_arguments) {
      // Counted as the author wrote them, without the receiver of a method call.
      std::size_t receiver = node.has_receiver ? 1 : 0;
      std::string expected =
          spec->min_arguments == spec->max_arguments
              ? count_arguments(spec->min_arguments - receiver)
          : spec->max_arguments == kAnyNumber
              ? fmt::format("at least {}", count_arguments(spec->min_arguments - receiver))
              : fmt::format("{} to {}", spec->min_arguments - receiver,
                            count_arguments(spec->max_arguments - receiver));
      fail(node, fmt::format("{}() takes {}, got {}: write {}", spec->name, expected,
                             given - receiver, spec->usage));
    }
    node.function = spec;
    if (spec->name == "default") node.kind = NodeKind::Default;
    if (spec->name == "matches") compile_literal_pattern(node);
    for (auto& child : node.children) visit(*child);
  }

  void resolve_has(SyntaxNode& node) {
    if (node.has_receiver)
      fail(node, "has() is not a method: write has(component.tls), for example");
    if (node.children.size() != 1 ||
        (node.children[0]->kind != NodeKind::Member && node.children[0]->kind != NodeKind::Index))
      fail(node, "has() takes one member access, as in has(component.tls)");
    node.kind = NodeKind::Has;
    visit(*node.children[0]);
  }

  void resolve_macro(SyntaxNode& node, const MacroName& macro) {
    bool is_map = macro.kind == MacroKind::Map;
    std::string usage = is_map ? "list.map(x, expression) or list.map(x, predicate, expression)"
                               : fmt::format("list.{}(x, predicate)", macro.name);
    if (!node.has_receiver)
      fail(node, fmt::format("{}() is a method: write {}", macro.name, usage));
    std::size_t given = node.children.size() - 1;
    if (given != 2 && !(is_map && given == 3))
      fail(node, fmt::format("{}() takes {} arguments, got {}: write {}", macro.name,
                             is_map ? "2 or 3" : "2", given, usage));
    const SyntaxNode& variable = *node.children[1];
    if (variable.kind != NodeKind::Name || variable.parenthesized)
      fail(variable, fmt::format("the first argument of {}() must be a variable name, as in {}",
                                 macro.name, usage));
    node.kind = NodeKind::Macro;
    node.macro = macro.kind;
    node.name = variable.name;
    node.children.erase(node.children.begin() + 1);
    visit(*node.children[0]);
    node.local_slot = locals_.size();
    locals_.push_back(node.name);
    for (std::size_t i = 1; i < node.children.size(); ++i) visit(*node.children[i]);
    locals_.pop_back();
  }

  // The value is checked outside the binding, so `let x = x + 1; ...` reads an outer x.
  void resolve_let(SyntaxNode& node) {
    visit(*node.children[0]);
    node.local_slot = locals_.size();
    locals_.push_back(node.name);
    visit(*node.children[1]);
    locals_.pop_back();
  }

  static void compile_literal_pattern(SyntaxNode& node) {
    const SyntaxNode& pattern = *node.children[1];
    if (pattern.kind != NodeKind::Literal || !pattern.literal.is_string()) return;
    std::string error;
    node.pattern = compile_pattern(pattern.literal.as_string(), &error);
    if (!node.pattern)
      fail(pattern, "invalid regular expression '" + pattern.literal.as_string() + "': " + error);
  }

  const std::vector<std::string>& names_;
  std::vector<std::string> locals_;  // macro variables and let names in scope, innermost last
};

}  // namespace

std::optional<CompileError> check(SyntaxNode& root, const std::vector<std::string>& names) {
  try {
    Checker(names).visit(root);
    return std::nullopt;
  } catch (const CheckFailure& failure) {
    return failure.error;
  }
}

}  // namespace deploy_advisor::lang
