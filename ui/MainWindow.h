#pragma once
// The console's main window: a navigation list of the views, and a status bar with the
// online state, the last sync, a progress bar while syncing and readable errors.

#include <QDateTime>
#include <QMainWindow>
#include <QStringList>

class QLabel;
class QListWidget;
class QProgressBar;
class QStackedWidget;

namespace bridgecore::console {
class ConsoleSession;
}

namespace bridgecore::ui {

using console::ConsoleSession;
class DashboardView;
class DevicesView;
class PendingView;
class ConflictsView;
class RecordsView;
class EventLogView;
class AdminView;
class SettingsView;

/// `texts` as entries of one menu, each with an accelerator of its own ("&Dashboard"): a letter
/// not taken yet, typed as is on the language's keyboard (no accent, no hamza), one that keeps
/// its word joined (keepsJoins) when there is one, at a word's start first; none when every
/// letter is taken.
QStringList withMnemonics(const QStringList& texts);
/// Whether underlining `text[i]` as an accelerator leaves its word's letters joined as they
/// were: Qt shapes an underlined letter on its own, so an Arabic letter joined to a neighbour
/// would come apart from it. Always true in scripts that do not join.
bool keepsJoins(const QString& text, qsizetype i);

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    enum class Page { Dashboard, Devices, Pending, Conflicts, Records, Events, Admin, Settings };

    explicit MainWindow(ConsoleSession* session, QWidget* parent = nullptr);
    ~MainWindow() override;

    void showPage(Page page);
    QWidget* page(Page page) const;
    DashboardView* dashboard() const { return m_dashboard; }
    DevicesView* devices() const { return m_devices; }
    PendingView* pending() const { return m_pending; }
    ConflictsView* conflicts() const { return m_conflicts; }
    RecordsView* records() const { return m_records; }
    EventLogView* events() const { return m_events; }
    AdminView* admin() const { return m_admin; }
    SettingsView* settingsView() const { return m_settings; }
    /// Switches the language and rebuilds every view in it.
    void setLanguage(const QString& language);
    /// The status bar's message in full (shown shortened when the bar is narrower).
    QString statusText() const;
    QString onlineText() const;
    QString lastSyncText() const;

public slots:
    void syncNow();
    void showMessage(const QString& text);
    /// A message about a queued change; replaced by "Synced" after the next sync.
    void showQueued(const QString& text);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void buildUi();
    void connectSession();

    ConsoleSession* m_session;
    QListWidget* m_nav = nullptr;
    QStackedWidget* m_stack = nullptr;
    DashboardView* m_dashboard = nullptr;
    DevicesView* m_devices = nullptr;
    PendingView* m_pending = nullptr;
    ConflictsView* m_conflicts = nullptr;
    RecordsView* m_records = nullptr;
    EventLogView* m_events = nullptr;
    AdminView* m_admin = nullptr;
    SettingsView* m_settings = nullptr;
    QLabel* m_online = nullptr;
    QLabel* m_lastSync = nullptr;
    QLabel* m_message = nullptr;
    QString m_messageText; // in full; m_message shows it fitted to its width
    QLabel* m_serving = nullptr;
    QProgressBar* m_progress = nullptr;
    std::map<Page, QWidget*> m_pages;
    QDateTime m_lastSyncAt;
    bool m_messageAwaitsSync = false;
    QString m_servingText;
};

} // namespace bridgecore::ui
