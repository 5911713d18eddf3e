#pragma once
// OdooFeed: what changed in Odoo since the last look, for the tenant's event log.
//
// With the guide's addon (the model update.webhook exists): rows with id > the last seen, in
// id order; the records' current values are read in one call per model. Without it: per model,
// records whose write_date is at or after the last one seen (Odoo's write_date has whole
// seconds, so the ids already seen at that second are remembered), and every
// `reconcileEvery` polls a search of all ids to notice deletions.
//
// The feed reports Odoo's current state; telling our own writes from Odoo users' ones (by
// comparing with the record as we last knew it) is the caller's part, since only it knows what
// it wrote.

#include "odoo/OdooClient.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace bridgecore::odoo {

struct FeedChange {
    std::string model;
    std::int64_t odoo_id = 0;
    protocol::EventAction action = protocol::EventAction::Write;
    json data;                        // the record now (normaliseRecord), null for an unlink
    protocol::Millis write_date = 0;  // Odoo's write_date (or the webhook row's timestamp)
    std::vector<std::string> changed; // fields Odoo says changed, when it says (webhook)
    /// Odoo's last write of the record was not the connector's (its write_uid is another
    /// user's): a field holding a value no event ever showed devices may be that user's edit.
    bool by_odoo_user = false;
};

/// The change a read of `record` (as Odoo answered it, write_uid included) reports:
/// by_odoo_user when its write_uid is not `connectorUid`.
FeedChange readChange(const std::string& model, const json& record, const json& fieldTypes,
                      std::int64_t connectorUid);

/// Where the feed stopped; kept by the caller between polls (toJson/fromJson for storage).
struct FeedCursor {
    std::int64_t last_webhook_id = 0;
    std::map<std::string, std::string> last_write_date;              // model -> Odoo datetime
    std::map<std::string, std::set<std::int64_t>> seen_at_last_date; // model -> ids
    std::map<std::string, std::set<std::int64_t>> known_ids;         // polling mode
    std::int64_t polls = 0;

    json toJson() const;
    static FeedCursor fromJson(const json& j);
};

class OdooFeed {
public:
    OdooFeed(OdooClient& client, std::vector<std::string> models, int reconcileEvery = 10,
             int pageSize = 500);

    /// One look at Odoo. Advances `cursor` only past what it returns.
    Result<std::vector<FeedChange>> poll(FeedCursor& cursor);
    /// Whether Odoo has the update.webhook model (asked once, on the first poll).
    std::optional<bool> usesWebhook() const { return m_webhook; }
    /// Reads the records of `changes` again (one search_read per model): their data and
    /// write_date as Odoo holds them now; a change of a record deleted since is left out (its
    /// unlink comes with a later poll). For a caller whose mirror may have moved past what a
    /// poll read (a push wrote the record meanwhile).
    Status refresh(std::vector<FeedChange>& changes);

private:
    /// Current values of `wanted` (model -> ids), read with search_read: a record deleted
    /// meanwhile is simply absent.
    Result<std::map<std::string, std::map<std::int64_t, json>>>
    currentValues(const std::map<std::string, std::set<std::int64_t>>& wanted);
    Result<std::vector<FeedChange>> pollWebhook(FeedCursor& cursor);
    Result<std::vector<FeedChange>> pollWriteDates(FeedCursor& cursor);
    Result<json> types(const std::string& model);

    OdooClient& m_client;
    std::vector<std::string> m_models;
    int m_reconcileEvery;
    int m_pageSize;
    int m_lastPageRows = 0;
    std::optional<bool> m_webhook;
    std::map<std::string, json> m_types;
};

} // namespace bridgecore::odoo
