#pragma once

namespace tokenpass::server {

// Qt HTTP Server's debug output ("qt.httpserver") prints every request with its headers, the
// Authorization token included. This keeps that category's debug and info output off whatever
// QT_LOGGING_RULES says, so turning on debug logging never writes a token to a log. Installs a
// logging category filter once per process (chained to the one before); safe to call again.
void keepRequestHeadersOutOfLogs();

} // namespace tokenpass::server
