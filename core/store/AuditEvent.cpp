#include "store/AuditEvent.h"

#include <array>
#include <utility>

namespace tokenpass::store {

namespace {

// One table per enum: the text each value is stored as. Unknown is stored as "unknown".
constexpr std::array<std::pair<AuditOperation, const char*>, 24> kOperations{{
    {AuditOperation::Auth, "auth"},
    {AuditOperation::AuthPage, "auth page"},
    {AuditOperation::Consent, "consent"},
    {AuditOperation::Revoke, "revoke"},
    {AuditOperation::Sign, "sign"},
    {AuditOperation::Encrypt, "encrypt"},
    {AuditOperation::Decrypt, "decrypt"},
    {AuditOperation::FriendPubkey, "friend-pubkey"},
    {AuditOperation::Profile, "profile"},
    {AuditOperation::Register, "register"},
    {AuditOperation::CreateWallet, "create wallet"},
    {AuditOperation::SwitchWallet, "switch wallet"},
    {AuditOperation::ImportWallet, "import wallet"},
    {AuditOperation::Export, "export"},
    {AuditOperation::CloudSyncPush, "cloud sync push"},
    {AuditOperation::CloudSyncPull, "cloud sync pull"},
    {AuditOperation::Transaction, "transaction"},
    {AuditOperation::OAuthClient, "oauth client"},
    {AuditOperation::OAuthToken, "oauth token"},
    {AuditOperation::Unknown, "unknown"},
    {AuditOperation::Allowance, "allowance"},
    {AuditOperation::McpTool, "mcp tool"},
    {AuditOperation::OAuthRevoke, "oauth revoke"},
    {AuditOperation::OAuthReuse, "oauth reuse"},
}};

constexpr std::array<std::pair<AuditResult, const char*>, 7> kResults{{
    {AuditResult::Allowed, "allowed"},
    {AuditResult::Denied, "denied"},
    {AuditResult::Approved, "approved"},
    {AuditResult::Rejected, "rejected"},
    {AuditResult::Timeout, "timeout"},
    {AuditResult::Failed, "failed"},
    {AuditResult::Unknown, "unknown"},
}};

template <typename E, std::size_t N>
QString textOf(const std::array<std::pair<E, const char*>, N>& table, E value)
{
    for (const auto& [e, text] : table) {
        if (e == value)
            return QLatin1String(text);
    }
    return QStringLiteral("unknown");
}

template <typename E, std::size_t N>
E valueOf(const std::array<std::pair<E, const char*>, N>& table, const QString& text)
{
    for (const auto& [e, known] : table) {
        if (text == QLatin1String(known))
            return e;
    }
    return E::Unknown;
}

} // namespace

QString auditText(AuditOperation operation)
{
    return textOf(kOperations, operation);
}

QString auditText(AuditResult result)
{
    return textOf(kResults, result);
}

AuditOperation auditOperationFromText(const QString& text)
{
    return valueOf(kOperations, text);
}

AuditResult auditResultFromText(const QString& text)
{
    return valueOf(kResults, text);
}

} // namespace tokenpass::store
