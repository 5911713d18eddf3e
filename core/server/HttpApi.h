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

#include <memory>

namespace bridgecore::server {

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
