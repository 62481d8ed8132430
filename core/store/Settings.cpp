#include "store/Settings.h"

#include "store/Database.h"
#include "store/SqlQuery.h"
#include "store/SqlWrite.h"

namespace tokenpass::store {

Settings::Settings(std::shared_ptr<Database> database) : m_database(std::move(database)) {}

Settings::Definition Settings::definition(Key key)
{
    switch (key) {
    case Key::IdleLockMinutes:
        return {"lock.idleMinutes", Type::Integer, qint64(30)};
    case Key::UnlockWithKeychain:
        return {"lock.unlockWithKeychain", Type::Boolean, false};
    case Key::BapProfileUrl:
        return {"net.bapProfileUrl", Type::String, QStringLiteral("https://api.sigmaidentity.com")};
    case Key::SyncServerUrl:
        return {"net.syncServerUrl", Type::String, QStringLiteral("https://auth.sigmaidentity.com")};
    case Key::UnlockFailureCount:
        return {"unlock.failureCount", Type::Integer, qint64(0)};
    case Key::UnlockNextAllowedMs:
        return {"unlock.nextAllowedMs", Type::Integer, qint64(0)};
    case Key::LegacyImportDoneMs:
        return {"import.legacyDoneMs", Type::Integer, qint64(0)};
    case Key::LockOnScreenLock:
        return {"lock.onScreenLock", Type::Boolean, true};
    case Key::NotifySignatures:
        return {"ui.notifySignatures", Type::Boolean, true};
    case Key::OriginWhitelist:
        return {"net.originWhitelist", Type::String, QString()};
    case Key::ListenPort:
        return {"net.port", Type::Integer, qint64(21000)};
    case Key::AuditMaxAgeDays:
        return {"audit.maxAgeDays", Type::Integer, qint64(90)};
    case Key::AuditMaxRowsPerSite:
        return {"audit.maxRowsPerSite", Type::Integer, qint64(100000)};
    case Key::AuditMaxRowsTotal:
        return {"audit.maxRowsTotal", Type::Integer, qint64(1000000)};
    case Key::Language:
        return {"ui.language", Type::String, QString()};
    case Key::OAuthRsaKeys:
        return {"oauth.rsaKeys", Type::String, QString()};
    }
    Q_UNREACHABLE();
}

std::optional<QString> Settings::stored(Key key) const
{
    SqlQuery q(m_database->connection());
    q.prepare(QStringLiteral("SELECT value FROM settings WHERE key = ?"));
    q.addBindValue(QLatin1String(definition(key).name));
    if (!q.exec() || !q.next())
        return std::nullopt;
    return q.value(0).toString();
}

bool Settings::isSet(Key key) const
{
    return stored(key).has_value();
}

qint64 Settings::integer(Key key) const
{
    const Definition d = definition(key);
    Q_ASSERT(d.type == Type::Integer);
    if (d.type != Type::Integer)
        return 0;
    bool ok = false;
    const auto text = stored(key);
    const qint64 value = text ? text->toLongLong(&ok) : 0;
    return ok ? value : d.defaultValue.toLongLong();
}

bool Settings::boolean(Key key) const
{
    const Definition d = definition(key);
    Q_ASSERT(d.type == Type::Boolean);
    if (d.type != Type::Boolean)
        return false;
    const auto text = stored(key);
    if (text == QLatin1String("true"))
        return true;
    if (text == QLatin1String("false"))
        return false;
    return d.defaultValue.toBool();
}

QString Settings::string(Key key) const
{
    const Definition d = definition(key);
    Q_ASSERT(d.type == Type::String);
    if (d.type != Type::String)
        return QString();
    return stored(key).value_or(d.defaultValue.toString());
}

Result<bool> Settings::setInteger(Key key, qint64 value)
{
    return write(key, Type::Integer, QString::number(value));
}

Result<bool> Settings::setBoolean(Key key, bool value)
{
    return write(key, Type::Boolean, value ? QStringLiteral("true") : QStringLiteral("false"));
}

Result<bool> Settings::setString(Key key, const QString& value)
{
    return write(key, Type::String, value);
}

Result<bool> Settings::write(Key key, Type type, const QString& text)
{
    const Definition d = definition(key);
    if (d.type != type)
        return Result<bool>::fail(QStringLiteral("Setting %1 has another type").arg(QLatin1String(d.name)));
    SqlQuery q(m_database->connection());
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)"));
    q.addBindValue(QLatin1String(d.name));
    q.addBindValue(text);
    if (!q.exec())
        return writeFailed<bool>(QStringLiteral("Cannot store setting %1 in %2")
                                     .arg(QLatin1String(d.name), m_database->filePath()),
                                 q.lastError(), m_database->filePath());
    return Result<bool>::ok(true);
}

Result<bool> Settings::reset(Key key)
{
    SqlQuery q(m_database->connection());
    q.prepare(QStringLiteral("DELETE FROM settings WHERE key = ?"));
    q.addBindValue(QLatin1String(definition(key).name));
    if (!q.exec())
        return writeFailed<bool>(QStringLiteral("Cannot reset setting %1 in %2")
                                     .arg(QLatin1String(definition(key).name), m_database->filePath()),
                                 q.lastError(), m_database->filePath());
    return Result<bool>::ok(true);
}

} // namespace tokenpass::store
