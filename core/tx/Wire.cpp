#include "tx/Wire.h"

#include <cstring>

namespace tokenpass::tx::wire {

void appendU32(QByteArray& out, std::uint32_t v)
{
    const char b[4] = {char(v), char(v >> 8), char(v >> 16), char(v >> 24)};
    out.append(b, 4);
}

void appendU64(QByteArray& out, std::uint64_t v)
{
    char b[8];
    for (int i = 0; i < 8; ++i)
        b[i] = char(v >> (8 * i));
    out.append(b, 8);
}

void appendVarint(QByteArray& out, std::uint64_t v)
{
    if (v < 0xfd) {
        out.append(char(v));
    } else if (v <= 0xffff) {
        out.append(char(0xfd));
        out.append(char(v));
        out.append(char(v >> 8));
    } else if (v <= 0xffffffffULL) {
        out.append(char(0xfe));
        appendU32(out, std::uint32_t(v));
    } else {
        out.append(char(0xff));
        appendU64(out, v);
    }
}

void appendVarBytes(QByteArray& out, QByteArrayView bytes)
{
    appendVarint(out, std::uint64_t(bytes.size()));
    out.append(bytes.data(), bytes.size());
}

int varintSize(std::uint64_t v)
{
    return v < 0xfd ? 1 : v <= 0xffff ? 3 : v <= 0xffffffffULL ? 5 : 9;
}

bool Reader::u8(std::uint8_t& v)
{
    if (!need(1))
        return false;
    v = std::uint8_t(m_data[m_pos++]);
    return true;
}

bool Reader::u32(std::uint32_t& v)
{
    if (!need(4))
        return false;
    const auto* p = reinterpret_cast<const std::uint8_t*>(m_data.data() + m_pos);
    v = std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8 | std::uint32_t(p[2]) << 16 |
        std::uint32_t(p[3]) << 24;
    m_pos += 4;
    return true;
}

bool Reader::u64(std::uint64_t& v)
{
    if (!need(8))
        return false;
    const auto* p = reinterpret_cast<const std::uint8_t*>(m_data.data() + m_pos);
    v = 0;
    for (int i = 7; i >= 0; --i)
        v = (v << 8) | p[i];
    m_pos += 8;
    return true;
}

bool Reader::varint(std::uint64_t& v)
{
    std::uint8_t first = 0;
    if (!u8(first))
        return false;
    if (first < 0xfd) {
        v = first;
        return true;
    }
    std::uint64_t value = 0;
    std::uint64_t minimum = 0;
    if (first == 0xfd) {
        if (!need(2))
            return false;
        value = std::uint8_t(m_data[m_pos]) | std::uint64_t(std::uint8_t(m_data[m_pos + 1])) << 8;
        m_pos += 2;
        minimum = 0xfd;
    } else if (first == 0xfe) {
        std::uint32_t v32 = 0;
        if (!u32(v32))
            return false;
        value = v32;
        minimum = 0x10000;
    } else {
        if (!u64(value))
            return false;
        minimum = 0x100000000ULL;
    }
    if (value < minimum)
        return fail(Error::NonCanonicalVarint);
    v = value;
    return true;
}

bool Reader::bytes(qsizetype n, QByteArray& out)
{
    if (!need(n))
        return false;
    out = m_data.sliced(m_pos, n).toByteArray();
    m_pos += n;
    return true;
}

bool Reader::skip(qsizetype n)
{
    if (!need(n))
        return false;
    m_pos += n;
    return true;
}

bool Reader::varBytes(QByteArray& out)
{
    std::uint64_t n = 0;
    if (!varint(n))
        return false;
    // Compared as u64 first, so a huge claimed length can never wrap into a small size.
    if (n > std::uint64_t(remaining()))
        return fail(Error::Truncated);
    return bytes(qsizetype(n), out);
}

} // namespace tokenpass::tx::wire
