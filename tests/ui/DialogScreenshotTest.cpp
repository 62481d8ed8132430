// Saves a PNG of each dialog when TOKENPASS_SCREENSHOT_DIR is set (a developer looking at the
// layout, or the screenshot script); otherwise skipped.
#include "ConsentDialog.h"
#include "OAuthConsentDialog.h"
#include "SignApprovalDialog.h"
#include "TxApprovalDialog.h"
#include "TxApprovalSample.h"
#include "UnlockDialog.h"

#include <QDir>
#include <QPixmap>
#include <QTest>

#include <gtest/gtest.h>

using namespace tokenpass;

namespace {

void save(QWidget& widget, const QString& name)
{
    widget.show();
    widget.adjustSize();
    QTest::qWait(50);
    const QString dir = qEnvironmentVariable("TOKENPASS_SCREENSHOT_DIR");
    EXPECT_TRUE(widget.grab().save(QDir(dir).filePath(name + QStringLiteral(".png"))));
}

} // namespace

TEST(DialogScreenshots, SaveEachDialog)
{
    if (!qEnvironmentVariableIsSet("TOKENPASS_SCREENSHOT_DIR"))
        GTEST_SKIP() << "set TOKENPASS_SCREENSHOT_DIR to save screenshots";

    ui::UnlockDialog unlock([](crypto::SecureBytes) {}, nullptr);
    save(unlock, QStringLiteral("unlock"));

    access::ApprovalRequest connect;
    connect.id = 1;
    connect.host = QStringLiteral("shop.example");
    connect.origin = QStringLiteral("https://shop.example");
    connect.details = {
        {QStringLiteral("scopes"),
         QStringList{QStringLiteral("read_profile"), QStringLiteral("sign"), QStringLiteral("encrypt")}},
        {QStringLiteral("expiry"), QStringLiteral("1d")}};
    wallet::BapIdentity id;
    id.name = QStringLiteral("Primary Identity");
    id.identityKey = QStringLiteral("idA");
    ui::ConsentDialog consent(connect, {id}, QStringLiteral("02a1b2c3d4"), 120000);
    save(consent, QStringLiteral("consent"));

    // Issue 16 item 3: the native OAuth consent, for an app and for a device.
    access::ApprovalRequest oauth;
    oauth.id = 3;
    oauth.host = QStringLiteral("oauth:4f1c2a9e");
    oauth.details = {
        {QStringLiteral("scopes"), QStringList{QStringLiteral("openid"), QStringLiteral("offline_access"),
                                               QStringLiteral("bsv:wallet")}},
        {QStringLiteral("oauthClientId"), QStringLiteral("4f1c2a9e")},
        {QStringLiteral("oauthClientName"), QStringLiteral("Claude Code")},
        {QStringLiteral("oauthRedirectHost"), QStringLiteral("localhost")},
        {QStringLiteral("oauthResource"), QStringLiteral("https://mcp.example.com/mcp")},
        {QStringLiteral("oauthPrivateIdentities"),
         QVariantList{QVariantMap{{QStringLiteral("identity"), QStringLiteral("private:0a1b")},
                                  {QStringLiteral("clientName"), QStringLiteral("MCP Inspector")}}}}};
    wallet::BapIdentity work;
    work.name = QStringLiteral("Work");
    work.identityKey = QStringLiteral("idB");
    ui::OAuthConsentDialog oauthConsent(oauth, {id, work}, 120000);
    save(oauthConsent, QStringLiteral("oauth-consent"));
    access::ApprovalRequest device = oauth;
    device.id = 4;
    device.details.remove(QStringLiteral("oauthRedirectHost"));
    device.details.insert(QStringLiteral("oauthResource"), QStringLiteral("http://127.0.0.1:3000/mcp"));
    device.details.insert(QStringLiteral("oauthUserCode"), QStringLiteral("WDJBMJHT"));
    device.details.insert(QStringLiteral("scopes"),
                          QStringList{QStringLiteral("openid"), QStringLiteral("bsv:tools")});
    ui::OAuthConsentDialog deviceConsent(device, {id, work}, 120000);
    save(deviceConsent, QStringLiteral("oauth-consent-device"));

    access::ApprovalRequest sign;
    sign.id = 2;
    sign.host = QStringLiteral("shop.example");
    sign.kind = access::ApprovalKind::Sign;
    sign.summary =
        QStringLiteral("Sign in request for /api/orders\nbody hash: 9f86d081884c7d659a2feaa0c55ad015");
    ui::SignApprovalDialog approval(sign, 60000);
    save(approval, QStringLiteral("sign-approval"));

    const auto view = test::sampleTransactionView();
    access::ApprovalRequest txRequest;
    txRequest.host = QStringLiteral("shop.example");
    txRequest.kind = access::ApprovalKind::Transaction;
    ui::TxApprovalDialog txApproval(txRequest, view, 120000);
    save(txApproval, QStringLiteral("tx-approval"));
}
