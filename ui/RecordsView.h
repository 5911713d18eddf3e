#pragma once
// Records: browse the cached records of the app type's models; create, edit and delete them
// offline. Every edit is committed to the outbox before the view reports it saved.

#include "RecordTableModel.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace bridgecore::ui {

class OdooFieldLabels;
class RecordForm;

class RecordsView : public QWidget {
    Q_OBJECT
public:
    RecordsView(client::ClientCache* cache, QThreadPool* clientPool, QWidget* parent = nullptr);

    RecordTableModel* model() { return &m_model; }
    QTableView* table() { return m_table; }
    /// Shows the records of `model` (adds it to the list when needed).
    void showModel(const QString& model);
    void reloadModels();
    /// Field labels and types from Odoo when the tenant is attached (null: built-in only).
    void setFieldLabels(OdooFieldLabels* labels);
    /// What the view says about where its field labels come from ("" when built-in).
    QString fieldSourceText() const;
    /// Opens the form for a new record / the record at `row`; it saves when accepted.
    RecordForm* openCreateForm();
    RecordForm* openEditForm(int row);
    /// Deletes the record at `row` after confirmation.
    bool deleteRow(int row);
    /// Saves directly (what an accepted form does).
    void saveCreate(const QString& model, const protocol::json& values);
    void saveUpdate(const QString& model, const protocol::RecordRef& ref,
                    const protocol::json& changed);

signals:
    /// A local edit was committed (it is in the outbox).
    void saved(const QString& localId);
    void syncRequested();
    void message(const QString& text);
    /// A change was queued in the outbox (the text says it will be sent with the next sync).
    void queued(const QString& text);

public:
    /// The model shown (technical name).
    QString currentModel() const;
    QPushButton* editButton() const { return m_edit; }
    QPushButton* deleteButton() const { return m_delete; }

private:
    void updateButtons();
    /// Says where the current model's field labels come from (Odoo, or why not).
    void showFieldSource();
    /// Fills the form's record pickers with the cached records they may point to.
    void loadChoices(RecordForm* form, const QString& model, const protocol::json& shape);

    client::ClientCache* m_cache;
    QThreadPool* m_pool;
    RecordTableModel m_model;
    QComboBox* m_models = nullptr;
    QTableView* m_table = nullptr;
    QLabel* m_count = nullptr;
    QLabel* m_empty = nullptr;
    bool m_modelPicked = false; // the user chose a model: never switch away from it
    QPushButton* m_edit = nullptr;
    QPushButton* m_delete = nullptr;
    OdooFieldLabels* m_labels = nullptr;
    QLabel* m_fieldSource = nullptr;
};

} // namespace bridgecore::ui
