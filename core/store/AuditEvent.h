#pragma once

#include <QString>

namespace tokenpass::store {

// What an audit entry records (store/AuditLog.h): one operation and how it ended. Callers pass
// these, never free text, so the sites window and the daily counts see one spelling per event.
// The stored texts (auditText) are the database's format and stay as they are.
enum class AuditOperation
{
    Auth,          // "auth": a token was issued, or a password login refused
    AuthPage,      // "auth page": the browser consent page
    Consent,       // "consent": the person answered a connect question
    Revoke,        // "revoke"
    Sign,          // "sign"
    Encrypt,       // "encrypt"
    Decrypt,       // "decrypt"
    FriendPubkey,  // "friend-pubkey"
    Profile,       // "profile"
    Register,      // "register": a wallet made through the API
    CreateWallet,  // "create wallet"
    SwitchWallet,  // "switch wallet"
    ImportWallet,  // "import wallet"
    Export,        // "export"
    CloudSyncPush, // "cloud sync push"
    CloudSyncPull, // "cloud sync pull"
    Transaction,   // "transaction": POST /api/sign/transaction (txid, net spend, fee in the detail)
    OAuthClient,   // "oauth client": an OAuth client registered (core/oauth)
    OAuthToken,    // "oauth token": OAuth tokens issued, or a code or refresh token replayed
    Unknown,       // a stored text this build does not know
    // New values go below, at the end (merges stay mechanical; the stored text is what counts).
    Allowance, // "allowance": a site's spending allowance set, changed or removed (issue 17)
    McpTool,   // "mcp tool": an MCP tools/call that used a key (the tool and what, in the detail)

    OAuthRevoke, // "oauth revoke": an OAuth client's tokens, codes and consent revoked (revokeClient)
    OAuthReuse,  // "oauth reuse": a spent refresh token or code presented again; its tokens revoked
};

enum class AuditResult
{
    Allowed,  // "allowed": covered by a grant or policy, nobody was asked
    Denied,   // "denied": refused without asking
    Approved, // "approved": the person said yes
    Rejected, // "rejected": the person said no, or the question went away (lock)
    Timeout,  // "timeout": nobody answered in time
    Failed,   // "failed": the operation itself failed
    Unknown,  // a stored text this build does not know
};

QString auditText(AuditOperation operation);
QString auditText(AuditResult result);
AuditOperation auditOperationFromText(const QString& text); // Unknown for any other text
AuditResult auditResultFromText(const QString& text);       // Unknown for any other text

} // namespace tokenpass::store
