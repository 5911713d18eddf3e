#pragma once
// Group commit: units of work from many threads queue for the store's one writer; whichever
// thread finds no commit running takes every queued unit, runs each in a SAVEPOINT of one
// write transaction (a unit's failure rolls back only that unit) and commits once.
// A unit can also be posted: queued without waiting, committed with the next group (or by a
// thread of the GroupCommit's own when no caller is waiting), its outcome handed to a callback.

#include "storage/SyncStore.h"

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace bridgecore::engine {

class GroupCommit {
public:
    /// A unit of work; an error rolls back its savepoint.
    using Unit = std::function<Status(storage::WriteTransaction&)>;
    /// What a posted unit's caller learns once its group committed (or failed).
    using Done = std::function<void(const Status&)>;

    explicit GroupCommit(storage::SyncStore& store, std::size_t maxUnits = 64);
    /// Commits what is still posted, then stops.
    ~GroupCommit();
    GroupCommit(const GroupCommit&) = delete;
    GroupCommit& operator=(const GroupCommit&) = delete;

    /// Runs `unit` in the next group and returns once that group committed: the unit's own
    /// error, the commit's error, or success (its writes are durable and visible).
    Status run(const Unit& unit);

    /// Queues `unit` for the next group and returns at once; `done` runs (on the committing
    /// thread, after the commit) with the unit's outcome. Units keep their queue order.
    void post(Unit unit, Done done);

    /// Commits every unit posted so far; for shutdown. No post() may follow.
    void shutdown();

    /// Groups committed so far and the units they carried (for benchmarks).
    std::uint64_t groups() const;
    std::uint64_t units() const;

private:
    struct Job {
        const Unit* unit = nullptr;
        Status status;
        bool done = false;
        // A run() job's caller waits on its own condition: woken when its group committed,
        // or when it is the first caller queued and the commit before it ended.
        std::condition_variable wake;
        // A posted job: owned by the queue, deleted once `then` ran.
        Unit owned;
        Done then;
        bool posted = false;
    };
    /// Takes the next group off the queue and commits it (called with `lock` held; returns
    /// with it held).
    void commitNext(std::unique_lock<std::mutex>& lock);
    /// With the lock held and no commit running: wakes whoever commits next (the first
    /// caller of run() queued, else the flusher when posted units wait or it must stop).
    void wakeNextCommitter();
    void commitGroup(std::vector<Job*>& group);
    void flushLoop();

    storage::SyncStore& m_store;
    const std::size_t m_maxUnits;
    mutable std::mutex m_mutex;
    std::condition_variable m_flush; // the flusher waits on it
    std::deque<Job*> m_queue;
    std::size_t m_queuedWaiters = 0; // run() jobs in m_queue: their callers commit them
    bool m_committing = false;
    bool m_stopping = false;
    std::uint64_t m_groups = 0, m_units = 0;
    std::thread m_flusher; // commits posted units no caller is waiting behind
};

} // namespace bridgecore::engine
