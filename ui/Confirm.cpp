#include "Confirm.h"

#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>

namespace bridgecore::ui {

namespace {
std::function<bool(const QString&)>& confirmHandler() {
    static std::function<bool(const QString&)> h;
    return h;
}
std::function<std::optional<QString>(const QString&)>& askHandler() {
    static std::function<std::optional<QString>(const QString&)> h;
    return h;
}
std::function<void(const QString&)>& informHandler() {
    static std::function<void(const QString&)> h;
    return h;
}
} // namespace

bool confirm(QWidget* parent, const QString& title, const QString& text) {
    if (confirmHandler())
        return confirmHandler()(text);
    return QMessageBox::question(parent, title, text, QMessageBox::Yes | QMessageBox::No,
                                 QMessageBox::No) == QMessageBox::Yes;
}

void setConfirmHandler(std::function<bool(const QString&)> handler) {
    confirmHandler() = std::move(handler);
}

std::optional<QString> askText(QWidget* parent, const QString& title, const QString& label,
                               bool password) {
    if (askHandler())
        return askHandler()(label);
    bool ok = false;
    const QString text = QInputDialog::getText(
        parent, title, label, password ? QLineEdit::Password : QLineEdit::Normal, {}, &ok);
    if (!ok)
        return std::nullopt;
    return text;
}

void setAskTextHandler(std::function<std::optional<QString>(const QString&)> handler) {
    askHandler() = std::move(handler);
}

void inform(QWidget* parent, const QString& title, const QString& text) {
    if (informHandler()) {
        informHandler()(text);
        return;
    }
    QMessageBox::information(parent, title, text);
}

void setInformHandler(std::function<void(const QString&)> handler) {
    informHandler() = std::move(handler);
}

} // namespace bridgecore::ui
