#pragma once
// Settings: mode, server, app type, sync interval, default conflict strategy, language, and
// serving the sync API from this console.

#include "ConsoleSettings.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace bridgecore::ui {

class SettingsView : public QWidget {
    Q_OBJECT
public:
    explicit SettingsView(const ConsoleSettings& settings, const QStringList& appTypes,
                          QWidget* parent = nullptr);

    ConsoleSettings settings() const;
    void setSettings(const ConsoleSettings& settings);
    void setServingStatus(const QString& text);
    QComboBox* languageCombo() { return m_language; }

public slots:
    void apply();

signals:
    void applied(const ConsoleSettings& settings);

private:
    ConsoleSettings m_base;
    QComboBox* m_mode = nullptr;
    QLineEdit* m_server = nullptr;
    QLineEdit* m_email = nullptr;
    QComboBox* m_appType = nullptr;
    QSpinBox* m_interval = nullptr;
    QComboBox* m_strategy = nullptr;
    QComboBox* m_language = nullptr;
    QCheckBox* m_serve = nullptr;
    QLineEdit* m_serveAddress = nullptr;
    QSpinBox* m_servePort = nullptr;
    QLabel* m_serving = nullptr;
    QLineEdit* m_database = nullptr;
};

} // namespace bridgecore::ui
