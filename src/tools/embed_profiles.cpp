// Build step: parses profiles/*.yaml and writes them as C++ tables, so the binary carries its
// profiles pre-parsed (see engine/embedded_profiles.cpp). Fails the build on a YAML error.
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "deploy_advisor/load/readers.hpp"
#include "deploy_advisor/common/sha256.hpp"

namespace {

using deploy_advisor::Node;

struct Flat {
  int kind, style;
  unsigned line, column;
  std::string text;
  unsigned first_child = 0, child_count = 0;
};

// Breadth-first, so that each node's children sit next to each other: out[i] is order[i].
void flatten(const Node& root, std::vector<Flat>& out) {
  std::vector<const Node*> order{&root};
  for (std::size_t i = 0; i < order.size(); ++i) {
    const Node* n = order[i];
    Flat f{static_cast<int>(n->kind()), static_cast<int>(n->style()), n->location().line,
           n->location().column, n->text()};
    f.first_child = static_cast<unsigned>(order.size());
    for (const auto& item : n->items()) order.push_back(&item);
    for (const auto& [k, v] : n->entries()) {
      order.push_back(&k);
      order.push_back(&v);
    }
    f.child_count = static_cast<unsigned>(order.size()) - f.first_child;
    out.push_back(std::move(f));
  }
}

std::string escape(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else if (c == '?') out += "\\?";  // no trigraphs
    else if (c < 0x20 || c >= 0x7f) out += fmt::format("\\{:03o}", c);
    else out += static_cast<char>(c);
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: embed_profiles OUTPUT NAME=PROFILE...\n";
    return 2;
  }
  std::vector<Flat> nodes;
  std::vector<std::pair<std::string, unsigned>> documents;
  // The digest `--version` prints: every profile's name and bytes, in argument order, so two
  // binaries with the same digest carry the same built-in rules.
  std::string digest_input;
  for (int i = 2; i < argc; ++i) {
    std::string arg = argv[i];
    auto eq = arg.find('=');
    std::string name = arg.substr(0, eq), path = arg.substr(eq + 1);
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    if (!in) {
      std::cerr << path << ": error: cannot read profile\n";
      return 1;
    }
    digest_input += name + '\0' + buffer.str() + '\0';
    auto parsed = deploy_advisor::parse_yaml(buffer.str(), deploy_advisor::intern_file_name(name));
    if (!parsed.ok()) {
      for (const auto& e : parsed.errors) std::cerr << format_input_error(e) << "\n";
      return 1;
    }
    std::vector<Flat> flat;
    flatten(parsed.root, flat);
    unsigned base = static_cast<unsigned>(nodes.size());
    for (auto& f : flat) {
      if (f.child_count) f.first_child += base;
      nodes.push_back(std::move(f));
    }
    documents.emplace_back(name, base);
  }
  std::ofstream out(argv[1], std::ios::binary);
  out << "// Generated from profiles/*.yaml by embed_profiles. Do not edit.\n";
  out << "const EmbeddedNode kNodes[] = {\n";
  for (const auto& f : nodes)
    out << fmt::format("  {{{}, {}, {}, {}, \"{}\", {}, {}, {}}},\n", f.kind, f.style, f.line,
                       f.column, escape(f.text), f.text.size(), f.first_child, f.child_count);
  if (nodes.empty()) out << "  {0, 0, 0, 0, \"\", 0, 0, 0},\n";
  out << "};\nconst EmbeddedDocument kDocuments[] = {\n";
  for (const auto& [name, root] : documents) out << fmt::format("  {{\"{}\", {}}},\n", escape(name), root);
  if (documents.empty()) out << "  {nullptr, 0},\n";
  out << "};\n";
  out << fmt::format("const char kProfilesDigest[] = \"sha256:{}\";\n", deploy_advisor::sha256_hex(digest_input));
  return out ? 0 : 1;
}
