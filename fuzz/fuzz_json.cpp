// The JSON reader on arbitrary bytes.
#include "deploy_advisor/load/readers.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string* file = deploy_advisor::intern_file_name("fuzz.json");
  auto parsed = deploy_advisor::parse_json(deploy_advisor::fuzz::bytes(data, size), file);
  for (const auto& e : parsed.errors) (void)deploy_advisor::format_input_error(e);
  return 0;
}
