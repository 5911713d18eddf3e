#pragma once
// The details of one item (a queued change, an event): a two-column table of labelled
// values, selectable, opened by double-clicking the item.

#include <QDialog>

#include <utility>
#include <vector>

class QTableWidget;

namespace bridgecore::ui {

class DetailsDialog : public QDialog {
    Q_OBJECT
public:
    using Rows = std::vector<std::pair<QString, QString>>;
    DetailsDialog(const QString& title, const Rows& rows, QWidget* parent = nullptr);
    QTableWidget* table() const { return m_table; }

    /// The last dialog opened by openDetails() (tests look at it), null when none is open.
    static DetailsDialog* lastOpened();

private:
    QTableWidget* m_table = nullptr;
};

/// Opens a non-modal DetailsDialog (deleted when closed).
DetailsDialog* openDetails(QWidget* parent, const QString& title, const DetailsDialog::Rows& rows);

} // namespace bridgecore::ui
