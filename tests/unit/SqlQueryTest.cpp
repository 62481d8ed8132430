// store::SqlConnection / SqlQuery, the SQLite C API wrapper of issue 19: values are stored and
// read with the types Qt's QSQLITE driver used (so files of earlier versions compare the same),
// named and positional binds, the per-connection statement cache, and errors with their extended
// SQLite code.

#include "store/SqlQuery.h"

#include "common/TestDataDir.h"

#include <QDir>

#include <sqlite3.h>

#include <limits>

#include <gtest/gtest.h>

using namespace tokenpass;
using store::SqlConnection;
using store::SqlQuery;

namespace {

class SqlQueryTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_db = SqlConnection::open(path(), 5000);
        ASSERT_TRUE(m_db.isOpen()) << qPrintable(m_db.lastError().text());
        ASSERT_TRUE(SqlQuery(m_db).exec(QStringLiteral("CREATE TABLE t (n INTEGER PRIMARY KEY, v)")));
    }
    QString path() const { return QDir(m_dir.path()).filePath(QStringLiteral("t.sqlite")); }

    // Stores `value` in the untyped column v (no affinity: exactly what was bound) and returns
    // SQLite's typeof() and the value read back.
    std::pair<QString, QVariant> roundTrip(const QVariant& value)
    {
        SqlQuery insert(m_db);
        EXPECT_TRUE(insert.prepare(QStringLiteral("INSERT INTO t (v) VALUES (?)")));
        insert.addBindValue(value);
        EXPECT_TRUE(insert.exec()) << qPrintable(insert.lastError().text());
        const qlonglong row = insert.lastInsertId().toLongLong();
        SqlQuery select(m_db);
        select.prepare(QStringLiteral("SELECT typeof(v), v FROM t WHERE n = ?"));
        select.addBindValue(row);
        EXPECT_TRUE(select.exec() && select.next());
        return {select.value(0).toString(), select.value(1)};
    }

    test::TestDataDir m_dir;
    SqlConnection m_db;
};

} // namespace

TEST_F(SqlQueryTest, NullEmptyTextAndEmptyBlobStayApart)
{
    for (const QVariant& null : {QVariant(), QVariant(QString()), QVariant(QByteArray())}) {
        const auto [type, read] = roundTrip(null);
        EXPECT_EQ(type, QStringLiteral("null"));
        EXPECT_TRUE(read.isNull());
        EXPECT_EQ(read.typeId(), QMetaType::QString); // Qt's NULL: a null QString variant
    }
    const auto [textType, text] = roundTrip(QStringLiteral(""));
    EXPECT_EQ(textType, QStringLiteral("text"));
    EXPECT_EQ(text.typeId(), QMetaType::QString);
    EXPECT_FALSE(text.isNull());
    EXPECT_TRUE(text.toString().isEmpty());

    const auto [blobType, blob] = roundTrip(QByteArray(""));
    EXPECT_EQ(blobType, QStringLiteral("blob"));
    EXPECT_EQ(blob.typeId(), QMetaType::QByteArray);
    EXPECT_TRUE(blob.toByteArray().isEmpty());
}

TEST_F(SqlQueryTest, NumbersKeepTheirTypeAndExtremes)
{
    const qlonglong min = std::numeric_limits<qlonglong>::min();
    const qlonglong max = std::numeric_limits<qlonglong>::max();
    const QList<std::pair<QVariant, QVariant>> integers = {
        {QVariant(int(-5)), QVariant(qlonglong(-5))},
        {QVariant(true), QVariant(qlonglong(1))},
        {QVariant(uint(4294967295U)), QVariant(qlonglong(4294967295LL))},
        {QVariant(min), QVariant(min)},
        {QVariant(max), QVariant(max)},
        {QVariant(qulonglong(5)), QVariant(qlonglong(5))},
    };
    for (const auto& [bound, expected] : integers) {
        const auto [type, read] = roundTrip(bound);
        EXPECT_EQ(type, QStringLiteral("integer")) << qPrintable(bound.toString());
        EXPECT_EQ(read.typeId(), QMetaType::LongLong);
        EXPECT_EQ(read, expected);
    }
    // Beyond qint64 Qt bound the text, and so do we (an integer would wrap).
    const auto [bigType, big] = roundTrip(QVariant(std::numeric_limits<qulonglong>::max()));
    EXPECT_EQ(bigType, QStringLiteral("text"));
    EXPECT_EQ(big.toString(), QStringLiteral("18446744073709551615"));

    const auto [realType, real] = roundTrip(QVariant(-1.25e-300));
    EXPECT_EQ(realType, QStringLiteral("real"));
    EXPECT_EQ(real.typeId(), QMetaType::Double);
    EXPECT_EQ(real.toDouble(), -1.25e-300);
}

