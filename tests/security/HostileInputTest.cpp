// Bodies built to hurt the parser or the store (API.md decision 3): too big, too deep, not UTF-8,
// absurdly long lists. Each gets a prompt, exact JSON error and leaves the server working.

#include "RawClient.h"
#include "SecurityFixture.h"

#include <QElapsedTimer>
#include <QJsonArray>

using namespace tokenpass::test;

namespace {

const QByteArray kInvalidJson = R"({"error":"Invalid JSON body","success":false})";
constexpr qint64 kPromptMs = 3000; // generous for sanitizer builds; a hang is what we catch

} // namespace

class HostileInput : public SecurityFixture
{
protected:
    // Posts and also measures how long the answer took.
    HttpResult timedPost(const QString& path, const QByteArray& body, const Headers& headers, qint64* ms)
    {
        QElapsedTimer timer;
        timer.start();
        HttpResult r = post(path, body, headers);
        *ms = timer.elapsed();
        return r;
    }

    void expectStillServing()
    {
        const HttpResult r = get(QStringLiteral("/api/status"));
        EXPECT_EQ(r.status, 200);
    }
};

TEST_F(HostileInput, BodyOverOneMebibyteIs413OnEveryKindOfEndpoint)
{
    // The 413 comes as soon as the head is in and the connection closes without the body being
    // read (issue 15), so the client here reads while it sends, as a browser does; one that
    // insists on sending everything first sees the connection reset instead.
    for (const QByteArray& path :
         {QByteArray("/api/login"), QByteArray("/api/register"), QByteArray("/api/sign"),
          QByteArray("/api/auth"), QByteArray("/api/backups/import")}) {
        for (const qint64 size : {qint64(1024 * 1024 + 1), qint64(8 * 1024 * 1024)}) {
            const QByteArray head =
                "POST " + path + " HTTP/1.1\r\nHost: " + ourHost() +
                "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(size) +
                "\r\n\r\n";
            std::vector<std::unique_ptr<BodyStreamer>> one;
            one.push_back(std::make_unique<BodyStreamer>(m_port, head, size, false));
            runStreamers(one, 10000);
            const RawClient& c = one.front()->client();
            EXPECT_EQ(c.status(), 413) << path.constData() << " " << size;
            EXPECT_EQ(c.body(), QByteArray(R"({"error":"Request body too large","success":false})"));
            EXPECT_TRUE(c.header("Content-Type").startsWith("application/json"));
            EXPECT_EQ(c.header("Cache-Control"), QByteArray("no-store"));
            EXPECT_EQ(c.header("X-Content-Type-Options"), QByteArray("nosniff"));
            EXPECT_TRUE(c.closed());
        }
    }
    EXPECT_FALSE(walletExists());
    // Exactly at the limit is parsed (and then judged on its content).
    const QByteArray prefix = "{\"host\":\"";
    const QByteArray atLimit = prefix + QByteArray(1024 * 1024 - prefix.size() - 2, 'h') + "\"}";
    ASSERT_EQ(atLimit.size(), 1024 * 1024);
    EXPECT_NE(post(QStringLiteral("/api/auth"), atLimit).status, 413);
    expectStillServing();
}

TEST_F(HostileInput, DeeplyNestedJsonIsRejectedPromptly)
{
    registerWallet();
    const QList<QByteArray> bodies{QByteArray(100000, '['), QByteArray(100000, '[') + QByteArray(100000, ']'),
                                   QByteArray("{\"a\":").repeated(100000),
                                   "{\"host\":\"x\",\"scopes\":" + QByteArray(100000, '[') + "}"};
    for (const QString& path :
         {QStringLiteral("/api/auth"), QStringLiteral("/api/login"), QStringLiteral("/api/sign")}) {
        for (const QByteArray& body : bodies) {
            qint64 ms = 0;
            const HttpResult r = timedPost(path, body, {}, &ms);
            EXPECT_EQ(r.status, 400) << qPrintable(path) << " " << body.left(12).constData();
            EXPECT_TRUE(r.body == kInvalidJson || r.json()
                                                      .value(QStringLiteral("error"))
                                                      .toString()
                                                      .startsWith(QStringLiteral("Invalid input")))
                << r.body.constData();
            EXPECT_LT(ms, kPromptMs);
            expectHardenedJson(r, "nested");
        }
    }
    expectStillServing();
}

