#pragma once

#include <string>
#include <vector>

#include "deploy_advisor/common/finding.hpp"
#include "deploy_advisor/common/value.hpp"

namespace deploy_advisor {

/// The rule whose findings the validator makes (profiles/metarank.yaml defines it).
inline constexpr const char* kMetarankConfigRejected = "MR015";

/// What the check needs to know of the Metarank release the topology describes.
struct MetarankRelease {
  std::string label;   // "Metarank 0.4.2", or the latest release in words (messages quote it)
  Value config_layout;  // the profile's default `metarank.config_layout` for that release
};

/// Every value of a Metarank config.yaml (`config`, as loaded) that Metarank's config decoders
/// (src/main/scala/ai/metarank/config/*.scala) reject, with Metarank's reason: one MR015 finding
/// each, located at the value (or at the block that lacks a required key), in the order the
/// decoders meet them. Nothing when there is no config.
std::vector<Finding> validate_metarank_config(const Value& config, const MetarankRelease& release);

}  // namespace deploy_advisor
