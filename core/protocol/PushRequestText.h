#pragma once
// The push request read straight from its text, without a json tree (the server's side of what
// PushAnswerText is to the client): a tree of a whole request, then a PushRequest moved out of
// it, then the tree's destruction cost the server ~3 ms of CPU per 1,000 changes.

#include "protocol/Protocol.h"

#include <optional>
#include <string_view>

namespace bridgecore::protocol {

/// The request in `text` when it is a valid push request of the usual shape: an object whose
/// known keys appear once each with values parsePushRequest accepts as they are (integers
/// written as integers, every change an object with its required fields, no repeated local_id),
/// nested at most `maxDepth` levels. Then it is what parsePushRequest(json::parse(text))
/// gives; unknown keys are skipped as that path ignores them, and each change's data, metadata
/// and merged_data are built as json::parse builds them. nullopt for anything else (a
/// malformed document, a missing or invalid field, a repeated key, a float for an integer…):
/// read those through parseJsonText and parsePushRequest, which say what is wrong.
std::optional<PushRequest> pushRequestFromText(std::string_view text, int maxDepth);

} // namespace bridgecore::protocol
