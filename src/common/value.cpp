#include "deploy_advisor/common/value.hpp"

#include <cmath>
#include <cstdio>
#include <unordered_map>

#include <fmt/format.h>

namespace deploy_advisor {

namespace {
const std::string kEmptyString;
const Value::List kEmptyList;
const Value::Map kEmptyMap;
}  // namespace

struct Value::IndexedMap {
  // Below this many entries a scan is as fast as hashing the key.
  static constexpr std::size_t kIndexFrom = 16;
  Map entries;
  std::unordered_map<std::string_view, std::size_t> index;  // views into entries' keys
};

Value Value::map(Map entries, Location at) {
  Value v(Kind::Map, at);
  auto stored = std::make_shared<IndexedMap>();
  stored->entries = std::move(entries);
  if (stored->entries.size() >= IndexedMap::kIndexFrom) {
    stored->index.reserve(stored->entries.size());
    for (std::size_t i = 0; i < stored->entries.size(); ++i)
      stored->index.emplace(stored->entries[i].first, i);  // the first of equal keys wins
  }
  v.payload_ = std::move(stored);
  return v;
}

const std::string& Value::as_string() const {
  return (kind_ == Kind::String || kind_ == Kind::Error) && payload_
             ? *static_cast<const std::string*>(payload_.get())
             : kEmptyString;
}
const Value::List& Value::as_list() const {
  return kind_ == Kind::List && payload_ ? *static_cast<const List*>(payload_.get()) : kEmptyList;
}
const Value::Map& Value::as_map() const {
  return kind_ == Kind::Map && payload_ ? static_cast<const IndexedMap*>(payload_.get())->entries
                                        : kEmptyMap;
}

const Value* Value::find(std::string_view key) const {
  if (kind_ != Kind::Map || !payload_) return nullptr;
  const auto& stored = *static_cast<const IndexedMap*>(payload_.get());
  if (!stored.index.empty()) {
    auto it = stored.index.find(key);
    return it == stored.index.end() ? nullptr : &stored.entries[it->second].second;
  }
  for (const auto& [k, v] : stored.entries)
    if (k == key) return &v;
  return nullptr;
}

Value Value::get(std::string_view key) const {
  if (const Value* v = find(key)) return *v;
  return absent(location_);
}

bool equal(const Value& a, const Value& b) {
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case Value::Kind::Absent:
    case Value::Kind::Null:
      return true;
    case Value::Kind::Bool:
      return a.as_bool() == b.as_bool();
    case Value::Kind::Number:
      return a.as_number() == b.as_number();
    case Value::Kind::String:
    case Value::Kind::Error:
      return a.as_string() == b.as_string();
    case Value::Kind::List: {
      const auto& x = a.as_list();
      const auto& y = b.as_list();
      if (x.size() != y.size()) return false;
      for (std::size_t i = 0; i < x.size(); ++i)
        if (!equal(x[i], y[i])) return false;
      return true;
    }
    case Value::Kind::Map: {
      const auto& x = a.as_map();
      if (x.size() != b.as_map().size()) return false;
      for (const auto& [k, v] : x) {
        const Value* other = b.find(k);
        if (!other || !equal(v, *other)) return false;
      }
      return true;
    }
  }
  return false;
}

namespace {

std::string group_thousands(std::string digits) {
  std::string out;
  int count = 0;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (count && count % 3 == 0) out.insert(out.begin(), ',');
    out.insert(out.begin(), *it);
    ++count;
  }
  return out;
}

std::string display_number(double n) {
  if (std::isnan(n)) return "NaN";
  if (std::isinf(n)) return n < 0 ? "-infinity" : "infinity";
  bool negative = n < 0;
  double magnitude = std::fabs(n);
  // Two decimals at most: figures in messages are sizes and rates, not exact data.
  double rounded = std::round(magnitude * 100) / 100;
  double whole = std::floor(rounded);
  std::string text;
  if (whole >= 1e15) {
    text = fmt::format("{:.6g}", rounded);
  } else {
    text = group_thousands(fmt::format("{:.0f}", whole));
    long cents = std::lround((rounded - whole) * 100);
    if (cents) {
      std::string frac = fmt::format("{:02d}", cents);
      if (frac.back() == '0') frac.pop_back();
      text += "." + frac;
    }
  }
  if (negative && text != "0") text.insert(text.begin(), '-');
  return text;
}

}  // namespace

std::string display(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::Absent:
    case Value::Kind::Null:
      return "unset";
    case Value::Kind::Bool:
      return value.as_bool() ? "true" : "false";
    case Value::Kind::Number:
      return display_number(value.as_number());
    case Value::Kind::String:
      return value.as_string();
    case Value::Kind::Error:
      return "<error: " + value.as_string() + ">";
    case Value::Kind::List: {
      std::string out = "[";
      bool first = true;
      for (const auto& item : value.as_list()) {
        if (!first) out += ", ";
        first = false;
        out += display(item);
      }
      return out + "]";
    }
    case Value::Kind::Map: {
      std::string out = "{";
      bool first = true;
      for (const auto& [k, v] : value.as_map()) {
        if (!first) out += ", ";
        first = false;
        out += k + ": " + display(v);
      }
      return out + "}";
    }
  }
  return {};
}

std::string_view kind_name(Value::Kind kind) {
  switch (kind) {
    case Value::Kind::Absent:
      return "absent";
    case Value::Kind::Null:
      return "null";
    case Value::Kind::Bool:
      return "bool";
    case Value::Kind::Number:
      return "number";
    case Value::Kind::String:
      return "string";
    case Value::Kind::List:
      return "list";
    case Value::Kind::Map:
      return "map";
    case Value::Kind::Error:
      return "error";
  }
  return "?";
}

}  // namespace deploy_advisor
