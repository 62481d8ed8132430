#pragma once

// What MemoryScanTest and its child process (helper/MemoryScanChild.cpp) share: secrets cross the
// pipe XOR-masked and hex-encoded, so the child's read buffers never hold one in the clear, and
// the scan of the child finds only the copies TokenPass itself makes.

#include "crypto/SecureBytes.h"

#include <QByteArrayView>

#include <cstdint>
#include <string>
#include <vector>

namespace tokenpass::memscan {

constexpr std::uint8_t kMask = 0x5a;

inline std::string mask(QByteArrayView secret)
{
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (const char c : secret) {
        const auto masked = std::uint8_t(std::uint8_t(c) ^ kMask);
        out.push_back(digits[masked >> 4]);
        out.push_back(digits[masked & 0x0f]);
    }
    return out;
}

inline crypto::SecureBytes unmask(const std::string& hex)
{
    auto nibble = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
    crypto::SecureBytes out(hex.size() / 2);
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = std::uint8_t(((nibble(hex[2 * i]) << 4) | nibble(hex[2 * i + 1])) ^ kMask);
    return out;
}

inline std::vector<std::string> split(const std::string& line)
{
    std::vector<std::string> words;
    std::string word;
    for (const char c : line) {
        if (c == ' ') {
            if (!word.empty())
                words.push_back(word);
            word.clear();
        } else {
            word.push_back(c);
        }
    }
    if (!word.empty())
        words.push_back(word);
    return words;
}

} // namespace tokenpass::memscan
