#pragma once
// Transport: how the offline client reaches a sync engine. Calls are synchronous and may run
// on a worker thread (SyncScheduler runs them off the UI thread). Errors are values.

#include "protocol/Protocol.h"

#include <string>

namespace bridgecore::client {

using protocol::json;

/// True when an error is worth retrying later (network trouble, 5xx, 429, timeouts).
bool isRetryable(const Error& error);

class Transport {
public:
    virtual ~Transport() = default;
    /// POST /push.
    virtual Result<protocol::PushResponse> push(const protocol::PushRequest& request) = 0;
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
