// Every endpoint's JSON body handling, through the Router exactly as HTTP requests reach it
// (guard, origin policy, body parse, session decryption, validation, handler), without sockets:
// the answer goes to a compat::HeldResponder sink. The wallet is unlocked, its backup written with
// kBackupIterations PBKDF2 rounds, and the data folder is under the process's temporary folder.
//
// Input: endpoint(1) | flags(1) | body. Flags: 1 bearer token of an allowed site, 2 send the body
// BRC-78-encrypted to the session key, 4 Origin of that site, 8 a whitelisted Origin.
// For routes without a body the rest is the query string instead.

#include "ApprovalWaiter.h"
#include "AuthRoutes.h"
#include "BackupRoutes.h"
#include "CryptoRoutes.h"
#include "FuzzRouterEndpoints.h"
#include "FuzzSupport.h"
#include "IdentityRoutes.h"
#include "PageRoutes.h"
#include "ProfileRoutes.h"
#include "Router.h"
#include "ServerState.h"
#include "WalletRoutes.h"
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
using fuzz::Endpoint;
using fuzz::kEndpoints;

constexpr quint16 kPort = 41999; // only compared with the Host header; nothing listens
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
        m_state.services.wallet = m_wallet.get();
        m_state.services.database = *db;
        m_state.services.clock = &m_clock;
        m_state.port = kPort;
        m_state.pool = &m_pool;
        // As ServerWorker::start, without the listening sockets.
        m_state.tokens = std::make_unique<access::AccessTokens>(*db, m_clock);
        m_state.ownGatekeeper = std::make_unique<access::Gatekeeper>(
            std::make_shared<access::Grants>(*db, m_clock), nullptr, m_clock);
        m_state.gatekeeper = m_state.ownGatekeeper.get();
        m_state.profiles = std::make_unique<store::ProfileRecords>(*db);
        m_state.hostKeys = std::make_unique<store::HostKeyRecords>(*db);
        m_state.audit = std::make_unique<store::AuditLog>(*db, m_clock);
        m_state.backoff = std::make_unique<store::UnlockBackoff>(*db, m_clock);
        m_state.limiter = std::make_unique<server::RateLimiter>(m_clock);
        m_state.sessionKey = fuzz::recipientKey();
        m_state.waiter = new server::ApprovalWaiter(m_state, &m_waiterParent);
        m_router = std::make_unique<server::Router>(m_state);
        server::WalletRoutes::install(*m_router, m_state);
        server::AuthRoutes::install(*m_router, m_state);
        server::CryptoRoutes::install(*m_router, m_state);
        server::ProfileRoutes::install(*m_router, m_state);
        server::IdentityRoutes::install(*m_router, m_state);
        server::BackupRoutes::install(*m_router, m_state);
        server::PageRoutes::install(*m_router, m_state);

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
    // destroyed bottom-up: router, state, wallet, then the folder).
    ~Environment() { m_pool.waitForDone(); }

    void run(const Endpoint& endpoint, std::uint8_t flags, QByteArrayView rest)
    {
        m_state.limiter->reset(); // rate limits would soon answer 429 to everything
        server::ApiRequest request;
        request.method = endpoint.method;
        request.path = QString::fromLatin1(endpoint.path);
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
        m_router->dispatch(std::move(request),
                           server::compat::HeldResponder(
                               [answered](int status, const auto&, const auto&) { *answered = status; }));
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
    QObject m_waiterParent;
    std::unique_ptr<wallet::Wallet> m_wallet;
    server::ServerState m_state;
    std::unique_ptr<server::Router> m_router;
    crypto::PrivateKey m_clientKey = crypto::PrivateKey::generate();
    QByteArray m_bearer;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static std::unique_ptr<Environment> environment;
    static int runsSinceReset = 0;
    wallet::BackupFile::setIterationsForTesting(fuzz::kBackupIterations);
    fuzz::InputReader in(data, size);
    const Endpoint& endpoint = kEndpoints[in.byte() % kEndpoints.size()];
    const std::uint8_t flags = in.byte();
    // A fresh environment after anything that changes the wallet or our token, and now and then
    // anyway (audit rows, identities and grants pile up), so an input's outcome depends on it alone.
    if (!environment || ++runsSinceReset > 500) {
        environment.reset();
        environment = std::make_unique<Environment>();
        runsSinceReset = 0;
        // Gone before Qt SQL's own globals at exit (registered after they exist, so it runs first).
        static const bool once = std::atexit([] { environment.reset(); }) == 0;
        (void)once;
    }
    environment->run(endpoint, flags, in.rest());
    if (endpoint.resetsState)
        environment.reset();
    return 0;
}
