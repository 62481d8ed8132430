#pragma once

// Shared by the accessibility and keyboard tests (issue 19 item 4): every dialog and window of the
// app, built the way the app builds it, over a real wallet in a temp folder (WalletWindowFixture).

#include "AboutDialog.h"
#include "ChangePasswordDialog.h"
#include "ConsentDialog.h"
#include "ExportDialog.h"
#include "KeychainUnlock.h"
#include "SettingsWindow.h"
#include "SetupWizard.h"
#include "SignApprovalDialog.h"
#include "SitesModel.h"
#include "SitesWindow.h"
#include "TxApprovalDialog.h"
#include "TxApprovalSample.h"
#include "UnlockDialog.h"
#include "WalletWindowFixture.h"

#include "access/ApprovalBroker.h"
#include "access/Grants.h"
#include "platform/InMemorySecretStore.h"

#include <QApplication>
#include <QTest>

#include <memory>

namespace tokenpass::test {

class EveryWindowFixture : public WalletWindowFixture
{
protected:
    static constexpr qint64 kLongTimeoutMs = 600'000; // approval dialogs: never time out in a test

    void SetUp() override
    {
        WalletWindowFixture::SetUp();
        m_keychain = std::make_unique<ui::KeychainUnlock>(m_db, &m_secrets, m_wallet.get());
        access::Grant grant;
        grant.host = QStringLiteral("a.example");
        grant.scopes = {QStringLiteral("sign")};
        grant.duration = QStringLiteral("1d");
        grant.policy = access::SigningPolicy::AskEveryTime;
        grant.identity = QStringLiteral("bapA");
        ASSERT_TRUE(access::Grants(m_db).save(grant).isOk());
        m_sites = std::make_unique<ui::SitesModel>(m_db);
    }

    // Shown, active (so key events reach the focus widget), and owned by the caller.
    template <typename W> static std::unique_ptr<W> shown(std::unique_ptr<W> window)
    {
        window->setAttribute(Qt::WA_DeleteOnClose, false);
        window->show();
        window->activateWindow();
        EXPECT_TRUE(QTest::qWaitForWindowActive(window.get()));
        return window;
    }

    std::unique_ptr<ui::UnlockDialog> unlockDialog(ui::UnlockDialog::Unlock unlock = {})
    {
        if (!unlock)
            unlock = [](crypto::SecureBytes) {};
        return shown(std::make_unique<ui::UnlockDialog>(std::move(unlock), m_backoff.get()));
    }
    std::unique_ptr<ui::ChangePasswordDialog> changePasswordDialog()
    {
        return shown(std::make_unique<ui::ChangePasswordDialog>(m_wallet.get(), m_backoff.get(),
                                                                ui::ChangePasswordDialog::Changed{}));
    }
    std::unique_ptr<ui::ExportDialog> exportDialog()
    {
        return shown(std::make_unique<ui::ExportDialog>(m_wallet.get(), m_backoff.get()));
    }
    std::unique_ptr<ui::SettingsWindow> settingsWindow()
    {
        ui::SettingsWindow::Services services;
        services.database = m_db;
        services.wallet = m_wallet.get();
        services.keychain = m_keychain.get();
        services.backoff = m_backoff.get();
        services.runningPort = 21000;
        return shown(std::make_unique<ui::SettingsWindow>(services));
    }
    std::unique_ptr<ui::SitesWindow> sitesWindow()
    {
        auto window = shown(std::make_unique<ui::SitesWindow>(m_sites.get()));
        window->selectHost(QStringLiteral("a.example")); // the allowance editor is enabled
        return window;
    }
    std::unique_ptr<ui::AboutDialog> aboutDialog()
    {
        return shown(std::make_unique<ui::AboutDialog>(m_dir.path(), quint16(21000)));
    }
    // A wizard over an empty data folder (no wallet yet).
    std::unique_ptr<ui::SetupWizard> setupWizard(wallet::Wallet* empty)
    {
        return shown(std::make_unique<ui::SetupWizard>(empty));
    }

    static access::ApprovalRequest connectRequest()
    {
        access::ApprovalRequest request;
        request.id = 11;
        request.host = QStringLiteral("shop.example");
        request.origin = QStringLiteral("https://shop.example");
        request.kind = access::ApprovalKind::Connect;
        request.details = {
            {QStringLiteral("scopes"), QStringList{QStringLiteral("read"), QStringLiteral("sign")}},
            {QStringLiteral("newScopes"), QStringList{QStringLiteral("sign")}},
            {QStringLiteral("expiry"), QStringLiteral("1d")}};
        return request;
    }
    std::unique_ptr<ui::ConsentDialog> consentDialog()
    {
        wallet::BapIdentity a, b;
        a.name = QStringLiteral("Primary Identity");
        a.identityKey = QStringLiteral("idA");
        b.name = QStringLiteral("Work");
        b.identityKey = QStringLiteral("idB");
        return shown(std::make_unique<ui::ConsentDialog>(connectRequest(), QList<wallet::BapIdentity>{a, b},
                                                         QStringLiteral("02abcdef"), kLongTimeoutMs));
    }
    std::unique_ptr<ui::SignApprovalDialog> signDialog()
    {
        access::ApprovalRequest request;
        request.id = 12;
        request.host = QStringLiteral("shop.example");
        request.kind = access::ApprovalKind::Sign;
        // Long enough that "Show all" is there too.
        request.summary = QString(ui::SignApprovalDialog::kPreviewChars * 2, QLatin1Char('x'));
        return shown(std::make_unique<ui::SignApprovalDialog>(request, kLongTimeoutMs));
    }
    std::unique_ptr<ui::TxApprovalDialog> txDialog()
    {
        const tx::TransactionViewPtr view = sampleTransactionView();
        EXPECT_TRUE(view);
        access::ApprovalRequest request;
        request.id = 13;
        request.host = QStringLiteral("shop.example");
        request.kind = access::ApprovalKind::Transaction;
        request.summary = view->summary();
        request.details.insert(QLatin1String(tx::kTransactionDetail), QVariant::fromValue(view));
        return shown(std::make_unique<ui::TxApprovalDialog>(request, view, kLongTimeoutMs));
    }

    platform::InMemorySecretStore m_secrets;
    std::unique_ptr<ui::KeychainUnlock> m_keychain;
    std::unique_ptr<ui::SitesModel> m_sites;
};

} // namespace tokenpass::test
