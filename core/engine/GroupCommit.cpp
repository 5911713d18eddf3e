#include "engine/GroupCommit.h"

namespace bridgecore::engine {

GroupCommit::GroupCommit(storage::SyncStore& store, std::size_t maxUnits)
    : m_store(store)
    , m_maxUnits(std::max<std::size_t>(1, maxUnits)) {}

Status GroupCommit::run(const Unit& unit) {
    Job job;
    job.unit = &unit;
    std::unique_lock lock(m_mutex);
    m_queue.push_back(&job);
    while (!job.done) {
        if (m_committing) {
            m_done.wait(lock);
            continue;
        }
        // This thread commits the next group (which holds its own unit unless an earlier
        // group is still queued ahead of it).
        m_committing = true;
        std::vector<Job*> group;
        while (!m_queue.empty() && group.size() < m_maxUnits) {
            group.push_back(m_queue.front());
            m_queue.pop_front();
        }
        lock.unlock();
        commitGroup(group);
        lock.lock();
        ++m_groups;
        m_units += group.size();
        for (Job* j : group)
            j->done = true;
        m_committing = false;
        m_done.notify_all();
    }
    return job.status;
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
