#include "SettingsWindow.h"
#include "KeychainUnlock.h"
#include "ServerController.h"
#include "WalletWindowFixture.h"
#include "platform/Autostart.h"
#include "platform/InMemorySecretStore.h"
#include "store/Settings.h"

#include <QCheckBox>
#include <QDir>
#include <QEventLoop>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <optional>

using namespace tokenpass;
using namespace tokenpass::test;
using store::Settings;
using ui::SettingsWindow;
using Key = Settings::Key;

namespace {

// TOKENPASS_AUTOSTART_PATH_MOCK for one test, so the real autostart folder is never touched.
class MockAutostartFolder
{
public:
    MockAutostartFolder() : m_previous(qgetenv("TOKENPASS_AUTOSTART_PATH_MOCK"))
    {
        qputenv("TOKENPASS_AUTOSTART_PATH_MOCK", m_dir.path().toLocal8Bit());
    }
    ~MockAutostartFolder()
    {
        if (m_previous.isEmpty())
            qunsetenv("TOKENPASS_AUTOSTART_PATH_MOCK");
        else
            qputenv("TOKENPASS_AUTOSTART_PATH_MOCK", m_previous);
    }
    QStringList files() const { return QDir(m_dir.path()).entryList(QDir::Files); }

private:
    QTemporaryDir m_dir;
    QByteArray m_previous;
};

class SettingsWindowTest : public WalletWindowFixture
{
protected:
    void SetUp() override
    {
        WalletWindowFixture::SetUp();
        m_keychain = std::make_unique<ui::KeychainUnlock>(m_db, &m_secrets, m_wallet.get());
    }
    void TearDown() override
    {
        if (m_server)
            m_server->stop();
        WalletWindowFixture::TearDown();
    }
    std::unique_ptr<SettingsWindow> makeWindow(platform::Autostart* autostart = nullptr)
    {
        SettingsWindow::Services services;
        services.database = m_db;
        services.wallet = m_wallet.get();
        services.autostart = autostart;
        services.keychain = m_keychain.get();
        services.backoff = m_backoff.get();
        services.runningPort = 21000;
        auto window = std::make_unique<SettingsWindow>(services);
        window->show();
        return window;
    }

    int status(const QByteArray& method, const QString& path, const QByteArray& origin,
               const QByteArray& body = {}, QByteArray* allowOrigin = nullptr)
    {
        QNetworkAccessManager nam;
        QNetworkRequest req(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_server->port()).arg(path)));
        req.setRawHeader("Origin", origin);
        if (!body.isEmpty())
            req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        QNetworkReply* reply = nam.sendCustomRequest(req, method, body);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(10000, &loop, &QEventLoop::quit);
        loop.exec();
        const int code = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (allowOrigin)
            *allowOrigin = reply->rawHeader("Access-Control-Allow-Origin");
        delete reply;
        return code;
    }

    platform::InMemorySecretStore m_secrets;
    std::unique_ptr<ui::KeychainUnlock> m_keychain;
    std::unique_ptr<server::ServerController> m_server;
};

} // namespace

TEST_F(SettingsWindowTest, EachSettingIsSavedAtOnceAndAnnounced)
{
    auto window = makeWindow();
    auto* idle = child<QSpinBox>(*window, "settingsIdleMinutes");
    auto* screenLock = child<QCheckBox>(*window, "settingsLockOnScreenLock");
    auto* notify = child<QCheckBox>(*window, "settingsNotifySignatures");
    auto* port = child<QSpinBox>(*window, "settingsPort");
    // The defaults the idle and screen lock code rely on.
    EXPECT_EQ(idle->value(), 30);
    EXPECT_TRUE(screenLock->isChecked());
    EXPECT_TRUE(notify->isChecked());
    EXPECT_EQ(port->value(), 21000);
    EXPECT_TRUE(child<QLabel>(*window, "settingsPortNote")->text().contains(QStringLiteral("next time")));

    QSignalSpy idleSpy(window.get(), &SettingsWindow::idleLockMinutesChanged);
    QSignalSpy screenSpy(window.get(), &SettingsWindow::lockOnScreenLockChanged);
    QSignalSpy notifySpy(window.get(), &SettingsWindow::notifySignaturesChanged);
    idle->setValue(5);
    screenLock->click();
    notify->click();
    port->setValue(21001);

    Settings settings(m_db);
    EXPECT_EQ(settings.integer(Key::IdleLockMinutes), 5);
    EXPECT_FALSE(settings.boolean(Key::LockOnScreenLock));
    EXPECT_FALSE(settings.boolean(Key::NotifySignatures));
    EXPECT_EQ(settings.integer(Key::ListenPort), 21001);
    ASSERT_EQ(idleSpy.count(), 1);
    EXPECT_EQ(idleSpy.at(0).at(0).toInt(), 5);
    ASSERT_EQ(screenSpy.count(), 1);
    EXPECT_FALSE(screenSpy.at(0).at(0).toBool());
    ASSERT_EQ(notifySpy.count(), 1);
    EXPECT_FALSE(notifySpy.at(0).at(0).toBool());

    // A new window shows what was saved; 0 minutes reads "never".
    window.reset();
    auto again = makeWindow();
    EXPECT_EQ(child<QSpinBox>(*again, "settingsIdleMinutes")->value(), 5);
    EXPECT_FALSE(child<QCheckBox>(*again, "settingsLockOnScreenLock")->isChecked());
    EXPECT_FALSE(child<QCheckBox>(*again, "settingsNotifySignatures")->isChecked());
    EXPECT_EQ(child<QSpinBox>(*again, "settingsPort")->value(), 21001);
    child<QSpinBox>(*again, "settingsIdleMinutes")->setValue(0);
    EXPECT_EQ(child<QSpinBox>(*again, "settingsIdleMinutes")->text(), QStringLiteral("never"));
    EXPECT_EQ(Settings(m_db).integer(Key::IdleLockMinutes), 0);
}

