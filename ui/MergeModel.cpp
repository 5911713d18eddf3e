#include "MergeModel.h"

#include "Text.h"
#include "console/ModelCatalog.h"

#include <QBrush>
#include <QColor>
#include <QCoreApplication>
#include <QFont>

namespace bridgecore::ui {

MergeModel::MergeModel(QObject* parent)
    : QAbstractTableModel(parent) {}

void MergeModel::setConflict(const protocol::ConflictInfo& info, const std::string& model) {
    beginResetModel();
    m_rows.clear();
    m_modelName = model;
    m_hasBase = info.base_data.is_object();
    for (auto& f : engine::fieldRows(info)) {
        Row row;
        const bool localChanged = !f.local.is_null();
        row.choice = (!f.conflicting && localChanged) ? Choice::Local : Choice::Server;
        row.field = std::move(f);
        m_rows.push_back(std::move(row));
    }
    endResetModel();
}

void MergeModel::clear() {
    beginResetModel();
    m_rows.clear();
    m_hasBase = false;
    endResetModel();
}

int MergeModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int MergeModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(Column::Count);
}

QString MergeModel::display(const protocol::json& v) {
    if (v.is_string())
        return QString::fromStdString(v.get<std::string>());
    if (v.is_null())
        return {};
    return QString::fromStdString(v.dump());
}

protocol::json MergeModel::result(int row) const {
    const auto& r = m_rows.at(std::size_t(row));
    switch (r.choice) {
    case Choice::Local:
        return r.field.local;
    case Choice::Server:
        return r.field.server;
    case Choice::Edited:
        return r.edited;
    }
    return nullptr;
}

bool MergeModel::differs(int row) const {
    const auto& f = m_rows.at(std::size_t(row)).field;
    return !f.local.is_null() && f.local != f.server;
}

bool MergeModel::conflicting(int row) const {
    return m_rows.at(std::size_t(row)).field.conflicting;
}

QString MergeModel::field(int row) const {
    return QString::fromStdString(m_rows.at(std::size_t(row)).field.field);
}

int MergeModel::rowOfField(const std::string& field) const {
    for (std::size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].field.field == field)
            return int(i);
    return -1;
}

MergeModel::Choice MergeModel::choice(int row) const {
    return m_rows.at(std::size_t(row)).choice;
}

QVariant MergeModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const auto& r = m_rows[std::size_t(row)];
    const auto col = Column(index.column());
    if (role == ChoiceRole)
        return int(r.choice);
    if (role == DiffersRole)
        return differs(row);
    auto value = [&]() -> protocol::json {
        switch (col) {
        case Column::Base:
            return r.field.base;
        case Column::Local:
            return r.field.local;
        case Column::Result:
            return result(row);
        case Column::Server:
            return r.field.server;
        case Column::Field:
        case Column::Count:
            break;
        }
        return nullptr;
    };
    // Values as the records table shows them: selections by label, numbers in the language's
    // digits; editing a Result starts from that text and converts it back (setData).
    const std::string& field = r.field.field;
    switch (role) {
    case Qt::DisplayRole:
        if (col == Column::Field) // the field's label; its technical name is the tooltip
            return fieldLabel(m_modelName, field);
        if (col == Column::Local && r.field.local.is_null())
            return tr("(unchanged)");
        if (col == Column::Base && !m_hasBase)
            return tr("(unknown)");
        return valueInLine(fieldValueText(m_modelName, field, value()));
    case Qt::EditRole:
        if (col == Column::Field)
            return QString::fromStdString(field);
        return fieldValueText(m_modelName, field, value());
    case JsonRole:
        if (col == Column::Field)
            return QString::fromStdString(field);
        return QString::fromStdString(value().dump());
    case Qt::ToolTipRole:
        if (col == Column::Field)
            return r.field.conflicting ? QString::fromStdString(field) + QStringLiteral(": ") +
                                             tr("Changed on both sides to different values")
                                       : QString::fromStdString(field);
        return {};
    case Qt::BackgroundRole:
        if (r.field.conflicting)
            return QBrush(QColor(0xf8, 0xd7, 0xda));
        if (differs(row))
            return QBrush(QColor(0xff, 0xf3, 0xcd));
        return {};
    case Qt::FontRole: {
        const bool chosen = (col == Column::Local && r.choice == Choice::Local) ||
                            (col == Column::Server && r.choice == Choice::Server) ||
                            (col == Column::Result && r.choice == Choice::Edited) ||
                            (col == Column::Field && r.field.conflicting);
        if (chosen) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    }
    default:
        return {};
    }
}

