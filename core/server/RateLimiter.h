#pragma once
// Fixed-window request counters per key (user + endpoint), safe to use from many threads.

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace bridgecore::server {

struct RateDecision {
    bool allowed = true;
    int limit = 0;
    int remaining = 0;
    std::int64_t reset_at = 0;    // seconds since the epoch when the window ends
    std::int64_t retry_after = 0; // seconds to wait when not allowed (>= 1)
};

class RateLimiter {
public:
    /// Counts one request of `key` at `nowMs` against `limit` per `windowSeconds`.
    RateDecision hit(const std::string& key, int limit, std::int64_t windowSeconds,
                     std::int64_t nowMs);

private:
    struct Window {
        std::int64_t start_ms = 0;
        std::int64_t window_ms = 0;
        int count = 0;
    };
    std::mutex m_mutex;
    std::unordered_map<std::string, Window> m_windows;
    std::int64_t m_lastSweepMs = 0;
};

} // namespace bridgecore::server
