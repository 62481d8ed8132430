#pragma once

#include <QObject>

#include <memory>

namespace tokenpass::platform {

// Tells when the person's session locks or the machine is about to sleep (DESIGN.md "Lock
// model": lock on screen lock or suspend, where the OS tells us). One implementation per OS:
// D-Bus on Linux (login1 and the ScreenSaver interfaces); elsewhere, for now, one that never
// reports anything. Lives on the GUI thread.
class SessionWatcher : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~SessionWatcher() override = default;

    // The watcher for this OS, already listening where it can.
    static std::unique_ptr<SessionWatcher> create(QObject* parent = nullptr);

    // False when nothing can be watched here (no bus, an OS without an implementation).
    virtual bool isWatching() const = 0;

Q_SIGNALS:
    void screenLocked();
    void suspending();
};

} // namespace tokenpass::platform
