// vm/memoryview.cpp — a minimal `memoryview` over bytes and bytearray: one-dimensional,
// format 'B', enough for the standard library's pure-Python modules to import and use it
// (_collections_abc registers it as a Sequence; os, io and friends call len(), indexing,
// tobytes(), release() and the context manager). Multi-dimensional views, casts, slicing
// into sub-views and the buffer protocol of other types are not implemented.
#include <cstdio>
#include <string>

#include "vm/abstract.h"
#include "vm/bytes.h"
#include "vm/int.h"
#include "vm/list.h"
#include "vm/opcodes.h"
#include "vm/str.h"
#include "vm/tuple.h"
#include "vm/typeobject.h"

namespace strata {

extern Type MemoryViewType;

namespace {

struct MemoryViewObject {
  Object ob;
  Value obj;      // the exporter (bytes, bytearray), null once released
  bool readonly;
};

// The exporter's bytes (valid until the exporter changes size); false if released.
bool view_bytes(Value self, const uint8_t** data, int64_t* n) {
  Value o = self.as<MemoryViewObject>()->obj;
  if (!o) {
    raise(ValueError, "operation forbidden on released memoryview object");
    return false;
  }
  if (is_bytes(o)) {
    *data = bytes_data(o);
    *n = bytes_size(o);
  } else {
    ByteArrayObject* b = o.as<ByteArrayObject>();
    *data = b->data;
    *n = b->size;
  }
  return true;
}

void mv_dealloc(Object* o) {
  MemoryViewObject* m = reinterpret_cast<MemoryViewObject*>(o);
  if (m->obj && is_instance_of(m->obj, &ByteArrayType)) m->obj.as<ByteArrayObject>()->exports--;
  xdecref(m->obj);
  free_object(o);
}

Value mv_new(Type* type, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"object"};
  Value a[1];
  if (!text::parse_args(text::KEYWORDS, "memoryview", "memoryview", args, nargs, kwnames, names,
                        1, 1, a))
    return Value();
  Value o = a[0];
  if (type_of(o) == &MemoryViewType) {
    o = o.as<MemoryViewObject>()->obj;
    if (!o) return raise(ValueError, "operation forbidden on released memoryview object");
  }
  bool ba = is_instance_of(o, &ByteArrayType);
  if (!is_bytes(o) && !ba) {
    return raise(TypeError, "memoryview: a bytes-like object is required, not '%T'", a[0]);
  }
  Object* m = alloc_object(type, type->basicsize);
  if (!m) return Value();
  MemoryViewObject* mv = reinterpret_cast<MemoryViewObject*>(m);
  mv->obj = newref(o);
  mv->readonly = !ba;
  if (ba) o.as<ByteArrayObject>()->exports++;
  return Value::from(m);
}

Value mv_repr(Value self) {
  char buf[64];
  std::snprintf(buf, sizeof buf, self.as<MemoryViewObject>()->obj ? "<memory at %p>"
                                                                   : "<released memory at %p>",
                static_cast<void*>(self.obj()));
  return str_from_ascii(buf);
}

int64_t mv_length(Value self) {
  const uint8_t* d;
  int64_t n;
  return view_bytes(self, &d, &n) ? n : -1;
}

Value mv_getitem(Value self, Value key) {
  const uint8_t* d;
  int64_t n;
  if (!view_bytes(self, &d, &n)) return Value();
  if (!has_index(key)) return raise(TypeError, "memoryview: invalid slice key");
  int64_t i = as_ssize(key, IndexError);
  if (i == -1 && error_occurred()) return Value();
  if (i < 0) i += n;
  if (i < 0 || i >= n) return raise(IndexError, "index out of bounds on dimension 1");
  return Value::small(d[i]);
}

Value mv_tobytes(Value self, const Value*, size_t, Value) {
  const uint8_t* d;
  int64_t n;
  if (!view_bytes(self, &d, &n)) return Value();
  return bytes_from(std::string_view(reinterpret_cast<const char*>(d), size_t(n)));
}

Value mv_tolist(Value self, const Value*, size_t, Value) {
  const uint8_t* d;
  int64_t n;
  if (!view_bytes(self, &d, &n)) return Value();
  Value l = list_new(n);
  if (!l) return l;
  for (int64_t i = 0; i < n; i++) list_items(l)[i] = Value::small(d[i]);
  return l;
}

Value mv_release(Value self, const Value*, size_t, Value) {
  MemoryViewObject* m = self.as<MemoryViewObject>();
  if (m->obj && is_instance_of(m->obj, &ByteArrayType)) m->obj.as<ByteArrayObject>()->exports--;
  clear_ref(&m->obj);
  return None();
}

Value mv_enter(Value self, const Value*, size_t, Value) {
  if (!self.as<MemoryViewObject>()->obj)
    return raise(ValueError, "operation forbidden on released memoryview object");
  return newref(self);
}
Value mv_exit(Value self, const Value* args, size_t nargs, Value kw) {
  return mv_release(self, args, nargs, kw);
}

Value mv_richcompare(Value a, Value b, int op) {
  if (op != CMP_EQ && op != CMP_NE) return NotImplemented();
  if (a == b) return Bool(op == CMP_EQ);
  const uint8_t *da, *db;
  int64_t na, nb;
  Value ob = b;
  if (type_of(b) == &MemoryViewType) {
    ob = b.as<MemoryViewObject>()->obj;
    if (!ob) return Bool(op == CMP_NE);
  }
  if (!is_bytes(ob) && !is_instance_of(ob, &ByteArrayType)) return NotImplemented();
  if (!a.as<MemoryViewObject>()->obj) return Bool(op == CMP_NE);
  if (!view_bytes(a, &da, &na)) return Value();
  if (is_bytes(ob)) {
    db = bytes_data(ob);
    nb = bytes_size(ob);
  } else {
    db = ob.as<ByteArrayObject>()->data;
    nb = ob.as<ByteArrayObject>()->size;
  }
  bool eq = na == nb && (na == 0 || std::memcmp(da, db, size_t(na)) == 0);
  return Bool(eq == (op == CMP_EQ));
}

Value mv_get_obj(Value self) {
  Value o = self.as<MemoryViewObject>()->obj;
  if (!o) return raise(ValueError, "operation forbidden on released memoryview object");
  return newref(o);
}
Value mv_get_nbytes(Value self) {
  int64_t n = mv_length(self);
  return n < 0 ? Value() : int_from_i64(n);
}
Value mv_get_readonly(Value self) { return Bool(self.as<MemoryViewObject>()->readonly); }
Value mv_get_itemsize(Value) { return Value::small(1); }
Value mv_get_ndim(Value) { return Value::small(1); }
Value mv_get_format(Value) { return str_from_ascii("B"); }
Value mv_get_shape(Value self) {
  int64_t n = mv_length(self);
  if (n < 0) return Value();
  Value v = int_from_i64(n);
  Value t = tuple_pack({v});
  decref(v);
  return t;
}
Value mv_get_released(Value self) { return Bool(!self.as<MemoryViewObject>()->obj); }

const MethodDef kMemoryViewMethods[] = {
    {"tobytes", mv_tobytes, METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"tolist", mv_tolist, METH_NOARGS, nullptr},
    {"release", mv_release, METH_NOARGS, nullptr},
    {"__enter__", mv_enter, METH_NOARGS, nullptr},
    {"__exit__", mv_exit, METH_FASTCALL, nullptr},
    {nullptr, nullptr, 0, nullptr},
};
const GetSetDef kMemoryViewGetSet[] = {
    {"obj", mv_get_obj, nullptr, nullptr},
    {"nbytes", mv_get_nbytes, nullptr, nullptr},
    {"readonly", mv_get_readonly, nullptr, nullptr},
    {"itemsize", mv_get_itemsize, nullptr, nullptr},
    {"ndim", mv_get_ndim, nullptr, nullptr},
    {"format", mv_get_format, nullptr, nullptr},
    {"shape", mv_get_shape, nullptr, nullptr},
    {"released", mv_get_released, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

}  // namespace

Type MemoryViewType = {
    .ob = {kImmortal, &TypeType},
    .name = "memoryview",
    .base = &ObjectType,
    .flags = TF_SEQUENCE,
    .basicsize = sizeof(MemoryViewObject),
    .dealloc = mv_dealloc,
    .repr = mv_repr,
    .hash = hash_not_implemented,
    .richcompare = mv_richcompare,
    .getattr = generic_getattr,
    .new_ = mv_new,
    .length = mv_length,
    .getitem = mv_getitem,
    .methods = kMemoryViewMethods,
    .getset = kMemoryViewGetSet,
    .doc = "Create a new memoryview object which references the given object.",
};

}  // namespace strata
