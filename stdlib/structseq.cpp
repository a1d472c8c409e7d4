// stdlib/structseq.cpp — struct sequences (stdlib/structseq.h): the shared tuple-subclass
// machinery behind os.stat_result, time.struct_time and the other named result tuples of
// the native modules, with CPython 3.11's constructor, repr and __reduce__.
#include "stdlib/structseq.h"

#include <string>

#include "stdlib/builtins.h"
#include "vm/abstract.h"
#include "vm/descr.h"
#include "vm/dict.h"
#include "vm/int.h"
#include "vm/list.h"
#include "vm/str.h"
#include "vm/tuple.h"
#include "vm/typeobject.h"

namespace strata {

namespace {

// The few struct sequence types of the process and their descriptions (the Type has no
// room for a pointer back; a linear search over a handful of entries is cheap enough
// for dealloc, traverse and the cold paths).
struct Registered {
  Type* type;
  const StructSeqDesc* desc;
};
Registered g_registry[32];
int g_nregistered = 0;

const StructSeqDesc* desc_of(Type* t) {
  for (; t; t = t->base) {
    for (int i = 0; i < g_nregistered; i++) {
      if (g_registry[i].type == t) return g_registry[i].desc;
    }
  }
  return nullptr;
}

// Every field, hidden ones included, lives in the item array after the visible items.
int64_t all_fields(Object* o) {
  const StructSeqDesc* d = desc_of(o->type);
  return d ? d->n_fields : reinterpret_cast<TupleObject*>(o)->size;
}

void structseq_dealloc(Object* o) {
  gc_untrack_if_tracked(o);
  TupleObject* t = reinterpret_cast<TupleObject*>(o);
  for (int64_t i = all_fields(o); --i >= 0;) xdecref(t->items[i]);
  free_object(o);
}

void structseq_traverse(Object* o, VisitFn visit, void* arg) {
  TupleObject* t = reinterpret_cast<TupleObject*>(o);
  for (int64_t i = 0, n = all_fields(o); i < n; i++) visit_value(t->items[i], visit, arg);
}

// As CPython: the names come from the members table, which leaves the unnamed fields
// out, so that os.stat_result's three integer times print as st_atime=... (a quirk that
// every CPython 3.11 shows).
Value structseq_repr(Value self) {
  Type* t = type_of(self);
  std::string out = t->name;
  out += '(';
  int64_t n = tuple_size(self);
  const MemberDef* m = t->members;
  for (int64_t i = 0; i < n; i++) {
    if (i) out += ", ";
    out += m && m[i].name ? m[i].name : "?";
    out += '=';
    std::string r = repr_utf8(tuple_item(self, i));
    if (error_occurred()) return Value();
    out += r;
  }
  out += ')';
  return str_from_utf8(out);
}

}  // namespace

Value structseq_generic_new(Type* type, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"sequence", "dict"};
  ArgSpec spec{"structseq", names, 2, 0, 1, 2};
  Value a[2];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  const StructSeqDesc* d = desc_of(type);
  if (!d) return raise(SystemError, "not a struct sequence type");
  Value seq_arg = a[0];
  Value dict = a[1] && !is_none(a[1]) ? a[1] : Value();
  Ref seq;
  if (is_tuple(seq_arg) || is_list(seq_arg)) {
    seq.reset(sequence_tuple(seq_arg));
  } else {
    Value it = get_iter(seq_arg);
    if (!it) {
      if (error_matches(TypeError)) {
        clear_error();
        return raise(TypeError, "constructor requires a sequence");
      }
      return Value();
    }
    decref(it);
    seq.reset(sequence_tuple(seq_arg));
  }
  if (!seq) return Value();
  int64_t len = tuple_size(*seq);
  int64_t min_len = d->n_in_sequence, max_len = d->n_fields;
  if (len < min_len) {
    if (min_len == max_len)
      return raise(TypeError, "%.500s() takes a %zd-sequence (%zd-sequence given)", type->name,
                   min_len, len);
    return raise(TypeError, "%.500s() takes an at least %zd-sequence (%zd-sequence given)",
                 type->name, min_len, len);
  }
  if (len > max_len) {
    if (min_len == max_len)
      return raise(TypeError, "%.500s() takes a %zd-sequence (%zd-sequence given)", type->name,
                   max_len, len);
    return raise(TypeError, "%.500s() takes an at most %zd-sequence (%zd-sequence given)",
                 type->name, max_len, len);
  }
  if (dict && !is_dict(dict)) {
    return raise(TypeError, "%.500s() takes a dict as second arg, if any", type->name);
  }
  Value items[64];
  for (int64_t i = 0; i < d->n_fields; i++) {
    if (i < len) {
      items[i] = newref(tuple_item(*seq, i));
      continue;
    }
    Value v;
    if (dict && d->fields[i]) {
      v = dict_get_cstr(dict, d->fields[i]);
      if (!v && error_occurred()) {
        for (int64_t j = 0; j < i; j++) decref(items[j]);
        return Value();
      }
    }
    items[i] = newref(v ? v : None());
  }
  return structseq_new(type, items);
}

