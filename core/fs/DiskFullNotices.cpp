#include "fs/DiskFullNotices.h"

namespace tokenpass::fs {

DiskFullNotices& DiskFullNotices::instance()
{
    // Never destroyed, so a late report during shutdown cannot touch a dead object.
    static DiskFullNotices* notices = new DiskFullNotices;
    return *notices;
}

void DiskFullNotices::report(const QString& folder)
{
    Q_EMIT diskFull(folder);
}

} // namespace tokenpass::fs
