#include "UserNames.h"

#include "ConsoleServices.h"

#include <QDateTime>
#include <QLocale>

namespace bridgecore::ui {

UserNames::UserNames(ConsoleBackend* backend, QObject* parent)
    : QObject(parent)
    , m_backend(backend) {}

QString UserNames::name(std::int64_t userId) const {
    auto it = m_names.find(userId);
    if (it != m_names.end())
        return it->second;
    load();
    return QLocale().toString(qlonglong(userId));
}

void UserNames::load() const {
    // At most one load in flight and one per 5 s (an id may belong to a deleted user).
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (m_loading || m_denied || now - m_lastLoad < 5000)
        return;
    m_loading = true;
    m_lastLoad = now;
    auto* self = const_cast<UserNames*>(this);
    runAsync(
        m_backend->pool(), self, [backend = m_backend] { return backend->users(); },
        [self](Result<std::vector<UserInfo>> users) {
            self->m_loading = false;
            if (!users) {
                self->m_denied = users.error().code == ErrorCode::Forbidden;
                return;
            }
            for (const auto& u : users.value())
                self->m_names[u.id] = QString::fromStdString(u.email);
            emit self->changed();
        });
}

} // namespace bridgecore::ui
