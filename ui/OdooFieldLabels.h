#pragma once
// Where the records views' field metadata comes from when the tenant is attached to Odoo
// (issue 10 item 7): Odoo's fields_get, asked through the console's backend off the UI thread
// (embedded: the connector; connected: GET /api/v1/admin/odoo/fields), cached per model and
// asked again after refreshAfter(). The answer goes to console::setOdooFields(), so forms and
// table headers describe fields as Odoo does. When Odoo cannot answer, the last answer is kept
// (or, without one, the built-in catalog) and statusText() says so.

#include <QDateTime>
#include <QObject>
#include <QString>

#include <map>

namespace bridgecore::console {
class ConsoleBackend;
}

namespace bridgecore::ui {

class OdooFieldLabels : public QObject {
    Q_OBJECT
public:
    /// `backend` must outlive this object.
    explicit OdooFieldLabels(console::ConsoleBackend* backend, QObject* parent = nullptr);

    /// Asks Odoo for `model`'s fields unless an answer younger than refreshAfter() is held
    /// (or a question is on its way). described() follows the answer.
    void request(const QString& model);
    /// What the views say about their labels: "" when the tenant is not attached (built-in
    /// labels, nothing to say), "Field labels from Odoo", or why Odoo's are not used.
    QString statusText(const QString& model) const;
    /// True when the labels of `model` come from Odoo.
    bool fromOdoo(const QString& model) const;
    int refreshAfterSeconds() const { return m_refreshAfterS; }
    void setRefreshAfterSeconds(int seconds) { m_refreshAfterS = seconds; }

signals:
    /// Odoo answered about `model` (or could not): forms and headers should be rebuilt.
    void described(const QString& model);

private:
    struct Entry {
        QDateTime asked;    // when the last question was sent
        QDateTime answered; // when Odoo last described the model (invalid: never)
        bool attached = true;
        bool pending = false;
        QString error; // why the last question failed ("" when it did not)
    };
    console::ConsoleBackend* m_backend;
    std::map<QString, Entry> m_entries;
    int m_refreshAfterS = 300;
};

} // namespace bridgecore::ui
