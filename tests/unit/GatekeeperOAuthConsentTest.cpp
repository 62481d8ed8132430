// access::Gatekeeper, the remembered OAuth consent (issue 16 item 3, OAUTH.md §5.2 rule 7): the
// native dialog is asked unless the person ticked "remember this decision" for the same client,
// the same scopes or fewer and the same identity; what an answer leaves behind (the chosen
// identity for the route, the remembered consent only when ticked, private identities); default
// deny on timeout. A real broker, database and clock; a lambda stands in for the dialog.

#include "access/Gatekeeper.h"

#include "common/ManualClock.h"
#include "common/TestDataDir.h"
#include "store/Database.h"

#include <QTest>

#include <gtest/gtest.h>

using namespace tokenpass;
using access::ApprovalAnswer;
using access::ApprovalKind;
using access::ApprovalOutcome;
using access::ApprovalRequest;
using access::ConsentChoice;
using access::Gatekeeper;
using access::Operation;
using access::Verdict;

namespace {

QStringList list(std::initializer_list<const char*> items)
{
    QStringList out;
    for (const char* item : items)
        out.append(QString::fromLatin1(item));
    return out;
}

Operation oauthOp(const char* clientId, const QStringList& scopes)
{
    Operation op;
    op.kind = ApprovalKind::Connect;
    op.host = access::oauthHostPrefix() + QString::fromLatin1(clientId);
    op.scopes = scopes;
    op.details = {{QStringLiteral("oauthClientName"), QStringLiteral("Agent")}};
    return op;
}

class GatekeeperOAuthConsent : public ::testing::Test
{
protected:
    void SetUp() override
    {
        auto db = store::Database::open(m_dir.path());
        ASSERT_TRUE(db.isOk()) << qPrintable(db.error());
        m_db = *db;
        m_consents = std::make_shared<access::OAuthConsents>(m_db, m_clock);
        m_gatekeeper =
            std::make_unique<Gatekeeper>(std::make_shared<access::Grants>(m_db, m_clock), &m_broker, m_clock);
        m_gatekeeper->setOAuthConsents(m_consents);
        QObject::connect(&m_broker, &access::ApprovalBroker::approvalRequested, &m_broker,
                         [this](const ApprovalRequest& r) { m_shown.append(r); });
        QObject::connect(m_gatekeeper.get(), &Gatekeeper::approvalFinished, &m_broker,
                         [this](quint64 id, ApprovalOutcome o) { m_outcomes.insert(id, o); });
    }

    // The dialog's answer: Allow with this identity, "remember" ticked or not.
    quint64 approve(const Operation& op, const QString& identity, bool remember)
    {
        EXPECT_EQ(m_gatekeeper->check(op).verdict, Verdict::Ask);
        const quint64 id = m_gatekeeper->ask(op);
        EXPECT_NE(id, 0u);
        ApprovalAnswer answer;
        answer.consent = ConsentChoice{identity, remember};
        m_broker.approve(id, answer);
        return id;
    }

    test::TestDataDir m_dir;
    test::ManualClock m_clock;
    std::shared_ptr<store::Database> m_db;
    std::shared_ptr<access::OAuthConsents> m_consents;
    access::ApprovalBroker m_broker;
    std::unique_ptr<Gatekeeper> m_gatekeeper;
    QList<ApprovalRequest> m_shown;
    QHash<quint64, ApprovalOutcome> m_outcomes;
};

} // namespace

TEST_F(GatekeeperOAuthConsent, AsksWhenNothingIsRemembered)
{
    const Operation op = oauthOp("c1", list({"openid", "bsv:tools"}));
    const access::Check check = m_gatekeeper->check(op);
    EXPECT_EQ(check.verdict, Verdict::Ask);
    EXPECT_TRUE(check.scopes.isEmpty());
    EXPECT_FALSE(m_gatekeeper->consentOutcome(op)); // nothing approved yet

    // An approval without "remember" lets this request through with the chosen identity, and
    // leaves nothing that spares the next dialog.
    approve(op, QStringLiteral("idB"), false);
    const auto chosen = m_gatekeeper->consentOutcome(op);
    ASSERT_TRUE(chosen);
    EXPECT_EQ(chosen->identity, QStringLiteral("idB"));
    EXPECT_EQ(chosen->scopes, op.scopes);
    EXPECT_FALSE(m_consents->find(QStringLiteral("c1")));
    EXPECT_EQ(m_gatekeeper->check(op).verdict, Verdict::Ask);
}

