#pragma once

#include <cstddef>

namespace deploy_advisor::lang {

/// Thrown inside the evaluator when the step budget runs out; caught at `evaluate`, so it
/// never reaches a caller. Unwinding at once is what keeps an exhausted evaluation cheap.
struct StepLimitExceeded {};
/// Thrown when one string value would grow past kMaxTextBytes; caught at `evaluate` too.
struct TextLimitExceeded {};

/// The longest string one evaluation may build: a message needs far less, and a custom
/// profile doubling a string in a loop must stop long before it fills memory.
inline constexpr std::size_t kMaxTextBytes = 64 * 1024;

/// Counts evaluation work against EvalLimits::max_steps. Work proportional to the size of a
/// value (walking a list, building a string) is charged by that size, so time and memory stay
/// bounded by the budget.
class StepMeter {
 public:
  explicit StepMeter(std::size_t limit) : remaining_(limit) {}

  void charge(std::size_t steps = 1) {
    if (steps > remaining_) {
      remaining_ = 0;
      throw StepLimitExceeded{};
    }
    remaining_ -= steps;
  }
  /// Building a string of `bytes`: charged per 64 bytes, refused past kMaxTextBytes.
  void charge_text(std::size_t bytes) {
    if (bytes > kMaxTextBytes) throw TextLimitExceeded{};
    charge(1 + bytes / 64);
  }
  [[nodiscard]] std::size_t remaining() const { return remaining_; }

 private:
  std::size_t remaining_;
};

}  // namespace deploy_advisor::lang
