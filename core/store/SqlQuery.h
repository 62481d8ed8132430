#pragma once

#include "store/SqlConnection.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QVariant>

namespace tokenpass::store {

// One statement on a SqlConnection, shaped like the part of QSqlQuery this code used, and typed
// the way Qt's QSQLITE driver typed values, so files written by earlier versions read and compare
// the same (issue 19):
//   bound:  null QVariant, null QString or null QByteArray → NULL; QByteArray → BLOB; int, bool →
//           INTEGER; uint, qlonglong, qulonglong up to INT64_MAX → INTEGER; double → REAL; QString
//           and anything else → TEXT (QVariant::toString()), as Qt did.
//   read:   INTEGER → qlonglong; REAL → double; TEXT → QString; BLOB → QByteArray; NULL → a null
//           QVariant of type QString (what Qt returned).
// exec() runs to the first row, so a failure of the statement is the exec()'s; next() then
// starts with that row. One statement per exec: SQL with a second statement is refused.
class SqlQuery
{
public:
    explicit SqlQuery(const SqlConnection& connection);
    ~SqlQuery(); // gives the statement back to the connection's cache
    SqlQuery(const SqlQuery&) = delete;
    SqlQuery& operator=(const SqlQuery&) = delete;

    bool prepare(const QString& sql); // clears the bound values
    // `placeholder` as written in the SQL, ":name". Values stay bound across exec() calls.
    void bindValue(const QString& placeholder, const QVariant& value);
    // The next positional value (`?`); after an exec() the next call binds the first again.
    void addBindValue(const QVariant& value);
    bool exec();
    bool exec(const QString& sql); // prepare + exec, nothing bound

    bool next();
    QVariant value(int column) const; // of the current row; an invalid QVariant out of range
    int columnCount() const;

    bool isActive() const { return m_active; }
    bool isSelect() const; // has result columns
    int numRowsAffected() const;
    QVariant lastInsertId() const; // qlonglong, or invalid when nothing was inserted
    SqlError lastError() const { return m_error; }

    // Ends the statement (its read lock goes); exec() may run it again.
    void finish();

private:
    void release();
    bool fail(const SqlError& error);
    bool bindAll();
    bool step();

    std::shared_ptr<SqlConnection::State> m_connection;
    QString m_sql;
    sqlite3_stmt* m_statement = nullptr;
    QHash<QString, QVariant> m_named;
    QList<QVariant> m_positional;
    int m_nextPositional = 0;
    bool m_active = false;
    bool m_firstRowPending = false; // exec() stepped onto a row that next() has not shown yet
    bool m_onRow = false;
    SqlError m_error;
};

} // namespace tokenpass::store
