#pragma once
// The one SAX parse of the push readers (PushRequestText, PushAnswerText).

#include <nlohmann/json.hpp>

#include <string_view>

namespace bridgecore::protocol::sax {

/// json::sax_parse of `text` into `handler`, with nlohmann's parser and lexer compiled inline
/// into one function (see SaxParse.cpp). Same result, events and exceptions as sax_parse.
bool parse(std::string_view text, nlohmann::json_sax<nlohmann::json>& handler);

} // namespace bridgecore::protocol::sax
