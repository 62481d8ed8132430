#pragma once

#include <QString>
#include <QStringList>

namespace tokenpass::access {

// The one place that says, in words a person understands, what each API scope lets a site do
// (issue 19). The consent dialog, the sites window, the audit view and the tray's notices all
// show scopes through it, never by their API identifiers alone. Widget-free: the texts go
// through QCoreApplication::translate (context "ScopeWords"), so they are translated with the UI.
struct ScopeWords
{
    QString scope;       // the API identifier, e.g. "sign"
    QString label;       // short: "Sign messages"
    QString explanation; // one line: "Sign messages as you on this site"
    bool movesMoney = false;
};

// Every scope of API.md §3, in the order a dialog lists them.
const QStringList& knownScopes();
// Words for `scope`; a scope this build does not know keeps its identifier as the label and says so.
ScopeWords scopeWords(const QString& scope);
// "Sign messages, See your profile": the labels, comma-joined, in the given order.
QString scopeLabels(const QStringList& scopes);
bool movesMoney(const QStringList& scopes);

} // namespace tokenpass::access
