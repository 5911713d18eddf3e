#include "RecordForm.h"

#include "MergeModel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace bridgecore::ui {

using console::FieldInfo;
using console::FieldType;

namespace {
QString catalogText(const std::string& english) {
    return QCoreApplication::translate("ModelCatalog", english.c_str());
}
QString reasonText(const std::string& reason) {
    return QCoreApplication::translate("ModelCatalog", reason.c_str());
}
} // namespace

RecordForm::RecordForm(const QString& model, const QString& title, const protocol::json& values,
                       QWidget* parent, const protocol::json& typeHints)
    : QDialog(parent)
    , m_model(model.toStdString())
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

    protocol::json shape = m_original;
    if (typeHints.is_object())
        for (auto it = typeHints.begin(); it != typeHints.end(); ++it)
            if (!shape.contains(it.key()))
                shape[it.key()] = it.value();
    for (const auto& f : console::formFields(m_model, shape)) {
        auto it = m_original.find(f.name);
        addField(f, it == m_original.end() ? protocol::json(nullptr) : *it);
    }

    auto* addRow = new QHBoxLayout;
    m_newField = new QLineEdit(this);
    m_newField->setPlaceholderText(tr("New field name"));
    auto* add = new QPushButton(tr("Add field"), this);
    add->setAutoDefault(false);
    addRow->addWidget(m_newField, 1);
    addRow->addWidget(add);
    layout->addLayout(addRow);
    connect(add, &QPushButton::clicked, this, [this] {
        const QString name = m_newField->text().trimmed();
        if (name.isEmpty() || m_editors.count(name) || name == QLatin1String("id"))
            return;
        addField(console::fieldInfo(m_model, name.toStdString()), nullptr);
        m_newField->clear();
    });

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("recordFormError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->setVisible(false);
    layout->addWidget(m_error);
    auto* note = new QLabel(tr("* required"), this);
    layout->addWidget(note);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &RecordForm::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(520, 560);
}

void RecordForm::addField(const FieldInfo& info, const protocol::json& value) {
    const QString name = QString::fromStdString(info.name);
    QWidget* editor = nullptr;
    switch (info.type) {
    case FieldType::Boolean: {
        auto* box = new QCheckBox(this);
        box->setChecked(value.is_boolean() && value.get<bool>());
        editor = box;
        break;
    }
    case FieldType::Selection: {
        auto* combo = new QComboBox(this);
        if (!info.required)
            combo->addItem(QString(), QVariant());
        for (const auto& [v, label] : info.selection)
            combo->addItem(catalogText(label), QString::fromStdString(v));
        if (value.is_string())
            combo->setCurrentIndex(
                std::max(0, combo->findData(QString::fromStdString(value.get<std::string>()))));
        editor = combo;
        break;
    }
    case FieldType::Many2one: {
        // A searchable picker: type part of a name; the cached records fill it (setChoices).
        auto* combo = new QComboBox(this);
        combo->setEditable(true);
        combo->setInsertPolicy(QComboBox::NoInsert);
        combo->completer()->setFilterMode(Qt::MatchContains);
        combo->completer()->setCompletionMode(QCompleter::PopupCompletion);
        combo->lineEdit()->setPlaceholderText(
            tr("Search %1…").arg(catalogText(console::modelLabel(info.relation))));
        if (!value.is_null())
            combo->setEditText(MergeModel::display(value));
        editor = combo;
        break;
    }
    case FieldType::Text: {
        auto* text = new QPlainTextEdit(MergeModel::display(value), this);
        text->setTabChangesFocus(true);
        text->setMaximumHeight(fontMetrics().height() * 4 + 12);
        editor = text;
        break;
    }
    case FieldType::Integer:
    case FieldType::Float:
    case FieldType::Monetary:
    case FieldType::Date:
    case FieldType::Datetime:
    case FieldType::Char:
    case FieldType::Json: {
        QString text = MergeModel::display(value);
        if (value.is_number_float())
            text = QLocale::c().toString(value.get<double>(), 'g', 15);
        auto* line = new QLineEdit(text, this);
        if (info.type == FieldType::Date)
            line->setPlaceholderText(QStringLiteral("2026-11-29"));
        else if (info.type == FieldType::Datetime)
            line->setPlaceholderText(QStringLiteral("2026-11-29 14:30:00"));
        else if (info.type == FieldType::Integer || info.type == FieldType::Float ||
                 info.type == FieldType::Monetary) {
            line->setAlignment(Qt::AlignRight);
            line->setLayoutDirection(Qt::LeftToRight);
        }
        editor = line;
        break;
    }
    }
    editor->setObjectName(QStringLiteral("field_") + name);
    editor->setEnabled(!info.readonly);
    editor->setToolTip(name); // the technical name, for support
    QString label = catalogText(info.label);
    if (info.required)
        label += QStringLiteral(" *");
    m_form->addRow(label + QLatin1Char(':'), editor);
    m_editors[name] = editor;
    m_fields[name] = info;
    m_labels[name] = catalogText(info.label);
}

