// A tokenpass.sqlite written by the Qt SQL storage code (tests/data/tokenpass-qt-sql-era.sqlite,
// see tests/data/README.md) opens with the SQLite C API code and reads the same (issue 19): every
// store finds its rows by the keys Qt wrote (BLOB hashes, TEXT hosts), values keep their types,
// and what the current code writes next to them is stored with the same types.

#include "access/AccessTokens.h"
#include "access/Grants.h"
#include "access/OAuthConsents.h"
#include "common/ManualClock.h"
#include "common/TestDataDir.h"
#include "oauth/AuthorizationCodes.h"
#include "oauth/ClientRegistry.h"
#include "oauth/TokenFamilies.h"
#include "store/AuditLog.h"
#include "store/Database.h"
#include "store/HostKeyRecords.h"
#include "store/OutpointMemory.h"
#include "store/ProfileRecords.h"
#include "store/Settings.h"
#include "store/SpendingAllowances.h"
#include "store/SqlQuery.h"

#include <QDir>
#include <QFile>
#include <QJsonObject>

#include <gtest/gtest.h>

using namespace tokenpass;
using store::Settings;

namespace {

// What the Qt SQL code issued when it wrote the file (printed by the generator).
const QString kToken1 = QStringLiteral("9f7af103-455d-42a3-9bf9-5e87a016834d");
const QString kToken2 = QStringLiteral("551d2229-975a-4591-8fa1-fa1ec75096a4");
const QString kClient = QStringLiteral("6MW4UZVkW6CTUX5AtAU_AA");
const QString kCode = QStringLiteral("D697Fr12FOeJqfq9zLneGNHE_aw7PvOLjUPZtQnydOs");
const QString kRefresh = QStringLiteral("b7oPiwb5MwK1sHQ8KYCX5d43KOshg0dAsu9cBUl-5ec");
const QString kIdentity = QStringLiteral("bap-Grüße-✓");
constexpr qint64 kStart = 1767225600000; // the generator's manual clock
constexpr qint64 kLastWrite = kStart + 1520;

class QtSqlEraFile : public ::testing::Test
{
protected:
    void SetUp() override
    {
        const QString source = QStringLiteral(TOKENPASS_SOURCE_DIR "/tests/data/tokenpass-qt-sql-era.sqlite");
        const QString target = QDir(m_dir.path()).filePath(QLatin1String(store::Database::kFileName));
        ASSERT_TRUE(QFile::copy(source, target));
        QFile::setPermissions(target, QFile::ReadOwner | QFile::WriteOwner);
        m_clock.set(kLastWrite + 50); // within the code's 60 s
        auto db = store::Database::open(m_dir.path());
        ASSERT_TRUE(db) << qPrintable(db.error());
        m_db = *db;
    }

    test::TestDataDir m_dir;
    test::ManualClock m_clock;
    std::shared_ptr<store::Database> m_db;
};

} // namespace

