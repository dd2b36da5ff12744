#pragma once

#include <optional>
#include <string>
#include <vector>

#include "deploy_advisor/engine.hpp"

namespace deploy_advisor {

/// One component of the recommended layout: as it is, and as sizing recommends it.
struct ComponentPlan {
  std::string name;
  std::string role;
  bool to_add = false;  // the seeds call for it and the topology lacks it
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
  std::vector<ComponentPlan> components;
  std::vector<const Figure*> capacity;  // figures that are not about one component: storage, …
  std::vector<std::string> missing_inputs;
};

/// The recommended layout of every product: current figures, recommended ones and why.
std::vector<ProductPlan> make_plan(const LoadedTopology& topology, const std::vector<ProductSizing>& sizing);

/// The recommended layout as a topology v1 tree: replicas and resources raised to the
/// recommendation, missing components added, and the remedies of error findings applied.
Node revise_topology(const LoadedTopology& topology, const std::vector<ProductPlan>& plan,
                     const std::vector<Finding>& findings);

/// The revised tree as a topology file; the error findings it still has (what plan cannot
/// choose: secrets, values inside native files, missing traffic inputs) are listed at the top
/// as comments to do.
std::string topology_text(const LoadedTopology& original, const Node& revised,
                          const std::vector<Finding>& remaining);

}  // namespace deploy_advisor
