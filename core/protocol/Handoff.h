#pragma once
// ThreadSanitizer cannot see the hand-offs Qt makes under its own mutexes (futexes inside the
// uninstrumented Qt libraries): an object passed to a worker through QThreadPool, an answer
// posted back as an event, a functor run by QMetaObject::invokeMethod, a pool drained by
// waitForDone. HANDOFF_RELEASE(object) once the object is complete and HANDOFF_ACQUIRE(object)
// before the other thread reads it say what Qt's queues guarantee; outside a ThreadSanitizer
// build both are nothing.
#if defined(__SANITIZE_THREAD__)
#define BRIDGECORE_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define BRIDGECORE_TSAN 1
#endif
#endif
#ifdef BRIDGECORE_TSAN
#include <sanitizer/tsan_interface.h>
#define HANDOFF_RELEASE(object) __tsan_release(object)
#define HANDOFF_ACQUIRE(object) __tsan_acquire(object)
#else
#define HANDOFF_RELEASE(object) static_cast<void>(object)
#define HANDOFF_ACQUIRE(object) static_cast<void>(object)
#endif
