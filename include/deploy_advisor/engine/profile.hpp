#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "deploy_advisor/common/diagnostics.hpp"
#include "deploy_advisor/common/file_system.hpp"
#include "deploy_advisor/common/finding.hpp"
#include "deploy_advisor/lang/lang.hpp"
#include "deploy_advisor/common/node.hpp"
#include "deploy_advisor/model/schema.hpp"

namespace deploy_advisor {

/// A topology snippet that shows a rule: the topology text and any files it names.
struct RuleExample {
  std::string topology;
  std::vector<std::pair<std::string, std::string>> files;  // path -> content
  Location location;                                       // where it is written in the profile
  [[nodiscard]] bool empty() const { return topology.empty(); }
};

namespace detail {
// The one compile step per kind that Lazy needs; the type of the last argument picks it.
std::shared_ptr<const lang::Expression> compile_lazy(const std::string& text, Location at,
                                                     const std::vector<std::string>& names,
                                                     std::optional<lang::CompileError>& error,
                                                     const lang::Expression*);
std::shared_ptr<const lang::Template> compile_lazy(const std::string& text, Location at,
                                                   const std::vector<std::string>& names,
                                                   std::optional<lang::CompileError>& error,
                                                   const lang::Template*);
}  // namespace detail

/// A rule expression or message template compiled when it is first used. Most rules never
/// fire on a given topology, and a topology of one product should not pay for compiling every
/// product's rules; `rules`, `explain` and `validate` compile none. User profiles compile
/// eagerly so an error is reported when the profile loads; built-in ones are compiled by the
/// tests. Thread-safe: `check --jobs` checks several topologies against one profile set, and
/// the first thread to need an expression compiles it for all (copies share it).
template <typename Compiled>
class Lazy {
 public:
  Lazy() = default;
  Lazy(std::string text, Location at, std::shared_ptr<const std::vector<std::string>> names)
      : text_(std::move(text)), at_(at), names_(std::move(names)), state_(std::make_shared<State>()) {}
  [[nodiscard]] explicit operator bool() const { return state_ != nullptr; }
  [[nodiscard]] const std::string& text() const { return text_; }

  /// The compiled form, or null with the compile error in *error.
  const Compiled* get(std::optional<lang::CompileError>* error = nullptr) const {
    if (!state_) return nullptr;
    State& state = *state_;
    std::call_once(state.once, [&] {
      state.compiled =
          detail::compile_lazy(text_, at_, *names_, state.error, static_cast<const Compiled*>(nullptr));
    });
    if (error && state.error) *error = state.error;
    return state.compiled.get();
  }

 private:
  struct State {
    std::once_flag once;
    std::shared_ptr<const Compiled> compiled;
    std::optional<lang::CompileError> error;
  };

