#pragma once
// The one base of the console's paged tables (devices, conflicts, outbox, cached records):
// rows fetched page by page off the UI thread (canFetchMore / fetchMore), reload() for a new
// query, and refresh() for live updates: the loaded rows are read again and only what
// changed is signalled (rows changed, inserted, removed, moved), so the selection and the
// scroll position stay and a view of 100,000 rows never refetches them all.

#include "ConsoleServices.h"
#include "protocol/Status.h"

#include <QAbstractTableModel>

#include <algorithm>

#include <functional>
#include <map>
#include <string>
#include <vector>

class QThreadPool;

namespace bridgecore::ui {

class PagedTableModelBase : public QAbstractTableModel {
    Q_OBJECT
public:
    static constexpr int kPageSize = 200;
    /// refresh() re-reads at most this many rows; beyond, loaded rows update in place only.
    static constexpr int kMaxLiveRows = 1000;

    using QAbstractTableModel::QAbstractTableModel;

    /// Rows matching the query (the loaded ones are rowCount()).
    std::int64_t total() const { return m_total; }
    bool isLoading() const { return m_loading; }
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;
    /// Loads the first page again (a model reset: for a new query).
    void reload();
    /// Reads the loaded rows again and signals only the differences (for live updates).
    void refresh();

signals:
    void loaded();
    void failed(const QString& message);

protected:
    enum class Mode { Reset, Append, Refresh };
    virtual int loadedRows() const = 0;
    virtual void fetch(int offset, int limit, Mode mode, int generation) = 0;
    /// Called when a fetch completes: clears m_loading, refreshes again if asked meanwhile.
    void fetchDone(Mode mode);

    std::int64_t m_total = 0;
    bool m_loading = false;
    bool m_refreshing = false;
    bool m_refreshAgain = false;
    int m_generation = 0;
};

template <typename Row> class PagedTableModel : public PagedTableModelBase {
public:
    struct Page {
        std::vector<Row> items;
        std::int64_t total = 0;
    };
    /// The blocking read of one page, run on the pool (captures its parameters by value).
    using Query = std::function<Result<Page>()>;

    int rowCount(const QModelIndex& parent = {}) const override {
        return parent.isValid() ? 0 : int(m_rows.size());
    }
    const Row* row(int r) const {
        return r >= 0 && r < int(m_rows.size()) ? &m_rows[std::size_t(r)] : nullptr;
    }

protected:
    using PagedTableModelBase::PagedTableModelBase;

    virtual QThreadPool* pool() const = 0;
    virtual Query query(int offset, int limit) const = 0;
    /// Identity of a row across reads (refresh() matches rows by it).
    virtual std::string keyOf(const Row& row) const = 0;
    /// Rows about to be shown (a subclass may add columns for them).
    virtual void receive(const std::vector<Row>& rows, Mode mode) {
        (void)rows;
        (void)mode;
    }

    int loadedRows() const override { return int(m_rows.size()); }

    void fetch(int offset, int limit, Mode mode, int generation) override {
        runAsync(pool(), this, query(offset, limit), [this, generation, mode](Result<Page> page) {
            if (generation != m_generation)
                return; // a newer reload superseded this read
            if (!page) {
                fetchDone(mode);
                emit failed(QString::fromStdString(page.error().message));
                return;
            }
            apply(std::move(page.value()), mode);
            fetchDone(mode);
            emit loaded();
        });
    }

    std::vector<Row> m_rows;

private:
    void apply(Page p, Mode mode) {
        receive(p.items, mode);
        if (mode == Mode::Reset) {
            beginResetModel();
            m_rows = std::move(p.items);
            m_total = std::max<std::int64_t>(p.total, std::int64_t(m_rows.size()));
            endResetModel();
            return;
        }
        if (mode == Mode::Append) {
            if (p.items.empty()) {
                m_total = std::int64_t(m_rows.size()); // the table shrank meanwhile
                return;
            }
            m_total = p.total;
            beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + p.items.size()) - 1);
            m_rows.insert(m_rows.end(), std::make_move_iterator(p.items.begin()),
                          std::make_move_iterator(p.items.end()));
            endInsertRows();
            return;
        }
        merge(std::move(p));
    }

    /// Makes m_rows equal to the fresh read, signalling each difference.
    void merge(Page p) {
        const int lastColumn = std::max(0, columnCount() - 1);
        std::map<std::string, std::size_t> fresh;
        for (std::size_t i = 0; i < p.items.size(); ++i)
            fresh.emplace(keyOf(p.items[i]), i);
        const bool partial = std::int64_t(m_rows.size()) > std::int64_t(p.items.size()) &&
                             std::int64_t(p.items.size()) >= kMaxLiveRows;
        m_total = std::max<std::int64_t>(p.total, std::int64_t(p.items.size()));
        if (partial) {
            bool added = false;
            for (const auto& row : p.items)
                added = added || !std::any_of(m_rows.begin(), m_rows.end(),
                                              [&](const Row& r) { return keyOf(r) == keyOf(row); });
            if (added) {
                // New rows among the first ones: the rows beyond the re-read ones are let go
                // (fetchMore brings them back) and the window is merged in full below.
                beginRemoveRows({}, int(p.items.size()), int(m_rows.size()) - 1);
                m_rows.resize(p.items.size());
                endRemoveRows();
            }
        }
        if (partial && std::int64_t(m_rows.size()) > std::int64_t(p.items.size())) {
            // Only the first rows were read again: update those found, leave the rest.
            for (std::size_t r = 0; r < m_rows.size(); ++r) {
                auto it = fresh.find(keyOf(m_rows[r]));
                if (it == fresh.end())
                    continue;
                m_rows[r] = p.items[it->second];
                emit dataChanged(index(int(r), 0), index(int(r), lastColumn));
            }
            return;
        }
        // 1. Rows that are gone.
        for (int r = int(m_rows.size()) - 1; r >= 0; --r) {
            if (fresh.count(keyOf(m_rows[std::size_t(r)])))
                continue;
            beginRemoveRows({}, r, r);
            m_rows.erase(m_rows.begin() + r);
            endRemoveRows();
        }
        // 2. New rows, appended for now.
        std::map<std::string, bool> present;
        for (const auto& row : m_rows)
            present[keyOf(row)] = true;
        std::vector<Row> added;
        for (const auto& row : p.items)
            if (!present.count(keyOf(row)))
                added.push_back(row);
        if (!added.empty()) {
            beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + added.size()) - 1);
            m_rows.insert(m_rows.end(), added.begin(), added.end());
            endInsertRows();
        }
        // 3. The order of the fresh read (a layout change that moves persistent indexes).
        bool sameOrder = m_rows.size() == p.items.size();
        for (std::size_t i = 0; sameOrder && i < m_rows.size(); ++i)
            sameOrder = keyOf(m_rows[i]) == keyOf(p.items[i]);
        if (!sameOrder) {
            emit layoutAboutToBeChanged();
            const QModelIndexList before = persistentIndexList();
            QModelIndexList after;
            after.reserve(before.size());
            for (const auto& idx : before) {
                auto it = fresh.find(keyOf(m_rows[std::size_t(idx.row())]));
                after << (it == fresh.end() ? QModelIndex() : index(int(it->second), idx.column()));
            }
            m_rows = std::move(p.items);
            changePersistentIndexList(before, after);
            emit layoutChanged();
        } else {
            m_rows = std::move(p.items);
        }
        // 4. Every row's values may have changed.
        if (!m_rows.empty())
            emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, lastColumn));
    }
};

} // namespace bridgecore::ui
