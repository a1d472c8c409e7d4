// vm/gc.h — the cycle collector's interface (vm/gc.cpp) beyond tracking (vm/object.h):
// collections, thresholds and statistics for the `gc` module, and the hook through which
// weak references to garbage are cleared (vm/weakref.cpp).
#pragma once
#include <vector>

#include "vm/object.h"

namespace strata {

struct GCStats {
  int64_t collections = 0;
  int64_t collected = 0;
  int64_t uncollectable = 0;
};

// Collects generations 0..generation (clamped to 0..2); the number of unreachable
// objects found. Does nothing (0) while a collection runs. Keeps a pending exception.
int64_t gc_collect(int generation);
// A collection of the oldest generation whose threshold was passed (allocation-driven).
void gc_collect_generations();
bool gc_enabled();
void gc_set_enabled(bool on);
int gc_threshold(int generation);
void gc_set_threshold(int generation, int value);
int gc_count(int generation);
const GCStats& gc_stats(int generation);
bool gc_is_finalized(Object* o);
// Records that o's finalizer ran (PEP 442: it runs at most once); GC objects only.
void gc_set_finalized(Object* o);
// The object is garbage being collected right now (held by the collector).
bool gc_in_limbo(Object* o);
void gc_for_each_tracked(void (*fn)(Object*, void*), void* arg);

// vm/weakref.cpp: before garbage is cleared, clears every weak reference to it and calls
// the callbacks of those weak references that are not garbage themselves.
void clear_weakrefs_of_garbage(const std::vector<Object*>& garbage);

}  // namespace strata
