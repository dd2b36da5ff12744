#pragma once

#include <optional>
#include <string>
#include <vector>

#include "deploy_advisor/common/finding.hpp"
#include "deploy_advisor/engine/profile.hpp"
#include "deploy_advisor/model/topology.hpp"

namespace deploy_advisor {

/// One computed sizing figure and everything needed to explain it.
struct Figure {
  std::string product;
  std::string name;
  std::string title;
  std::string unit;
  std::vector<std::string> components;  // the components it recommends for (applies_to)
  std::string basis;
  std::string formula;
  double value = 0;
  bool derived_from_traffic = false;  // it needs traffic inputs (not a fixed minimum)
  std::string explanation;            // the figure's `explain`, rendered with its inputs
  std::string sets;                   // the component key it recommends (replicas, memory_gb…)
  std::optional<Node> add;            // a component to add: applies_to found none and it is needed
  std::string unplaced;  // for a figure that `sets` a key no component takes: which is missing
  Location defined_at;
};

/// An assumption as used for one product: its value and whether the topology overrode it.
struct UsedAssumption {
  std::string product;
  std::string name;
  double value = 0;
  bool overridden = false;
  std::string unit;
  std::string basis;
  Location location;  // the override in the topology, or the profile's definition
};

/// A figure that applies to the topology but could not be computed, and which input it lacks.
struct UncomputedFigure {
  std::string name;
  std::string title;
  std::string unit;
  std::string missing;  // "traffic input peak_events_per_second", "neither … nor … is set"
};

struct ProductSizing {
  std::string product;
  std::vector<Figure> figures;
  std::vector<UncomputedFigure> not_computed;  // in profile order
  std::vector<std::string> missing_inputs;  // traffic keys some figure needed and did not have
  std::vector<UsedAssumption> assumptions;
  Value traffic;  // as declared (merged)
  Value volume;   // the volume figures after growth
};

/// The release of a product a topology describes: its `version:` key, else the tag of the
/// first image that names the product (`tracardi/tracardi-api:0.8.1`); empty when neither.
struct ProductVersion {
  std::string number;  // "0.8.1", or empty: the latest release's behaviour applies
  std::string source;  // "version: 0.8.1" or "image tracardi/tracardi-api:0.8.1"
};
ProductVersion product_version(const LoadedProduct& product);

/// The product's defaults for its version (the `defaults` of its profiles), by name.
Value versioned_defaults(const ProfileSet& profiles, const LoadedProduct& product,
                         const ProductVersion& version);

/// Computes every sizing figure of every product. A formula that divides by zero or gives a
/// negative or non-finite number is an input error naming the input (InputFailure).
std::vector<ProductSizing> compute_sizing(const ProfileSet& profiles, const LoadedTopology& topology);

/// Evaluates every applicable rule; returns the findings sorted. A rule that cannot be
/// evaluated (its expression gives an error on this input) is an input error (InputFailure)
/// located at the rule, naming the topology.
std::vector<Finding> check_topology(const ProfileSet& profiles, const LoadedTopology& topology,
                                    const std::vector<ProductSizing>& sizing);

/// Whether one rule runs on a topology, and why not when it does not (for `check -v` and the
/// JUnit output). A general rule runs once per product; it is listed once.
struct RuleSelection {
  const Rule* rule = nullptr;
  bool evaluated = false;
  bool product_present = false;  // the rule is for a product the topology has (or is general)
  std::string skipped_because;   // "" when evaluated
};

/// Every rule of `profiles`, in id order, with the same applicability check_topology uses.
std::vector<RuleSelection> select_rules(const ProfileSet& profiles, const LoadedTopology& topology);
/// Gives every finding whose remedy sets a number on a component setting the one target of
/// that setting: the strictest of every finding's and every sizing figure's requirement for it,
/// each named as a reason. The remedies then all set that target (see docs/sizing.md).
void resolve_targets(std::vector<Finding>& findings, const std::vector<ProductSizing>& sizing);

}  // namespace deploy_advisor
