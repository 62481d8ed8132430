#include "store/SqlQuery.h"

#include <QDateTime>
#include <QUuid>

#include <sqlite3.h>

#include <limits>

namespace tokenpass::store {

namespace {

SqlError misuse(const char* why)
{
    return SqlError{SQLITE_MISUSE, QString::fromLatin1(why)};
}

// Qt SQL's notion of a NULL value: an empty QVariant, or a null string, byte array, date or uuid.
bool isNullValue(const QVariant& value)
{
    if (!value.isValid() || value.isNull())
        return true;
    switch (value.typeId()) {
    case QMetaType::QString:
        return value.value<QString>().isNull();
    case QMetaType::QByteArray:
        return value.value<QByteArray>().isNull();
    case QMetaType::QDateTime:
        return !value.value<QDateTime>().isValid();
    case QMetaType::QDate:
        return value.value<QDate>().isNull();
    case QMetaType::QTime:
        return !value.value<QTime>().isValid();
    case QMetaType::QUuid:
        return value.value<QUuid>().isNull();
    default:
        return false;
    }
}

int bindText(sqlite3_stmt* statement, int index, const QString& text)
{
    return sqlite3_bind_text16(statement, index, text.utf16(), int(text.size() * qsizetype(sizeof(char16_t))),
                               SQLITE_TRANSIENT);
}

int bindOne(sqlite3_stmt* statement, int index, const QVariant& value)
{
    if (isNullValue(value))
        return sqlite3_bind_null(statement, index);
    switch (value.typeId()) {
    case QMetaType::QByteArray: {
        const QByteArray bytes = value.toByteArray();
        return sqlite3_bind_blob(statement, index, bytes.constData(), int(bytes.size()), SQLITE_TRANSIENT);
    }
    case QMetaType::Int:
    case QMetaType::Bool:
        return sqlite3_bind_int(statement, index, value.toInt());
    case QMetaType::UInt:
    case QMetaType::LongLong:
        return sqlite3_bind_int64(statement, index, value.toLongLong());
    case QMetaType::ULongLong: {
        // Qt bound these as text, which an INTEGER column stores as the same integer; above
        // INT64_MAX the text is kept (an integer would wrap).
        const qulonglong number = value.toULongLong();
        if (number <= qulonglong(std::numeric_limits<qint64>::max()))
            return sqlite3_bind_int64(statement, index, qint64(number));
        return bindText(statement, index, value.toString());
    }
    case QMetaType::Double:
        return sqlite3_bind_double(statement, index, value.toDouble());
    case QMetaType::QString:
        return bindText(statement, index, value.value<QString>());
    default:
        return bindText(statement, index, value.toString());
    }
}

} // namespace

SqlQuery::SqlQuery(const SqlConnection& connection) : m_connection(connection.m_state) {}

SqlQuery::~SqlQuery()
{
    release();
}

void SqlQuery::release()
{
    if (m_statement)
        m_connection->give(m_sql, m_statement);
    m_statement = nullptr;
    m_active = false;
    m_firstRowPending = false;
    m_onRow = false;
}

bool SqlQuery::fail(const SqlError& error)
{
    m_error = error;
    m_active = false;
    m_firstRowPending = false;
    m_onRow = false;
    return false;
}

bool SqlQuery::prepare(const QString& sql)
{
    release();
    m_named.clear();
    m_positional.clear();
    m_nextPositional = 0;
    m_error = {};
    m_sql = sql;
    if (!m_connection || !m_connection->db)
        return fail(misuse("Driver not loaded"));
    SqlError error;
    m_statement = m_connection->take(sql, error);
    if (!m_statement)
        return fail(error.isValid() ? error : misuse("No query"));
    return true;
}

void SqlQuery::bindValue(const QString& placeholder, const QVariant& value)
{
    m_named.insert(placeholder, value);
}

void SqlQuery::addBindValue(const QVariant& value)
{
    if (m_nextPositional < m_positional.size())
        m_positional[m_nextPositional] = value;
    else
        m_positional.append(value);
    ++m_nextPositional;
}

bool SqlQuery::bindAll()
{
    sqlite3_clear_bindings(m_statement);
    const int count = sqlite3_bind_parameter_count(m_statement);
    int positional = 0;
    for (int index = 1; index <= count; ++index) {
        const char* name = sqlite3_bind_parameter_name(m_statement, index);
        const QString key = name && name[0] != '?' ? QString::fromUtf8(name) : QString();
        const QVariant* value = nullptr;
        const auto named = key.isEmpty() ? m_named.constEnd() : m_named.constFind(key);
        if (named != m_named.constEnd())
            value = &*named;
        else if (positional < m_positional.size())
            value = &m_positional.at(positional++);
        if (!value)
            return fail({SQLITE_RANGE, QStringLiteral("Parameter count mismatch")});
        const int rc = bindOne(m_statement, index, *value);
        if (rc != SQLITE_OK)
            return fail(m_connection->errorOf(rc));
    }
    if (positional < m_positional.size())
        return fail({SQLITE_RANGE, QStringLiteral("Parameter count mismatch")});
    return true;
}

bool SqlQuery::exec()
{
    m_nextPositional = 0;
    m_error = {};
    if (!m_statement)
        return fail(misuse("No query"));
    sqlite3_reset(m_statement);
    m_active = false;
    m_firstRowPending = false;
    m_onRow = false;
    if (!bindAll())
        return false;
    if (!step())
        return false;
    m_firstRowPending = m_onRow;
    m_onRow = false;
    m_active = true;
    return true;
}

bool SqlQuery::exec(const QString& sql)
{
    return prepare(sql) && exec();
}

// One sqlite3_step: true on a row or at the end (then the statement is reset, so it holds no
// lock), false with lastError() on a failure.
bool SqlQuery::step()
{
    const int rc = sqlite3_step(m_statement);
    if (rc == SQLITE_ROW) {
        m_onRow = true;
        return true;
    }
    m_onRow = false;
    if (rc == SQLITE_DONE) {
        sqlite3_reset(m_statement);
        return true;
    }
    const SqlError error = m_connection->errorOf(rc);
    sqlite3_reset(m_statement);
    return fail(error);
}

bool SqlQuery::next()
{
    if (!m_active)
        return false;
    if (m_firstRowPending) {
        m_firstRowPending = false;
        m_onRow = true;
        return true;
    }
    if (!m_onRow)
        return false;
    if (!step()) {
        m_active = true; // like QSqlQuery: still active, after the last row, with the error
        return false;
    }
    return m_onRow;
}

QVariant SqlQuery::value(int column) const
{
    if (!m_onRow || column < 0 || column >= sqlite3_column_count(m_statement))
        return QVariant();
    switch (sqlite3_column_type(m_statement, column)) {
    case SQLITE_INTEGER:
        return qlonglong(sqlite3_column_int64(m_statement, column));
    case SQLITE_FLOAT:
        return sqlite3_column_double(m_statement, column);
    case SQLITE_BLOB:
        return QByteArray(static_cast<const char*>(sqlite3_column_blob(m_statement, column)),
                          sqlite3_column_bytes(m_statement, column));
    case SQLITE_NULL:
        return QVariant(QMetaType::fromType<QString>());
    default: {
        const auto* text = static_cast<const char16_t*>(sqlite3_column_text16(m_statement, column));
        const int units = sqlite3_column_bytes16(m_statement, column) / int(sizeof(char16_t));
        return QString(reinterpret_cast<const QChar*>(text), units);
    }
    }
}

int SqlQuery::columnCount() const
{
    return m_statement ? sqlite3_column_count(m_statement) : 0;
}

bool SqlQuery::isSelect() const
{
    return m_active && columnCount() > 0;
}

int SqlQuery::numRowsAffected() const
{
    return m_connection && m_connection->db ? sqlite3_changes(m_connection->db) : -1;
}

QVariant SqlQuery::lastInsertId() const
{
    if (!m_active)
        return QVariant();
    const qint64 id = sqlite3_last_insert_rowid(m_connection->db);
    return id ? QVariant(qlonglong(id)) : QVariant();
}

void SqlQuery::finish()
{
    if (m_statement)
        sqlite3_reset(m_statement);
    m_active = false;
    m_firstRowPending = false;
    m_onRow = false;
}

} // namespace tokenpass::store
