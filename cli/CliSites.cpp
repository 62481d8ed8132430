#include "CliCommands.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

// `tokenpass sites [list | revoke HOST]` (issue 18 part 4): the Connected sites window's list and
// its Revoke, through the MCP tools list_sites and revoke_site (scope manage_sites).

namespace tokenpass::cli {

namespace {

QString when(const QJsonValue& ms)
{
    if (ms.isNull() || ms.isUndefined())
        return QStringLiteral("never");
    return QDateTime::fromMSecsSinceEpoch(qint64(ms.toDouble())).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString nameOf(const QJsonObject& site)
{
    const QString name = site.value(QStringLiteral("name")).toString();
    if (site.value(QStringLiteral("kind")).toString() == QLatin1String("oauth_client"))
        return QStringLiteral("\"%1\" (app, name not verified)").arg(name);
    return name;
}

QStringList scopesOf(const QJsonObject& site)
{
    QStringList out;
    for (const QJsonValue& s : site.value(QStringLiteral("scopes")).toArray())
        out << s.toString();
    return out;
}

// A plain table: one line per site, columns padded to the widest cell.
QByteArray table(const QJsonArray& sites)
{
    QList<QStringList> rows{{QStringLiteral("HOST"), QStringLiteral("NAME"), QStringLiteral("SCOPES"),
                             QStringLiteral("IDENTITY"), QStringLiteral("LAST USED")}};
    for (const QJsonValue& v : sites) {
        const QJsonObject site = v.toObject();
        const QString identity = site.value(QStringLiteral("identity")).toString();
        rows.append({site.value(QStringLiteral("host")).toString(), nameOf(site),
                     scopesOf(site).join(QLatin1Char(',')),
                     identity.isEmpty() ? QStringLiteral("-") : identity,
                     when(site.value(QStringLiteral("last_used_ms")))});
    }
    QList<int> widths(rows.first().size(), 0);
    for (const QStringList& row : std::as_const(rows))
        for (int i = 0; i < row.size(); ++i)
            widths[i] = qMax(widths[i], int(row.at(i).size()));
    QString out;
    for (const QStringList& row : std::as_const(rows)) {
        QString text;
        for (int i = 0; i < row.size(); ++i)
            text += i + 1 < row.size() ? row.at(i).leftJustified(widths[i] + 2) : row.at(i);
        out += text + QLatin1Char('\n');
    }
    return out.toUtf8();
}

} // namespace

int sites(CliContext& c, const QStringList& words)
{
    const bool revoke = words.value(0) == QLatin1String("revoke");
    QJsonObject result;
    if (!revoke) {
        if (const int code = callTool(c, QStringLiteral("list_sites"), {}, result); code != 0)
            return code;
        const QJsonArray list = result.value(QStringLiteral("sites")).toArray();
        if (c.json)
            c.out(QJsonDocument(list).toJson(QJsonDocument::Compact) + '\n');
        else if (list.isEmpty())
            c.out("No sites or apps are connected.\n");
        else
            c.out(table(list));
        return 0;
    }
    const QString host = words.value(1);
    if (const int code = callTool(c, QStringLiteral("revoke_site"), {{QStringLiteral("host"), host}}, result);
        code != 0)
        return code;
    const QJsonObject site = result.value(QStringLiteral("revoked")).toObject();
    if (c.json) {
        c.out(QJsonDocument(result).toJson(QJsonDocument::Compact) + '\n');
    } else {
        c.out(QStringLiteral("Revoked %1 %2: its tokens and permissions are gone; it must ask again.\n")
                  .arg(site.value(QStringLiteral("host")).toString(), nameOf(site))
                  .toUtf8());
    }
    if (result.value(QStringLiteral("self")).toBool())
        c.err(QStringLiteral("tokenpass: that was the command line's own sign-in; the next command asks "
                             "for approval again"));
    return 0;
}

} // namespace tokenpass::cli
