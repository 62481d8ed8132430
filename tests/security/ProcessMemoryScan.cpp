#include "ProcessMemoryScan.h"

#include <QDir>
#include <QFile>
#include <QMap>
#include <QStringList>

#ifdef __linux__
#include <fcntl.h>
#include <unistd.h>
#endif

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <sstream>
#include <utility>

namespace tokenpass::test {

namespace {

// Larger read-write mappings are reservations, not data: ASan's shadow memory is terabytes.
constexpr quint64 kMaxRegionBytes = quint64(1) << 30;
constexpr qsizetype kChunkBytes = 8 << 20;
// How far before a finding the start of a raw HTTP message is looked for.

QByteArray utf16le(const QByteArray& utf8)
{
    const QString text = QString::fromUtf8(utf8);
    return QByteArray(reinterpret_cast<const char*>(text.utf16()), text.size() * 2);
}

struct Region
{
    quint64 start = 0;
    quint64 end = 0;
    QString name;
    QString line;    // as /proc/<pid>/maps has it
    QString guarded; // the line of the mapping just below when that is a guard (---p)
};

QList<Region> writableRegions(qint64 pid, QString* error)
{
    QFile maps(QStringLiteral("/proc/%1/maps").arg(pid));
    if (!maps.open(QIODevice::ReadOnly)) {
        *error = maps.errorString();
        return {};
    }
    QList<Region> regions;
    QByteArray previous;
    for (const QByteArray& line : maps.readAll().split('\n')) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        const QByteArray below = std::exchange(previous, line);
        if (fields.size() < 5 || !fields[1].startsWith("rw"))
            continue;
        const QList<QByteArray> range = fields[0].split('-');
        Region r;
        r.start = range.value(0).toULongLong(nullptr, 16);
        r.end = range.value(1).toULongLong(nullptr, 16);
        r.name = fields.size() > 5 ? QString::fromLocal8Bit(fields[5]) : QStringLiteral("[anonymous]");
        r.line = QString::fromLatin1(line.simplified());
        const QList<QByteArray> belowFields = below.simplified().split(' ');
        if (belowFields.size() >= 5 && belowFields[1] == "---p" &&
            belowFields[0].split('-').value(1).toULongLong(nullptr, 16) == r.start)
            r.guarded = QString::fromLatin1(below.simplified());
        if (r.name == QLatin1String("[vvar]") || r.name == QLatin1String("[vsyscall]"))
            continue;
        if (r.end - r.start > kMaxRegionBytes)
            continue;
        regions.append(r);
    }
    return regions;
}

struct Thread
{
    quint64 stackPointer = 0;
    QString name; // "1234 'QThreadPool'"
};

// Every thread's stack pointer: /proc/<pid>/task/<tid>/syscall ends with it while the thread
// waits in a system call (an idle process's threads all do).
QList<Thread> threads(qint64 pid)
{
    QList<Thread> out;
    const QString tasks = QStringLiteral("/proc/%1/task").arg(pid);
    for (const QString& tid : QDir(tasks).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile syscall(tasks + QLatin1Char('/') + tid + QStringLiteral("/syscall"));
        QFile comm(tasks + QLatin1Char('/') + tid + QStringLiteral("/comm"));
        if (!syscall.open(QIODevice::ReadOnly) || !comm.open(QIODevice::ReadOnly))
            continue;
        const QList<QByteArray> fields = syscall.readAll().simplified().split(' ');
        Thread t;
        t.stackPointer = fields.size() >= 9 ? fields[fields.size() - 2].toULongLong(nullptr, 16) : 0;
        t.name =
            tid + QStringLiteral(" '") + QString::fromLocal8Bit(comm.readAll().trimmed()) + QLatin1Char('\'');
        out.append(t);
    }
    return out;
}

// Whose memory a mapping is, as far as /proc tells: a thread's stack, a stack no thread uses now
// (glibc caches the stacks of finished threads), or the heap of a glibc thread arena (64 MiB
// aligned). A hint for a failure message only.
QString ownerOf(const Region& region, const QList<Thread>& all)
{
    for (const Thread& t : all) {
        if (t.stackPointer >= region.start && t.stackPointer < region.end)
            return QStringLiteral("the stack of thread %1").arg(t.name);
    }
    if (region.name != QLatin1String("[anonymous]"))
        return {};
    if (!region.guarded.isEmpty())
        return QStringLiteral("a guarded mapping no thread's stack pointer is in (the cached stack of a "
                              "finished thread?)");
    if (region.start % (quint64(64) << 20) == 0)
        return QStringLiteral("64 MiB aligned: a glibc thread arena's heap?");
    return {};
}

} // namespace

void ProcessMemoryScan::addMaskOnly(const QByteArray& utf8)
{
    m_maskOnly.append(utf8);
    m_maskOnly.append(utf16le(utf8));
}

