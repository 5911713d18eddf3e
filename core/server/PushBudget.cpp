#include "PushBudget.h"

#include <algorithm>

namespace bridgecore::server {

PushBudget::PushBudget(std::int64_t bytes)
    : m_limit(std::max<std::int64_t>(1, bytes)) {}

PushBudget::Hold::Hold(Hold&& other) noexcept
    : m_budget(other.m_budget)
    , m_bytes(other.m_bytes) {
    other.m_budget = nullptr;
}

PushBudget::Hold::~Hold() {
    if (m_budget)
        m_budget->give(m_bytes);
}

PushBudget::Hold PushBudget::take(std::int64_t bytes) {
    bytes = std::max<std::int64_t>(0, bytes);
    std::unique_lock lock(m_mutex);
    const std::uint64_t ticket = m_nextTicket++;
    ++m_waiting;
    m_changed.wait(lock, [&] {
        return ticket == m_serving && (m_inFlight == 0 || m_inFlight + bytes <= m_limit);
    });
    --m_waiting;
    ++m_serving;
    m_inFlight += bytes;
    m_changed.notify_all(); // the next ticket may fit too
    return Hold(this, bytes);
}

void PushBudget::give(std::int64_t bytes) {
    // Notified under the lock, so that the destructor's lock orders it before the condition
    // variable goes (ThreadSanitizer cannot see a join through Qt's uninstrumented threads).
    std::lock_guard lock(m_mutex);
    m_inFlight -= bytes;
    m_changed.notify_all();
}

PushBudget::~PushBudget() {
    std::lock_guard lock(m_mutex); // after the last give()
}

std::int64_t PushBudget::inFlight() const {
    std::lock_guard lock(m_mutex);
    return m_inFlight;
}

int PushBudget::waiting() const {
    std::lock_guard lock(m_mutex);
    return m_waiting;
}

} // namespace bridgecore::server
