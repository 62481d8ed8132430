#include "ServiceObjects.h"

#include "access/ApiActivity.h"
#include "access/ApprovalBroker.h"
#include "access/Gatekeeper.h"
#include "access/Grants.h"
#include "store/Database.h"
#include "wallet/Wallet.h"

namespace tokenpass::server {

ServiceObjects::ServiceObjects() = default;
ServiceObjects::ServiceObjects(ServiceObjects&&) noexcept = default;
ServiceObjects& ServiceObjects::operator=(ServiceObjects&&) noexcept = default;

ServiceObjects::~ServiceObjects() = default;

ServiceObjects ServiceObjects::make(const QString& dataDir, std::shared_ptr<store::Database> database,
                                    const Clock& clock)
{
    ServiceObjects made;
    made.database = database;
    made.clock = &clock;
    made.wallet = std::make_unique<wallet::Wallet>(dataDir);
    made.broker = std::make_unique<access::ApprovalBroker>();
    made.gatekeeper = std::make_unique<access::Gatekeeper>(std::make_shared<access::Grants>(database, clock),
                                                           made.broker.get(), clock);
    made.gatekeeper->setAllowances(std::make_shared<store::SpendingAllowances>(database, clock));
    made.gatekeeper->setOAuthConsents(std::make_shared<access::OAuthConsents>(database, clock));
    made.activity = std::make_unique<access::ApiActivity>();
    return made;
}

ServerServices ServiceObjects::services() const
{
    ServerServices services;
    services.wallet = wallet.get();
    services.database = database;
    services.gatekeeper = gatekeeper.get(); // the server also tells it about locks
    services.activity = activity.get();
    services.clock = clock;
    return services;
}

} // namespace tokenpass::server
