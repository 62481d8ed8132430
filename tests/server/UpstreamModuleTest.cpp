// UpstreamClient without its module (server/upstream/): every send answers Unreachable, later
// (never inside send()), and the error names the file that is missing. With the module, the
// Sync and BapProfile suites run every outcome against stand-in upstream servers.
#include "UpstreamClient.h"

#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFile>
#include <QTemporaryDir>

#include <optional>

using tokenpass::server::UpstreamClient;

namespace {

// Restores the process-wide module file after the test.
struct ModuleFileScope
{
    explicit ModuleFileScope(const QString& file) { UpstreamClient::setModuleFile(file); }
    ~ModuleFileScope() { UpstreamClient::setModuleFile(QStringLiteral(TOKENPASS_UPSTREAM_MODULE)); }
};

std::optional<UpstreamClient::Result> sendAndWait(UpstreamClient& client, bool* answeredInsideSend)
{
    std::optional<UpstreamClient::Result> answer;
    client.send("GET", QUrl(QStringLiteral("http://127.0.0.1:9/api/x")), {}, {}, 2000,
                [&answer](const UpstreamClient::Result& result) { answer = result; });
    *answeredInsideSend = answer.has_value();
    QDeadlineTimer deadline(5000);
    while (!answer && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return answer;
}

} // namespace

TEST(UpstreamModule, AMissingModuleIsUnreachableNamingTheFile)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString missing = dir.filePath(QStringLiteral("libtokenpass_upstream.so"));
    ModuleFileScope scope(missing);
    UpstreamClient client;
    for (int i = 0; i < 2; ++i) { // and again: no half-made state after a failed load
        bool inside = true;
        const auto answer = sendAndWait(client, &inside);
        EXPECT_FALSE(inside) << "answered inside send()";
        ASSERT_TRUE(answer.has_value());
        EXPECT_EQ(answer->outcome, UpstreamClient::Result::Outcome::Unreachable);
        EXPECT_TRUE(answer->errorText.contains(missing)) << qPrintable(answer->errorText);
    }
}

TEST(UpstreamModule, AFileThatIsNoModuleIsUnreachableWithTheLoadersWords)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString bogus = dir.filePath(QStringLiteral("libtokenpass_upstream.so"));
    QFile file(bogus);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write("not an ELF file");
    file.close();
    ModuleFileScope scope(bogus);
    UpstreamClient client;
    bool inside = true;
    const auto answer = sendAndWait(client, &inside);
    ASSERT_TRUE(answer.has_value());
    EXPECT_EQ(answer->outcome, UpstreamClient::Result::Outcome::Unreachable);
    EXPECT_TRUE(answer->errorText.contains(bogus)) << qPrintable(answer->errorText);
}

TEST(UpstreamModule, TheBuiltModuleLoadsAndReportsARefusedConnection)
{
    ModuleFileScope scope(QStringLiteral(TOKENPASS_UPSTREAM_MODULE));
    UpstreamClient client;
    bool inside = true;
    const auto answer = sendAndWait(client, &inside); // port 9 (discard): nobody listens
    ASSERT_TRUE(answer.has_value());
    EXPECT_EQ(answer->outcome, UpstreamClient::Result::Outcome::Unreachable);
    EXPECT_FALSE(answer->errorText.contains(QStringLiteral("no upstream module")))
        << qPrintable(answer->errorText);
}