TEST_F(QtSqlEraFile, TokensGrantsAndSettingsReadTheSame)
{
    EXPECT_EQ(m_db->schemaVersion(), 6);

    access::AccessTokens tokens(m_db, m_clock);
    const auto first = tokens.find(QStringLiteral("Bearer ") + kToken1); // by its BLOB hash
    ASSERT_EQ(first.status, access::TokenStatus::Valid);
    EXPECT_EQ(first.record.host, QStringLiteral("shop.example"));
    EXPECT_EQ(first.record.origin, QStringLiteral("https://shop.example"));
    EXPECT_EQ(first.record.scopes, (QStringList{QStringLiteral("sign"), QStringLiteral("encrypt")}));
    EXPECT_EQ(first.record.identity, kIdentity);
    EXPECT_EQ(first.record.icon, QStringLiteral("/favicon.ico"));
    EXPECT_EQ(first.record.createdMs, kStart);
    EXPECT_EQ(first.record.expiresMs, 0);
    EXPECT_EQ(first.record.lastUsedMs, kStart + 1500);
    const auto second = tokens.validate(kToken2, {});
    ASSERT_EQ(second.status, access::TokenStatus::Valid);
    EXPECT_EQ(second.record.host, QStringLiteral("localhost:5173"));
    EXPECT_EQ(second.record.expiresMs, kStart + 1000 + 7LL * 24 * 3600 * 1000);
    EXPECT_EQ(tokens.list().size(), 2);

    access::Grants grants(m_db, m_clock);
    const auto grant = grants.find(QStringLiteral("shop.example"));
    ASSERT_TRUE(grant);
    EXPECT_EQ(grant->policy, access::SigningPolicy::Allow);
    EXPECT_EQ(grant->identity, kIdentity);
    EXPECT_EQ(grant->scopes, QStringList{QStringLiteral("sign")});
    EXPECT_EQ(grant->expiresMs, kStart + 1500 + 24LL * 3600 * 1000);
    const auto ask = grants.find(QStringLiteral("ask.example"));
    ASSERT_TRUE(ask);
    EXPECT_EQ(ask->policy, access::SigningPolicy::AskEveryTime);
    EXPECT_TRUE(ask->identity.isEmpty());

    Settings settings(m_db);
    EXPECT_EQ(settings.integer(Settings::Key::IdleLockMinutes), 7);
    EXPECT_TRUE(settings.boolean(Settings::Key::NotifySignatures));
    EXPECT_EQ(settings.string(Settings::Key::Language), QStringLiteral("de"));
    EXPECT_EQ(settings.string(Settings::Key::OriginWhitelist),
              QStringLiteral("https://a.example\nhttps://bücher.example"));
    EXPECT_EQ(settings.integer(Settings::Key::UnlockNextAllowedMs), 9007199254740993LL); // > 2^53
    EXPECT_FALSE(settings.isSet(Settings::Key::ListenPort));
}

TEST_F(QtSqlEraFile, AuditProfilesKeysAllowancesAndOutpointsReadTheSame)
{
    store::AuditLog audit(m_db, m_clock);
    const auto shop = audit.recent(QStringLiteral("shop.example"), 10);
    ASSERT_EQ(shop.size(), 2);
    EXPECT_EQ(shop[0].operation, store::AuditOperation::Consent);
    EXPECT_EQ(shop[0].result, store::AuditResult::Approved);
    EXPECT_TRUE(shop[0].detail.isEmpty());
    EXPECT_EQ(shop[1].id, 1);
    EXPECT_EQ(shop[1].timeMs, kStart + 1500);
    EXPECT_EQ(shop[1].operation, store::AuditOperation::Sign);
    EXPECT_EQ(shop[1].detail, QStringLiteral("Grüße … ✓"));
    EXPECT_EQ(audit.recent(10).size(), 3);

    store::ProfileRecords profiles(m_db);
    EXPECT_EQ(profiles.get(QStringLiteral("global")),
              (QJsonObject{{QStringLiteral("host"), QStringLiteral("global")},
                           {QStringLiteral("n"), 3},
                           {QStringLiteral("name"), QStringLiteral("Zoë")}}));

    store::HostKeyRecords keys(m_db);
    const auto key = keys.get(QStringLiteral("shop.example"));
    ASSERT_TRUE(key);
    EXPECT_EQ(key->invoice, QStringLiteral("2-tokenpass-shop.example"));
    EXPECT_EQ(key->address, QStringLiteral("1Addr"));

    store::SpendingAllowances allowances(m_db, m_clock);
    EXPECT_EQ(allowances.allowance(QStringLiteral("shop.example")), 2100000000000000ULL);

    store::OutpointMemory outpoints(m_db, m_clock);
    QByteArray txid(32, '\0');
    for (int i = 0; i < 32; ++i)
        txid[i] = char(i * 7); // starts with a NUL byte
    EXPECT_EQ(outpoints.amount(txid, 4294967295U), std::optional<std::uint64_t>(2100000000000000ULL));
    EXPECT_EQ(outpoints.amount(txid, 0), std::optional<std::uint64_t>(1));
    EXPECT_FALSE(outpoints.amount(txid, 1));
}