TEST_F(SettingsWindowTest, LaunchAtLoginWritesAndRemovesTheAutostartEntry)
{
    MockAutostartFolder folder;
    platform::Autostart autostart;
    ASSERT_FALSE(autostart.isEnabled());
    auto window = makeWindow(&autostart);
    auto* box = child<QCheckBox>(*window, "settingsLaunchAtLogin");
    EXPECT_FALSE(box->isChecked());

    box->click();
    EXPECT_TRUE(box->isChecked());
    EXPECT_TRUE(autostart.isEnabled());
    EXPECT_EQ(folder.files().size(), 1) << qPrintable(folder.files().join(QLatin1Char(',')));

    window.reset();
    auto again = makeWindow(&autostart);
    box = child<QCheckBox>(*again, "settingsLaunchAtLogin");
    EXPECT_TRUE(box->isChecked());
    box->click();
    EXPECT_FALSE(box->isChecked());
    EXPECT_FALSE(autostart.isEnabled());
    EXPECT_TRUE(folder.files().isEmpty());
}

TEST_F(SettingsWindowTest, KeychainOnStoresTheCheckedPasswordAndOffDeletesIt)
{
    auto window = makeWindow();
    auto* box = child<QCheckBox>(*window, "settingsUnlockWithKeychain");
    auto* prompt = child<QWidget>(*window, "settingsKeychainPrompt");
    auto* field = child<QLineEdit>(*window, "settingsKeychainPassword");
    auto* confirm = child<QPushButton>(*window, "settingsKeychainConfirm");
    auto* message = child<QLabel>(*window, "settingsKeychainMessage");
    EXPECT_FALSE(box->isChecked()); // off by default
    EXPECT_FALSE(child<QLabel>(*window, "settingsKeychainExplanation")->text().isEmpty());
    EXPECT_FALSE(prompt->isVisible());

    // Turning it on asks for the password once; a wrong one stores nothing.
    box->click();
    EXPECT_FALSE(box->isChecked());
    EXPECT_TRUE(prompt->isVisible());
    QTest::keyClicks(field, QStringLiteral("not the password"));
    QTest::mouseClick(confirm, Qt::LeftButton);
    EXPECT_TRUE(field->text().isEmpty());
    ASSERT_TRUE(QTest::qWaitFor([&] { return !window->isBusy(); }, 10000));
    EXPECT_TRUE(message->text().startsWith(QStringLiteral("That password is not correct.")));
    EXPECT_FALSE(box->isChecked());
    EXPECT_FALSE(m_secrets.contains(m_keychain->account()));
    EXPECT_FALSE(Settings(m_db).boolean(Key::UnlockWithKeychain));
    EXPECT_EQ(m_backoff->failureCount(), 1);

    QSignalSpy changed(window.get(), &SettingsWindow::unlockWithKeychainChanged);
    QTest::keyClicks(field, QString::fromLatin1(kWalletPassword));
    QTest::mouseClick(confirm, Qt::LeftButton);
    ASSERT_TRUE(QTest::qWaitFor([&] { return !window->isBusy(); }, 10000));
    EXPECT_TRUE(message->text().isEmpty()) << qPrintable(message->text());
    EXPECT_TRUE(box->isChecked());
    EXPECT_FALSE(prompt->isVisible());
    EXPECT_TRUE(m_secrets.contains(m_keychain->account()));
    EXPECT_TRUE(Settings(m_db).boolean(Key::UnlockWithKeychain));
    ASSERT_EQ(changed.count(), 1);
    EXPECT_TRUE(changed.at(0).at(0).toBool());

    // With it on, a locked wallet unlocks from the keychain without a prompt.
    m_wallet->lock();
    std::optional<bool> unlocked;
    m_keychain->tryUnlock([&](bool ok) { unlocked = ok; });
    ASSERT_TRUE(QTest::qWaitFor([&] { return unlocked.has_value(); }, 10000));
    EXPECT_TRUE(*unlocked);
    EXPECT_TRUE(m_wallet->isUnlocked());

    // Off: the setting goes off and the stored password is deleted.
    box->click();
    ASSERT_TRUE(QTest::qWaitFor([&] { return !window->isBusy(); }, 10000));
    EXPECT_FALSE(box->isChecked());
    EXPECT_FALSE(m_secrets.contains(m_keychain->account()));
    EXPECT_FALSE(Settings(m_db).boolean(Key::UnlockWithKeychain));
    m_wallet->lock();
    unlocked.reset();
    m_keychain->tryUnlock([&](bool ok) { unlocked = ok; });
    ASSERT_TRUE(QTest::qWaitFor([&] { return unlocked.has_value(); }, 10000));
    EXPECT_FALSE(*unlocked);
    EXPECT_FALSE(m_wallet->isUnlocked());
}

