// The benchmark's floor: what reading the same YAML files costs with yaml-cpp alone, in a
// process of its own, so that `deploy-advisor` can be measured against the least any YAML
// tool on this library must do (start, read, parse into a tree, free it, exit).
//
//   parse_floor FILE...
#include <cstdio>
#include <exception>

#include <yaml-cpp/yaml.h>

int main(int argc, char** argv) {
  std::size_t documents = 0;
  for (int i = 1; i < argc; ++i) {
    try {
      YAML::Node root = YAML::LoadFile(argv[i]);
      documents += root.IsDefined() ? 1 : 0;
    } catch (const std::exception& e) {
      std::fprintf(stderr, "%s: %s\n", argv[i], e.what());
      return 2;
    }
  }
  return documents == static_cast<std::size_t>(argc - 1) ? 0 : 1;
}
