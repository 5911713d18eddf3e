#include "HttpStatus.h"

namespace bridgecore::server {

int httpStatus(ErrorCode code) {
    switch (code) {
    case ErrorCode::ValidationError:
    case ErrorCode::UnknownModel:
    case ErrorCode::InvalidAction:
    case ErrorCode::MissingRecordId:
    case ErrorCode::RecordNotFound:
    case ErrorCode::LocalIdReused:
    case ErrorCode::DependencyCycle:
    case ErrorCode::DependencyFailed:
    case ErrorCode::UnresolvedReference:
    case ErrorCode::NotAttempted:
        return 422;
    case ErrorCode::Unauthorized:
        return 401;
    case ErrorCode::Forbidden:
        return 403;
    case ErrorCode::NotFound:
        return 404;
    case ErrorCode::PayloadTooLarge:
        return 413;
    case ErrorCode::RateLimited:
        return 429;
    case ErrorCode::StorageError:
    case ErrorCode::SchemaTooNew:
    case ErrorCode::Internal:
        return 500;
    case ErrorCode::Unreachable:
    case ErrorCode::Network:
        return 502;
    }
    return 500;
}

const char* reasonPhrase(int status) {
    switch (status) {
    case 200:
        return "OK";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 413:
        return "Payload Too Large";
    case 422:
        return "Unprocessable Entity";
    case 429:
        return "Too Many Requests";
    case 503:
        return "Service Unavailable";
    default:
        return status >= 500 ? "Internal Server Error" : "Error";
    }
}

} // namespace bridgecore::server
