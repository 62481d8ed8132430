// Every route of the route table (server/RouteTable.cpp), through the Router exactly as HTTP
// requests reach it (guard, origin policy, body parse, session decryption, validation, handler),
// without sockets: the server is set up by the same setUpServer as ServerWorker's, and the answer
// goes to a Responder sink. The wallet is unlocked, its backup written with
// kBackupIterations PBKDF2 rounds, and the data folder is under the process's temporary folder.
//
// Input: route index(1, modulo the table's size) | flags(1) | body. Flags: 1 bearer token of an
// allowed site, 2 send the body BRC-78-encrypted to the session key, 4 Origin of that site, 8 a
// whitelisted Origin. For GET and HEAD the rest is the query string instead.

#include "FuzzSupport.h"
#include "RouteTable.h"
#include "Router.h"
#include "ServerSetup.h"
#include "ServerState.h"
#include "common/ManualClock.h"
#include "crypto/Brc78.h"
#include "crypto/Encoding.h"
#include "store/Database.h"
#include "wallet/BackupFile.h"
#include "wallet/Wallet.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QThreadPool>

#include <cstdlib>
#include <memory>

namespace {

using namespace tokenpass;
using server::Route;

constexpr quint16 kPort = 41999; // only compared with the Host header; nothing listens
// Sync and the BAP profile reach nothing outside the machine: a closed local port refuses at once.
const QString kNowhere = QStringLiteral("http://127.0.0.1:9");
const QString kSiteHost = QStringLiteral("fuzz.example");
const QString kSiteOrigin = QStringLiteral("https://fuzz.example");
const QString kTrustedOrigin = QStringLiteral("http://localhost:3000");

// One data folder, database, unlocked wallet, route table and site token.
class Environment
{
public:
    Environment() : m_dir(fuzz::tempDir() + QStringLiteral("/router-XXXXXX"))
    {
        if (!m_dir.isValid())
            fuzz::fail("cannot make a data folder in the temporary folder");
        auto db = store::Database::open(m_dir.path());
        if (!db)
            fuzz::fail("cannot open a database in the temporary folder");
        m_wallet = std::make_unique<wallet::Wallet>(m_dir.path());
        const crypto::SecureBytes password{QByteArrayView(fuzz::kBackupPassphrase)};
        const crypto::SecureBytes seed(QByteArray(64, '\x42'));
        if (!m_wallet->createFromSeed(password, seed))
            fuzz::fail("cannot create the wallet");

        m_state.options.port = kPort;
        m_state.options.approvalHoldMs = 0;
        m_state.options.originWhitelist = {kTrustedOrigin};
        m_state.options.syncServerUrl = kNowhere;
        m_state.options.bapProfileUrl = kNowhere;
        m_state.services.wallet = m_wallet.get();
        m_state.services.database = *db;
        m_state.services.clock = &m_clock;
        m_state.pool = &m_pool;
        auto router = server::setUpServer(m_state, &m_owner);
        if (!router)
            fuzz::fail("cannot set up the server state");
        m_router = std::move(*router);
        m_state.port = kPort;                      // as if listening there
        m_state.sessionKey = fuzz::recipientKey(); // the seeds' BRC-78 bodies are sealed to it

        const QStringList scopes{QStringLiteral("sign"), QStringLiteral("encrypt"),
                                 QStringLiteral("decrypt")};
        access::Grant grant;
        grant.host = kSiteHost;
        grant.scopes = scopes;
        grant.duration = QStringLiteral("forever");
        grant.policy = access::SigningPolicy::Allow;
        auto token = m_state.tokens->issue(kSiteHost, scopes, u"forever", QString(), QString(), kSiteOrigin);
        if (!access::Grants(*db, m_clock).save(grant) || !token)
            fuzz::fail("cannot grant the fuzz site");
        m_bearer = "Bearer " + token->token.toUtf8();
    }

    // Wallet work still on the pool finishes before the state and the wallet go (members are
    // destroyed bottom-up: router, the state's Qt helpers, state, wallet, then the folder).
    ~Environment() { m_pool.waitForDone(); }

