#include "migrate/LegacyImport.h"
#include "access/AccessTokens.h"
#include "access/Grants.h"
#include "common/ManualClock.h"
#include "common/TestDataDir.h"
#include "common/Vectors.h"
#include "crypto/Aes.h"
#include "crypto/Encoding.h"
#include "crypto/Hash.h"
#include "store/Database.h"
#include "store/HostKeyRecords.h"
#include "store/ProfileRecords.h"
#include "store/Settings.h"
#include "store/SqlQuery.h"
#include "wallet/BackupFile.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>

#include <gtest/gtest.h>

using namespace tokenpass;
using access::TokenStatus;
using migrate::LegacyImport;

namespace {

// Realistic v0.0.8 tokens (UUID v4). Tests look for them in the database file byte for byte.
const char* const kTokenForever = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b";
const char* const kTokenDayOld = "11111111-2222-4333-8444-555555555555";
const char* const kTokenDay = "a0b1c2d3-e4f5-4a6b-8c7d-8e9f0a1b2c3d";
const char* const kTokenExpired = "deadbeef-0000-4000-8000-000000000001";
const char* const kTokenDeleted = "deadbeef-0000-4000-8000-000000000002";
const char* const kTokenTorn = "deadbeef-0000-4000-8000-000000000003";
const char* const kTokenLocal = "c0ffee00-1111-4222-9333-444455556666";
const char* const kBapId = "3WumfJKFTvnNjn6xHiVGPwYPNfLh";

QString q(const char* s)
{
    return QString::fromLatin1(s);
}

bool writeFile(const QString& path, const QByteArray& content)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
}

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>");
}

class LegacyImportTest : public ::testing::Test
{
protected:
    void SetUp() override { reopen(); }
    void reopen()
    {
        m_db.reset();
        auto db = store::Database::open(m_dir.path());
        ASSERT_TRUE(db) << qPrintable(db.error());
        m_db = *db;
    }
    QString path(const char* name) const { return m_dir.filePath(q(name)); }

    // state.db as v0.0.8 leaves it after some use (API.md §4.6), with everything NeDB appends:
    // an index line, an update of one _id, a deletion, a torn line, a $$date.
    QByteArray stateDb() const
    {
        const qint64 now = m_clock.nowMs();
        QByteArray s;
        s += "{\"$$indexCreated\":{\"fieldName\":\"host\",\"unique\":true,\"sparse\":false}}\n";    // 1
        s += "{\"host\":\"localhost\",\"icon\":\"/api/auth/icon\",\"_id\":\"L000000000000001\"}\n"; // 2
        s += "{\"host\":\"global\",\"displayName\":\"Alice\",\"paymail\":\"alice@example.com\",\"bapID\":\"" +
             QByteArray(kBapId) + "\",\"_id\":\"G000000000000001\"}\n"; // 3
        s += "{\"host\":\"forever.example\",\"accessToken\":\"" + QByteArray(kTokenForever) +
             "\",\"scopes\":[\"sign\",\"encrypt\"],\"icon\":\"https://forever.example/"
             "i.png\",\"expireTime\":0,"
             "\"bapID\":\"" +
             QByteArray(kBapId) + "\",\"_id\":\"F000000000000001\"}\n"; // 4
        s += "{\"host\":\"day.example\",\"accessToken\":\"" + QByteArray(kTokenDayOld) +
             "\",\"scopes\":[\"sign\"],\"expireTime\":" + QByteArray::number(now + 3'600'000) +
             ",\"_id\":\"D000000000000001\"}\n"; // 5
        s += "{\"host\":\"day.example\",\"accessToken\":\"" + QByteArray(kTokenDay) +
             "\",\"scopes\":[\"sign\",\"decrypt\"],\"expireTime\":{\"$$date\":" +
             QByteArray::number(now + 72'000'000) + "},\"bapID\":\"" + QByteArray(kBapId) +
             "\",\"_id\":\"D000000000000001\"}\n"; // 6
        s += "{\"host\":\"expired.example\",\"accessToken\":\"" + QByteArray(kTokenExpired) +
             "\",\"scopes\":[],\"expireTime\":" + QByteArray::number(now - 1000) +
             ",\"_id\":\"E000000000000001\"}\n"; // 7
        s += "{\"host\":\"deleted.example\",\"accessToken\":\"" + QByteArray(kTokenDeleted) +
             "\",\"scopes\":[\"sign\"],\"expireTime\":0,\"_id\":\"X000000000000001\"}\n";             // 8
        s += "{\"$$deleted\":true,\"_id\":\"X000000000000001\"}\n";                                   // 9
        s += "{\"host\":\"torn.example\",\"accessToken\":\"" + QByteArray(kTokenTorn) + "\",\"sco\n"; // 10
        s += "{\"host\":\"global\",\"displayName\":\"Alice "
             "B\",\"paymail\":\"alice@example.com\",\"bapID\":\"" +
             QByteArray(kBapId) +
             "\",\"logo\":\"https://example.com/logo.png\",\"_id\":\"G000000000000001\"}\n"; // 11
        s += "{\"host\":\"localhost\",\"icon\":\"/api/auth/icon\",\"accessToken\":\"" +
             QByteArray(kTokenLocal) + "\",\"scopes\":[\"sign\"],\"expireTime\":0,\"bapID\":\"" +
             QByteArray(kBapId) + "\",\"_id\":\"L000000000000001\"}\n"; // 12
        return s;
    }

