#include "platform/LaunchAgentFile.h"

#include "fs/AtomicFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

namespace tokenpass::platform {

LaunchAgentFile::LaunchAgentFile(QString path) : m_path(std::move(path)) {}

QString LaunchAgentFile::defaultPath(const QString& appId)
{
    const QString fileName = appId + QStringLiteral(".plist");
    const QString mock = autostartMockFolder();
    if (!mock.isEmpty())
        return QDir(mock).filePath(fileName);
    return QDir::home().filePath(QStringLiteral("Library/LaunchAgents/") + fileName);
}

QByteArray LaunchAgentFile::content(const AutostartEntry& entry)
{
    QByteArray out;
    QXmlStreamWriter xml(&out); // escapes &, < and > in paths for us
    xml.setAutoFormatting(true);
    xml.setAutoFormattingIndent(4);
    xml.writeStartDocument();
    xml.writeDTD(QStringLiteral("<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
                                "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">"));
    xml.writeStartElement(QStringLiteral("plist"));
    xml.writeAttribute(QStringLiteral("version"), QStringLiteral("1.0"));
    xml.writeStartElement(QStringLiteral("dict"));

    xml.writeTextElement(QStringLiteral("key"), QStringLiteral("Label"));
    xml.writeTextElement(QStringLiteral("string"), entry.appId);

    // ProgramArguments rather than Program: no shell is involved, so no quoting is needed.
    xml.writeTextElement(QStringLiteral("key"), QStringLiteral("ProgramArguments"));
    xml.writeStartElement(QStringLiteral("array"));
    xml.writeTextElement(QStringLiteral("string"), entry.executable);
    for (const QString& argument : entry.arguments)
        xml.writeTextElement(QStringLiteral("string"), argument);
    xml.writeEndElement();

    xml.writeTextElement(QStringLiteral("key"), QStringLiteral("RunAtLoad"));
    xml.writeEmptyElement(QStringLiteral("true"));
    // Started once per login; a quit from the tray must not be undone by launchd.
    xml.writeTextElement(QStringLiteral("key"), QStringLiteral("KeepAlive"));
    xml.writeEmptyElement(QStringLiteral("false"));
    // Interactive: a UI app, not throttled like a background daemon.
    xml.writeTextElement(QStringLiteral("key"), QStringLiteral("ProcessType"));
    xml.writeTextElement(QStringLiteral("string"), QStringLiteral("Interactive"));
    // Only in the graphical login session, never for an ssh login.
    xml.writeTextElement(QStringLiteral("key"), QStringLiteral("LimitLoadToSessionType"));
    xml.writeTextElement(QStringLiteral("string"), QStringLiteral("Aqua"));

    xml.writeEndElement(); // dict
    xml.writeEndElement(); // plist
    xml.writeEndDocument();
    return out;
}

bool LaunchAgentFile::contentEnablesAutostart(const QByteArray& content)
{
    // Walk the top-level dict: <key>Name</key> followed by its value element.
    QXmlStreamReader xml(content);
    int depth = 0;
    QString lastKey;
    bool runAtLoad = false;
    bool disabled = false;
    bool sawPlist = false;
    while (!xml.atEnd()) {
        const auto token = xml.readNext();
        if (token == QXmlStreamReader::StartElement) {
            ++depth;
            const auto name = xml.name();
            if (depth == 1) {
                sawPlist = (name == u"plist");
            } else if (depth == 3 && name == u"key") {
                lastKey = xml.readElementText();
                --depth; // readElementText consumed the end element
            } else if (depth == 3) {
                if (lastKey == u"RunAtLoad")
                    runAtLoad = (name == u"true");
                else if (lastKey == u"Disabled")
                    disabled = (name == u"true");
                lastKey.clear();
            }
        } else if (token == QXmlStreamReader::EndElement) {
            --depth;
        }
    }
    return sawPlist && !xml.hasError() && runAtLoad && !disabled;
}

bool LaunchAgentFile::isEnabled() const
{
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    return contentEnablesAutostart(file.read(256 * 1024));
}

Result<bool> LaunchAgentFile::write(const AutostartEntry& entry) const
{
    const QString folder = QFileInfo(m_path).absolutePath();
    if (!QDir().mkpath(folder))
        return Result<bool>::fail(QStringLiteral("cannot create the folder %1").arg(folder));
    // Atomic: the desktop never sees a half-written entry.
    return fs::writeFileAtomically(m_path, content(entry));
}

Result<bool> LaunchAgentFile::remove() const
{
    QFile file(m_path);
    if (file.exists() && !file.remove())
        return Result<bool>::fail(QStringLiteral("cannot remove %1: %2").arg(m_path, file.errorString()));
    return Result<bool>::ok(true);
}

} // namespace tokenpass::platform
