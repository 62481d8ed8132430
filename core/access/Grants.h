#pragma once

#include "Clock.h"
#include "Result.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace tokenpass::store {
class Database;
}

namespace tokenpass::access {

// How a site's sign/encrypt/decrypt requests are treated (DESIGN.md "Consent and approval model").
enum class SigningPolicy
{
    Allow,
    AskEveryTime
};

// A person's standing decision for one host.
struct Grant
{
    QString host;
    QStringList scopes;
    QString duration; // once, 1h, 1d, 1w, 1m, forever
    SigningPolicy policy = SigningPolicy::AskEveryTime;
    QString identity; // BAP id to present to the site
    qint64 createdMs = 0;
    qint64 expiresMs = 0; // 0 = never
};

// Every signature asks for its host's grant (the signing policy), so grants found in the
// database are kept in memory, shared by every Grants on the same Database; save and remove
// through any of them update it for all at once. Absent hosts are not remembered: the table
// decides for them every time.
class Grants
{
public:
    Grants(std::shared_ptr<store::Database> database, const Clock& clock = Clock::system());

    // Records (or replaces) the grant for grant.host; createdMs and expiresMs are computed here
    // from the clock and grant.duration.
    Result<Grant> save(Grant grant);
    // The host's grant if it exists and has not expired.
    std::optional<Grant> find(const QString& host) const;
    bool remove(const QString& host);
    int removeAll();
    QList<Grant> list() const; // including expired ones, for the sites window

    struct Cache;

private:
    void forget(const QString* host); // null: every host

    std::shared_ptr<store::Database> m_database;
    const Clock& m_clock;
    std::shared_ptr<Cache> m_cache;
};

} // namespace tokenpass::access
