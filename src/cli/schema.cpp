#include "cli/commands.hpp"
#include "deploy_advisor/model/schema.hpp"

namespace deploy_advisor::cli {

int run_schema(Context& context) {
  ProfileSet profiles = load_profiles(context);
  std::vector<ProductSpec> products = builtin_products();
  for (auto& p : profiles.declared_products()) products.push_back(std::move(p));
  return emit(context, json_schema(products)) ? 0 : static_cast<int>(ExitStatus::InputError);
}

}  // namespace deploy_advisor::cli
