#include "AuditWords.h"

#include "access/ScopeWords.h"

#include <QRegularExpression>

namespace tokenpass::ui {

using store::AuditOperation;
using store::AuditResult;

QString AuditWords::operation(AuditOperation operation)
{
    switch (operation) {
    case AuditOperation::Auth:
        return tr("Signed in");
    case AuditOperation::AuthPage:
        return tr("Opened the sign-in page");
    case AuditOperation::Consent:
        return tr("Asked to connect");
    case AuditOperation::Revoke:
        return tr("Access revoked");
    case AuditOperation::Sign:
        return tr("Signed a message");
    case AuditOperation::Encrypt:
        return tr("Encrypted a message");
    case AuditOperation::Decrypt:
        return tr("Decrypted a message");
    case AuditOperation::FriendPubkey:
        return tr("Got a key to share with a friend");
    case AuditOperation::Profile:
        return tr("Changed your profile");
    case AuditOperation::Register:
        return tr("Created a wallet through the API");
    case AuditOperation::CreateWallet:
        return tr("Created a wallet");
    case AuditOperation::SwitchWallet:
        return tr("Switched wallets");
    case AuditOperation::ImportWallet:
        return tr("Imported a wallet");
    case AuditOperation::Export:
        return tr("Exported the wallet");
    case AuditOperation::CloudSyncPush:
        return tr("Saved a cloud backup");
    case AuditOperation::CloudSyncPull:
        return tr("Read a cloud backup");
    case AuditOperation::Transaction:
        return tr("Payment (transaction)");
    case AuditOperation::OAuthClient:
        return tr("Registered as an app");
    case AuditOperation::OAuthToken:
        return tr("App sign-in");
    case AuditOperation::Allowance:
        return tr("Spending allowance changed");
    case AuditOperation::McpTool:
        return tr("AI agent used a tool");
    case AuditOperation::OAuthRevoke:
        return tr("App access revoked");
    case AuditOperation::OAuthReuse:
        return tr("App sign-in replayed: its tokens were revoked");
    case AuditOperation::Unknown:
        break;
    }
    return tr("Other");
}

QString AuditWords::result(AuditResult result)
{
    switch (result) {
    case AuditResult::Allowed:
        return tr("Allowed");
    case AuditResult::Denied:
        return tr("Refused");
    case AuditResult::Approved:
        return tr("Approved by you");
    case AuditResult::Rejected:
        return tr("Rejected by you");
    case AuditResult::Timeout:
        return tr("No answer in time");
    case AuditResult::Failed:
        return tr("Failed");
    case AuditResult::Unknown:
        break;
    }
    return tr("Unknown");
}

QString AuditWords::detail(const QString& storedDetail)
{
    // "token, scopes: read_profile,sign" -> "token, scopes: See your profile, Sign messages"
    static const QRegularExpression scopes(QStringLiteral("scopes: ([A-Za-z_,]*)"));
    const QRegularExpressionMatch match = scopes.match(storedDetail);
    if (!match.hasMatch())
        return storedDetail;
    const QStringList list = match.captured(1).split(QLatin1Char(','), Qt::SkipEmptyParts);
    QString out = storedDetail;
    out.replace(match.capturedStart(), match.capturedLength(),
                list.isEmpty() ? tr("no permissions") : tr("permissions: %1").arg(access::scopeLabels(list)));
    return out;
}

} // namespace tokenpass::ui
