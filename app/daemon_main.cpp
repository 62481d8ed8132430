// `tokenpassd`: the API server alone (core, server and platform; no Qt Widgets or Qt Gui). It
// takes the same options as `tokenpass` and always runs as `tokenpass --headless` would;
// `tokenpass --headless` replaces itself with this program (HeadlessExec.h).

#include "Launch.h"

int main(int argc, char** argv)
{
    const tokenpass::app::Launch launch =
        tokenpass::app::prepareLaunch(argc, argv, QStringLiteral("tokenpassd"));
    if (launch.exitNow)
        return launch.exitCode;
    return tokenpass::app::runHeadless(argc, argv, launch);
}
