#pragma once
// Errors as values: one enum of codes shared by engine, server and client, and a
// [[nodiscard]] Result<T> carrying either a value or an Error.

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

namespace bridgecore {

enum class ErrorCode {
    // Per-change codes of the wire contract (DESIGN.md §4 "Details fixed").
    ValidationError,
    UnknownModel,
    InvalidAction,
    MissingRecordId,
    RecordNotFound,
    LocalIdReused,
    DependencyCycle,
    DependencyFailed,
    UnresolvedReference,
    NotAttempted,
    // Request-level codes.
    Unauthorized,    // 401
    Forbidden,       // 403
    NotFound,        // 404
    PayloadTooLarge, // 413
    RateLimited,     // 429
    StorageError,    // 500: the database failed; nothing of the failed unit was kept
    SchemaTooNew,    // the database was written by a newer BridgeCore
    Unreachable,     // client side: no connection to the server (nothing was sent)
    Network,         // client side: the exchange broke off (a request may have arrived)
    Internal,        // 500
};

/// The wire spelling of a code, e.g. "LOCAL_ID_REUSED".
std::string_view errorCodeName(ErrorCode code);
/// The code spelled `name` (as errorCodeName gives it); nullopt for an unknown name.
std::optional<ErrorCode> parseErrorCode(std::string_view name);

struct Error {
    ErrorCode code = ErrorCode::Internal;
    std::string message;
};

/// A value or an Error. Check ok() before value().
template <typename T> class [[nodiscard]] Result {
public:
    Result(T value)
        : m_v(std::move(value)) {}
    /// Anything T is built from (e.g. std::nullopt or a row for a Result<std::optional<Row>>).
    template <typename U, typename = std::enable_if_t<std::is_convertible_v<U&&, T> &&
                                                      !std::is_same_v<std::decay_t<U>, T> &&
                                                      !std::is_same_v<std::decay_t<U>, Error> &&
                                                      !std::is_same_v<std::decay_t<U>, Result>>>
    Result(U&& value)
        : m_v(std::in_place_index<0>, std::forward<U>(value)) {}
    Result(Error error)
        : m_v(std::move(error)) {}
    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }
    T& value() & { return std::get<0>(m_v); }
    const T& value() const& { return std::get<0>(m_v); }
    T&& value() && { return std::get<0>(std::move(m_v)); }
    const Error& error() const { return std::get<1>(m_v); }

private:
    std::variant<T, Error> m_v;
};

/// Result of an operation with no value.
class [[nodiscard]] Status {
public:
    Status() = default;
    Status(Error error)
        : m_error(std::move(error))
        , m_ok(false) {}
    static Status success() { return {}; }
    bool ok() const { return m_ok; }
    explicit operator bool() const { return m_ok; }
    const Error& error() const { return m_error; }

private:
    Error m_error;
    bool m_ok = true;
};

} // namespace bridgecore
