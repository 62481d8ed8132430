#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <cstdint>

namespace tokenpass::tx::wire {

// Little-endian integers and CompactSize, as transactions are serialised.
void appendU32(QByteArray& out, std::uint32_t v);
void appendU64(QByteArray& out, std::uint64_t v);
void appendVarint(QByteArray& out, std::uint64_t v);
void appendVarBytes(QByteArray& out, QByteArrayView bytes); // varint length, then the bytes
int varintSize(std::uint64_t v);

// A strict reader: every read fails on truncation, and varints must be minimal (bitcoind's
// "non-canonical ReadCompactSize()"). After the first failure every read fails.
class Reader
{
public:
    enum class Error
    {
        None,
        Truncated,
        NonCanonicalVarint,
    };

    explicit Reader(QByteArrayView data) : m_data(data) {}

    bool u8(std::uint8_t& v);
    bool u32(std::uint32_t& v);
    bool u64(std::uint64_t& v);
    bool varint(std::uint64_t& v);
    bool bytes(qsizetype n, QByteArray& out);
    bool skip(qsizetype n);
    // A varint length, then that many bytes; the length may not exceed what is left.
    bool varBytes(QByteArray& out);

    qsizetype position() const { return m_pos; }
    qsizetype remaining() const { return m_data.size() - m_pos; }
    bool atEnd() const { return m_pos == m_data.size(); }
    Error error() const { return m_error; }
    QByteArrayView data() const { return m_data; }

private:
    bool fail(Error e)
    {
        if (m_error == Error::None)
            m_error = e;
        return false;
    }
    bool need(qsizetype n)
    {
        return m_error == Error::None && n >= 0 && remaining() >= n ? true : fail(Error::Truncated);
    }

    QByteArrayView m_data;
    qsizetype m_pos = 0;
    Error m_error = Error::None;
};

} // namespace tokenpass::tx::wire
