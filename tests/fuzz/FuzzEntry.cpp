// libFuzzer's entry point for one target: BRIDGECORE_FUZZ_TARGET names its function.

#include "FuzzTargets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return bridgecore::fuzz::BRIDGECORE_FUZZ_TARGET(data, size);
}
