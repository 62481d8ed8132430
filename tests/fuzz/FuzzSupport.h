#pragma once

// Shared pieces of the libFuzzer targets (docs/SECURITY.md "Fuzzing"). Each target is one .cpp
// that defines LLVMFuzzerTestOneInput; this file's .cpp defines LLVMFuzzerInitialize.

#include "crypto/Keys.h"
#include "oauth/Es256Key.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <cstddef>
#include <cstdint>

namespace tokenpass::fuzz {

// The process's private temporary folder (HOME and TOKENPASS_HOME point into it, so nothing a
// target runs can reach the real home). Removed when the process exits normally.
QString tempDir();

// Fixed keys the seed generator and the targets agree on, so generated seeds decrypt and verify.
crypto::PrivateKey recipientKey(); // ECIES, BRC-78 and BRC-77 "verifier"
inline constexpr char kBackupPassphrase[] = "fuzz passphrase 1";
inline constexpr int kBackupIterations = 2; // BackupFile::setIterationsForTesting

// The ES256 key the jwt_verify target trusts: derived from sha256("tokenpass fuzz jwt").
oauth::Es256Key jwtKey();

// The key in 32 input bytes if they make a valid secp256k1 scalar, else recipientKey().
crypto::PrivateKey keyOrDefault(QByteArrayView bytes32);

// Splits a fuzz input front to back; reading past the end yields empty pieces.
class InputReader
{
public:
    InputReader(const std::uint8_t* data, std::size_t size)
        : m_rest(reinterpret_cast<const char*>(data), qsizetype(size))
    {}
    std::uint8_t byte();
    QByteArrayView take(qsizetype n);
    QByteArrayView takeLengthPrefixed(); // one length byte, then that many bytes
    QByteArrayView rest() const { return m_rest; }

private:
    QByteArrayView m_rest;
};

// A target's own invariant broke: print why and abort, so libFuzzer keeps the input.
[[noreturn]] void fail(const char* what);

} // namespace tokenpass::fuzz
