#pragma once
// runAsync: run blocking work on a pool thread and hand its result to a callback on the
// thread of a context object. The callback is dropped when the context object is gone.

#include <QFutureWatcher>
#include <QObject>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <memory>
#include <type_traits>

namespace bridgecore::console {

template <typename Work, typename Done>
void runAsync(QThreadPool* pool, QObject* context, Work work, Done done) {
    using R = std::invoke_result_t<Work>;
    using Box = std::shared_ptr<R>;
    auto* watcher = new QFutureWatcher<Box>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                     [watcher, done = std::move(done)]() mutable {
                         Box box = watcher->future().result();
                         watcher->deleteLater();
                         done(std::move(*box));
                     });
    watcher->setFuture(QtConcurrent::run(
        pool, [work = std::move(work)]() mutable { return std::make_shared<R>(work()); }));
}

} // namespace bridgecore::console
