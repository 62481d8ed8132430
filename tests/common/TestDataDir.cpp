#include "common/TestDataDir.h"

#include <QDir>

namespace tokenpass::test {

TestDataDir::TestDataDir()
    : m_dir(QDir::tempPath() + QStringLiteral("/tokenpass-test-XXXXXX")),
      m_previousHome(qgetenv("TOKENPASS_HOME")),
      m_hadPreviousHome(qEnvironmentVariableIsSet("TOKENPASS_HOME"))
{
    qputenv("TOKENPASS_HOME", m_dir.path().toUtf8());
}

TestDataDir::~TestDataDir()
{
    if (m_hadPreviousHome)
        qputenv("TOKENPASS_HOME", m_previousHome);
    else
        qunsetenv("TOKENPASS_HOME");
}

} // namespace tokenpass::test
