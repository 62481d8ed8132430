#include "OAuthForm.h"

#include <QStringDecoder>

namespace tokenpass::server {

namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

std::optional<QString> decodeComponent(QByteArrayView text)
{
    QByteArray bytes;
    bytes.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '+') {
            bytes.append(' ');
        } else if (c == '%') {
            if (i + 2 >= text.size())
                return std::nullopt;
            const int hi = hexValue(text[i + 1]);
            const int lo = hexValue(text[i + 2]);
            if (hi < 0 || lo < 0)
                return std::nullopt;
            bytes.append(char(hi * 16 + lo));
            i += 2;
        } else {
            bytes.append(c);
        }
    }
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString out = utf8(bytes);
    if (utf8.hasError())
        return std::nullopt;
    return out;
}

} // namespace

std::optional<QMap<QString, QStringList>> parseForm(QByteArrayView body)
{
    QMap<QString, QStringList> form;
    if (body.isEmpty())
        return form;
    for (const QByteArray& pair : QByteArray(body.data(), body.size()).split('&')) {
        const qsizetype eq = pair.indexOf('=');
        if (pair.isEmpty() || eq <= 0)
            return std::nullopt;
        const auto name = decodeComponent(pair.left(eq));
        const auto value = decodeComponent(pair.mid(eq + 1));
        if (!name || !value)
            return std::nullopt;
        form[*name].append(*value);
    }
    return form;
}

} // namespace tokenpass::server
