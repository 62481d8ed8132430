#pragma once

#include "Result.h"

#include <QString>
#include <QVariant>

#include <memory>
#include <optional>

namespace tokenpass::store {

class Database;

// Typed settings over the `settings` table (STYLE.md habit 7): every setting is one Key with a
// fixed storage name, type and default, so no string keys appear at call sites. A missing or
// unreadable value reads as the default.
class Settings
{
public:
    enum class Type
    {
        Integer,
        Boolean,
        String,
    };

    enum class Key
    {
        IdleLockMinutes,     // lock after this many idle minutes, 0 = never (DESIGN.md "Lock model")
        UnlockWithKeychain,  // "Unlock with system keychain", off by default
        BapProfileUrl,       // base URL of /api/bap-profile's upstream (API.md §2.17, decision 12)
        SyncServerUrl,       // SIGMA_AUTH_URL default for /api/sync/* (API.md §1.7, §2.19)
        UnlockFailureCount,  // failed unlocks since the last success (UnlockBackoff, decision 8)
        UnlockNextAllowedMs, // epoch ms before which no unlock is tried (UnlockBackoff)
        LegacyImportDoneMs,  // epoch ms of the finished NeDB import, 0 = not yet (decision 10)
        LockOnScreenLock,    // lock when the screen locks or the system suspends (DESIGN.md "Lock model")
        NotifySignatures,    // a tray notification after each signature (issue 6)
        OriginWhitelist,     // extra trusted origins, one exact scheme://host[:port] per line (decision 4)
        ListenPort,          // the API port used when neither --port nor TOKENPASS_PORT is given
        AuditMaxAgeDays,     // audit entries older than this are folded into daily counts (issue 13)
        AuditMaxRowsPerSite, // and beyond this many per site, the oldest
        AuditMaxRowsTotal,   // and beyond this many in all, the oldest
        Language,            // the UI language ("de", "en"); empty: the system's (issue 19)
        OAuthRsaKeys,        // {wallet ES256 kid: base64(iv || AES-GCM(PKCS#8 RSA key))} (OAUTH.md §3.2)
    };

    struct Definition
    {
        const char* name; // the `key` column; never change a released one
        Type type;
        QVariant defaultValue;
    };

    explicit Settings(std::shared_ptr<Database> database);

    static Definition definition(Key key);

    qint64 integer(Key key) const;
    bool boolean(Key key) const;
    QString string(Key key) const;

    // A setter for a key of another type fails and writes nothing.
    Result<bool> setInteger(Key key, qint64 value);
    Result<bool> setBoolean(Key key, bool value);
    Result<bool> setString(Key key, const QString& value);
    // Back to the default (the row is deleted).
    Result<bool> reset(Key key);
    bool isSet(Key key) const;

private:
    std::optional<QString> stored(Key key) const;
    Result<bool> write(Key key, Type type, const QString& text);

    std::shared_ptr<Database> m_database;
};

} // namespace tokenpass::store
