#include "FlowLayout.h"

#include <QStyle>
#include <QWidget>

namespace bridgecore::ui {

FlowLayout::~FlowLayout() {
    while (QLayoutItem* item = takeAt(0))
        delete item;
}

void FlowLayout::addItem(QLayoutItem* item) {
    m_items.append(item);
}

int FlowLayout::count() const {
    return int(m_items.size());
}

QLayoutItem* FlowLayout::itemAt(int index) const {
    return m_items.value(index);
}

QLayoutItem* FlowLayout::takeAt(int index) {
    return index >= 0 && index < m_items.size() ? m_items.takeAt(index) : nullptr;
}

int FlowLayout::gap(Qt::Orientation o) const {
    if (spacing() >= 0)
        return spacing();
    const QWidget* w = parentWidget();
    return w ? w->style()->pixelMetric(o == Qt::Horizontal ? QStyle::PM_LayoutHorizontalSpacing
                                                           : QStyle::PM_LayoutVerticalSpacing,
                                       nullptr, w)
             : 6;
}

int FlowLayout::heightForWidth(int width) const {
    return arrange(QRect(0, 0, width, 0), false);
}

void FlowLayout::setGeometry(const QRect& rect) {
    QLayout::setGeometry(rect);
    arrange(rect, true);
}

QSize FlowLayout::sizeHint() const {
    QSize size;
    for (const QLayoutItem* item : m_items) {
        if (item->isEmpty())
            continue;
        const QSize s = item->sizeHint();
        size.rwidth() += (size.width() > 0 ? gap(Qt::Horizontal) : 0) + s.width();
        size.setHeight(std::max(size.height(), s.height()));
    }
    const QMargins m = contentsMargins();
    return size + QSize(m.left() + m.right(), m.top() + m.bottom());
}

QSize FlowLayout::minimumSize() const {
    QSize size;
    for (const QLayoutItem* item : m_items)
        if (!item->isEmpty())
            size = size.expandedTo(item->sizeHint());
    const QMargins m = contentsMargins();
    return size + QSize(m.left() + m.right(), m.top() + m.bottom());
}

int FlowLayout::arrange(const QRect& rect, bool place) const {
    const QRect area = rect.marginsRemoved(contentsMargins());
    const Qt::LayoutDirection direction =
        parentWidget() ? parentWidget()->layoutDirection() : Qt::LeftToRight;
    int x = area.x(), y = area.y(), rowHeight = 0;
    for (QLayoutItem* item : m_items) {
        if (item->isEmpty())
            continue;
        const QSize s = item->sizeHint();
        if (x > area.x() && x + s.width() > area.right() + 1) { // the next row
            x = area.x();
            y += rowHeight + gap(Qt::Vertical);
            rowHeight = 0;
        }
        if (place)
            item->setGeometry(QStyle::visualRect(direction, area, QRect(QPoint(x, y), s)));
        x += s.width() + gap(Qt::Horizontal);
        rowHeight = std::max(rowHeight, s.height());
    }
    return y + rowHeight - rect.y() + contentsMargins().bottom();
}

} // namespace bridgecore::ui
