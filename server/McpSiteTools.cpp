#include "McpRoutes.h"
#include "OAuthRoutes.h"
#include "ServerState.h"
#include "mcp/McpTools.h"
#include "oauth/ConnectedSites.h"
#include "oauth/Provider.h"

#include <QJsonArray>

// The MCP tools list_sites and revoke_site (issue 18 part 4, `tokenpass sites`): the Connected
// sites window's list and its Revoke, for an agent holding the scope manage_sites. The Gatekeeper
// decides (Gatekeeper::checkSiteManagement); revoking is the window's own rule: a site through
// oauth::ConnectedSites::revokeSite, an OAuth client through oauth::Provider::revokeClient on this
// thread's provider (as ServerController::revokeOAuthClient has the worker do it). Both are
// audited under the revoked host, and the call under the agent's own grant host.

namespace tokenpass::server::McpToolCalls {

namespace {

QJsonValue orNull(const QString& text)
{
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

QJsonValue msOrNull(qint64 ms)
{
    return ms > 0 ? QJsonValue(double(ms)) : QJsonValue();
}

QJsonObject describe(const oauth::ConnectedSite& site)
{
    const bool app = site.client.has_value();
    QJsonValue policy;
    if (site.grant)
        policy = site.grant->policy == access::SigningPolicy::Allow ? QStringLiteral("allow")
                                                                    : QStringLiteral("ask");
    return QJsonObject{
        {QStringLiteral("host"), site.host},
        {QStringLiteral("kind"), app ? QStringLiteral("oauth_client") : QStringLiteral("site")},
        {QStringLiteral("name"), app ? site.client->name : site.host},
        {QStringLiteral("name_verified"), app ? QJsonValue(false) : QJsonValue()},
        {QStringLiteral("client_id"), app ? QJsonValue(site.client->clientId) : QJsonValue()},
        {QStringLiteral("scopes"), QJsonArray::fromStringList(site.scopes())},
        {QStringLiteral("identity"), orNull(site.identity())},
        {QStringLiteral("policy"), policy},
        {QStringLiteral("expires_ms"), msOrNull(site.token ? site.token->expiresMs : 0)},
        {QStringLiteral("last_used_ms"), msOrNull(site.lastUsedMs())},
    };
}

QString agentName(const McpCaller& caller)
{
    return QStringLiteral("AI agent \"%1\" (name not verified, oauth:%2)")
        .arg(caller.clientName.left(80), caller.clientId);
}

} // namespace

bool siteTool(ServerState& state, const McpCaller& caller, const QString& tool, const QJsonObject& args,
              const Done& done)
{
    const bool list = tool == QLatin1String("list_sites");
    if (!list && tool != QLatin1String("revoke_site"))
        return false;
    const QString callerHost = access::oauthHostPrefix() + caller.clientId;
    oauth::ConnectedSites sites(state.services.database, state.clock());
    access::SiteManagement request{callerHost, caller.scopes, QString(), false};
    std::optional<oauth::ConnectedSite> target;
    if (!list) {
        request.target = args.value(QStringLiteral("host")).toString();
        target = sites.find(request.target);
        request.targetConnected = target.has_value();
    }
    const access::Check check = state.gatekeeper->checkSiteManagement(request);
    if (check.verdict != access::Verdict::Allowed) {
        state.record(callerHost, AuditOperation::McpTool, AuditResult::Denied,
                     list ? tool : tool + QStringLiteral(": ") + request.target.left(200));
        done(mcp::toolError(check.reason == access::DenyReason::UnknownSite
                                ? QStringLiteral("Not connected: %1 (list_sites names the connected hosts)")
                                      .arg(request.target.left(200))
                                : QStringLiteral("Rejected in TokenPass: this agent was not given %1")
                                      .arg(access::manageSitesScope())));
        return true;
    }
    if (list) {
        QJsonArray out;
        for (const oauth::ConnectedSite& site : sites.list())
            out.append(describe(site));
        done(mcp::toolResult({{QStringLiteral("sites"), out}}));
        return true;
    }

    bool revoked = false;
    if (target->client) {
        const oauth::ClientRevocation r = OAuthRoutes::provider(state).revokeClient(target->client->clientId);
        revoked = r.complete;
    } else {
        revoked = sites.revokeSite(
            target->host, QStringLiteral("revoked by %1 through MCP revoke_site").arg(agentName(caller)));
    }
    const bool self = target->host == callerHost;
    state.record(callerHost, AuditOperation::McpTool, revoked ? AuditResult::Allowed : AuditResult::Failed,
                 QStringLiteral("revoke_site: %1%2")
                     .arg(target->host, self ? QStringLiteral(" (itself)") : QString()));
    if (!revoked) {
        done(mcp::toolError(
            QStringLiteral("Could not revoke %1: TokenPass could not write its database").arg(target->host)));
        return true;
    }
    done(mcp::toolResult({{QStringLiteral("revoked"), describe(*target)}, {QStringLiteral("self"), self}}));
    return true;
}

} // namespace tokenpass::server::McpToolCalls
