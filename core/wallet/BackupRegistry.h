#pragma once

#include "Result.h"

#include <QList>
#include <QString>

namespace tokenpass::wallet {

// The wallet files TokenPass knows and which one is current (API.md §2.18, §4.2): config.json
// in the data folder, `{"currentBackupPath","knownBackups":[{"path","label","addedAt"}]}`.
// Without config.json the current wallet is <data>/backup.bep, labelled "Default".
class BackupRegistry
{
public:
    struct Entry
    {
        QString path;
        QString label;
        QString addedAt; // ISO-8601
        bool exists = false;
        bool isCurrent = false;
        bool isDiscovered = false; // a *.bep in the data folder that is not in the list
    };

    explicit BackupRegistry(QString dataDir);

    QString currentPath() const;
    QString defaultPath() const;
    // Known entries followed by discovered ones.
    QList<Entry> list() const;

    // Adds path to the known list, or relabels it. The path is made absolute.
    Result<Entry> add(const QString& path, const QString& label);
    // Removes a known entry; the current one cannot be removed.
    Result<bool> remove(const QString& path);
    // Makes a known entry current.
    Result<bool> makeCurrent(const QString& path);

private:
    struct Config
    {
        QString current;
        QList<Entry> known;
    };
    Config load() const;
    Result<bool> save(const Config& config) const;
    QString configPath() const;

    QString m_dataDir;
};

} // namespace tokenpass::wallet
