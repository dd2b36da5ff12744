// The Metaflow flow scanner on arbitrary bytes.
#include "deploy_advisor/load/flow_scan.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string* file = deploy_advisor::intern_file_name("flow.py");
  (void)deploy_advisor::scan_flows(deploy_advisor::fuzz::bytes(data, size), file);
  return 0;
}
