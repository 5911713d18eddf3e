#include "RecordTableModel.h"

#include "ConsoleServices.h"
#include "MergeModel.h"
#include "Text.h"
#include "console/ModelCatalog.h"

#include <QCoreApplication>

#include <QBrush>
#include <QColor>

namespace bridgecore::ui {

RecordTableModel::RecordTableModel(client::ClientCache* cache, QThreadPool* pool, QObject* parent)
    : PagedTableModel(parent)
    , m_cache(cache)
    , m_pool(pool) {}

int RecordTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(Column::Count) + int(m_fields.size());
}

int RecordTableModel::columnOfField(const QString& field) const {
    const int i = int(m_fields.indexOf(field));
    return i < 0 ? -1 : int(Column::Count) + i;
}

QVariant RecordTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& r = m_rows[std::size_t(index.row())];
    if (role == Qt::BackgroundRole) {
        if (r.local_only)
            return QBrush(QColor(0xd1, 0xe7, 0xdd));
        if (r.pending)
            return QBrush(QColor(0xff, 0xf3, 0xcd));
        return {};
    }
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    if (index.column() == int(Column::Id))
        return r.server_id ? QVariant(qlonglong(*r.server_id))
                           : QVariant(QString::fromStdString(r.local_id));
    if (index.column() == int(Column::State)) {
        if (r.local_only)
            return tr("new (not synced)");
        if (r.pending)
            return tr("edited (not synced)");
        return tr("synced");
    }
    const std::string field = m_fields.at(index.column() - int(Column::Count)).toStdString();
    auto it = r.data.find(field);
    if (it == r.data.end())
        return {};
    // A selection by its label ("Quotation", as Odoo and the form show it), numbers in the
    // language's digits; edits keep the key.
    if (role == Qt::DisplayRole)
        return valueInLine(fieldValueText(m_model.toStdString(), field, *it));
    return MergeModel::display(*it);
}

QVariant RecordTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return QAbstractTableModel::headerData(section, orientation, role);
    if (section == int(Column::Id))
        return role == Qt::DisplayRole ? tr("Id") : QVariant();
    if (section == int(Column::State))
        return role == Qt::DisplayRole ? tr("Sync") : QVariant();
    if (section - int(Column::Count) < int(m_fields.size())) {
        // The field's label (Odoo's when the tenant is attached); its name as the tip.
        const QString name = m_fields.at(section - int(Column::Count));
        if (role == Qt::ToolTipRole)
            return name;
        return fieldLabel(m_model.toStdString(), name.toStdString());
    }
    return {};
}

void RecordTableModel::relabel() {
    if (columnCount() > 0)
        emit headerDataChanged(Qt::Horizontal, 0, columnCount() - 1);
}

void RecordTableModel::setModelName(const QString& model) {
    m_model = model;
    reload();
}

int RecordTableModel::rowOfServerId(std::int64_t id) const {
    for (std::size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].server_id && *m_rows[i].server_id == id)
            return int(i);
    return -1;
}

QStringList RecordTableModel::newFields(const std::vector<client::CachedRecord>& rows) const {
    QStringList out;
    for (const auto& r : rows)
        for (auto it = r.data.begin(); it != r.data.end(); ++it) {
            const QString f = QString::fromStdString(it.key());
            if (!m_fields.contains(f) && !out.contains(f))
                out << f;
        }
    // "name"-like fields first, the rest alphabetically.
    std::sort(out.begin(), out.end(), [](const QString& a, const QString& b) {
        const bool an = a == QLatin1String("name"), bn = b == QLatin1String("name");
        return an != bn ? an : a < b;
    });
    return out;
}

RecordTableModel::Query RecordTableModel::query(int offset, int limit) const {
    return [cache = m_cache, model = m_model.toStdString(), offset, limit]() -> Result<Page> {
        Page p;
        if (model.empty())
            return p;
        p.total = cache->countRecords(model);
        p.items = cache->records(model, limit, offset);
        return p;
    };
}

void RecordTableModel::receive(const std::vector<client::CachedRecord>& rows, Mode mode) {
    if (mode == Mode::Reset) {
        // Columns are rebuilt with the reset that follows.
        m_fields.clear();
        m_fields = newFields(rows);
        return;
    }
    const QStringList extra = newFields(rows);
    if (extra.isEmpty())
        return;
    const int first = columnCount();
    beginInsertColumns({}, first, first + int(extra.size()) - 1);
    m_fields += extra;
    endInsertColumns();
}

} // namespace bridgecore::ui
