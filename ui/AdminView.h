#pragma once
// Users and app types (admin): add, disable and reset the password of the tenant's users;
// view and edit the app type -> models map.

#include "ConsoleServices.h"
#include "UserTableModel.h"

#include <QWidget>

class QComboBox;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTableView;

namespace bridgecore::ui {

class AdminView : public QWidget {
    Q_OBJECT
public:
    explicit AdminView(ConsoleBackend* backend, QWidget* parent = nullptr);

    UserTableModel* users() { return &m_users; }
    QTableView* userTable() { return m_userTable; }
    /// Adds a user; the result arrives through message() and a reload.
    void addUser(const QString& email, const QString& name, protocol::Role role,
                 const QString& password);
    void selectUser(int row);
    void toggleSelectedDisabled();
    void resetSelectedPassword();
    /// The models of the app type shown in the editor.
    QStringList shownModels() const;
    void showAppType(const QString& appType);
    void setShownModels(const QStringList& models);
    void saveAppType();
    const storage::ModelMap& modelMap() const { return m_map; }

signals:
    void message(const QString& text);
    void modelMapLoaded();
    void modelMapSaved(const QString& appType);

private:
    void loadModelMap();
    /// One model of the app type: shown by its name, `model` (technical) as data and tooltip.
    void addModelItem(const QString& model);
    void openAddUserDialog();

    ConsoleBackend* m_backend;
    UserTableModel m_users;
    QTableView* m_userTable = nullptr;
    QPushButton* m_disable = nullptr;
    QPushButton* m_password = nullptr;
    QComboBox* m_appType = nullptr;
    QListWidget* m_models = nullptr;
    QLineEdit* m_newModel = nullptr;
    storage::ModelMap m_map;
};

} // namespace bridgecore::ui
