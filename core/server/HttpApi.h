#pragma once
// The HTTP API of DESIGN.md §4 on QtHttpServer, bound to a SyncEngine: auth, roles, rate
// limits, gzip, the body limit (enforced under QtHttpServer, see ConnectionGuard), request
// logging, Prometheus metrics. Thin: parse, authenticate, call the engine, serialise.
// Requests run on a thread pool (the engine serialises writers), answers are written on the
// thread that owns the HttpApi. Embeddable: the console starts it on its own engine.

#include "ServerConfig.h"
#include "auth/Accounts.h"
#include "engine/SyncEngine.h"

#include <QHostAddress>
#include <QObject>

#include <functional>
#include <memory>

namespace bridgecore::server {

/// The Odoo part of the admin API (GET /api/v1/admin/odoo, POST /api/v1/admin/odoo/<tenant>/
/// test, GET /api/v1/admin/odoo/fields), provided by whoever links core/odoo (the server's main).
/// Unset: no tenant is attached.
struct OdooAdmin {
    std::function<Result<std::vector<protocol::OdooConnection>>(std::int64_t tenantId)> connections;
    /// NotFound when the tenant named `tenantName` (the caller's) is not attached.
    std::function<Result<protocol::OdooCheck>(std::int64_t tenantId, const std::string& tenantName)>
        test;
    /// GET /api/v1/admin/odoo/fields?model=: Odoo's fields_get of one model (an extension of
    /// the admin API for the console's records views).
    std::function<Result<protocol::json>(std::int64_t tenantId, const std::string& model)> fields;
};

class HttpApi : public QObject {
    Q_OBJECT
public:
    /// `engine` and `accounts` must outlive the HttpApi.
    HttpApi(engine::SyncEngine& engine, auth::Accounts& accounts, ServerConfig config,
            QObject* parent = nullptr);
    ~HttpApi() override;

    /// Starts serving on address:port (0 = any free port); the bound port, or 0 on failure
    /// (errorString() says why). May be called more than once for more addresses.
    quint16 listen(const QHostAddress& address, quint16 port);
    /// Stops accepting connections and waits for requests being processed to finish.
    void close();
    QString errorString() const;
    const ServerConfig& config() const;
    /// Before listen().
    void setOdooAdmin(OdooAdmin admin);
    /// Connections refused by the body limit so far.
    qint64 rejectedBodies() const;

signals:
    /// After each answered request (on the HttpApi's thread): for the console's live view.
    void requestFinished(const QString& method, const QString& path, int status, double ms);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace bridgecore::server
