#include "oauth/TokenFamilies.h"

#include "crypto/Hash.h"
#include "crypto/Random.h"
#include "oauth/Base64Url.h"
#include "store/AuditLog.h"
#include "store/Database.h"
#include "store/PerDatabase.h"
#include "store/SqlQuery.h"
#include "store/SqlWrite.h"

#include <QJsonDocument>
#include <QMutex>
#include <QScopeGuard>
#include <QSet>
#include <QVariant>

#include <algorithm>

namespace tokenpass::oauth {

namespace {

QByteArray hashOf(const QString& token)
{
    return crypto::sha256(token.toLatin1());
}

OAuthResult<TokenFamilies::Rotated> invalidGrant(const QString& why)
{
    return OAuthResult<TokenFamilies::Rotated>::fail(QStringLiteral("invalid_grant"), why);
}

} // namespace

struct TokenFamilies::Cache
{
    QMutex mutex;
    QSet<QString> live;     // jti of access tokens found unrevoked
    quint64 generation = 0; // bumped by every revocation: a read that raced one is not kept
    static constexpr qsizetype kMaxEntries = 8192;
};

TokenFamilies::TokenFamilies(std::shared_ptr<store::Database> db, const Clock& clock)
    : m_db(std::move(db)), m_clock(clock), m_cache(store::sharedPerDatabase<Cache>(m_db.get()))
{}

void TokenFamilies::forgetLiveTokens()
{
    QMutexLocker lock(&m_cache->mutex);
    ++m_cache->generation;
    m_cache->live.clear();
}

QString TokenFamilies::start(const Grant& grant)
{
    const QString familyId = QString::fromLatin1(base64Url(crypto::randomBytes(16)));
    const qint64 now = m_clock.nowMs();
    store::SqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("INSERT INTO oauth_families (family_id, client_id, grant_json, created_ms, "
                             "absolute_expires_ms) VALUES (?, ?, ?, ?, ?)"));
    q.addBindValue(familyId);
    q.addBindValue(grant.clientId);
    q.addBindValue(QString::fromUtf8(QJsonDocument(grant.toJson()).toJson(QJsonDocument::Compact)));
    q.addBindValue(now);
    q.addBindValue(now + kRefreshAbsoluteMs);
    return q.exec() ? familyId : QString();
}

QString TokenFamilies::issueRefreshToken(const QString& familyId)
{
    store::SqlQuery family(m_db->connection());
    family.prepare(QStringLiteral("SELECT absolute_expires_ms FROM oauth_families WHERE family_id = ?"));
    family.addBindValue(familyId);
    if (!family.exec() || !family.next())
        return {};
    const qint64 expires = std::min(m_clock.nowMs() + kRefreshSlidingMs, family.value(0).toLongLong());
    // An unfinished SELECT keeps its read snapshot: the INSERT below would then fail at once
    // (SQLITE_BUSY_SNAPSHOT, no busy wait) whenever another connection wrote in between.
    family.finish();
    const QString token = QString::fromLatin1(base64Url(crypto::randomBytes(32)));
    store::SqlQuery q(m_db->connection());
    q.prepare(QStringLiteral(
        "INSERT INTO oauth_refresh_tokens (token_hash, family_id, expires_ms) VALUES (?, ?, ?)"));
    q.addBindValue(hashOf(token));
    q.addBindValue(familyId);
    q.addBindValue(expires);
    return q.exec() ? token : QString();
}

void TokenFamilies::recordAccessToken(const QString& jti, const QString& familyId, qint64 expiresMs)
{
    store::SqlQuery q(m_db->connection());
    q.prepare(
        QStringLiteral("INSERT INTO oauth_access_tokens (jti, family_id, expires_ms) VALUES (?, ?, ?)"));
    q.addBindValue(jti);
    q.addBindValue(familyId);
    q.addBindValue(expiresMs);
    q.exec();
}

OAuthResult<TokenFamilies::Rotated> TokenFamilies::rotate(const QString& refreshToken,
                                                          const QString& clientId, const QString& resource)
{
    store::SqlConnection db = m_db->connection();
    const qint64 now = m_clock.nowMs();
    QString familyId;
    QString next;
    Grant grant;
    {
        // One transaction: two requests racing with the same token cannot both rotate it.
        store::WriteTransaction tx(db);
        store::SqlQuery q(db);
        q.prepare(QStringLiteral("SELECT r.family_id, r.expires_ms, r.used_ms, f.client_id, f.grant_json, "
                                 "f.revoked_ms FROM oauth_refresh_tokens r JOIN oauth_families f "
                                 "ON f.family_id = r.family_id WHERE r.token_hash = ?"));
        q.addBindValue(hashOf(refreshToken));
        if (!q.exec() || !q.next())
            return invalidGrant(QStringLiteral("unknown refresh token"));
        familyId = q.value(0).toString();
        const qint64 expires = q.value(1).toLongLong();
        const qint64 used = q.value(2).toLongLong();
        grant = Grant::fromJson(QJsonDocument::fromJson(q.value(4).toString().toUtf8()).object());
        if (q.value(5).toLongLong() != 0)
            return invalidGrant(QStringLiteral("refresh token revoked"));
        if (used != 0) {
            const QString owner = q.value(3).toString();
            q.finish();
            (void)tx.commit(QString());
            revokeFamily(familyId); // reuse: someone else holds a copy (OAUTH.md §1.5)
            (void)store::AuditLog(m_db, m_clock)
                .append(QStringLiteral("oauth:") + owner, store::AuditOperation::OAuthReuse,
                        store::AuditResult::Denied,
                        QStringLiteral("refresh token used twice; its token family was revoked"));
            return invalidGrant(QStringLiteral("refresh token already used; its tokens are revoked"));
        }
        if (q.value(3).toString() != clientId)
            return invalidGrant(QStringLiteral("refresh token was issued to another client"));
        if (now >= expires)
            return invalidGrant(QStringLiteral("refresh token expired"));
        if (!resource.isEmpty() && resource != grant.resource)
            return OAuthResult<Rotated>::fail(QStringLiteral("invalid_target"),
                                              QStringLiteral("resource differs from the one granted"));
        q.finish();
        store::SqlQuery spend(db);
        spend.prepare(QStringLiteral("UPDATE oauth_refresh_tokens SET used_ms = ? WHERE token_hash = ?"));
        spend.addBindValue(now);
        spend.addBindValue(hashOf(refreshToken));
        // The successor in the same transaction: a failure leaves the presented token unspent, so
        // the client can retry instead of losing its session.
        next = spend.exec() ? issueRefreshToken(familyId) : QString();
        if (next.isEmpty() || !tx.commit(QStringLiteral("cannot rotate")))
            return OAuthResult<Rotated>::fail(QStringLiteral("server_error"),
                                              QStringLiteral("storage failure"), 500);
    }
    return OAuthResult<Rotated>::ok(Rotated{familyId, grant, next});
}

