#pragma once

// A real server on port 0 with a temporary data dir, and small synchronous HTTP clients:
// QNetworkAccessManager for ordinary calls, a raw QTcpSocket where the test must control the
// Host header, send something malformed, or hang up early.

#include "ServerController.h"
#include "ServerOptions.h"
#include "ServiceObjects.h"
#include "access/ApiActivity.h"
#include "access/ApprovalBroker.h"
#include "access/Gatekeeper.h"
#include "access/Grants.h"
#include "common/ManualClock.h"
#include "common/TestDataDir.h"
#include "store/Database.h"
#include "wallet/Wallet.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

#include <gtest/gtest.h>

#include <memory>

namespace tokenpass::test {

struct HttpResult
{
    int status = 0;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;

    QByteArray header(const QByteArray& name) const;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

class ServerHarness : public ::testing::Test
{
protected:
    void SetUp() override;
    void TearDown() override;

    // Restarts the server with changed options (whitelist, hold time, ...).
    void restart(const server::ServerOptions& options);
    server::ServerOptions defaultOptions() const;
    // What SetUp starts the server with; a fixture that needs other options from the start
    // overrides this rather than restarting (a restarted server thread may get the old thread's id).
    virtual server::ServerOptions startOptions() const { return defaultOptions(); }

    HttpResult request(const QByteArray& method, const QString& path, const QByteArray& body = QByteArray(),
                       const QList<QPair<QByteArray, QByteArray>>& headers = {}, int timeoutMs = 10000);
    HttpResult get(const QString& path, const QList<QPair<QByteArray, QByteArray>>& headers = {})
    {
        return request("GET", path, QByteArray(), headers);
    }
    HttpResult post(const QString& path, const QByteArray& body,
                    const QList<QPair<QByteArray, QByteArray>>& headers = {})
    {
        return request("POST", path, body, headers);
    }
    // Sends bytes as they are and reads the response (until the connection closes or the
    // Content-Length is complete).
    HttpResult raw(const QByteArray& bytes, int timeoutMs = 10000);

    // Creates the wallet through the API (plaintext body) and asserts success.
    void registerWallet(const QByteArray& password = "correct horse battery");
    // A standing grant (as if the person had approved the host before).
    void grant(const QString& host, const QStringList& scopes,
               access::SigningPolicy policy = access::SigningPolicy::Allow);
    // A remembered OAuth consent (as if the person had ticked "remember this decision"): the
    // client's authorize requests for these scopes or fewer skip the dialog (identity empty: primary).
    void rememberConsent(const QString& clientId, const QStringList& scopes, const QString& identity = {});
    // POST /api/auth without password; returns the token (asserting 200).
    QString authorize(const QString& host, const QStringList& scopes,
                      const QList<QPair<QByteArray, QByteArray>>& headers = {});

    // The whole process state on the data folder: database connection, the core objects
    // (server::ServiceObjects, as Application makes them) and the server. SetUp starts it with
    // startOptions(), TearDown stops it; stopping and starting again is a process restart.
    void startProcessState(const server::ServerOptions& options);
    void stopProcessState();

    // Runs the event loop for ms (lets queued broker signals flow).
    static void spin(int ms);

    TestDataDir m_dir;
    ManualClock m_clock;
    std::shared_ptr<store::Database> m_db;
    std::unique_ptr<wallet::Wallet> m_wallet;
    std::unique_ptr<access::ApprovalBroker> m_broker;
    std::unique_ptr<access::Gatekeeper> m_gatekeeper; // decides; asks through m_broker
    std::unique_ptr<access::ApiActivity> m_activity;  // what the server tells the GUI
    std::unique_ptr<server::ServerController> m_server;
    quint16 m_port = 0;
};

QByteArray bearer(const QString& token);

} // namespace tokenpass::test
