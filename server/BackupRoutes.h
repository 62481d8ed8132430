#pragma once

namespace tokenpass::server {

class Router;
struct ServerState;

// The wallet files: list, add, delete, switch, create and import (API.md §2.18, decisions 3, 4, 6).
class BackupRoutes
{
public:
    static void install(Router& router, ServerState& state);
};

} // namespace tokenpass::server
