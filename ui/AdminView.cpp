#include "AdminView.h"

#include "Confirm.h"
#include "ConsoleServices.h"
#include "OdooConnectionsView.h"
#include "Text.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRandomGenerator>
#include <QTableView>
#include <QVBoxLayout>

namespace bridgecore::ui {

namespace {
QString generatePassword() {
    static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    QString out;
    for (int i = 0; i < 16; ++i)
        out += QLatin1Char(alphabet[QRandomGenerator::system()->bounded(int(sizeof alphabet) - 1)]);
    return out;
}
} // namespace

AdminView::AdminView(ConsoleBackend* backend, QWidget* parent)
    : QWidget(parent)
    , m_backend(backend)
    , m_users(backend) {
    setObjectName(QStringLiteral("adminView"));
    const bool admin = m_backend->role() == protocol::Role::Admin;
    auto* layout = new QHBoxLayout(this);

    auto* usersBox = new QGroupBox(tr("Users"), this);
    auto* ul = new QVBoxLayout(usersBox);
    m_userTable = new QTableView(usersBox);
    m_userTable->setObjectName(QStringLiteral("usersTable"));
    m_userTable->setModel(&m_users);
    m_userTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_userTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_userTable->verticalHeader()->hide();
    // Emails get the room; the short columns fit their contents.
    m_userTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_userTable->horizontalHeader()->setSectionResizeMode(int(UserTableModel::Column::Email),
                                                          QHeaderView::Stretch);
    ul->addWidget(m_userTable, 1);
    auto* note = new QLabel(usersBox);
    note->setObjectName(QStringLiteral("usersNote"));
    note->setWordWrap(true);
    note->setVisible(false);
    ul->addWidget(note);
    auto* ub = new QHBoxLayout;
    auto* add = new QPushButton(tr("Add user…"), usersBox);
    add->setObjectName(QStringLiteral("addUserButton"));
    m_disable = new QPushButton(tr("Disable"), usersBox);
    m_password = new QPushButton(tr("Reset password…"), usersBox);
    ub->addWidget(add);
    ub->addWidget(m_disable);
    ub->addWidget(m_password);
    ub->addStretch();
    ul->addLayout(ub);
    add->setEnabled(admin);
    m_disable->setEnabled(false);
    m_password->setEnabled(false);
    layout->addWidget(usersBox, 3);

    auto* appBox = new QGroupBox(tr("App types and models"), this);
    auto* al = new QVBoxLayout(appBox);
    m_appType = new QComboBox(appBox);
    m_appType->setObjectName(QStringLiteral("appTypeCombo"));
    m_appType->setEditable(admin);
    m_appType->setInsertPolicy(QComboBox::InsertAtBottom);
    al->addWidget(m_appType);
    m_models = new QListWidget(appBox);
    m_models->setObjectName(QStringLiteral("modelList"));
    al->addWidget(m_models, 1);
    auto* ml = new QHBoxLayout;
    m_newModel = new QLineEdit(appBox);
    m_newModel->setObjectName(QStringLiteral("newModel"));
    m_newModel->setPlaceholderText(tr("model, e.g. sale.order"));
    // Its hint whole ("model, e.g. sale.o…" beside three buttons in the default window).
    m_newModel->setMinimumWidth(
        m_newModel->fontMetrics().horizontalAdvance(m_newModel->placeholderText()) + 24);
    auto* addModel = new QPushButton(tr("Add"), appBox);
    auto* removeModel = new QPushButton(tr("Remove"), appBox);
    auto* save = new QPushButton(tr("Save"), appBox);
    ml->addWidget(m_newModel, 1);
    ml->addWidget(addModel);
    ml->addWidget(removeModel);
    ml->addWidget(save);
    al->addLayout(ml);
    for (auto* w : {static_cast<QWidget*>(m_newModel), static_cast<QWidget*>(addModel),
                    static_cast<QWidget*>(removeModel), static_cast<QWidget*>(save)})
        w->setEnabled(admin);
    // App types above the Odoo connection: a third column squeezed the users' emails.
    auto* right = new QVBoxLayout;
    right->addWidget(appBox, 3);
    right->addWidget(new OdooConnectionsView(m_backend, this), 2);
    layout->addLayout(right, 2);

    connect(add, &QPushButton::clicked, this, &AdminView::openAddUserDialog);
    connect(m_disable, &QPushButton::clicked, this, &AdminView::toggleSelectedDisabled);
    connect(m_password, &QPushButton::clicked, this, &AdminView::resetSelectedPassword);
    connect(m_userTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this, admin](const QModelIndex& current) {
                const auto* u = m_users.user(current.row());
                m_disable->setEnabled(admin && u);
                m_password->setEnabled(admin && u);
                m_disable->setText(u && u->disabled ? tr("Enable") : tr("Disable"));
            });
    connect(&m_users, &UserTableModel::failed, this, [this, add, note](const QString& why) {
        // Not ours to manage (a connected console): say where users are managed instead of
        // showing an empty table with a working "Add user…".
        note->setText(why);
        note->setVisible(true);
        add->setEnabled(false);
        m_userTable->setEnabled(false);
    });
    connect(m_appType, &QComboBox::currentTextChanged, this, &AdminView::showAppType);
    connect(addModel, &QPushButton::clicked, this, [this] {
        const QString typed = m_newModel->text().trimmed();
        if (typed.isEmpty())
            return;
        // By its technical name or as people name it ("Contact": a model of an app type).
        QString m = typed;
        for (const auto& [app, entries] : m_map)
            for (const auto& e : entries)
                if (modelName(e.model).compare(typed, Qt::CaseInsensitive) == 0)
                    m = QString::fromStdString(e.model);
        if (shownModels().contains(m))
            return;
        addModelItem(m);
        m_newModel->clear();
    });
    connect(removeModel, &QPushButton::clicked, this, [this] { delete m_models->currentItem(); });
    connect(save, &QPushButton::clicked, this, &AdminView::saveAppType);

