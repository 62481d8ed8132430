#pragma once

#include "Result.h"

#include <QByteArrayView>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace tokenpass::store {

// A line of a NeDB file that did not load. Only the line number and a reason: the line itself
// may hold an access token or an encrypted seed, so it never reaches a log or the UI.
struct NedbSkippedLine
{
    int lineNumber = 0; // 1-based
    QString reason;
};

struct NedbDocument
{
    QJsonObject data;   // including "_id"; {"$$date":ms} values already turned into ms numbers
    int lineNumber = 0; // the line that won (the last one for this _id)
};

struct NedbContents
{
    QList<NedbDocument> documents; // in NeDB's order: first insertion of each live _id
    QList<NedbSkippedLine> skipped;
    int lineCount = 0;  // non-blank lines
    int indexLines = 0; // {"$$indexCreated":…} lines
    int deletions = 0;  // {"$$deleted":true,…} lines

    // NeDB itself refuses a file with more than 10 % corrupt lines (API.md §4.6); we load the
    // rest anyway, but the caller may want to say so.
    bool nedbWouldRefuse() const { return lineCount > 0 && skipped.size() * 10 > lineCount; }
};

// Read-only reader of NeDB datafiles (@seald-io/nedb 4.x), the format of state.db, keys.db and
// the legacy seed.db (API.md §4.5, §4.6, §4.8):
//  - UTF-8 text, one JSON document per '\n'-terminated line; blank lines are ignored;
//  - the last line for an _id wins; {"$$deleted":true,"_id":…} removes that _id;
//  - {"$$indexCreated":{…}} lines are index metadata and are skipped;
//  - {"$$date":<ms>} values are dates; they come back as numbers of milliseconds;
//  - a malformed line (not JSON, not an object, no _id) is skipped and reported by number.
// It never writes: NeDB compacts (rewrites) its files on load, we deliberately do not, so the
// old install stays exactly as it was (API.md decision 10).
class NedbFile
{
public:
    // Files larger than this are refused instead of read into memory; real ones are kilobytes.
    static constexpr qint64 kMaxFileBytes = 64 * 1024 * 1024;

    // Fails only if the file cannot be read (missing, unreadable, too large); errors name the file.
    static Result<NedbContents> read(const QString& path);
    static NedbContents parse(QByteArrayView content);

    // Replaces every {"$$date":<number>} object, at any depth, by the number.
    static QJsonValue unwrapDates(const QJsonValue& value);
};

} // namespace tokenpass::store
