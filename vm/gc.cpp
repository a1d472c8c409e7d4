// vm/gc.cpp — the cycle collector (decision 4's "added later"): CPython's generational
// algorithm over container objects (TF_HAVE_GC), with PEP 442 finalization.
//
// Tracked objects sit in one of three generation lists (circular, doubly linked through
// their GCHeader). A collection of generation g takes generations 0..g:
//   1. gc_refs = refcount for each object, minus the references from other objects of
//      the set (found with each type's traverse): what remains counts references from
//      outside;
//   2. everything reachable from an object with gc_refs > 0 is alive and moves to the next
//      generation; the rest is garbage;
//   3. garbage is held (one extra reference each), finalizers (__del__) run once per object
//      (PEP 442), and a finalizer that resurrected something makes its whole set survive;
//   4. the rest is broken up with each type's clear slot and released.
//
// GCHeader while not collecting: next = next object (0: untracked), prev = previous object
// | FINALIZED. During a collection the set is an array and `prev` holds gc_refs << 3 with
// the COLLECTING and REACHABLE bits; objects held as garbage have next = kLimbo.
#include <vector>

#include "vm/abstract.h"
#include "vm/gc.h"
#include "vm/interp.h"
#include "vm/object.h"

namespace strata {

namespace {

constexpr uintptr_t FINALIZED = 1, COLLECTING = 2, REACHABLE = 4, FLAG_BITS = 7;
constexpr uintptr_t kLimbo = 1;  // `next` of an object held as garbage
constexpr int kGenerations = 3;

struct Generation {
  GCHeader head;  // sentinel of a circular list
  int threshold;
  int count;
};

Generation gens[kGenerations] = {{{0, 0}, 700, 0}, {{0, 0}, 10, 0}, {{0, 0}, 10, 0}};
bool enabled = true;
bool collecting = false;
int64_t long_lived_total = 0, long_lived_pending = 0;
GCStats stats[kGenerations];

Object* object_of(GCHeader* h) { return reinterpret_cast<Object*>(h + 1); }
GCHeader* prev_of(GCHeader* h) { return reinterpret_cast<GCHeader*>(h->prev & ~FLAG_BITS); }

void lists_init() {
  if (gens[0].head.next) return;
  for (Generation& g : gens) g.head.next = g.head.prev = reinterpret_cast<uintptr_t>(&g.head);
}

void link_at_end(GCHeader* head, GCHeader* h) {
  GCHeader* last = prev_of(head);
  h->next = reinterpret_cast<uintptr_t>(head);
  h->prev = reinterpret_cast<uintptr_t>(last) | (h->prev & FINALIZED);
  last->next = reinterpret_cast<uintptr_t>(h);
  head->prev = reinterpret_cast<uintptr_t>(h) | (head->prev & FLAG_BITS);
}

void unlink(GCHeader* h) {
  GCHeader* prev = prev_of(h);
  GCHeader* next = reinterpret_cast<GCHeader*>(h->next);
  prev->next = h->next;
  next->prev = reinterpret_cast<uintptr_t>(prev) | (next->prev & FLAG_BITS);
  h->next = 0;
  h->prev &= FINALIZED;
}

bool in_set(Object* o) {
  if (!has_flag(o->type, TF_HAVE_GC)) return false;
  GCHeader* h = gc_header(o);
  return h->next != 0 && (h->prev & COLLECTING);
}

void visit_decref(Object* o, void*) {
  if (in_set(o)) gc_header(o)->prev -= 8;
}

void visit_reachable(Object* o, void* arg) {
  if (!in_set(o)) return;
  GCHeader* h = gc_header(o);
  if (h->prev & REACHABLE) return;
  h->prev |= REACHABLE;
  static_cast<std::vector<Object*>*>(arg)->push_back(o);
}

// Marks what is reachable from the objects of `set` that have outside references.
void mark_reachable(const std::vector<Object*>& set) {
  std::vector<Object*> work;
  for (Object* o : set) {
    GCHeader* h = gc_header(o);
    if ((h->prev >> 3) > 0 && !(h->prev & REACHABLE)) {
      h->prev |= REACHABLE;
      work.push_back(o);
    }
  }
  while (!work.empty()) {
    Object* o = work.back();
    work.pop_back();
    if (o->type->traverse) o->type->traverse(o, visit_reachable, &work);
  }
}

// gc_refs of each object of `set`: its refcount less `held` and less the references
// from inside the set.
void compute_refs(const std::vector<Object*>& set, int64_t held) {
  for (Object* o : set) {
    GCHeader* h = gc_header(o);
    int64_t refs = o->refcnt >= kImmortal ? (int64_t(1) << 40) : o->refcnt - held;
    h->prev = (static_cast<uintptr_t>(refs) << 3) | COLLECTING | (h->prev & FINALIZED);
  }
  for (Object* o : set) {
    if (o->type->traverse) o->type->traverse(o, visit_decref, nullptr);
  }
}

int64_t collect(int generation) {
  lists_init();
  collecting = true;
  // The set: every object of generations 0..generation.
  std::vector<Object*> set;
  for (int g = 0; g <= generation; g++) {
    GCHeader* head = &gens[g].head;
    for (GCHeader* h = reinterpret_cast<GCHeader*>(head->next); h != head;
         h = reinterpret_cast<GCHeader*>(h->next)) {
      set.push_back(object_of(h));
    }
    head->next = head->prev = reinterpret_cast<uintptr_t>(head);
    gens[g].count = 0;
  }
  if (generation + 1 < kGenerations) gens[generation + 1].count++;
  compute_refs(set, 0);
  mark_reachable(set);
  // Survivors go to the next generation, with real links again; garbage is held.
  int target = generation + 1 < kGenerations ? generation + 1 : generation;
  std::vector<Object*> garbage;
  int64_t survivors = 0;
  for (Object* o : set) {
    GCHeader* h = gc_header(o);
    if (h->prev & REACHABLE) {
      h->prev &= FINALIZED;
      link_at_end(&gens[target].head, h);
      survivors++;
    } else {
      h->prev &= FINALIZED;
      h->next = kLimbo;
      incref(o);
      garbage.push_back(o);
    }
  }
  if (generation == kGenerations - 1) {
    long_lived_total = survivors;
    long_lived_pending = 0;
  } else if (generation == kGenerations - 2) {
    long_lived_pending += survivors;
  }
  int64_t found = static_cast<int64_t>(garbage.size());
  // PEP 442: finalizers run once, on the garbage as a whole.
  bool finalized_any = false;
  for (Object* o : garbage) {
    GCHeader* h = gc_header(o);
    if (o->type->finalize && !(h->prev & FINALIZED)) {
      h->prev |= FINALIZED;
      finalized_any = true;
      o->type->finalize(o);
      if (error_occurred()) write_unraisable(Value::from(o));
    }
  }
  if (finalized_any) {
    // Resurrection: anything now referenced from outside the garbage (beyond our hold)
    // survives with everything it reaches.
    std::vector<Object*> limbo;
    for (Object* o : garbage) {
      if (gc_header(o)->next == kLimbo) limbo.push_back(o);
    }
    compute_refs(limbo, 1);
    mark_reachable(limbo);
    std::vector<Object*> dead;
    for (Object* o : limbo) {
      GCHeader* h = gc_header(o);
      bool alive = h->prev & REACHABLE;
      h->prev &= FINALIZED;
      if (alive) {
        h->next = 0;
        link_at_end(&gens[target].head, h);
        found--;
        decref(o);  // our hold; someone outside keeps it
      } else {
        dead.push_back(o);
      }
    }
    garbage.swap(dead);
  }
  // Break the cycles, then let reference counting free them.
  clear_weakrefs_of_garbage(garbage);
  for (Object* o : garbage) {
    if (gc_header(o)->next == kLimbo && o->type->clear) o->type->clear(o);
  }
  for (Object* o : garbage) {
    GCHeader* h = gc_header(o);
    if (h->next == kLimbo && o->refcnt > 1) {
      // Still referenced (a type without clear, say): it rejoins the old generation.
      h->next = 0;
      link_at_end(&gens[target].head, h);
    }
    decref(o);  // our hold; frees what nothing else references
  }
  stats[generation].collections++;
  stats[generation].collected += found;
  collecting = false;
  return found;
}

}  // namespace

void gc_link_new(Object*) {
  lists_init();
  Generation& g0 = gens[0];
  g0.count++;
  if (!enabled || collecting || g0.threshold == 0 || g0.count <= g0.threshold) return;
  if (error_occurred()) return;  // never collect while an exception is pending
  gc_collect_generations();
}

void gc_unlink_free(Object* o) {
  GCHeader* h = gc_header(o);
  if (h->next == kLimbo) h->next = 0;
  if (h->next) unlink(h);
  if (gens[0].count > 0) gens[0].count--;
}

void gc_track(Object* o) {
  lists_init();
  GCHeader* h = gc_header(o);
  if (h->next) return;
  link_at_end(&gens[0].head, h);
}

void gc_untrack(Object* o) {
  GCHeader* h = gc_header(o);
  if (h->next == kLimbo) {
    h->next = 0;
    return;
  }
  if (h->next) unlink(h);
}

bool gc_is_tracked(Object* o) { return gc_header(o)->next != 0; }

bool gc_in_limbo(Object* o) {
  return has_flag(o->type, TF_HAVE_GC) && gc_header(o)->next == kLimbo;
}

bool gc_is_finalized(Object* o) { return has_flag(o->type, TF_HAVE_GC) && (gc_header(o)->prev & FINALIZED); }

void gc_set_finalized(Object* o) {
  if (has_flag(o->type, TF_HAVE_GC)) gc_header(o)->prev |= FINALIZED;
}

int64_t gc_collect(int generation) {
  if (collecting) return 0;
  if (generation < 0) generation = 0;
  if (generation >= kGenerations) generation = kGenerations - 1;
  Value saved = fetch_error();
  int64_t n = collect(generation);
  restore_error(saved);
  return n;
}

void gc_collect_generations() {
  // The oldest generation whose count passed its threshold (CPython's rule, including the
  // long-lived heuristic that keeps full collections from making building big structures
  // quadratic).
  for (int g = kGenerations - 1; g >= 0; g--) {
    if (gens[g].count > gens[g].threshold) {
      if (g == kGenerations - 1 && long_lived_pending < long_lived_total / 4) continue;
      gc_collect(g);
      return;
    }
  }
}

bool gc_enabled() { return enabled; }
void gc_set_enabled(bool on) { enabled = on; }
int gc_threshold(int g) { return gens[g].threshold; }
void gc_set_threshold(int g, int value) { gens[g].threshold = value; }
int gc_count(int g) { return gens[g].count; }
const GCStats& gc_stats(int g) { return stats[g]; }

void gc_for_each_tracked(void (*fn)(Object*, void*), void* arg) {
  lists_init();
  for (Generation& g : gens) {
    for (GCHeader* h = reinterpret_cast<GCHeader*>(g.head.next); h != &g.head;
         h = reinterpret_cast<GCHeader*>(h->next)) {
      fn(object_of(h), arg);
    }
  }
}

}  // namespace strata
