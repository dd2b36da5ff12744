#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "deploy_advisor/common/location.hpp"
#include "deploy_advisor/common/value.hpp"

namespace deploy_advisor {

enum class Severity { Info = 0, Warning = 1, Error = 2 };

std::string_view to_string(Severity severity);
/// Parses "error", "warning", "info"; false for anything else.
bool parse_severity(std::string_view text, Severity* out);

/// A change that resolves a finding, for `plan --format yaml`: set `path` (dotted, relative to
/// the finding's component, or to the product section when it starts with `product.`) to
/// `value`.
struct Remedy {
  std::string path;
  Value value;
};

/// Why a finding is accepted: a waiver comment beside it or a waiver in `.deploy-advisor.yaml`.
struct WaiverNote {
  enum class Source { Inline, Config };
  std::string reason;
  std::string until;  // YYYY-MM-DD, or "" for no end
  Source source = Source::Config;
};

std::string_view to_string(WaiverNote::Source source);

/// The one value recommended for a setting that several rules or sizing figures ask about:
/// the strictest of their requirements, each listed as a reason ("8: public API replicas …").
struct Target {
  std::string path;  // the key path in the topology: products.tracardi.components.api.replicas
  Value value;
  std::vector<std::string> reasons;
};

/// One rule's verdict about one place in the input.
struct Finding {
  std::string rule_id;
  std::string rule_name;
  Severity severity = Severity::Warning;
  std::string product;    // "" for findings about the topology as a whole
  std::string component;  // "" when not about one component
  std::string message;
  std::string fix;
  Location location;
  bool waived = false;
  WaiverNote waiver;  // meaningful when `waived`
  bool baseline = false;
  std::vector<Remedy> remedies;
  std::optional<Target> target;  // when the finding is about a setting with a recommended value
};

/// File, line, column, then rule id, then message: the order every format prints.
void sort_findings(std::vector<Finding>& findings);

}  // namespace deploy_advisor
