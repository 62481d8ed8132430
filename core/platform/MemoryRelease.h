#pragma once

namespace tokenpass::platform {

// Gives the heap's free pages back to the system. glibc keeps what a burst of requests freed
// (in every thread's arena) mapped for reuse, so a server that was busy once stays that big
// (issue 19: RSS after 100,000 signs). Called once the API has gone quiet (app/Application), never
// on a timer while idle. Linux with glibc: malloc_trim; elsewhere nothing.
void releaseFreeMemory();

} // namespace tokenpass::platform
