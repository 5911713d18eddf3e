#include "client/SyncScheduler.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QNetworkInformation>
#include <QThread>

#include <algorithm>
#include <cmath>

namespace bridgecore::client {

int SyncScheduler::backoffDelayMs(int failures, int baseMs, int maxMs, double unit) {
    if (failures < 1)
        failures = 1;
    const double exp = std::min(30, failures - 1);
    double delay = std::min<double>(maxMs, baseMs * std::pow(2.0, exp));
    delay *= 0.8 + 0.4 * std::clamp(unit, 0.0, 0.999999);
    return static_cast<int>(std::clamp<double>(delay, 1, maxMs));
}

SyncScheduler::SyncScheduler(SyncClient& client, bool useWorkerThread, QObject* parent)
    : QObject(parent)
    , m_client(client) {
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SyncScheduler::runSync);
    connect(&m_client, &SyncClient::progress, this, &SyncScheduler::progress);
    connect(&m_client, &SyncClient::progressed, this, &SyncScheduler::progressed);
    if (useWorkerThread) {
        m_thread = new QThread(this);
        m_thread->setObjectName(QStringLiteral("bridgecore-sync"));
        m_worker = new QObject;
        m_worker->moveToThread(m_thread);
        connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
        m_thread->start();
    }
}

SyncScheduler::~SyncScheduler() {
    m_running = false;
    m_timer.stop();
    if (m_thread) {
        m_client.cancel();
        m_thread->quit();
        m_thread->wait();
    }
}

void SyncScheduler::setIntervalMs(int ms) {
    m_intervalMs = std::max(1, ms);
}

void SyncScheduler::setBackoff(int baseMs, int maxMs) {
    m_backoffBaseMs = std::max(1, baseMs);
    m_backoffMaxMs = std::max(m_backoffBaseMs, maxMs);
}

void SyncScheduler::start() {
    m_running = true;
    if (m_online)
        scheduleNext(0);
}

void SyncScheduler::stop() {
    m_running = false;
    m_timer.stop();
}

void SyncScheduler::syncNow() {
    if (m_syncing) {
        m_again = true;
        return;
    }
    scheduleNext(0);
}

void SyncScheduler::setOnline(bool online) {
    if (online == m_online)
        return;
    m_online = online;
    emit onlineChanged(online);
    if (!online) {
        m_timer.stop();
        return;
    }
    m_failures = 0;
    if (m_running)
        scheduleNext(0);
}

bool SyncScheduler::followSystemNetwork() {
    if (!QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability))
        return false;
    auto* info = QNetworkInformation::instance();
    if (!info)
        return false;
    connect(info, &QNetworkInformation::reachabilityChanged, this,
            [this](QNetworkInformation::Reachability r) {
                setOnline(r != QNetworkInformation::Reachability::Disconnected);
            });
    setOnline(info->reachability() != QNetworkInformation::Reachability::Disconnected);
    return true;
}

void SyncScheduler::scheduleNext(int delayMs) {
    m_nextDelayMs = delayMs;
    m_timer.start(delayMs);
}

void SyncScheduler::runSync() {
    if (m_syncing) {
        m_again = true;
        return;
    }
    if (!m_online)
        return;
    m_syncing = true;
    m_again = false;
    emit started();
    auto work = [this] {
        auto r = m_client.sync();
        const bool ok = r.ok();
        QString text;
        bool networkError = false;
        if (ok) {
            text = QString::fromStdString(toJson(r.value()).dump());
        } else {
            text = QString::fromStdString(r.error().message);
            networkError = isNetworkError(r.error());
        }
        QMetaObject::invokeMethod(
            this, [this, ok, text, networkError] { onDone(ok, text, networkError); },
            Qt::QueuedConnection);
    };
    if (m_worker)
        QMetaObject::invokeMethod(m_worker, work, Qt::QueuedConnection);
    else
        work();
}

void SyncScheduler::onDone(bool ok, const QString& text, bool networkError) {
    m_syncing = false;
    if (ok) {
        m_failures = 0;
        emit finished(text);
    } else {
        ++m_failures;
        Q_UNUSED(networkError);
        emit failed(text);
    }
    if (!m_running && !m_again)
        return;
    if (m_again && m_online) {
        m_again = false;
        scheduleNext(0);
        return;
    }
    if (!m_running || !m_online)
        return;
    if (ok) {
        scheduleNext(m_intervalMs);
    } else {
        std::uniform_real_distribution<double> unit(0.0, 1.0);
        scheduleNext(backoffDelayMs(m_failures, m_backoffBaseMs, m_backoffMaxMs, unit(m_rng)));
    }
}

void SyncScheduler::waitForIdle() {
    while (m_syncing || (m_timer.isActive() && m_timer.remainingTime() == 0)) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        if (m_syncing && m_thread)
            QThread::msleep(1);
    }
}

} // namespace bridgecore::client
