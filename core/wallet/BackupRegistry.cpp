#include "wallet/BackupRegistry.h"

#include "fs/AtomicFile.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace tokenpass::wallet {

BackupRegistry::BackupRegistry(QString dataDir) : m_dataDir(std::move(dataDir)) {}

QString BackupRegistry::configPath() const
{
    return QDir(m_dataDir).filePath(QStringLiteral("config.json"));
}

QString BackupRegistry::defaultPath() const
{
    return QDir(m_dataDir).filePath(QStringLiteral("backup.bep"));
}

BackupRegistry::Config BackupRegistry::load() const
{
    Config config;
    const auto bytes = fs::readWholeFile(configPath());
    const QJsonObject root = bytes ? QJsonDocument::fromJson(*bytes).object() : QJsonObject();
    config.current = root.value(QStringLiteral("currentBackupPath")).toString();
    for (const QJsonValue& v : root.value(QStringLiteral("knownBackups")).toArray()) {
        const QJsonObject o = v.toObject();
        Entry e;
        e.path = o.value(QStringLiteral("path")).toString();
        e.label = o.value(QStringLiteral("label")).toString();
        e.addedAt = o.value(QStringLiteral("addedAt")).toString();
        if (!e.path.isEmpty())
            config.known << e;
    }
    // The v0.0.8 defaults when config.json is absent or unreadable.
    if (config.current.isEmpty())
        config.current = defaultPath();
    if (config.known.isEmpty())
        config.known << Entry{defaultPath(), QStringLiteral("Default"), QString(), false, false, false};
    return config;
}

Result<bool> BackupRegistry::save(const Config& config) const
{
    QJsonArray known;
    for (const Entry& e : config.known) {
        QJsonObject o{{QStringLiteral("path"), e.path}, {QStringLiteral("label"), e.label}};
        if (!e.addedAt.isEmpty())
            o.insert(QStringLiteral("addedAt"), e.addedAt);
        known.append(o);
    }
    const QJsonObject root{{QStringLiteral("currentBackupPath"), config.current},
                           {QStringLiteral("knownBackups"), known}};
    return fs::writeFileAtomically(configPath(), QJsonDocument(root).toJson(QJsonDocument::Indented));
}

QString BackupRegistry::currentPath() const
{
    return load().current;
}

QList<BackupRegistry::Entry> BackupRegistry::list() const
{
    const Config config = load();
    QList<Entry> out;
    QStringList seen;
    for (Entry e : config.known) {
        e.exists = QFileInfo::exists(e.path);
        e.isCurrent = e.path == config.current;
        seen << QFileInfo(e.path).absoluteFilePath();
        out << e;
    }
    const QDir dir(m_dataDir);
    for (const QString& name : dir.entryList({QStringLiteral("*.bep")}, QDir::Files, QDir::Name)) {
        const QString path = dir.filePath(name);
        if (seen.contains(QFileInfo(path).absoluteFilePath()))
            continue;
        Entry e;
        e.path = path;
        e.label = QFileInfo(name).completeBaseName();
        e.exists = true;
        e.isCurrent = path == config.current;
        e.isDiscovered = true;
        out << e;
    }
    return out;
}

Result<BackupRegistry::Entry> BackupRegistry::add(const QString& path, const QString& label)
{
    if (path.trimmed().isEmpty())
        return Result<Entry>::fail(QStringLiteral("Path is required"));
    const QString absolute = QFileInfo(path).absoluteFilePath();
    Config config = load();
    Entry* existing = nullptr;
    for (Entry& e : config.known) {
        if (e.path == absolute)
            existing = &e;
    }
    if (existing) {
        if (!label.isEmpty())
            existing->label = label;
    } else {
        config.known << Entry{absolute,
                              label.isEmpty() ? QFileInfo(absolute).completeBaseName() : label,
                              QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs),
                              false,
                              false,
                              false};
    }
    const auto saved = save(config);
    if (!saved)
        return Result<Entry>::failFrom(saved);
    for (Entry e : config.known) {
        if (e.path == absolute) {
            e.exists = QFileInfo::exists(absolute);
            e.isCurrent = absolute == config.current;
            return Result<Entry>::ok(e);
        }
    }
    return Result<Entry>::fail(QStringLiteral("Cannot record %1").arg(absolute));
}

Result<bool> BackupRegistry::remove(const QString& path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    Config config = load();
    if (absolute == config.current)
        return Result<bool>::fail(QStringLiteral("Cannot remove the currently active backup"));
    const qsizetype before = config.known.size();
    config.known.removeIf([&](const Entry& e) { return e.path == absolute; });
    if (config.known.size() == before)
        return Result<bool>::ok(false);
    const auto saved = save(config);
    return saved ? Result<bool>::ok(true) : saved;
}

Result<bool> BackupRegistry::makeCurrent(const QString& path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    Config config = load();
    const bool known = std::any_of(config.known.cbegin(), config.known.cend(),
                                   [&](const Entry& e) { return e.path == absolute; });
    if (!known)
        return Result<bool>::fail(QStringLiteral("Backup not in known list - add it first"));
    config.current = absolute;
    return save(config);
}

} // namespace tokenpass::wallet