TEST_F(GatekeeperOAuthConsent, SkipsTheDialogWhenRememberedForTheSameOrFewerScopes)
{
    const Operation op = oauthOp("c1", list({"openid", "bsv:tools"}));
    approve(op, QStringLiteral("idB"), true);
    const auto remembered = m_consents->find(QStringLiteral("c1"));
    ASSERT_TRUE(remembered);
    EXPECT_EQ(remembered->scopes, list({"bsv:tools", "openid"})); // stored sorted
    EXPECT_EQ(remembered->identity, QStringLiteral("idB"));

    for (const QStringList& scopes :
         {list({"openid", "bsv:tools"}), list({"bsv:tools", "openid"}), list({"openid"}), QStringList{}}) {
        const access::Check again = m_gatekeeper->check(oauthOp("c1", scopes));
        EXPECT_EQ(again.verdict, Verdict::Allowed) << qPrintable(scopes.join(QLatin1Char(' ')));
        EXPECT_EQ(again.identity, QStringLiteral("idB")); // the token speaks for the remembered one
        EXPECT_EQ(again.scopes, scopes);
    }
    // A request naming the remembered identity is covered as well.
    Operation named = oauthOp("c1", list({"openid"}));
    named.details.insert(QStringLiteral("oauthIdentity"), QStringLiteral("idB"));
    EXPECT_EQ(m_gatekeeper->check(named).verdict, Verdict::Allowed);
    // Survives a lock (it is the person's standing decision, like a grant) and is per client.
    m_gatekeeper->onLock();
    EXPECT_EQ(m_gatekeeper->check(op).verdict, Verdict::Allowed);
    EXPECT_EQ(m_gatekeeper->check(oauthOp("c2", list({"openid"}))).verdict, Verdict::Ask);
}

TEST_F(GatekeeperOAuthConsent, AsksAgainForWiderScopesAnotherIdentityOrPromptConsent)
{
    approve(oauthOp("c1", list({"openid"})), QStringLiteral("idB"), true);

    EXPECT_EQ(m_gatekeeper->check(oauthOp("c1", list({"openid", "profile"}))).verdict, Verdict::Ask);
    Operation other = oauthOp("c1", list({"openid"}));
    other.details.insert(QStringLiteral("oauthIdentity"), QStringLiteral("idA"));
    EXPECT_EQ(m_gatekeeper->check(other).verdict, Verdict::Ask);
    Operation forced = oauthOp("c1", list({"openid"}));
    forced.details.insert(QStringLiteral("prompt"), QStringLiteral("consent"));
    EXPECT_EQ(m_gatekeeper->check(forced).verdict, Verdict::Ask);
    // A device is always asked (the route sends prompt=consent): a remembered consent never
    // covers it, not even when it is about to be shown.
    const int shownBefore = m_shown.size();
    const quint64 id = m_gatekeeper->ask(forced);
    EXPECT_EQ(m_shown.size(), shownBefore + 1); // shown, not covered by the remembered consent
    m_broker.deny(id);
    EXPECT_EQ(m_outcomes.value(id), ApprovalOutcome::Denied);

    // Remembering the wider set as another identity replaces the old decision.
    approve(oauthOp("c1", list({"openid", "profile"})), QStringLiteral("idA"), true);
    EXPECT_EQ(m_consents->find(QStringLiteral("c1"))->identity, QStringLiteral("idA"));
    EXPECT_EQ(m_gatekeeper->check(other).verdict, Verdict::Allowed);
}

TEST_F(GatekeeperOAuthConsent, TimeoutAndDenialAreDenialsAndRememberNothing)
{
    m_broker.setTimeout(ApprovalKind::Connect, 20);
    const Operation op = oauthOp("c1", list({"openid"}));
    const quint64 id = m_gatekeeper->ask(op);
    QTRY_VERIFY_WITH_TIMEOUT(m_outcomes.contains(id), 2000);
    QCoreApplication::processEvents();
    EXPECT_EQ(m_outcomes.value(id), ApprovalOutcome::TimedOut);
    EXPECT_FALSE(m_gatekeeper->consentOutcome(op));
    EXPECT_FALSE(m_consents->find(QStringLiteral("c1")));
    EXPECT_EQ(m_gatekeeper->check(op).verdict, Verdict::Ask);

    // No dialog at all (headless): never an Allowed without the consent form's password.
    Gatekeeper alone(std::make_shared<access::Grants>(m_db, m_clock), nullptr, m_clock);
    alone.setOAuthConsents(m_consents);
    EXPECT_EQ(alone.check(op).verdict, Verdict::CheckPassword); // headless: the consent form
}

