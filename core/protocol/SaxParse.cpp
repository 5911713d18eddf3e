#include "protocol/SaxParse.h"

namespace bridgecore::protocol::sax {

// nlohmann's lexer copies each character of a string into its token buffer through
// std::string::push_back, and GCC leaves that call out of line in the lexer's 256-way switch
// ("call is unlikely"): it was a fifth of the instructions of reading a push request or
// answer. `flatten` inlines every call of the parse into this function (the handler's own
// events stay virtual calls, not inlined): 23 % fewer instructions for a 1,000-change request,
// 27 % for its answer (callgrind), at ~2 minutes of compile time for this file. Sanitizer
// and fuzz builds (their own instrumentation on top of it) compile it without.
#if defined(__GNUC__) && !defined(__clang__) && !defined(__SANITIZE_ADDRESS__) &&                  \
    !defined(__SANITIZE_THREAD__)
__attribute__((flatten))
#endif
bool parse(std::string_view text, nlohmann::json_sax<nlohmann::json>& handler) {
    return nlohmann::json::sax_parse(text.data(), text.data() + text.size(), &handler);
}

} // namespace bridgecore::protocol::sax
