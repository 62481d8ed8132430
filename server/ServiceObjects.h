#pragma once

#include "Clock.h"
#include "ServerOptions.h"

#include <QString>

#include <memory>

namespace tokenpass::access {
class ApprovalBroker;
}

namespace tokenpass::server {

// The core objects behind ServerServices, made the one way the app and the tests make them
// (issue 14): the data folder's wallet, the approval queue, the Gatekeeper over the folder's
// grants that asks through that queue, and the activity notices for the GUI. The owner takes
// them apart into its own members (they are shared with the UI), stops the server before they
// go, and destroys the gatekeeper before the broker.
struct ServiceObjects
{
    std::shared_ptr<store::Database> database;
    const Clock* clock = &Clock::system();
    std::unique_ptr<wallet::Wallet> wallet;
    std::unique_ptr<access::ApprovalBroker> broker;
    std::unique_ptr<access::Gatekeeper> gatekeeper; // after the broker: destroyed before it
    std::unique_ptr<access::ApiActivity> activity;

    static ServiceObjects make(const QString& dataDir, std::shared_ptr<store::Database> database,
                               const Clock& clock = Clock::system());
    // What the server is given: every member set. Take it before taking the objects apart.
    ServerServices services() const;

    ServiceObjects();
    ServiceObjects(ServiceObjects&&) noexcept;
    ServiceObjects& operator=(ServiceObjects&&) noexcept;
    ~ServiceObjects();
};

} // namespace tokenpass::server
