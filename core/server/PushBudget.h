#pragma once
// How many bytes of push bodies the server parses and applies at once. A push in flight holds
// its parsed request (a tree of every change's data) until it is answered, and the push pool
// runs up to 64 of them: without a bound, 64 maximal bodies (32 MiB each by default) would be
// held parsed together. Safe to use from many threads.

#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace bridgecore::server {

class PushBudget {
public:
    /// `bytes` > 0: the body bytes in flight at once (one push always runs alone, however
    /// large: its body passed the server's body limit).
    explicit PushBudget(std::int64_t bytes);
    /// Every Hold must have gone.
    ~PushBudget();
    PushBudget(const PushBudget&) = delete;
    PushBudget& operator=(const PushBudget&) = delete;

    /// A share of the budget, given back when it goes.
    class Hold {
    public:
        Hold(Hold&& other) noexcept;
        Hold(const Hold&) = delete;
        Hold& operator=(const Hold&) = delete;
        Hold& operator=(Hold&&) = delete;
        ~Hold();

    private:
        friend class PushBudget;
        Hold(PushBudget* budget, std::int64_t bytes)
            : m_budget(budget)
            , m_bytes(bytes) {}
        PushBudget* m_budget;
        std::int64_t m_bytes;
    };

    /// Waits until `bytes` fit beside what is in flight (or nothing is), in arrival order, so
    /// that a large body is not overtaken forever by small ones.
    Hold take(std::int64_t bytes);

    std::int64_t limit() const { return m_limit; }
    std::int64_t inFlight() const;
    /// Takes waiting for their turn.
    int waiting() const;

private:
    void give(std::int64_t bytes);

    const std::int64_t m_limit;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::int64_t m_inFlight = 0;
    std::uint64_t m_nextTicket = 0, m_serving = 0;
    int m_waiting = 0;
};

} // namespace bridgecore::server
