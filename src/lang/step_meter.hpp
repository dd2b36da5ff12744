#pragma once

#include <cstddef>

namespace deploy_advisor::lang {

/// Thrown inside the evaluator when the step budget runs out; caught at `evaluate`, so it
/// never reaches a caller. Unwinding at once is what keeps an exhausted evaluation cheap.
struct StepLimitExceeded {};

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

 private:
  std::size_t remaining_;
};

}  // namespace deploy_advisor::lang
