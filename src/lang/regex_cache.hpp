#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace re2 {
class RE2;
}

namespace deploy_advisor::lang {

/// Compiles a pattern for matches(). RE2 matches in linear time, so neither a pattern nor the
/// text it runs on can make a rule hang. Returns null and sets *error for an invalid pattern.
std::shared_ptr<const re2::RE2> compile_pattern(std::string_view pattern, std::string* error);

/// compile_pattern() through a process-wide cache, for patterns only known while evaluating:
/// each distinct pattern is compiled once. Safe to call from several threads.
std::shared_ptr<const re2::RE2> cached_pattern(std::string_view pattern, std::string* error);

/// True when the pattern matches anywhere in `text` (CEL's matches() is not anchored).
bool search(const re2::RE2& pattern, std::string_view text);

}  // namespace deploy_advisor::lang
