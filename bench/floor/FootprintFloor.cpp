// The floor under tokenpassd's footprint (issue 19, "Lean headless"): a server that does nothing
// but what every TokenPass process must do before its first request, with the same libraries.
// It creates a QCoreApplication, initialises OpenSSL and libsecp256k1, opens a SQLite file through
// the SQLite C API as TokenPass does (core/store/SqlConnection, SqlQuery: compiled in, so the
// floor links no more than they need) and answers GET /api/status with 200 from QtHttpServer.
// bench/headless_footprint.py measures it beside tokenpassd, so the report can say how much of tokenpassd's
// RSS and start-up is ours and how much comes with the stack.
//
//     footprint_floor --data-dir DIR --port N
#include "store/SqlQuery.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QHttpServer>
#include <QTcpServer>

#include <openssl/evp.h>
#include <openssl/rand.h>
#include <secp256k1.h>

#include <cstdio>

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

    // What TokenPass's start-up does in OpenSSL and libsecp256k1: a context, a digest, random bytes.
    secp256k1_context* context = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
    unsigned char digest[32];
    unsigned int digestLength = 0;
    EVP_Digest("floor", 5, digest, &digestLength, EVP_sha256(), nullptr);
    RAND_bytes(digest, sizeof digest);

    const auto db = tokenpass::store::SqlConnection::open(dataDir + QStringLiteral("/floor.db"), 5000);
    if (!db.isOpen() ||
        !tokenpass::store::SqlQuery(db).exec(QStringLiteral("CREATE TABLE IF NOT EXISTS t (a)"))) {
        std::fputs("footprint_floor: cannot open SQLite\n", stderr);
        return 1;
    }

    QHttpServer server;
    server.route(QStringLiteral("/api/status"), [] { return QStringLiteral("{\"ok\":true}"); });
    auto* listener = new QTcpServer(&server);
    if (!listener->listen(QHostAddress::LocalHost, quint16(valueOf("--port").toUInt()))) {
        std::fputs("footprint_floor: cannot listen\n", stderr);
        return 1;
    }
    server.bind(listener);
    const int result = app.exec();
    secp256k1_context_destroy(context);
    return result;
}
