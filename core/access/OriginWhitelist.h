#pragma once

#include "Result.h"

#include <QString>
#include <QStringList>

#include <memory>

namespace tokenpass::store {
class Database;
}

namespace tokenpass::access {

// The browser origins the person trusts with password and wallet-management endpoints (API.md
// decision 4), kept in Settings::Key::OriginWhitelist beside TOKENPASS_ORIGIN_WHITELIST. The
// Settings window writes it; the server reads it on every judged request through its own
// thread's connection (store::Database hands one out per thread), so a change applies at once
// without any shared in-memory state.
class OriginWhitelist
{
public:
    explicit OriginWhitelist(std::shared_ptr<store::Database> database);

    // An exact origin as a browser sends it: scheme://host[:port], lower-case, no path, no
    // trailing slash. The scheme's default port (http 80, https 443) is dropped, because a
    // browser never sends it and the comparison is exact.
    static Result<QString> normalize(const QString& text);

    QStringList origins() const;
    bool contains(const QString& origin) const;
    // Every entry is normalized and duplicates dropped; one invalid entry rejects the whole list
    // and writes nothing.
    Result<QStringList> setOrigins(const QStringList& origins);

private:
    std::shared_ptr<store::Database> m_database;
};

} // namespace tokenpass::access
