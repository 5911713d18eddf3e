#include "EventLogView.h"

#include "ConsoleServices.h"
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
#include <climits>
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
    // Every column as wide as its title and the newest page's values, no wider, so Device and
    // User are on screen in the default window in every language (User was cut at the edge in
    // Arabic behind 80 px ids and a 150 px model column). Action grows when a resolution
    // ("resolve #12,345 (client wins)") is on the page: reserving that room from the start cost
    // French the User column once models were shown by their names.
    m_table->horizontalHeader()->setDefaultSectionSize(40);
    fitHeaderSections(m_table, QStringLiteral("events"));
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideNone); // eliding every cell on every scroll costs most
    // A long email loses its middle (whole in its tooltip) rather than pushing the column off.
    const int user = int(EventLogModel::Column::User);
    m_table->setItemDelegateForColumn(user, new ElidingDelegate(Qt::ElideMiddle, m_table));
    // The last column ends at the table's edge: a long list of changed fields ends with "…"
    // (it was cut mid-word, "Customer Reference, T").
    m_table->setItemDelegateForColumn(int(EventLogModel::Column::ChangedFields),
                                      new ElidingDelegate(Qt::ElideRight, m_table));
    // At most what is left of the table's width (at least 20 characters, so it is on screen
    // in French with a resolution and the longest model names on the page): a long email
    // loses its middle, whole in its tooltip.
    fitColumnsToContents(m_table, EventLogModel::kPageSize, [this, user](int column) {
        if (column != user)
            return INT_MAX;
        const int left = m_table->viewport()->width() -
                         m_table->horizontalHeader()->sectionViewportPosition(user);
        return std::max(left, fontMetrics().horizontalAdvance(QString(20, QLatin1Char('x'))));
    });
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
    new LiveUpdates(m_backend, this, [this] { m_model.refreshHead(); });
    connect(&m_model, &EventLogModel::failed, this, &EventLogView::message);
    m_model.reload(EventLogModel::Filter{});
}

void EventLogView::reload() {
    m_model.reload();
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
