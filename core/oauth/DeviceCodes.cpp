#include "oauth/DeviceCodes.h"

#include "crypto/Hash.h"
#include "crypto/Random.h"
#include "oauth/Base64Url.h"

namespace tokenpass::oauth {

namespace {

QString randomUserCode()
{
    // 20 letters: rejection sampling keeps the 8 draws uniform (20 * 12 = 240 <= 256).
    QString code;
    while (code.size() < 8) {
        for (const char byte : crypto::randomBytes(16)) {
            const auto v = quint8(byte);
            if (v < 240 && code.size() < 8)
                code.append(QLatin1Char(DeviceCodes::kAlphabet[v % 20]));
        }
    }
    return code;
}

} // namespace

QString DeviceCodes::normalize(const QString& userCode)
{
    QString out;
    for (const QChar c : userCode) {
        if (c == QLatin1Char('-') || c == QLatin1Char(' '))
            continue;
        const QChar upper = c.toUpper();
        if (upper.unicode() > 127 || !QByteArray(kAlphabet).contains(char(upper.unicode())))
            return {};
        out.append(upper);
    }
    return out.size() == 8 ? out : QString();
}

void DeviceCodes::prune()
{
    const qint64 now = m_clock.nowMs();
    // Expired codes stay a while so a late poll hears expired_token rather than invalid_grant.
    m_entries.removeIf([now](const QHash<QByteArray, Entry>::iterator& it) {
        return now - it->createdMs >= 2 * kLifetimeMs;
    });
}

DeviceCodes::Entry* DeviceCodes::byUserCode(const QString& normalized)
{
    const qint64 now = m_clock.nowMs();
    for (Entry& e : m_entries) {
        if (e.userCode == normalized && e.state == State::Pending && now - e.createdMs < kLifetimeMs)
            return &e;
    }
    return nullptr;
}

DeviceCodes::Issued DeviceCodes::issue(const QString& clientId, const QStringList& scopes,
                                       const QString& resource)
{
    Issued out;
    out.deviceCode = QString::fromLatin1(base64Url(crypto::randomBytes(32)));
    out.expiresIn = int(kLifetimeMs / 1000);
    out.interval = kIntervalSeconds;
    Entry entry;
    entry.clientId = clientId;
    entry.scopes = scopes;
    entry.resource = resource;
    entry.createdMs = m_clock.nowMs();
    QMutexLocker lock(&m_mutex);
    prune();
    while (m_entries.size() >= kMaxOpen) { // bounded: drop the oldest
        auto oldest = m_entries.begin();
        for (auto it = m_entries.begin(); it != m_entries.end(); ++it)
            if (it->createdMs < oldest->createdMs)
                oldest = it;
        m_entries.erase(oldest);
    }
    do {
        entry.userCode = randomUserCode();
    } while (byUserCode(entry.userCode));
    m_entries.insert(crypto::sha256(out.deviceCode.toLatin1()), entry);
    out.userCode = entry.userCode.left(4) + QLatin1Char('-') + entry.userCode.mid(4);
    return out;
}

DeviceCodes::Lookup DeviceCodes::find(const QString& userCode, Pending* out)
{
    QMutexLocker lock(&m_mutex);
    const qint64 now = m_clock.nowMs();
    if (m_lockedUntilMs > now)
        return Lookup::LockedOut;
    const Entry* e = byUserCode(normalize(userCode));
    if (!e) {
        if (++m_wrongUserCodes >= kMaxWrongUserCodes) {
            m_wrongUserCodes = 0;
            m_lockedUntilMs = now + kLockoutMs;
        }
        return Lookup::Unknown;
    }
    m_wrongUserCodes = 0;
    *out = Pending{e->userCode, e->clientId, e->scopes, e->resource};
    return Lookup::Found;
}

bool DeviceCodes::approve(const QString& normalizedUserCode, const Grant& grant)
{
    QMutexLocker lock(&m_mutex);
    Entry* e = byUserCode(normalizedUserCode);
    if (!e)
        return false;
    e->state = State::Approved;
    e->grant = grant;
    return true;
}

bool DeviceCodes::deny(const QString& normalizedUserCode)
{
    QMutexLocker lock(&m_mutex);
    Entry* e = byUserCode(normalizedUserCode);
    if (!e)
        return false;
    e->state = State::Denied;
    return true;
}

OAuthResult<Grant> DeviceCodes::poll(const QString& deviceCode, const QString& clientId)
{
    using R = OAuthResult<Grant>;
    QMutexLocker lock(&m_mutex);
    prune();
    const auto it = m_entries.find(crypto::sha256(deviceCode.toLatin1()));
    if (it == m_entries.end() || it->clientId != clientId)
        return R::fail(QStringLiteral("invalid_grant"), QStringLiteral("unknown device_code"));
    const qint64 now = m_clock.nowMs();
    if (now - it->createdMs >= kLifetimeMs)
        return R::fail(QStringLiteral("expired_token"), QStringLiteral("the device_code expired"));
    if (it->state == State::Denied) {
        m_entries.erase(it);
        return R::fail(QStringLiteral("access_denied"), QStringLiteral("the request was denied"));
    }
    if (it->state == State::Approved) {
        Grant grant = it->grant;
        m_entries.erase(it); // single use: a second poll is invalid_grant
        return R::ok(grant);
    }
    // RFC 8628 §3.5: polling faster than the interval is slow_down, and the interval grows by 5 s.
    const qint64 since = now - it->lastPollMs;
    const bool tooFast = it->lastPollMs != 0 && since < qint64(it->intervalSeconds) * 1000;
    it->lastPollMs = now;
    if (tooFast) {
        it->intervalSeconds += 5;
        return R::fail(QStringLiteral("slow_down"),
                       QStringLiteral("poll every %1 seconds").arg(it->intervalSeconds));
    }
    return R::fail(QStringLiteral("authorization_pending"), QStringLiteral("the person has not decided yet"));
}

int DeviceCodes::forgetClient(const QString& clientId)
{
    QMutexLocker lock(&m_mutex);
    return int(m_entries.removeIf(
        [&clientId](const QHash<QByteArray, Entry>::iterator& it) { return it->clientId == clientId; }));
}

} // namespace tokenpass::oauth