void RecordForm::setChoices(const QString& field,
                            const std::vector<std::pair<QString, protocol::json>>& choices) {
    auto it = m_editors.find(field);
    auto* combo = it == m_editors.end() ? nullptr : qobject_cast<QComboBox*>(it->second);
    if (!combo || !combo->isEditable())
        return;
    const QString typed = combo->currentText();
    combo->clear();
    int current = -1;
    for (const auto& [label, id] : choices) {
        combo->addItem(label, QString::fromStdString(id.dump()));
        if (MergeModel::display(id) == typed)
            current = combo->count() - 1;
    }
    if (current >= 0)
        combo->setCurrentIndex(current);
    else
        combo->setEditText(typed);
}

std::optional<protocol::json> RecordForm::valueOf(const QString& name, std::string* why) const {
    const auto& info = m_fields.at(name);
    auto* editor = m_editors.at(name);
    if (auto* box = qobject_cast<QCheckBox*>(editor))
        return protocol::json(box->isChecked());
    if (auto* combo = qobject_cast<QComboBox*>(editor)) {
        if (!combo->isEditable()) { // selection
            const QVariant v = combo->currentData();
            if (!v.isValid() || v.toString().isEmpty()) {
                if (info.required) {
                    *why = "is required";
                    return std::nullopt;
                }
                return protocol::json(nullptr);
            }
            return protocol::json(v.toString().toStdString());
        }
        // many2one: a picked record, or an id typed as it is
        const int i = combo->findText(combo->currentText());
        if (i >= 0 && combo->itemData(i).isValid())
            return protocol::json::parse(combo->itemData(i).toString().toStdString());
        const auto parsed = console::parseValue(info, combo->currentText().toStdString(), why);
        if (parsed && parsed->is_string() && !combo->currentText().trimmed().isEmpty() &&
            combo->count() > 0) {
            *why = "must be a record";
            return std::nullopt;
        }
        return parsed;
    }
    QString text;
    if (auto* plain = qobject_cast<QPlainTextEdit*>(editor))
        text = plain->toPlainText();
    else
        text = static_cast<QLineEdit*>(editor)->text();
    return console::parseValue(info, text.toStdString(), why);
}

QStringList RecordForm::problems() const {
    QStringList out;
    for (const auto& [name, editor] : m_editors) {
        if (!editor->isEnabled())
            continue; // read-only: not sent
        std::string why;
        if (!valueOf(name, &why)) {
            QString typed;
            if (auto* line = qobject_cast<QLineEdit*>(editor))
                typed = line->text();
            else if (auto* combo = qobject_cast<QComboBox*>(editor))
                typed = combo->currentText();
            out << (typed.trimmed().isEmpty()
                        ? QStringLiteral("%1 %2").arg(m_labels.at(name), reasonText(why))
                        : QStringLiteral("%1 “%2” %3")
                              .arg(m_labels.at(name), typed, reasonText(why)));
        }
    }
    return out;
}

protocol::json RecordForm::values() const {
    protocol::json out = protocol::json::object();
    for (const auto& [name, editor] : m_editors) {
        if (!editor->isEnabled())
            continue;
        std::string why;
        auto v = valueOf(name, &why);
        if (!v)
            continue;
        const std::string key = name.toStdString();
        // An empty field or unticked box the record did not have is not a value.
        const bool unset = v->is_null() || (v->is_boolean() && !v->get<bool>());
        if (unset && !m_original.contains(key))
            continue;
        out[key] = std::move(*v);
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

void RecordForm::accept() {
    const QStringList bad = problems();
    if (!bad.isEmpty()) {
        m_error->setText(tr("Not saved: %1").arg(bad.join(QStringLiteral("; "))));
        m_error->setVisible(true);
        return; // stays open; nothing reaches the outbox
    }
    m_error->setVisible(false);
    QDialog::accept();
}

QString RecordForm::errorText() const {
    return m_error->isHidden() ? QString() : m_error->text();
}

void RecordForm::setFieldText(const QString& field, const QString& text) {
    if (!m_editors.count(field))
        addField(console::fieldInfo(m_model, field.toStdString()), nullptr);
    auto* editor = m_editors.at(field);
    if (auto* box = qobject_cast<QCheckBox*>(editor))
        box->setChecked(text == QLatin1String("true"));
    else if (auto* combo = qobject_cast<QComboBox*>(editor)) {
        if (combo->isEditable())
            combo->setEditText(text);
        else
            combo->setCurrentIndex(std::max(0, combo->findData(text)));
    } else if (auto* plain = qobject_cast<QPlainTextEdit*>(editor))
        plain->setPlainText(text);
    else
        static_cast<QLineEdit*>(editor)->setText(text);
}

QStringList RecordForm::fieldNames() const {
    QStringList out;
    for (const auto& [name, e] : m_editors)
        out << name;
    return out;
}

QString RecordForm::labelOf(const QString& field) const {
    auto it = m_labels.find(field);
    return it == m_labels.end() ? QString() : it->second;
}

QWidget* RecordForm::editorOf(const QString& field) const {
    auto it = m_editors.find(field);
    return it == m_editors.end() ? nullptr : it->second;
}

} // namespace bridgecore::ui
