// The in-memory caches behind every MCP call (issue 18, "Performance"): live access tokens, registered
// clients, the last-use throttle and hosts without a grant. Each is shared by every object on the
// same database, so the tests look through one object and change the table through another: a cache
// that kept a stale answer fails them.

#include "access/Grants.h"
#include "common/ManualClock.h"
#include "common/TestDataDir.h"
#include "oauth/ClientRegistry.h"
#include "oauth/TokenFamilies.h"
#include "store/Database.h"
#include "store/SqlQuery.h"

#include <QJsonArray>

#include <gtest/gtest.h>

using namespace tokenpass;

namespace {

class LookupCache : public ::testing::Test
{
protected:
    void SetUp() override
    {
        auto db = store::Database::open(m_dir.path());
        ASSERT_TRUE(db) << qPrintable(db.error());
        m_db = *db;
    }
    QString startFamily(oauth::TokenFamilies& families, const char* client = "client-a")
    {
        oauth::Grant g;
        g.clientId = QString::fromLatin1(client);
        g.redirectUri = QStringLiteral("http://localhost:8000/cb");
        g.resource = QStringLiteral("http://127.0.0.1:3000/mcp");
        g.scope = QStringLiteral("sign");
        return families.start(g);
    }
    QString registerClient(oauth::ClientRegistry& clients, const char* name)
    {
        const auto registered = clients.registerClient(
            {{QStringLiteral("client_name"), QString::fromLatin1(name)},
             {QStringLiteral("redirect_uris"), QJsonArray{QStringLiteral("http://localhost:8000/cb")}},
             {QStringLiteral("token_endpoint_auth_method"), QStringLiteral("none")}});
        EXPECT_TRUE(registered) << qPrintable(registered.error().description);
        return registered ? registered->value(QStringLiteral("client_id")).toString() : QString();
    }
    qint64 storedLastUse(const QString& clientId)
    {
        store::SqlQuery q(m_db->connection());
        q.prepare(QStringLiteral("SELECT last_used_ms FROM oauth_clients WHERE client_id = ?"));
        q.addBindValue(clientId);
        return q.exec() && q.next() ? q.value(0).toLongLong() : -1;
    }

    test::TestDataDir m_dir;
    test::ManualClock m_clock;
    std::shared_ptr<store::Database> m_db;
};

} // namespace

TEST_F(LookupCache, ALiveAccessTokenSeenByOneObjectIsRevokedForAllOfThem)
{
    oauth::TokenFamilies reader(m_db, m_clock);
    oauth::TokenFamilies revoker(m_db, m_clock);
    const QString family = startFamily(revoker);
    const qint64 expires = m_clock.nowMs() + 3600000;
    reader.recordAccessToken(QStringLiteral("jti-family"), family, expires);
    reader.recordAccessToken(QStringLiteral("jti-single"), family, expires);
    const QString other = startFamily(revoker, "client-b");
    reader.recordAccessToken(QStringLiteral("jti-client"), other, expires);

    // Seen live (and so remembered) first, then revoked in each of the three ways.
    for (const char* jti : {"jti-family", "jti-single", "jti-client"})
        ASSERT_FALSE(reader.accessTokenRevoked(QString::fromLatin1(jti))) << jti;
    revoker.revokeAccessToken(QStringLiteral("jti-single"));
    EXPECT_TRUE(reader.accessTokenRevoked(QStringLiteral("jti-single")));
    EXPECT_FALSE(reader.accessTokenRevoked(QStringLiteral("jti-family")));
    revoker.revokeFamily(family);
    EXPECT_TRUE(reader.accessTokenRevoked(QStringLiteral("jti-family")));
    EXPECT_FALSE(reader.accessTokenRevoked(QStringLiteral("jti-client")));
    ASSERT_TRUE(revoker.revokeClient(QStringLiteral("client-b")));
    EXPECT_TRUE(reader.accessTokenRevoked(QStringLiteral("jti-client")));
    // A token never recorded is not ours, whatever the cache holds.
    EXPECT_TRUE(reader.accessTokenRevoked(QStringLiteral("jti-unknown")));
}

TEST_F(LookupCache, AClientEvictedByTheCapIsNotFoundAnyMore)
{
    oauth::ClientRegistry reader(m_db, m_clock);
    oauth::ClientRegistry registrar(m_db, m_clock);
    const QString first = registerClient(registrar, "first");
    ASSERT_TRUE(reader.find(first)); // remembered
    EXPECT_EQ(reader.find(first)->name(), QStringLiteral("first"));
    for (int i = 0; i < oauth::ClientRegistry::kMaxClients; ++i) {
        m_clock.advance(1000);
        registerClient(registrar, "later");
    }
    EXPECT_FALSE(reader.find(first)); // the least recently used went, and the cache with it
    EXPECT_FALSE(reader.find(QStringLiteral("never-registered")));
}

TEST_F(LookupCache, LastUseIsWrittenAtMostOncePerResolution)
{
    oauth::ClientRegistry clients(m_db, m_clock);
    const QString id = registerClient(clients, "agent");
    const qint64 registeredAt = storedLastUse(id);
    m_clock.advance(oauth::ClientRegistry::kUseResolutionMs + 1);
    clients.noteUse(id);
    const qint64 firstUse = storedLastUse(id);
    EXPECT_EQ(firstUse, m_clock.nowMs());
    EXPECT_GT(firstUse, registeredAt);
    m_clock.advance(oauth::ClientRegistry::kUseResolutionMs / 2);
    oauth::ClientRegistry(m_db, m_clock).noteUse(id); // another object on the same database
    EXPECT_EQ(storedLastUse(id), firstUse);
    m_clock.advance(oauth::ClientRegistry::kUseResolutionMs);
    clients.noteUse(id);
    EXPECT_EQ(storedLastUse(id), m_clock.nowMs());
}

TEST_F(LookupCache, AHostWithoutAGrantIsFoundOnceOneIsSavedOrRemoved)
{
    access::Grants reader(m_db, m_clock);
    access::Grants writer(m_db, m_clock);
    const QString host = QStringLiteral("oauth:agent");
    EXPECT_FALSE(reader.find(host)); // remembered as "none"
    access::Grant grant;
    grant.host = host;
    grant.scopes = {QStringLiteral("sign")};
    grant.duration = QStringLiteral("forever");
    grant.policy = access::SigningPolicy::Allow;
    ASSERT_TRUE(writer.save(grant));
    ASSERT_TRUE(reader.find(host));
    EXPECT_EQ(reader.find(host)->policy, access::SigningPolicy::Allow);
    ASSERT_TRUE(writer.remove(host));
    EXPECT_FALSE(reader.find(host));
    ASSERT_TRUE(writer.save(grant));
    writer.removeAll();
    EXPECT_FALSE(reader.find(host));
}