TEST_F(SqlQueryTest, BlobsWithNulBytesAndNonAsciiTextRoundTrip)
{
    const QByteArray bytes("\0a\0\xff\0", 5);
    const auto [blobType, blob] = roundTrip(bytes);
    EXPECT_EQ(blobType, QStringLiteral("blob"));
    EXPECT_EQ(blob.toByteArray(), bytes);

    const QString text = QStringLiteral("Grüße … ✓ \U0001F600 ü") + QChar(0) + QStringLiteral("x");
    const auto [textType, read] = roundTrip(text);
    EXPECT_EQ(textType, QStringLiteral("text"));
    EXPECT_EQ(read.toString(), text);

    // Text compares by value: a stored string is found by an equal bound one.
    SqlQuery find(m_db);
    find.prepare(QStringLiteral("SELECT count(*) FROM t WHERE v = ? AND length(v) = ?"));
    find.addBindValue(QString(text));
    find.addBindValue(13); // characters before the NUL, as SQLite's length() counts
    ASSERT_TRUE(find.exec() && find.next());
    EXPECT_EQ(find.value(0).toInt(), 1);
}

TEST_F(SqlQueryTest, NamedAndPositionalBinds)
{
    SqlQuery insert(m_db);
    ASSERT_TRUE(insert.prepare(QStringLiteral("INSERT INTO t (n, v) VALUES (:n, :v || '-' || :v)")));
    insert.bindValue(QStringLiteral(":n"), 7);
    insert.bindValue(QStringLiteral(":v"), QStringLiteral("x"));
    ASSERT_TRUE(insert.exec()) << qPrintable(insert.lastError().text());
    insert.bindValue(QStringLiteral(":n"), 8); // :v stays bound
    ASSERT_TRUE(insert.exec());
    EXPECT_EQ(insert.numRowsAffected(), 1);

    SqlQuery select(m_db);
    ASSERT_TRUE(select.prepare(QStringLiteral("SELECT v FROM t WHERE n = ? OR n = ? ORDER BY n")));
    select.addBindValue(7);
    select.addBindValue(8);
    ASSERT_TRUE(select.exec());
    ASSERT_TRUE(select.next());
    EXPECT_EQ(select.value(0).toString(), QStringLiteral("x-x"));
    ASSERT_TRUE(select.next());
    EXPECT_EQ(select.value(0).toString(), QStringLiteral("x-x"));
    EXPECT_FALSE(select.next());
    EXPECT_FALSE(select.value(0).isValid()); // after the last row
    // After an exec the next addBindValue starts again at the first placeholder.
    select.addBindValue(8);
    select.addBindValue(99);
    ASSERT_TRUE(select.exec() && select.next());
    EXPECT_FALSE(select.next());

    SqlQuery missing(m_db);
    missing.prepare(QStringLiteral("SELECT ?, :name"));
    missing.addBindValue(1);
    EXPECT_FALSE(missing.exec());
    EXPECT_EQ(missing.lastError().code, SQLITE_RANGE);
    EXPECT_FALSE(missing.isActive());
}

TEST_F(SqlQueryTest, TwoLiveQueriesWithTheSameSqlGetTheirOwnStatement)
{
    for (int n = 1; n <= 3; ++n)
        ASSERT_TRUE(SqlQuery(m_db).exec(QStringLiteral("INSERT INTO t (n, v) VALUES (%1, 'r%1')").arg(n)));
    const QString sql = QStringLiteral("SELECT v FROM t WHERE n >= ? ORDER BY n");
    const int idleBefore = m_db.idleStatementCount();
    {
        SqlQuery a(m_db);
        SqlQuery b(m_db);
        ASSERT_TRUE(a.prepare(sql));
        a.addBindValue(1);
        ASSERT_TRUE(a.exec() && a.next());
        ASSERT_TRUE(b.prepare(sql)); // `a` is still on its first row
        b.addBindValue(2);
        ASSERT_TRUE(b.exec() && b.next());
        EXPECT_EQ(a.value(0).toString(), QStringLiteral("r1"));
        EXPECT_EQ(b.value(0).toString(), QStringLiteral("r2"));
        ASSERT_TRUE(a.next() && b.next());
        EXPECT_EQ(a.value(0).toString(), QStringLiteral("r2"));
        EXPECT_EQ(b.value(0).toString(), QStringLiteral("r3"));
        // Preparing `a` again while `b` runs takes a statement `b` does not use.
        ASSERT_TRUE(a.prepare(sql));
        a.addBindValue(3);
        ASSERT_TRUE(a.exec() && a.next());
        EXPECT_EQ(a.value(0).toString(), QStringLiteral("r3"));
        EXPECT_FALSE(b.next());
    }
    // Both statements went back to the cache; the next query with that SQL reuses one, unbound.
    EXPECT_EQ(m_db.idleStatementCount(), idleBefore + 2);
    SqlQuery again(m_db);
    ASSERT_TRUE(again.prepare(sql));
    EXPECT_EQ(m_db.idleStatementCount(), idleBefore + 1);
    EXPECT_FALSE(again.exec()); // nothing bound on this query: the earlier values are not there
    again.addBindValue(3);
    ASSERT_TRUE(again.exec() && again.next());
    EXPECT_EQ(again.value(0).toString(), QStringLiteral("r3"));
}