namespace {

Value structseq_reduce(Value self, const Value*, size_t, Value) {
  const StructSeqDesc* d = desc_of(type_of(self));
  if (!d) return raise(SystemError, "not a struct sequence");
  int64_t n_visible = tuple_size(self);
  Ref tup(tuple_from(tuple_items(self), n_visible));
  Ref dict(dict_new());
  if (!tup || !dict) return Value();
  for (int64_t i = n_visible; i < d->n_fields; i++) {
    if (!d->fields[i]) continue;
    if (dict_set_cstr(*dict, d->fields[i], tuple_items(self)[i]) < 0) return Value();
  }
  Ref args(tuple_pack({*tup, *dict}));
  if (!args) return Value();
  return tuple_pack({Value::from(type_of(self)), *args});
}

const MethodDef kStructSeqMethods[] = {
    {"__reduce__", structseq_reduce, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace

int structseq_init_type(Type* t, const StructSeqDesc* desc, MemberDef* members) {
  if (has_flag(t, TF_READY)) return 0;
  if (g_nregistered == int(sizeof g_registry / sizeof g_registry[0]) || desc->n_fields > 64) {
    raise(SystemError, "too many struct sequence types");
    return -1;
  }
  g_registry[g_nregistered++] = {t, desc};
  int k = 0, unnamed = 0;
  for (int i = 0; i < desc->n_fields; i++) {
    if (!desc->fields[i]) {
      unnamed++;
      continue;
    }
    members[k++] = MemberDef{desc->fields[i], MemberKind::ReadOnlyObject,
                             offsetof(TupleObject, items) + size_t(i) * sizeof(Value), true,
                             nullptr};
  }
  members[k] = MemberDef{nullptr, MemberKind::Object, 0, false, nullptr};
  t->ob.refcnt = kImmortal;
  t->ob.type = &TypeType;
  t->name = desc->name;
  t->doc = desc->doc;
  t->base = &TupleType;
  t->flags = TF_TUPLE_SUBCLASS | TF_IMMUTABLE | TF_SEQUENCE | TF_HAVE_GC;
  t->basicsize = TupleType.basicsize ? TupleType.basicsize : sizeof(TupleObject);
  t->itemsize = sizeof(Value);
  t->dealloc = structseq_dealloc;
  t->traverse = structseq_traverse;
  t->repr = structseq_repr;
  if (!t->new_) t->new_ = structseq_generic_new;
  t->members = members;
  t->methods = kStructSeqMethods;
  if (type_ready(t) < 0) return -1;
  // Class attributes as CPython sets them.
  Ref match(tuple_new(desc->n_in_sequence - unnamed));
  if (!match) return -1;
  for (int i = 0, j = 0; i < desc->n_in_sequence; i++) {
    if (!desc->fields[i]) continue;
    Value s = str_from_utf8(desc->fields[i]);
    if (!s) return -1;
    tuple_items(*match)[j++] = s;
  }
  if (dict_set_cstr(t->dict, "n_sequence_fields", Value::small(desc->n_in_sequence)) < 0 ||
      dict_set_cstr(t->dict, "n_fields", Value::small(desc->n_fields)) < 0 ||
      dict_set_cstr(t->dict, "n_unnamed_fields", Value::small(unnamed)) < 0 ||
      dict_set_cstr(t->dict, "__match_args__", *match) < 0) {
    return -1;
  }
  type_modified(t);
  return 0;
}

Value structseq_new(Type* type, Value* items, bool fail) {
  const StructSeqDesc* d = desc_of(type);
  int64_t n = d ? d->n_fields : 0;
  bool failed = fail || !d;
  for (int64_t i = 0; i < n && !failed; i++) {
    if (!items[i]) failed = error_occurred();
  }
  if (!failed) {
    size_t size = (type->basicsize + size_t(n) * sizeof(Value) + 7) & ~size_t(7);
    Object* o = alloc_object(type, size);
    if (o) {
      TupleObject* tup = reinterpret_cast<TupleObject*>(o);
      tup->size = d->n_in_sequence;
      tup->hash = -1;
      for (int64_t i = 0; i < n; i++) tup->items[i] = items[i] ? items[i] : None();
      gc_track(o);
      return Value::from(o);
    }
  }
  for (int64_t i = 0; i < n; i++) xdecref(items[i]);
  if (!d && !error_occurred()) raise(SystemError, "not a struct sequence type");
  return Value();
}

}  // namespace strata
