#pragma once
// The fuzzed parsers, one function per libFuzzer target. Each takes arbitrary bytes, runs the
// parser the server (or client) runs on them, checks what must always hold (a parsed request
// serialises and parses again; gzip round-trips), and abort()s when it does not. Built twice:
// as libFuzzer executables (clang, `make fuzz`; FuzzEntry.cpp picks the function), and into
// FuzzCorpusTest, which replays the committed seeds and every past finding in the ordinary test
// suite.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace bridgecore::fuzz {

int pushRequest(const std::uint8_t* data, std::size_t size);
int pullRequest(const std::uint8_t* data, std::size_t size);
int resolveRequest(const std::uint8_t* data, std::size_t size);
int loginRequest(const std::uint8_t* data, std::size_t size);
int gzipInflate(const std::uint8_t* data, std::size_t size);
int queryString(const std::uint8_t* data, std::size_t size);
int clientResponses(const std::uint8_t* data, std::size_t size);

} // namespace bridgecore::fuzz

/// Stops the run with a message when an invariant fails (libFuzzer saves the input).
#define FUZZ_CHECK(cond)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            std::fprintf(stderr, "fuzz invariant failed: %s (%s:%d)\n", #cond, __FILE__,           \
                         __LINE__);                                                                \
            std::abort();                                                                          \
        }                                                                                          \
    } while (0)
