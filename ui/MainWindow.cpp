#include "MainWindow.h"

#include "Text.h"

#include "AdminView.h"
#include "ConflictsView.h"
#include "ConsoleServices.h"
#include "DashboardView.h"
#include "DevicesView.h"
#include "EventLogView.h"
#include "OdooFieldLabels.h"
#include "PendingView.h"
#include "RecordsView.h"
#include "SettingsView.h"
#include "Translations.h"
#include "console/ConsoleSession.h"

#include <QApplication>
#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>

#include <algorithm>
#include <map>

namespace bridgecore::ui {

namespace {
/// A letter a person types as is in any keyboard layout of its script: no accent or hamza
/// ("é", "أ" need a dead key or Shift on many layouts).
bool typeable(QChar c) {
    return c.isLetter() && c.decompositionTag() == QChar::NoDecomposition;
}
} // namespace

bool keepsJoins(const QString& text, qsizetype i) {
    // Joins to the letter after it (Arabic's dual-joining letters), takes a join from the one
    // before it (those and the right-joining ones: alef, dal, reh, waw…).
    auto joinsNext = [](QChar c) {
        return c.joiningType() == QChar::Joining_Dual || c.joiningType() == QChar::Joining_Causing;
    };
    auto takesJoin = [](QChar c) {
        return c.joiningType() == QChar::Joining_Dual || c.joiningType() == QChar::Joining_Right ||
               c.joiningType() == QChar::Joining_Causing;
    };
    const bool fromPrevious = i > 0 && joinsNext(text.at(i - 1)) && takesJoin(text.at(i));
    const bool toNext = i + 1 < text.size() && joinsNext(text.at(i)) && takesJoin(text.at(i + 1));
    return !fromPrevious && !toNext;
}

QStringList withMnemonics(const QStringList& texts) {
    QStringList out;
    QList<QChar> taken;
    for (QString text : texts) {
        text.replace(QLatin1Char('&'), QStringLiteral("&&")); // an "&" in a name stays one
        // A letter not taken yet: one that keeps its word joined (Qt shapes an underlined
        // letter on its own: "التغييرات" fell apart around it), at a word's start first; else
        // any, at a word's start first.
        qsizetype at = -1;
        for (bool joined : {true, false})
            for (bool wordStart : {true, false})
                for (qsizetype i = 0; at < 0 && i < text.size(); ++i) {
                    const QChar c = text.at(i);
                    const bool starts = i == 0 || !text.at(i - 1).isLetterOrNumber();
                    if ((starts || !wordStart) && (keepsJoins(text, i) || !joined) && typeable(c) &&
                        !taken.contains(c.toUpper()))
                        at = i;
                }
        if (at >= 0) {
            taken.append(text.at(at).toUpper());
            text.insert(at, QLatin1Char('&'));
        }
        out << text;
    }
    return out;
}

MainWindow::MainWindow(ConsoleSession* session, QWidget* parent)
    : QMainWindow(parent)
    , m_session(session) {
    setObjectName(QStringLiteral("mainWindow"));
    resize(1280, 800);
    buildUi();
    connectSession();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildUi() {
    // The application's display name follows the title ("… — BridgeCore Sync Console"): the
    // title says only which data the window shows.
    if (m_session->isDemo())
        setWindowTitle(tr("Demo (separate database)"));
    else if (m_session->isConnected())
        setWindowTitle(m_session->serverUrl());
    else
        setWindowTitle(tr("Local database"));
    menuBar()->clear();
    auto* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Sync now"), QKeySequence(Qt::Key_F5), this, &MainWindow::syncNow);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);

    // The previous views go at once (a language switch rebuilds them; never called from
    // inside one of them: the settings view's apply goes through the event loop).
    delete takeCentralWidget();
    auto* central = new QWidget(this);
    auto* layout = new QHBoxLayout(central);
    m_nav = new QListWidget(central);
    m_nav->setObjectName(QStringLiteral("navigation"));
    m_stack = new QStackedWidget(central);
    layout->addWidget(m_nav);
    layout->addWidget(m_stack, 1);

    auto* backend = m_session->backend();
    auto* cache = m_session->cache();
    auto* pool = m_session->clientPool();
    // The admin views are for support and admin users (always the case when embedded); a plain
    // user of a connected console sees its own outbox, records and settings.
    const bool staff = backend->role() != protocol::Role::User;
    m_dashboard = staff ? new DashboardView(backend, m_stack) : nullptr;
    m_devices = staff ? new DevicesView(backend, m_stack) : nullptr;
    m_pending = new PendingView(backend, cache, pool, m_stack);
    m_conflicts = staff ? new ConflictsView(backend, m_stack) : nullptr;
    m_records = new RecordsView(cache, pool, m_stack);
    m_records->setFieldLabels(new OdooFieldLabels(backend, m_records));
    m_events = staff ? new EventLogView(backend, m_stack) : nullptr;
    m_admin = staff ? new AdminView(backend, m_stack) : nullptr;
    QStringList appTypes;
    for (const auto& [app, models] : storage::defaultModelMap())
        appTypes << QString::fromStdString(app);
    m_settings = new SettingsView(m_session->settings(), appTypes, m_stack);

    m_pages.clear();
    auto add = [this](Page page, QWidget* w, const QString& title) {
        if (!w)
            return;
        m_stack->addWidget(w);
        auto* item = new QListWidgetItem(title, m_nav);
        item->setData(Qt::UserRole, int(page));
        m_pages[page] = w;
    };
    add(Page::Dashboard, m_dashboard, tr("Dashboard"));
    add(Page::Devices, m_devices, tr("Devices"));
    add(Page::Pending, m_pending, tr("Pending changes"));
    add(Page::Conflicts, m_conflicts, tr("Conflicts"));
    add(Page::Records, m_records, tr("Records"));
    add(Page::Events, m_events, tr("Event log"));
    add(Page::Admin, m_admin, tr("Users and app types"));
    add(Page::Settings, m_settings, tr("Settings"));
    connect(m_nav, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);
    // Ctrl+1 … Ctrl+8 switch views, in the order of the navigation list; each entry has its
    // own accelerator in the chosen language (Alt+V, then D for Dashboard).
    auto* view = menuBar()->addMenu(tr("&View"));
    QStringList titles;
    for (int i = 0; i < m_nav->count(); ++i)
        titles << m_nav->item(i)->text();
    titles = withMnemonics(titles);
    for (int i = 0; i < m_nav->count(); ++i)
        view->addAction(titles.at(i), QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)), this,
                        [this, i] { m_nav->setCurrentRow(i); });
    // Help last, as in every application.
    auto* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About"), this, [this] {
        QMessageBox::about(this, tr("About BridgeCore Sync Console"),
                           (m_session->isConnected()
                                ? tr("BridgeCore Sync Console\nOffline-first sync for ERP data.\n"
                                     "Connected to %1")
                                : tr("BridgeCore Sync Console\nOffline-first sync for ERP data.\n"
                                     "Database: %1"))
                               .arg(m_session->backend()->description()));
    });
    // As wide as its longest entry, no wider: a fixed 210 px list took from every view the
    // room that French model names and emails needed (Event log, Devices with details).
    int widest = 0;
    for (int i = 0; i < m_nav->count(); ++i)
        widest = std::max(widest, m_nav->fontMetrics().horizontalAdvance(m_nav->item(i)->text()));
    m_nav->setFixedWidth(widest + 2 * m_nav->frameWidth() + 10); // the item's margins and air
    m_nav->setCurrentRow(0);
    setCentralWidget(central);

    for (auto* v : std::initializer_list<QObject*>{m_devices, m_pending, m_conflicts, m_records,
                                                   m_events, m_admin}) {
        if (!v)
            continue;
        connect(v, SIGNAL(message(QString)), this, SLOT(showMessage(QString)));
    }
    for (auto* v : std::initializer_list<QObject*>{m_pending, m_records})
        connect(v, SIGNAL(queued(QString)), this, SLOT(showQueued(QString)));
    connect(m_pending, &PendingView::syncRequested, this, &MainWindow::syncNow);
    connect(m_records, &RecordsView::syncRequested, this, &MainWindow::syncNow);
    if (m_devices && m_conflicts)
        connect(m_devices, &DevicesView::showConflicts, this, [this](const QString& deviceId) {
            m_conflicts->setStatusFilter("open");
            m_conflicts->setTextFilter(deviceId);
            m_nav->setCurrentRow(m_stack->indexOf(m_conflicts));
        });
    if (m_conflicts)
        connect(m_conflicts, &ConflictsView::resolved, this,
                [this](std::int64_t id, const QString& model, qint64) {
                    runAsync(
                        m_session->clientPool(), this,
                        [s = m_session, id] {
                            s->settleLocalConflict(id);
                            return true;
                        },
                        [this, model](bool) {
                            syncNow();
                            if (!model.isEmpty())
                                m_records->showModel(model);
                        });
                });
    connect(m_settings, &SettingsView::applied, this, [this](const ConsoleSettings& s) {
        const QString oldLanguage = m_session->settings().language;
        const auto oldMode = m_session->settings().mode;
        // Applied on the session's service thread; settingsApplied reports back.
        m_session->applySettingsAsync(s);
        if (s.mode != oldMode)
            QMessageBox::information(
                this, tr("Mode changed"),
                tr("The new mode takes effect when the console starts again."));
        if (s.language != oldLanguage)
            QTimer::singleShot(0, this, [this, lang = s.language] { setLanguage(lang); });
    });

    // Status bar.
    auto* bar = statusBar();
    for (auto* w :
         std::initializer_list<QWidget*>{m_online, m_lastSync, m_progress, m_serving, m_message})
        if (w) {
            bar->removeWidget(w);
            delete w;
        }
    m_online = new QLabel(bar);
    m_online->setObjectName(QStringLiteral("onlineLabel"));
    m_lastSync = new QLabel(bar);
    m_lastSync->setObjectName(QStringLiteral("lastSyncLabel"));
    m_progress = new QProgressBar(bar);
    m_progress->setObjectName(QStringLiteral("syncProgress"));
    m_progress->setMaximumWidth(360);
    m_progress->setVisible(false);
    m_serving = new QLabel(bar);
    m_message = new QLabel(bar);
    m_message->setObjectName(QStringLiteral("messageLabel"));
    // The status bar decides its width; a longer message is shortened to it (fitText), never
    // cut at one side (in Arabic that left a bracket without its pair).
    m_message->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_message->installEventFilter(this);
    m_messageText.clear(); // a message in the previous language is gone with its label
    bar->addWidget(m_online);
    bar->addWidget(m_lastSync);
    bar->addWidget(m_progress);
    bar->addWidget(m_message, 1);
    bar->addPermanentWidget(m_serving);
    const auto* sched = m_session->scheduler();
    m_online->setText(sched->isOnline() ? tr("● Online") : tr("○ Offline"));
    m_lastSync->setText(m_lastSyncAt.isNull()
                            ? tr("Not synced yet")
                            : tr("Last sync %1").arg(localTime(m_lastSyncAt.toMSecsSinceEpoch())));
    m_serving->setText(
        m_servingText.isEmpty() ? QString() : tr("Serving the sync API on %1").arg(m_servingText));
    m_settings->setServingStatus(m_servingText.isEmpty() ? tr("Not serving")
                                                         : tr("Serving on %1").arg(m_servingText));
}

