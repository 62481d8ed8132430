#include "UpstreamClient.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QPluginLoader>

#include <utility>

namespace tokenpass::server {

namespace {

QMutex g_moduleMutex;
QString g_moduleFile;                                  // setModuleFile()
QHash<QString, UpstreamTransportFactory*> g_factories; // loaded modules, by file; never unloaded
// Their loaders, kept for the life of the process. Never destroyed, not even at exit, so the
// loaders stay reachable (LeakSanitizer checks after static destructors have run).
QList<QPluginLoader*>* const g_loaders = new QList<QPluginLoader*>;

// The factory from the first candidate that loads, or the reason none did.
UpstreamTransportFactory* loadFactory(QString* error)
{
    const QStringList candidates = UpstreamClient::moduleCandidates();
    QMutexLocker lock(&g_moduleMutex);
    QStringList reasons;
    for (const QString& file : candidates) {
        if (UpstreamTransportFactory* factory = g_factories.value(file))
            return factory;
        if (!QFileInfo::exists(file)) {
            reasons << QStringLiteral("%1 is missing").arg(file);
            continue;
        }
        // Kept loaded for the life of the process: transports made from it may be alive anywhere.
        auto* loader = new QPluginLoader(file);
        auto* factory = qobject_cast<UpstreamTransportFactory*>(loader->instance());
        if (factory) {
            g_factories.insert(file, factory);
            g_loaders->append(loader);
            return factory;
        }
        reasons << QStringLiteral("%1 does not load: %2").arg(file, loader->errorString());
        delete loader;
    }
    *error = QStringLiteral("no upstream module (%1)").arg(reasons.join(QStringLiteral("; ")));
    // Once in the log, so whoever installed TokenPass sees why sync and profiles fail.
    static bool warned = false;
    if (!std::exchange(warned, true))
        qWarning("tokenpass: %s", qPrintable(*error));
    return nullptr;
}

} // namespace

UpstreamClient::UpstreamClient(QObject* parent) : QObject(parent) {}

UpstreamClient::~UpstreamClient() = default;

QUrl UpstreamClient::join(const QString& baseUrl, const QString& path)
{
    QString base = baseUrl.trimmed();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    return QUrl(base + path);
}

QStringList UpstreamClient::moduleCandidates()
{
    {
        QMutexLocker lock(&g_moduleMutex);
        if (!g_moduleFile.isEmpty())
            return {g_moduleFile};
    }
    const QString name = QStringLiteral(TOKENPASS_UPSTREAM_MODULE_NAME);
    const QDir exeDir(QCoreApplication::applicationDirPath());
    return {exeDir.filePath(name),
            QDir::cleanPath(exeDir.filePath(QStringLiteral("../lib/tokenpass/") + name))};
}

void UpstreamClient::setModuleFile(const QString& path)
{
    QMutexLocker lock(&g_moduleMutex);
    g_moduleFile = path;
}

void UpstreamClient::send(const QByteArray& method, const QUrl& url, const Headers& headers,
                          const QByteArray& body, int timeoutMs, Done done)
{
    if (!m_transport) {
        QString error;
        if (UpstreamTransportFactory* factory = loadFactory(&error)) {
            m_transport = factory->create();
        } else {
            // Answered later, like any upstream failure: callers finish their set-up first.
            Result result;
            result.errorText = error;
            QMetaObject::invokeMethod(
                this, [result, done = std::move(done)] { done(result); }, Qt::QueuedConnection);
            return;
        }
    }
    m_transport->send(method, url, headers, body, timeoutMs, std::move(done));
}

} // namespace tokenpass::server
