#include "client/InProcessTransport.h"

namespace bridgecore::client {

namespace {
Error offlineError() {
    return Error{ErrorCode::Unreachable, "network: the server is unreachable"};
}
} // namespace

InProcessTransport::InProcessTransport(engine::SyncEngine& engine, engine::Caller caller)
    : m_engine(engine)
    , m_caller(caller) {}

Result<protocol::PushResponse> InProcessTransport::push(const protocol::PushRequest& request) {
    if (m_offline)
        return offlineError();
    auto r = m_engine.push(m_caller, request);
    if (r.ok() && m_dropPushResponses > 0) {
        --m_dropPushResponses;
        return Error{ErrorCode::Network, "network: connection closed before the response"};
    }
    return r;
}

Result<protocol::PullResponse> InProcessTransport::pull(const protocol::PullRequest& request) {
    if (m_offline)
        return offlineError();
    return m_engine.pull(m_caller, request);
}

Result<protocol::ResolveResponse>
InProcessTransport::resolve(const protocol::ResolveRequest& request) {
    if (m_offline)
        return offlineError();
    return m_engine.resolveConflicts(m_caller, request);
}

Result<protocol::SyncState> InProcessTransport::state(const std::string& deviceId) {
    if (m_offline)
        return offlineError();
    return m_engine.state(m_caller, deviceId);
}

Result<protocol::ResetResponse> InProcessTransport::reset(const std::string& deviceId) {
    if (m_offline)
        return offlineError();
    return m_engine.reset(m_caller, deviceId);
}

} // namespace bridgecore::client
