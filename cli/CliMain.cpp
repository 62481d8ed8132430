#include "CliMain.h"

#include "CliCommands.h"
#include "fs/AtomicFile.h"
#include "fs/DataDir.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <iostream>
#include <iterator>

namespace tokenpass::cli {

namespace {

struct CommandInfo
{
    const char* name;
    const char* arguments; // for the usage line
    const char* summary;
};

const CommandInfo kCommands[] = {
    {"status", "", "Say whether TokenPass runs and is unlocked (exit 0 unlocked, 3 locked, 5 not running)."},
    {"lock", "", "Lock the wallet."},
    {"unlock", "", "Unlock the wallet; the password is typed (no echo) or read with --password-file."},
    {"sign", "MESSAGE", "Sign MESSAGE (Bitcoin Signed Message); prints the base64 signature."},
    {"auth-token", "PATH", "Make a bitcoin-auth X-Auth-Token for a request to PATH (--body FILE: its body)."},
    {"encrypt", "", "Encrypt stdin (UTF-8) to your identity key, or --to PUBKEY; prints hex."},
    {"decrypt", "", "Decrypt the hex ciphertext on stdin (--from PUBKEY for one from someone else)."},
    {"sign-tx", "FILE", "Sign the transaction in FILE (EF, BEEF or raw hex; - for stdin) after approval."},
    {"mcp", "", "The MCP stdio transport: JSON-RPC lines on stdin, answers on stdout."},
    {"sites", "[list | revoke HOST]",
     "List the connected sites and apps, or revoke one (HOST as listed; oauth:<client_id> for an app)."},
};

const CommandInfo* findCommand(const QString& word)
{
    for (const CommandInfo& c : kCommands)
        if (word == QLatin1String(c.name))
            return &c;
    return nullptr;
}

void toStderr(QtMsgType, const QMessageLogContext&, const QString& message)
{
    std::fprintf(stderr, "%s\n", qPrintable(message));
}

QByteArray line(const QString& text)
{
    return text.toUtf8() + '\n';
}

Result<QByteArray> readInput(const QString& path)
{
    if (path != QLatin1String("-"))
        return fs::readWholeFile(path);
    std::string all((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    return Result<QByteArray>::ok(QByteArray::fromStdString(all));
}

QString defaultUrl()
{
    const QString port = qEnvironmentVariable("TOKENPASS_PORT");
    return QStringLiteral("http://127.0.0.1:%1").arg(port.isEmpty() ? QStringLiteral("21000") : port);
}

} // namespace

bool isCommand(const char* word)
{
    return word != nullptr && findCommand(QString::fromLocal8Bit(word)) != nullptr;
}

int runCommand(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    qInstallMessageHandler(toStderr); // stdout carries only answers (and, for mcp, protocol lines)
    const CommandInfo& command = *findCommand(QString::fromLocal8Bit(argv[1]));
    const QString name = QLatin1String(command.name);

    QCommandLineParser parser;
    parser.setApplicationDescription(QLatin1String(command.summary));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    const QCommandLineOption url(QStringLiteral("url"),
                                 QStringLiteral("TokenPass at <url> (default %1).").arg(defaultUrl()),
                                 QStringLiteral("url"), defaultUrl());
    const QCommandLineOption dataDir(QStringLiteral("data-dir"),
                                     QStringLiteral("Keep this client's sign-in in <dir> (default: "
                                                    "$TOKENPASS_HOME or ~/.tokenpass)."),
                                     QStringLiteral("dir"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Answer in JSON."));
    const QCommandLineOption passwordFile(QStringLiteral("password-file"),
                                          QStringLiteral("Read the password from <file> (- for stdin)."),
                                          QStringLiteral("file"));
    const QCommandLineOption body(QStringLiteral("body"), QStringLiteral("The request body is in <file>."),
                                  QStringLiteral("file"));
    const QCommandLineOption scheme(QStringLiteral("scheme"), QStringLiteral("brc77 (default) or bsm."),
                                    QStringLiteral("scheme"));
    const QCommandLineOption to(QStringLiteral("to"), QStringLiteral("Encrypt to <pubkey> (hex)."),
                                QStringLiteral("pubkey"));
    const QCommandLineOption from(QStringLiteral("from"), QStringLiteral("Decrypt from <pubkey> (hex)."),
                                  QStringLiteral("pubkey"));
    const QCommandLineOption description(QStringLiteral("description"),
                                         QStringLiteral("What the transaction is for, shown when approving."),
                                         QStringLiteral("text"));
    parser.addOptions({help, url, dataDir});
    if (name != QLatin1String("mcp"))
        parser.addOption(json);
    if (name == QLatin1String("unlock"))
        parser.addOption(passwordFile);
    if (name == QLatin1String("auth-token"))
        parser.addOptions({body, scheme});
    if (name == QLatin1String("encrypt"))
        parser.addOption(to);
    if (name == QLatin1String("decrypt"))
        parser.addOption(from);
    if (name == QLatin1String("sign-tx"))
        parser.addOption(description);
    if (QLatin1String(command.arguments).size() > 0)
        parser.addPositionalArgument(QLatin1String(command.arguments), QLatin1String(command.summary));

    QStringList arguments = app.arguments();
    arguments.removeAt(1); // the command word
    const auto usage = [&](const QString& problem) {
        std::fprintf(stderr, "tokenpass %s: %s\nTry 'tokenpass %s --help'.\n", command.name,
                     qPrintable(problem), command.name);
        return 2;
    };
    if (!parser.parse(arguments))
        return usage(parser.errorText());
    if (parser.isSet(help)) {
        QString text = parser.helpText();
        text.replace(
            0, text.indexOf(QLatin1Char('\n')),
            QStringLiteral("Usage: tokenpass %1 [options] %2").arg(name, QLatin1String(command.arguments)));
        text +=
            QStringLiteral("\nExit codes: 0 ok, 1 failed, 2 usage, 3 locked, 4 rejected, 5 not running.\n");
        if (name == QLatin1String("sites"))
            text +=
                QStringLiteral("sites revoke: exit 1 when HOST is not connected. --json: list prints a JSON "
                               "array of {host, kind, name, name_verified, client_id, scopes, identity, "
                               "policy, expires_ms, last_used_ms}.\n");
        std::fputs(qPrintable(text), stdout);
        return 0;
    }
    const QStringList positional = parser.positionalArguments();
    const int wanted = QLatin1String(command.arguments).size() > 0 ? 1 : 0;
    if (name == QLatin1String("sites")) {
        const QString verb = positional.value(0, QStringLiteral("list"));
        if (verb == QLatin1String("list") ? positional.size() > 1
                                          : verb != QLatin1String("revoke") || positional.size() != 2)
            return usage(verb == QLatin1String("revoke") ? QStringLiteral("revoke needs exactly one HOST")
                                                         : QStringLiteral("expected list or revoke HOST"));
    } else if (positional.size() != wanted)
        return usage(wanted ? QStringLiteral("%1 is required").arg(QLatin1String(command.arguments))
                            : QStringLiteral("unexpected argument: %1").arg(positional.value(0)));

    CliContext c;
    c.base = QUrl(parser.value(url));
    if (!c.base.isValid() || c.base.scheme() != QLatin1String("http") || c.base.host().isEmpty())
        return usage(QStringLiteral("--url must be http://host:port"));
    c.json = name != QLatin1String("mcp") && parser.isSet(json);
    c.out = [](const QByteArray& bytes) {
        std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
        std::fflush(stdout);
    };
    c.err = [](const QString& text) { std::fprintf(stderr, "%s\n", qPrintable(text)); };

    // The token files live in the data folder (created if missing, private to the user).
    if (name != QLatin1String("status") && name != QLatin1String("lock") && name != QLatin1String("unlock")) {
        const auto folder = fs::ensurePrivateDir(fs::resolveDataDir(parser.value(dataDir)));
        if (!folder)
            return c.err(QStringLiteral("tokenpass: %1").arg(folder.error())), 1;
        c.dataDir = *folder;
    }

    if (name == QLatin1String("status"))
        return status(c);
    if (name == QLatin1String("lock"))
        return lock(c);
    if (name == QLatin1String("unlock"))
        return unlock(c, parser.value(passwordFile));
    if (name == QLatin1String("mcp"))
        return mcpBridge(c);
    if (name == QLatin1String("sites"))
        return sites(c, positional);
    if (name == QLatin1String("sign"))
        return tool(
            c, QStringLiteral("sign_message"), {{QStringLiteral("message"), positional.first()}},
            [](const QJsonObject& r) { return line(r.value(QStringLiteral("signature")).toString()); });
    if (name == QLatin1String("auth-token")) {
        QJsonObject args{{QStringLiteral("request_path"), positional.first()}};
        if (parser.isSet(body)) {
            const auto bytes = readInput(parser.value(body));
            if (!bytes)
                return c.err(bytes.error()), 1;
            args.insert(QStringLiteral("body"), QString::fromUtf8(*bytes));
        }
        if (parser.isSet(scheme))
            args.insert(QStringLiteral("scheme"), parser.value(scheme));
        return tool(c, QStringLiteral("create_auth_token"), args,
                    [](const QJsonObject& r) { return line(r.value(QStringLiteral("token")).toString()); });
    }
    if (name == QLatin1String("encrypt") || name == QLatin1String("decrypt")) {
        const bool encrypt = name == QLatin1String("encrypt");
        const auto input = readInput(QStringLiteral("-"));
        QJsonObject args;
        if (encrypt)
            args.insert(QStringLiteral("data"), QString::fromUtf8(*input));
        else
            args.insert(QStringLiteral("ciphertext"), QString::fromLatin1(input->trimmed()));
        if (const QString key = parser.value(encrypt ? to : from); !key.isEmpty())
            args.insert(QStringLiteral("their_pubkey"), key);
        if (encrypt)
            return tool(c, QStringLiteral("encrypt"), args, [](const QJsonObject& r) {
                return line(r.value(QStringLiteral("ciphertext")).toString());
            });
        return tool(c, QStringLiteral("decrypt"), args,
                    [](const QJsonObject& r) { return r.value(QStringLiteral("data")).toString().toUtf8(); });
    }
    // sign-tx
    const auto tx = readInput(positional.first());
    if (!tx)
        return c.err(tx.error()), 1;
    QJsonObject args{{QStringLiteral("tx"), QString::fromLatin1(tx->trimmed())}};
    if (parser.isSet(description))
        args.insert(QStringLiteral("description"), parser.value(description));
    return tool(c, QStringLiteral("sign_transaction"), args,
                [](const QJsonObject& r) { return QJsonDocument(r).toJson(QJsonDocument::Indented); });
}

} // namespace tokenpass::cli
