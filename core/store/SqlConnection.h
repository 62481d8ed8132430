#pragma once

#include <QHash>
#include <QString>

#include <memory>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace tokenpass::store {

// A failed SQLite call: its extended result code (0 = no error) and SQLite's message. The code is
// what failureOf() (store/SqlWrite.h) reads; the message is for logs and error texts.
struct SqlError
{
    int code = 0;
    QString message;

    bool isValid() const { return code != 0; }
    int primaryCode() const { return code & 0xff; } // extended codes keep the primary in the low byte
    QString text() const { return message; }
};

// One SQLite connection (the C API, no Qt SQL: issue 19, a lean headless server). A cheap, shared
// handle: copies use the same connection, which closes when the last copy and the last query on
// it are gone. Like any SQLite connection opened without a mutex, it is used by one thread at a
// time; store::Database hands out one per thread.
//
// Prepared statements are kept per connection for reuse (SqlQuery::prepare takes one, gives it
// back when done), so the requests that run the same few statements do not parse them each time.
class SqlConnection
{
public:
    SqlConnection() = default; // not open

    // Opens (creating if absent) the file, read-write, with the busy timeout and extended result
    // codes. On failure the connection is not open and lastError() says why.
    static SqlConnection open(const QString& filePath, int busyTimeoutMs);

    bool isOpen() const;
    QString databaseName() const;
    // The open's failure, or that of the last transaction(), commit() or rollback().
    SqlError lastError() const;

    // BEGIN, COMMIT and ROLLBACK. (WriteTransaction uses BEGIN IMMEDIATE through a query.)
    bool transaction();
    bool commit();
    bool rollback();

    sqlite3* handle() const;
    int idleStatementCount() const; // cached and not in use, for tests
    static int openCount();         // connections open in this process, for tests

    struct State;

private:
    friend class SqlQuery;
    explicit SqlConnection(std::shared_ptr<State> state) : m_state(std::move(state)) {}
    bool execute(const char* sql);

    std::shared_ptr<State> m_state;
};

// The connection itself, shared by its handles and the queries running on it.
struct SqlConnection::State
{
    static constexpr int kMaxIdleStatements = 64; // beyond this a returned statement is finalized

    sqlite3* db = nullptr;
    QString path;
    SqlError lastError;
    QHash<QString, std::vector<sqlite3_stmt*>> idle; // prepared, reset, not used by any query
    int idleCount = 0;

    State() = default;
    State(const State&) = delete;
    State& operator=(const State&) = delete;
    ~State(); // finalizes every cached statement, then closes

    // A prepared statement for `sql` that no live query uses: a cached one, else a new one.
    // Null with `error` set when SQLite refuses the SQL; null with no error for empty SQL.
    sqlite3_stmt* take(const QString& sql, SqlError& error);
    // Back to the cache (reset, bindings cleared), or finalized when the cache is full.
    void give(const QString& sql, sqlite3_stmt* statement);
    SqlError errorOf(int resultCode) const;
};

} // namespace tokenpass::store
