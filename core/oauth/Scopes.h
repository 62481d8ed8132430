#pragma once

#include <QStringList>

namespace tokenpass::oauth {

// The scopes we grant (OAUTH.md §5.1, §2.2: bsv-mcp's bsv:* scopes).
const QStringList& supportedScopes();
// Access tokens for bsv:* scopes live 15 minutes, others 1 hour (OAUTH.md §5.2 rule 6).
qint64 accessTokenLifetimeMs(const QStringList& scopes);

} // namespace tokenpass::oauth
