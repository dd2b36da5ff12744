// Measures the whole pipeline against yaml-cpp's own LoadFile on the same input and prints
// ratios (lower is better). Not a test: numbers vary with the machine; ratios less so.
//
//   bench_check [TOPOLOGY] [REPEAT]
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include <yaml-cpp/yaml.h>

#include "deploy_advisor/engine/engine.hpp"
#include "deploy_advisor/engine/analyze.hpp"
#include "deploy_advisor/engine/profile.hpp"
#include "deploy_advisor/load/readers.hpp"

namespace {

using Clock = std::chrono::steady_clock;

template <typename F>
double seconds_per_run(int repeat, F&& body) {
  body();  // warm caches once
  auto start = Clock::now();
  for (int i = 0; i < repeat; ++i) body();
  return std::chrono::duration<double>(Clock::now() - start).count() / repeat;
}

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

int main(int argc, char** argv) {
  std::string path = argc > 1 ? argv[1] : "examples/acme-production.yaml";
  int repeat = argc > 2 ? std::atoi(argv[2]) : 200;
  using namespace deploy_advisor;

  double profiles_s = seconds_per_run(repeat, [] { ProfileSet::builtin(); });
  ProfileSet profiles = ProfileSet::builtin();
  DiskFileSystem disk;
  LoadOptions options;
  options.assumption_names = profiles.assumption_names();
  std::string text = read(path);

  double yaml_cpp_s = seconds_per_run(repeat, [&] { YAML::Load(text); });
  double parse_s = seconds_per_run(repeat, [&] { parse_yaml(text, intern_file_name(path)); });
  double load_s = seconds_per_run(repeat, [&] { load_topology(path, disk, options); });
  AnalysisRequest warm;
  warm.topologies = {path};
  warm.profiles = &profiles;
  double check_s = seconds_per_run(repeat, [&] { analyze(warm, disk); });

  // What one `check` run does: fresh profiles, so every expression the topology needs is
  // compiled (rules compile on first use).
  AnalysisRequest cold;
  cold.topologies = {path};
  double cold_s = seconds_per_run(repeat, [&] { analyze(cold, disk); });

  std::printf("input: %s (%zu bytes), %d runs each\n", path.c_str(), text.size(), repeat);
  std::printf("  yaml-cpp YAML::Load (baseline)   %9.3f ms   1.00\n", yaml_cpp_s * 1e3);
  std::printf("  parse_yaml (located tree)        %9.3f ms   %.2f\n", parse_s * 1e3, parse_s / yaml_cpp_s);
  std::printf("  load_topology (+ schema, files)  %9.3f ms   %.2f\n", load_s * 1e3, load_s / yaml_cpp_s);
  std::printf("  analyze (load, sizing, rules)    %9.3f ms   %.2f\n", check_s * 1e3, check_s / yaml_cpp_s);
  std::printf("  built-in profiles, once a run    %9.3f ms   %.2f\n", profiles_s * 1e3, profiles_s / yaml_cpp_s);
  std::printf("  a whole check run (profiles, compiling the rules used, load, sizing, rules)\n"
              "                                   %9.3f ms   %.2f\n", cold_s * 1e3, cold_s / yaml_cpp_s);
  std::printf("check / load ratio: %.2f (the share of time spent in rules and sizing)\n", check_s / load_s);
  return 0;
}
