#include "TokenFile.h"

#include "fs/AtomicFile.h"
#include "fs/DataDir.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace tokenpass::cli {

TokenFileData TokenFile::load() const
{
    TokenFileData data;
    if (!QFile::exists(m_path))
        return data;
    const auto bytes = fs::readWholeFile(m_path);
    if (!bytes)
        return data;
    const QJsonObject o = QJsonDocument::fromJson(*bytes).object();
    data.issuer = o.value(QStringLiteral("issuer")).toString();
    data.clientId = o.value(QStringLiteral("client_id")).toString();
    data.refreshToken = o.value(QStringLiteral("refresh_token")).toString();
    return data;
}

Result<bool> TokenFile::save(const TokenFileData& data) const
{
    const QJsonObject o{{QStringLiteral("issuer"), data.issuer},
                        {QStringLiteral("client_id"), data.clientId},
                        {QStringLiteral("refresh_token"), data.refreshToken}};
    fs::WriteOptions options;
    options.verify = [](QByteArrayView bytes) {
        return QJsonDocument::fromJson(bytes.toByteArray()).isObject();
    };
    auto written = fs::writeFileAtomically(m_path, QJsonDocument(o).toJson(QJsonDocument::Indented), options);
    if (!written)
        return written;
    (void)fs::makeFilePrivate(m_path); // the temporary file was 0600 already; say it again
    return written;
}

} // namespace tokenpass::cli
