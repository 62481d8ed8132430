#include "CommandLine.h"

#include <gtest/gtest.h>

using tokenpass::app::parseCommandLine;

namespace {
QStringList args(std::initializer_list<const char*> rest)
{
    QStringList out{QStringLiteral("tokenpass")};
    for (const char* a : rest)
        out << QString::fromUtf8(a);
    return out;
}
} // namespace

TEST(CommandLine, NoArgumentsRunsTheTrayApp)
{
    const auto parsed = parseCommandLine(args({}));
    EXPECT_FALSE(parsed.exitNow);
    EXPECT_FALSE(parsed.options.headless);
    EXPECT_FALSE(parsed.options.minimized);
    EXPECT_TRUE(parsed.options.dataDir.isEmpty());
    EXPECT_TRUE(parsed.options.port.isEmpty());
}

TEST(CommandLine, EveryOptionIsPassedOn)
{
    const auto parsed =
        parseCommandLine(args({"--headless", "--minimized", "--data-dir", "/tmp/tp data", "--port", "0"}));
    ASSERT_FALSE(parsed.exitNow) << qPrintable(parsed.output);
    EXPECT_TRUE(parsed.options.headless);
    EXPECT_TRUE(parsed.options.minimized);
    EXPECT_EQ(parsed.options.dataDir, QStringLiteral("/tmp/tp data"));
    EXPECT_EQ(parsed.options.port, QStringLiteral("0"));
}

TEST(CommandLine, EqualsFormWorks)
{
    const auto parsed = parseCommandLine(args({"--port=21001", "--data-dir=/x"}));
    EXPECT_EQ(parsed.options.port, QStringLiteral("21001"));
    EXPECT_EQ(parsed.options.dataDir, QStringLiteral("/x"));
}

TEST(CommandLine, VersionPrintsTheProjectVersion)
{
    const auto parsed = parseCommandLine(args({"--version"}));
    EXPECT_TRUE(parsed.exitNow);
    EXPECT_EQ(parsed.exitCode, 0);
    EXPECT_TRUE(parsed.output.startsWith(QStringLiteral("TokenPass " TOKENPASS_VERSION)))
        << qPrintable(parsed.output);
}

TEST(CommandLine, HelpListsEveryOption)
{
    const auto parsed = parseCommandLine(args({"--help"}));
    EXPECT_TRUE(parsed.exitNow);
    EXPECT_EQ(parsed.exitCode, 0);
    EXPECT_TRUE(parsed.output.startsWith(QStringLiteral("Usage: tokenpass"))) << qPrintable(parsed.output);
    for (const char* option : {"--headless", "--data-dir", "--port", "--minimized", "--version", "--help"})
        EXPECT_TRUE(parsed.output.contains(QString::fromUtf8(option))) << option;
}

TEST(CommandLine, UnknownOptionIsAUsageError)
{
    const auto parsed = parseCommandLine(args({"--frobnicate"}));
    EXPECT_TRUE(parsed.exitNow);
    EXPECT_EQ(parsed.exitCode, 2);
    EXPECT_TRUE(parsed.output.contains(QStringLiteral("frobnicate")));
}

TEST(CommandLine, StrayArgumentIsAUsageError)
{
    const auto parsed = parseCommandLine(args({"oops"}));
    EXPECT_TRUE(parsed.exitNow);
    EXPECT_EQ(parsed.exitCode, 2);
}

TEST(CommandLine, MissingValueIsAUsageError)
{
    const auto parsed = parseCommandLine(args({"--port"}));
    EXPECT_TRUE(parsed.exitNow);
    EXPECT_EQ(parsed.exitCode, 2);
}
