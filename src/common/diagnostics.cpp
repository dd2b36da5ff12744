#include "deploy_advisor/diagnostics.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

namespace deploy_advisor {

std::string format_input_error(const InputError& error) {
  if (error.location.file == nullptr) return fmt::format("error: {}", error.message);
  return fmt::format("{}: error: {}", to_string(error.location), error.message);
}

InputFailure::InputFailure(std::vector<InputError> errors)
    : std::runtime_error(errors.empty() ? std::string("input error")
                                        : format_input_error(errors.front())),
      errors_(std::move(errors)) {}

std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
  // Optimal string alignment: insertions, deletions, substitutions and swaps of neighbours
  // (the commonest typo) each cost 1; case is ignored.
  if (a.size() > b.size() + limit || b.size() > a.size() + limit) return limit + 1;
  auto same = [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  };
  std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    row[0] = i;
    std::size_t best = row[0];
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t cost = same(a[i - 1], b[j - 1]) ? 0 : 1;
      row[j] = std::min({previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && same(a[i - 1], b[j - 2]) && same(a[i - 2], b[j - 1]))
        row[j] = std::min(row[j], before[j - 2] + 1);
      best = std::min(best, row[j]);
    }
    if (best > limit) return limit + 1;
    std::swap(before, previous);
    std::swap(previous, row);
  }
  return std::min(previous[b.size()], limit + 1);
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  // A third of the word's length, at least 1 and at most 3, as most spell-checkers allow.
  std::size_t limit = std::clamp<std::size_t>(word.size() / 3, 1, 3);
  std::string best;
  std::size_t best_distance = limit + 1;
  for (const auto& candidate : candidates) {
    std::size_t d = edit_distance(word, candidate, limit);
    if (d < best_distance || (d == best_distance && !best.empty() && candidate < best)) {
      best_distance = d;
      best = candidate;
    }
  }
  return best_distance <= limit ? best : std::string();
}

}  // namespace deploy_advisor
