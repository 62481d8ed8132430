// The process tests/security/MemoryScanTest.cpp scans through /proc/<pid>/mem: the real server on
// port 0 and the real dialogs (offscreen), driven by one-line commands on stdin, answered with one
// line on stdout. Secrets never cross stdin in the clear, because stdio and Qt keep what they read:
// they come XOR-masked (MemoryScanProtocol.h) and are unmasked straight into SecureBytes.
//
//   plant <masked>                 positive control: keeps the text in a QByteArray and a QString
//   change-password <old> <new>    through ChangePasswordDialog, typed key by key
//   show-words <password>          through ExportDialog (the recovery words window), then closes it
//   lock | quit

#include "../MemoryScanProtocol.h"

#include "ChangePasswordDialog.h"
#include "ExportDialog.h"
#include "ServerController.h"
#include "ServiceObjects.h"
#include "access/ApiActivity.h"
#include "access/ApprovalBroker.h"
#include "access/Gatekeeper.h"
#include "store/Database.h"
#include "wallet/Wallet.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSocketNotifier>
#include <QTest>

#include <unistd.h>

#include <cstdio>
#include <memory>
#include <string>

using namespace tokenpass;
using crypto::SecureBytes;

namespace {

QByteArray g_plantedBytes; // the positive control's copies, kept until exit
QString g_plantedText;

void answer(const char* line)
{
    std::printf("%s\n", line);
    std::fflush(stdout);
}

// Types a secret into a line edit one key at a time, as a person would: no QString of it is made.
void type(QLineEdit* field, const SecureBytes& text)
{
    for (std::size_t i = 0; i < text.size(); ++i)
        QTest::keyClick(field, char(text[i]));
}

template <typename T> T* child(QWidget* parent, const char* name)
{
    return parent->findChild<T*>(QString::fromLatin1(name));
}

class Child
{
public:
    explicit Child(const QString& dataDir) : m_dataDir(dataDir) {}

    bool start()
    {
        auto db = store::Database::open(m_dataDir);
        if (!db)
            return false;
        // The same builder as the app and the server tests (issue 14).
        m_core = server::ServiceObjects::make(m_dataDir, *db);
        m_core.broker->setHeadless(true); // a password in /api/auth is the consent
        const server::ServerServices services = m_core.services();
        m_server = std::make_unique<server::ServerController>(services);
        server::ServerOptions options;
        options.port = 0;
        if (!m_server->start(options))
            return false;
        std::printf("port %u\n", unsigned(m_server->port()));
        std::fflush(stdout);
        return true;
    }

    void stop()
    {
        m_server->stop();
        m_server.reset();
        m_core.wallet.reset();
    }

    // One command; false for quit.
    bool run(const std::string& line)
    {
        const auto words = memscan::split(line);
        if (words.empty())
            return true;
        const std::string& command = words[0];
        if (command == "quit")
            return false;
        if (command == "lock") {
            m_core.wallet->lock();
            QTest::qWait(50); // queued stateChanged reaches the dialogs
            answer("ok");
        } else if (command == "plant" && words.size() == 2) {
            const SecureBytes planted = memscan::unmask(words[1]);
            g_plantedBytes = planted.toByteArrayUnsafe();
            g_plantedText = QString::fromUtf8(g_plantedBytes);
            answer("ok");
        } else if (command == "change-password" && words.size() == 3) {
            answer(changePassword(memscan::unmask(words[1]), memscan::unmask(words[2])) ? "ok" : "error");
        } else if (command == "show-words" && words.size() == 2) {
            answer(showWords(memscan::unmask(words[1])) ? "ok" : "error");
        } else {
            answer("error unknown command");
        }
        return true;
    }

private:
    bool changePassword(const SecureBytes& oldPassword, const SecureBytes& newPassword)
    {
        auto dialog = std::make_unique<ui::ChangePasswordDialog>(m_core.wallet.get(), nullptr);
        dialog->show();
        type(child<QLineEdit>(dialog.get(), "changeOldPassword"), oldPassword);
        type(child<QLineEdit>(dialog.get(), "changeNewPassword"), newPassword);
        type(child<QLineEdit>(dialog.get(), "changeConfirmPassword"), newPassword);
        child<QPushButton>(dialog.get(), "changeButton")->click();
        const bool finished = QTest::qWaitFor([&] { return !dialog->isBusy(); }, 60000);
        const bool done = finished && child<QLabel>(dialog.get(), "changeDone")->isVisible();
        dialog->close();
        return done;
    }

    bool showWords(const SecureBytes& password)
    {
        auto dialog = std::make_unique<ui::ExportDialog>(m_core.wallet.get(), nullptr);
        dialog->show();
        type(child<QLineEdit>(dialog.get(), "exportPassword"), password);
        child<QPushButton>(dialog.get(), "exportReveal")->click();
        const bool shown = QTest::qWaitFor([&] { return dialog->showsWords(); }, 60000);
        QTest::qWait(50); // painted (offscreen) with the words on screen
        dialog->close();
        return shown && !dialog->showsWords();
    }

    QString m_dataDir;
    server::ServiceObjects m_core;
    std::unique_ptr<server::ServerController> m_server; // after m_core: destroyed before it
};

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setQuitOnLastWindowClosed(false); // the dialogs come and go; stdin says when to quit
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s <data dir>\n", argv[0]);
        return 2;
    }
    Child child(QString::fromLocal8Bit(argv[1]));
    if (!child.start())
        return 1;

    // Commands are read with read(2) into our own buffer: no stdio buffer keeps them.
    std::string pending;
    QSocketNotifier notifier(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &app, [&] {
        char buffer[512];
        const ssize_t got = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (got <= 0) {
            child.stop();
            return app.quit();
        }
        pending.append(buffer, std::size_t(got));
        notifier.setEnabled(false); // commands run nested event loops
        std::size_t newline = 0;
        while ((newline = pending.find('\n')) != std::string::npos) {
            const std::string line = pending.substr(0, newline);
            pending.erase(0, newline + 1);
            if (!child.run(line)) {
                child.stop();
                return app.quit();
            }
        }
        notifier.setEnabled(true);
    });
    return app.exec();
}
