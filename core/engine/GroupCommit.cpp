#include "engine/GroupCommit.h"

namespace bridgecore::engine {

GroupCommit::GroupCommit(storage::SyncStore& store, std::size_t maxUnits)
    : m_store(store)
    , m_maxUnits(std::max<std::size_t>(1, maxUnits))
    , m_flusher([this] { flushLoop(); }) {}

GroupCommit::~GroupCommit() {
    shutdown();
}

void GroupCommit::shutdown() {
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping)
            return;
        m_stopping = true;
    }
    m_flush.notify_all();
    if (m_flusher.joinable())
        m_flusher.join();
}

Status GroupCommit::run(const Unit& unit) {
    Job job;
    job.unit = &unit;
    std::unique_lock lock(m_mutex);
    m_queue.push_back(&job);
    ++m_queuedWaiters;
    while (!job.done) {
        if (m_committing) {
            job.wake.wait(lock);
            continue;
        }
        // This thread commits the next group (which holds its own unit unless an earlier
        // group is still queued ahead of it).
        commitNext(lock);
    }
    return job.status;
}

void GroupCommit::post(Unit unit, Done done) {
    auto* job = new Job;
    job->owned = std::move(unit);
    job->unit = &job->owned;
    job->then = std::move(done);
    job->posted = true;
    std::lock_guard lock(m_mutex);
    m_queue.push_back(job);
    // A commit running wakes the next committer when it ends; a queued caller of run() only
    // waits while one runs.
    if (!m_committing && m_queuedWaiters == 0)
        m_flush.notify_one();
}

void GroupCommit::flushLoop() {
    std::unique_lock lock(m_mutex);
    for (;;) {
        // Posted units wait only while a commit runs or a caller of run() is queued (that
        // caller takes them into its group).
        m_flush.wait(lock, [this] {
            return (m_stopping && !m_committing) ||
                   (!m_queue.empty() && !m_committing && m_queuedWaiters == 0);
        });
        if (m_queue.empty()) {
            if (m_stopping)
                return;
            continue;
        }
        commitNext(lock);
    }
}

void GroupCommit::commitNext(std::unique_lock<std::mutex>& lock) {
    m_committing = true;
    std::vector<Job*> group;
    while (!m_queue.empty() && group.size() < m_maxUnits) {
        Job* j = m_queue.front();
        m_queue.pop_front();
        if (!j->posted)
            --m_queuedWaiters;
        group.push_back(j);
    }
    lock.unlock();
    commitGroup(group);
    // Posted units are answered and freed here; callers of run() own theirs and wake below.
    std::vector<Job*> waiting;
    for (Job* j : group)
        if (j->posted) {
            if (j->then)
                j->then(j->status);
            delete j;
        } else {
            waiting.push_back(j);
        }
    lock.lock();
    ++m_groups;
    m_units += group.size();
    m_committing = false;
    // Each caller is woken alone, under the lock: its Job (and condition) lives on its stack
    // and is gone once it sees `done`.
    for (Job* j : waiting) {
        j->done = true;
        j->wake.notify_one();
    }
    wakeNextCommitter();
}

void GroupCommit::wakeNextCommitter() {
    for (Job* j : m_queue)
        if (!j->posted) {
            j->wake.notify_one();
            return;
        }
    if (!m_queue.empty() || m_stopping)
        m_flush.notify_one();
}

void GroupCommit::commitGroup(std::vector<Job*>& group) {
    auto opened = m_store.write();
    if (!opened.ok()) {
        for (Job* j : group)
            j->status = opened.error();
        return;
    }
    storage::WriteTransaction& tx = *opened.value();
    bool anyKept = false;
    for (Job* j : group) {
        storage::Savepoint unit(tx);
        Status s = unit.status();
        if (s.ok()) {
            try {
                s = (*j->unit)(tx);
            } catch (const std::exception& e) {
                s = Error{ErrorCode::Internal, e.what()};
            }
        }
        if (s.ok())
            s = unit.release(); // else the savepoint rolls back when `unit` goes
        j->status = s;
        anyKept = anyKept || s.ok();
    }
    if (!anyKept)
        return; // nothing to commit: the transaction rolls back
    if (Status c = tx.commit(); !c.ok())
        for (Job* j : group)
            if (j->status.ok())
                j->status = c;
}

std::uint64_t GroupCommit::groups() const {
    std::lock_guard lock(m_mutex);
    return m_groups;
}

std::uint64_t GroupCommit::units() const {
    std::lock_guard lock(m_mutex);
    return m_units;
}

} // namespace bridgecore::engine
