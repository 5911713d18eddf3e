#include "EventLogView.h"

#include "ConsoleServices.h"
#include "DetailsDialog.h"
#include "LiveUpdates.h"
#include "Text.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QScrollBar>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <set>

namespace bridgecore::ui {

EventLogView::EventLogView(ConsoleBackend* backend, QWidget* parent)
    : QWidget(parent)
    , m_backend(backend)
    , m_model(backend) {
    setObjectName(QStringLiteral("eventLogView"));
    auto* layout = new QVBoxLayout(this);
    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Model:"), this));
    m_modelFilter = new QComboBox(this);
    m_modelFilter->setObjectName(QStringLiteral("eventModelFilter"));
    m_modelFilter->setEditable(true);
    m_modelFilter->setInsertPolicy(QComboBox::NoInsert); // a typed name filters, stays typed
    m_modelFilter->setMinimumContentsLength(16);
    m_modelFilter->addItem(tr("Any model"), QString());
    // The tenant's models by their names (the technical one as the item's data and tooltip).
    runAsync(
        m_backend->pool(), this, [backend = m_backend] { return backend->modelMap(); },
        [this](Result<storage::ModelMap> map) {
            if (!map)
                return; // the filter still takes typed names
            std::set<std::string> models;
            for (const auto& [app, entries] : map.value())
                for (const auto& e : entries)
                    models.insert(e.model);
            std::vector<std::pair<QString, QString>> items;
            for (const auto& m : models)
                items.emplace_back(modelName(m), QString::fromStdString(m));
            std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) {
                return QString::localeAwareCompare(a.first, b.first) < 0;
            });
            for (const auto& [name, model] : items) {
                m_modelFilter->addItem(name, model);
                m_modelFilter->setItemData(m_modelFilter->count() - 1, model, Qt::ToolTipRole);
            }
        });
    bar->addWidget(m_modelFilter);
    bar->addWidget(new QLabel(tr("Action:"), this));
    m_action = new QComboBox(this);
    m_action->addItem(tr("Any action"), QString());
    m_action->addItem(tr("create"), QStringLiteral("create"));
    m_action->addItem(tr("write"), QStringLiteral("write"));
    m_action->addItem(tr("unlink"), QStringLiteral("unlink"));
    bar->addWidget(m_action);
    bar->addWidget(new QLabel(tr("Device:"), this));
    m_device = new QLineEdit(this);
    m_device->setPlaceholderText(tr("Any device"));
    m_device->setClearButtonEnabled(true);
    bar->addWidget(m_device, 1);
    auto* apply = new QPushButton(tr("Apply"), this);
    bar->addWidget(apply);
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("eventCount"));
    bar->addWidget(m_count);
    layout->addLayout(bar);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("eventTable"));
    m_table->setModel(&m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    // Fixed row heights: the view never measures a million rows.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    // Every column as wide as its title and the newest page's values, no wider. When they need
    // more than the table's width (a resolution on the page, "résolution n° 12 (l'appareil
    // gagne)" beside "serveur pour demo-warehouse-07", with French model names), Action,
    // Device and User give way to what most of their values need, so Version, Priority and
    // Changed stay on screen: the long value is elided, whole in its tooltip.
    m_table->horizontalHeader()->setDefaultSectionSize(40);
    fitHeaderSections(m_table, QStringLiteral("events"));
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideNone); // eliding every cell on every scroll costs most
    using C = EventLogModel::Column;
    m_table->setItemDelegateForColumn(int(C::Action), new ElidingDelegate(Qt::ElideRight, m_table));
    // A device id and an email keep their ends ("…warehouse-07", "…@bridgecore.local").
    m_table->setItemDelegateForColumn(int(C::Device),
                                      new ElidingDelegate(Qt::ElideMiddle, m_table));
    m_table->setItemDelegateForColumn(int(C::User), new ElidingDelegate(Qt::ElideMiddle, m_table));
    // The last column ends at the table's edge: a long list of changed fields ends with "…"
    // (it was cut mid-word, "Customer Reference, T").
    m_table->setItemDelegateForColumn(int(C::ChangedFields),
                                      new ElidingDelegate(Qt::ElideRight, m_table));
    // When even their usual values are too wide, an email loses its middle first.
    fitColumnsToContents(m_table, EventLogModel::kPageSize, {},
                         {int(C::User), int(C::Action), int(C::Device)});
    layout->addWidget(m_table, 1);
    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("eventsEmpty"));
    m_empty->setWordWrap(true);
    m_empty->setVisible(false);
    layout->addWidget(m_empty);

    auto applyFilter = [this] {
        setFilter(m_modelFilter->currentIndex() == 0 &&
                          m_modelFilter->currentText() == m_modelFilter->itemText(0)
                      ? QString()
                      : m_modelFilter->currentText(),
                  m_action->currentData().toString(), m_device->text());
    };
    connect(apply, &QPushButton::clicked, this, applyFilter);
    connect(m_device, &QLineEdit::returnPressed, this, applyFilter);
    connect(m_action, &QComboBox::activated, this, applyFilter);
    connect(m_modelFilter, &QComboBox::activated, this, applyFilter);
    connect(m_modelFilter->lineEdit(), &QLineEdit::returnPressed, this, applyFilter);
    auto showCount = [this] {
        const int n = m_model.rowCount();
        m_count->setText(tr("%Ln event(s)", "", n));
        m_empty->setVisible(n == 0);
        const auto& f = m_model.filter();
        const bool filtered = f.model || f.action || f.device_id;
        m_empty->setText(filtered ? tr("No event matches these filters.")
                                  : tr("No events yet. Every change a device pushes, and every "
                                       "conflict resolution, appears here, newest first."));
    };
    connect(&m_model, &EventLogModel::loaded, this, showCount);
    connect(&m_model, &QAbstractItemModel::rowsInserted, this, showCount);
    // New events appear on top; a reader scrolled down keeps the rows they were reading.
    connect(&m_model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex&, int first, int last) {
                auto* bar = m_table->verticalScrollBar();
                if (first == 0 && bar->value() > 0)
                    bar->setValue(bar->value() + (last - first + 1));
            });
    // Double-clicking an event opens its details (it showed nothing).
    connect(m_table, &QTableView::doubleClicked, this,
            [this](const QModelIndex& index) { showDetails(index.row()); });
    new LiveUpdates(m_backend, this, [this] { m_model.refreshHead(); });
    connect(&m_model, &EventLogModel::failed, this, &EventLogView::message);
    m_model.reload(EventLogModel::Filter{});
}

