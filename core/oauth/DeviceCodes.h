#pragma once

#include "Clock.h"
#include "oauth/Grant.h"
#include "oauth/OAuthError.h"

#include <QHash>
#include <QMutex>
#include <QString>
#include <QStringList>

#include <optional>

namespace tokenpass::oauth {

// The device authorization grant (RFC 8628, OAUTH.md §4), in memory: a device code lives
// 10 minutes, so a restart only makes the CLI start again. device_code is 256-bit random and kept
// as its SHA-256; user_code is 8 letters of the RFC 8628 §6.1 base-20 alphabet, shown XXXX-XXXX,
// compared case-insensitively without '-'. Thread-safe.
class DeviceCodes
{
public:
    static constexpr qint64 kLifetimeMs = 600 * 1000;
    static constexpr int kIntervalSeconds = 5;
    static constexpr int kMaxOpen = 64;
    static constexpr int kMaxWrongUserCodes = 5; // then user_code lookups stop for kLockoutMs
    static constexpr qint64 kLockoutMs = 60 * 1000;
    static constexpr char kAlphabet[] = "BCDFGHJKLMNPQRSTVWXZ";

    explicit DeviceCodes(const Clock& clock) : m_clock(clock) {}

    struct Issued
    {
        QString deviceCode;
        QString userCode; // XXXX-XXXX
        int expiresIn = 0;
        int interval = 0;
    };
    Issued issue(const QString& clientId, const QStringList& scopes, const QString& resource);

    // What the verification page shows for a user_code.
    struct Pending
    {
        QString userCode; // normalized (8 letters)
        QString clientId;
        QStringList scopes;
        QString resource;
    };
    enum class Lookup
    {
        Found,
        Unknown,  // no such code (counts towards the lockout), expired, or already decided
        LockedOut // too many wrong entries
    };
    Lookup find(const QString& userCode, Pending* out);

    // The person's decision; false if the code is gone meanwhile.
    bool approve(const QString& normalizedUserCode, const Grant& grant);
    bool deny(const QString& normalizedUserCode);

    // The token endpoint's poll (RFC 8628 §3.5). On success the code is spent and the approved
    // grant returned.
    OAuthResult<Grant> poll(const QString& deviceCode, const QString& clientId);

    // Part of Provider::revokeClient: the client's open codes (pending or approved) are dropped;
    // a later poll is invalid_grant. How many.
    int forgetClient(const QString& clientId);

    // "abcd-efgh" -> "ABCDEFGH"; empty when it cannot be a user code.
    static QString normalize(const QString& userCode);

private:
    enum class State
    {
        Pending,
        Approved,
        Denied
    };
    struct Entry
    {
        QString clientId;
        QStringList scopes;
        QString resource;
        QString userCode;
        qint64 createdMs = 0;
        qint64 lastPollMs = 0;
        int intervalSeconds = kIntervalSeconds;
        State state = State::Pending;
        Grant grant;
    };
    void prune();                                 // m_mutex held
    Entry* byUserCode(const QString& normalized); // m_mutex held

    const Clock& m_clock;
    mutable QMutex m_mutex;
    QHash<QByteArray, Entry> m_entries; // by SHA-256 of the device code
    int m_wrongUserCodes = 0;
    qint64 m_lockedUntilMs = 0;
};

} // namespace tokenpass::oauth
