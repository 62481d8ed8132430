#pragma once

// Internal to crypto/JsonSecret.cpp: the strict, single-pass JSON reader behind JsonSecret.

#include "crypto/JsonSecret.h"
#include "crypto/SecureBytes.h"

#include <QByteArrayView>

#include <cstdint>

namespace tokenpass::crypto::detail {

// A single-pass validating reader over the JSON text. Every method returns false on the first
// error and leaves the position undefined; the caller then answers Malformed.
class Reader
{
public:
    explicit Reader(QByteArrayView text) : m_text(text) {}

    bool atEnd() const { return m_pos >= m_text.size(); }
    qsizetype pos() const { return m_pos; }
    char peek() const { return atEnd() ? '\0' : m_text.at(m_pos); }

    void skipWhitespace()
    {
        while (!atEnd()) {
            const char c = m_text.at(m_pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                return;
            ++m_pos;
        }
    }

    bool expect(char c)
    {
        if (peek() != c || atEnd())
            return false;
        ++m_pos;
        return true;
    }

    // A string at the current position ('"' expected). Decoded UTF-8 goes to `out` when given;
    // `out` is sized to the raw length first, so it never reallocates while holding the secret.
    bool readString(SecureBytes* out)
    {
        if (!expect('"'))
            return false;
        const qsizetype start = m_pos;
        // Find the closing quote to bound the decoded size (decoded <= raw).
        qsizetype end = start;
        while (end < m_text.size() && m_text.at(end) != '"') {
            if (m_text.at(end) == '\\')
                ++end;
            ++end;
        }
        if (end >= m_text.size())
            return false;
        if (out)
            *out = SecureBytes(std::size_t(end - start));
        std::size_t written = 0;
        auto put = [&](std::uint8_t byte) {
            if (out)
                (*out)[written] = byte;
            ++written;
        };
        auto putCodePoint = [&](std::uint32_t cp) {
            if (cp < 0x80) {
                put(std::uint8_t(cp));
            } else if (cp < 0x800) {
                put(std::uint8_t(0xC0 | (cp >> 6)));
                put(std::uint8_t(0x80 | (cp & 0x3F)));
            } else if (cp < 0x10000) {
                put(std::uint8_t(0xE0 | (cp >> 12)));
                put(std::uint8_t(0x80 | ((cp >> 6) & 0x3F)));
                put(std::uint8_t(0x80 | (cp & 0x3F)));
            } else {
                put(std::uint8_t(0xF0 | (cp >> 18)));
                put(std::uint8_t(0x80 | ((cp >> 12) & 0x3F)));
                put(std::uint8_t(0x80 | ((cp >> 6) & 0x3F)));
                put(std::uint8_t(0x80 | (cp & 0x3F)));
            }
        };

        while (m_pos < end) {
            const auto c = std::uint8_t(m_text.at(m_pos));
            if (c < 0x20)
                return false; // raw control characters must be escaped
            if (c == '\\') {
                ++m_pos;
                if (m_pos >= end)
                    return false;
                const char e = m_text.at(m_pos++);
                switch (e) {
                case '"':
                    put('"');
                    break;
                case '\\':
                    put('\\');
                    break;
                case '/':
                    put('/');
                    break;
                case 'b':
                    put('\b');
                    break;
                case 'f':
                    put('\f');
                    break;
                case 'n':
                    put('\n');
                    break;
                case 'r':
                    put('\r');
                    break;
                case 't':
                    put('\t');
                    break;
                case 'u': {
                    std::uint32_t unit = 0;
                    if (!readHex4(end, &unit))
                        return false;
                    if (unit >= 0xDC00 && unit <= 0xDFFF)
                        return false; // a lone low surrogate
                    if (unit >= 0xD800 && unit <= 0xDBFF) {
                        std::uint32_t low = 0;
                        if (m_pos + 1 >= end || m_text.at(m_pos) != '\\' || m_text.at(m_pos + 1) != 'u')
                            return false; // a lone high surrogate
                        m_pos += 2;
                        if (!readHex4(end, &low) || low < 0xDC00 || low > 0xDFFF)
                            return false;
                        unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                    }
                    putCodePoint(unit);
                    break;
                }
                default:
                    return false;
                }
                continue;
            }
            // A raw UTF-8 sequence, validated (no overlongs, no surrogates, <= U+10FFFF).
            int extra = 0;
            std::uint32_t min = 0;
            if (c < 0x80) {
                extra = 0;
            } else if ((c & 0xE0) == 0xC0) {
                extra = 1;
                min = 0x80;
            } else if ((c & 0xF0) == 0xE0) {
                extra = 2;
                min = 0x800;
            } else if ((c & 0xF8) == 0xF0) {
                extra = 3;
                min = 0x10000;
            } else {
                return false;
            }
            std::uint32_t cp = extra == 0 ? c : (c & (0x3F >> extra));
            for (int i = 1; i <= extra; ++i) {
                if (m_pos + i >= end)
                    return false;
                const auto next = std::uint8_t(m_text.at(m_pos + i));
                if ((next & 0xC0) != 0x80)
                    return false;
                cp = (cp << 6) | (next & 0x3F);
            }
            if (extra > 0 && (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)))
                return false;
            for (int i = 0; i <= extra; ++i)
                put(std::uint8_t(m_text.at(m_pos + i)));
            m_pos += extra + 1;
        }
        m_pos = end + 1; // past the closing quote
        if (out)
            out->resize(written);
        return true;
    }

