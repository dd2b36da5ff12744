#include <unistd.h>

#include <iostream>

#include "deploy_advisor/cli.hpp"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  deploy_advisor::DiskFileSystem files;
  int status = deploy_advisor::run_cli(argc, argv, std::cout, std::cerr, files, isatty(1) != 0);
  std::cout.flush();
  return status;
}