void MainWindow::connectSession() {
    connect(m_session, &ConsoleSession::settingsApplied, this, [this](const QString& error) {
        showMessage(error.isEmpty() ? tr("Settings saved") : tr("Settings: %1").arg(error));
    });
    auto* sched = m_session->scheduler();
    connect(sched, &client::SyncScheduler::started, this, [this] {
        m_progress->setRange(0, 0);
        m_progress->setVisible(true);
    });
    connect(sched, &client::SyncScheduler::progress, this, [this](qint64 current, qint64 total) {
        m_progress->setVisible(true);
        if (total > 0) {
            m_progress->setRange(0, 1000);
            m_progress->setValue(int(1000 * std::min<qint64>(current, total) / total));
        }
    });
    connect(sched, &client::SyncScheduler::progressed, this, [this](const client::SyncProgress& p) {
        const QString what =
            p.phase == client::SyncProgress::Phase::Push ? tr("Pushing") : tr("Pulling");
        const double left = p.secondsLeft();
        m_progress->setFormat(left < 0 ? tr("%1 %L2 / %L3 · %L4/s")
                                             .arg(what)
                                             .arg(p.done)
                                             .arg(p.total)
                                             .arg(qRound64(p.per_second))
                                       : tr("%1 %L2 / %L3 · %L4/s · %5 s left")
                                             .arg(what)
                                             .arg(p.done)
                                             .arg(p.total)
                                             .arg(qRound64(p.per_second))
                                             .arg(qRound64(left)));
        m_progress->setToolTip(m_progress->format());
    });
    connect(sched, &client::SyncScheduler::finished, this, [this](const QString&) {
        m_progress->setVisible(false);
        m_lastSyncAt = QDateTime::currentDateTime();
        m_lastSync->setText(tr("Last sync %1").arg(localTime(m_lastSyncAt.toMSecsSinceEpoch())));
        // A "will be sent with the next sync" note is out of date now.
        if (m_messageAwaitsSync) {
            m_messageAwaitsSync = false;
            showMessage(tr("Synced"));
        }
    });
    connect(sched, &client::SyncScheduler::failed, this, [this](const QString& reason) {
        m_progress->setVisible(false);
        showMessage(tr("Sync failed: %1. Retrying automatically.").arg(reason));
    });
    connect(sched, &client::SyncScheduler::onlineChanged, this,
            [this](bool online) { m_online->setText(online ? tr("● Online") : tr("○ Offline")); });
    connect(m_session, &ConsoleSession::servingChanged, this,
            [this](bool serving, const QString& where) {
                m_servingText = serving ? where : QString();
                m_serving->setText(serving ? tr("Serving the sync API on %1").arg(where)
                                           : QString());
                m_settings->setServingStatus(serving ? tr("Serving on %1").arg(where)
                                                     : tr("Not serving"));
            });
    if (m_session->isServing())
        m_servingText = m_session->settings().serveAddress + QLatin1Char(':') +
                        QString::number(m_session->servingPort());
    if (!m_servingText.isEmpty()) {
        m_serving->setText(tr("Serving the sync API on %1").arg(m_servingText));
        m_settings->setServingStatus(tr("Serving on %1").arg(m_servingText));
    }
}