    m_users.reload();
    loadModelMap();
}

void AdminView::loadModelMap() {
    runAsync(
        m_backend->pool(), this, [backend = m_backend] { return backend->modelMap(); },
        [this](Result<storage::ModelMap> map) {
            if (!map) {
                emit message(QString::fromStdString(map.error().message));
                return;
            }
            m_map = std::move(map.value());
            const QString current = m_appType->currentText();
            QSignalBlocker block(m_appType);
            m_appType->clear();
            for (const auto& [app, entries] : m_map)
                m_appType->addItem(QString::fromStdString(app));
            const int i = m_appType->findText(current);
            m_appType->setCurrentIndex(i >= 0 ? i : 0);
            showAppType(m_appType->currentText());
            emit modelMapLoaded();
        });
}

void AdminView::showAppType(const QString& appType) {
    if (m_appType->currentText() != appType) {
        QSignalBlocker block(m_appType);
        const int i = m_appType->findText(appType);
        if (i >= 0)
            m_appType->setCurrentIndex(i);
        else {
            m_appType->addItem(appType);
            m_appType->setCurrentIndex(m_appType->count() - 1);
        }
    }
    m_models->clear();
    auto it = m_map.find(appType.toStdString());
    if (it == m_map.end())
        return;
    for (const auto& e : it->second)
        addModelItem(QString::fromStdString(e.model));
}

void AdminView::addModelItem(const QString& model) {
    // By the name people read; the technical one in the tooltip and the item's data.
    auto* item = new QListWidgetItem(modelName(model.toStdString()), m_models);
    item->setData(Qt::UserRole, model);
    item->setToolTip(model);
}

QStringList AdminView::shownModels() const {
    QStringList out;
    for (int i = 0; i < m_models->count(); ++i)
        out << m_models->item(i)->data(Qt::UserRole).toString();
    return out;
}

void AdminView::setShownModels(const QStringList& models) {
    m_models->clear();
    for (const auto& m : models)
        addModelItem(m);
}

