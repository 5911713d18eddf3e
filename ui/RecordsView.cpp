#include "RecordsView.h"

#include "AsyncCall.h"
#include "Confirm.h"
#include "RecordForm.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include <set>

namespace bridgecore::ui {

RecordsView::RecordsView(client::ClientCache* cache, QThreadPool* clientPool, QWidget* parent)
    : QWidget(parent)
    , m_cache(cache)
    , m_pool(clientPool)
    , m_model(cache, clientPool) {
    setObjectName(QStringLiteral("recordsView"));
    auto* layout = new QVBoxLayout(this);
    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Model:"), this));
    m_models = new QComboBox(this);
    m_models->setObjectName(QStringLiteral("recordModelCombo"));
    m_models->setMinimumContentsLength(18);
    bar->addWidget(m_models);
    m_count = new QLabel(this);
    bar->addWidget(m_count, 1);
    auto* create = new QPushButton(tr("New…"), this);
    auto* edit = new QPushButton(tr("Edit…"), this);
    auto* remove = new QPushButton(tr("Delete…"), this);
    auto* sync = new QPushButton(tr("Sync now"), this);
    bar->addWidget(create);
    bar->addWidget(edit);
    bar->addWidget(remove);
    bar->addWidget(sync);
    layout->addLayout(bar);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("recordsTable"));
    m_table->setModel(&m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_table, 1);

    connect(m_models, &QComboBox::currentTextChanged, &m_model, &RecordTableModel::setModelName);
    connect(create, &QPushButton::clicked, this, [this] { openCreateForm(); });
    connect(edit, &QPushButton::clicked, this,
            [this] { openEditForm(m_table->currentIndex().row()); });
    connect(m_table, &QTableView::doubleClicked, this,
            [this](const QModelIndex& i) { openEditForm(i.row()); });
    connect(remove, &QPushButton::clicked, this,
            [this] { deleteRow(m_table->currentIndex().row()); });
    connect(sync, &QPushButton::clicked, this, &RecordsView::syncRequested);
    connect(&m_model, &RecordTableModel::loaded, this,
            [this] { m_count->setText(tr("%n record(s)", "", m_model.rowCount())); });
    connect(m_cache, &client::ClientCache::recordsChanged, this, [this](const QString& model) {
        if (model.isEmpty() || model == m_model.modelName())
            m_model.reload();
    });
    reloadModels();
}

void RecordsView::reloadModels() {
    runAsync(
        m_pool, this,
        [cache = m_cache] {
            std::set<std::string> models;
            for (auto& m : cache->allowedModels())
                models.insert(m);
            for (auto& m : cache->cachedModels())
                models.insert(m);
            return std::vector<std::string>(models.begin(), models.end());
        },
        [this](std::vector<std::string> models) {
            const QString current = m_models->currentText();
            QSignalBlocker block(m_models);
            m_models->clear();
            for (const auto& m : models)
                m_models->addItem(QString::fromStdString(m));
            int i = m_models->findText(current);
            if (i < 0)
                i = 0;
            m_models->setCurrentIndex(i);
            m_model.setModelName(m_models->currentText());
        });
}

void RecordsView::showModel(const QString& model) {
    int i = m_models->findText(model);
    if (i < 0) {
        m_models->addItem(model);
        i = m_models->count() - 1;
    }
    if (i == m_models->currentIndex())
        m_model.setModelName(model);
    else
        m_models->setCurrentIndex(i);
}

RecordForm* RecordsView::openCreateForm() {
    const QString model = m_model.modelName();
    if (model.isEmpty())
        return nullptr;
    const auto* example = m_model.record(0);
    auto* form = new RecordForm(tr("New %1").arg(model), protocol::json::object(), m_model.fields(),
                                this, example ? example->data : protocol::json(nullptr));
    form->setAttribute(Qt::WA_DeleteOnClose);
    connect(form, &QDialog::accepted, this,
            [this, form, model] { saveCreate(model, form->values()); });
    form->open();
    return form;
}

RecordForm* RecordsView::openEditForm(int row) {
    const auto* r = m_model.record(row);
    if (!r)
        return nullptr;
    const QString model = QString::fromStdString(r->model);
    const auto ref = r->ref();
    QString title = r->server_id ? tr("Edit %1 #%2").arg(model).arg(*r->server_id)
                                 : tr("Edit %1 %2").arg(model, QString::fromStdString(r->local_id));
    auto* form = new RecordForm(title, r->data, {}, this);
    form->setAttribute(Qt::WA_DeleteOnClose);
    connect(form, &QDialog::accepted, this,
            [this, form, model, ref] { saveUpdate(model, ref, form->changedValues()); });
    form->open();
    return form;
}

void RecordsView::saveCreate(const QString& model, const protocol::json& values) {
    runAsync(
        m_pool, this,
        [cache = m_cache, m = model.toStdString(), values] {
            return cache->createRecord(m, values);
        },
        [this](Result<std::string> id) {
            if (!id) {
                emit message(
                    tr("Saving failed: %1").arg(QString::fromStdString(id.error().message)));
                return;
            }
            emit message(tr("Saved offline; it will be sent with the next sync"));
            m_model.reload();
            emit saved(QString::fromStdString(id.value()));
        });
}

void RecordsView::saveUpdate(const QString& model, const protocol::RecordRef& ref,
                             const protocol::json& changed) {
    if (changed.empty()) {
        emit message(tr("Nothing changed"));
        return;
    }
    runAsync(
        m_pool, this,
        [cache = m_cache, m = model.toStdString(), ref, changed] {
            return cache->updateRecord(m, ref, changed);
        },
        [this](Status s) {
            if (!s) {
                emit message(
                    tr("Saving failed: %1").arg(QString::fromStdString(s.error().message)));
                return;
            }
            emit message(tr("Saved offline; it will be sent with the next sync"));
            m_model.reload();
            emit saved({});
        });
}

bool RecordsView::deleteRow(int row) {
    const auto* r = m_model.record(row);
    if (!r)
        return false;
    const QString model = QString::fromStdString(r->model);
    const QString label =
        r->server_id ? QString::number(*r->server_id) : QString::fromStdString(r->local_id);
    if (!confirm(this, tr("Delete record"), tr("Delete %1 %2?").arg(model, label)))
        return false;
    runAsync(
        m_pool, this,
        [cache = m_cache, m = r->model, ref = r->ref()] { return cache->deleteRecord(m, ref); },
        [this](Status s) {
            if (!s) {
                emit message(
                    tr("Deleting failed: %1").arg(QString::fromStdString(s.error().message)));
                return;
            }
            emit message(tr("Deleted offline; it will be sent with the next sync"));
            m_model.reload();
            emit saved({});
        });
    return true;
}

} // namespace bridgecore::ui
