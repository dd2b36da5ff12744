#pragma once

#include <stdexcept>
#include <string_view>
#include <string>
#include <vector>

#include "deploy_advisor/common/location.hpp"

namespace deploy_advisor {

/// An input the tool cannot use (exit 2). Printed as `file:line:column: error: message`.
struct InputError {
  Location location;
  std::string message;
};

/// Renders `file:line:column: error: message`, escaped with `printable` and cut at
/// kMaxMessageBytes.
std::string format_input_error(const InputError& error);

/// The longest message printed, in bytes; longer ones end "… (N more bytes)".
inline constexpr std::size_t kMaxMessageBytes = 2000;
/// The longest value quoted inside a message, in bytes.
inline constexpr std::size_t kMaxExcerptBytes = 80;

/// Text for a terminal or a log: control characters (C0, DEL, C1: ESC, CR, newline, OSC…) and
/// bytes that are not UTF-8 are shown as escapes (`\n`, `\x1b`), never emitted. The one
/// escaping function of the text format and of error messages.
std::string printable(std::string_view text);
/// `text` cut to at most `max_bytes` on a UTF-8 character boundary, "…" appended when cut.
std::string excerpt(std::string_view text, std::size_t max_bytes);
/// A user's value to quote in a message: excerpt of kMaxExcerptBytes, then printable.
std::string quoted_excerpt(std::string_view text);

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