    void run(const Route& route, std::uint8_t flags, QByteArrayView rest)
    {
        m_state.limiter->reset(); // rate limits would soon answer 429 to everything
        server::ApiRequest request;
        request.method = route.method;
        request.path = route.path;
        request.headers.append({QByteArrayLiteral("Host"), "127.0.0.1:" + QByteArray::number(kPort)});
        if (flags & 1)
            request.headers.append({QByteArrayLiteral("Authorization"), m_bearer});
        if (flags & 4)
            request.headers.append({QByteArrayLiteral("Origin"), kSiteOrigin.toUtf8()});
        else if (flags & 8)
            request.headers.append({QByteArrayLiteral("Origin"), kTrustedOrigin.toUtf8()});
        if (request.method == "GET" || request.method == "HEAD") {
            request.query = QUrlQuery(QString::fromUtf8(rest));
        } else if (auto sealed = (flags & 2) ? crypto::Brc78::encrypt(rest, m_clientKey,
                                                                      m_state.sessionKey->publicKey())
                                             : Result<QByteArray>::fail(QString())) {
            // BRC-78 refuses some messages (empty ones); those go as they are.
            request.body = "{\"ciphertext\":\"" + crypto::toHex(*sealed).toLatin1() + "\"}";
        } else {
            request.body = rest.toByteArray();
        }

        auto answered = std::make_shared<int>(0);
        m_router->dispatch(
            std::move(request),
            server::Responder([answered](int status, const auto&, const auto&) { *answered = status; }));
        // Handlers may finish on the pool and answer through queued continuations.
        QElapsedTimer timer;
        timer.start();
        while (!*answered) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
            if (timer.elapsed() > 20000)
                fuzz::fail("a request got no answer within 20 s");
        }
        if (*answered < 100 || *answered > 599)
            fuzz::fail("the router answered with a status that is not HTTP");
    }

private:
    QTemporaryDir m_dir;
    test::ManualClock m_clock;
    QThreadPool m_pool;
    std::unique_ptr<wallet::Wallet> m_wallet;
    server::ServerState m_state;
    QObject m_owner; // the waiter, write-behind and upstream client: gone before the state
    std::unique_ptr<server::Router> m_router;
    crypto::PrivateKey m_clientKey = crypto::PrivateKey::generate();
    QByteArray m_bearer;
};

// Routes known to leave the wallet, its password, the backups and our token as they were. Any
// other route (a new one too) gets a fresh environment after it: slower, never wrong.
bool keepsState(const Route& route)
{
    if (route.method == "GET" || route.method == "HEAD")
        return true;
    static const QStringList readOnlyPosts{
        QStringLiteral("/api/sign"),          QStringLiteral("/api/sign-aip"),
        QStringLiteral("/api/encrypt"),       QStringLiteral("/api/decrypt"),
        QStringLiteral("/api/friend-pubkey"), QStringLiteral("/api/profile"),
        QStringLiteral("/api/identity"),      QStringLiteral("/api/identity/guest"),
        QStringLiteral("/api/settings"),
    };
    return route.method == "POST" && readOnlyPosts.contains(route.path);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static std::unique_ptr<Environment> environment;
    static int runsSinceReset = 0;
    wallet::BackupFile::setIterationsForTesting(fuzz::kBackupIterations);
    fuzz::InputReader in(data, size);
    const QList<Route>& table = server::routeTable();
    const Route& route = table.at(in.byte() % table.size());
    const std::uint8_t flags = in.byte();
    // A fresh environment after anything that may change the wallet or our token, and now and then
    // anyway (audit rows, identities and grants pile up), so an input's outcome depends on it alone.
    if (!environment || ++runsSinceReset > 500) {
        environment.reset();
        environment = std::make_unique<Environment>();
        runsSinceReset = 0;
        // Gone before the globals it uses at exit (registered after they exist, so it runs first).
        static const bool once = std::atexit([] { environment.reset(); }) == 0;
        (void)once;
    }
    environment->run(route, flags, in.rest());
    if (!keepsState(route))
        environment.reset();
    return 0;
}
