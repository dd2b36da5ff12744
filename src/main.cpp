#include <unistd.h>

#include <csignal>
#include <iostream>

#include "deploy_advisor/cli/cli.hpp"

int main(int argc, char** argv) {
  // A closed pipe (`deploy-advisor check … | head`) ends the run quietly, as it ends `cat`:
  // the default action of SIGPIPE, restored in case the parent process ignored it.
  std::signal(SIGPIPE, SIG_DFL);
  std::ios::sync_with_stdio(false);
  deploy_advisor::DiskFileSystem files;
  int status = deploy_advisor::run_cli(argc, argv, std::cout, std::cerr, files, isatty(1) != 0);
  std::cout.flush();
  return status;
}
