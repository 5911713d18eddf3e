#pragma once
// Transport: how the offline client reaches a sync engine. Calls are synchronous and may run
// on a worker thread (SyncScheduler runs them off the UI thread). Errors are values.

#include "protocol/Protocol.h"

#include <string>

namespace bridgecore::client {

using protocol::json;

/// True when an error is worth retrying later (network trouble, 5xx, 429, timeouts).
bool isRetryable(const Error& error);
/// True for trouble reaching the server (Unreachable, Network): wait for the network.
inline bool isNetworkError(const Error& error) {
    return error.code == ErrorCode::Unreachable || error.code == ErrorCode::Network;
}
/// True when the server certainly did not apply a request that failed with `error` (it was
/// never delivered, or refused as a whole), so its changes may go back to pending.
bool refusedAsAWhole(const Error& error);

class Transport {
public:
    virtual ~Transport() = default;
    /// POST /push.
    virtual Result<protocol::PushResponse> push(const protocol::PushRequest& request) = 0;
    /// POST /push with the body already written as JSON text (SyncClient splices the stored
    /// wire form of each change). The default parses it and calls push().
    virtual Result<protocol::PushResponse> pushText(const std::string& body);
    /// Gets a session ready (e.g. a fresh access token) before changes are marked as sent, so
    /// a failure here leaves them pending.
    virtual Status prepare() { return Status::success(); }
    /// Frees what calls made on the calling thread set up; called before that thread ends.
    virtual void releaseThreadResources() {}
    /// True when calls wait on something outside this process (a network): SyncClient then
    /// makes them on a thread of their own and prepares the next request meanwhile.
    virtual bool waitsOnNetwork() const { return false; }
    /// POST /pull.
    virtual Result<protocol::PullResponse> pull(const protocol::PullRequest& request) = 0;
    /// POST /resolve-conflicts.
    virtual Result<protocol::ResolveResponse> resolve(const protocol::ResolveRequest& request) = 0;
    /// GET /state?device_id=.
    virtual Result<protocol::SyncState> state(const std::string& deviceId) = 0;
    /// POST /reset?device_id=.
    virtual Result<protocol::ResetResponse> reset(const std::string& deviceId) = 0;
};

} // namespace bridgecore::client