TEST_F(SqlQueryTest, ErrorsCarryTheExtendedCode)
{
    ASSERT_TRUE(SqlQuery(m_db).exec(QStringLiteral("INSERT INTO t (n, v) VALUES (1, 'a')")));
    SqlQuery duplicate(m_db);
    EXPECT_FALSE(duplicate.exec(QStringLiteral("INSERT INTO t (n, v) VALUES (1, 'b')")));
    EXPECT_EQ(duplicate.lastError().code, SQLITE_CONSTRAINT_PRIMARYKEY);
    EXPECT_EQ(duplicate.lastError().primaryCode(), SQLITE_CONSTRAINT);
    EXPECT_FALSE(duplicate.lastError().text().isEmpty());

    SqlQuery syntax(m_db);
    EXPECT_FALSE(syntax.prepare(QStringLiteral("SELEKT 1")));
    EXPECT_EQ(syntax.lastError().code, SQLITE_ERROR);

    // One statement per exec, as with Qt SQL.
    SqlQuery two(m_db);
    EXPECT_FALSE(two.exec(QStringLiteral("SELECT 1; SELECT 2")));
    EXPECT_EQ(two.lastError().code, SQLITE_MISUSE);

    // A statement that succeeds clears the error.
    EXPECT_TRUE(duplicate.exec(QStringLiteral("SELECT 1")));
    EXPECT_FALSE(duplicate.lastError().isValid());

    const auto bad =
        SqlConnection::open(QDir(m_dir.path()).filePath(QStringLiteral("no/such/dir/x.sqlite")), 0);
    EXPECT_FALSE(bad.isOpen());
    EXPECT_EQ(bad.lastError().primaryCode(), SQLITE_CANTOPEN);
}

TEST_F(SqlQueryTest, TransactionsAndLastInsertId)
{
    ASSERT_TRUE(m_db.transaction());
    SqlQuery insert(m_db);
    ASSERT_TRUE(insert.exec(QStringLiteral("INSERT INTO t (n, v) VALUES (41, 'x')")));
    EXPECT_EQ(insert.lastInsertId(), QVariant(qlonglong(41)));
    ASSERT_TRUE(m_db.rollback());
    ASSERT_TRUE(m_db.transaction());
    EXPECT_FALSE(m_db.transaction()); // no nesting
    EXPECT_EQ(m_db.lastError().primaryCode(), SQLITE_ERROR);
    ASSERT_TRUE(insert.exec(QStringLiteral("INSERT INTO t (n, v) VALUES (42, 'y')")));
    ASSERT_TRUE(m_db.commit());
    SqlQuery count(m_db);
    ASSERT_TRUE(count.exec(QStringLiteral("SELECT group_concat(n) FROM t")) && count.next());
    EXPECT_EQ(count.value(0).toString(), QStringLiteral("42"));
}

TEST_F(SqlQueryTest, AFileWrittenThroughTheWrapperReadsBackIdentically)
{
    const QList<QVariant> values = {QVariant(),
                                    QStringLiteral(""),
                                    QByteArray(""),
                                    QByteArray("\0\x01\x02", 3),
                                    QStringLiteral("Zoë ✓"),
                                    qlonglong(std::numeric_limits<qlonglong>::min()),
                                    qlonglong(std::numeric_limits<qlonglong>::max()),
                                    0.1};
    for (const QVariant& value : values) {
        SqlQuery insert(m_db);
        insert.prepare(QStringLiteral("INSERT INTO t (v) VALUES (:v)"));
        insert.bindValue(QStringLiteral(":v"), value);
        ASSERT_TRUE(insert.exec());
    }
    const int open = SqlConnection::openCount();
    m_db = SqlConnection(); // closed: the last handle went
    EXPECT_EQ(SqlConnection::openCount(), open - 1);

    const auto reopened = SqlConnection::open(path(), 5000);
    ASSERT_TRUE(reopened.isOpen());
    SqlQuery select(reopened);
    ASSERT_TRUE(select.exec(QStringLiteral("SELECT v FROM t ORDER BY n")));
    for (const QVariant& value : values) {
        ASSERT_TRUE(select.next());
        const QVariant read = select.value(0);
        if (!value.isValid()) {
            EXPECT_TRUE(read.isNull());
            continue;
        }
        EXPECT_EQ(read.typeId(), value.typeId());
        EXPECT_EQ(read, value);
    }
    EXPECT_FALSE(select.next());
}
