#pragma once
// The merge editor's model: one row per field of a conflict (engine::fieldRows), with the
// Base, Local, Result and Server values side by side. Each row's result is taken from the
// local side, the server side, or edited; mergedData() is what the resolution submits.

#include "engine/SyncEngine.h"

#include <QAbstractTableModel>

namespace bridgecore::ui {

class MergeModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum class Column { Field, Base, Local, Result, Server, Count };
    enum class Choice { Local, Server, Edited };
    /// Role returning the row's Choice as int.
    static constexpr int ChoiceRole = Qt::UserRole + 1;
    /// Role returning true when local and server differ in this row.
    static constexpr int DiffersRole = Qt::UserRole + 2;
    /// Role returning the JSON text of the value.
    static constexpr int JsonRole = Qt::UserRole + 3;

    explicit MergeModel(QObject* parent = nullptr);

    /// Loads a conflict on a record of `model` (its field labels, selection labels and types
    /// come from console::fieldInfo); choices start at: conflicting and server-only fields ->
    /// Server, fields only the client changed -> Local.
    void setConflict(const protocol::ConflictInfo& info, const std::string& model = {});
    void clear();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    void choose(int row, Choice choice);
    /// Sets the row's result to an edited value.
    void edit(int row, const protocol::json& value);
    void chooseAll(Choice choice);
    Choice choice(int row) const;
    protocol::json result(int row) const;
    bool differs(int row) const;
    bool conflicting(int row) const;
    QString field(int row) const;
    int rowOfField(const std::string& field) const;
    /// Next / previous row (wrapping) whose local and server values differ; -1 if none.
    int nextDifference(int fromRow, int step = 1) const;
    bool hasBase() const { return m_hasBase; }

    /// {field: result} for every field the client changed or that conflicts.
    protocol::json mergedData() const;
    /// True when every result row equals the server value (nothing to merge).
    bool allServer() const;
    bool allLocal() const;

    /// A JSON value as plain text (strings without quotes), for values of no known field.
    static QString display(const protocol::json& v);

signals:
    /// An edited Result was refused (e.g. "twelve" for a quantity): the reason, in words.
    void editRefused(int row, const QString& why);

private:
    struct Row {
        engine::FieldConflict field;
        Choice choice = Choice::Server;
        protocol::json edited;
    };
    std::vector<Row> m_rows;
    std::string m_modelName;
    bool m_hasBase = false;
};

} // namespace bridgecore::ui
