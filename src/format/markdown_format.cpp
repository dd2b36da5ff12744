#include "deploy_advisor/format.hpp"
namespace deploy_advisor {
void write_markdown_findings(const CheckReport&, std::ostream&) {}
}  // namespace deploy_advisor