    // Any value; strings are validated but not kept.
    bool skipValue(int depth)
    {
        if (depth > JsonSecret::kMaxDepth)
            return false;
        skipWhitespace();
        switch (peek()) {
        case '"':
            return readString(nullptr);
        case '{':
            return skipObject(depth + 1);
        case '[':
            return skipArray(depth + 1);
        case 't':
            return literal("true");
        case 'f':
            return literal("false");
        case 'n':
            return literal("null");
        default:
            return number();
        }
    }

private:
    bool readHex4(qsizetype end, std::uint32_t* out)
    {
        if (m_pos + 4 > end)
            return false;
        std::uint32_t v = 0;
        for (int i = 0; i < 4; ++i) {
            const char h = m_text.at(m_pos + i);
            v <<= 4;
            if (h >= '0' && h <= '9')
                v |= std::uint32_t(h - '0');
            else if (h >= 'a' && h <= 'f')
                v |= std::uint32_t(h - 'a' + 10);
            else if (h >= 'A' && h <= 'F')
                v |= std::uint32_t(h - 'A' + 10);
            else
                return false;
        }
        m_pos += 4;
        *out = v;
        return true;
    }

    bool literal(const char* word)
    {
        for (const char* p = word; *p; ++p) {
            if (!expect(*p))
                return false;
        }
        return true;
    }

    bool digits()
    {
        const qsizetype start = m_pos;
        while (!atEnd() && peek() >= '0' && peek() <= '9')
            ++m_pos;
        return m_pos > start;
    }

    bool number()
    {
        if (peek() == '-')
            ++m_pos;
        if (peek() == '0' && !atEnd())
            ++m_pos;
        else if (!digits())
            return false;
        if (peek() == '.' && !atEnd()) {
            ++m_pos;
            if (!digits())
                return false;
        }
        if ((peek() == 'e' || peek() == 'E') && !atEnd()) {
            ++m_pos;
            if ((peek() == '+' || peek() == '-') && !atEnd())
                ++m_pos;
            if (!digits())
                return false;
        }
        return true;
    }

    bool skipArray(int depth)
    {
        if (!expect('['))
            return false;
        skipWhitespace();
        if (expect(']'))
            return true;
        for (;;) {
            if (!skipValue(depth))
                return false;
            skipWhitespace();
            if (expect(']'))
                return true;
            if (!expect(','))
                return false;
        }
    }

    bool skipObject(int depth)
    {
        if (!expect('{'))
            return false;
        skipWhitespace();
        if (expect('}'))
            return true;
        for (;;) {
            skipWhitespace();
            if (!readString(nullptr))
                return false;
            skipWhitespace();
            if (!expect(':'))
                return false;
            if (!skipValue(depth))
                return false;
            skipWhitespace();
            if (expect('}'))
                return true;
            if (!expect(','))
                return false;
        }
    }

    QByteArrayView m_text;
    qsizetype m_pos = 0;
};

} // namespace tokenpass::crypto::detail
