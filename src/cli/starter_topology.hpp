#pragma once

#include <string>
#include <vector>

namespace deploy_advisor::cli {

/// The products `init` can write a starter for, in the order it writes them.
const std::vector<std::string>& starter_products();

/// A commented starter topology for `products` (each one of starter_products(), no repeats):
/// a production layout that follows the vendors' recommendations, with the traffic inputs left
/// as commented placeholders that say what to measure.
std::string starter_topology(const std::vector<std::string>& products);

}  // namespace deploy_advisor::cli
