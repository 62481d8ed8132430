#include "oauth/ConsentRequests.h"

#include "crypto/Encoding.h"
#include "crypto/Random.h"

#include <openssl/crypto.h>

namespace tokenpass::oauth {

namespace {

QByteArray randomHex128()
{
    return crypto::toHex(crypto::randomBytes(16)).toLatin1();
}

} // namespace

bool sameSecret(const QByteArray& a, const QByteArray& b)
{
    return !a.isEmpty() && a.size() == b.size() &&
           CRYPTO_memcmp(a.constData(), b.constData(), size_t(a.size())) == 0;
}

void ConsentRequests::prune()
{
    const qint64 now = m_clock.nowMs();
    m_open.removeIf([now](const PendingConsent& p) { return now - p.createdMs >= kLifetimeMs; });
}

PendingConsent ConsentRequests::open(PendingConsent pending)
{
    pending.txn = QString::fromLatin1(randomHex128());
    pending.cookie = randomHex128();
    pending.csrf = randomHex128();
    pending.createdMs = m_clock.nowMs();
    pending.failures = 0;
    QMutexLocker lock(&m_mutex);
    prune();
    while (m_open.size() >= kMaxOpen)
        m_open.removeFirst(); // bounded: a page that opens many requests drops its own oldest
    m_open.append(pending);
    return pending;
}

ConsentRequests::Check ConsentRequests::take(const QString& txn, const QByteArray& cookie,
                                             const QByteArray& csrf, PendingConsent* out)
{
    QMutexLocker lock(&m_mutex);
    prune();
    for (PendingConsent& p : m_open) {
        if (!sameSecret(p.txn.toLatin1(), txn.toLatin1()))
            continue;
        if (!sameSecret(p.cookie, cookie))
            return Check::BadCookie;
        if (p.csrf.isEmpty() || !sameSecret(p.csrf, csrf))
            return Check::BadCsrf;
        p.csrf.clear(); // single use
        *out = p;
        return Check::Ok;
    }
    return Check::Unknown;
}

std::optional<PendingConsent> ConsentRequests::renew(const QString& txn)
{
    QMutexLocker lock(&m_mutex);
    prune();
    for (PendingConsent& p : m_open) {
        if (p.txn == txn) {
            p.csrf = randomHex128();
            return p;
        }
    }
    return std::nullopt;
}

bool ConsentRequests::recordFailure(const QString& txn)
{
    QMutexLocker lock(&m_mutex);
    for (qsizetype i = 0; i < m_open.size(); ++i) {
        if (m_open[i].txn != txn)
            continue;
        if (++m_open[i].failures < kMaxFailures)
            return false;
        m_open.removeAt(i);
        return true;
    }
    return true; // already gone
}

void ConsentRequests::drop(const QString& txn)
{
    QMutexLocker lock(&m_mutex);
    m_open.removeIf([&txn](const PendingConsent& p) { return p.txn == txn; });
}

int ConsentRequests::forgetClient(const QString& clientId)
{
    QMutexLocker lock(&m_mutex);
    return int(m_open.removeIf([&clientId](const PendingConsent& p) {
        return p.clientId == clientId || p.request.client.clientId == clientId;
    }));
}

int ConsentRequests::size() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_open.size());
}

} // namespace tokenpass::oauth