    // keys.db (API.md §4.5) with G3, G2 and G1 invoices, a deletion and a damaged line.
    static QByteArray keysDb()
    {
        return QByteArrayLiteral(
            "{\"path\":\"2-tokenpass-forever.example\",\"pub\":\"02aa\",\"address\":\"1Forever\","
            "\"host\":\"forever.example\",\"_id\":\"K000000000000001\"}\n"
            "{\"path\":\"2-sigma auth-localhost\","
            "\"pub\":\"037147859fcc47be350972581be36691a0db1947e1801a47e1c9c54c2da7328205\","
            "\"address\":\"1CBQ5DN9dbXcWKFWFfxfEbZtUXKmmiycr3\",\"host\":\"localhost\",\"_id\":"
            "\"K000000000000002\"}\n"
            "{\"path\":\"m/44'/0'/1'/2/"
            "0\",\"pub\":\"0395cb957485b483faeb985dc9d96bf8eaee31dd1ebc3d059b6a469198b4088c03\","
            "\"address\":\"1jwEAwRJCpCPcjhKBL3vK5mEcfrgt37qW\",\"host\":\"old.example\",\"_id\":"
            "\"K000000000000003\"}\n"
            "{\"path\":\"2-tokenpass-gone.example\",\"pub\":\"02bb\",\"address\":\"1Gone\",\"host\":\"gone."
            "example\","
            "\"_id\":\"K000000000000004\"}\n"
            "{\"$$deleted\":true,\"_id\":\"K000000000000004\"}\n"
            "this line is not json\n");
    }

    void writeFixtures()
    {
        ASSERT_TRUE(writeFile(path("state.db"), stateDb()));
        ASSERT_TRUE(writeFile(path("keys.db"), keysDb()));
    }

    // Every row of every table, as text, to prove a second run changes nothing.
    QString dumpTables() const
    {
        QString out;
        for (const char* table : {"tokens", "grants", "profile", "host_keys", "settings", "audit_log"}) {
            store::SqlQuery query(m_db->connection());
            EXPECT_TRUE(query.exec(QStringLiteral("SELECT * FROM %1 ORDER BY 1").arg(q(table))));
            while (query.next()) {
                out += q(table) + QLatin1Char(':');
                for (int i = 0; i < query.columnCount(); ++i)
                    out += query.value(i).toString() + QLatin1Char('|');
                out += QLatin1Char('\n');
            }
        }
        return out;
    }

