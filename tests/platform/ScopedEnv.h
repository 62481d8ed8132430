#pragma once

#include <QByteArray>
#include <QtGlobal>

#include <utility>

namespace tokenpass::test {

// Sets (or unsets) one environment variable for a scope and restores it afterwards, so a test
// can point HOME, XDG_CONFIG_HOME or TOKENPASS_AUTOSTART_PATH_MOCK at a temporary folder.
class ScopedEnv
{
public:
    ScopedEnv(const char* name, const QByteArray& value) : m_name(name)
    {
        remember();
        qputenv(name, value);
    }
    explicit ScopedEnv(const char* name) : m_name(name)
    {
        remember();
        qunsetenv(name);
    }
    ~ScopedEnv()
    {
        if (m_had)
            qputenv(m_name, m_previous);
        else
            qunsetenv(m_name);
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    void remember()
    {
        m_had = qEnvironmentVariableIsSet(m_name);
        m_previous = qgetenv(m_name);
    }

    const char* m_name;
    QByteArray m_previous;
    bool m_had = false;
};

} // namespace tokenpass::test
