#pragma once

#include "Result.h"

#include <QString>

namespace tokenpass::cli {

// What a command-line client of TokenPass keeps between runs (mcp-client.json for the bridge,
// cli-client.json for the command line, in the data folder): the issuer it registered with, its
// client id, and the latest refresh token (they rotate: each use gives a new one). Mode 0600,
// replaced atomically, so a kill during a save leaves the old or the new token, never neither.
struct TokenFileData
{
    QString issuer;
    QString clientId;
    QString refreshToken;
};

class TokenFile
{
public:
    explicit TokenFile(QString path) : m_path(std::move(path)) {}

    const QString& path() const { return m_path; }
    // An absent or unreadable file is an empty record (the client registers again).
    TokenFileData load() const;
    Result<bool> save(const TokenFileData& data) const;

private:
    QString m_path;
};

} // namespace tokenpass::cli
