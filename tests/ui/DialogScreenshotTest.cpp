// Saves a PNG of each dialog when TOKENPASS_SCREENSHOT_DIR is set (a developer looking at the
// layout, or the screenshot script); otherwise skipped.
#include "ConsentDialog.h"
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
