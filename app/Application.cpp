#include "Application.h"

#include "ServerController.h"
#include "TrayController.h"
#include "access/ApprovalBroker.h"
#include "access/Grants.h"
#include "store/Database.h"
#include "store/LegacyImport.h"
#include "wallet/Wallet.h"

#include <QCoreApplication>

#include <cstdio>

namespace tokenpass::app {

Application::Application(QString dataDir, quint16 port, bool headless, QObject* parent)
    : QObject(parent), m_dataDir(std::move(dataDir)), m_port(port), m_headless(headless)
{
}

Application::~Application()
{
    // DESIGN.md "Lock model": quitting locks. Stop serving first, so no request races the wipe.
    if (m_server)
        m_server->stop();
    if (m_wallet)
        m_wallet->lock();
}

quint16 Application::listeningPort() const
{
    return m_server && m_server->running() ? m_server->port() : 0;
}

void Application::importLegacyInstall()
{
    // API.md decision 10: a TokenPass Desktop state.db/keys.db is imported once, read-only.
    store::LegacyImport importer(m_database);
    const auto report = importer.importOnce(m_dataDir);
    if (!report)
        std::fprintf(stderr, "tokenpass: could not import the previous TokenPass state: %s\n",
                     qPrintable(report.error()));
    else if (!report->alreadyDone && (report->stateFileFound || report->keysFileFound))
        std::fprintf(stderr, "tokenpass: %s\n", qPrintable(report->summary()));
}

bool Application::start()
{
    auto database = store::Database::open(m_dataDir);
    if (!database) {
        std::fprintf(stderr, "tokenpass: %s\n", qPrintable(database.error()));
        return false;
    }
    m_database = *database;
    importLegacyInstall();

    m_wallet = std::make_unique<wallet::Wallet>(m_dataDir);
    m_broker = std::make_unique<access::ApprovalBroker>(std::make_shared<access::Grants>(m_database));
    // DESIGN.md "Command line": with no display, consent is denied unless a grant exists.
    m_broker->setHeadless(m_headless);

    server::ServerServices services;
    services.wallet = m_wallet.get();
    services.database = m_database;
    services.broker = m_broker.get();
    m_server = std::make_unique<server::ServerController>(services);

    server::ServerOptions options;
    options.port = m_port;
    options.originWhitelist = server::ServerOptions::whitelistFromEnvironment();
    const bool listening = m_server->start(options);
    if (listening)
        std::fprintf(stderr, "tokenpass: listening on http://127.0.0.1:%u/api/ (data folder %s)\n",
                     unsigned(m_server->port()), qPrintable(m_dataDir));
    else
        std::fprintf(stderr, "tokenpass: the local API is not available: %s\n", qPrintable(m_server->lastError()));

    if (m_headless) {
        if (!listening)
            return false;   // headless, the server is the whole point
        std::fprintf(stderr, "tokenpass: running headless. Press Ctrl+C to stop.\n");
        return true;
    }
    m_tray = std::make_unique<ui::TrayController>(m_dataDir, m_server->running() ? m_server->port() : m_port);
    connect(m_tray.get(), &ui::TrayController::quitRequested, qApp, &QCoreApplication::quit);
    m_tray->show();
    return true;
}

} // namespace tokenpass::app
