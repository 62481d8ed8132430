#include "access/ScopeWords.h"

#include <QCoreApplication>

namespace tokenpass::access {

namespace {

struct Row
{
    const char* scope;
    const char* label;
    const char* explanation;
    bool movesMoney;
};

// QT_TRANSLATE_NOOP marks the texts for lupdate; scopeWords() translates them when asked.
constexpr Row kRows[] = {
    {"sign", QT_TRANSLATE_NOOP("ScopeWords", "Sign messages"),
     QT_TRANSLATE_NOOP("ScopeWords", "Sign messages as you on this site"), false},
    {"encrypt", QT_TRANSLATE_NOOP("ScopeWords", "Encrypt messages"),
     QT_TRANSLATE_NOOP("ScopeWords", "Encrypt messages so only the intended reader can open them"), false},
    {"decrypt", QT_TRANSLATE_NOOP("ScopeWords", "Decrypt messages"),
     QT_TRANSLATE_NOOP("ScopeWords", "Open messages that were encrypted for you"), false},
    {"read_profile", QT_TRANSLATE_NOOP("ScopeWords", "See your profile"),
     QT_TRANSLATE_NOOP("ScopeWords", "Read your display name, paymail and picture"), false},
    {"write_profile", QT_TRANSLATE_NOOP("ScopeWords", "Change your profile"),
     QT_TRANSLATE_NOOP("ScopeWords", "Change your display name, paymail and picture"), false},
    {"read_state", QT_TRANSLATE_NOOP("ScopeWords", "Read its saved data"),
     QT_TRANSLATE_NOOP("ScopeWords", "Read what this site saved in TokenPass"), false},
    {"write_state", QT_TRANSLATE_NOOP("ScopeWords", "Save data"),
     QT_TRANSLATE_NOOP("ScopeWords", "Save data for this site in TokenPass"), false},
    {"fund", QT_TRANSLATE_NOOP("ScopeWords", "Request payments"),
     QT_TRANSLATE_NOOP("ScopeWords", "Ask you to approve payments"), true},
    {"transfer", QT_TRANSLATE_NOOP("ScopeWords", "Send payments"),
     QT_TRANSLATE_NOOP("ScopeWords", "Ask you to approve payments"), true},
    {"manage_sites", QT_TRANSLATE_NOOP("ScopeWords", "Manage connected sites"),
     QT_TRANSLATE_NOOP("ScopeWords", "See and disconnect the sites and apps connected to TokenPass"), false},
    // The OAuth provider's scopes (core/oauth/Scopes.h, OAUTH.md §5.1).
    {"openid", QT_TRANSLATE_NOOP("ScopeWords", "Know who you are"),
     QT_TRANSLATE_NOOP("ScopeWords", "Sign you in with your identity key and address"), false},
    {"profile", QT_TRANSLATE_NOOP("ScopeWords", "See your name and picture"),
     QT_TRANSLATE_NOOP("ScopeWords", "Read the name and picture of the identity you chose"), false},
    {"offline_access", QT_TRANSLATE_NOOP("ScopeWords", "Stay signed in"),
     QT_TRANSLATE_NOOP("ScopeWords", "Keep access without asking you again until you revoke it"), false},
    {"bsv:identity", QT_TRANSLATE_NOOP("ScopeWords", "Use your identity"),
     QT_TRANSLATE_NOOP("ScopeWords", "Prove your identity to services this app talks to"), false},
    {"bsv:tools", QT_TRANSLATE_NOOP("ScopeWords", "Use TokenPass tools"),
     QT_TRANSLATE_NOOP("ScopeWords", "Call TokenPass tools for you, such as signing messages"), false},
    {"bsv:wallet", QT_TRANSLATE_NOOP("ScopeWords", "Use your wallet"),
     QT_TRANSLATE_NOOP("ScopeWords", "Ask you to approve payments from your wallet"), true},
    {"bsv:ordinals", QT_TRANSLATE_NOOP("ScopeWords", "Use your ordinals"),
     QT_TRANSLATE_NOOP("ScopeWords", "Ask you to approve moving your ordinals"), true},
    {"bsv:tokens", QT_TRANSLATE_NOOP("ScopeWords", "Use your tokens"),
     QT_TRANSLATE_NOOP("ScopeWords", "Ask you to approve moving your tokens"), true},
};

QString translated(const char* text)
{
    return QCoreApplication::translate("ScopeWords", text);
}

} // namespace

const QStringList& knownScopes()
{
    static const QStringList scopes = [] {
        QStringList out;
        for (const Row& row : kRows)
            out << QString::fromLatin1(row.scope);
        return out;
    }();
    return scopes;
}

ScopeWords scopeWords(const QString& scope)
{
    for (const Row& row : kRows) {
        if (scope == QLatin1String(row.scope))
            return {scope, translated(row.label), translated(row.explanation), row.movesMoney};
    }
    return {scope, scope,
            QCoreApplication::translate("ScopeWords", "A permission this version of TokenPass does not know; "
                                                      "untick it if you are unsure"),
            false};
}

QString scopeLabels(const QStringList& scopes)
{
    QStringList labels;
    for (const QString& scope : scopes)
        labels << scopeWords(scope).label;
    return labels.join(QStringLiteral(", "));
}

bool movesMoney(const QStringList& scopes)
{
    for (const QString& scope : scopes) {
        if (scopeWords(scope).movesMoney)
            return true;
    }
    return false;
}

} // namespace tokenpass::access
