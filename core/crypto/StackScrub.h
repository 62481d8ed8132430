#pragma once

namespace tokenpass::crypto {

// Secrets pass through the stack frames of the functions that handle them (PBKDF2 blocks, a
// decoder's buffers, a JSON writer's scratch space), and a frame that has returned is not wiped:
// a later call may overwrite it, or nothing does, and a thread pool's idle thread keeps it for
// good. A StackScrub at the top of a function that handles secrets wipes, when it goes, the
// stack below its own frame, where those callees ran (after libsodium's sodium_stackzero).
//
// Then it zeroes the SIMD registers (x86-64: xmm/ymm/zmm 0-31), which still hold the last bytes
// memcpy, AES-GCM or SHA-2 moved: whatever saves the register file later writes them to memory.
// Issue 20: glibc's lazy-binding trampoline (_dl_runtime_resolve_xsavec) runs on the first call
// through a PLT slot and XSAVEs every register onto the stack; after an export it put the words
// and seed hex (left in the registers by memcpy) below a pool thread's frames, after the stack
// had been wiped. A signal handler's frame would do the same.
class StackScrub
{
public:
    static constexpr int kBytes = 64 * 1024; // far deeper than any secret-handling call chain here
    StackScrub() = default;
    ~StackScrub();
    // Only the registers, for a thread that copied a secret without a StackScrub around it.
    static void clearRegisters();
    StackScrub(const StackScrub&) = delete;
    StackScrub& operator=(const StackScrub&) = delete;
};

} // namespace tokenpass::crypto
