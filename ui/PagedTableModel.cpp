#include "PagedTableModel.h"

namespace bridgecore::ui {

bool PagedTableModelBase::canFetchMore(const QModelIndex& parent) const {
    return !parent.isValid() && !m_loading && !m_refreshing && std::int64_t(loadedRows()) < m_total;
}

void PagedTableModelBase::fetchMore(const QModelIndex& parent) {
    if (!canFetchMore(parent))
        return;
    m_loading = true;
    fetch(loadedRows(), kPageSize, Mode::Append, m_generation);
}

void PagedTableModelBase::reload() {
    m_loading = true;
    m_refreshing = false;
    m_refreshAgain = false;
    fetch(0, kPageSize, Mode::Reset, ++m_generation);
}

void PagedTableModelBase::refresh() {
    if (m_loading || m_refreshing) {
        m_refreshAgain = true; // once the current read is in
        return;
    }
    m_refreshing = true;
    const int limit = std::clamp(loadedRows(), kPageSize, kMaxLiveRows);
    fetch(0, limit, Mode::Refresh, m_generation);
}

void PagedTableModelBase::fetchDone(Mode mode) {
    if (mode == Mode::Refresh)
        m_refreshing = false;
    else
        m_loading = false;
    if (m_refreshAgain && !m_loading && !m_refreshing) {
        m_refreshAgain = false;
        refresh();
    }
}

} // namespace bridgecore::ui
