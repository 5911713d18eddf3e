#pragma once
// Group commit: units of work from many threads queue for the store's one writer; whichever
// thread finds no commit running takes every queued unit, runs each in a SAVEPOINT of one
// write transaction (a unit's failure rolls back only that unit) and commits once.

#include "storage/SyncStore.h"

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>

namespace bridgecore::engine {

class GroupCommit {
public:
    /// A unit of work; an error rolls back its savepoint.
    using Unit = std::function<Status(storage::WriteTransaction&)>;

    explicit GroupCommit(storage::SyncStore& store, std::size_t maxUnits = 64);

    /// Runs `unit` in the next group and returns once that group committed: the unit's own
    /// error, the commit's error, or success (its writes are durable and visible).
    Status run(const Unit& unit);

    /// Groups committed so far and the units they carried (for benchmarks).
    std::uint64_t groups() const;
    std::uint64_t units() const;

private:
    struct Job {
        const Unit* unit = nullptr;
        Status status;
        bool done = false;
    };
    void commitGroup(std::vector<Job*>& group);

    storage::SyncStore& m_store;
    const std::size_t m_maxUnits;
    mutable std::mutex m_mutex;
    std::condition_variable m_done;
    std::deque<Job*> m_queue;
    bool m_committing = false;
    std::uint64_t m_groups = 0, m_units = 0;
};

} // namespace bridgecore::engine
