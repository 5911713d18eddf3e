#pragma once
// The one place that maps an ErrorCode to an HTTP status.

#include "protocol/Status.h"

namespace bridgecore::server {

/// 401, 403, 404, 413, 422, 429 or 500 for the code.
int httpStatus(ErrorCode code);
/// The reason phrase of a status ("Payload Too Large").
const char* reasonPhrase(int status);

} // namespace bridgecore::server
