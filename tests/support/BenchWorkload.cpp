#include "BenchWorkload.h"

#include <QFile>
#include <QList>

#include <ctime>
#include <unistd.h>

namespace bridgecore::testsupport {

nlohmann::json createsBody(const std::string& device, int count, const std::string& prefix) {
    nlohmann::json changes = nlohmann::json::array();
    for (int i = 0; i < count; ++i)
        changes.push_back(nlohmann::json{
            {"local_id", prefix + std::to_string(i)},
            {"action", "create"},
            {"model", "sale.order"},
            {"record_id", nullptr},
            {"data",
             {{"name", prefix + std::to_string(i)}, {"partner_id", 42}, {"amount_total", 1500.5}}},
            {"local_timestamp", "2025-11-24T10:30:00Z"},
            {"version", 1},
            {"priority", 5}});
    return {{"device_id", device}, {"changes", changes}, {"batch_size", 500}};
}

double processCpuSeconds(qint64 pid) {
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray stat = f.readAll();
    // Fields after the command's closing parenthesis: state is field 3, utime 14, stime 15.
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return 0;
    return double(fields[11].toLongLong() + fields[12].toLongLong()) / double(sysconf(_SC_CLK_TCK));
}

double ownCpuSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

} // namespace bridgecore::testsupport
