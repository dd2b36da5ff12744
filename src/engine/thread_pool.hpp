#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace deploy_advisor {

/// Calls work(i) for every i below count on at most `jobs` threads (this one included), each
/// taking the next index when it is done, and returns when all are done. Work items must not
/// share mutable state. An exception leaves its item; once every thread has stopped, the one
/// of the lowest index is rethrown, so a failure is the same for any number of jobs.
template <typename Work>
void run_on_pool(std::size_t count, unsigned jobs, Work&& work) {
  std::size_t threads = std::min<std::size_t>(std::max(1U, jobs), count);
  if (threads <= 1) {
    for (std::size_t i = 0; i < count; ++i) work(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::vector<std::exception_ptr> failures(count);
  auto drain = [&] {
    for (std::size_t i = next++; i < count; i = next++) {
      try {
        work(i);
      } catch (...) {
        failures[i] = std::current_exception();
      }
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(drain);
  drain();
  for (auto& thread : pool) thread.join();
  for (const auto& failure : failures)
    if (failure) std::rethrow_exception(failure);
}

}  // namespace deploy_advisor
