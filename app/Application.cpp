#include "Application.h"

#include "ServerController.h"
#include "ServiceObjects.h"
#include "access/ApiActivity.h"
#include "access/ApprovalBroker.h"
#include "access/Gatekeeper.h"
#include "fs/AtomicFile.h"
#include "migrate/LegacyImport.h"
#include "platform/MemoryRelease.h"
#include "store/AuditPruneSchedule.h"
#include "store/Database.h"
#include "store/Settings.h"
#include "wallet/IdleLock.h"
#include "wallet/Wallet.h"

#include <cstdio>

namespace tokenpass::app {

Application::Application(QString dataDir, quint16 port, bool headless, QObject* parent)
    : QObject(parent), m_dataDir(std::move(dataDir)), m_port(port), m_headless(headless)
{}

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
    migrate::LegacyImport importer(m_database);
    const auto report = importer.importOnce(m_dataDir);
    if (!report)
        std::fprintf(stderr, "tokenpass: could not import the previous TokenPass state: %s\n",
                     qPrintable(report.error()));
    else if (!report->alreadyDone && (report->stateFileFound || report->keysFileFound))
        std::fprintf(stderr, "tokenpass: %s\n", qPrintable(report->summary()));
}

bool Application::start()
{
    // What a killed save left behind (the single-instance lock is ours, so no save is running).
    fs::removeLeftoverTemporaries(m_dataDir);
    auto database = store::Database::open(m_dataDir);
    if (!database) {
        std::fprintf(stderr, "tokenpass: %s\n", qPrintable(database.error()));
        return false;
    }
    m_database = *database;
    importLegacyInstall();
    m_auditPrune = std::make_unique<store::AuditPruneSchedule>(m_database, *m_clock);
    // Not during start-up: its thread and SQLite connection would compete with the first requests
    // for the CPU (issue 19: the first answer within 35 ms).
    constexpr int kFirstPruneAfterMs = 10 * 1000;
    m_auditPrune->start(kFirstPruneAfterMs);
    if (m_useSavedPort) {
        store::Settings settings(m_database);
        if (settings.isSet(store::Settings::Key::ListenPort))
            m_port = quint16(settings.integer(store::Settings::Key::ListenPort));
    }

    server::ServiceObjects core = server::ServiceObjects::make(m_dataDir, m_database, *m_clock);
    // DESIGN.md "Command line": with no display, consent is denied unless a grant exists.
    core.broker->setHeadless(m_headless);
    m_server = std::make_unique<server::ServerController>(core.services());
    m_wallet = std::move(core.wallet);
    m_broker = std::move(core.broker);
    m_gatekeeper = std::move(core.gatekeeper);
    m_activity = std::move(core.activity);

    server::ServerOptions options;
    options.port = m_port;
    options.originWhitelist = server::ServerOptions::whitelistFromEnvironment();
    const bool listening = m_server->start(options);
    if (listening)
        std::fprintf(stderr, "tokenpass: listening on http://127.0.0.1:%u/api/ (data folder %s)\n",
                     unsigned(m_server->port()), qPrintable(m_dataDir));
    else
        std::fprintf(stderr, "tokenpass: the local API is not available: %s\n",
                     qPrintable(m_server->lastError()));

    startIdleLock();
    releaseMemoryWhenQuiet();

    if (m_headless) {
        if (!listening)
            return false; // headless, the server is the whole point
        std::fprintf(stderr, "tokenpass: running headless. Press Ctrl+C to stop.\n");
    }
    return true;
}

void Application::releaseMemoryWhenQuiet()
{
    // used() comes at most once a second while the API is busy; 2 s after the last one, the heap
    // gives back what the burst freed (issue 19: RSS after 100,000 signs). Idle, nothing runs.
    constexpr int kQuietMs = 2000;
    m_memoryRelease.setSingleShot(true);
    m_memoryRelease.setInterval(kQuietMs);
    connect(&m_memoryRelease, &QTimer::timeout, this, [] { platform::releaseFreeMemory(); });
    connect(m_activity.get(), &access::ApiActivity::used, &m_memoryRelease, qOverload<>(&QTimer::start));
}

void Application::startIdleLock()
{
    // DESIGN.md "Lock model": idle means no API use and no UI input for the set minutes.
    m_idleLock = std::make_unique<wallet::IdleLock>(*m_clock);
    auto database = m_database;
    m_idleLock->setIdleMinutesSource(
        [database] { return store::Settings(database).integer(store::Settings::Key::IdleLockMinutes); });
    wallet::Wallet* wallet = m_wallet.get();
    connect(m_activity.get(), &access::ApiActivity::used, m_idleLock.get(), &wallet::IdleLock::touch);
    connect(m_idleLock.get(), &wallet::IdleLock::idle, wallet, [wallet] {
        if (wallet->isUnlocked())
            wallet->lock();
    });
    // An unlock starts a fresh stretch, however long the wallet sat locked. While locked the
    // timer stops, so an idle locked app never wakes up (issue 19: 0 wake-ups in 30 s).
    m_idleLock->setWatching(wallet->isUnlocked());
    connect(wallet, &wallet::Wallet::stateChanged, m_idleLock.get(), [this](wallet::WalletState state) {
        const bool unlocked = state == wallet::WalletState::Unlocked;
        if (unlocked)
            m_idleLock->touch();
        m_idleLock->setWatching(unlocked);
    });
}

} // namespace tokenpass::app
