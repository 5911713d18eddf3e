#include "Status.h"

namespace bridgecore {

std::string_view errorCodeName(ErrorCode code) {
    switch (code) {
    case ErrorCode::ValidationError:
        return "VALIDATION_ERROR";
    case ErrorCode::UnknownModel:
        return "UNKNOWN_MODEL";
    case ErrorCode::InvalidAction:
        return "INVALID_ACTION";
    case ErrorCode::MissingRecordId:
        return "MISSING_RECORD_ID";
    case ErrorCode::RecordNotFound:
        return "RECORD_NOT_FOUND";
    case ErrorCode::LocalIdReused:
        return "LOCAL_ID_REUSED";
    case ErrorCode::DependencyCycle:
        return "DEPENDENCY_CYCLE";
    case ErrorCode::DependencyFailed:
        return "DEPENDENCY_FAILED";
    case ErrorCode::UnresolvedReference:
        return "UNRESOLVED_REFERENCE";
    case ErrorCode::NotAttempted:
        return "NOT_ATTEMPTED";
    case ErrorCode::Unauthorized:
        return "UNAUTHORIZED";
    case ErrorCode::Forbidden:
        return "FORBIDDEN";
    case ErrorCode::NotFound:
        return "NOT_FOUND";
    case ErrorCode::PayloadTooLarge:
        return "PAYLOAD_TOO_LARGE";
    case ErrorCode::RateLimited:
        return "RATE_LIMITED";
    case ErrorCode::StorageError:
        return "STORAGE_ERROR";
    case ErrorCode::SchemaTooNew:
        return "SCHEMA_TOO_NEW";
    case ErrorCode::Unreachable:
        return "UNREACHABLE";
    case ErrorCode::Network:
        return "NETWORK_ERROR";
    case ErrorCode::Internal:
        return "INTERNAL_ERROR";
    }
    return "INTERNAL_ERROR";
}

std::optional<ErrorCode> parseErrorCode(std::string_view name) {
    // Codes are contiguous from ValidationError to Internal (see Status.h).
    for (int i = static_cast<int>(ErrorCode::ValidationError);
         i <= static_cast<int>(ErrorCode::Internal); ++i) {
        const auto code = static_cast<ErrorCode>(i);
        if (errorCodeName(code) == name) {
            return code;
        }
    }
    return std::nullopt;
}

} // namespace bridgecore
