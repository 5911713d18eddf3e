#include "DetailsDialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QPointer>
#include <QTableWidget>
#include <QVBoxLayout>

namespace bridgecore::ui {

namespace {
QPointer<DetailsDialog>& last() {
    static QPointer<DetailsDialog> d;
    return d;
}
} // namespace

DetailsDialog::DetailsDialog(const QString& title, const Rows& rows, QWidget* parent)
    : QDialog(parent) {
    setObjectName(QStringLiteral("detailsDialog"));
    setWindowTitle(title);
    auto* layout = new QVBoxLayout(this);
    m_table = new QTableWidget(int(rows.size()), 2, this);
    m_table->setObjectName(QStringLiteral("detailsTable"));
    m_table->horizontalHeader()->hide();
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(true);
    for (int r = 0; r < int(rows.size()); ++r) {
        auto* key = new QTableWidgetItem(rows[std::size_t(r)].first);
        QFont bold = key->font();
        bold.setBold(true);
        key->setFont(bold);
        m_table->setItem(r, 0, key);
        m_table->setItem(r, 1, new QTableWidgetItem(rows[std::size_t(r)].second));
    }
    m_table->resizeColumnToContents(0);
    // Each row as high as its text at the value column's actual width (measured before the
    // dialog had its size, one-line values got two lines' height), again when it is resized.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    layout->addWidget(m_table, 1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(560, 420);
}

DetailsDialog* DetailsDialog::lastOpened() {
    return last().data();
}

DetailsDialog* openDetails(QWidget* parent, const QString& title, const DetailsDialog::Rows& rows) {
    auto* d = new DetailsDialog(title, rows, parent);
    d->setAttribute(Qt::WA_DeleteOnClose);
    last() = d;
    d->show();
    return d;
}

} // namespace bridgecore::ui
