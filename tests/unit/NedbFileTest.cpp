#include "store/NedbFile.h"
#include "common/TestDataDir.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>

#include <gtest/gtest.h>

using namespace tokenpass;
using store::NedbFile;

namespace {
QByteArray fixture()
{
    // What @seald-io/nedb appends over time (API.md §4.6): an index line, inserts, an update of
    // the same _id, a deletion, a re-insert after deletion, a date, and damage.
    return QByteArrayLiteral(
        "{\"$$indexCreated\":{\"fieldName\":\"host\",\"unique\":true,\"sparse\":false}}\n"          // 1
        "{\"host\":\"a.example\",\"scopes\":[\"sign\"],\"_id\":\"AAAAAAAAAAAAAAAA\"}\n"             // 2
        "{\"host\":\"b.example\",\"_id\":\"BBBBBBBBBBBBBBBB\"}\n"                                   // 3
        "{\"host\":\"c.example\",\"_id\":\"CCCCCCCCCCCCCCCC\"}\n"                                   // 4
        "{\"host\":\"a.example\",\"scopes\":[\"sign\",\"encrypt\"],\"_id\":\"AAAAAAAAAAAAAAAA\"}\n" // 5
        "{\"$$deleted\":true,\"_id\":\"BBBBBBBBBBBBBBBB\"}\n"                                       // 6
        "{\"host\":\"secret\",\"accessToken\":\"0f8fad5b-d9cb-469f-a165-7086772895\n" // 7 (torn)
        "\n"                                                                          // 8 blank
        "{\"host\":\"d.example\",\"createdAt\":{\"$$date\":1700000000000},"
        "\"nested\":[{\"$$date\":5}],\"_id\":\"DDDDDDDDDDDDDDDD\"}\n"              // 9
        "[1,2,3]\n"                                                                // 10
        "{\"host\":\"no-id\"}\n"                                                   // 11
        "{\"host\":\"b.example\",\"again\":true,\"_id\":\"BBBBBBBBBBBBBBBB\"}\r\n" // 12
        "{\"$$deleted\":true,\"_id\":\"CCCCCCCCCCCCCCCC\"}\n"                      // 13
        "{\"$$deleted\":true,\"_id\":\"never-existed000\"}\n");                    // 14
}

QStringList hosts(const store::NedbContents& c)
{
    QStringList out;
    for (const auto& d : c.documents)
        out << d.data.value(QLatin1String("host")).toString();
    return out;
}
} // namespace

TEST(NedbFileTest, LastLineWinsDeletionsAndOrder)
{
    const auto c = NedbFile::parse(fixture());
    // a: updated in place keeps its slot; b: deleted then re-inserted moves to the end; c: deleted.
    EXPECT_EQ(hosts(c), (QStringList{QStringLiteral("a.example"), QStringLiteral("d.example"),
                                     QStringLiteral("b.example")}));
    ASSERT_EQ(c.documents.size(), 3);
    EXPECT_EQ(c.documents[0].data.value(QLatin1String("scopes")).toArray().size(), 2);
    EXPECT_EQ(c.documents[0].lineNumber, 5);
    EXPECT_EQ(c.documents[0].data.value(QLatin1String("_id")).toString(), QStringLiteral("AAAAAAAAAAAAAAAA"));
    EXPECT_TRUE(c.documents[2].data.value(QLatin1String("again")).toBool());
    EXPECT_EQ(c.documents[2].lineNumber, 12);
    EXPECT_EQ(c.indexLines, 1);
    EXPECT_EQ(c.deletions, 3);
    EXPECT_EQ(c.lineCount, 13);
}

