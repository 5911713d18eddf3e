#include "OdooFieldLabels.h"

#include "ConsoleServices.h"
#include "console/ModelCatalog.h"

#include <QLocale>

namespace bridgecore::ui {

namespace {
/// After a failure, ask again sooner than after an answer.
constexpr int kRetryAfterS = 30;
} // namespace

OdooFieldLabels::OdooFieldLabels(console::ConsoleBackend* backend, QObject* parent)
    : QObject(parent)
    , m_backend(backend) {}

void OdooFieldLabels::request(const QString& model) {
    if (model.isEmpty() || !m_backend)
        return;
    Entry& e = m_entries[model];
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const int wait = e.error.isEmpty() ? m_refreshAfterS : std::min(m_refreshAfterS, kRetryAfterS);
    if (e.pending || (e.asked.isValid() && e.asked.secsTo(now) < wait))
        return;
    e.pending = true;
    e.asked = now;
    runAsync(
        m_backend->pool(), this,
        [backend = m_backend, m = model.toStdString()] { return backend->odooFields(m); },
        [this, model](Result<protocol::json> r) {
            Entry& e = m_entries[model];
            e.pending = false;
            if (r.ok()) {
                console::setOdooFields(model.toStdString(), r.value());
                e.attached = true;
                e.answered = QDateTime::currentDateTimeUtc();
                e.error.clear();
            } else if (r.error().code == ErrorCode::NotFound ||
                       r.error().code == ErrorCode::Forbidden) {
                // Not attached (or not for this user to ask): the built-in catalog, silently.
                console::setOdooFields(model.toStdString(), nullptr);
                e.attached = false;
                e.error.clear();
            } else {
                // Unreachable or refused: keep Odoo's last answer if there is one.
                e.attached = true;
                e.error = QString::fromStdString(r.error().message);
            }
            emit described(model);
        });
}

bool OdooFieldLabels::fromOdoo(const QString& model) const {
    auto it = m_entries.find(model);
    return it != m_entries.end() && it->second.attached && it->second.answered.isValid();
}

QString OdooFieldLabels::statusText(const QString& model) const {
    auto it = m_entries.find(model);
    if (it == m_entries.end() || !it->second.attached)
        return {};
    const Entry& e = it->second;
    if (e.error.isEmpty())
        return e.answered.isValid() ? tr("Field labels from Odoo") : QString();
    if (e.answered.isValid())
        return tr("Odoo is unreachable (%1): field labels as Odoo gave them at %2")
            .arg(e.error,
                 QLocale().toString(e.answered.toLocalTime().time(), QLocale::ShortFormat));
    return tr("Odoo is unreachable (%1): built-in field labels").arg(e.error);
}

} // namespace bridgecore::ui
