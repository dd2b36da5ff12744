#include "fuzz_support.hpp"

#include <fstream>
#include <sstream>

namespace deploy_advisor::fuzz {

std::string example_topology() {
  std::ifstream in(std::string(DA_SOURCE_DIR) + "/examples/acme-production.yaml", std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace deploy_advisor::fuzz
