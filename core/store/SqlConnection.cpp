#include "store/SqlConnection.h"

#include <sqlite3.h>

#include <atomic>

namespace tokenpass::store {

namespace {
std::atomic<int> g_openConnections{0};
} // namespace

SqlConnection::State::~State()
{
    // Queries hold the State, so no statement is in use here: the cached ones are all there is,
    // and sqlite3_close_v2 closes at once.
    for (auto& statements : idle) {
        for (sqlite3_stmt* statement : statements)
            sqlite3_finalize(statement);
    }
    idle.clear();
    if (db) {
        sqlite3_close_v2(db);
        --g_openConnections;
    }
}

SqlError SqlConnection::State::errorOf(int resultCode) const
{
    SqlError error;
    error.code = resultCode;
    // The connection's message belongs to its last failed call, which is this one.
    error.message =
        db ? QString::fromUtf8(sqlite3_errmsg(db)) : QString::fromUtf8(sqlite3_errstr(resultCode));
    return error;
}

sqlite3_stmt* SqlConnection::State::take(const QString& sql, SqlError& error)
{
    error = {};
    const auto cached = idle.find(sql);
    if (cached != idle.end() && !cached->empty()) {
        sqlite3_stmt* statement = cached->back();
        cached->pop_back();
        --idleCount;
        return statement;
    }
    const QByteArray text = sql.toUtf8();
    sqlite3_stmt* statement = nullptr;
    const char* tail = nullptr;
    const int rc = sqlite3_prepare_v3(db, text.constData(), int(text.size()), SQLITE_PREPARE_PERSISTENT,
                                      &statement, &tail);
    if (rc != SQLITE_OK) {
        error = errorOf(sqlite3_extended_errcode(db));
        sqlite3_finalize(statement);
        return nullptr;
    }
    // One statement per exec, as Qt SQL had it: the rest would be silently ignored.
    if (tail && !QByteArray(tail).trimmed().isEmpty()) {
        sqlite3_finalize(statement);
        error.code = SQLITE_MISUSE;
        error.message = QStringLiteral("Unable to execute multiple statements at a time");
        return nullptr;
    }
    return statement;
}

void SqlConnection::State::give(const QString& sql, sqlite3_stmt* statement)
{
    if (!statement)
        return;
    sqlite3_reset(statement);
    sqlite3_clear_bindings(statement);
    if (idleCount >= kMaxIdleStatements) {
        sqlite3_finalize(statement);
        return;
    }
    idle[sql].push_back(statement);
    ++idleCount;
}

SqlConnection SqlConnection::open(const QString& filePath, int busyTimeoutMs)
{
    auto state = std::make_shared<State>();
    state->path = filePath;
    // The flags Qt's QSQLITE driver used: one thread at a time per connection (NOMUTEX), a
    // private cache.
    const int flags =
        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_PRIVATECACHE | SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(filePath.toUtf8().constData(), &state->db, flags, nullptr);
    if (rc != SQLITE_OK) {
        state->lastError = state->errorOf(state->db ? sqlite3_extended_errcode(state->db) : rc);
        sqlite3_close_v2(state->db);
        state->db = nullptr;
        if (!state->lastError.isValid())
            state->lastError.code = rc;
        return SqlConnection(std::move(state));
    }
    ++g_openConnections;
    sqlite3_busy_timeout(state->db, busyTimeoutMs);
    sqlite3_extended_result_codes(state->db, 1);
    return SqlConnection(std::move(state));
}

bool SqlConnection::isOpen() const
{
    return m_state && m_state->db;
}

QString SqlConnection::databaseName() const
{
    return m_state ? m_state->path : QString();
}

SqlError SqlConnection::lastError() const
{
    if (!m_state)
        return SqlError{SQLITE_MISUSE, QStringLiteral("No connection")};
    return m_state->lastError;
}

bool SqlConnection::execute(const char* sql)
{
    if (!isOpen())
        return false;
    char* message = nullptr;
    const int rc = sqlite3_exec(m_state->db, sql, nullptr, nullptr, &message);
    sqlite3_free(message);
    if (rc != SQLITE_OK) {
        m_state->lastError = m_state->errorOf(sqlite3_extended_errcode(m_state->db));
        return false;
    }
    m_state->lastError = {};
    return true;
}

bool SqlConnection::transaction()
{
    return execute("BEGIN");
}

bool SqlConnection::commit()
{
    return execute("COMMIT");
}

bool SqlConnection::rollback()
{
    return execute("ROLLBACK");
}

sqlite3* SqlConnection::handle() const
{
    return m_state ? m_state->db : nullptr;
}

int SqlConnection::openCount()
{
    return g_openConnections.load();
}

int SqlConnection::idleStatementCount() const
{
    return m_state ? m_state->idleCount : 0;
}

} // namespace tokenpass::store
