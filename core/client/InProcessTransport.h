#pragma once
// InProcessTransport: straight calls into a SyncEngine in this process, as a fixed caller.
// Used by the console's embedded mode and by tests.

#include "client/Transport.h"
#include "engine/SyncEngine.h"

#include <atomic>

namespace bridgecore::client {

class InProcessTransport : public Transport {
public:
    /// Calls `engine` as `caller`; the engine must outlive the transport.
    InProcessTransport(engine::SyncEngine& engine, engine::Caller caller);

    Result<protocol::PushResponse> push(const protocol::PushRequest& request) override;
    Result<protocol::PullResponse> pull(const protocol::PullRequest& request) override;
    Result<protocol::ResolveResponse> resolve(const protocol::ResolveRequest& request) override;
    Result<protocol::SyncState> state(const std::string& deviceId) override;
    Result<protocol::ResetResponse> reset(const std::string& deviceId) override;

    /// Test hook: while true every call fails as a network error would.
    void setOffline(bool offline) { m_offline = offline; }
    /// Test hook: the next `n` pushes are applied by the engine but their responses are lost.
    void dropNextPushResponses(int n) { m_dropPushResponses = n; }

private:
    engine::SyncEngine& m_engine;
    engine::Caller m_caller;
    std::atomic<bool> m_offline{false};
    std::atomic<int> m_dropPushResponses{0};
};

} // namespace bridgecore::client
