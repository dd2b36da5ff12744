#pragma once

#include <optional>
#include <string>
#include <vector>

#include "deploy_advisor/engine/engine.hpp"

namespace deploy_advisor {

/// One component of the recommended layout: as it is, and as sizing recommends it.
struct ComponentPlan {
  std::string name;
  std::string role;
  bool to_add = false;  // the seeds call for it and the topology lacks it
  std::string added_for;  // for a component to add: the rule or figure it answers
  Location location;
  struct Setting {
    std::string key;  // replicas, cpu, memory_gb, disk_gb
    std::optional<double> current;
    std::optional<double> recommended;
  };
  std::vector<Setting> settings;
  std::vector<const Figure*> figures;  // the figures behind the recommendations
  std::optional<Node> add;             // for a component to add: its keys
  [[nodiscard]] const Setting* setting(std::string_view key) const;
  [[nodiscard]] bool changed() const;
};

struct ProductPlan {
  std::string product;
  std::string title;  // as the product's profile declares it
  std::vector<ComponentPlan> components;
  std::vector<const Figure*> capacity;  // figures that are not about one component: storage, …
  std::vector<std::string> missing_inputs;
  std::vector<UncomputedFigure> not_computed;  // figures that apply but lack an input
};

/// The recommended layout of every product: current figures, recommended ones and why.
std::vector<ProductPlan> make_plan(const LoadedTopology& topology, const std::vector<ProductSizing>& sizing);

/// A component the revised layout adds, and the rule (or figure) it answers.
struct AddedComponent {
  std::string product;
  std::string component;
  std::string answers;
};

/// The recommended layout as a topology v1 tree: replicas and resources raised to the
/// recommendation, missing components added, and the remedies of the findings (not waived,
/// of any severity) applied.
/// Components a remedy adds are appended to *added (when given) with the rule they answer.
Node revise_topology(const LoadedTopology& topology, const std::vector<ProductPlan>& plan,
                     const std::vector<Finding>& findings, std::vector<AddedComponent>* added = nullptr);

/// The plan from `original` to its converged revision: every component of the revision, with
/// the current figures of the original and the recommended ones of the revision (its figures,
/// or its values where rules raised them); components the original lacks are marked to add.
std::vector<ProductPlan> compare_plan(const LoadedTopology& original, const LoadedTopology& revised,
                                      const std::vector<ProductSizing>& revised_sizing,
                                      const std::vector<AddedComponent>& added);

/// Rewrites the relative native-file paths of a topology tree (a product's `config`, Cortex
/// `cluster` and `apis`, a flow's `file`) written for `from_folder` so they name the same files
/// from `to_folder`.
void rebase_native_paths(Node& root, const std::string& from_folder, const std::string& to_folder);

/// The revised tree as a topology file; the findings given as `remaining` (what plan cannot
/// choose: secrets, values inside native files, missing traffic inputs, the location of an
/// added event archive) are listed at the top as comments to do.
std::string topology_text(const LoadedTopology& original, const Node& revised,
                          const std::vector<Finding>& remaining);

}  // namespace deploy_advisor
