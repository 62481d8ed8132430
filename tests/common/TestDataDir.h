#pragma once

#include <QString>
#include <QTemporaryDir>

namespace tokenpass::test {

// A fresh, private data folder for one test. While it lives, TOKENPASS_HOME points at it, so
// no code under test can reach the real ~/.tokenpass. It is deleted afterwards.
class TestDataDir
{
public:
    TestDataDir();
    ~TestDataDir();
    TestDataDir(const TestDataDir&) = delete;
    TestDataDir& operator=(const TestDataDir&) = delete;

    bool isValid() const { return m_dir.isValid(); }
    QString path() const { return m_dir.path(); }
    QString filePath(const QString& name) const { return m_dir.filePath(name); }

private:
    QTemporaryDir m_dir;
    QByteArray m_previousHome;
    bool m_hadPreviousHome = false;
};

} // namespace tokenpass::test
