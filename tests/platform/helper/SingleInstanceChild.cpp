// A second process for the single-instance tests: claims the instance for the data folder in
// argv[1], prints its role, and as primary prints "show" each time another launch asks.
#include "platform/SingleInstance.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fputs("usage: tokenpass_single_instance_child DATA_DIR\n", stderr);
        return 2;
    }
    tokenpass::platform::SingleInstance instance(QString::fromLocal8Bit(argv[1]));
    QObject::connect(&instance, &tokenpass::platform::SingleInstance::showRequested, [] {
        std::fputs("show\n", stdout);
        std::fflush(stdout);
    });
    const auto role = instance.claim();
    using Role = tokenpass::platform::SingleInstance::Role;
    std::fputs(role == Role::Primary     ? "primary\n"
               : role == Role::Secondary ? "secondary\n"
                                         : "failed\n",
               stdout);
    std::fflush(stdout);
    if (role != Role::Primary)
        return role == Role::Secondary ? 0 : 1;
    return app.exec(); // until the test kills us
}