std::string ProcessMemoryScan::maskedContext(const QByteArray& memory, qsizetype at, quint64 address) const
{
    constexpr qsizetype kBefore = 128;
    constexpr qsizetype kAfter = 128;
    const qsizetype from = std::max<qsizetype>(0, (at - kBefore) & ~qsizetype(15));
    const qsizetype to = std::min<qsizetype>(memory.size(), at + kAfter);
    QByteArray window = memory.mid(from, to - from);
    QByteArray masked(window.size(), 0); // 1: hidden
    auto hide = [&](const QByteArray& needle) {
        if (needle.isEmpty())
            return;
        // Searched with the secret's own length of margin, so a secret cut at the window's
        // edge is still hidden.
        const qsizetype lo = std::max<qsizetype>(0, from - needle.size());
        const QByteArray wide = memory.mid(lo, std::min<qsizetype>(memory.size(), to + needle.size()) - lo);
        for (qsizetype k = wide.indexOf(needle); k >= 0; k = wide.indexOf(needle, k + 1)) {
            for (qsizetype i = lo + k; i < lo + k + needle.size(); ++i) {
                if (i >= from && i < to)
                    masked[i - from] = 1;
            }
        }
    };
    for (const Needle& n : m_needles)
        hide(n.bytes);
    for (const QByteArray& token : m_maskOnly)
        hide(token);
    std::ostringstream out;
    const quint64 base = address - quint64(at - from);
    for (qsizetype row = 0; row < window.size(); row += 16) {
        char head[32];
        std::snprintf(head, sizeof head, "    %012llx ",
                      static_cast<unsigned long long>(base + quint64(row)));
        out << head;
        std::string ascii;
        for (qsizetype i = row; i < row + 16; ++i) {
            if (i >= window.size()) {
                out << "   ";
                continue;
            }
            const auto byte = std::uint8_t(window[i]);
            char hex[4];
            std::snprintf(hex, sizeof hex, " %02x", unsigned(byte));
            out << (masked[i] ? std::string(" ##") : std::string(hex));
            ascii += masked[i] ? '#' : (byte >= 0x20 && byte < 0x7f ? char(byte) : '.');
        }
        out << "  |" << ascii << "|\n";
    }
    return out.str();
}

void ProcessMemoryScan::addText(const std::string& label, const QByteArray& utf8)
{
    m_needles.append({label + " (UTF-8)", utf8});
    m_needles.append({label + " (UTF-16)", utf16le(utf8)});
}

void ProcessMemoryScan::addBytes(const std::string& label, const QByteArray& raw)
{
    m_needles.append({label, raw});
}

void ProcessMemoryScan::addWordWindows(const std::string& label, const QByteArray& phrase, int window)
{
    const QList<QByteArray> words = phrase.split(' ');
    for (int first = 0; first + window <= words.size(); ++first) {
        const QByteArray run = words.mid(first, window).join(' ');
        addText(label + " " + std::to_string(first + 1) + "-" + std::to_string(first + window), run);
    }
}

QList<MemoryFinding> ProcessMemoryScan::scan(qint64 pid, QString* error) const
{
    QList<MemoryFinding> findings;
#ifndef __linux__
    Q_UNUSED(pid);
    *error = QStringLiteral("reading another process's memory is implemented for Linux (/proc) only");
    return findings;
#else
    const QList<Region> regions = writableRegions(pid, error);
    if (regions.isEmpty())
        return findings;
    const QList<Thread> allThreads = threads(pid);
    const int fd = ::open(QStringLiteral("/proc/%1/mem").arg(pid).toLocal8Bit().constData(), O_RDONLY);
    if (fd < 0) {
        *error =
            QStringLiteral("/proc/%1/mem: %2").arg(pid).arg(QString::fromLocal8Bit(std::strerror(errno)));
        return findings;
    }
    qsizetype longest = 0;
    for (const Needle& n : m_needles)
        longest = std::max(longest, n.bytes.size());
    QByteArray memory;
    for (const Region& region : regions) {
        // Chunks overlap by the longest needle, so nothing is missed at a seam; what lies wholly
        // in the overlap was counted with the chunk before.
        qsizetype overlap = 0;
        for (quint64 offset = region.start; offset < region.end;) {
            const qsizetype size = qsizetype(std::min<quint64>(region.end - offset, quint64(kChunkBytes)));
            memory.resize(size);
            const ssize_t got = ::pread(fd, memory.data(), std::size_t(size), off_t(offset));
            if (got <= 0)
                break; // unreadable (guard pages, device memory)
            memory.truncate(qsizetype(got));
            for (const Needle& n : m_needles) {
                for (qsizetype at = memory.indexOf(n.bytes); at >= 0; at = memory.indexOf(n.bytes, at + 1)) {
                    if (at + n.bytes.size() <= overlap)
                        continue;
                    MemoryFinding f;
                    f.label = n.label;
                    f.region = region.name;
                    f.address = offset + quint64(at);
                    f.mapping = region.line;
                    f.owner = ownerOf(region, allThreads);
                    f.context = maskedContext(memory, at, f.address);
                    findings.append(f);
                }
            }
            if (offset + quint64(got) >= region.end)
                break;
            overlap = std::min<qsizetype>(longest, qsizetype(got) - 1);
            offset += quint64(qsizetype(got) - overlap);
        }
    }
    ::close(fd);
    return findings;
#endif
}

std::string describe(const QList<MemoryFinding>& findings)
{
    std::ostringstream out;
    for (const MemoryFinding& f : findings) {
        out << "  " << f.label << " at 0x" << std::hex << f.address << std::dec << " in "
            << f.region.toStdString();
        out << " (page offset 0x" << std::hex << (f.address & 0xfff) << ", mapping offset 0x"
            << (f.address - f.mapping.section(QLatin1Char('-'), 0, 0).toULongLong(nullptr, 16)) << std::dec
            << ")\n    maps: " << f.mapping.toStdString() << "\n";
        if (!f.owner.isEmpty())
            out << "    owner: " << f.owner.toStdString() << "\n";
        out << f.context;
    }
    return out.str();
}

int countLabel(const QList<MemoryFinding>& findings, const std::string& label)
{
    int count = 0;
    for (const MemoryFinding& f : findings)
        count += f.label == label ? 1 : 0;
    return count;
}

} // namespace tokenpass::test
