#pragma once

#include <cstddef>
#include <cstdint>

namespace tokenpass::crypto::detail {

// A small portable RIPEMD-160, used only when OpenSSL 3 cannot fetch "RIPEMD160" (on some
// builds it lives in the legacy provider, which is not loaded by default). Hash.cpp picks
// whichever is available; tests run this one directly against the hash160 vectors.
void ripemd160Portable(const std::uint8_t* data, std::size_t size, std::uint8_t out[20]);

} // namespace tokenpass::crypto::detail