  std::string text_;
  Location at_;
  std::shared_ptr<const std::vector<std::string>> names_;
  std::shared_ptr<State> state_;  // null when there is no expression
};

using LazyExpression = Lazy<lang::Expression>;
using LazyTemplate = Lazy<lang::Template>;

/// A change that resolves a rule's finding (see Remedy).
struct RulePatch {
  std::string path;
  LazyExpression value;
};

/// One rule of a profile, compiled. See docs/profiles.md for the YAML form.
struct Rule {
  std::string id;
  std::string name;
  std::string product;  // a product name, or "general" for rules that apply to every product
  Severity severity = Severity::Warning;
  bool production_only = false;
  /// The product versions the rule holds for: from `since` (inclusive) to `until`
  /// (exclusive); empty is open. Without a declared version the latest release applies, so a
  /// rule with `until` does not run.
  std::string since;
  std::string until;
  std::string title;
  std::string rationale;
  std::string basis;
  /// The fix for people (docs, explain, SARIF help): `how_to_fix`, or `fix` with each
  /// `{{ … }}` span in words.
  std::string fix_text;
  /// Findings come from the loader (DA002), not from an expression.
  bool from_loader = false;
  /// Findings come from a check written in C++ (`source: code`), not from an expression:
  /// the files that implement it, for the rule's page, and the product defaults it reads.
  bool from_code = false;
  std::vector<std::string> implemented_in;
  std::vector<std::string> code_reads_defaults;
  LazyExpression each;
  std::string as = "item";
  LazyExpression when;
  LazyExpression location;
  LazyExpression component;
  LazyTemplate message;
  LazyTemplate fix;
  std::vector<RulePatch> patches;
  RuleExample violating;
  RuleExample passing;
  Location defined_at;
};

/// A named constant of a sizing model that a topology may override.
struct Assumption {
  std::string name;
  double value = 0;
  std::string unit;
  std::string basis;
  Location defined_at;
};

/// A figure that sizing derives: evaluated per product, in order, each one able to use the
/// figures before it (`sizing.<name>`).
struct SizingFigure {
  std::string name;
  std::string title;
  std::string unit;
  std::string basis;
  /// Optional: the components the figure recommends for (a list of component maps), e.g.
  /// every public API component for the public API replica count.
  std::shared_ptr<const lang::Expression> applies_to;
  std::vector<std::string> needs;  // traffic keys without which it is not computed
  std::shared_ptr<const lang::Expression> when;  // optional: computed only when true
  std::shared_ptr<const lang::Expression> formula;
  std::string formula_text;
  /// Optional: how the figure came about, with the inputs used ("for 2,880 req/s at …").
  std::optional<lang::Template> explain;
  /// Optional: which input is missing, for `plan` to say when the formula gives no value (or
  /// when the figure `sets` a key and no component takes it), e.g. "neither
  /// lifecycle.delete_days nor retention_days is set".
  std::optional<lang::Template> unavailable;
  /// Optional: the component key the figure recommends a value for: `replicas`, `cpu`,
  /// `memory_gb` or `disk_gb` (resources). Without it the figure is a storage or capacity figure.
  std::string sets;
  /// Optional: the component to add when `applies_to` finds none (name, role and keys), as
  /// `plan` recommends it; `add_when` (an expression) limits when it is needed.
  std::optional<Node> add;
  std::shared_ptr<const lang::Expression> add_when;
  Location defined_at;
};

/// A product default that changed between releases, chosen by the product's version
/// (`defaults['tracardi.elastic_index_shards']` in expressions).
struct VersionedDefault {
  std::string name;
  Node value;  // a scalar as written in the profile
  std::string since;
  std::string until;
  std::string basis;
  Location defined_at;
};

struct Profile {
  std::string product;  // or "general"
  std::string title;
  std::string file;
  std::vector<Rule> rules;
  std::vector<Assumption> assumptions;
  std::vector<VersionedDefault> defaults;
  std::vector<SizingFigure> figures;
  /// The product the profile declares (its `section:`, or a list of `roles:`). Left empty in
  /// ProfileSet::builtin(): built-in products are builtin_products().
  std::optional<ProductSpec> declares;
  std::vector<std::string> product_order;  // general profile: the built-in products in order
  Location product_order_at;
};

/// Every profile in use: the built-in ones and any from --profiles.
class ProfileSet {
 public:
  /// The profiles compiled into the binary; loading them takes well under a millisecond.
  static ProfileSet builtin();
  /// Adds every `*.yaml` / `*.yml` profile in `folder`. Errors (syntax, unknown names in
  /// expressions, duplicate ids, missing fields) are collected and thrown as InputFailure.
  void add_folder(const std::string& folder, const FileSystem& files);
  /// Adds one profile document (used by tests and by add_folder). `eager` compiles every
  /// message template now, so an error in one is reported at once.
  void add(const Node& root, const std::string& file, std::vector<InputError>& errors,
           bool eager = true);

  [[nodiscard]] const std::vector<Profile>& profiles() const { return profiles_; }
  [[nodiscard]] std::vector<const Rule*> rules() const;  // sorted by id
  [[nodiscard]] const Rule* find_rule(std::string_view id) const;
  [[nodiscard]] std::vector<ProductSpec> declared_products() const;
  [[nodiscard]] std::vector<std::string> assumption_names() const;
  [[nodiscard]] const Assumption* find_assumption(std::string_view name) const;

 private:
  std::vector<Profile> profiles_;
};

/// A product version as dotted numbers ("0.8.1", "v0.42.1", "1.1.x" reads as 1.1.0); a suffix
/// after '-' or '+' is ignored. Nullopt when the text is not a version.
std::optional<std::vector<long>> parse_version(std::string_view text);

/// Whether `version` lies in [since, until); an empty bound is open. An empty (undeclared)
/// version is the latest release: it is in range only when `until` is empty.
bool version_in_range(std::string_view version, std::string_view since, std::string_view until);

/// The names every rule expression may use, beside its own `as` name.
const std::vector<std::string>& rule_variable_names();

/// The doc page of a rule, relative to the repository: docs/rules/<ID>.md.
std::string rule_doc_path(std::string_view id);

}  // namespace deploy_advisor
