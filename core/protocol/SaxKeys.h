#pragma once
// Keys of a JSON object as the SAX readers of push requests and push answers see them: each
// known key is an enumerator (the enum ends with Unknown), looked up in a small table.

#include <bitset>
#include <cstddef>
#include <string_view>
#include <utility>

namespace bridgecore::protocol::sax {

/// The enumerator `k` names in `keys`, or K::Unknown.
template <typename K, std::size_t N>
K keyIn(const std::pair<std::string_view, K> (&keys)[N], std::string_view k) {
    for (const auto& [name, key] : keys)
        if (name == k)
            return key;
    return K::Unknown;
}

/// Notes a known key of the object being read; false when it came before. A json tree keeps
/// the last of repeated keys, so a reader hands such an object to the tree path. Unknown keys
/// are not noted (true).
template <typename K, std::size_t N> bool firstTime(std::bitset<N>& seen, K key) {
    if (key == K::Unknown)
        return true;
    if (seen.test(std::size_t(key)))
        return false;
    seen.set(std::size_t(key));
    return true;
}

} // namespace bridgecore::protocol::sax
