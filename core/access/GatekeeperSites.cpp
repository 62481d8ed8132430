#include "access/Gatekeeper.h"

// The Gatekeeper's rules for the MCP tools' scopes and for managing the connected sites (issue 18
// part 4: `tokenpass sites`, the MCP tools list_sites and revoke_site).
//
// Why revoking is never asked: the scope manage_sites is only ever granted by the person, in the
// consent dialog or form that names it in plain words ("See and disconnect the sites and apps
// connected to TokenPass"), it moves no money and reveals no key, and whatever it revokes can be
// approved again. So the scope is the consent. What keeps it from being a surprise: every revoke
// is recorded in the audit log under the revoked host and under the agent that asked, and the
// tool's answer says when an agent revoked its own grant (it must then ask the person again).

namespace tokenpass::access {

bool Gatekeeper::toolAllowed(const QStringList& heldScopes, const QString& neededScope)
{
    return neededScope.isEmpty() || heldScopes.contains(neededScope);
}

Check Gatekeeper::checkSiteManagement(const SiteManagement& request) const
{
    Check result;
    result.verdict = Verdict::Denied;
    if (!isOAuthClientHost(request.caller) || !toolAllowed(request.heldScopes, manageSitesScope())) {
        result.reason = DenyReason::MissingScope;
        return result;
    }
    if (!request.target.isEmpty() && !request.targetConnected) {
        result.reason = DenyReason::UnknownSite;
        return result;
    }
    result.verdict = Verdict::Allowed;
    return result;
}

} // namespace tokenpass::access
