#pragma once

#include "Clock.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>

namespace tokenpass::store {
class AuditPruneSchedule;
class Database;
} // namespace tokenpass::store
namespace tokenpass::wallet {
class IdleLock;
class Wallet;
} // namespace tokenpass::wallet
namespace tokenpass::access {
class ApiActivity;
class ApprovalBroker;
class Gatekeeper;
} // namespace tokenpass::access
namespace tokenpass::server {
class ServerController;
}

namespace tokenpass::app {

// The object graph every mode shares (DESIGN.md "app/"): database, wallet, approval broker, the
// server thread and the idle lock. Qt Core, SQL and Network only: `tokenpassd` is this object and
// an event loop, and the tray app (TrayApplication) builds its windows over it.
// Created after the Qt application object; destroyed (wallet locked, server stopped) before it.
class Application : public QObject
{
    Q_OBJECT
public:
    // headless: nobody can be asked, so consent is denied unless a grant exists.
    Application(QString dataDir, quint16 port, bool headless, QObject* parent = nullptr);
    ~Application() override;

    // Opens the data (importing a TokenPass Desktop install once), starts the server and the idle
    // lock. Returns false, having printed why, when the process cannot serve its purpose: the
    // data cannot be opened, or headless without a listening server.
    bool start();
    // Tests: the idle lock's time (before start()), and the idle lock itself.
    void setClock(const Clock& clock) { m_clock = &clock; }
    const Clock& clock() const { return *m_clock; }
    wallet::IdleLock* idleLock() const { return m_idleLock.get(); }
    // No --port and no TOKENPASS_PORT: start() takes the port saved in Settings (if any).
    void useSavedPort() { m_useSavedPort = true; }

    // The port the API listens on (the one chosen by the system for port 0), or 0 if it does not.
    quint16 listeningPort() const;
    // The port asked for (command line, environment or Settings), listening or not.
    quint16 requestedPort() const { return m_port; }

    // What the tray app builds on, valid after start() returned true.
    const QString& dataDir() const { return m_dataDir; }
    const std::shared_ptr<store::Database>& database() const { return m_database; }
    wallet::Wallet* wallet() const { return m_wallet.get(); }
    access::ApprovalBroker* broker() const { return m_broker.get(); }
    access::ApiActivity* activity() const { return m_activity.get(); }
    access::Gatekeeper* gatekeeper() const { return m_gatekeeper.get(); }
    // Revokes OAuth clients for the sites window (issue 16 item 4), running or not.
    server::ServerController* server() const { return m_server.get(); }

private:
    void importLegacyInstall();
    void startIdleLock();
    void releaseMemoryWhenQuiet();

    QString m_dataDir;
    quint16 m_port;
    bool m_headless;
    bool m_useSavedPort = false;
    std::shared_ptr<store::Database> m_database;
    std::unique_ptr<store::AuditPruneSchedule> m_auditPrune; // issue 13: the log must not grow forever
    std::unique_ptr<wallet::Wallet> m_wallet;
    std::unique_ptr<access::ApprovalBroker> m_broker;
    std::unique_ptr<access::Gatekeeper> m_gatekeeper; // after the broker: removes its hooks first
    std::unique_ptr<access::ApiActivity> m_activity;  // the server's "used" and "signed", for the GUI
    const Clock* m_clock = &Clock::system();
    std::unique_ptr<wallet::IdleLock> m_idleLock;
    QTimer m_memoryRelease; // restarted by API use; fires once the API has been quiet
    std::unique_ptr<server::ServerController> m_server;
};

} // namespace tokenpass::app
