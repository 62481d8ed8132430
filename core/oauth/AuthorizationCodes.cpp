#include "oauth/AuthorizationCodes.h"

#include "crypto/Hash.h"
#include "crypto/Random.h"
#include "oauth/Base64Url.h"
#include "oauth/Pkce.h"
#include "oauth/TokenFamilies.h"
#include "store/AuditLog.h"
#include "store/Database.h"
#include "store/SqlQuery.h"
#include "store/SqlWrite.h"

#include <QJsonDocument>
#include <QVariant>

namespace tokenpass::oauth {

namespace {

using Redeemed = AuthorizationCodes::Redeemed;

OAuthResult<Redeemed> invalidGrant(const QString& why)
{
    return OAuthResult<Redeemed>::fail(QStringLiteral("invalid_grant"), why);
}

} // namespace

AuthorizationCodes::AuthorizationCodes(std::shared_ptr<store::Database> db, const Clock& clock)
    : m_db(std::move(db)), m_clock(clock)
{}

QString AuthorizationCodes::issue(const Grant& grant)
{
    const QString code = QString::fromLatin1(base64Url(crypto::randomBytes(32)));
    store::SqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("INSERT INTO oauth_codes (code_hash, grant_json, expires_ms) VALUES (?, ?, ?)"));
    q.addBindValue(crypto::sha256(code.toLatin1()));
    q.addBindValue(QString::fromUtf8(QJsonDocument(grant.toJson()).toJson(QJsonDocument::Compact)));
    q.addBindValue(m_clock.nowMs() + kLifetimeMs);
    return q.exec() ? code : QString();
}

OAuthResult<Redeemed> AuthorizationCodes::redeem(const QString& code, const QString& clientId,
                                                 const QString& redirectUri, const QString& codeVerifier,
                                                 const QString& resource, TokenFamilies& families)
{
    if (code.isEmpty() || code.size() > 256)
        return invalidGrant(QStringLiteral("unknown authorization code"));
    const QByteArray hash = crypto::sha256(code.toLatin1());
    store::SqlConnection db = m_db->connection();
    Grant grant;
    {
        store::WriteTransaction tx(db);
        store::SqlQuery q(db);
        q.prepare(QStringLiteral("SELECT grant_json, expires_ms, used_ms, family_id FROM oauth_codes "
                                 "WHERE code_hash = ?"));
        q.addBindValue(hash);
        if (!q.exec() || !q.next())
            return invalidGrant(QStringLiteral("unknown authorization code"));
        grant = Grant::fromJson(QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object());
        const qint64 expires = q.value(1).toLongLong();
        const bool used = q.value(2).toLongLong() != 0;
        const QString familyId = q.value(3).toString();
        q.finish();
        if (used) {
            (void)tx.commit(QString());
            if (!familyId.isEmpty())
                families.revokeFamily(familyId);
            (void)store::AuditLog(m_db, m_clock)
                .append(QStringLiteral("oauth:") + grant.clientId, store::AuditOperation::OAuthReuse,
                        store::AuditResult::Denied,
                        QStringLiteral("authorization code used twice; its tokens were revoked"));
            return invalidGrant(QStringLiteral("authorization code already used; its tokens are revoked"));
        }
        store::SqlQuery spend(db);
        spend.prepare(QStringLiteral("UPDATE oauth_codes SET used_ms = ? WHERE code_hash = ?"));
        spend.addBindValue(m_clock.nowMs());
        spend.addBindValue(hash);
        if (!spend.exec() || !tx.commit(QStringLiteral("cannot spend the code")))
            return OAuthResult<Redeemed>::fail(QStringLiteral("server_error"),
                                               QStringLiteral("storage failure"), 500);
        if (m_clock.nowMs() >= expires)
            return invalidGrant(QStringLiteral("authorization code expired"));
    }
    if (grant.clientId != clientId)
        return invalidGrant(QStringLiteral("authorization code was issued to another client"));
    if (grant.redirectUri != redirectUri)
        return invalidGrant(QStringLiteral("redirect_uri differs from the authorization request"));
    if (!Pkce::verifies(codeVerifier, grant.codeChallenge))
        return invalidGrant(QStringLiteral("code_verifier does not match the code_challenge"));
    if (!resource.isEmpty() && resource != grant.resource)
        return OAuthResult<Redeemed>::fail(QStringLiteral("invalid_target"),
                                           QStringLiteral("resource differs from the authorization request"));
    return OAuthResult<Redeemed>::ok(Redeemed{grant, hash});
}

void AuthorizationCodes::attachFamily(const QByteArray& codeHash, const QString& familyId)
{
    store::SqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("UPDATE oauth_codes SET family_id = ? WHERE code_hash = ?"));
    q.addBindValue(familyId);
    q.addBindValue(codeHash);
    q.exec();
}

int AuthorizationCodes::forgetUnused(const QString& clientId)
{
    // The client is inside the grant's JSON: codes live 60 s, so there are only a few to read.
    store::SqlConnection db = m_db->connection();
    store::WriteTransaction tx(db);
    store::SqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT code_hash, grant_json FROM oauth_codes WHERE used_ms = 0")))
        return -1;
    QList<QByteArray> hashes;
    while (q.next()) {
        if (Grant::fromJson(QJsonDocument::fromJson(q.value(1).toString().toUtf8()).object()).clientId ==
            clientId)
            hashes << q.value(0).toByteArray();
    }
    q.finish();
    for (const QByteArray& hash : std::as_const(hashes)) {
        store::SqlQuery del(db);
        del.prepare(QStringLiteral("DELETE FROM oauth_codes WHERE code_hash = ?"));
        del.addBindValue(hash);
        if (!del.exec())
            return -1;
    }
    if (!tx.commit(QStringLiteral("cannot forget the client's codes")))
        return -1;
    return int(hashes.size());
}

} // namespace tokenpass::oauth
