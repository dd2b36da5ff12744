#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "deploy_advisor/common/location.hpp"
#include "deploy_advisor/common/value.hpp"

/// The rule language: a documented subset of CEL (docs/rule-language.md). Expressions are
/// compiled once when a profile loads and evaluated many times; evaluation is total.
namespace deploy_advisor::lang {

class Expression;  // the compiled form; immutable and shareable across threads

struct CompileError {
  Location location;  // of the offending character, inside the profile file
  std::string message;
};

/// Compiles `text`. `origin` is where the text's first character is written (so errors point
/// into the profile file; for a multi-line text the line advances with the newlines).
/// `names` are the variables the expression may use: any other identifier that is not a
/// function or macro variable is a compile error ("unknown name 'x'; did you mean 'y'?").
struct CompileResult {
  std::shared_ptr<const Expression> expression;  // null on error
  std::optional<CompileError> error;
};
CompileResult compile(std::string_view text, Location origin, const std::vector<std::string>& names);

/// Variable bindings for one evaluation. Later bindings shadow earlier ones.
class Environment {
 public:
  void bind(std::string name, Value value) { bindings_.emplace_back(std::move(name), std::move(value)); }
  [[nodiscard]] const Value* lookup(std::string_view name) const;

 private:
  std::vector<std::pair<std::string, Value>> bindings_;
};

/// Work shared by every evaluation of one run of the rules on one topology, so that many
/// evaluations, each within its own limit, cannot add up to minutes (a custom profile with an
/// `each` over a huge list). Past it every evaluation gives an Error.
struct RunBudget {
  static constexpr std::size_t kDefaultSteps = 20'000'000;
  std::size_t remaining = kDefaultSteps;
};

struct EvalLimits {
  std::size_t max_steps = 1'000'000;  // operations per evaluation; past it the result is an Error
  RunBudget* run = nullptr;           // when set, the evaluation also draws on it
};

/// The longest text a message template renders to, in bytes; longer ones end in "…".
inline constexpr std::size_t kMaxRenderedBytes = 2000;

/// Evaluates; never throws and never loops without bound. Type mismatches, division by zero,
/// non-finite arithmetic and exceeded limits give an Error value with a message; a missing key
/// gives Absent (see Value).
Value evaluate(const Expression& expression, const Environment& environment,
               const EvalLimits& limits = {});

/// The expression's source text, for messages.
const std::string& source_text(const Expression& expression);

/// A member of a variable named literally: `sizing.api_replicas` or
/// `assumptions['tracardi.min_public_api']`. Lets the build check such names against what the
/// profiles define, which the compiler alone cannot (a map's keys are data).
struct MemberReference {
  std::string variable;
  std::string member;
  Location location;  // of the reference, inside the profile file
};
std::vector<MemberReference> member_references(const Expression& expression);

/// Interpolates `{{ expr }}` spans in a message template; every span is compiled once.
class Template {
 public:
  static std::pair<std::optional<Template>, std::optional<CompileError>> compile(
      std::string_view text, Location origin, const std::vector<std::string>& names);
  /// Renders each span with `display()`; a span that evaluates to an Error renders as
  /// `<error: message>` and sets *failed (when given).
  [[nodiscard]] std::string render(const Environment& environment, std::string* failure = nullptr,
                                   const EvalLimits& limits = {}) const;
  /// The compiled `{{ … }}` spans, in order.
  [[nodiscard]] const std::vector<std::shared_ptr<const Expression>>& spans() const { return spans_; }

 private:
  std::vector<std::string> literals_;                         // literals_.size() == spans_.size() + 1
  std::vector<std::shared_ptr<const Expression>> spans_;
};

}  // namespace deploy_advisor::lang