    test::TestDataDir m_dir;
    test::ManualClock m_clock;
    std::shared_ptr<store::Database> m_db;
};

} // namespace

TEST_F(LegacyImportTest, ImportsTokensGrantsProfileAndHostKeys)
{
    writeFixtures();
    LegacyImport import(m_db, m_clock);
    auto report = import.importOnce(m_dir.path());
    ASSERT_TRUE(report) << qPrintable(report.error());
    EXPECT_FALSE(report->alreadyDone);
    EXPECT_TRUE(report->stateFileFound);
    EXPECT_TRUE(report->keysFileFound);
    EXPECT_EQ(report->tokens, 4); // forever, day, expired, localhost
    EXPECT_EQ(report->expiredTokens, 1);
    EXPECT_EQ(report->grants, 3);
    EXPECT_EQ(report->profileRecords, 2);
    EXPECT_EQ(report->hostKeys, 3);
    EXPECT_EQ(report->g2HostKeys, 1);
    EXPECT_EQ(report->g1HostKeys, 1);
    EXPECT_EQ(report->keptExisting, 0);
    ASSERT_EQ(report->skipped.size(), 2);
    EXPECT_EQ(report->skipped[0].file, QStringLiteral("state.db"));
    EXPECT_EQ(report->skipped[0].lineNumber, 10);
    EXPECT_EQ(report->skipped[1].file, QStringLiteral("keys.db"));
    EXPECT_EQ(report->skipped[1].lineNumber, 6);
    EXPECT_TRUE(report->notes.join(QLatin1Char('\n')).contains(QLatin1String("old.example")));
    EXPECT_FALSE(report->summary().isEmpty());

    // Clients keep their tokens: the plaintext from the old file validates (API.md decision 7).
    access::AccessTokens tokens(m_db, m_clock);
    auto forever = tokens.validate(QStringLiteral("Bearer ") + q(kTokenForever), {QStringLiteral("sign")});
    EXPECT_EQ(forever.status, TokenStatus::Valid);
    EXPECT_EQ(forever.record.host, QStringLiteral("forever.example"));
    EXPECT_EQ(forever.record.identity, q(kBapId));
    EXPECT_EQ(forever.record.icon, QStringLiteral("https://forever.example/i.png"));
    EXPECT_EQ(forever.record.scopes, (QStringList{QStringLiteral("sign"), QStringLiteral("encrypt")}));
    EXPECT_EQ(forever.record.expiresMs, 0);

    auto day = tokens.validate(q(kTokenDay), {QStringLiteral("decrypt")});
    EXPECT_EQ(day.status, TokenStatus::Valid);
    EXPECT_EQ(day.record.expiresMs, m_clock.nowMs() + 72'000'000);                     // from {"$$date":…}
    EXPECT_EQ(tokens.validate(q(kTokenDayOld), {}).status, TokenStatus::InvalidToken); // replaced line
    EXPECT_EQ(tokens.validate(q(kTokenExpired), {}).status, TokenStatus::Expired);     // still code 5
    EXPECT_EQ(tokens.validate(q(kTokenDeleted), {}).status, TokenStatus::InvalidToken);
    EXPECT_EQ(tokens.validate(q(kTokenTorn), {}).status, TokenStatus::InvalidToken);
    EXPECT_EQ(tokens.validate(q(kTokenLocal), {QStringLiteral("sign")}).record.host,
              QStringLiteral("localhost"));
    EXPECT_EQ(tokens.list().size(), 4);

    // Grants: allow, ending when the token ends; none for the expired one.
    access::Grants grants(m_db, m_clock);
    const auto g = grants.find(QStringLiteral("forever.example"));
    ASSERT_TRUE(g);
    EXPECT_EQ(g->policy, access::SigningPolicy::Allow);
    EXPECT_EQ(g->duration, QStringLiteral("forever"));
    EXPECT_EQ(g->expiresMs, 0);
    EXPECT_EQ(g->identity, q(kBapId));
    EXPECT_EQ(g->scopes, (QStringList{QStringLiteral("sign"), QStringLiteral("encrypt")}));
    const auto gd = grants.find(QStringLiteral("day.example"));
    ASSERT_TRUE(gd);
    EXPECT_EQ(gd->duration, QStringLiteral("1d"));
    EXPECT_EQ(gd->expiresMs, m_clock.nowMs() + 72'000'000);
    EXPECT_FALSE(grants.find(QStringLiteral("expired.example")));
    EXPECT_TRUE(grants.find(QStringLiteral("localhost")));
    m_clock.advance(72'000'001);
    EXPECT_FALSE(grants.find(QStringLiteral("day.example")));

    // Profile records: the last global line, the registration record without token fields.
    store::ProfileRecords profiles(m_db);
    const QJsonObject global{{QStringLiteral("host"), QStringLiteral("global")},
                             {QStringLiteral("displayName"), QStringLiteral("Alice B")},
                             {QStringLiteral("paymail"), QStringLiteral("alice@example.com")},
                             {QStringLiteral("bapID"), q(kBapId)},
                             {QStringLiteral("logo"), QStringLiteral("https://example.com/logo.png")}};
    EXPECT_EQ(profiles.get(QStringLiteral("global")), global);
    const QJsonObject local{{QStringLiteral("host"), QStringLiteral("localhost")},
                            {QStringLiteral("icon"), QStringLiteral("/api/auth/icon")},
                            {QStringLiteral("bapID"), q(kBapId)}};
    EXPECT_EQ(profiles.get(QStringLiteral("localhost")), local);
    EXPECT_EQ(profiles.list().size(), 2);

    // Host keys, invoices verbatim.
    store::HostKeyRecords keys(m_db);
    const auto all = keys.list();
    ASSERT_EQ(all.size(), 3);
    EXPECT_EQ(keys.get(QStringLiteral("old.example"))->invoice, QStringLiteral("m/44'/0'/1'/2/0"));
    EXPECT_EQ(keys.get(QStringLiteral("localhost"))->invoice, QStringLiteral("2-sigma auth-localhost"));
    EXPECT_EQ(keys.get(QStringLiteral("localhost"))->address,
              QStringLiteral("1CBQ5DN9dbXcWKFWFfxfEbZtUXKmmiycr3"));
    EXPECT_EQ(keys.get(QStringLiteral("forever.example"))->invoice,
              QStringLiteral("2-tokenpass-forever.example"));
    EXPECT_FALSE(keys.get(QStringLiteral("gone.example")));

    EXPECT_EQ(store::Settings(m_db).integer(store::Settings::Key::LegacyImportDoneMs),
              m_clock.nowMs() - 72'000'001);
}

