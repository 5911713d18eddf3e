#pragma once

// What the HTTP benchmarks (server_bench, push_probe, scale_bench) push, and how they read the
// CPU time of the server process and of their own.

#include <QtGlobal>

#include <nlohmann/json.hpp>

#include <string>

namespace bridgecore::testsupport {

/// A push request body of `count` sale.order creates from `device`, local ids `prefix`0,
/// `prefix`1, ...
nlohmann::json createsBody(const std::string& device, int count, const std::string& prefix);

/// CPU seconds (user + system) process `pid` used so far, from /proc/<pid>/stat.
double processCpuSeconds(qint64 pid);

/// CPU seconds this process (every thread) used so far.
double ownCpuSeconds();

} // namespace bridgecore::testsupport
