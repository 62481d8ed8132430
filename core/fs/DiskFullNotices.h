#pragma once

#include <QObject>
#include <QString>

namespace tokenpass::fs {

// Tells the person when a save failed because the disk is full, whichever thread or file it was
// (the wallet, the database, config.json). The file layer reports; the tray listens and shows a
// notification. One per process, because the disk is.
class DiskFullNotices : public QObject
{
    Q_OBJECT
public:
    static DiskFullNotices& instance();
    // Thread-safe; `folder` is where the save failed.
    void report(const QString& folder);

Q_SIGNALS:
    void diskFull(const QString& folder);

private:
    DiskFullNotices() = default;
};

} // namespace tokenpass::fs
