#pragma once
// A row of widgets that wraps onto further rows when its width is short (the merge editor's
// buttons in French); mirrored in right-to-left languages.

#include <QLayout>
#include <QList>

namespace bridgecore::ui {

class FlowLayout : public QLayout {
public:
    FlowLayout() = default;
    ~FlowLayout() override;

    void addItem(QLayoutItem* item) override;
    int count() const override;
    QLayoutItem* itemAt(int index) const override;
    QLayoutItem* takeAt(int index) override;
    Qt::Orientations expandingDirections() const override { return {}; }
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    void setGeometry(const QRect& rect) override;
    /// Every item on one row.
    QSize sizeHint() const override;
    /// The widest item: the rest wraps.
    QSize minimumSize() const override;

private:
    int gap(Qt::Orientation o) const;
    /// Places the items in `rect` (or only measures); returns the height used.
    int arrange(const QRect& rect, bool place) const;

    QList<QLayoutItem*> m_items;
};

} // namespace bridgecore::ui
