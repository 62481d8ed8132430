#pragma once

// Counts secrets in another process's memory: every readable, writable mapping (heap, anonymous,
// stacks, the data of every library, SecureArena's locked pages) read through /proc/<pid>/mem,
// which needs root or CAP_SYS_PTRACE. The needles live in the scanning process, so the scan never
// finds its own copies.

#include <QByteArray>
#include <QList>
#include <QString>

#include <string>

namespace tokenpass::test {

struct MemoryFinding
{
    std::string label; // what was found (never the value)
    QString region;    // the mapping, as /proc/<pid>/maps names it
    quint64 address = 0;
    // Diagnostics for the failure message: the /proc/<pid>/maps line of the mapping, whose stack
    // it is (thread name and id) if any, and the bytes around the finding as hex and ASCII with
    // every needle (and every single recovery word) masked as '#'.
    QString mapping;
    QString owner;
    std::string context;
};

class ProcessMemoryScan
{
public:
    // Searched as UTF-8 and as UTF-16LE (QString).
    void addText(const std::string& label, const QByteArray& utf8);
    void addBytes(const std::string& label, const QByteArray& raw);
    // Every run of `window` consecutive words of a space-separated phrase, as text.
    void addWordWindows(const std::string& label, const QByteArray& phrase, int window);
    // Masked in the context dumps, never searched for (single words of the phrase, say).
    void addMaskOnly(const QByteArray& utf8);

    // Every occurrence of every needle. `error` says why the memory could not be read.
    QList<MemoryFinding> scan(qint64 pid, QString* error) const;
    int needleCount() const { return int(m_needles.size()); }

private:
    struct Needle
    {
        std::string label;
        QByteArray bytes;
    };
    std::string maskedContext(const QByteArray& memory, qsizetype at, quint64 address) const;

    QList<Needle> m_needles;
    QList<QByteArray> m_maskOnly;
};

// "password (UTF-8) at 0x... in [heap]", with the mapping, its owner and the masked bytes around
// each finding, for a failure message.
std::string describe(const QList<MemoryFinding>& findings);
int countLabel(const QList<MemoryFinding>& findings, const std::string& label);

} // namespace tokenpass::test
