#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace tokenpass::mcp {

// The MCP protocol revisions we speak (newest first) and the one we prefer.
inline constexpr char kLatestProtocolVersion[] = "2025-11-25";
bool protocolVersionSupported(const QString& version);
// initialize's result (lifecycle): the client's version if we speak it, else our latest.
QJsonObject initializeResult(const QJsonObject& params);

// The tools (issue 18 §2): each with its inputSchema and outputSchema, for tools/list.
const QJsonArray& toolDefinitions();
// The OAuth scope a tool needs: nullopt for an unknown tool, empty for none (status, identity).
std::optional<QString> toolScope(const QString& tool);
// The arguments checked against the tool's inputSchema (types, enums, required members, no
// unknown members): an empty string when they fit, else what is wrong, for -32602.
QString argumentsError(const QString& tool, const QJsonObject& arguments);

// tools/call answers: the structured result and the same JSON as text, or a plain error
// message with isError (tool errors are results, not JSON-RPC errors).
QJsonObject toolResult(const QJsonObject& structured);
QJsonObject toolError(const QString& message);

} // namespace tokenpass::mcp
