#pragma once

#include "Router.h"

#include <QList>

namespace tokenpass::server {

// Every route the server answers, in one list: method, path, who may call it, how its body is
// read, and its handler. ServerWorker serves it (setUpServer), the router fuzzer iterates it.
const QList<Route>& routeTable();

} // namespace tokenpass::server