TEST(NedbFileTest, DatesBecomeMilliseconds)
{
    const auto c = NedbFile::parse(fixture());
    const QJsonObject d = c.documents[1].data;
    EXPECT_TRUE(d.value(QLatin1String("createdAt")).isDouble());
    EXPECT_EQ(d.value(QLatin1String("createdAt")).toInteger(), 1700000000000);
    EXPECT_EQ(d.value(QLatin1String("nested")).toArray().at(0).toInteger(), 5);
    // An object that merely contains $$date among other keys is left alone.
    const QJsonObject mixed{{QStringLiteral("$$date"), 1}, {QStringLiteral("x"), 2}};
    EXPECT_EQ(NedbFile::unwrapDates(mixed).toObject(), mixed);
}

TEST(NedbFileTest, MalformedLinesAreReportedByNumberWithoutContent)
{
    const auto c = NedbFile::parse(fixture());
    ASSERT_EQ(c.skipped.size(), 3);
    EXPECT_EQ(c.skipped[0].lineNumber, 7);
    EXPECT_EQ(c.skipped[0].reason, QStringLiteral("not valid JSON"));
    EXPECT_EQ(c.skipped[1].lineNumber, 10);
    EXPECT_EQ(c.skipped[1].reason, QStringLiteral("not a JSON object"));
    EXPECT_EQ(c.skipped[2].lineNumber, 11);
    EXPECT_EQ(c.skipped[2].reason, QStringLiteral("no _id"));
    for (const auto& s : c.skipped)
        EXPECT_FALSE(s.reason.contains(QLatin1String("0f8fad5b")));
    // 3 of 13 lines: NeDB itself would have refused this file (> 10 %).
    EXPECT_TRUE(c.nedbWouldRefuse());
}

TEST(NedbFileTest, EmptyAndTrailingNewlineFree)
{
    EXPECT_TRUE(NedbFile::parse(QByteArray()).documents.isEmpty());
    EXPECT_EQ(NedbFile::parse(QByteArray()).lineCount, 0);
    const auto c = NedbFile::parse("{\"_id\":\"x\",\"v\":1}\n{\"_id\":\"x\",\"v\":2}");
    ASSERT_EQ(c.documents.size(), 1);
    EXPECT_EQ(c.documents[0].data.value(QLatin1String("v")).toInt(), 2);
    EXPECT_FALSE(c.nedbWouldRefuse());
    EXPECT_TRUE(c.skipped.isEmpty());
}

TEST(NedbFileTest, NonUtf8AndBinaryGarbageAreSkipped)
{
    QByteArray content("{\"_id\":\"ok\",\"v\":1}\n");
    content += QByteArray("{\"_id\":\"bad\",\"v\":\"\xff\xfe\"}\n"); // no NUL inside: strlen is right
    content += QByteArray("\x00\x01\x02\n", 4);
    const auto c = NedbFile::parse(content);
    ASSERT_EQ(c.documents.size(), 1);
    EXPECT_EQ(c.documents[0].data.value(QLatin1String("_id")).toString(), QStringLiteral("ok"));
    EXPECT_EQ(c.skipped.size(), 2);
}

TEST(NedbFileTest, ReadLeavesTheFileUntouched)
{
    test::TestDataDir dir;
    const QString path = dir.filePath(QStringLiteral("state.db"));
    {
        QFile f(path);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(fixture());
    }
    const QDateTime modified = QFileInfo(path).lastModified();
    auto c = NedbFile::read(path);
    ASSERT_TRUE(c) << qPrintable(c.error());
    EXPECT_EQ(c->documents.size(), 3);
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    EXPECT_EQ(f.readAll(), fixture()); // NeDB would have compacted it; we must not
    EXPECT_EQ(QFileInfo(path).lastModified(), modified);
}

TEST(NedbFileTest, ReadErrorsNameTheFile)
{
    test::TestDataDir dir;
    const QString missing = dir.filePath(QStringLiteral("keys.db"));
    auto r = NedbFile::read(missing);
    ASSERT_FALSE(r);
    EXPECT_TRUE(r.error().contains(missing));
    auto d = NedbFile::read(dir.path());
    ASSERT_FALSE(d);
    EXPECT_TRUE(d.error().contains(dir.path()));
}
