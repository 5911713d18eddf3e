#pragma once
// runAsync: run blocking work on a pool thread and hand its result to a callback on the
// thread of a context object. The callback is dropped when the context object is gone.
// startOnPool: the same without a result.
//
// The work goes out as our own QRunnable and the result comes back as a posted event, each
// released and acquired with HANDOFF_* (protocol/Handoff.h): QtConcurrent's task and QFuture's
// result store hand data between threads under Qt's own mutexes, which ThreadSanitizer cannot
// see. A task releases its pool last, so the pool's owner may acquire it after waitForDone().

#include "protocol/Handoff.h"

#include <QCoreApplication>
#include <QEvent>
#include <QObject>
#include <QRunnable>
#include <QThreadPool>

#include <memory>
#include <mutex>
#include <optional>
#include <type_traits>
#include <utility>

namespace bridgecore::console {

namespace async_detail {

inline QEvent::Type resultEventType() {
    static const auto type = static_cast<QEvent::Type>(QEvent::registerEventType());
    return type;
}

/// Where a finished task posts its result: the relay while it lives, else nowhere.
struct Link {
    std::mutex mutex;
    QObject* relay = nullptr;
};

template <typename R> struct ResultEvent final : QEvent {
    explicit ResultEvent(R v)
        : QEvent(resultEventType())
        , value(std::move(v)) {}
    R value;
};

/// Lives on the context's thread as its child; calls `done` with the result once.
template <typename R, typename Done> class Relay final : public QObject {
public:
    Relay(QObject* context, Done done, std::shared_ptr<Link> link)
        : QObject(context)
        , m_done(std::move(done))
        , m_link(std::move(link)) {
        m_link->relay = this;
    }
    ~Relay() override {
        std::lock_guard lock(m_link->mutex);
        m_link->relay = nullptr;
    }

protected:
    void customEvent(QEvent* e) override {
        HANDOFF_ACQUIRE(e); // built on the pool thread and released there before posting
        if (e->type() != resultEventType() || !m_done)
            return;
        Done done = std::move(*m_done);
        m_done.reset();
        deleteLater();
        done(std::move(static_cast<ResultEvent<R>*>(e)->value));
    }

private:
    std::optional<Done> m_done;
    std::shared_ptr<Link> m_link;
};

/// Runs `work` once on a pool thread, then deletes itself and releases the pool.
template <typename Work> class Task final : public QRunnable {
public:
    Task(QThreadPool* pool, Work work)
        : m_pool(pool)
        , m_work(std::move(work)) {
        setAutoDelete(false); // deletes itself in run(), before its last release
    }
    void run() override {
        HANDOFF_ACQUIRE(this); // built on the caller's thread, released there before start()
        (*m_work)();
        QThreadPool* pool = m_pool;
        delete this;
        HANDOFF_RELEASE(pool);
    }

private:
    QThreadPool* m_pool;
    std::optional<Work> m_work;
};

} // namespace async_detail

/// Runs `work` on a pool thread, visibly to ThreadSanitizer; nothing comes back.
template <typename Work> void startOnPool(QThreadPool* pool, Work work) {
    auto* task = new async_detail::Task<Work>(pool, std::move(work));
    HANDOFF_RELEASE(task);
    pool->start(task);
}

template <typename Work, typename Done>
void runAsync(QThreadPool* pool, QObject* context, Work work, Done done) {
    using R = std::invoke_result_t<Work&>;
    auto link = std::make_shared<async_detail::Link>();
    new async_detail::Relay<R, Done>(context, std::move(done), link);
    startOnPool(pool, [work = std::move(work), link = std::move(link)]() mutable {
        auto* result = new async_detail::ResultEvent<R>(work());
        HANDOFF_RELEASE(result);
        {
            std::lock_guard lock(link->mutex);
            if (link->relay) {
                QCoreApplication::postEvent(link->relay, result);
                result = nullptr;
            }
        }
        delete result; // the context is gone: nobody wants it
    });
}

/// After `pool.waitForDone()`: what the pool's finished tasks did happens before what follows.
inline void acquireDrainedPool(QThreadPool& pool) {
    HANDOFF_ACQUIRE(&pool);
}

} // namespace bridgecore::console
