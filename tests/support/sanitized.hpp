#pragma once

// Wall-clock bounds in tests are sanity bounds ("not minutes"), not benchmarks. AddressSanitizer
// and UndefinedBehaviorSanitizer builds (with libFuzzer's instrumentation in CI) run many times
// slower, so their bounds are scaled by kTimeScale.
#if defined(__SANITIZE_ADDRESS__)
#define DEPLOY_ADVISOR_TEST_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define DEPLOY_ADVISOR_TEST_SANITIZED 1
#endif
#endif

namespace deploy_advisor::test {
#if defined(DEPLOY_ADVISOR_TEST_SANITIZED)
inline constexpr int kTimeScale = 15;
#else
inline constexpr int kTimeScale = 1;
#endif
}  // namespace deploy_advisor::test
