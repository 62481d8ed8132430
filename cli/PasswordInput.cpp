#include "PasswordInput.h"

#include "fs/AtomicFile.h"

#include <cstdio>
#include <cstring>

#if defined(Q_OS_UNIX)
#include <termios.h>
#include <unistd.h>
#elif defined(Q_OS_WIN)
#include <conio.h>
#include <io.h>
#endif

namespace tokenpass::cli {

void wipe(QByteArray& secret)
{
    if (!secret.isEmpty()) {
        volatile char* p = secret.data();
        for (qsizetype i = 0; i < secret.size(); ++i)
            p[i] = 0;
    }
    secret.clear();
}

namespace {

QByteArray firstLine(QByteArray bytes)
{
    const qsizetype end = bytes.indexOf('\n');
    QByteArray line = end < 0 ? bytes : bytes.left(end);
    if (line.endsWith('\r'))
        line.chop(1);
    wipe(bytes);
    return line;
}

#if defined(Q_OS_UNIX)
Result<QByteArray> fromTerminal(const QString& prompt)
{
    const int fd = STDIN_FILENO;
    if (!::isatty(fd))
        return Result<QByteArray>::fail(QStringLiteral("no terminal to type the password on"));
    std::fputs(qPrintable(prompt), stderr);
    std::fflush(stderr);
    termios old{};
    ::tcgetattr(fd, &old);
    termios quiet = old;
    quiet.c_lflag &= ~tcflag_t(ECHO);
    quiet.c_lflag |= ECHONL;
    ::tcsetattr(fd, TCSAFLUSH, &quiet);
    QByteArray typed;
    char c = 0;
    while (::read(fd, &c, 1) == 1 && c != '\n')
        typed.append(c);
    c = 0;
    ::tcsetattr(fd, TCSAFLUSH, &old);
    return Result<QByteArray>::ok(firstLine(typed));
}
#elif defined(Q_OS_WIN)
Result<QByteArray> fromTerminal(const QString& prompt)
{
    if (!::_isatty(::_fileno(stdin)))
        return Result<QByteArray>::fail(QStringLiteral("no terminal to type the password on"));
    std::fputs(qPrintable(prompt), stderr);
    QByteArray typed;
    for (int c = ::_getch(); c != '\r' && c != '\n' && c != EOF; c = ::_getch())
        typed.append(char(c));
    std::fputs("\n", stderr);
    return Result<QByteArray>::ok(typed);
}
#else
Result<QByteArray> fromTerminal(const QString&)
{
    return Result<QByteArray>::fail(QStringLiteral("no terminal to type the password on"));
}
#endif

} // namespace

Result<QByteArray> readPassword(const QString& passwordFile, const QString& prompt)
{
    if (passwordFile.isEmpty())
        return fromTerminal(prompt);
    if (passwordFile ==
        QLatin1String("-")) { // a pipe: `pass show tokenpass | tokenpass unlock --password-file -`
        QByteArray in;
        char buffer[256];
        size_t n = 0;
        while ((n = std::fread(buffer, 1, sizeof buffer, stdin)) > 0)
            in.append(buffer, qsizetype(n));
        std::memset(buffer, 0, sizeof buffer);
        return Result<QByteArray>::ok(firstLine(in));
    }
    auto bytes = fs::readWholeFile(passwordFile);
    if (!bytes)
        return bytes;
    return Result<QByteArray>::ok(firstLine(*bytes));
}

} // namespace tokenpass::cli
