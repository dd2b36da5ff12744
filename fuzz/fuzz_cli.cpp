// The whole command line in-process, across commands and formats. The first byte picks the
// command line; the rest is the topology. Oracle: the exit status is 0, 1 or 2, and nothing
// crashes (the sanitizers watch memory and undefined behaviour).
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "deploy_advisor/cli.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace deploy_advisor;
  static const std::vector<std::vector<std::string>> commands = {
      {"check", "t.yaml"},
      {"check", "--format", "json", "t.yaml"},
      {"check", "--format", "sarif", "t.yaml"},
      {"check", "--format", "markdown", "--fail-on", "info", "t.yaml"},
      {"check", "--config", "c.yaml", "t.yaml"},
      {"validate", "t.yaml"},
      {"plan", "t.yaml"},
      {"plan", "--format", "json", "t.yaml"},
      {"plan", "--format", "yaml", "t.yaml"},
      {"report", "--date", "2026-01-01", "t.yaml"},
  };
  if (size == 0) return 0;
  const auto& command = commands[data[0] % commands.size()];
  MemoryFileSystem files;
  std::string text(fuzz::bytes(data + 1, size - 1));
  files.add("t.yaml", text);
  files.add("c.yaml", text);  // the same bytes as a tool configuration
  std::vector<const char*> argv{"deploy-advisor"};
  for (const auto& a : command) argv.push_back(a.c_str());
  std::ostringstream out, err;
  int status = run_cli(static_cast<int>(argv.size()), argv.data(), out, err, files, false);
  if (status < 0 || status > 2) std::abort();
  // An input error always says why.
  if (status == 2 && err.str().empty()) std::abort();
  return 0;
}
