#include "platform/Autostart.h"

#include "platform/RunKeyEntry.h"

#include <QSettings>

#include <memory>

namespace tokenpass::platform {

namespace {

// The registry Run key, or an INI file in the mock folder so tests never touch the registry.
std::unique_ptr<QSettings> openRunKey()
{
    const QString mock = RunKeyEntry::mockFile();
    if (!mock.isEmpty())
        return std::make_unique<QSettings>(mock, QSettings::IniFormat);
    return std::make_unique<QSettings>(RunKeyEntry::registryKey(), QSettings::NativeFormat);
}

} // namespace

Autostart::Autostart(AutostartEntry entry) : m_entry(std::move(entry)) {}

bool Autostart::isEnabled() const
{
    const auto settings = openRunKey();
    return RunKeyEntry(*settings, m_entry.name).isEnabled();
}

Result<bool> Autostart::setEnabled(bool enabled)
{
    const auto settings = openRunKey();
    RunKeyEntry value(*settings, m_entry.name);
    return enabled ? value.write(m_entry) : value.remove();
}

QString Autostart::location() const
{
    const QString mock = RunKeyEntry::mockFile();
    return (mock.isEmpty() ? RunKeyEntry::registryKey() : mock) + u'\\' + m_entry.name;
}

} // namespace tokenpass::platform