TEST_F(LegacyImportTest, OldFilesStayByteForByteAndNoPlaintextTokenIsStored)
{
    writeFixtures();
    const QByteArray stateBefore = readFile(path("state.db"));
    const QByteArray keysBefore = readFile(path("keys.db"));
    const QStringList filesBefore = QDir(m_dir.path()).entryList(QDir::Files);
    ASSERT_TRUE(LegacyImport(m_db, m_clock).importOnce(m_dir.path()));
    EXPECT_EQ(readFile(path("state.db")), stateBefore);
    EXPECT_EQ(readFile(path("keys.db")), keysBefore);
    // Nothing new beside them (NeDB would have written a compacted copy and a ~ file).
    EXPECT_EQ(QDir(m_dir.path()).entryList(QDir::Files), filesBefore);

    // Force everything into the main file, then look for any token in every byte we wrote.
    store::SqlQuery(m_db->connection()).exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    QByteArray written;
    for (const QString& name :
         QDir(m_dir.path()).entryList({QStringLiteral("tokenpass.sqlite*")}, QDir::Files))
        written += readFile(m_dir.filePath(name));
    ASSERT_FALSE(written.isEmpty());
    for (const char* token :
         {kTokenForever, kTokenDay, kTokenDayOld, kTokenExpired, kTokenLocal, kTokenDeleted})
        EXPECT_FALSE(written.contains(token)) << token;
    EXPECT_TRUE(written.contains(crypto::sha256(QByteArray(kTokenForever)))); // the hash is there
}