void AdminView::saveAppType() {
    const std::string app = m_appType->currentText().trimmed().toStdString();
    if (app.empty())
        return;
    std::vector<storage::ModelEntry> entries;
    auto old = m_map.find(app);
    for (const auto& m : shownModels()) {
        storage::ModelEntry e{m.toStdString(), std::nullopt, "business"};
        if (old != m_map.end())
            for (const auto& o : old->second)
                if (o.model == e.model)
                    e = o; // keep its priority and category
        entries.push_back(std::move(e));
    }
    runAsync(
        m_backend->pool(), this,
        [backend = m_backend, app, entries] { return backend->setAppTypeModels(app, entries); },
        [this, app](Status s) {
            if (!s) {
                emit message(tr("Saving the models failed: %1")
                                 .arg(QString::fromStdString(s.error().message)));
                return;
            }
            emit message(tr("Models of %1 saved").arg(QString::fromStdString(app)));
            emit modelMapSaved(QString::fromStdString(app));
            loadModelMap();
        });
}

void AdminView::openAddUserDialog() {
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Add user"));
    auto* form = new QFormLayout(&dialog);
    auto* email = new QLineEdit(&dialog);
    auto* name = new QLineEdit(&dialog);
    auto* role = new QComboBox(&dialog);
    role->addItem(UserTableModel::roleName(protocol::Role::User), int(protocol::Role::User));
    role->addItem(UserTableModel::roleName(protocol::Role::Support), int(protocol::Role::Support));
    role->addItem(UserTableModel::roleName(protocol::Role::Admin), int(protocol::Role::Admin));
    auto* password = new QLineEdit(generatePassword(), &dialog);
    password->setObjectName(QStringLiteral("newUserPassword"));
    password->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    password->setMinimumWidth(password->fontMetrics().horizontalAdvance(password->text()) + 32);
    dialog.setMinimumWidth(460);
    form->addRow(tr("Email:"), email);
    form->addRow(tr("Name:"), name);
    form->addRow(tr("Role:"), role);
    form->addRow(tr("Password:"), password);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() != QDialog::Accepted)
        return;
    addUser(email->text(), name->text(), protocol::Role(role->currentData().toInt()),
            password->text());
}

void AdminView::addUser(const QString& email, const QString& name, protocol::Role role,
                        const QString& password) {
    runAsync(
        m_backend->pool(), this,
        [backend = m_backend, e = email.trimmed().toStdString(), n = name.trimmed().toStdString(),
         role, p = password.toStdString()] { return backend->addUser(e, n, role, p); },
        [this, email](Result<std::int64_t> id) {
            if (!id) {
                emit message(tr("Adding %1 failed: %2")
                                 .arg(email, QString::fromStdString(id.error().message)));
                return;
            }
            emit message(tr("User %1 added").arg(email));
            m_users.reload();
        });
}

void AdminView::selectUser(int row) {
    m_userTable->selectionModel()->setCurrentIndex(
        m_users.index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void AdminView::toggleSelectedDisabled() {
    const auto* u = m_users.user(m_userTable->currentIndex().row());
    if (!u)
        return;
    const bool disable = !u->disabled;
    const QString email = QString::fromStdString(u->email);
    if (disable && !confirm(this, tr("Disable user"),
                            tr("Disable %1? Their devices can no longer sync.").arg(email)))
        return;
    runAsync(
        m_backend->pool(), this,
        [backend = m_backend, id = u->id, disable] {
            return backend->setUserDisabled(id, disable);
        },
        [this, email](Status s) {
            if (!s)
                emit message(QString::fromStdString(s.error().message));
            else
                emit message(tr("User %1 updated").arg(email));
            m_users.reload();
        });
}

void AdminView::resetSelectedPassword() {
    const auto* u = m_users.user(m_userTable->currentIndex().row());
    if (!u)
        return;
    const QString email = QString::fromStdString(u->email);
    auto password = askText(this, tr("Reset password"),
                            tr("New password for %1 (at least 8 characters):").arg(email), true);
    if (!password)
        return;
    runAsync(
        m_backend->pool(), this,
        [backend = m_backend, id = u->id, p = password->toStdString()] {
            return backend->setUserPassword(id, p);
        },
        [this, email](Status s) {
            if (!s)
                emit message(
                    tr("Password reset failed: %1").arg(QString::fromStdString(s.error().message)));
            else
                emit message(tr("Password of %1 changed").arg(email));
        });
}

} // namespace bridgecore::ui
