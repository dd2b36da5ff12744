#include "lang/regex_cache.hpp"

#include <mutex>
#include <unordered_map>

#include <re2/re2.h>

namespace deploy_advisor::lang {

namespace {

struct CachedPattern {
  std::shared_ptr<const re2::RE2> regex;
  std::string error;
};

// Patterns computed from topology data could be unbounded in number; past this many the cache
// starts over rather than growing without limit.
constexpr std::size_t kCacheCapacity = 1024;

}  // namespace

std::shared_ptr<const re2::RE2> compile_pattern(std::string_view pattern, std::string* error) {
  re2::RE2::Options options;
  options.set_log_errors(false);  // errors are reported to the rule author, not to stderr
  auto regex =
      std::make_shared<const re2::RE2>(re2::StringPiece(pattern.data(), pattern.size()), options);
  if (regex->ok()) return regex;
  if (error) *error = regex->error();
  return nullptr;
}

std::shared_ptr<const re2::RE2> cached_pattern(std::string_view pattern, std::string* error) {
  static std::mutex mutex;
  static std::unordered_map<std::string, CachedPattern> cache;
  {
    std::lock_guard lock(mutex);
    if (auto it = cache.find(std::string(pattern)); it != cache.end()) {
      if (!it->second.regex && error) *error = it->second.error;
      return it->second.regex;
    }
  }
  // Compiled outside the lock: another thread may compile the same pattern too, harmlessly.
  CachedPattern entry;
  entry.regex = compile_pattern(pattern, &entry.error);
  if (!entry.regex && error) *error = entry.error;
  std::lock_guard lock(mutex);
  if (cache.size() >= kCacheCapacity) cache.clear();
  cache.emplace(std::string(pattern), entry);
  return entry.regex;
}

bool search(const re2::RE2& pattern, std::string_view text) {
  return re2::RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), pattern);
}

}  // namespace deploy_advisor::lang
