#pragma once

namespace tokenpass::server {

struct ApiRequest;
class Reply;
struct ServerState;

// The wallet files: list, add, delete, switch, create and import (API.md §2.18, decisions 3, 4, 6).
class BackupRoutes
{
public:
    // Route handlers (RouteTable.cpp).
    static void list(ServerState& state, const ApiRequest& request, const Reply& reply);
    static void add(ServerState& state, const ApiRequest& request, const Reply& reply);
    static void remove(ServerState& state, const ApiRequest& request, const Reply& reply);
    static void switchTo(ServerState& state, const ApiRequest& request, const Reply& reply);
    static void create(ServerState& state, const ApiRequest& request, const Reply& reply);
    static void import(ServerState& state, const ApiRequest& request, const Reply& reply);
};

} // namespace tokenpass::server
