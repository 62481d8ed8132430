#include "store/NedbFile.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace tokenpass::store {

namespace {
const QLatin1String kId("_id");
const QLatin1String kDeleted("$$deleted");
const QLatin1String kIndexCreated("$$indexCreated");
const QLatin1String kDate("$$date");

bool isBlank(QByteArrayView line)
{
    for (char c : line) {
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            return false;
    }
    return true;
}

// NeDB keys its documents by _id converted to a string; ours are 16 alphanumerics, but numbers
// are valid _ids too.
std::optional<QString> idOf(const QJsonObject& doc)
{
    const QJsonValue id = doc.value(kId);
    if (id.isString() && !id.toString().isEmpty())
        return id.toString();
    if (id.isDouble())
        return QString::number(id.toDouble(), 'g', 17);
    return std::nullopt;
}
} // namespace

QJsonValue NedbFile::unwrapDates(const QJsonValue& value)
{
    if (value.isArray()) {
        QJsonArray out;
        for (const QJsonValue& v : value.toArray())
            out.append(unwrapDates(v));
        return out;
    }
    if (!value.isObject())
        return value;
    const QJsonObject object = value.toObject();
    // NeDB's reviver turns {"$$date": x} into new Date(x); a Date's JSON form elsewhere in this
    // app is its epoch ms, so that is what we keep.
    if (object.size() == 1 && object.contains(kDate) && object.value(kDate).isDouble())
        return object.value(kDate);
    QJsonObject out;
    for (auto it = object.begin(); it != object.end(); ++it)
        out.insert(it.key(), unwrapDates(it.value()));
    return out;
}

NedbContents NedbFile::parse(QByteArrayView content)
{
    NedbContents contents;
    QHash<QString, qsizetype> slotOf; // _id -> index into `order`
    QList<std::optional<NedbDocument>> order;

    int lineNumber = 0;
    qsizetype start = 0;
    while (start <= content.size()) {
        qsizetype end = content.indexOf('\n', start);
        if (end < 0)
            end = content.size();
        const QByteArrayView line = content.sliced(start, end - start);
        start = end + 1;
        ++lineNumber;
        if (isBlank(line))
            continue;
        ++contents.lineCount;

        QJsonParseError error;
        const QJsonDocument json = QJsonDocument::fromJson(line.toByteArray(), &error);
        if (error.error != QJsonParseError::NoError) {
            contents.skipped.append({lineNumber, QStringLiteral("not valid JSON")});
            continue;
        }
        if (!json.isObject()) {
            contents.skipped.append({lineNumber, QStringLiteral("not a JSON object")});
            continue;
        }
        const QJsonObject doc = unwrapDates(json.object()).toObject();
        const auto id = idOf(doc);
        if (!id) {
            if (doc.contains(kIndexCreated)) {
                ++contents.indexLines;
                continue;
            }
            contents.skipped.append({lineNumber, QStringLiteral("no _id")});
            continue;
        }
        if (doc.value(kDeleted) == QJsonValue(true)) {
            ++contents.deletions;
            const auto it = slotOf.constFind(*id);
            if (it != slotOf.constEnd()) {
                order[*it].reset();
                slotOf.erase(it);
            }
            continue;
        }
        // Like NeDB's dataById object: a replaced _id keeps its place, a deleted and re-inserted
        // one moves to the end.
        const auto it = slotOf.constFind(*id);
        if (it != slotOf.constEnd()) {
            order[*it] = NedbDocument{doc, lineNumber};
        } else {
            slotOf.insert(*id, order.size());
            order.append(NedbDocument{doc, lineNumber});
        }
    }
    for (auto& slot : order) {
        if (slot)
            contents.documents.append(std::move(*slot));
    }
    return contents;
}

Result<NedbContents> NedbFile::read(const QString& path)
{
    using R = Result<NedbContents>;
    const QFileInfo info(path);
    if (!info.exists())
        return R::fail(QStringLiteral("%1 does not exist").arg(path));
    if (!info.isFile())
        return R::fail(QStringLiteral("%1 is not a file").arg(path));
    if (info.size() > kMaxFileBytes)
        return R::fail(QStringLiteral("%1 is too large to be a TokenPass NeDB file (%2 bytes)")
                           .arg(path)
                           .arg(info.size()));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return R::fail(QStringLiteral("Cannot read %1: %2").arg(path, file.errorString()));
    const QByteArray content = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return R::fail(QStringLiteral("Cannot read %1: %2").arg(path, file.errorString()));
    return R::ok(parse(content));
}

} // namespace tokenpass::store
