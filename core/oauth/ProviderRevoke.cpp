#include "oauth/Provider.h"

#include "access/Gatekeeper.h"
#include "access/Grants.h"
#include "store/AuditLog.h"
#include "store/SpendingAllowances.h"

// Revoking a whole client (issue 16 item 4): the one rule, whoever asks (the sites window through
// the server, or the app while the server is stopped).

namespace tokenpass::oauth {

ClientRevocation Provider::revokeClient(const QString& clientId)
{
    ClientRevocation out;
    out.clientId = clientId;
    // Tokens first: from here on the client's access and refresh tokens are refused.
    if (const auto tokens = m_families.revokeClient(clientId)) {
        out.families = tokens->families;
        out.accessTokens = tokens->accessTokens;
    } else {
        out.complete = false;
    }
    const int codes = m_codes.forgetUnused(clientId);
    if (codes < 0)
        out.complete = false;
    else
        out.codes = codes;
    out.deviceCodes = m_deviceCodes.forgetClient(clientId);
    out.consentForms = m_consents.forgetClient(clientId);
    const QString host = access::oauthHostPrefix() + clientId;
    out.consentRemoved = access::Grants(m_db, m_clock).remove(host);
    (void)store::SpendingAllowances(m_db, m_clock).forget(host);
    (void)store::AuditLog(m_db, m_clock)
        .append(host, store::AuditOperation::OAuthRevoke,
                out.complete ? store::AuditResult::Allowed : store::AuditResult::Failed, out.summary());
    return out;
}

} // namespace tokenpass::oauth
