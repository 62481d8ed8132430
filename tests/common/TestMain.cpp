// Shared main for every test executable. A Qt application object exists (timers and queued
// signals need one); GUI suites get a QApplication on the offscreen platform unless the
// caller chose another platform (for example xcb under Xvfb).
#include <QCoreApplication>
#ifdef TOKENPASS_TEST_GUI
#include <QApplication>
#endif

#include <gtest/gtest.h>

int main(int argc, char** argv)
{
    ::testing::InitGoogleTest(&argc, argv);
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
#ifdef TOKENPASS_TEST_GUI
    QApplication app(argc, argv);
#else
    QCoreApplication app(argc, argv);
#endif
    return RUN_ALL_TESTS();
}
