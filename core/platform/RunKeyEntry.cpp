#include "platform/RunKeyEntry.h"

#include <QDir>
#include <QSettings>

namespace tokenpass::platform {

namespace {

// CommandLineToArgvW rules: quote when there is a space, tab or quote; a quote inside is \" and
// backslashes right before a quote (or the closing quote) are doubled.
QString quoteWindowsArgument(const QString& argument, bool always)
{
    if (!always && !argument.isEmpty() && !argument.contains(u' ') && !argument.contains(u'\t') &&
        !argument.contains(u'"'))
        return argument;
    QString out = QStringLiteral("\"");
    int backslashes = 0;
    for (const QChar c : argument) {
        if (c == u'\\') {
            ++backslashes;
            continue;
        }
        if (c == u'"')
            out += QString(backslashes * 2 + 1, u'\\');
        else
            out += QString(backslashes, u'\\');
        backslashes = 0;
        out += c;
    }
    out += QString(backslashes * 2, u'\\');
    out += u'"';
    return out;
}

} // namespace

QString RunKeyEntry::registryKey()
{
    return QStringLiteral("HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run");
}

QString RunKeyEntry::mockFile()
{
    const QString mock = autostartMockFolder();
    return mock.isEmpty() ? QString() : QDir(mock).filePath(QStringLiteral("Run.ini"));
}

QString RunKeyEntry::commandLine(const AutostartEntry& entry)
{
    // QDir::toNativeSeparators only converts on Windows; the value must be the same everywhere.
    QString exe = entry.executable;
    exe.replace(u'/', u'\\');
    QStringList parts{quoteWindowsArgument(exe, true)};
    for (const QString& argument : entry.arguments)
        parts << quoteWindowsArgument(argument, false);
    return parts.join(u' ');
}

RunKeyEntry::RunKeyEntry(QSettings& settings, QString valueName)
    : m_settings(settings), m_valueName(std::move(valueName))
{}

bool RunKeyEntry::isEnabled() const
{
    // Any command under our name counts: after an update to another folder the entry is still
    // "on", and the next setEnabled(true) rewrites the path.
    return !m_settings.value(m_valueName).toString().trimmed().isEmpty();
}

Result<bool> RunKeyEntry::write(const AutostartEntry& entry)
{
    m_settings.setValue(m_valueName, commandLine(entry));
    m_settings.sync();
    if (m_settings.status() != QSettings::NoError)
        return Result<bool>::fail(QStringLiteral("cannot write the Run entry %1").arg(m_valueName));
    return Result<bool>::ok(true);
}

Result<bool> RunKeyEntry::remove()
{
    m_settings.remove(m_valueName);
    m_settings.sync();
    if (m_settings.status() != QSettings::NoError)
        return Result<bool>::fail(QStringLiteral("cannot remove the Run entry %1").arg(m_valueName));
    return Result<bool>::ok(true);
}

} // namespace tokenpass::platform
