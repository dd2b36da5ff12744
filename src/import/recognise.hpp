#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "import/imported_topology.hpp"
#include "import/source_values.hpp"

// Which product part a container is, from its image, its command and the variables it reads.

namespace deploy_advisor::import_detail {

/// What a container turned out to be.
struct Part {
  std::string product;        // "" when not a product part
  std::string role;           // "" when the product part has no role in topology v1
  std::string kind;           // Tracardi worker kind
  std::string mode;           // Metarank api mode
  std::string run;            // Metarank train run
  std::string edition;        // Tracardi: open-source or commercial
  std::string what;           // a short description for messages, e.g. "Tracardi update worker"
  std::optional<StoreKind> store;
  bool helper = false;        // a one-off container built on a store's image
};

/// The container's facts as the sources give them.
struct Container {
  ImageRef image;
  std::string build;                  // Compose `build` Dockerfile or context, when no image
  std::vector<std::string> command;   // command and arguments, words
  std::vector<std::string> env_names;
};

Part recognise(const Container& container);

/// The role a store gets in a product, or "" when that product has no such role.
std::string store_role(const std::string& product, StoreKind kind);

/// A product's name as users write it in messages.
std::string product_title(const std::string& product);

}  // namespace deploy_advisor::import_detail
