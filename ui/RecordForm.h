#pragma once
// A form built from a record's fields: one editor per field (check box for booleans, line
// edits for text, numbers and JSON values), plus "add field" for new ones.

#include "protocol/Protocol.h"

#include <QDialog>

#include <map>

class QFormLayout;
class QLineEdit;
class QWidget;

namespace bridgecore::ui {

class RecordForm : public QDialog {
    Q_OBJECT
public:
    /// `values`: the record's current fields ({} for a new record with `fields` as template).
    /// `typeHints`: example values whose types new fields keep (e.g. another record's data).
    RecordForm(const QString& title, const protocol::json& values, const QStringList& fields,
               QWidget* parent = nullptr, const protocol::json& typeHints = nullptr);

    /// Every field with its edited value, typed like the original.
    protocol::json values() const;
    /// Only the fields whose value differs from the original.
    protocol::json changedValues() const;
    /// Sets a field's editor text (adds the field when it is new); for tests and scripts.
    void setFieldText(const QString& field, const QString& text);
    QStringList fieldNames() const;

private:
    void addField(const QString& name, const protocol::json& value);
    protocol::json valueOf(const QString& name) const;

    protocol::json m_original;
    QFormLayout* m_form = nullptr;
    std::map<QString, QWidget*> m_editors;
    std::map<QString, protocol::json> m_kinds; // original value, for typing edits
    QLineEdit* m_newField = nullptr;
};

} // namespace bridgecore::ui
