#include <string>
#include <string_view>

#include <re2/re2.h>

#include "lang/builtins.hpp"
#include "lang/regex_cache.hpp"

namespace deploy_advisor::lang::builtins {

namespace {

/// Work on text is charged per 64 bytes, so long strings cost steps like long lists do.
std::size_t text_cost(std::size_t bytes) { return 1 + bytes / 64; }

/// For functions of a string and a string argument: unset gives Absent, other kinds an Error.
template <typename Operation>
Value on_two_strings(const CallContext& call, Operation operation) {
  const Value& text = call.arguments[0];
  const Value& argument = call.arguments[1];
  if (text.is_unset()) return Value::absent(text.location());
  if (argument.is_unset()) return Value::absent(argument.location());
  if (!text.is_string()) return call.type_error("a string", text);
  if (!argument.is_string()) return call.type_error("a string argument", argument);
  call.meter.charge(text_cost(text.as_string().size()));
  return operation(text.as_string(), argument.as_string());
}

template <typename Transform>
Value map_characters(const CallContext& call, Transform transform) {
  const Value& text = call.arguments[0];
  if (text.is_unset()) return Value::absent(text.location());
  if (!text.is_string()) return call.type_error("a string", text);
  call.meter.charge(text_cost(text.as_string().size()));
  std::string result = text.as_string();
  for (char& c : result) c = transform(c);
  return Value::string(std::move(result), text.location());
}

}  // namespace

Value to_string(const CallContext& call) {
  const Value& x = call.arguments[0];
  if (x.is_unset()) return Value::absent(x.location());
  if (x.is_string()) return x;
  return Value::string(display(x), x.location());
}

// An Error argument never arrives here (the evaluator returns it first), so a type test
// cannot turn a failure into a plain answer.
Value type_name(const CallContext& call) {
  const Value& x = call.arguments[0];
  return Value::string(std::string(kind_name(x.kind())), x.location());
}

Value format_number(const CallContext& call) {
  const Value& x = call.arguments[0];
  return Value::string(display(x), x.location());
}

Value starts_with(const CallContext& call) {
  return on_two_strings(call, [&](std::string_view text, std::string_view prefix) {
    return Value::boolean(text.starts_with(prefix), call.result_location());
  });
}

Value ends_with(const CallContext& call) {
  return on_two_strings(call, [&](std::string_view text, std::string_view suffix) {
    return Value::boolean(text.ends_with(suffix), call.result_location());
  });
}

Value contains(const CallContext& call) {
  return on_two_strings(call, [&](std::string_view text, std::string_view part) {
    return Value::boolean(text.find(part) != std::string_view::npos, call.result_location());
  });
}

Value lower(const CallContext& call) {
  return map_characters(
      call, [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
}

Value upper(const CallContext& call) {
  return map_characters(
      call, [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; });
}

Value matches(const CallContext& call) {
  return on_two_strings(call, [&](std::string_view text, std::string_view pattern) {
    std::shared_ptr<const re2::RE2> regex = call.node.pattern;
    if (!regex) {
      std::string error;
      regex = cached_pattern(pattern, &error);
      if (!regex)
        return call.error("got an invalid regular expression '" + std::string(pattern) +
                          "': " + error);
    }
    return Value::boolean(search(*regex, text), call.result_location());
  });
}

Value split(const CallContext& call) {
  return on_two_strings(call, [&](std::string_view text, std::string_view separator) {
    if (separator.empty()) return call.error("needs a non-empty separator");
    Value::List parts;
    Location at = call.result_location();
    std::size_t start = 0;
    while (true) {
      call.meter.charge();
      std::size_t found = text.find(separator, start);
      if (found == std::string_view::npos) {
        parts.push_back(Value::string(std::string(text.substr(start)), at));
        break;
      }
      parts.push_back(Value::string(std::string(text.substr(start, found - start)), at));
      start = found + separator.size();
    }
    return Value::list(std::move(parts), at);
  });
}

Value join(const CallContext& call) {
  const Value& list = call.arguments[0];
  std::string separator;
  if (call.arguments.size() > 1) {
    const Value& given = call.arguments[1];
    if (given.is_unset()) return Value::absent(given.location());
    if (!given.is_string()) return call.type_error("a string separator", given);
    separator = given.as_string();
  }
  if (list.is_unset()) return Value::string("", list.location());
  if (!list.is_list()) return call.type_error("a list", list);
  std::string joined;
  bool first = true;
  for (const Value& item : list.as_list()) {
    if (item.is_error()) return item;
    if (!first) joined += separator;
    first = false;
    std::string shown = display(item);
    call.meter.charge_text(joined.size() + shown.size() + separator.size());
    joined += shown;
  }
  return Value::string(std::move(joined), list.location());
}

}  // namespace deploy_advisor::lang::builtins
