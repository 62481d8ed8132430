#include "ListenAddress.h"

namespace tokenpass::server {

namespace {
Result<quint16> parsePort(const QString& text, const QString& source)
{
    bool ok = false;
    const uint value = text.trimmed().toUInt(&ok, 10);
    if (!ok || value > 65535)
        return Result<quint16>::fail(
            QStringLiteral("Invalid port \"%1\" from %2: expected a number from 0 to 65535")
                .arg(text, source));
    return Result<quint16>::ok(quint16(value));
}
} // namespace

Result<quint16> resolvePort(const QString& commandLineValue)
{
    if (!commandLineValue.isEmpty())
        return parsePort(commandLineValue, QStringLiteral("--port"));
    const QString fromEnv = qEnvironmentVariable("TOKENPASS_PORT");
    if (!fromEnv.isEmpty())
        return parsePort(fromEnv, QStringLiteral("TOKENPASS_PORT"));
    return Result<quint16>::ok(kDefaultPort);
}

} // namespace tokenpass::server
