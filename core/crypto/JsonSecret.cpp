#include "crypto/JsonSecret.h"

#include "crypto/JsonReader.h"

#include <QByteArray>

#include <cstdint>
#include <cstdio>

namespace tokenpass::crypto {

namespace {

using detail::Reader;

bool named(const SecureBytes& name, const QList<QByteArrayView>& keys)
{
    for (QByteArrayView key : keys) {
        if (name.view() == key)
            return true;
    }
    return false;
}

} // namespace

SecureBytes JsonSecret::rewriteMembers(QByteArrayView json, const QList<QByteArrayView>& keys, Rewrite how)
{
    Reader reader(json);
    reader.skipWhitespace();
    if (!reader.expect('{'))
        return {};
    SecureBytes out;
    out.append("{");
    bool first = true;
    reader.skipWhitespace();
    bool closed = reader.expect('}');
    while (!closed) {
        reader.skipWhitespace();
        const qsizetype memberStart = reader.pos();
        SecureBytes name;
        if (reader.peek() != '"' || !reader.readString(&name))
            return {};
        const qsizetype nameEnd = reader.pos();
        reader.skipWhitespace();
        if (!reader.expect(':'))
            return {};
        reader.skipWhitespace();
        const bool isString = reader.peek() == '"';
        const qsizetype valueStart = reader.pos();
        if (!reader.skipValue(1))
            return {};
        const qsizetype valueEnd = reader.pos();
        const bool secret = named(name, keys);
        if (!(secret && how == Rewrite::Remove)) {
            if (!first)
                out.append(",");
            first = false;
            out.append(json.sliced(memberStart, nameEnd - memberStart));
            out.append(":");
            if (secret && isString) // "" stays "", anything else becomes "*"
                out.append(valueEnd - valueStart > 2 ? QByteArrayView("\"*\"") : QByteArrayView("\"\""));
            else
                out.append(json.sliced(valueStart, valueEnd - valueStart));
        }
        reader.skipWhitespace();
        if (reader.expect('}'))
            closed = true;
        else if (!reader.expect(','))
            return {};
    }
    reader.skipWhitespace();
    if (!reader.atEnd())
        return {};
    out.append("}");
    return out;
}

QJsonDocument JsonSecret::parseRedacted(QByteArrayView json, const QList<QByteArrayView>& keys,
                                        QJsonParseError* error)
{
    const SecureBytes redacted = rewriteMembers(json, keys, Rewrite::Redact);
    const QByteArrayView text = redacted.isEmpty() ? json : redacted.view();
    // fromRawData: QJsonDocument reads the text in place, no copy of it is left behind.
    return QJsonDocument::fromJson(QByteArray::fromRawData(text.data(), text.size()), error);
}

SecureBytes JsonSecret::quote(QByteArrayView value)
{
    SecureBytes out;
    out.append("\"");
    for (const char c : value) {
        if (c == '"' || c == '\\') {
            const char escaped[2] = {'\\', c};
            out.append(QByteArrayView(escaped, 2));
        } else if (std::uint8_t(c) < 0x20) {
            char escaped[7];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", unsigned(std::uint8_t(c)));
            out.append(QByteArrayView(escaped, 6));
        } else {
            out.append(QByteArrayView(&c, 1));
        }
    }
    out.append("\"");
    return out;
}

JsonSecret::Field JsonSecret::stringField(QByteArrayView json, QByteArrayView key)
{
    Field malformed;
    Reader reader(json);
    reader.skipWhitespace();
    if (!reader.expect('{'))
        return malformed;

    Field result;
    result.status = Status::Missing;
    reader.skipWhitespace();
    bool closed = reader.expect('}');
    while (!closed) {
        reader.skipWhitespace();
        SecureBytes name; // keys are not secret, but decoding them this way needs no second decoder
        if (reader.peek() != '"' || !reader.readString(&name))
            return malformed;
        reader.skipWhitespace();
        if (!reader.expect(':'))
            return malformed;
        reader.skipWhitespace();
        if (name.view() == key) {
            if (reader.peek() == '"') {
                SecureBytes value;
                if (!reader.readString(&value))
                    return malformed;
                result.value = std::move(value); // a previous duplicate is wiped
                result.status = Status::Found;
            } else {
                if (!reader.skipValue(1))
                    return malformed;
                result.value.clear();
                result.status = Status::NotString;
            }
        } else if (!reader.skipValue(1)) {
            return malformed;
        }
        reader.skipWhitespace();
        if (reader.expect('}'))
            closed = true;
        else if (!reader.expect(','))
            return malformed;
    }
    reader.skipWhitespace();
    if (!reader.atEnd())
        return malformed;
    return result;
}

} // namespace tokenpass::crypto
