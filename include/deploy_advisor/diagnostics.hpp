#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "deploy_advisor/location.hpp"

namespace deploy_advisor {

/// An input the tool cannot use (exit 2). Printed as `file:line:column: error: message`.
struct InputError {
  Location location;
  std::string message;
};

/// Renders `file:line:column: error: message`.
std::string format_input_error(const InputError& error);

/// Thrown when input errors stop a command; caught once at the library boundary.
class InputFailure : public std::runtime_error {
 public:
  explicit InputFailure(std::vector<InputError> errors);
  [[nodiscard]] const std::vector<InputError>& errors() const { return errors_; }

 private:
  std::vector<InputError> errors_;
};

/// The process exit status, as docs/cli.md defines it.
enum class ExitStatus : int { Ok = 0, Findings = 1, InputError = 2 };

/// Levenshtein distance, bounded: stops early and returns limit + 1 past `limit`.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit);

/// The closest candidate within a distance that scales with the word's length, or "".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace deploy_advisor
