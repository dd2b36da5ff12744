#include "deploy_advisor/format.hpp"
namespace deploy_advisor {
void write_sarif(const CheckReport&, const ProfileSet&, std::ostream&) {}
}  // namespace deploy_advisor