TEST_F(HostileInput, InvalidUtf8InStringsIsInvalidJson)
{
    registerWallet();
    ASSERT_EQ(post(QStringLiteral("/api/logout"), "{}").status, 200);
    const QList<QByteArray> badStrings{
        "\xff\xfe",         // never valid
        "\xc3\x28",         // bad continuation
        "\xc0\xaf",         // overlong '/'
        "\xed\xa0\x80",     // a UTF-16 surrogate encoded as UTF-8
        "\xf4\x90\x80\x80", // beyond U+10FFFF
        "abc\xe2\x82",      // truncated sequence at the end
    };
    for (const QByteArray& bad : badStrings) {
        m_clock.advance(61000); // past the per-endpoint limit: only the body is judged
        const HttpResult login = post(QStringLiteral("/api/login"), "{\"password\":\"" + bad + "\"}");
        EXPECT_EQ(login.status, 400) << bad.toHex().constData() << " " << login.body.constData();
        EXPECT_EQ(login.body, kInvalidJson) << bad.toHex().constData();
        expectHardenedJson(login, "utf8 login");
        const HttpResult auth = post(QStringLiteral("/api/auth"), "{\"host\":\"a" + bad + "\"}");
        EXPECT_EQ(auth.status, 400) << bad.toHex().constData() << " " << auth.body.constData();
        EXPECT_EQ(auth.body, kInvalidJson) << bad.toHex().constData();
    }
    // None of them counted as a wrong password.
    m_clock.advance(61000);
    const HttpResult ok = post(QStringLiteral("/api/login"), R"({"password":"correct horse battery"})");
    EXPECT_EQ(ok.status, 200) << ok.body.constData();
}

TEST_F(HostileInput, HundredThousandScopesAreRefusedWithAClearError)
{
    registerWallet();
    QJsonArray many;
    for (int i = 0; i < 100000; ++i)
        many.append(QStringLiteral("s%1").arg(i));
    const QByteArray asArray =
        QJsonDocument(QJsonObject{{QStringLiteral("host"), QStringLiteral("a.example")},
                                  {QStringLiteral("password"), QString::fromLatin1(kPassword)},
                                  {QStringLiteral("scopes"), many}})
            .toJson(QJsonDocument::Compact);
    ASSERT_LT(asArray.size(), 1024 * 1024);
    QStringList names;
    for (int i = 0; i < 100000; ++i)
        names.append(QStringLiteral("s%1").arg(i));
    const QByteArray asString =
        "{\"host\":\"a.example\",\"scopes\":\"" + names.join(QLatin1Char(',')).toUtf8() + "\"}";
    const QByteArray sameOneRepeated =
        "{\"host\":\"a.example\",\"scopes\":[" + QByteArray("\"sign\",").repeated(99999) + "\"sign\"]}";

    const QByteArray expected = R"({"error":"Too big: expected array to have <=64 items","success":false})";
    for (const QByteArray& body : {asArray, asString, sameOneRepeated}) {
        qint64 ms = 0;
        const HttpResult r = timedPost(QStringLiteral("/api/auth"), body, {}, &ms);
        EXPECT_EQ(r.status, 400) << r.body.left(200).constData();
        EXPECT_EQ(r.body, expected);
        EXPECT_LT(ms, kPromptMs);
        expectHardenedJson(r, "scopes");
    }
    // Nothing was granted or issued for the host.
    EXPECT_FALSE(get(QStringLiteral("/api/status")).body.contains("a.example"));

    // 64 is still fine (every real client asks for at most nine).
    QJsonArray enough;
    for (int i = 0; i < 64; ++i)
        enough.append(QStringLiteral("s%1").arg(i));
    const HttpResult ok =
        post(QStringLiteral("/api/auth"),
             QJsonDocument(QJsonObject{{QStringLiteral("host"), QStringLiteral("b.example")},
                                       {QStringLiteral("password"), QString::fromLatin1(kPassword)},
                                       {QStringLiteral("scopes"), enough}})
                 .toJson(QJsonDocument::Compact));
    EXPECT_EQ(ok.status, 200) << ok.body.constData();
}
