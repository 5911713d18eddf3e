#pragma once
// The push answer read straight from its text, without a json tree: a client's share of a
// 1,000-change push was mostly json::parse of the answer (55 %) and pushResponseFromJson (20 %).

#include "protocol/Protocol.h"

#include <optional>
#include <string_view>

namespace bridgecore::protocol {

/// The answer in `text` when it has the shape the server writes (toJsonText(PushResponse)):
/// known keys, each once, of the expected types, and no conflict_info. Then it is what
/// pushResponseFromJson(json::parse(text)) gives. nullopt for anything else (a conflict,
/// an unknown field, a malformed document…): read those through pushResponseFromJson, which
/// also says what is wrong.
std::optional<PushResponse> pushResponseFromText(std::string_view text);

} // namespace bridgecore::protocol
