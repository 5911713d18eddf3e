#include "RecordsView.h"

#include "Confirm.h"
#include "ConsoleServices.h"
#include "LiveUpdates.h"
#include "OdooFieldLabels.h"
#include "RecordForm.h"
#include "Text.h"
#include "console/ModelCatalog.h"

#include <QCoreApplication>

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPointer>
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
    auto* edit = m_edit = new QPushButton(tr("Edit…"), this);
    edit->setObjectName(QStringLiteral("editRecord"));
    auto* remove = m_delete = new QPushButton(tr("Delete…"), this);
    remove->setObjectName(QStringLiteral("deleteRecord"));
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
    // One line per record; every column as wide as its values and its label, the last one
    // taking what is left.
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setDefaultSectionSize(40);
    m_table->horizontalHeader()->setStretchLastSection(true);
    fitColumnsToContents(m_table);
    layout->addWidget(m_table, 1);
    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("recordsEmpty"));
    m_empty->setWordWrap(true);
    m_empty->setVisible(false);
    layout->addWidget(m_empty);
    m_fieldSource = new QLabel(this);
    m_fieldSource->setObjectName(QStringLiteral("recordsFieldSource"));
    m_fieldSource->setWordWrap(true);
    m_fieldSource->setVisible(false);
    layout->addWidget(m_fieldSource);

    connect(m_models, &QComboBox::currentIndexChanged, this, [this](int) {
        m_model.setModelName(currentModel());
        if (m_labels) {
            m_labels->request(currentModel());
            showFieldSource();
        }
    });
    connect(m_models, &QComboBox::activated, this, [this] { m_modelPicked = true; });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &RecordsView::updateButtons);
    connect(&m_model, &QAbstractItemModel::modelReset, this, &RecordsView::updateButtons);
    connect(create, &QPushButton::clicked, this, [this] { openCreateForm(); });
    connect(edit, &QPushButton::clicked, this,
            [this] { openEditForm(m_table->currentIndex().row()); });
    connect(m_table, &QTableView::doubleClicked, this,
            [this](const QModelIndex& i) { openEditForm(i.row()); });
    connect(remove, &QPushButton::clicked, this,
            [this] { deleteRow(m_table->currentIndex().row()); });
    connect(sync, &QPushButton::clicked, this, &RecordsView::syncRequested);
    connect(&m_model, &RecordTableModel::loaded, this, [this] {
        m_count->setText(tr("%Ln record(s)", "", int(m_model.total())));
        m_empty->setVisible(m_model.total() == 0);
        m_empty->setText(
            tr("No %1 in this console's cache yet. Records arrive with the next sync from the "
               "server, or create one with “New…”.")
                .arg(m_models->currentText()));
        updateButtons();
    });
    connect(m_cache, &client::ClientCache::recordsChanged, this, [this](const QString& model) {
        if (model.isEmpty() || model == m_model.modelName())
            m_model.refresh();
        // The first records of a sync: show a model that has some, unless the user chose one.
        if (!m_modelPicked && m_model.total() == 0)
            reloadModels();
    });
    reloadModels();
    updateButtons();
}

void RecordsView::setFieldLabels(OdooFieldLabels* labels) {
    m_labels = labels;
    if (!labels)
        return;
    connect(labels, &OdooFieldLabels::described, this, [this](const QString& model) {
        if (model != currentModel())
            return;
        showFieldSource();
        m_model.relabel();
    });
    labels->request(currentModel());
}

void RecordsView::showFieldSource() {
    const QString text = m_labels ? m_labels->statusText(currentModel()) : QString();
    m_fieldSource->setText(text);
    m_fieldSource->setVisible(!text.isEmpty());
}

QString RecordsView::fieldSourceText() const {
    return m_fieldSource->isVisible() ? m_fieldSource->text() : QString();
}

QString RecordsView::currentModel() const {
    return m_models->currentData().toString();
}

void RecordsView::updateButtons() {
    const bool selected = m_model.record(m_table->currentIndex().row()) != nullptr;
    m_edit->setEnabled(selected);
    m_delete->setEnabled(selected);
}

