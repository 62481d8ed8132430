#pragma once

// Looks for secrets, as raw bytes, in logs and in every file of a data folder.

#include <QByteArray>
#include <QList>
#include <QString>

#include <string>

namespace tokenpass::test {

struct Secret
{
    std::string label; // what it is, for the failure message (never the value)
    QByteArray bytes;
};

struct Finding
{
    QString where;
    std::string label;
};

class SecretScanner
{
public:
    // Text secrets are searched as UTF-8 and as UTF-16LE (how Qt and SQLite might hold them).
    void addText(const std::string& label, const QByteArray& utf8);
    // Hex is searched in lower and upper case.
    void addHex(const std::string& label, const QByteArray& lowerHex);
    void addBytes(const std::string& label, const QByteArray& raw);
    // The whole phrase and every pair of consecutive words.
    void addMnemonic(const QByteArray& phrase);

    QList<Finding> scanBytes(const QString& where, const QByteArray& data) const;
    // Every file under dir, hidden ones and sub-folders included.
    QList<Finding> scanFolder(const QString& dir) const;
    int count() const { return int(m_secrets.size()); }

private:
    QList<Secret> m_secrets;
};

std::string describe(const QList<Finding>& findings);

} // namespace tokenpass::test
