#pragma once
// Time source of the engine and client; tests replace it with a settable clock.

#include "protocol/Protocol.h"

#include <atomic>

namespace bridgecore {

class Clock {
public:
    virtual ~Clock() = default;
    /// Milliseconds since the Unix epoch, UTC.
    virtual protocol::Millis now() const = 0;
    /// The wall clock.
    static const Clock& system();
};

/// A clock that stands still until told to move.
class ManualClock : public Clock {
public:
    explicit ManualClock(protocol::Millis start = 1'764'000'000'000)
        : m_now(start) {}
    protocol::Millis now() const override { return m_now.load(); }
    void set(protocol::Millis t) { m_now.store(t); }
    void advance(protocol::Millis ms) { m_now.fetch_add(ms); }

private:
    std::atomic<protocol::Millis> m_now;
};

} // namespace bridgecore
