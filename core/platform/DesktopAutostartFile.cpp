#include "platform/DesktopAutostartFile.h"

#include "fs/AtomicFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace tokenpass::platform {

namespace {

// Desktop-entry "string" values escape \n, \t, \r and the backslash; a line break in a value
// would otherwise start a new key.
QString escapeValue(const QString& value)
{
    QString out;
    for (const QChar c : value) {
        if (c == u'\\')
            out += QStringLiteral("\\\\");
        else if (c == u'\n')
            out += QStringLiteral("\\n");
        else if (c == u'\t')
            out += QStringLiteral("\\t");
        else if (c == u'\r')
            out += QStringLiteral("\\r");
        else
            out += c;
    }
    return out;
}

// The value of `key` in the [Desktop Entry] group; later duplicates win, as in GLib.
QByteArray valueOf(const QByteArray& content, const QByteArray& key)
{
    QByteArray value;
    bool inMainGroup = false;
    for (QByteArray line : content.split('\n')) {
        line = line.trimmed();
        if (line.startsWith('[')) {
            inMainGroup = (line == "[Desktop Entry]");
            continue;
        }
        if (!inMainGroup || line.startsWith('#'))
            continue;
        const qsizetype eq = line.indexOf('=');
        if (eq > 0 && line.left(eq).trimmed() == key)
            value = line.mid(eq + 1).trimmed();
    }
    return value;
}

} // namespace

DesktopAutostartFile::DesktopAutostartFile(QString path) : m_path(std::move(path)) {}

QString DesktopAutostartFile::defaultPath(const QString& appId)
{
    const QString fileName = appId + QStringLiteral(".desktop");
    const QString mock = autostartMockFolder();
    if (!mock.isEmpty())
        return QDir(mock).filePath(fileName);
    QString configHome = qEnvironmentVariable("XDG_CONFIG_HOME");
    if (configHome.isEmpty() || QDir::isRelativePath(configHome))
        configHome = QDir::home().filePath(QStringLiteral(".config"));
    return QDir(configHome).filePath(QStringLiteral("autostart/") + fileName);
}

QString DesktopAutostartFile::quoteExecArgument(const QString& argument)
{
    // Desktop Entry spec, "The Exec key": reserved characters force double quotes; inside them
    // ", `, $ and \ take a backslash. The result is then a string value, whose own escaping
    // doubles every backslash again (done by escapeValue in content()).
    static const QString reserved = QStringLiteral(" \t\n\"'\\><~|&;$*?#()`");
    bool needsQuotes = argument.isEmpty();
    for (const QChar c : argument)
        needsQuotes = needsQuotes || reserved.contains(c);
    QString out = argument;
    out.replace(u'%', QStringLiteral("%%")); // field codes: a literal % is written %%
    if (!needsQuotes)
        return out;
    QString quoted;
    for (const QChar c : std::as_const(out)) {
        if (c == u'"' || c == u'`' || c == u'$' || c == u'\\')
            quoted += u'\\';
        quoted += c;
    }
    return u'"' + quoted + u'"';
}

QByteArray DesktopAutostartFile::content(const AutostartEntry& entry)
{
    QStringList exec{quoteExecArgument(entry.executable)};
    for (const QString& argument : entry.arguments)
        exec << quoteExecArgument(argument);

    QString text;
    text += QStringLiteral("[Desktop Entry]\n");
    text += QStringLiteral("Type=Application\n");
    text += QStringLiteral("Name=%1\n").arg(escapeValue(entry.name));
    if (!entry.comment.isEmpty())
        text += QStringLiteral("Comment=%1\n").arg(escapeValue(entry.comment));
    if (!entry.iconName.isEmpty())
        text += QStringLiteral("Icon=%1\n").arg(escapeValue(entry.iconName));
    text += QStringLiteral("Exec=%1\n").arg(escapeValue(exec.join(u' ')));
    text += QStringLiteral("Terminal=false\n");
    text += QStringLiteral("StartupNotify=false\n");
    // GNOME: start a few seconds after login, once the panel (and its tray) is up.
    text += QStringLiteral("X-GNOME-Autostart-enabled=true\n");
    text += QStringLiteral("X-GNOME-Autostart-Delay=5\n");
    // LXQt delays the start until its tray exists; without a tray we would fall back to a window.
    text += QStringLiteral("X-LXQt-Need-Tray=true\n");
    return text.toUtf8();
}

bool DesktopAutostartFile::contentEnablesAutostart(const QByteArray& content)
{
    if (!content.contains("[Desktop Entry]"))
        return false;
    if (valueOf(content, "Hidden").toLower() == "true")
        return false;
    if (valueOf(content, "X-GNOME-Autostart-enabled").toLower() == "false")
        return false;
    return !valueOf(content, "Exec").isEmpty();
}

bool DesktopAutostartFile::isEnabled() const
{
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    return contentEnablesAutostart(file.read(64 * 1024));
}

Result<bool> DesktopAutostartFile::write(const AutostartEntry& entry) const
{
    const QString folder = QFileInfo(m_path).absolutePath();
    if (!QDir().mkpath(folder))
        return Result<bool>::fail(QStringLiteral("cannot create the folder %1").arg(folder));
    // Atomic: the desktop never sees a half-written entry.
    return fs::writeFileAtomically(m_path, content(entry));
}

Result<bool> DesktopAutostartFile::remove() const
{
    QFile file(m_path);
    if (file.exists() && !file.remove())
        return Result<bool>::fail(QStringLiteral("cannot remove %1: %2").arg(m_path, file.errorString()));
    return Result<bool>::ok(true);
}

} // namespace tokenpass::platform
