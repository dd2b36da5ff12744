#include "deploy_advisor/common/yaml_writer.hpp"

#include "deploy_advisor/common/diagnostics.hpp"
#include "deploy_advisor/common/quoting.hpp"

#include <fmt/format.h>

namespace deploy_advisor {

namespace {

bool safe_plain(const std::string& text) {
  if (text.empty()) return false;
  static const std::string kFirstForbidden = "-?:,[]{}#&*!|>'\"%@` \t";
  if (kFirstForbidden.find(text.front()) != std::string::npos) {
    // "-1" and "-x" style scalars are fine when the dash is not followed by a space.
    if (!(text.front() == '-' && text.size() > 1 && text[1] != ' ')) return false;
  }
  if (text.back() == ' ' || text.back() == ':') return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n' || c == '\r' || c == '\t' || static_cast<unsigned char>(c) < 0x20) return false;
    if (c == ':' && i + 1 < text.size() && text[i + 1] == ' ') return false;
    if (c == '#' && i > 0 && text[i - 1] == ' ') return false;
    if (c == '{' || c == '}' || c == '[' || c == ']' || c == ',') return false;
  }
  return true;
}

std::string quoted(const std::string& text) {
  return double_quoted(text, ControlEscape::Yaml);
}

/// True for plain text that a YAML 1.1 reader (PyYAML, Helm, Ansible) takes for a boolean,
/// a null or a number although the 1.2 core schema reads a string: `no`, `on`, `y`, `0123`,
/// `0x1f`, `1_000`, `1:20`, `.5`, `<<`, `=`. Numeric-looking text is judged loosely: quoting
/// a string that did not need it changes nothing for any reader.
bool yaml_1_1_reads_as_other(const std::string& text) {
  static const char* const kWords[] = {"y",    "Y",    "yes", "Yes", "YES", "n",     "N",     "no",
                                       "No",   "NO",   "on",  "On",  "ON",  "off",   "Off",   "OFF",
                                       "true", "True", "TRUE", "false", "False", "FALSE", "null", "Null",
                                       "NULL", "~",    "<<",  "="};
  for (const char* word : kWords)
    if (text == word) return true;
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  if (i >= text.size()) return false;
  char first = text[i];
  if (first == '.') return text.size() > i + 1;  // .5, .inf, .nan, .Inf …
  if (first < '0' || first > '9') return false;
  for (; i < text.size(); ++i) {
    char c = text[i];
    bool numeric = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') ||
                   c == 'x' || c == 'X' || c == 'o' || c == 'O' || c == '_' || c == '.' || c == ':' ||
                   c == '+' || c == '-';
    if (!numeric) return false;
  }
  return true;
}

std::string scalar_text(const Node& n) {
  if (n.is_null()) return "null";
  // A quoted scalar must stay a string: write it plain only when it could not read as
  // anything else, in YAML 1.2 (deploy-advisor) and in YAML 1.1 (most other tools). A plain
  // scalar that this tool reads as a string is quoted too when a 1.1 reader would not.
  Node as_plain = Node::scalar(n.text(), Node::Style::Plain, {});
  bool reads_as_string = scalar_type(as_plain) == ScalarType::String;
  bool stays = n.style() == Node::Style::Plain || reads_as_string;
  if (reads_as_string && yaml_1_1_reads_as_other(n.text())) stays = false;
  if (stays && safe_plain(n.text())) return n.text();
  return quoted(n.text());
}

bool is_inline(const Node& n) {
  return n.is_scalar() || n.is_null() || (n.is_mapping() && n.entries().empty()) ||
         (n.is_sequence() && n.items().empty());
}

std::string inline_text(const Node& n) {
  if (n.is_mapping()) return "{}";
  if (n.is_sequence()) return "[]";
  return scalar_text(n);
}

void write(const Node& n, int indent, std::string& out) {
  std::string pad(static_cast<std::size_t>(indent), ' ');
  if (n.is_mapping()) {
    for (const auto& [k, v] : n.entries()) {
      out += pad + scalar_text(k) + ":";
      if (is_inline(v)) {
        out += " " + inline_text(v) + "\n";
      } else {
        out += "\n";
        write(v, indent + 2, out);
      }
    }
  } else if (n.is_sequence()) {
    for (const auto& item : n.items()) {
      if (is_inline(item)) {
        out += pad + "- " + inline_text(item) + "\n";
        continue;
      }
      std::string nested;
      write(item, indent + 2, nested);
      // The first line of the item goes after the dash.
      out += pad + "- " + nested.substr(static_cast<std::size_t>(indent) + 2);
    }
  } else {
    out += pad + inline_text(n) + "\n";
  }
}

}  // namespace

std::string write_yaml_scalar(const Node& scalar) { return scalar_text(scalar); }

std::string write_yaml(const Node& root) {
  std::string out;
  if (is_inline(root)) return inline_text(root) + "\n";
  write(root, 0, out);
  return out;
}

std::string yaml_comment_text(std::string_view text) { return printable(text); }

}  // namespace deploy_advisor
