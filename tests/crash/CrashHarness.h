#pragma once

// The parent side of the crash tests: runs tokenpass_crash_writer, SIGKILLs it at a random moment,
// and reads back what is on disk with the real core classes. Each check returns an empty string
// when the state is good and a description of the damage otherwise, so the tests that expect a
// deliberately unsafe writer to be caught can use the same checks.

#include "Result.h"

#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

namespace tokenpass::crash {

// Kills per scenario: TOKENPASS_CRASH_KILLS, else `fallback` (the defaults keep the whole suite
// near a minute on a busy 2-core machine, with at least 200 kills in total).
int killsPerScenario(int fallback);

struct Killed
{
    long last = -1; // the last "committed <n>" the writer printed, -1 if none
    QString errors; // anything it wrote to stderr
};
// Starts the writer, waits for its first completed write, lets it run a random 0.2 ms to
// `maxDelayMs` more (about one operation of the mode, so the kill lands in any step of it), then
// SIGKILLs it.
Killed runAndKill(const QStringList& args, int maxDelayMs = 40);

struct WalletView
{
    QString identityKey;   // the primary BAP identity
    QString hostPublicKey; // the per-site key of "crash.example": proves the same root key
    QString displayName;   // the primary identity's displayName attribute, if any
};
// Opens <dir>/backup.bep with the password through wallet::Wallet.
Result<WalletView> openWallet(const QString& dir, const QByteArray& password);

// "" when tokenpass.sqlite opens and PRAGMA integrity_check answers ok.
QString databaseProblem(const QString& dir);

// Row key -> the n its fields name (-1: torn). Keys "token:<host>", "grant:<host>", "profile:<host>".
QHash<QString, long> tokenAndGrantRows(const QString& dir);
QHash<QString, long> profileRows(const QString& dir);

// One folder of the register scenario, written as backup.bep, then config.json, then the global
// profile. `complete`: the writer reported it, so all three must be there.
QString registeredWalletProblem(const QString& dir, const QByteArray& password, long n, bool complete);

// For each row, the n of its last committed write; a row on disk must hold that n, or the
// in-flight n if the in-flight write touches it.
class RowTracker
{
public:
    void commit(const QStringList& keys, long n);
    QString problem(const QHash<QString, long>& onDisk, const QStringList& inFlightKeys,
                    long inFlightN) const;
    // Takes the in-flight n for the rows that turned out to have it.
    void adoptInFlight(const QHash<QString, long>& onDisk, const QStringList& inFlightKeys, long inFlightN);

private:
    QHash<QString, long> m_committed;
};

} // namespace tokenpass::crash
