#include <optional>

#include <fmt/format.h>

#include "lang/evaluator.hpp"

namespace deploy_advisor::lang {

namespace {

std::string_view macro_name(MacroKind kind) {
  switch (kind) {
    case MacroKind::All:
      return "all";
    case MacroKind::Exists:
      return "exists";
    case MacroKind::ExistsOne:
      return "exists_one";
    case MacroKind::Filter:
      return "filter";
    case MacroKind::Map:
      return "map";
  }
  return "?";
}

}  // namespace

// The list macros iterate a list's elements or, as in CEL, a map's keys. An unset receiver
// iterates nothing, so `components.all(...)` holds and `components.exists(...)` does not when
// there are no components.
Value Evaluator::macro(const SyntaxNode& node) {
  Value receiver = evaluate(*node.children[0]);
  if (receiver.is_error()) return receiver;
  Location at = receiver.location();
  Value::List keys;
  const Value::List* items = &keys;
  if (receiver.is_list()) {
    items = &receiver.as_list();
  } else if (receiver.is_map()) {
    meter_.charge(receiver.as_map().size());
    for (const auto& [key, value] : receiver.as_map())
      keys.push_back(Value::string(key, value.location()));
  } else if (!receiver.is_unset()) {
    return error_at(*node.children[0],
                    fmt::format("{}() needs a list or a map, got {}", macro_name(node.macro),
                                kind_name(receiver.kind())));
  }

  const SyntaxNode& body = *node.children[1];
  auto not_bool = [&](const SyntaxNode& predicate, const Value& result) {
    return error_at(predicate, fmt::format("the predicate of {}() must give a bool, got {}",
                                           macro_name(node.macro), kind_name(result.kind())));
  };

  switch (node.macro) {
    case MacroKind::All:
    case MacroKind::Exists: {
      // The deciding answer (false for all, true for exists) wins over errors, as in CEL.
      bool deciding = node.macro == MacroKind::Exists;
      std::optional<Value> first_error;
      for (const Value& item : *items) {
        meter_.charge();
        Value result = evaluate_with(body, node.local_slot, item);
        if (result.is_bool()) {
          if (result.as_bool() == deciding) return Value::boolean(deciding, at);
        } else if (!first_error) {
          first_error = result.is_error() ? result : not_bool(body, result);
        }
      }
      if (first_error) return *first_error;
      return Value::boolean(!deciding, at);
    }
    case MacroKind::ExistsOne: {
      std::size_t count = 0;
      for (const Value& item : *items) {
        meter_.charge();
        Value result = evaluate_with(body, node.local_slot, item);
        if (result.is_error()) return result;
        if (!result.is_bool()) return not_bool(body, result);
        if (result.as_bool()) ++count;
      }
      return Value::boolean(count == 1, at);
    }
    case MacroKind::Filter:
    case MacroKind::Map: {
      bool transforms = node.macro == MacroKind::Map;
      const SyntaxNode* predicate = transforms ? nullptr : &body;
      if (transforms && node.children.size() == 3) predicate = &body;
      const SyntaxNode& transform = *node.children.back();
      Value::List output;
      for (const Value& item : *items) {
        meter_.charge();
        if (predicate) {
          Value keep = evaluate_with(*predicate, node.local_slot, item);
          if (keep.is_error()) return keep;
          if (!keep.is_bool()) return not_bool(*predicate, keep);
          if (!keep.as_bool()) continue;
        }
        if (!transforms) {
          output.push_back(item);
          continue;
        }
        Value mapped = evaluate_with(transform, node.local_slot, item);
        if (mapped.is_error()) return mapped;
        output.push_back(std::move(mapped));
      }
      return Value::list(std::move(output), at);
    }
  }
  return receiver;
}

}  // namespace deploy_advisor::lang