TEST_F(QtSqlEraFile, OAuthRowsReadTheSame)
{
    oauth::ClientRegistry clients(m_db, m_clock);
    const auto client = clients.find(kClient);
    ASSERT_TRUE(client);
    EXPECT_EQ(client->name(), QStringLiteral("Agent ✓"));
    EXPECT_EQ(client->redirectUris(), QStringList{QStringLiteral("http://localhost:8000/cb")});

    oauth::TokenFamilies families(m_db, m_clock);
    EXPECT_FALSE(families.accessTokenRevoked(QStringLiteral("jti-1")));
    oauth::AuthorizationCodes codes(m_db, m_clock);
    const auto redeemed =
        codes.redeem(kCode, kClient, QStringLiteral("http://localhost:8000/cb"),
                     QStringLiteral("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"), QString(),
                     families); // by its BLOB hash
    ASSERT_TRUE(redeemed) << qPrintable(redeemed.error().description);
    EXPECT_EQ(redeemed->grant.resource, QStringLiteral("http://127.0.0.1:3000/mcp"));
    EXPECT_EQ(redeemed->grant.identity.sub, QStringLiteral("bap-id"));

    const auto rotated = families.rotate(kRefresh, kClient, QString());
    ASSERT_TRUE(rotated) << qPrintable(rotated.error().description);
    EXPECT_EQ(rotated->familyId, QStringLiteral("ZqossgEdTQ8WLaU77QRmkw"));
    EXPECT_EQ(rotated->grant.scope, QStringLiteral("openid"));

    access::OAuthConsents consents(m_db, m_clock);
    const auto consent = consents.find(kClient);
    ASSERT_TRUE(consent);
    EXPECT_EQ(consent->scopes, (QStringList{QStringLiteral("openid"), QStringLiteral("sign")}));
    EXPECT_EQ(consent->identity, access::privateIdentityFor(kClient));
    ASSERT_EQ(consents.privateIdentities().size(), 1);
    EXPECT_EQ(consents.privateIdentities().first().clientName, QStringLiteral("Agent ✓"));
}

// Rows the current code adds beside the old ones have the same storage class in every column.
TEST_F(QtSqlEraFile, NewRowsAreStoredWithTheOldTypes)
{
    access::AccessTokens tokens(m_db, m_clock);
    ASSERT_TRUE(tokens.issue(QStringLiteral("new.example"), {}, u"1h", kIdentity, QString(), QString()));
    access::Grants grants(m_db, m_clock);
    access::Grant grant;
    grant.host = QStringLiteral("new.example");
    grant.duration = QStringLiteral("1h");
    ASSERT_TRUE(grants.save(grant));
    Settings settings(m_db);
    ASSERT_TRUE(settings.setInteger(Settings::Key::ListenPort, 3001));
    ASSERT_TRUE(settings.setBoolean(Settings::Key::LockOnScreenLock, true));
    store::AuditLog audit(m_db, m_clock);
    ASSERT_TRUE(audit.append(QStringLiteral("new.example"), store::AuditOperation::Auth,
                             store::AuditResult::Allowed));
    store::OutpointMemory outpoints(m_db, m_clock);
    ASSERT_TRUE(outpoints.remember({{QByteArray(32, '\x01'), 2, 3}}));
    oauth::TokenFamilies families(m_db, m_clock);
    ASSERT_TRUE(families.rotate(kRefresh, kClient, QString()));
    store::SpendingAllowances allowances(m_db, m_clock);
    ASSERT_TRUE(allowances.setAllowance(QStringLiteral("new.example"), 5));

    const auto db = m_db->connection();
    for (const char* table : {"tokens", "grants", "settings", "audit_log", "signed_outpoints",
                              "oauth_refresh_tokens", "spending_allowances"}) {
        store::SqlQuery columns(db);
        ASSERT_TRUE(columns.exec(
            QStringLiteral("SELECT name FROM pragma_table_info('%1')").arg(QLatin1String(table))));
        while (columns.next()) {
            const QString column = columns.value(0).toString();
            store::SqlQuery types(db);
            ASSERT_TRUE(types.exec(QStringLiteral("SELECT count(*), count(DISTINCT typeof(%1)) FROM %2")
                                       .arg(column, QLatin1String(table))));
            ASSERT_TRUE(types.next());
            EXPECT_GE(types.value(0).toInt(), 2) << table << "." << qPrintable(column);
            EXPECT_EQ(types.value(1).toInt(), 1) << table << "." << qPrintable(column);
        }
    }
}