TEST_F(GatekeeperOAuthConsent, PrivateIdentitiesAreOfferedToLaterClientsAndOnlyThoseCanBeChosen)
{
    const Operation first = oauthOp("c1", list({"openid"}));
    approve(first, access::privateIdentityFor(QStringLiteral("c1")), true);
    EXPECT_EQ(m_gatekeeper->check(first).identity, QStringLiteral("private:c1"));
    const auto known = m_consents->privateIdentities();
    ASSERT_EQ(known.size(), 1);
    EXPECT_EQ(known[0].clientName, QStringLiteral("Agent"));

    // A client registered again sees the earlier private identity in the dialog's details.
    const quint64 id = m_gatekeeper->ask(oauthOp("c2", list({"openid"})));
    ASSERT_FALSE(m_shown.isEmpty());
    const QVariantList offered =
        m_shown.last().details.value(QStringLiteral("oauthPrivateIdentities")).toList();
    ASSERT_EQ(offered.size(), 1);
    EXPECT_EQ(offered[0].toMap().value(QStringLiteral("identity")).toString(), QStringLiteral("private:c1"));
    EXPECT_EQ(m_shown.last().details.value(QStringLiteral("oauthClientId")).toString(), QStringLiteral("c2"));
    ApprovalAnswer continueAsC1;
    continueAsC1.consent = ConsentChoice{QStringLiteral("private:c1"), false};
    m_broker.approve(id, continueAsC1);
    EXPECT_EQ(m_outcomes.value(id), ApprovalOutcome::Approved);
    EXPECT_EQ(m_gatekeeper->consentOutcome(oauthOp("c2", list({"openid"})))->identity,
              QStringLiteral("private:c1"));

    // A private identity never offered (another client's, unused) turns the approval into a denial.
    const quint64 bad = m_gatekeeper->ask(oauthOp("c3", list({"openid"})));
    ApprovalAnswer stolen;
    stolen.consent = ConsentChoice{QStringLiteral("private:c9"), true};
    m_broker.approve(bad, stolen);
    EXPECT_EQ(m_outcomes.value(bad), ApprovalOutcome::Denied);
    EXPECT_FALSE(m_consents->find(QStringLiteral("c3")));
}

TEST_F(GatekeeperOAuthConsent, SchemaVersionSixHoldsTheConsents)
{
    EXPECT_GE(m_db->schemaVersion(), 6);
    EXPECT_GE(store::Database::latestSchemaVersion(), 6);
    ASSERT_TRUE(m_consents->remember(QStringLiteral("c1"), list({"openid"}), QStringLiteral("idA")));
    // Another connection (a restart) reads what was stored.
    access::OAuthConsents again(m_db, m_clock);
    EXPECT_EQ(again.find(QStringLiteral("c1"))->identity, QStringLiteral("idA"));
    EXPECT_TRUE(again.forget(QStringLiteral("c1")));
    EXPECT_FALSE(again.find(QStringLiteral("c1")));
}

// OAUTH.md "Locked wallet": authorize in GUI mode shows the unlock dialog first. A remembered
// consent cannot issue a code while locked, so the person is asked (the dialog, which unlocks
// first), not answered temporarily_unavailable; headless, the form's password unlocks.
TEST_F(GatekeeperOAuthConsent, ALockedWalletAsksEvenWhenRemembered)
{
    approve(oauthOp("c1", list({"openid"})), QStringLiteral("idB"), true);
    ASSERT_TRUE(m_consents->find(QStringLiteral("c1")));
    Operation locked = oauthOp("c1", list({"openid"}));
    locked.details.insert(QStringLiteral("walletLocked"), true);
    EXPECT_EQ(m_gatekeeper->check(locked).verdict, Verdict::Ask);

    // The broker shows it: the remembered consent is no standing answer while locked.
    const qsizetype shownBefore = m_shown.size();
    const quint64 id = m_gatekeeper->ask(locked);
    ASSERT_NE(id, 0u);
    EXPECT_TRUE(QTest::qWaitFor([&] { return m_shown.size() == shownBefore + 1; }, 2000));
    EXPECT_FALSE(m_outcomes.contains(id));
    m_broker.deny(id);

    m_broker.setHeadless(true);
    EXPECT_EQ(m_gatekeeper->check(locked).verdict, Verdict::CheckPassword);
    locked.passwordVerified = true; // the form's password unlocked the wallet
    EXPECT_EQ(m_gatekeeper->check(locked).verdict, Verdict::Allowed);
}
