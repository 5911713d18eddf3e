#include "engine/Clock.h"

#include <chrono>

namespace bridgecore {

namespace {
class SystemClock final : public Clock {
public:
    protocol::Millis now() const override {
        using namespace std::chrono;
        return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
    }
};
} // namespace

const Clock& Clock::system() {
    static const SystemClock clock;
    return clock;
}

} // namespace bridgecore
