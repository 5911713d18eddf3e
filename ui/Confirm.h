#pragma once
// Confirmation and password prompts that tests can answer without a modal dialog.

#include <QString>

#include <functional>
#include <optional>

class QWidget;

namespace bridgecore::ui {

/// Asks a yes/no question; true when the user confirms.
bool confirm(QWidget* parent, const QString& title, const QString& text);
/// Replaces the dialog (tests); an empty function restores it.
void setConfirmHandler(std::function<bool(const QString& text)> handler);

/// Asks for a text (e.g. a password); nullopt when cancelled.
std::optional<QString> askText(QWidget* parent, const QString& title, const QString& label,
                               bool password);
void setAskTextHandler(std::function<std::optional<QString>(const QString& label)> handler);

/// Shows an information message (tests can capture it).
void inform(QWidget* parent, const QString& title, const QString& text);
void setInformHandler(std::function<void(const QString& text)> handler);

} // namespace bridgecore::ui
