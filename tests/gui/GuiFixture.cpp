#include "GuiFixture.h"

#include "MainWindow.h"
#include "Translations.h"
#include "console/ConsoleSession.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QPixmap>
#include <QRegularExpression>
#include <QSettings>
#include <QStackedWidget>
#include <QTableView>
#include <QWidget>
#include <QtTest/QTest>

// Always checked (Q_ASSERT is compiled out in release builds).
#define FIXTURE_CHECK(cond)                                                                        \
    do {                                                                                           \
        if (!(cond))                                                                               \
            qFatal("fixture: %s failed at %s:%d", #cond, __FILE__, __LINE__);                      \
    } while (false)

namespace bridgecore::testing {

namespace {
/// Every GUI test starts as the console does: with the English translation loaded (its plural
/// forms: "1 conflict", not "1 conflict(s)"), and with settings of its own, so column widths
/// a previous run remembered do not leak into this one.
void startLikeTheConsole() {
    static QTemporaryDir settings;
    FIXTURE_CHECK(settings.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settings.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settings.path());
    ui::Translations::apply(QStringLiteral("en"));
}
} // namespace
Q_COREAPP_STARTUP_FUNCTION(startLikeTheConsole)

GuiFixture::GuiFixture()
    : clock(QDateTime::currentMSecsSinceEpoch()) {
    FIXTURE_CHECK(m_dir.isValid());
    auto store = storage::openSqliteStore(
        QString(m_dir.path() + QStringLiteral("/fixture.db")).toStdString());
    FIXTURE_CHECK(store.ok());
    m_store = store.value();
    m_engine = std::make_unique<engine::SyncEngine>(m_store, clock);
    {
        tenant = m_store->createTenant("Fixture").value();
        storage::User a;
        a.tenant_id = tenant;
        a.email = "admin@fixture.test";
        a.name = "Admin";
        a.role = protocol::Role::Admin;
        a.password_hash = "x";
        const auto adminId = m_store->createUser(a).value();
        storage::User u = a;
        u.email = "user@fixture.test";
        u.name = "Device user";
        u.role = protocol::Role::User;
        const auto userId = m_store->createUser(u).value();
        admin = {tenant, adminId, protocol::Role::Admin};
        user = {tenant, userId, protocol::Role::User};
    }
    m_accounts = std::make_unique<auth::Accounts>(
        m_store, auth::TokenService("gui-fixture-secret-that-is-long-enough-for-hs256"));
    m_backend =
        std::make_unique<console::EmbeddedBackend>(*m_engine, *m_accounts, admin, m_dir.path());
}

GuiFixture::~GuiFixture() {
    m_backend.reset();
}

QString nowIso(protocol::Millis offsetMs) {
    return QString::fromStdString(
        protocol::formatTime(QDateTime::currentMSecsSinceEpoch() + offsetMs));
}

protocol::json GuiFixture::create(const std::string& localId, const protocol::json& data,
                                  const std::string& model) {
    return {{"local_id", localId},
            {"action", "create"},
            {"model", model},
            {"data", data},
            {"local_timestamp", nowIso().toStdString()},
            {"version", 1}};
}

protocol::json GuiFixture::update(const std::string& localId, std::int64_t id, std::int64_t version,
                                  const protocol::json& data, const std::string& model) {
    return {{"local_id", localId}, {"action", "update"},
            {"model", model},      {"record_id", id},
            {"data", data},        {"local_timestamp", nowIso().toStdString()},
            {"version", version}};
}

protocol::PushResponse GuiFixture::push(const std::string& deviceId, const protocol::json& changes,
                                        const std::string& strategy, const protocol::json& report) {
    // {create(...)} with one element is that element, not an array of it.
    const protocol::json list = changes.is_array() ? changes : protocol::json::array({changes});
    protocol::json body = {
        {"device_id", deviceId}, {"changes", list}, {"conflict_strategy", strategy}};
    for (auto& [k, v] : report.items())
        body[k] = v;
    auto parsed = protocol::parsePushRequest(body);
    if (!std::holds_alternative<protocol::PushRequest>(parsed))
        qFatal("fixture: push request invalid: %s",
               protocol::toJson(std::get<protocol::ValidationIssues>(parsed)).dump().c_str());
    auto r = m_engine->push(user, std::get<protocol::PushRequest>(parsed));
    if (!r)
        qFatal("fixture: push failed: %s", r.error().message.c_str());
    return r.value();
}

protocol::PullResponse GuiFixture::pull(const std::string& deviceId, const std::string& appType) {
    protocol::PullRequest req;
    req.device_id = deviceId;
    req.app_type = appType;
    req.limit = 500;
    auto r = m_engine->pull(user, req);
    if (!r)
        qFatal("fixture: pull failed: %s", r.error().message.c_str());
    return r.value();
}

protocol::json GuiFixture::serverRecord(const std::string& model, std::int64_t id) {
    auto r = m_engine->record(admin, model, id);
    if (!r)
        return nullptr;
    auto data = r.value()["data"];
    data.erase("id");
    return data;
}

QStringList visibleTexts(QWidget* widget) {
    QStringList out;
    auto visit = [&out, widget](QWidget* w) {
        if (w != widget && !w->isVisibleTo(widget))
            return;
        if (auto* l = qobject_cast<QLabel*>(w))
            out << l->text();
        else if (auto* b = qobject_cast<QAbstractButton*>(w))
            out << b->text();
        else if (auto* g = qobject_cast<QGroupBox*>(w))
            out << g->title();
        else if (auto* v = qobject_cast<QAbstractItemView*>(w); v && v->model()) {
            const auto* m = v->model();
            for (int c = 0; c < m->columnCount(); ++c)
                out << m->headerData(c, Qt::Horizontal).toString();
            for (int r = 0; r < std::min(m->rowCount(), 200); ++r)
                for (int c = 0; c < m->columnCount(); ++c)
                    out << m->index(r, c).data().toString();
        }
    };
    visit(widget);
    for (auto* w : widget->findChildren<QWidget*>())
        visit(w);
    return out;
}

QString columnPastTheEdge(QTableView* table, int column) {
    auto* header = table->horizontalHeader();
    const int start = header->sectionViewportPosition(column);
    const int end = start + header->sectionSize(column);
    if (header->isSectionHidden(column) || (start >= 0 && end <= table->viewport()->width()))
        return {};
    return QStringLiteral("'%1' spans %2..%3, the table ends at %4")
        .arg(table->model()->headerData(column, Qt::Horizontal).toString())
        .arg(start)
        .arg(end)
        .arg(table->viewport()->width());
}

QString valueCut(QTableView* table, int column, bool mayElide) {
    const QFontMetrics fm(table->font());
    const int width = table->horizontalHeader()->sectionSize(column);
    for (int r = 0; r < std::min(table->model()->rowCount(), 200); ++r) {
        const QModelIndex cell = table->model()->index(r, column);
        const QString value = cell.data().toString();
        if (fm.horizontalAdvance(value) + 6 <= width ||
            (mayElide && cell.data(Qt::ToolTipRole).toString().contains(value)))
            continue;
        return QStringLiteral("'%1' needs %2 px, column '%3' has %4")
            .arg(value)
            .arg(fm.horizontalAdvance(value))
            .arg(table->model()->headerData(column, Qt::Horizontal).toString())
            .arg(width);
    }
    return {};
}

QSize defaultViewSize() {
    QTemporaryDir dir;
    FIXTURE_CHECK(dir.isValid());
    auto session = console::ConsoleSession::openEmbedded(dir.path());
    FIXTURE_CHECK(session.ok());
    ui::MainWindow window(session.value().get());
    window.show();
    FIXTURE_CHECK(QTest::qWaitForWindowExposed(&window));
    QCoreApplication::processEvents();
    auto* stack = window.findChild<QStackedWidget*>();
    FIXTURE_CHECK(stack);
    return stack->size();
}

QString saveScreenshot(QWidget* widget, const QString& name) {
    QString dir = qEnvironmentVariable("BRIDGECORE_BUILD_DIR");
    if (dir.isEmpty())
        dir = QDir::currentPath();
    dir += QStringLiteral("/tests/gui/screenshots");
    QDir().mkpath(dir);
    const QString file = dir + QLatin1Char('/') + name + QStringLiteral(".png");
    QTest::qWait(50); // let pending paints and layouts settle
    // What a person sees never shows an untranslated plural ("1 push(es)").
    const QString shown = visibleTexts(widget).join(QLatin1Char('\n'));
    static const QRegularExpression plural(QStringLiteral("\\w\\((s|es)\\)"));
    if (const auto m = plural.match(shown); m.hasMatch())
        QTest::qFail(
            qPrintable(QStringLiteral("screenshot %1 shows an untranslated plural: '%2'")
                           .arg(name, shown.mid(std::max<qsizetype>(0, m.capturedStart() - 30), 60)
                                          .replace(QLatin1Char('\n'), QLatin1Char('|')))),
            __FILE__, __LINE__);
    const bool ok = widget->grab().save(file);
    FIXTURE_CHECK(ok);
    return file;
}

} // namespace bridgecore::testing
