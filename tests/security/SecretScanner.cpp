#include "SecretScanner.h"

#include <QDirIterator>
#include <QFile>

namespace tokenpass::test {

namespace {

QByteArray utf16le(const QByteArray& utf8)
{
    const QString text = QString::fromUtf8(utf8);
    QByteArray out;
    for (const QChar c : text) {
        out.append(char(c.unicode() & 0xff));
        out.append(char(c.unicode() >> 8));
    }
    return out;
}

} // namespace

void SecretScanner::addText(const std::string& label, const QByteArray& utf8)
{
    if (utf8.isEmpty())
        return;
    m_secrets.append({label, utf8});
    m_secrets.append({label + " (UTF-16)", utf16le(utf8)});
}

void SecretScanner::addHex(const std::string& label, const QByteArray& lowerHex)
{
    m_secrets.append({label + " (hex)", lowerHex.toLower()});
    m_secrets.append({label + " (HEX)", lowerHex.toUpper()});
}

void SecretScanner::addBytes(const std::string& label, const QByteArray& raw)
{
    m_secrets.append({label + " (raw)", raw});
}

void SecretScanner::addMnemonic(const QByteArray& phrase)
{
    addText("mnemonic", phrase);
    const QList<QByteArray> words = phrase.split(' ');
    for (qsizetype i = 0; i + 1 < words.size(); ++i)
        addText("mnemonic words " + std::to_string(i + 1) + "-" + std::to_string(i + 2),
                words[i] + ' ' + words[i + 1]);
}

QList<Finding> SecretScanner::scanBytes(const QString& where, const QByteArray& data) const
{
    QList<Finding> found;
    for (const Secret& secret : m_secrets) {
        if (data.contains(secret.bytes))
            found.append({where, secret.label});
    }
    return found;
}

QList<Finding> SecretScanner::scanFolder(const QString& dir) const
{
    QList<Finding> found;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            found.append({path, "unreadable file"});
            continue;
        }
        found.append(scanBytes(path, file.readAll()));
    }
    return found;
}

std::string describe(const QList<Finding>& findings)
{
    std::string out;
    for (const Finding& f : findings)
        out += "  " + f.label + " in " + f.where.toStdString() + "\n";
    return out;
}

} // namespace tokenpass::test