TEST_F(LegacyImportTest, RunsOnceAndAgainIsANoOp)
{
    writeFixtures();
    ASSERT_TRUE(LegacyImport(m_db, m_clock).importOnce(m_dir.path()));
    const QString before = dumpTables();
    m_clock.advance(60'000);

    auto again = LegacyImport(m_db, m_clock).importOnce(m_dir.path());
    ASSERT_TRUE(again);
    EXPECT_TRUE(again->alreadyDone);
    EXPECT_EQ(again->tokens + again->grants + again->profileRecords + again->hostKeys, 0);
    EXPECT_EQ(dumpTables(), before);

    // The mark survives a restart.
    reopen();
    auto afterRestart = LegacyImport(m_db, m_clock).importOnce(m_dir.path());
    ASSERT_TRUE(afterRestart);
    EXPECT_TRUE(afterRestart->alreadyDone);
    EXPECT_EQ(dumpTables(), before);
}

TEST_F(LegacyImportTest, ExplicitReimportKeepsNativeState)
{
    writeFixtures();
    // The person used TokenPass native first: a newer token and grant for forever.example.
    access::AccessTokens tokens(m_db, m_clock);
    auto issued = tokens.issue(QStringLiteral("forever.example"), {QStringLiteral("sign")}, u"1h", QString(),
                               QString(), QString());
    ASSERT_TRUE(issued);
    access::Grant grant;
    grant.host = QStringLiteral("forever.example");
    grant.duration = QStringLiteral("1h");
    grant.policy = access::SigningPolicy::AskEveryTime;
    ASSERT_TRUE(access::Grants(m_db, m_clock).save(grant));
    ASSERT_TRUE(store::ProfileRecords(m_db).merge(
        QStringLiteral("global"), {{QStringLiteral("displayName"), QStringLiteral("Native")}}));

    auto report = LegacyImport(m_db, m_clock).importNow(m_dir.path());
    ASSERT_TRUE(report) << qPrintable(report.error());
    EXPECT_EQ(report->tokens, 3);
    EXPECT_EQ(report->keptExisting, 2); // forever.example's token, global profile
    EXPECT_EQ(tokens.validate(issued->token, {}).status, TokenStatus::Valid);
    EXPECT_EQ(tokens.validate(q(kTokenForever), {}).status, TokenStatus::InvalidToken);
    EXPECT_EQ(access::Grants(m_db, m_clock).find(QStringLiteral("forever.example"))->policy,
              access::SigningPolicy::AskEveryTime);
    EXPECT_EQ(store::ProfileRecords(m_db).get(QStringLiteral("global")).value(QLatin1String("displayName")),
              QStringLiteral("Native"));

    // A second explicit import adds nothing.
    const QString before = dumpTables();
    auto again = LegacyImport(m_db, m_clock).importNow(m_dir.path());
    ASSERT_TRUE(again);
    EXPECT_EQ(again->tokens + again->grants + again->profileRecords + again->hostKeys, 0);
    EXPECT_EQ(dumpTables(), before);
}

TEST_F(LegacyImportTest, NoOldFilesIsAFreshInstall)
{
    LegacyImport import(m_db, m_clock);
    auto report = import.importOnce(m_dir.path());
    ASSERT_TRUE(report) << qPrintable(report.error());
    EXPECT_FALSE(report->stateFileFound);
    EXPECT_FALSE(report->keysFileFound);
    EXPECT_EQ(report->tokens, 0);
    EXPECT_TRUE(import.isDone());
    EXPECT_TRUE(import.importOnce(m_dir.path())->alreadyDone);
}

TEST_F(LegacyImportTest, UnreadableFileAbortsWithoutTrace)
{
    ASSERT_TRUE(writeFile(path("keys.db"), keysDb()));
    ASSERT_TRUE(QDir(m_dir.path()).mkdir(QStringLiteral("state.db"))); // exists, cannot be read as a file
    LegacyImport import(m_db, m_clock);
    auto report = import.importOnce(m_dir.path());
    ASSERT_FALSE(report);
    EXPECT_TRUE(report.error().contains(path("state.db"))) << qPrintable(report.error());
    EXPECT_FALSE(import.isDone());
    EXPECT_TRUE(store::HostKeyRecords(m_db).list().isEmpty());

    // Once the file is readable, the next start imports.
    ASSERT_TRUE(QDir(m_dir.path()).rmdir(QStringLiteral("state.db")));
    ASSERT_TRUE(writeFile(path("state.db"), stateDb()));
    auto retry = import.importOnce(m_dir.path());
    ASSERT_TRUE(retry) << qPrintable(retry.error());
    EXPECT_EQ(retry->tokens, 4);
    EXPECT_EQ(retry->hostKeys, 3);
}

TEST_F(LegacyImportTest, TokensWithoutExpiryOrWithStringScopes)
{
    const QByteArray state = "{\"host\":\"a.example\",\"accessToken\":\"" + QByteArray(kTokenForever) +
                             "\",\"scopes\":\"sign,encrypt\",\"_id\":\"A000000000000001\"}\n"
                             "{\"host\":\"b.example\",\"accessToken\":42,\"_id\":\"B000000000000001\"}\n";
    ASSERT_TRUE(writeFile(path("state.db"), state));
    auto report = LegacyImport(m_db, m_clock).importOnce(m_dir.path());
    ASSERT_TRUE(report) << qPrintable(report.error());
    EXPECT_EQ(report->tokens, 1);
    EXPECT_EQ(report->notes.size(), 1);   // the missing expireTime
    ASSERT_EQ(report->skipped.size(), 1); // the numeric token
    EXPECT_EQ(report->skipped[0].lineNumber, 2);
    auto check = access::AccessTokens(m_db, m_clock).validate(q(kTokenForever), {QStringLiteral("encrypt")});
    EXPECT_EQ(check.status, TokenStatus::Valid);
    EXPECT_EQ(check.record.expiresMs, 0);
    EXPECT_EQ(access::Grants(m_db, m_clock).find(QStringLiteral("a.example"))->duration,
              QStringLiteral("forever"));
    // b.example's record had no usable token: it is kept as a plain record, without the token.
    EXPECT_FALSE(
        store::ProfileRecords(m_db).get(QStringLiteral("b.example")).contains(QLatin1String("accessToken")));
}

TEST(LegacyImportGrantTest, DurationFromExpireTime)
{
    const qint64 now = 1'767'225'600'000;
    EXPECT_EQ(LegacyImport::grantDurationFor(0, now), QStringLiteral("forever"));
    EXPECT_EQ(LegacyImport::grantDurationFor(now - 1, now), QString());
    EXPECT_EQ(LegacyImport::grantDurationFor(now + 5'000, now), QStringLiteral("once"));
    EXPECT_EQ(LegacyImport::grantDurationFor(now + 10'001, now), QStringLiteral("1h"));
    EXPECT_EQ(LegacyImport::grantDurationFor(now + 3'600'000, now), QStringLiteral("1h"));
    EXPECT_EQ(LegacyImport::grantDurationFor(now + 3'600'001, now), QStringLiteral("1d"));
    EXPECT_EQ(LegacyImport::grantDurationFor(now + 86'400'001, now), QStringLiteral("1w"));
    EXPECT_EQ(LegacyImport::grantDurationFor(now + 604'800'001, now), QStringLiteral("1m"));
    EXPECT_EQ(LegacyImport::grantDurationFor(now + 9'000'000'000, now), QStringLiteral("1m"));
}
