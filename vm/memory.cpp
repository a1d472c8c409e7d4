// vm/memory.cpp — object allocation on mimalloc (decision 4): object headers, the GC
// header in front of container objects, freeing, and immortality.
#include <mimalloc.h>

#include "vm/object.h"

namespace strata {

void* mem_alloc(size_t n) { return mi_malloc(n); }
void* mem_realloc(void* p, size_t n) { return mi_realloc(p, n); }
void mem_free(void* p) { mi_free(p); }

void gc_link_new(Object* o);   // vm/gc.cpp: counts allocations, may trigger a collection
void gc_unlink_free(Object* o);

Object* alloc_object(Type* type, size_t size) {
  bool gc = has_flag(type, TF_HAVE_GC);
  size_t pre = gc ? sizeof(GCHeader) : 0;
  void* mem = mi_zalloc(pre + size);
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
  mi_free(mem);
  if (has_flag(type, TF_HEAPTYPE)) decref(&type->ob);
}

void dealloc(Object* o) { o->type->dealloc(o); }

void make_immortal(Object* o) { o->refcnt = kImmortal; }

}  // namespace strata
