#include "RecordForm.h"

#include "MergeModel.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace bridgecore::ui {

RecordForm::RecordForm(const QString& title, const protocol::json& values,
                       const QStringList& fields, QWidget* parent, const protocol::json& typeHints)
    : QDialog(parent)
    , m_original(values.is_object() ? values : protocol::json::object()) {
    setObjectName(QStringLiteral("recordForm"));
    setWindowTitle(title);
    auto* layout = new QVBoxLayout(this);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    auto* inner = new QWidget(scroll);
    m_form = new QFormLayout(inner);
    scroll->setWidget(inner);
    layout->addWidget(scroll, 1);

    for (auto it = m_original.begin(); it != m_original.end(); ++it)
        addField(QString::fromStdString(it.key()), it.value());
    for (const auto& f : fields)
        if (!m_editors.count(f)) {
            addField(f, nullptr);
            const std::string key = f.toStdString();
            if (typeHints.is_object() && typeHints.contains(key) && !typeHints[key].is_boolean())
                m_kinds[f] = typeHints[key];
        }

    auto* addRow = new QHBoxLayout;
    m_newField = new QLineEdit(this);
    m_newField->setPlaceholderText(tr("New field name"));
    auto* add = new QPushButton(tr("Add field"), this);
    addRow->addWidget(m_newField, 1);
    addRow->addWidget(add);
    layout->addLayout(addRow);
    connect(add, &QPushButton::clicked, this, [this] {
        const QString name = m_newField->text().trimmed();
        if (name.isEmpty() || m_editors.count(name) || name == QLatin1String("id"))
            return;
        addField(name, nullptr);
        m_newField->clear();
    });

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(480, 520);
}

void RecordForm::addField(const QString& name, const protocol::json& value) {
    QWidget* editor = nullptr;
    if (value.is_boolean()) {
        auto* box = new QCheckBox(this);
        box->setChecked(value.get<bool>());
        editor = box;
    } else {
        auto* line = new QLineEdit(MergeModel::display(value), this);
        if (value.is_array() || value.is_object())
            line->setToolTip(tr("A JSON value"));
        editor = line;
    }
    editor->setObjectName(QStringLiteral("field_") + name);
    m_form->addRow(name, editor);
    m_editors[name] = editor;
    m_kinds[name] = value;
}

protocol::json RecordForm::valueOf(const QString& name) const {
    auto* editor = m_editors.at(name);
    if (auto* box = qobject_cast<QCheckBox*>(editor))
        return box->isChecked();
    const QString text = static_cast<QLineEdit*>(editor)->text();
    const auto& like = m_kinds.at(name);
    if (text.isEmpty() && (like.is_null() || !m_original.contains(name.toStdString())))
        return nullptr;
    if (like.is_null()) {
        // A new field: numbers, booleans and JSON stay typed, anything else is text.
        auto parsed = protocol::json::parse(text.toStdString(), nullptr, false);
        if (!parsed.is_discarded() && !parsed.is_string())
            return parsed;
        return text.toStdString();
    }
    return MergeModel::parse(text, like);
}

protocol::json RecordForm::values() const {
    protocol::json out = protocol::json::object();
    for (const auto& [name, editor] : m_editors) {
        auto v = valueOf(name);
        if (v.is_null() && !m_original.contains(name.toStdString()))
            continue; // an empty template field is not a value
        out[name.toStdString()] = std::move(v);
    }
    return out;
}

protocol::json RecordForm::changedValues() const {
    protocol::json out = protocol::json::object();
    const protocol::json all = values();
    for (auto& [k, v] : all.items()) {
        auto it = m_original.find(k);
        if (it == m_original.end() || *it != v)
            out[k] = v;
    }
    return out;
}

void RecordForm::setFieldText(const QString& field, const QString& text) {
    if (!m_editors.count(field))
        addField(field, nullptr);
    auto* editor = m_editors.at(field);
    if (auto* box = qobject_cast<QCheckBox*>(editor))
        box->setChecked(text == QLatin1String("true"));
    else
        static_cast<QLineEdit*>(editor)->setText(text);
}

QStringList RecordForm::fieldNames() const {
    QStringList out;
    for (const auto& [name, e] : m_editors)
        out << name;
    return out;
}

} // namespace bridgecore::ui
