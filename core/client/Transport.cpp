#include "client/Transport.h"

namespace bridgecore::client {

bool isRetryable(const Error& error) {
    switch (error.code) {
    case ErrorCode::Unauthorized:
    case ErrorCode::Forbidden:
    case ErrorCode::ValidationError:
    case ErrorCode::PayloadTooLarge:
    case ErrorCode::SchemaTooNew:
    case ErrorCode::UnknownModel:
    case ErrorCode::NotFound:
        return false;
    default:
        return true;
    }
}

} // namespace bridgecore::client
