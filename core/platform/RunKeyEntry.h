#pragma once

#include "Result.h"
#include "platform/AutostartEntry.h"

#include <QString>

class QSettings;

namespace tokenpass::platform {

// The Windows autostart value, HKCU\Software\Microsoft\Windows\CurrentVersion\Run\<name>. Plain
// Qt over a QSettings, so the value logic is tested on every OS with an INI file; on Windows the
// QSettings is the registry key itself.
class RunKeyEntry
{
public:
    // The registry key, in QSettings' NativeFormat spelling.
    static QString registryKey();
    // $TOKENPASS_AUTOSTART_PATH_MOCK/Run.ini, or empty when the mock is not set.
    static QString mockFile();

    // The value data: the quoted exe path with backslashes, then the arguments. Quoting matters:
    // unquoted "C:\Program Files\TokenPass\tokenpass.exe" would make Windows try C:\Program.exe.
    static QString commandLine(const AutostartEntry& entry);

    // `settings` is the Run key (or its INI stand-in) and must outlive this object.
    RunKeyEntry(QSettings& settings, QString valueName);

    bool isEnabled() const;
    Result<bool> write(const AutostartEntry& entry);
    Result<bool> remove();

private:
    QSettings& m_settings;
    QString m_valueName;
};

} // namespace tokenpass::platform
