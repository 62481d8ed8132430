#pragma once

// Attack tests run against the real server on port 0 (tests/server/ServerHarness), with helpers
// to send requests whose every header the attacker controls, to restart the whole process state
// on the same data folder, and to check the headers every answer must carry.

#include "server/ServerHarness.h"

namespace tokenpass::test {

using Headers = QList<QPair<QByteArray, QByteArray>>;

class SecurityFixture : public ServerHarness
{
protected:
    static constexpr const char* kPassword = "correct horse battery";

    // One request over a fresh connection, exactly as written: the Host header is `host` (none
    // when empty), Content-Length is added when there is a body.
    HttpResult rawRequest(const QByteArray& method, const QByteArray& path, const QByteArray& host,
                          const QByteArray& body = QByteArray(), const Headers& headers = {});
    QByteArray ourHost() const { return "127.0.0.1:" + QByteArray::number(m_port); }

    // As if TokenPass quit and started again on the same data folder: new database connection,
    // wallet, broker and server (in-memory rate limits are gone; what is on disk stays).
    void restartProcessState();

    // The wallet's state as a native caller sees it.
    bool walletExists();
    bool walletUnlocked();

    // Registers, then grants `host` the scopes and returns a token asked for from `origin`
    // (no Origin header when empty).
    QString tokenFor(const QString& host, const QStringList& scopes, const QByteArray& origin);
};

// JSON body, Content-Type application/json, Cache-Control no-store, X-Content-Type-Options nosniff.
void expectHardenedJson(const HttpResult& r, const char* what);
// No Access-Control-Allow-Origin: a browser page cannot read the answer.
void expectUnreadableCrossOrigin(const HttpResult& r, const char* what);

} // namespace tokenpass::test