TEST_F(SettingsWindowTest, KeychainFollowsAPasswordChangeAndAStalePasswordFallsBack)
{
    ASSERT_TRUE(Settings(m_db).setBoolean(Key::UnlockWithKeychain, true));
    bool stored = false;
    m_keychain->passwordChanged(secret("a new password"), [&](Result<bool> r) { stored = r.isOk(); });
    ASSERT_TRUE(QTest::qWaitFor([&] { return stored; }, 5000));
    // The file still opens with the old password only, so the stored one is refused.
    m_wallet->lock();
    std::optional<bool> unlocked;
    m_keychain->tryUnlock([&](bool ok) { unlocked = ok; });
    ASSERT_TRUE(QTest::qWaitFor([&] { return unlocked.has_value(); }, 10000));
    EXPECT_FALSE(*unlocked);
    EXPECT_FALSE(m_wallet->isUnlocked());
}

TEST_F(SettingsWindowTest, WhitelistedOriginIsAcceptedByTheRunningServer)
{
    m_wallet->lock();
    server::ServerServices services;
    services.wallet = m_wallet.get();
    services.database = m_db;
    m_server = std::make_unique<server::ServerController>(services);
    server::ServerOptions options;
    options.port = 0;
    ASSERT_TRUE(m_server->start(options)) << qPrintable(m_server->lastError());

    const QByteArray origin = "http://localhost:3000";
    const QByteArray login = R"({"password":"correct horse battery"})";
    EXPECT_EQ(status("OPTIONS", QStringLiteral("/api/login"), origin), 403);
    EXPECT_EQ(status("POST", QStringLiteral("/api/login"), origin, login), 403);
    EXPECT_FALSE(m_wallet->isUnlocked());

    auto window = makeWindow();
    auto* input = child<QLineEdit>(*window, "settingsOriginInput");
    auto* list = child<QListWidget>(*window, "settingsOriginList");
    auto* add = child<QPushButton>(*window, "settingsOriginAdd");
    QSignalSpy changed(window.get(), &SettingsWindow::originWhitelistChanged);

    // Not an origin: explained, nothing saved.
    QTest::keyClicks(input, QStringLiteral("localhost:3000/app"));
    QTest::mouseClick(add, Qt::LeftButton);
    EXPECT_FALSE(child<QLabel>(*window, "settingsOriginMessage")->text().isEmpty());
    EXPECT_EQ(list->count(), 0);
    EXPECT_EQ(changed.count(), 0);

    input->clear();
    QTest::keyClicks(input, QStringLiteral("HTTP://localhost:3000"));
    QTest::mouseClick(add, Qt::LeftButton);
    ASSERT_EQ(list->count(), 1);
    EXPECT_EQ(list->item(0)->text(), QString::fromLatin1(origin));
    EXPECT_EQ(changed.count(), 1);
    EXPECT_TRUE(child<QLabel>(*window, "settingsOriginMessage")->text().isEmpty());

    // The running server takes it without a restart.
    EXPECT_EQ(status("OPTIONS", QStringLiteral("/api/login"), origin), 204);
    QByteArray allowed;
    EXPECT_EQ(status("POST", QStringLiteral("/api/login"), origin, login, &allowed), 200);
    EXPECT_EQ(allowed, origin);
    EXPECT_TRUE(m_wallet->isUnlocked());

    // Removed again: refused again.
    list->item(0)->setSelected(true);
    QTest::mouseClick(child<QPushButton>(*window, "settingsOriginRemove"), Qt::LeftButton);
    EXPECT_EQ(list->count(), 0);
    EXPECT_EQ(status("OPTIONS", QStringLiteral("/api/login"), origin), 403);
}
