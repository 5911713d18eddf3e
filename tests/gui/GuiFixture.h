#pragma once
// Shared fixture of the GUI tests: a fresh SQLite database in a temporary directory with a
// tenant, an admin and a device user, an engine on it, helpers to push and pull as devices,
// and saving a PNG of a view under <build>/tests/gui/screenshots/.

#include "auth/Accounts.h"
#include "console/EmbeddedBackend.h"
#include "engine/Clock.h"
#include "engine/SyncEngine.h"
#include "storage/SyncStore.h"

#include <QSize>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

class QWidget;

class QTableView;

namespace bridgecore::testing {

class GuiFixture {
public:
    GuiFixture();
    ~GuiFixture();

    QString path() const { return m_dir.path(); }
    storage::SyncStore& store() { return *m_store; }
    engine::SyncEngine& engine() { return *m_engine; }
    /// An admin backend over the fixture's engine.
    console::EmbeddedBackend& backend() { return *m_backend; }
    /// The tenant's accounts (core/auth), as the server has them.
    auth::Accounts& accounts() { return *m_accounts; }

    /// The engine's clock; starts at the wall clock, tests move it.
    ManualClock clock;
    std::int64_t tenant = 0;
    engine::Caller admin, user;

    /// Pushes `changes` (wire JSON array) as `deviceId` of the device user.
    protocol::PushResponse push(const std::string& deviceId, const protocol::json& changes,
                                const std::string& strategy = "server_wins",
                                const protocol::json& report = protocol::json::object());
    /// Pulls everything as `deviceId`.
    protocol::PullResponse pull(const std::string& deviceId,
                                const std::string& appType = "sales_app");
    /// One create change of a res.partner.
    static protocol::json create(const std::string& localId, const protocol::json& data,
                                 const std::string& model = "res.partner");
    static protocol::json update(const std::string& localId, std::int64_t id, std::int64_t version,
                                 const protocol::json& data,
                                 const std::string& model = "res.partner");
    /// The current server record's fields (without id), null when absent.
    protocol::json serverRecord(const std::string& model, std::int64_t id);

private:
    QTemporaryDir m_dir;
    std::shared_ptr<storage::SyncStore> m_store;
    std::unique_ptr<engine::SyncEngine> m_engine;
    std::unique_ptr<auth::Accounts> m_accounts;
    std::unique_ptr<console::EmbeddedBackend> m_backend;
};

/// The texts a person sees in `widget`: labels, buttons, group titles, item views' headers and
/// cells (their first 200 rows).
QStringList visibleTexts(QWidget* widget);
/// Saves a PNG of `widget` as <build>/tests/gui/screenshots/<name>.png; returns its path.
/// Fails the test when it shows an untranslated plural ("1 conflict(s)").
QString saveScreenshot(QWidget* widget, const QString& name);
/// "'Title' spans 700..820, the table ends at 800" when column `column` of `table` ends past
/// the table's viewport (or starts before it); empty when it is on screen.
QString columnPastTheEdge(QTableView* table, int column);
/// "'value' needs 240 px, column 'Title' has 200" for the first value of `column` (of the
/// first 200 rows) wider than its column, unless `mayElide` and its tooltip holds it whole.
QString valueCut(QTableView* table, int column, bool mayElide);
/// The size the console's window gives its views (the stacked pages beside the navigation)
/// at its default size, in the current language: a real MainWindow on an empty embedded
/// database, measured once shown.
QSize defaultViewSize();
/// A fresh empty directory for a test's data (under the system temp dir).
QString nowIso(protocol::Millis offsetMs = 0);

} // namespace bridgecore::testing
