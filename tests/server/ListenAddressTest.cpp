#include "ListenAddress.h"

#include <gtest/gtest.h>

using tokenpass::server::resolvePort;

namespace {
// Sets or clears TOKENPASS_PORT for one test and restores it afterwards.
class PortEnv
{
public:
    explicit PortEnv(const char* value)
        : m_old(qgetenv("TOKENPASS_PORT")), m_had(qEnvironmentVariableIsSet("TOKENPASS_PORT"))
    {
        if (value)
            qputenv("TOKENPASS_PORT", value);
        else
            qunsetenv("TOKENPASS_PORT");
    }
    ~PortEnv()
    {
        if (m_had)
            qputenv("TOKENPASS_PORT", m_old);
        else
            qunsetenv("TOKENPASS_PORT");
    }

private:
    QByteArray m_old;
    bool m_had;
};
} // namespace

TEST(ListenAddress, DefaultsTo21000)
{
    PortEnv env(nullptr);
    const auto port = resolvePort(QString());
    ASSERT_TRUE(port) << qPrintable(port.error());
    EXPECT_EQ(*port, 21000);
}

TEST(ListenAddress, EnvironmentOverridesDefault)
{
    PortEnv env("21555");
    EXPECT_EQ(*resolvePort(QString()), 21555);
}

TEST(ListenAddress, CommandLineOverridesEnvironment)
{
    PortEnv env("21555");
    EXPECT_EQ(*resolvePort(QStringLiteral("0")), 0);
    EXPECT_EQ(*resolvePort(QStringLiteral("65535")), 65535);
}

TEST(ListenAddress, RejectsBadValuesAndNamesTheSource)
{
    PortEnv env("http");
    const auto fromEnv = resolvePort(QString());
    ASSERT_FALSE(fromEnv);
    EXPECT_TRUE(fromEnv.error().contains(QStringLiteral("TOKENPASS_PORT")));
    for (const char* bad : {"65536", "-1", "21000x", "1e3", "abc"}) {
        const auto r = resolvePort(QString::fromLatin1(bad));
        EXPECT_FALSE(r) << bad;
        EXPECT_TRUE(r.error().contains(QStringLiteral("--port"))) << bad;
    }
}
