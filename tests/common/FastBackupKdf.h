#pragma once

#include "wallet/BackupFile.h"

namespace tokenpass::test {

// backup.bep at 1,000 PBKDF2 rounds while this object lives, for tests that are not about the key
// derivation (600,000 rounds per save or unlock would dominate them). As a fixture member it is
// set before SetUp() and reset after TearDown().
class FastBackupKdf
{
public:
    FastBackupKdf() { wallet::BackupFile::setIterationsForTesting(1000); }
    ~FastBackupKdf() { wallet::BackupFile::setIterationsForTesting(0); }
    FastBackupKdf(const FastBackupKdf&) = delete;
    FastBackupKdf& operator=(const FastBackupKdf&) = delete;
};

} // namespace tokenpass::test