void RecordsView::loadChoices(RecordForm* form, const QString& model, const protocol::json& shape) {
    std::map<QString, std::string> relations;
    for (const auto& f : console::formFields(model.toStdString(), shape))
        if (f.type == console::FieldType::Many2one && !f.relation.empty())
            relations[QString::fromStdString(f.name)] = f.relation;
    if (relations.empty())
        return;
    QPointer<RecordForm> guard(form);
    runAsync(
        m_pool, this,
        [cache = m_cache, relations] {
            std::map<QString, std::vector<std::pair<QString, protocol::json>>> out;
            for (const auto& [field, relation] : relations)
                for (const auto& r : cache->records(relation, 2000, 0)) {
                    const protocol::json id =
                        r.server_id ? protocol::json(*r.server_id) : protocol::json(r.local_id);
                    QString name = r.data.contains("name") && r.data["name"].is_string()
                                       ? QString::fromStdString(r.data["name"].get<std::string>())
                                       : QString();
                    const QString ref =
                        QStringLiteral("#") +
                        QString::fromStdString(id.is_string() ? id.get<std::string>() : id.dump());
                    out[field].push_back(
                        {name.isEmpty() ? ref
                                        : name + QStringLiteral(" (") + ref + QLatin1Char(')'),
                         id});
                }
            return out;
        },
        [guard](std::map<QString, std::vector<std::pair<QString, protocol::json>>> choices) {
            if (!guard)
                return;
            for (const auto& [field, list] : choices)
                guard->setChoices(field, list);
        });
}

void RecordsView::reloadModels() {
    struct Models {
        std::vector<std::string> names;
        std::string firstWithData;
    };
    runAsync(
        m_pool, this,
        [cache = m_cache] {
            std::set<std::string> models;
            for (auto& m : cache->allowedModels())
                models.insert(m);
            for (auto& m : cache->cachedModels())
                models.insert(m);
            Models out{std::vector<std::string>(models.begin(), models.end()), {}};
            for (const auto& m : out.names)
                if (cache->countRecords(m) > 0) {
                    out.firstWithData = m;
                    break;
                }
            return out;
        },
        [this](Models models) {
            const QString current = currentModel();
            QSignalBlocker block(m_models);
            m_models->clear();
            for (const auto& m : models.names)
                m_models->addItem(modelName(m), QString::fromStdString(m));
            m_models->model()->sort(0); // by the names people read
            // The model the user picked, else one that has records.
            int i = m_models->findData(current);
            if (i < 0 || (!m_modelPicked && !models.firstWithData.empty() && m_model.total() == 0))
                i = m_models->findData(QString::fromStdString(models.firstWithData));
            m_models->setCurrentIndex(std::max(i, 0));
            m_model.setModelName(currentModel());
            if (m_labels)
                m_labels->request(currentModel());
        });
}

void RecordsView::showModel(const QString& model) {
    m_modelPicked = true;
    int i = m_models->findData(model);
    if (i < 0) {
        m_models->addItem(modelName(model.toStdString()), model);
        i = m_models->count() - 1;
    }
    if (i == m_models->currentIndex()) {
        m_model.setModelName(model);
        if (m_labels)
            m_labels->request(model);
    } else
        m_models->setCurrentIndex(i);
}

RecordForm* RecordsView::openCreateForm() {
    const QString model = m_model.modelName();
    if (model.isEmpty())
        return nullptr;
    if (m_labels) // refreshes Odoo's labels when they are old (for the next form)
        m_labels->request(model);
    const auto* example = m_model.record(0);
    const protocol::json hints = example ? example->data : protocol::json(nullptr);
    auto* form = new RecordForm(model, tr("New %1").arg(m_models->currentText()),
                                protocol::json::object(), this, hints);
    form->setAttribute(Qt::WA_DeleteOnClose);
    loadChoices(form, model, hints);
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
    if (m_labels)
        m_labels->request(model);
    const auto ref = r->ref();
    const QString label = modelName(r->model);
    QString title = r->server_id
                        ? tr("Edit %1 #%2").arg(label, QLocale().toString(qlonglong(*r->server_id)))
                        : tr("Edit %1 %2").arg(label, QString::fromStdString(r->local_id));
    auto* form = new RecordForm(model, title, r->data, this);
    form->setAttribute(Qt::WA_DeleteOnClose);
    loadChoices(form, model, r->data);
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
            emit queued(tr("Saved offline; it will be sent with the next sync"));
            m_model.refresh();
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
            emit queued(tr("Saved offline; it will be sent with the next sync"));
            m_model.refresh();
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
            emit queued(tr("Deleted offline; it will be sent with the next sync"));
            m_model.refresh();
            emit saved({});
        });
    return true;
}

} // namespace bridgecore::ui
