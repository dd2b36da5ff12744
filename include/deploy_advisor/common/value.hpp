#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "deploy_advisor/common/location.hpp"

namespace deploy_advisor {

/// A value seen by the rule language: the topology, native configs and computed figures are
/// all turned into Values once, when a topology loads. Values are immutable and cheap to copy
/// (lists and maps are shared).
///
/// Every value remembers where it is written. `Absent` is what a missing key or index reads as;
/// it carries the location of the nearest enclosing mapping, so a finding about a missing key
/// points there. `Error` is the defined result of an operation that has no answer (a type
/// mismatch, division by zero); it carries a message and propagates through operators.
class Value {
 public:
  enum class Kind { Absent, Null, Bool, Number, String, List, Map, Error };
  using List = std::vector<Value>;
  using Map = std::vector<std::pair<std::string, Value>>;  // keys unique, order as written

  Value() = default;
  static Value absent(Location at = {}) { return Value(Kind::Absent, at); }
  static Value null(Location at = {}) { return Value(Kind::Null, at); }
  static Value boolean(bool b, Location at = {}) {
    Value v(Kind::Bool, at);
    v.number_ = b ? 1 : 0;
    return v;
  }
  static Value number(double n, Location at = {}) {
    Value v(Kind::Number, at);
    v.number_ = n;
    return v;
  }
  static Value string(std::string s, Location at = {}) {
    Value v(Kind::String, at);
    v.payload_ = std::make_shared<const std::string>(std::move(s));
    return v;
  }
  static Value list(List items, Location at = {}) {
    Value v(Kind::List, at);
    v.payload_ = std::make_shared<const List>(std::move(items));
    return v;
  }
  /// A map of more than a few entries is indexed by key once, here, so that a member lookup
  /// (`components_by_name[c.behind]`) costs the same in a map of 10,000 components as in one
  /// of 3.
  static Value map(Map entries, Location at = {});
  static Value error(std::string message, Location at = {}) {
    Value v(Kind::Error, at);
    v.payload_ = std::make_shared<const std::string>(std::move(message));
    return v;
  }

  [[nodiscard]] Kind kind() const { return kind_; }
  [[nodiscard]] bool is_absent() const { return kind_ == Kind::Absent; }
  [[nodiscard]] bool is_null() const { return kind_ == Kind::Null; }
  [[nodiscard]] bool is_bool() const { return kind_ == Kind::Bool; }
  [[nodiscard]] bool is_number() const { return kind_ == Kind::Number; }
  [[nodiscard]] bool is_string() const { return kind_ == Kind::String; }
  [[nodiscard]] bool is_list() const { return kind_ == Kind::List; }
  [[nodiscard]] bool is_map() const { return kind_ == Kind::Map; }
  [[nodiscard]] bool is_error() const { return kind_ == Kind::Error; }
  /// Absent or null: "not set" for rules.
  [[nodiscard]] bool is_unset() const { return kind_ == Kind::Absent || kind_ == Kind::Null; }

  [[nodiscard]] bool as_bool() const { return number_ != 0; }
  [[nodiscard]] double as_number() const { return number_; }
  /// The string, or the error message; empty for other kinds.
  [[nodiscard]] const std::string& as_string() const;
  [[nodiscard]] const List& as_list() const;
  [[nodiscard]] const Map& as_map() const;

  /// Map member or Absent (located at this map, or at this value when it is not a map).
  [[nodiscard]] Value get(std::string_view key) const;
  /// Map member pointer or nullptr.
  [[nodiscard]] const Value* find(std::string_view key) const;

  [[nodiscard]] const Location& location() const { return location_; }
  [[nodiscard]] Value at(Location where) const {
    Value v = *this;
    v.location_ = where;
    return v;
  }

 private:
  Value(Kind kind, Location at) : kind_(kind), location_(at) {}

  struct IndexedMap;

  Kind kind_ = Kind::Absent;
  Location location_;
  double number_ = 0;
  // One pointer for every kind that shares data: a std::string (String, Error), a List or an
  // IndexedMap, as kind_ says. Values are everywhere; one pointer instead of three keeps
  // each one small.
  std::shared_ptr<const void> payload_;
};

/// Structural equality (numbers by value, lists element-wise, maps key by key regardless of
/// order); locations are ignored. Absent equals only Absent.
bool equal(const Value& a, const Value& b);

/// How a value prints in a message: numbers without trailing zeros and with thousands
/// separators (2,880; 1.25), strings as they are, lists as `[a, b]`, unset as `unset`.
std::string display(const Value& value);

/// The kind's name for type errors: "absent", "null", "bool", "number", "string", "list", "map".
std::string_view kind_name(Value::Kind kind);

}  // namespace deploy_advisor
