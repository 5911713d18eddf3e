// Throughput of the protocol hot paths: time parse/format, push parsing and response writing.
// Prints one line per figure; the last line is one JSON object.
#include "protocol/Protocol.h"

#include <chrono>
#include <cstdio>
#include <string>

using namespace bridgecore;
using namespace bridgecore::protocol;

namespace {

template <typename F> double perSecond(int n, F&& f) {
    const auto start = std::chrono::steady_clock::now();
    f();
    const std::chrono::duration<double> s = std::chrono::steady_clock::now() - start;
    return n / s.count();
}

} // namespace

int main() {
    constexpr int kTimes = 2'000'000;
    Millis sink = 0;
    const double parseRate = perSecond(kTimes, [&] {
        for (int i = 0; i < kTimes; ++i) {
            sink += parseTime(i % 2 ? "2025-11-24T10:30:00.123Z" : "2025-11-24T12:30:00+02:00")
                        .value_or(0);
        }
    });
    std::size_t len = 0;
    const double formatRate = perSecond(kTimes, [&] {
        for (int i = 0; i < kTimes; ++i) {
            len += formatTime(1763980200000 + i).size();
        }
    });

    // A push of 1000 changes as a device sends it, parsed from text 20 times.
    json body = {{"device_id", "bench-device"}, {"conflict_strategy", "server_wins"}};
    json changes = json::array();
    for (int i = 0; i < 1000; ++i) {
        changes.push_back(
            {{"local_id", "local-" + std::to_string(i)},
             {"action", i % 3 == 0 ? "create" : "update"},
             {"model", "sale.order"},
             {"record_id", i % 3 == 0 ? json(nullptr) : json(i)},
             {"data",
              {{"partner_id", 42}, {"name", "SO" + std::to_string(i)}, {"amount_total", 1500.5}}},
             {"local_timestamp", "2025-11-24T10:30:00.000Z"},
             {"version", 1},
             {"priority", 5}});
    }
    body["changes"] = std::move(changes);
    const std::string text = body.dump();
    constexpr int kRounds = 20;
    std::size_t parsed = 0;
    const double textRate = perSecond(kRounds * 1000, [&] {
        for (int r = 0; r < kRounds; ++r) {
            auto j = parseJsonText(text);
            auto p = parsePushRequest(std::get<json>(j));
            parsed += std::get<PushRequest>(p).changes.size();
        }
    });
    const double validateRate = perSecond(kRounds * 1000, [&] {
        for (int r = 0; r < kRounds; ++r) {
            auto p = parsePushRequest(body);
            parsed += std::get<PushRequest>(p).changes.size();
        }
    });

    PushResponse resp;
    for (int i = 0; i < 1000; ++i) {
        ChangeResult res;
        res.local_id = "local-" + std::to_string(i);
        res.model = "sale.order";
        res.server_id = i;
        res.server_timestamp = formatTime(1763980200000);
        res.version = 1;
        resp.results.push_back(res);
        resp.id_mapping.emplace_back(res.local_id, i);
    }
    const double writeRate = perSecond(kRounds * 1000, [&] {
        for (int r = 0; r < kRounds; ++r) {
            len += toJson(resp).dump().size();
        }
    });

    std::printf("parseTime:               %.0f /s\n", parseRate);
    std::printf("formatTime:              %.0f /s\n", formatRate);
    std::printf("push text->struct:       %.0f changes/s (JSON parse + validation)\n", textRate);
    std::printf("push json->struct:       %.0f changes/s (validation only)\n", validateRate);
    std::printf("push response ->text:    %.0f results/s\n", writeRate);
    std::printf(
        "{\"parse_time_per_s\":%.0f,\"format_time_per_s\":%.0f,"
        "\"push_text_changes_per_s\":%.0f,\"push_validate_changes_per_s\":%.0f,"
        "\"response_results_per_s\":%.0f,\"checksum\":%lld}\n",
        parseRate, formatRate, textRate, validateRate, writeRate,
        static_cast<long long>(sink % 1000 + static_cast<Millis>(len % 1000 + parsed % 1000)));
    return 0;
}
