#include "lang/builtins.hpp"

namespace deploy_advisor::lang::builtins {

namespace {

std::size_t count_characters(const std::string& text) {
  std::size_t count = 0;
  for (char c : text)
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++count;
  return count;
}

}  // namespace

// Unset collections read as empty everywhere, as they do for the list macros.

Value size(const CallContext& call) {
  const Value& x = call.arguments[0];
  Location at = x.location();
  switch (x.kind()) {
    case Value::Kind::Absent:
    case Value::Kind::Null:
      return Value::number(0, at);
    case Value::Kind::List:
      return Value::number(static_cast<double>(x.as_list().size()), at);
    case Value::Kind::Map:
      return Value::number(static_cast<double>(x.as_map().size()), at);
    case Value::Kind::String:
      return Value::number(static_cast<double>(count_characters(x.as_string())), at);
    case Value::Kind::Bool:
    case Value::Kind::Number:
    case Value::Kind::Error:
      break;
  }
  return call.type_error("a list, map or string", x);
}

Value flatten(const CallContext& call) {
  const Value& list = call.arguments[0];
  if (list.is_unset()) return Value::list({}, list.location());
  if (!list.is_list()) return call.type_error("a list", list);
  Value::List flat;
  for (const Value& item : list.as_list()) {
    if (item.is_list()) {
      call.meter.charge(item.as_list().size() + 1);
      flat.insert(flat.end(), item.as_list().begin(), item.as_list().end());
    } else {
      call.meter.charge();
      flat.push_back(item);
    }
  }
  return Value::list(std::move(flat), list.location());
}

Value keys(const CallContext& call) {
  const Value& map = call.arguments[0];
  if (map.is_unset()) return Value::list({}, map.location());
  if (!map.is_map()) return call.type_error("a map", map);
  call.meter.charge(map.as_map().size());
  Value::List names;
  for (const auto& [key, value] : map.as_map())
    names.push_back(Value::string(key, value.location()));
  return Value::list(std::move(names), map.location());
}

Value values(const CallContext& call) {
  const Value& map = call.arguments[0];
  if (map.is_unset()) return Value::list({}, map.location());
  if (!map.is_map()) return call.type_error("a map", map);
  call.meter.charge(map.as_map().size());
  Value::List items;
  for (const auto& entry : map.as_map()) items.push_back(entry.second);
  return Value::list(std::move(items), map.location());
}

}  // namespace deploy_advisor::lang::builtins
