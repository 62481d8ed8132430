#include "FuzzSupport.h"

#include "crypto/Hash.h"
#include "crypto/Hkdf.h"

#include <QCoreApplication>
#include <QTemporaryDir>
#include <QtGlobal>

#include <cstdio>
#include <cstdlib>
#include <memory>

namespace tokenpass::fuzz {

namespace {

std::unique_ptr<QTemporaryDir>& tempDirHolder()
{
    static std::unique_ptr<QTemporaryDir> dir;
    return dir;
}

// Qt's warnings (SQL, JSON, thread pool) would drown libFuzzer's own output; fatal ones still abort.
void quietMessages(QtMsgType type, const QMessageLogContext&, const QString& message)
{
    if (type == QtFatalMsg) {
        std::fprintf(stderr, "qFatal: %s\n", qPrintable(message));
        std::abort();
    }
}

} // namespace

QString tempDir()
{
    return tempDirHolder()->path();
}

crypto::PrivateKey recipientKey()
{
    // sha256("tokenpass fuzz recipient"): a valid scalar, fixed across runs and builds.
    static const QByteArray bytes = crypto::sha256(QByteArrayLiteral("tokenpass fuzz recipient"));
    return crypto::PrivateKey::fromBytes(bytes)->clone();
}

oauth::Es256Key jwtKey()
{
    const QByteArray root = crypto::sha256(QByteArrayLiteral("tokenpass fuzz jwt"));
    return oauth::Es256Key::derive([&root](QByteArrayView info) {
               return crypto::hkdfSha256(root, QByteArrayView(oauth::Es256Key::kSalt), info, 32);
           })
        .value();
}

crypto::PrivateKey keyOrDefault(QByteArrayView bytes32)
{
    if (bytes32.size() == 32) {
        if (auto key = crypto::PrivateKey::fromBytes(bytes32))
            return std::move(*key);
    }
    return recipientKey();
}

std::uint8_t InputReader::byte()
{
    const QByteArrayView b = take(1);
    return b.isEmpty() ? 0 : std::uint8_t(b.at(0));
}

QByteArrayView InputReader::take(qsizetype n)
{
    const qsizetype k = qMin(n, m_rest.size());
    const QByteArrayView piece = m_rest.first(k);
    m_rest = m_rest.sliced(k);
    return piece;
}

QByteArrayView InputReader::takeLengthPrefixed()
{
    return take(byte());
}

void fail(const char* what)
{
    std::fprintf(stderr, "fuzz invariant failed: %s\n", what);
    std::abort();
}

} // namespace tokenpass::fuzz

// libFuzzer calls this once before the first input.
extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv)
{
    using namespace tokenpass::fuzz;
    qInstallMessageHandler(quietMessages);
    tempDirHolder() = std::make_unique<QTemporaryDir>();
    if (!tempDirHolder()->isValid())
        fail("no temporary folder");
    const QByteArray home = tempDir().toUtf8();
    qputenv("HOME", home);
    qputenv("TOKENPASS_HOME", home);
    qputenv("XDG_CONFIG_HOME", home + "/config");
    qputenv("XDG_DATA_HOME", home + "/data");
    qputenv("XDG_CACHE_HOME", home + "/cache");
    qputenv("QT_QPA_PLATFORM", "offscreen");
    // QtConcurrent and queued continuations need an application object.
    static QCoreApplication app(*argc, *argv);
    // QTemporaryDir's destructor does not run when libFuzzer exits: remove the folder at exit.
    std::atexit([] { tempDirHolder().reset(); });
    return 0;
}
