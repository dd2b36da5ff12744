#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "deploy_advisor/cli/cli.hpp"

/// Runs the command line in-process, as the binary would (not a terminal).
struct CliRun {
  int status = -1;
  std::string out;
  std::string err;
};

inline CliRun run_cli(const std::vector<std::string>& args, deploy_advisor::FileSystem& files) {
  std::vector<const char*> argv{"deploy-advisor"};
  for (const auto& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  CliRun run;
  run.status = deploy_advisor::run_cli(static_cast<int>(argv.size()), argv.data(), out, err, files, false);
  run.out = out.str();
  run.err = err.str();
  return run;
}

inline CliRun run_cli(const std::vector<std::string>& args) {
  deploy_advisor::DiskFileSystem disk;
  return run_cli(args, disk);
}

inline const std::string kExample = std::string(DA_SOURCE_DIR) + "/examples/acme-production.yaml";
