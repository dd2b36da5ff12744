#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "deploy_advisor/lang/lang.hpp"
#include "deploy_advisor/common/location.hpp"
#include "deploy_advisor/common/value.hpp"

namespace lang_test {

using deploy_advisor::Location;
using deploy_advisor::Value;
namespace lang = deploy_advisor::lang;

/// Where test expressions are written: line 10, column 7 of rules.yaml.
inline Location origin() { return {deploy_advisor::intern_file_name("rules.yaml"), 10, 7}; }

inline Location at(std::uint32_t line, std::uint32_t column) {
  return {deploy_advisor::intern_file_name("rules.yaml"), line, column};
}

inline Location in_topology(std::uint32_t line, std::uint32_t column) {
  return {deploy_advisor::intern_file_name("topology.yaml"), line, column};
}

/// Evaluates a constant expression (no names): a compact way to build test data.
inline Value constant(std::string_view text) {
  auto compiled = lang::compile(text, origin(), {});
  REQUIRE_FALSE(compiled.error);
  return lang::evaluate(*compiled.expression, {});
}

/// Variables for expressions under test, bound and declared together.
class Scope {
 public:
  Scope& bind(std::string name, Value value) {
    names_.push_back(name);
    environment_.bind(std::move(name), std::move(value));
    return *this;
  }

  /// Compiles `text` (which must compile) and evaluates it.
  [[nodiscard]] Value run(std::string_view text, lang::EvalLimits limits = {}) const {
    auto compiled = lang::compile(text, origin(), names_);
    INFO(text);
    if (compiled.error) FAIL_CHECK("compile error: " << compiled.error->message);
    REQUIRE(compiled.expression);
    return lang::evaluate(*compiled.expression, environment_, limits);
  }

  /// Compiles `text`, which must fail, and returns the error.
  [[nodiscard]] lang::CompileError compile_error(std::string_view text) const {
    auto compiled = lang::compile(text, origin(), names_);
    INFO(text);
    REQUIRE(compiled.error);
    CHECK_FALSE(compiled.expression);
    return *compiled.error;
  }

  [[nodiscard]] const lang::Environment& environment() const { return environment_; }
  [[nodiscard]] const std::vector<std::string>& names() const { return names_; }

 private:
  lang::Environment environment_;
  std::vector<std::string> names_;
};

/// Evaluates an expression that uses no names.
inline Value run(std::string_view text) { return Scope().run(text); }

inline bool is_true(const Value& value) { return value.is_bool() && value.as_bool(); }
inline bool is_false(const Value& value) { return value.is_bool() && !value.as_bool(); }
inline bool is_number(const Value& value, double expected) {
  return value.is_number() && value.as_number() == expected;
}
inline bool is_string(const Value& value, std::string_view expected) {
  return value.is_string() && value.as_string() == expected;
}
/// An Error whose message contains `part`.
inline bool is_error(const Value& value, std::string_view part = {}) {
  return value.is_error() && value.as_string().find(part) != std::string::npos;
}

}  // namespace lang_test

namespace Catch {
template <>
struct StringMaker<deploy_advisor::Value> {
  static std::string convert(const deploy_advisor::Value& value) {
    return std::string(deploy_advisor::kind_name(value.kind())) + " " + display(value);
  }
};
template <>
struct StringMaker<deploy_advisor::Location> {
  static std::string convert(const deploy_advisor::Location& location) {
    return deploy_advisor::to_string(location);
  }
};
}  // namespace Catch
