#include "RateLimiter.h"

#include <algorithm>

namespace bridgecore::server {

RateDecision RateLimiter::hit(const std::string& key, int limit, std::int64_t windowSeconds,
                              std::int64_t nowMs) {
    const std::int64_t windowMs = std::max<std::int64_t>(1, windowSeconds) * 1000;
    std::lock_guard lock(m_mutex);
    if (nowMs - m_lastSweepMs > 60'000) { // drop finished windows now and then
        for (auto it = m_windows.begin(); it != m_windows.end();)
            it = (nowMs >= it->second.start_ms + it->second.window_ms) ? m_windows.erase(it)
                                                                       : std::next(it);
        m_lastSweepMs = nowMs;
    }
    Window& w = m_windows[key];
    if (w.window_ms != windowMs || nowMs >= w.start_ms + w.window_ms || nowMs < w.start_ms) {
        w.start_ms = nowMs;
        w.window_ms = windowMs;
        w.count = 0;
    }
    RateDecision d;
    d.limit = limit;
    const std::int64_t endMs = w.start_ms + w.window_ms;
    d.reset_at = (endMs + 999) / 1000;
    if (w.count >= limit) {
        d.allowed = false;
        d.remaining = 0;
        d.retry_after = std::max<std::int64_t>(1, (endMs - nowMs + 999) / 1000);
        return d;
    }
    ++w.count;
    d.remaining = limit - w.count;
    return d;
}

} // namespace bridgecore::server