void TokenFamilies::revokeFamily(const QString& familyId)
{
    // After the write (a guard runs at every return): a read racing it is then never kept.
    const auto forgetLive = qScopeGuard([this] { forgetLiveTokens(); });
    store::SqlQuery q(m_db->connection());
    q.prepare(
        QStringLiteral("UPDATE oauth_families SET revoked_ms = ? WHERE family_id = ? AND revoked_ms = 0"));
    q.addBindValue(m_clock.nowMs());
    q.addBindValue(familyId);
    q.exec();
}

std::optional<TokenFamilies::ClientTokens> TokenFamilies::revokeClient(const QString& clientId)
{
    // After the write (a guard runs at every return): a read racing it is then never kept.
    const auto forgetLive = qScopeGuard([this] { forgetLiveTokens(); });
    store::SqlConnection db = m_db->connection();
    const qint64 now = m_clock.nowMs();
    store::WriteTransaction tx(db);
    ClientTokens out;
    store::SqlQuery live(db);
    live.prepare(
        QStringLiteral("SELECT COUNT(*) FROM oauth_access_tokens WHERE expires_ms > ? AND family_id IN "
                       "(SELECT family_id FROM oauth_families WHERE client_id = ? AND revoked_ms = 0)"));
    live.addBindValue(now);
    live.addBindValue(clientId);
    if (!live.exec() || !live.next())
        return std::nullopt;
    out.accessTokens = live.value(0).toInt();
    live.finish();
    store::SqlQuery forget(db);
    forget.prepare(QStringLiteral("DELETE FROM oauth_access_tokens WHERE family_id IN "
                                  "(SELECT family_id FROM oauth_families WHERE client_id = ?)"));
    forget.addBindValue(clientId);
    store::SqlQuery revoke(db);
    revoke.prepare(
        QStringLiteral("UPDATE oauth_families SET revoked_ms = ? WHERE client_id = ? AND revoked_ms = 0"));
    revoke.addBindValue(now);
    revoke.addBindValue(clientId);
    if (!forget.exec() || !revoke.exec())
        return std::nullopt;
    out.families = revoke.numRowsAffected();
    if (!tx.commit(QStringLiteral("cannot revoke the client's tokens")))
        return std::nullopt;
    return out;
}

void TokenFamilies::revokeRefreshToken(const QString& refreshToken, const QString& clientId)
{
    store::SqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("SELECT f.family_id FROM oauth_refresh_tokens r JOIN oauth_families f "
                             "ON f.family_id = r.family_id WHERE r.token_hash = ? AND f.client_id = ?"));
    q.addBindValue(hashOf(refreshToken));
    q.addBindValue(clientId);
    if (q.exec() && q.next())
        revokeFamily(q.value(0).toString());
}

void TokenFamilies::revokeAccessToken(const QString& jti)
{
    // After the write (a guard runs at every return): a read racing it is then never kept.
    const auto forgetLive = qScopeGuard([this] { forgetLiveTokens(); });
    store::SqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("DELETE FROM oauth_access_tokens WHERE jti = ?"));
    q.addBindValue(jti);
    q.exec();
}

bool TokenFamilies::accessTokenRevoked(const QString& jti) const
{
    quint64 generation = 0;
    {
        QMutexLocker lock(&m_cache->mutex);
        if (m_cache->live.contains(jti))
            return false;
        generation = m_cache->generation;
    }
    store::SqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("SELECT f.revoked_ms FROM oauth_access_tokens a JOIN oauth_families f "
                             "ON f.family_id = a.family_id WHERE a.jti = ?"));
    q.addBindValue(jti);
    if (!q.exec() || !q.next())
        return true;
    if (q.value(0).toLongLong() != 0)
        return true;
    QMutexLocker lock(&m_cache->mutex);
    if (m_cache->generation == generation) {
        if (m_cache->live.size() >= Cache::kMaxEntries)
            m_cache->live.clear();
        m_cache->live.insert(jti);
    }
    return false;
}

} // namespace tokenpass::oauth
