#pragma once
// Users by email instead of numeric ids: the backend's user list, loaded once off the UI
// thread (and again when an unknown id shows up). Without the right to list users, ids stay.

#include <QObject>
#include <QString>

#include <cstdint>
#include <map>

namespace bridgecore::console {
class ConsoleBackend;
}

namespace bridgecore::ui {

using console::ConsoleBackend;

class UserNames : public QObject {
    Q_OBJECT
public:
    explicit UserNames(ConsoleBackend* backend, QObject* parent = nullptr);

    /// The email of `userId`; its number (in the current locale) while unknown.
    QString name(std::int64_t userId) const;

signals:
    /// New names arrived.
    void changed();

private:
    void load() const;

    ConsoleBackend* m_backend;
    mutable std::map<std::int64_t, QString> m_names;
    mutable bool m_loading = false;
    mutable bool m_denied = false;
    mutable qint64 m_lastLoad = 0;
};

} // namespace bridgecore::ui
