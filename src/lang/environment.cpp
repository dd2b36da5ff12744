#include "deploy_advisor/lang/lang.hpp"

namespace deploy_advisor::lang {

const Value* Environment::lookup(std::string_view name) const {
  // Searched from the back so later bindings shadow earlier ones.
  for (auto it = bindings_.rbegin(); it != bindings_.rend(); ++it)
    if (it->first == name) return &it->second;
  return nullptr;
}

}  // namespace deploy_advisor::lang
