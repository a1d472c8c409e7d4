// vm/memory.cpp — object allocation on mimalloc (decision 4): object headers, the GC
// header in front of container objects, freeing, and immortality.
//
// With the meson option system_malloc (STRATA_SYSTEM_MALLOC) every object and raw block
// comes from the system malloc instead: LeakSanitizer only sees (and only scans) blocks of
// the allocator it intercepts, so a leak-checking build (tests/run --leaks) uses this.
#include <cstdio>
#include <cstdlib>
#include <vector>

#include <gmp.h>
#include <mimalloc.h>

#include "strata_config.h"
#include "vm/gc.h"
#include "vm/object.h"

namespace strata {

#if STRATA_SYSTEM_MALLOC
namespace {
inline void* raw_alloc(size_t n) { return std::malloc(n); }
inline void* raw_zalloc(size_t n) { return std::calloc(1, n); }
inline void* raw_realloc(void* p, size_t n) { return std::realloc(p, n); }
inline void raw_free(void* p) { std::free(p); }

// The cycle collector links every tracked object into a list rooted in a static, so to
// LeakSanitizer every container would look reachable at exit, leaked or not. Just before
// the leak check (an atexit handler registered before main runs after every handler
// registered later, and LeakSanitizer's own runs last) every object is untracked: then only
// real references keep an object reachable, and a reference leaked by a wrong refcount
// shows as a direct leak. Untracked objects are still freed correctly later.
//
// With STRATA_LEAK_COLLECT=1 in the environment (tests/run --leaks sets it) a full
// collection runs first, as CPython's finalization does: garbage cycles still waiting for
// the collector are freed, so that whatever LeakSanitizer still finds unreachable, cycles
// included, was leaked by a reference count.
void untrack_all_at_exit() {
  if (const char* collect = std::getenv("STRATA_LEAK_COLLECT"); collect && *collect == '1') {
    gc_collect(2);
  }
  std::vector<Object*> tracked;
  gc_for_each_tracked(
      [](Object* o, void* v) { static_cast<std::vector<Object*>*>(v)->push_back(o); }, &tracked);
  for (Object* o : tracked) gc_untrack(o);
}
[[maybe_unused]] const bool untrack_registered = std::atexit(untrack_all_at_exit) == 0;
}  // namespace
#else
namespace {
inline void* raw_alloc(size_t n) { return mi_malloc(n); }
inline void* raw_zalloc(size_t n) { return mi_zalloc(n); }
inline void* raw_realloc(void* p, size_t n) { return mi_realloc(p, n); }
inline void raw_free(void* p) { mi_free(p); }
}  // namespace
#endif

void* mem_alloc(size_t n) { return raw_alloc(n); }
void* mem_realloc(void* p, size_t n) { return raw_realloc(p, n); }
void mem_free(void* p) { raw_free(p); }

// GMP's limbs come from the same allocator as the int objects that own them: on mimalloc
// that is faster than GMP's default malloc, and in a sanitizer build it keeps LeakSanitizer
// from taking the limbs of a live int (whose object it cannot scan) for a leak. GMP cannot
// take a failed allocation back, so running out of memory inside GMP is fatal; int
// operations check their result sizes first and raise MemoryError (vm/int.cpp).
namespace {
[[noreturn]] void gmp_out_of_memory(size_t n) {
  std::fprintf(stderr, "Fatal Python error: cannot allocate %zu bytes for an integer\n", n);
  std::abort();
}
void* gmp_alloc(size_t n) {
  void* p = raw_alloc(n);
  if (!p) gmp_out_of_memory(n);
  return p;
}
void* gmp_realloc(void* p, size_t, size_t n) {
  void* q = raw_realloc(p, n);
  if (!q) gmp_out_of_memory(n);
  return q;
}
void gmp_free(void* p, size_t) { raw_free(p); }
}  // namespace

void memory_init() { mp_set_memory_functions(gmp_alloc, gmp_realloc, gmp_free); }

void gc_link_new(Object* o);   // vm/gc.cpp: counts allocations, may trigger a collection
void gc_unlink_free(Object* o);

Object* alloc_object(Type* type, size_t size) {
  bool gc = has_flag(type, TF_HAVE_GC);
  size_t pre = gc ? sizeof(GCHeader) : 0;
  void* mem = raw_zalloc(pre + size);
  if (!mem) {
    raise_no_memory();
    return nullptr;
  }
  Object* o = reinterpret_cast<Object*>(static_cast<char*>(mem) + pre);
  o->refcnt = 1;
  o->type = type;
  if (has_flag(type, TF_HEAPTYPE)) incref(&type->ob);
  if (gc) gc_link_new(o);
  return o;
}

void free_object(Object* o) {
  Type* type = o->type;
  // Weak references die with their referent; their callbacks run now (vm/weakref.cpp).
  if (type->weaklistoffset > 0 &&
      *reinterpret_cast<void**>(reinterpret_cast<char*>(o) + type->weaklistoffset)) {
    clear_weakrefs(o);
  }
  void* mem = o;
  if (has_flag(type, TF_HAVE_GC)) {
    gc_unlink_free(o);
    mem = gc_header(o);
  }
  raw_free(mem);
  if (has_flag(type, TF_HEAPTYPE)) decref(&type->ob);
}

void dealloc(Object* o) { o->type->dealloc(o); }

void make_immortal(Object* o) { o->refcnt = kImmortal; }

}  // namespace strata
