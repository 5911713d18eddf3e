#pragma once
// A record form built from field metadata (console::ModelCatalog): labels instead of
// technical names, an editor per type (check box, list of selection values, a searchable
// picker of cached records for many2one, text for the rest), required fields marked and
// read-only ones disabled. Saving checks every value first and refuses invalid input with
// the reason, so nothing invalid reaches the outbox.

#include "console/ModelCatalog.h"
#include "protocol/Protocol.h"

#include <QDialog>

#include <map>
#include <utility>
#include <vector>

class QFormLayout;
class QLabel;
class QLineEdit;
class QWidget;

namespace bridgecore::ui {

class RecordForm : public QDialog {
    Q_OBJECT
public:
    /// `values`: the record's current fields ({} for a new record). `typeHints`: another
    /// record's data, whose fields a new record offers too.
    RecordForm(const QString& model, const QString& title, const protocol::json& values,
               QWidget* parent = nullptr, const protocol::json& typeHints = nullptr);

    /// The records a many2one field may point to: (display name, id) pairs.
    void setChoices(const QString& field,
                    const std::vector<std::pair<QString, protocol::json>>& choices);
    /// Every field with its typed value (invalid ones left out; see problems()).
    protocol::json values() const;
    /// Only the fields whose value differs from the original.
    protocol::json changedValues() const;
    /// What is wrong with the input, one line per field ("Quantity: 'twelve' is not a
    /// number"); empty when it can be saved.
    QStringList problems() const;
    /// The error shown after a refused save ("" when none).
    QString errorText() const;
    /// Sets a field's editor text (adds the field when it is new); for tests and scripts.
    void setFieldText(const QString& field, const QString& text);
    QStringList fieldNames() const;
    /// The label shown for a field.
    QString labelOf(const QString& field) const;
    QWidget* editorOf(const QString& field) const;

public slots:
    /// Saves only when every value is valid; otherwise shows why and stays open.
    void accept() override;

private:
    void addField(const console::FieldInfo& info, const protocol::json& value);
    /// The typed value of a field, or nullopt with `why` when the input is not valid.
    std::optional<protocol::json> valueOf(const QString& name, std::string* why) const;

    std::string m_model;
    protocol::json m_original;
    QFormLayout* m_form = nullptr;
    QLabel* m_error = nullptr;
    std::map<QString, QWidget*> m_editors;
    std::map<QString, console::FieldInfo> m_fields;
    std::map<QString, QString> m_labels;
    QLineEdit* m_newField = nullptr;
};

} // namespace bridgecore::ui