void EventLogView::reload() {
    m_model.reload();
}

void EventLogView::showDetails(int row) {
    const auto* e = m_model.event(row);
    if (!e)
        return;
    using C = EventLogModel::Column;
    auto title = [this](C c) {
        return m_model.headerData(int(c), Qt::Horizontal, Qt::DisplayRole).toString();
    };
    auto cell = [&](C c, int role = Qt::DisplayRole) {
        return m_model.index(row, int(c)).data(role).toString();
    };
    // Each column whole, by the table's titles: the time with its date, the model by both its
    // names, a resolution with who resolved it.
    DetailsDialog::Rows rows{
        {title(C::EventId), cell(C::EventId)},
        {title(C::Time), cell(C::Time, Qt::ToolTipRole)},
        {title(C::Model), modelName(e->model) + QStringLiteral(" (") +
                              ltr(QString::fromStdString(e->model)) + QLatin1Char(')')},
        {title(C::RecordId), cell(C::RecordId)},
        {title(C::Action),
         m_model.resolutionOf(*e) ? cell(C::Action, Qt::ToolTipRole) : cell(C::Action)},
        {title(C::Device), cell(C::Device)},
        {title(C::User), cell(C::User)},
        {title(C::Version), cell(C::Version)},
        {title(C::Priority), cell(C::Priority)},
        {title(C::ChangedFields), cell(C::ChangedFields)},
    };
    if (e->data.is_object())
        for (auto it = e->data.begin(); it != e->data.end(); ++it)
            if (it.key() != "id") // the record's id is above
                rows.push_back(
                    {fieldLabel(e->model, it.key()), fieldValueText(e->model, it.key(), *it)});
    openDetails(this, title(C::EventId) + QLatin1Char(' ') + cell(C::EventId), rows);
}

void EventLogView::setFilter(const QString& model, const QString& action, const QString& device) {
    EventLogModel::Filter f;
    // A model as people name it ("Sales Order") or by its technical name ("sale.order").
    if (const QString typed = model.trimmed(); !typed.isEmpty()) {
        QString technical = typed;
        for (int i = 1; i < m_modelFilter->count(); ++i)
            if (m_modelFilter->itemText(i).compare(typed, Qt::CaseInsensitive) == 0 ||
                m_modelFilter->itemData(i).toString().compare(typed, Qt::CaseInsensitive) == 0)
                technical = m_modelFilter->itemData(i).toString();
        f.model = technical.toStdString();
    }
    if (!action.isEmpty())
        f.action = action.toStdString();
    if (!device.trimmed().isEmpty())
        f.device_id = device.trimmed().toStdString();
    m_model.reload(f);
}

} // namespace bridgecore::ui