void MainWindow::showPage(Page page) {
    auto it = m_pages.find(page);
    if (it == m_pages.end())
        return;
    const int index = m_stack->indexOf(it->second);
    m_nav->setCurrentRow(index);
}

QWidget* MainWindow::page(Page page) const {
    auto it = m_pages.find(page);
    return it == m_pages.end() ? nullptr : it->second;
}

void MainWindow::setLanguage(const QString& language) {
    QWidget* current = m_stack->currentWidget();
    Page currentPage = Page::Dashboard;
    for (const auto& [p, w] : m_pages)
        if (w == current)
            currentPage = p;
    Translations::apply(language);
    buildUi();
    showPage(currentPage);
}

void MainWindow::syncNow() {
    m_session->scheduler()->syncNow();
}

void MainWindow::showMessage(const QString& text) {
    m_messageAwaitsSync = false;
    m_messageText = text;
    m_message->setText(fitText(text, m_message->fontMetrics(), m_message->width()));
    m_message->setToolTip(text);
}

void MainWindow::showQueued(const QString& text) {
    showMessage(text);
    m_messageAwaitsSync = true;
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_message && event->type() == QEvent::Resize)
        m_message->setText(fitText(m_messageText, m_message->fontMetrics(), m_message->width()));
    return QMainWindow::eventFilter(watched, event);
}

QString MainWindow::statusText() const {
    return m_messageText;
}

QString MainWindow::onlineText() const {
    return m_online->text();
}

QString MainWindow::lastSyncText() const {
    return m_lastSync->text();
}

} // namespace bridgecore::ui
