#pragma once

namespace tokenpass::crypto {

// Secrets pass through the stack frames of the functions that handle them (PBKDF2 blocks, a
// decoder's buffers, a JSON writer's scratch space), and a frame that has returned is not wiped:
// a later call may overwrite it, or nothing does, and a thread pool's idle thread keeps it for
// good. A StackScrub at the top of a function that handles secrets wipes, when it goes, the
// stack below its own frame, where those callees ran (after libsodium's sodium_stackzero).
class StackScrub
{
public:
    static constexpr int kBytes = 64 * 1024; // far deeper than any secret-handling call chain here
    StackScrub() = default;
    ~StackScrub();
    StackScrub(const StackScrub&) = delete;
    StackScrub& operator=(const StackScrub&) = delete;
};

} // namespace tokenpass::crypto
