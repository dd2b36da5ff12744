#include "cli/completion.hpp"

#include <fmt/format.h>

namespace deploy_advisor::cli {

namespace {

std::string words(const std::vector<std::string>& list) { return fmt::format("{}", fmt::join(list, " ")); }

}  // namespace

std::string bash_completion(const CompletionSpec& spec) {
  std::vector<std::string> names;
  for (const auto& command : spec.commands) names.push_back(command.name);
  std::string out =
      "# bash completion for deploy-advisor, written by `deploy-advisor completion bash`.\n"
      "_deploy_advisor() {\n"
      "  local cur prev command i\n"
      "  cur=\"${COMP_WORDS[COMP_CWORD]}\"\n"
      "  prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n"
      "  command=\"\"\n"
      "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
      "    case \"${COMP_WORDS[i]}\" in -*) ;; *) command=\"${COMP_WORDS[i]}\"; break ;; esac\n"
      "  done\n"
      "  if [[ -z \"$command\" ]]; then\n";
  out += fmt::format("    COMPREPLY=($(compgen -W \"{} --help --version\" -- \"$cur\"))\n", words(names));
  out += "    return\n  fi\n  case \"$command\" in\n";
  for (const auto& command : spec.commands) {
    out += fmt::format("    {})\n      case \"$prev\" in\n", command.name);
    for (const auto& [flag, choices] : command.values)
      out += fmt::format("        {}) COMPREPLY=($(compgen -W \"{}\" -- \"$cur\")); return ;;\n", flag, words(choices));
    out += "      esac\n";
    out += fmt::format("      if [[ \"$cur\" == -* ]]; then\n        COMPREPLY=($(compgen -W \"{} --help\" -- \"$cur\"))\n",
                       words(command.flags));
    if (command.name == "explain")
      out += fmt::format("      else\n        COMPREPLY=($(compgen -W \"{}\" -- \"$cur\"))\n", words(spec.rule_ids));
    else if (command.name == "init")
      out += fmt::format("      else\n        COMPREPLY=($(compgen -W \"{}\" -- \"$cur\"))\n", words(spec.products));
    else
      out += "      else\n        COMPREPLY=($(compgen -f -- \"$cur\"))\n";
    out += "      fi\n      ;;\n";
  }
  out += "  esac\n}\ncomplete -o filenames -F _deploy_advisor deploy-advisor\n";
  return out;
}

}  // namespace deploy_advisor::cli
