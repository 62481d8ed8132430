// The floor under tokenpassd's footprint (issue 19, "Lean headless"): a server that does nothing
// but what every TokenPass process must do before its first request, with the same libraries.
// It creates a QCoreApplication, a randomised libsecp256k1 context (seeded by getrandom, as
// core/crypto/Random does: OpenSSL is linked, as in tokenpassd, but not initialised before a
// request needs it), opens a SQLite file through the SQLite C API as TokenPass does
// (core/store/SqlConnection, SqlQuery: compiled in, so the floor links no more than they need),
// and answers every request with 200 on a plain loopback socket watched by a QSocketNotifier,
// as server/HttpServer does. bench/headless_footprint.py measures it beside tokenpassd, so the
// report can say how much of tokenpassd's RSS and start-up is ours and how much comes with the
// stack.
//
//     footprint_floor --data-dir DIR --port N
#include "store/SqlQuery.h"

#include <QCoreApplication>
#include <QSocketNotifier>

#include <openssl/crypto.h>
#include <secp256k1.h>

#include <arpa/inet.h>
#include <cstdio>
#include <netinet/in.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

int listenOnLoopback(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    const int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || ::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(fd, SOMAXCONN) != 0)
        return -1;
    return fd;
}

// One answer per connection, then close: enough for the bench's polling GET /api/status.
void answer(int client)
{
    char request[4096];
    (void)::recv(client, request, sizeof request, 0);
    static const char response[] =
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n"
        "Connection: close\r\n\r\n{\"ok\":true}";
    (void)::send(client, response, sizeof response - 1, MSG_NOSIGNAL);
    ::close(client);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const auto valueOf = [&args](const char* name) {
        const qsizetype at = args.indexOf(QLatin1String(name));
        return at >= 0 && at + 1 < args.size() ? args.at(at + 1) : QString();
    };
    const QString dataDir = valueOf("--data-dir");
    if (dataDir.isEmpty()) {
        std::fputs("usage: footprint_floor --data-dir DIR --port N\n", stderr);
        return 2;
    }

    // What TokenPass's start-up does in libsecp256k1: a context, blinded with system randomness.
    secp256k1_context* context = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
    unsigned char seed[32];
    if (::getrandom(seed, sizeof seed, 0) != sizeof seed || secp256k1_context_randomize(context, seed) != 1)
        return 1;
    OPENSSL_cleanse(seed, sizeof seed); // libcrypto stays linked, as in tokenpassd

    const auto db = tokenpass::store::SqlConnection::open(dataDir + QStringLiteral("/floor.db"), 5000);
    if (!db.isOpen() ||
        !tokenpass::store::SqlQuery(db).exec(QStringLiteral("CREATE TABLE IF NOT EXISTS t (a)"))) {
        std::fputs("footprint_floor: cannot open SQLite\n", stderr);
        return 1;
    }

    const int listening = listenOnLoopback(quint16(valueOf("--port").toUInt()));
    if (listening < 0) {
        std::fputs("footprint_floor: cannot listen\n", stderr);
        return 1;
    }
    QSocketNotifier notifier(listening, QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, [listening] {
        for (int client = ::accept(listening, nullptr, nullptr); client >= 0;
             client = ::accept(listening, nullptr, nullptr))
            answer(client);
    });
    const int result = app.exec();
    secp256k1_context_destroy(context);
    return result;
}