bool MergeModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (role != Qt::EditRole || !index.isValid() || Column(index.column()) != Column::Result)
        return false;
    const auto& f = m_rows.at(std::size_t(index.row())).field;
    const auto& like = f.server.is_null() ? f.local : f.server;
    QString why;
    const auto parsed = fieldValueFromText(m_modelName, f.field, value.toString(), like, &why);
    if (!parsed) {
        emit editRefused(index.row(), why);
        return false;
    }
    edit(index.row(), *parsed);
    return true;
}

Qt::ItemFlags MergeModel::flags(const QModelIndex& index) const {
    auto f = QAbstractTableModel::flags(index);
    if (index.isValid() && Column(index.column()) == Column::Result)
        f |= Qt::ItemIsEditable;
    return f;
}

QVariant MergeModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Column::Field:
        return tr("Field");
    case Column::Base:
        return tr("Base");
    case Column::Local:
        return tr("Local");
    case Column::Result:
        return tr("Result");
    case Column::Server:
        return tr("Server");
    case Column::Count:
        break;
    }
    return {};
}

void MergeModel::choose(int row, Choice choice) {
    if (row < 0 || row >= int(m_rows.size()))
        return;
    auto& r = m_rows[std::size_t(row)];
    if (choice == Choice::Local && r.field.local.is_null())
        choice = Choice::Server; // the client left this field alone: nothing local to take
    if (choice == Choice::Edited && r.edited.is_null())
        r.edited = result(row);
    r.choice = choice;
    emit dataChanged(index(row, 0), index(row, int(Column::Count) - 1));
}

void MergeModel::edit(int row, const protocol::json& value) {
    if (row < 0 || row >= int(m_rows.size()))
        return;
    auto& r = m_rows[std::size_t(row)];
    r.edited = value;
    r.choice = Choice::Edited;
    emit dataChanged(index(row, 0), index(row, int(Column::Count) - 1));
}

void MergeModel::chooseAll(Choice choice) {
    for (int i = 0; i < int(m_rows.size()); ++i)
        choose(i, choice);
}

int MergeModel::nextDifference(int fromRow, int step) const {
    const int n = int(m_rows.size());
    for (int k = 1; k <= n; ++k) {
        const int row = ((fromRow + step * k) % n + n) % n;
        if (differs(row))
            return row;
    }
    return -1;
}

protocol::json MergeModel::mergedData() const {
    protocol::json out = protocol::json::object();
    for (int i = 0; i < int(m_rows.size()); ++i) {
        const auto& r = m_rows[std::size_t(i)];
        if (!r.field.local.is_null() || r.field.conflicting || r.choice == Choice::Edited)
            out[r.field.field] = result(i);
    }
    return out;
}

bool MergeModel::allServer() const {
    for (int i = 0; i < int(m_rows.size()); ++i)
        if (result(i) != m_rows[std::size_t(i)].field.server)
            return false;
    return true;
}

bool MergeModel::allLocal() const {
    for (int i = 0; i < int(m_rows.size()); ++i) {
        const auto& f = m_rows[std::size_t(i)].field;
        if (!f.local.is_null() && result(i) != f.local)
            return false;
    }
    return true;
}

} // namespace bridgecore::ui
