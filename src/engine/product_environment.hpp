#pragma once

#include <cstddef>

#include "deploy_advisor/engine/engine.hpp"

// What the sizing and the rules of one product share: the variables its expressions see, and
// the run's evaluation budget.
namespace deploy_advisor {

/// `traffic` with the product's growth applied to the volume figures.
Value apply_growth(const Value& traffic);

/// The variables every expression of one product sees (`components`, `components_by_name`,
/// `sizing`, `recommendations` …); `sizing` may be null before the figures are computed.
lang::Environment product_environment(const LoadedTopology& topology, const LoadedProduct& product,
                                      const ProductSizing* sizing);

/// Whether a rule runs on this product of this topology at this product version.
bool applies(const Rule& rule, const LoadedProduct& product, const LoadedTopology& topology,
             const ProductVersion& version);

/// Binds `version` and `defaults`: the release whose behaviour applies and its defaults.
void bind_version(lang::Environment& env, const ProfileSet& profiles, const LoadedProduct& product);

/// The run's step budget, which grows with the number of components, APIs and flows.
std::size_t run_steps(const LoadedTopology& topology);

}  // namespace deploy_advisor
