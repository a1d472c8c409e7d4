// vm/dict.cpp — dict (DictType), its views (dict_keys, dict_values, dict_items) and their
// iterators. The table is CPython 3.6+'s compact layout: a keys object holds an index
// array (1/2/4/8-byte slots, open addressing with perturbation) over an entry array of
// (hash, key, value) kept in insertion order. A split dict shares its keys object (the
// class's cached_keys, str keys only) and keeps its own values array indexed like the
// shared entries; it becomes combined when insertion order or key kinds no longer fit.
#include "vm/dict.h"

#include <cstddef>
#include <string>
#include <vector>

#include "vm/abstract.h"
#include "vm/descr.h"
#include "vm/exceptions.h"
#include "vm/interp.h"
#include "vm/list.h"
#include "vm/opcodes.h"
#include "vm/range.h"
#include "vm/set.h"
#include "vm/str.h"
#include "vm/tuple.h"
#include "vm/typeobject.h"

namespace strata {

// -- The keys object -------------------------------------------------------------------------

static_assert(sizeof(DictKeys) % 8 == 0);
inline uint8_t* ixs(DictKeys* k) { return reinterpret_cast<uint8_t*>(k + 1); }
inline const uint8_t* ixs(const DictKeys* k) { return reinterpret_cast<const uint8_t*>(k + 1); }

namespace {

constexpr int64_t kIxEmpty = -1;
constexpr int64_t kIxDummy = -2;
constexpr int64_t kIxError = -3;
constexpr int kPerturbShift = 5;
constexpr int64_t kSharedKeysMax = 30;  // CPython's SHARED_KEYS_MAX_SIZE

inline int64_t usable_fraction(int64_t n) { return (n << 1) / 3; }

// The keys of every empty dict: size 8 with nothing usable, so the first insertion
// allocates a real table. Immortal.
struct EmptyKeys {
  DictKeys k;
  int8_t ix[8];
};
EmptyKeys empty_keys_storage = {
    {kImmortal, 8, 0, 0, 0, 1, KIND_STR, {0, 0}, nullptr}, {-1, -1, -1, -1, -1, -1, -1, -1}};
inline DictKeys* empty_keys() { return &empty_keys_storage.k; }

uint32_t next_keys_version = 1;

inline int64_t get_ix(const DictKeys* k, uint64_t i) {
  switch (k->ix_width) {
    case 1: return reinterpret_cast<const int8_t*>(ixs(k))[i];
    case 2: return reinterpret_cast<const int16_t*>(ixs(k))[i];
    case 4: return reinterpret_cast<const int32_t*>(ixs(k))[i];
    default: return reinterpret_cast<const int64_t*>(ixs(k))[i];
  }
}
inline void set_ix(DictKeys* k, uint64_t i, int64_t ix) {
  switch (k->ix_width) {
    case 1: reinterpret_cast<int8_t*>(ixs(k))[i] = int8_t(ix); break;
    case 2: reinterpret_cast<int16_t*>(ixs(k))[i] = int16_t(ix); break;
    case 4: reinterpret_cast<int32_t*>(ixs(k))[i] = int32_t(ix); break;
    default: reinterpret_cast<int64_t*>(ixs(k))[i] = ix; break;
  }
}

int log2_keysize(int64_t minsize) {
  int log2 = 3;
  while ((int64_t(1) << log2) < minsize) log2++;
  return log2;
}
// The table for n items inserted at once (CPython's estimate_log2_keysize).
int estimate_log2(int64_t n) { return log2_keysize((n * 3 + 1) / 2); }

DictKeys* new_keys(int log2, uint8_t kind) {
  if (log2 > 50) {
    raise_no_memory();
    return nullptr;
  }
  int64_t size = int64_t(1) << log2;
  uint8_t w = log2 < 8 ? 1 : log2 < 16 ? 2 : log2 < 32 ? 4 : 8;
  int64_t usable = usable_fraction(size);
  size_t bytes = sizeof(DictKeys) + size_t(size) * w + size_t(usable) * sizeof(DictEntry);
  DictKeys* k = static_cast<DictKeys*>(mem_alloc(bytes));
  if (!k) {
    raise_no_memory();
    return nullptr;
  }
  k->refcnt = 1;
  k->size = size;
  k->usable = usable;
  k->nentries = 0;
  k->version = 0;
  k->ix_width = w;
  k->kind = kind;
  std::memset(ixs(k), 0xff, size_t(size) * w);
  k->entries = reinterpret_cast<DictEntry*>(ixs(k) + size_t(size) * w);
  std::memset(static_cast<void*>(k->entries), 0, size_t(usable) * sizeof(DictEntry));
  return k;
}

void keys_free(DictKeys* k) {
  for (int64_t i = 0; i < k->nentries; i++) {
    xdecref(k->entries[i].key);
    xdecref(k->entries[i].value);
  }
  mem_free(k);
}

// Slot of the index array where hash may go (an empty or dummy slot).
uint64_t find_empty_slot(DictKeys* k, int64_t hash) {
  uint64_t mask = uint64_t(k->size) - 1;
  uint64_t i = uint64_t(hash) & mask;
  uint64_t perturb = uint64_t(hash);
  while (get_ix(k, i) >= 0) {
    perturb >>= kPerturbShift;
    i = (i * 5 + perturb + 1) & mask;
  }
  return i;
}

// Index-array slot that refers to entry ix.
uint64_t find_index_slot(DictKeys* k, int64_t hash, int64_t ix) {
  uint64_t mask = uint64_t(k->size) - 1;
  uint64_t i = uint64_t(hash) & mask;
  uint64_t perturb = uint64_t(hash);
  for (;;) {
    int64_t cur = get_ix(k, i);
    if (cur == ix) return i;
    perturb >>= kPerturbShift;
    i = (i * 5 + perturb + 1) & mask;
  }
}

// -- Split values ------------------------------------------------------------------------------

struct SplitValues {
  int64_t capacity;  // slots in v
  int64_t hi;        // 1 + the highest slot ever filled: a new value below it would break
                     // insertion order, so the dict becomes combined instead
  Value v[];
};
inline SplitValues* split_header(Value* values) {
  return reinterpret_cast<SplitValues*>(reinterpret_cast<char*>(values) -
                                        offsetof(SplitValues, v));
}
Value* new_values(int64_t capacity) {
  SplitValues* sv =
      static_cast<SplitValues*>(mem_alloc(sizeof(SplitValues) + size_t(capacity) * sizeof(Value)));
  if (!sv) {
    raise_no_memory();
    return nullptr;
  }
  sv->capacity = capacity;
  sv->hi = 0;
  for (int64_t i = 0; i < capacity; i++) sv->v[i] = Value();
  return sv->v;
}
void free_values(Value* values) { mem_free(split_header(values)); }

inline DictObject* D(Value v) { return v.as<DictObject>(); }

// The value of entry ix of d (null if deleted / absent from this split dict).
inline Value entry_value(DictObject* d, int64_t ix) {
  if (d->values) {
    SplitValues* sv = split_header(d->values);
    return ix < sv->capacity ? d->values[ix] : Value();
  }
  return d->keys->entries[ix].value;
}
// Entries a walk over d must look at.
inline int64_t entry_limit(DictObject* d) {
  if (d->values) return std::min(d->keys->nentries, split_header(d->values)->capacity);
  return d->keys->nentries;
}

// -- Lookup --------------------------------------------------------------------------------------

// Finds key: returns its entry index (with its value, which may be null for a split dict
// that lacks it), kIxEmpty when absent, kIxError when a comparison raised.
int64_t lookup(DictObject* d, Value key, int64_t hash, Value* value) {
restart:
  DictKeys* k = d->keys;
  uint64_t mask = uint64_t(k->size) - 1;
  uint64_t i = uint64_t(hash) & mask;
  uint64_t perturb = uint64_t(hash);
  bool str_key = is_exact_str(key);
  bool simple = k->kind != KIND_GENERAL;  // all keys exact str: no user __eq__ runs
  for (;;) {
    int64_t ix = get_ix(k, i);
    if (ix == kIxEmpty) {
      *value = Value();
      return kIxEmpty;
    }
    if (ix >= 0) {
      DictEntry* e = &k->entries[ix];
      Value ek = e->key;
      if (ek == key) {
        *value = entry_value(d, ix);
        return ix;
      }
      if (e->hash == hash && ek) {
        if (simple) {
          if (str_key && str_equal(ek, key)) {
            *value = entry_value(d, ix);
            return ix;
          }
          if (!str_key && !key.is_small()) {
            // A non-str key can still equal a str (user __eq__): ask it.
            incref(ek);
            int c = rich_compare_bool(ek, key, CMP_EQ);
            decref(ek);
            if (c < 0) return kIxError;
            if (d->keys != k || e->key != ek) goto restart;
            if (c > 0) {
              *value = entry_value(d, ix);
              return ix;
            }
          }
        } else {
          int c;
          if (ek.is_small() && key.is_small()) {
            c = 0;
          } else if (is_exact_str(ek) && str_key) {
            c = str_equal(ek, key);
          } else {
            incref(ek);
            c = rich_compare_bool(ek, key, CMP_EQ);
            decref(ek);
            if (c < 0) return kIxError;
            if (d->keys != k || e->key != ek) goto restart;
          }
          if (c > 0) {
            *value = entry_value(d, ix);
            return ix;
          }
        }
      }
    }
    perturb >>= kPerturbShift;
    i = (i * 5 + perturb + 1) & mask;
  }
}

// -- Changing the table --------------------------------------------------------------------------

// Rebuilds d as a combined table of 2**log2 slots, keeping the insertion order.
int resize(DictObject* d, int log2) {
  DictKeys* old = d->keys;
  uint8_t kind = old->kind == KIND_GENERAL ? KIND_GENERAL : KIND_STR;
  if (log2 < 3) log2 = 3;
  DictKeys* k = new_keys(log2, kind);
  if (!k) return -1;
  int64_t n = 0;
  if (d->values) {
    Value* values = d->values;
    int64_t lim = entry_limit(d);
    for (int64_t i = 0; i < lim; i++) {
      if (!values[i]) continue;
      DictEntry& e = k->entries[n++];
      e.hash = old->entries[i].hash;
      e.key = newref(old->entries[i].key);
      e.value = values[i];  // moved
    }
    free_values(values);
    d->values = nullptr;
    dict_keys_decref(old);
  } else {
    for (int64_t i = 0; i < old->nentries; i++) {
      DictEntry& src = old->entries[i];
      if (!src.key) continue;
      k->entries[n++] = src;  // moved
    }
    if (old != empty_keys()) mem_free(old);  // its references were moved
  }
  k->nentries = n;
  k->usable -= n;
  for (int64_t i = 0; i < n; i++) set_ix(k, find_empty_slot(k, k->entries[i].hash), i);
  d->keys = k;
  return 0;
}

int insertion_resize(DictObject* d) { return resize(d, log2_keysize(d->used * 3)); }

int unsplit(DictObject* d) { return resize(d, estimate_log2(d->used < 5 ? 5 : d->used)); }

// A dict holding only atomic keys and values (ints, str, None, ...) cannot be part of a
// reference cycle, so, as CPython, an exact dict is tracked by the collector only once it
// holds something that may be (a GC object other than an untracked tuple).
inline bool may_be_tracked(Value v) {
  if (!v.is_object() || !has_flag(v.obj()->type, TF_HAVE_GC)) return false;
  if (v.obj()->type == &TupleType) return gc_is_tracked(v.obj());
  return true;
}
inline void maintain_tracking(DictObject* d, Value key, Value value) {
  if (!gc_is_tracked(&d->ob) && (may_be_tracked(key) || may_be_tracked(value)))
    gc_track(&d->ob);
}

int insert_impl(DictObject* d, Value key, int64_t hash, Value value);

// Inserts or replaces key (increfs key and value).
int insert(DictObject* d, Value key, int64_t hash, Value value) {
  if (insert_impl(d, key, hash, value) < 0) return -1;
  maintain_tracking(d, key, value);
  return 0;
}

int insert_impl(DictObject* d, Value key, int64_t hash, Value value) {
  if (d->values && !is_exact_str(key)) {
    if (unsplit(d) < 0) return -1;
  }
  Value old;
  int64_t ix = lookup(d, key, hash, &old);
  if (ix == kIxError) return -1;
  if (d->values) {
    SplitValues* sv = split_header(d->values);
    DictKeys* k = d->keys;
    if (ix >= 0) {
      if (old) {  // replace
        d->values[ix] = newref(value);
        decref(old);
        return 0;
      }
      if (ix < sv->capacity && ix >= sv->hi) {
        d->values[ix] = newref(value);
        sv->hi = ix + 1;
        d->used++;
        return 0;
      }
    } else if (k->usable > 0 && k->nentries < kSharedKeysMax && k->nentries < sv->capacity) {
      // A new attribute name: append it to the shared keys (other instances see it as
      // absent until they set it).
      int64_t n = k->nentries;
      DictEntry& e = k->entries[n];
      e.hash = hash;
      e.key = newref(key);
      e.value = Value();
      set_ix(k, find_empty_slot(k, hash), n);
      k->nentries = n + 1;
      k->usable--;
      k->version = 0;
      d->values[n] = newref(value);
      sv->hi = n + 1;
      d->used++;
      return 0;
    }
    if (unsplit(d) < 0) return -1;
    ix = kIxEmpty;
  }
  if (ix >= 0) {
    DictEntry& e = d->keys->entries[ix];
    e.value = newref(value);
    decref(old);
    return 0;
  }
  if (d->keys->usable <= 0) {
    if (insertion_resize(d) < 0) return -1;
  }
  DictKeys* k = d->keys;
  if (k->kind == KIND_STR && !is_exact_str(key)) k->kind = KIND_GENERAL;
  int64_t n = k->nentries;
  DictEntry& e = k->entries[n];
  e.hash = hash;
  e.key = newref(key);
  e.value = newref(value);
  set_ix(k, find_empty_slot(k, hash), n);
  k->nentries = n + 1;
  k->usable--;
  k->version = 0;
  d->used++;
  return 0;
}

// Removes entry ix (found for key with hash); the old key and value are returned owned.
void delete_entry(DictObject* d, int64_t ix, int64_t hash, Value* old_key, Value* old_value) {
  if (d->values) {
    *old_key = newref(d->keys->entries[ix].key);
    *old_value = d->values[ix];
    d->values[ix] = Value();
    d->used--;
    return;
  }
  DictKeys* k = d->keys;
  set_ix(k, find_index_slot(k, hash, ix), kIxDummy);
  DictEntry& e = k->entries[ix];
  *old_key = e.key;
  *old_value = e.value;
  e.key = Value();
  e.value = Value();
  k->version = 0;
  d->used--;
}

Value dict_alloc(Type* type) {
  Object* o = alloc_object(type, type == &DictType ? sizeof(DictObject) : type->basicsize);
  if (!o) return Value();
  DictObject* d = reinterpret_cast<DictObject*>(o);
  d->keys = empty_keys();
  d->values = nullptr;
  d->used = 0;
  return Value::from(o);
}

// Makes room for n more items in one step (before a merge).
int presize(DictObject* d, int64_t n) {
  if (d->values || d->keys->usable * 3 < n * 2) return resize(d, estimate_log2(d->used + n));
  return 0;
}

}  // namespace

// -- The public interface --------------------------------------------------------------------

void dict_keys_decref(DictKeys* k) {
  if (k->refcnt >= kImmortal) return;
  if (--k->refcnt == 0) keys_free(k);
}

Value raise_key_error(Value key) {
  Value exc = exception_new(KeyError, &key, 1);
  if (!exc) return Value();
  raise_object(exc);
  decref(exc);
  return Value();
}

Value dict_new() {
  return dict_alloc(&DictType);  // tracked once it holds a container (maintain_tracking)
}

Value dict_get_known_hash(Value d, Value key, int64_t hash) {
  Value v;
  int64_t ix = lookup(D(d), key, hash, &v);
  if (ix == kIxError) return Value();
  return v;
}

Value dict_get(Value d, Value key) {
  int64_t h = hash_key(key);
  if (h == -1) return Value();
  return dict_get_known_hash(d, key, h);
}

Value dict_get_str(Value dv, Value key) {
  // Globals, builtins and attribute dicts: all keys are exact str, so a probe compares
  // identities, then hashes and text, and never runs user code.
  DictObject* d = D(dv);
  DictKeys* k = d->keys;
  if (k->kind == KIND_GENERAL || !is_exact_str(key)) return dict_get(dv, key);
  int64_t h = key.as<StrObject>()->hash;
  if (h == -1) h = str_hash(key);
  uint64_t mask = uint64_t(k->size) - 1;
  uint64_t i = uint64_t(h) & mask;
  uint64_t perturb = uint64_t(h);
  for (;;) {
    int64_t ix = get_ix(k, i);
    if (ix == kIxEmpty) return Value();
    if (ix >= 0) {
      DictEntry& e = k->entries[ix];
      if (e.key == key || (e.hash == h && e.key && str_equal(e.key, key)))
        return entry_value(d, ix);
    }
    perturb >>= kPerturbShift;
    i = (i * 5 + perturb + 1) & mask;
  }
}

Value dict_get_cstr(Value d, const char* key) { return dict_get(d, intern(key)); }

int dict_set(Value d, Value key, Value v) {
  int64_t h = hash_key(key);
  if (h == -1) return -1;
  return insert(D(d), key, h, v);
}

int dict_set_cstr(Value d, const char* key, Value v) { return dict_set(d, intern(key), v); }

int dict_contains(Value d, Value key) {
  int64_t h = hash_key(key);
  if (h == -1) return -1;
  Value v;
  int64_t ix = lookup(D(d), key, h, &v);
  if (ix == kIxError) return -1;
  return v ? 1 : 0;
}

namespace {

// Removes key; returns the value (owned) or null (absent when no error is set).
Value pop_known_hash(DictObject* d, Value key, int64_t h) {
  if (d->used == 0) return Value();
  Value v;
  int64_t ix = lookup(d, key, h, &v);
  if (ix == kIxError || !v) return Value();
  Value old_key, old_value;
  delete_entry(d, ix, h, &old_key, &old_value);
  decref(old_key);
  return old_value;
}

}  // namespace

int dict_del(Value d, Value key) {
  int64_t h = hash_key(key);
  if (h == -1) return -1;
  Value v = pop_known_hash(D(d), key, h);
  if (!v) {
    if (!error_occurred()) raise_key_error(key);
    return -1;
  }
  decref(v);
  return 0;
}

Value dict_pop(Value d, Value key) {
  int64_t h = hash_key(key);
  if (h == -1) return Value();
  return pop_known_hash(D(d), key, h);
}

int64_t dict_size(Value d) { return D(d)->used; }

bool dict_next_hash(Value dv, int64_t* pos, Value* key, Value* value, int64_t* hash) {
  DictObject* d = D(dv);
  int64_t i = *pos, lim = entry_limit(d);
  while (i < lim) {
    Value v = entry_value(d, i);
    if (v) {
      DictEntry& e = d->keys->entries[i];
      if (key) *key = e.key;
      if (value) *value = v;
      if (hash) *hash = e.hash;
      *pos = i + 1;
      return true;
    }
    i++;
  }
  *pos = i;
  return false;
}

bool dict_next(Value d, int64_t* pos, Value* key, Value* value) {
  return dict_next_hash(d, pos, key, value, nullptr);
}

void dict_clear(Value dv) {
  DictObject* d = D(dv);
  DictKeys* k = d->keys;
  Value* values = d->values;
  if (k == empty_keys() && !values) return;
  d->keys = empty_keys();
  d->values = nullptr;
  d->used = 0;
  if (values) {
    SplitValues* sv = split_header(values);
    for (int64_t i = 0; i < sv->hi; i++) xdecref(values[i]);
    free_values(values);
  }
  dict_keys_decref(k);
}

namespace {

Value copy_into(Type* type, DictObject* src) {
  Value r = dict_alloc(type);
  if (!r) return r;
  DictObject* d = D(r);
  if (src->values) {
    SplitValues* sv = split_header(src->values);
    Value* values = new_values(sv->capacity);
    if (!values) {
      decref(r);
      return Value();
    }
    for (int64_t i = 0; i < sv->hi; i++) values[i] = xnewref(src->values[i]);
    split_header(values)->hi = sv->hi;
    d->keys = src->keys;
    d->keys->refcnt++;
    d->values = values;
    d->used = src->used;
  } else if (src->used > 0 && src->used >= (src->keys->nentries * 2) / 3) {
    // Clone the table as it is (CPython's clone_combined_dict_keys).
    DictKeys* k = src->keys;
    size_t bytes = sizeof(DictKeys) + size_t(k->size) * k->ix_width +
                   size_t(usable_fraction(k->size)) * sizeof(DictEntry);
    DictKeys* nk = static_cast<DictKeys*>(mem_alloc(bytes));
    if (!nk) {
      decref(r);
      return raise_no_memory();
    }
    std::memcpy(static_cast<void*>(nk), k, bytes);
    nk->refcnt = 1;
    nk->version = 0;
    nk->entries = reinterpret_cast<DictEntry*>(ixs(nk) + size_t(k->size) * k->ix_width);
    for (int64_t i = 0; i < nk->nentries; i++) {
      xincref(nk->entries[i].key);
      xincref(nk->entries[i].value);
    }
    d->keys = nk;
    d->used = src->used;
  } else if (src->used > 0) {
    if (dict_merge(r, Value::from(&src->ob), true) < 0) {
      decref(r);
      return Value();
    }
  }
  if (type != &DictType || gc_is_tracked(&src->ob)) gc_track(r.obj());
  return r;
}

// dict_merge's core; override: 0 keep existing, 1 replace, 2 raise KeyError on duplicates.
int merge(Value a, Value b, int override) {
  DictObject* d = D(a);
  if (a == b) return 0;
  if (is_dict(b) && type_of(b)->iter == DictType.iter) {
    DictObject* o = D(b);
    if (o->used == 0) return 0;
    if (d->used == 0 && override == 1 && !o->values && is_exact_dict(a) &&
        o->used == o->keys->nentries) {
      // Empty target: take a copy of the whole table.
      Value tmp = copy_into(&DictType, o);
      if (!tmp) return -1;
      DictObject* t = D(tmp);
      std::swap(d->keys, t->keys);
      std::swap(d->values, t->values);
      std::swap(d->used, t->used);
      if (gc_is_tracked(&t->ob)) gc_track(&d->ob);
      decref(tmp);
      return 0;
    }
    if (presize(d, o->used) < 0) return -1;
    int64_t lim = entry_limit(o);
    DictKeys* ok = o->keys;
    for (int64_t i = 0; i < lim; i++) {
      Value v = entry_value(o, i);
      if (!v) continue;
      Value key = newref(ok->entries[i].key);
      int64_t h = ok->entries[i].hash;
      incref(v);
      int err = 0;
      if (override == 1) {
        err = insert(d, key, h, v);
      } else {
        Value cur;
        int64_t ix = lookup(d, key, h, &cur);
        if (ix == kIxError) err = -1;
        else if (!cur) err = insert(d, key, h, v);
        else if (override == 2) {
          raise_key_error(key);
          err = -1;
        }
      }
      decref(key);
      decref(v);
      if (err < 0) return -1;
      if (o->keys != ok || entry_limit(o) != lim) {
        raise(RuntimeError, "dict mutated during update");
        return -1;
      }
    }
    return 0;
  }
  // A generic mapping: for key in b.keys(): a[key] = b[key].
  Value keys = call_method0(b, STRATA_NAME(keys));
  if (!keys) return -1;
  Value it = get_iter(keys);
  decref(keys);
  if (!it) return -1;
  for (;;) {
    Value key = iter_next(it);
    if (!key) break;
    if (override != 1) {
      int c = dict_contains(a, key);
      if (c < 0) {
        decref(key);
        decref(it);
        return -1;
      }
      if (c) {
        if (override == 2) {
          raise_key_error(key);
          decref(key);
          decref(it);
          return -1;
        }
        decref(key);
        continue;
      }
    }
    Value v = getitem(b, key);
    int err = v ? dict_set(a, key, v) : -1;
    xdecref(v);
    decref(key);
    if (err < 0) {
      decref(it);
      return -1;
    }
  }
  decref(it);
  return error_occurred() ? -1 : 0;
}

// dict.update from an iterable of pairs (PyDict_MergeFromSeq2).
int merge_from_seq2(Value d, Value seq2) {
  Value it = get_iter(seq2);
  if (!it) return -1;
  int64_t i = 0;
  for (;; i++) {
    Value item = iter_next(it);
    if (!item) break;
    Value fast;
    if (is_list(item) || is_tuple(item)) {
      fast = newref(item);
    } else {
      fast = sequence_list(item);
      if (!fast) {
        if (error_matches(TypeError)) {
          clear_error();
          raise(TypeError, "cannot convert dictionary update sequence element #%zd to a sequence",
                i);
        }
        decref(item);
        decref(it);
        return -1;
      }
    }
    int64_t n = is_list(fast) ? list_size(fast) : tuple_size(fast);
    if (n != 2) {
      raise(ValueError, "dictionary update sequence element #%zd has length %zd; 2 is required",
            i, n);
      decref(fast);
      decref(item);
      decref(it);
      return -1;
    }
    Value k = newref(is_list(fast) ? list_item(fast, 0) : tuple_item(fast, 0));
    Value v = newref(is_list(fast) ? list_item(fast, 1) : tuple_item(fast, 1));
    int err = dict_set(d, k, v);
    decref(k);
    decref(v);
    decref(fast);
    decref(item);
    if (err < 0) {
      decref(it);
      return -1;
    }
  }
  decref(it);
  return error_occurred() ? -1 : 0;
}

// dict.update(arg): a dict, anything with keys(), or pairs.
int update_arg(Value d, Value arg) {
  if (is_exact_dict(arg)) return merge(d, arg, 1);
  Value keys = lookup_attr(arg, STRATA_NAME(keys));
  if (keys) {
    decref(keys);
    return merge(d, arg, 1);
  }
  if (error_occurred()) return -1;
  return merge_from_seq2(d, arg);
}

}  // namespace

Value dict_copy(Value d) { return copy_into(&DictType, D(d)); }

int dict_merge(Value d, Value other, bool override) { return merge(d, other, override ? 1 : 0); }

int dict_update(Value d, Value other) { return update_arg(d, other); }

Value dict_setdefault(Value dv, Value key, Value deflt) {
  int64_t h = hash_key(key);
  if (h == -1) return Value();
  DictObject* d = D(dv);
  Value v;
  int64_t ix = lookup(d, key, h, &v);
  if (ix == kIxError) return Value();
  if (v) return v;
  if (insert(d, key, h, deflt) < 0) return Value();
  return deflt;
}

namespace {

enum ListWhat { LIST_KEYS, LIST_VALUES, LIST_ITEMS };

Value make_list(Value dv, ListWhat what) {
  DictObject* d = D(dv);
  for (;;) {
    int64_t n = d->used;
    Value r = list_new(n);
    if (!r) return r;
    // list_new may have run the collector, which can change d: check the size again.
    if (n != d->used) {
      decref(r);
      continue;
    }
    int64_t pos = 0, j = 0;
    Value k, v;
    while (dict_next(dv, &pos, &k, &v)) {
      Value item;
      if (what == LIST_KEYS) item = newref(k);
      else if (what == LIST_VALUES) item = newref(v);
      else {
        item = tuple_pack({k, v});
        if (!item) {
          decref(r);
          return item;
        }
      }
      list_items(r)[j++] = item;
    }
    return r;
  }
}

}  // namespace

Value dict_keys_list(Value d) { return make_list(d, LIST_KEYS); }
Value dict_values_list(Value d) { return make_list(d, LIST_VALUES); }
Value dict_items_list(Value d) { return make_list(d, LIST_ITEMS); }

bool dict_split_store(DictObject* d, int64_t ix, Value v) {
  SplitValues* sv = split_header(d->values);
  if (ix >= sv->capacity || ix >= d->keys->nentries) return false;
  Value old = d->values[ix];
  if (!old) {
    if (ix < sv->hi) return false;  // would break the insertion order
    sv->hi = ix + 1;
    d->used++;
  }
  d->values[ix] = newref(v);
  maintain_tracking(d, d->keys->entries[ix].key, v);
  if (old) decref(old);
  return true;
}

uint32_t dict_keys_version(Value dv) {
  DictKeys* k = D(dv)->keys;
  if (k->version == 0 && next_keys_version != 0) k->version = next_keys_version++;
  return k->version;
}

int64_t dict_index_of_str(Value dv, Value key) {
  Value v;
  int64_t h = str_hash(key);
  int64_t ix = lookup(D(dv), key, h, &v);
  if (ix < 0) {
    if (ix == kIxError) clear_error();
    return -1;
  }
  return ix;
}

DictKeys* dict_new_shared_keys() {
  DictKeys* k = new_keys(6, KIND_SPLIT);  // 64 slots, 42 usable, capped at kSharedKeysMax
  return k;
}

Value dict_new_split(DictKeys* keys) {
  Value r = dict_alloc(&DictType);
  if (!r) return r;
  Value* values = new_values(kSharedKeysMax);
  if (!values) {
    decref(r);
    return Value();
  }
  D(r)->keys = keys;
  keys->refcnt++;
  D(r)->values = values;
  return r;  // tracked once it holds a container (maintain_tracking)
}

namespace {

// -- Slots -------------------------------------------------------------------------------------

void dict_dealloc(Object* o) {
  gc_untrack_if_tracked(o);
  if (!trashcan_begin(o)) return;
  DictObject* d = reinterpret_cast<DictObject*>(o);
  if (d->values) {
    SplitValues* sv = split_header(d->values);
    for (int64_t i = 0; i < sv->hi; i++) xdecref(d->values[i]);
    free_values(d->values);
  }
  dict_keys_decref(d->keys);
  free_object(o);
  trashcan_end();
}

void dict_traverse(Object* o, VisitFn visit, void* arg) {
  DictObject* d = reinterpret_cast<DictObject*>(o);
  if (d->values) {
    SplitValues* sv = split_header(d->values);
    for (int64_t i = 0; i < sv->hi; i++) visit_value(d->values[i], visit, arg);
    return;
  }
  DictKeys* k = d->keys;
  for (int64_t i = 0; i < k->nentries; i++) {
    visit_value(k->entries[i].key, visit, arg);
    visit_value(k->entries[i].value, visit, arg);
  }
}

void dict_clear_slot(Object* o) { dict_clear(Value::from(o)); }

Value dict_repr(Value self) {
  DictObject* d = D(self);
  if (d->used == 0) return str_from_ascii("{}");
  int r = repr_enter(self);
  if (r != 0) return r > 0 ? str_from_ascii("{...}") : Value();
  std::string out = "{";
  bool ok = true, first = true;
  int64_t pos = 0;
  Value k, v;
  while (dict_next(self, &pos, &k, &v)) {
    incref(k);
    incref(v);
    if (!first) out += ", ";
    first = false;
    Value rk = repr(k);
    Value rv = rk ? repr(v) : Value();
    decref(k);
    decref(v);
    if (!rv) {
      xdecref(rk);
      ok = false;
      break;
    }
    out += str_utf8(rk);
    out += ": ";
    out += str_utf8(rv);
    decref(rk);
    decref(rv);
  }
  repr_leave(self);
  if (!ok) return Value();
  out += "}";
  return str_from_utf8(out);
}

// a == b for two dicts: 1, 0, or -1 on error.
int dict_equal(Value a, Value b) {
  if (D(a)->used != D(b)->used) return 0;
  for (int64_t i = 0; i < entry_limit(D(a)); i++) {
    Value av = entry_value(D(a), i);
    if (!av) continue;
    Value key = newref(D(a)->keys->entries[i].key);
    int64_t h = D(a)->keys->entries[i].hash;
    incref(av);
    Value bv;
    int64_t ix = lookup(D(b), key, h, &bv);
    int c;
    if (ix == kIxError) {
      c = -1;
    } else if (!bv) {
      c = 0;
    } else {
      incref(bv);
      c = rich_compare_bool(av, bv, CMP_EQ);
      decref(bv);
    }
    decref(key);
    decref(av);
    if (c <= 0) return c;
  }
  return 1;
}

Value dict_richcompare(Value a, Value b, int op) {
  if (!is_dict(a) || !is_dict(b) || (op != CMP_EQ && op != CMP_NE)) return NotImplemented();
  int c = dict_equal(a, b);  // rich_compare_bool() of the values guards the depth
  if (c < 0) return Value();
  return Bool((c == 1) == (op == CMP_EQ));
}

int64_t dict_length(Value self) { return D(self)->used; }

Value dict_subscript(Value self, Value key) {
  int64_t h = hash_key(key);
  if (h == -1) return Value();
  Value v;
  int64_t ix = lookup(D(self), key, h, &v);
  if (ix == kIxError) return Value();
  if (v) return newref(v);
  if (!is_exact_dict(self)) {
    Value missing = type_lookup(type_of(self), STRATA_NAME(__missing__));
    if (missing) {
      DescrGetFn get = type_of(missing)->descr_get;
      if (get) {
        Value bound = get(missing, self, Value::from(type_of(self)));
        if (!bound) return Value();
        Value r = call1(bound, key);
        decref(bound);
        return r;
      }
      return call2(missing, self, key);
    }
    if (error_occurred()) return Value();
  }
  return raise_key_error(key);
}

int dict_ass_sub(Value self, Value key, Value v) {
  if (v) return dict_set(self, key, v);
  return dict_del(self, key);
}

int dict_contains_slot(Value self, Value key) { return dict_contains(self, key); }

Value dict_iter(Value self);

Value dict_new_slot(Type* type, const Value*, size_t, Value) {
  Value d = dict_alloc(type);
  // An exact dict is tracked lazily; instances of subclasses may hold anything.
  if (d && type != &DictType) gc_track(d.obj());
  return d;
}

// The keyword arguments of a call into d.
int update_kwargs(Value d, const Value* kwvalues, Value kwnames) {
  size_t nkw = kwnames_count(kwnames);
  for (size_t i = 0; i < nkw; i++)
    if (dict_set(d, tuple_item(kwnames, int64_t(i)), kwvalues[i]) < 0) return -1;
  return 0;
}

int dict_init(Value self, const Value* args, size_t nargs, Value kwnames) {
  if (!check_positional("dict", nargs, 0, 1)) return -1;
  if (nargs == 1 && update_arg(self, args[0]) < 0) return -1;
  return update_kwargs(self, args + nargs, kwnames);
}

Value dict_or(Value a, Value b) {
  if (!is_dict(a) || !is_dict(b)) return NotImplemented();
  Value r = dict_copy(a);
  if (!r) return r;
  if (update_arg(r, b) < 0) {
    decref(r);
    return Value();
  }
  return r;
}

Value dict_ior(Value a, Value b) {
  if (!is_dict(a)) return NotImplemented();
  if (update_arg(a, b) < 0) return Value();
  return newref(a);
}

// -- Methods ------------------------------------------------------------------------------------

Value m_get(Value self, const Value* args, size_t nargs, Value) {
  if (!check_positional("get", nargs, 1, 2)) return Value();
  int64_t h = hash_key(args[0]);
  if (h == -1) return Value();
  Value v;
  if (lookup(D(self), args[0], h, &v) == kIxError) return Value();
  if (v) return newref(v);
  return nargs == 2 ? newref(args[1]) : None();
}

Value m_setdefault(Value self, const Value* args, size_t nargs, Value) {
  if (!check_positional("setdefault", nargs, 1, 2)) return Value();
  Value r = dict_setdefault(self, args[0], nargs == 2 ? args[1] : None());
  return xnewref(r);
}

Value m_pop(Value self, const Value* args, size_t nargs, Value) {
  if (!check_positional("pop", nargs, 1, 2)) return Value();
  Value v = dict_pop(self, args[0]);
  if (v || error_occurred()) return v;
  if (nargs == 2) return newref(args[1]);
  return raise_key_error(args[0]);
}

Value m_popitem(Value self, const Value*, size_t, Value) {
  DictObject* d = D(self);
  if (d->used == 0) return raise(KeyError, "popitem(): dictionary is empty");
  Value pair = tuple_new(2);
  if (!pair) return pair;
  if (d->values && unsplit(d) < 0) {
    decref(pair);
    return Value();
  }
  DictKeys* k = d->keys;
  int64_t i = k->nentries - 1;
  while (i >= 0 && !k->entries[i].value) i--;
  Value key, value;
  delete_entry(d, i, k->entries[i].hash, &key, &value);
  k->nentries = i;  // the slot can be reused; usable stays (a dummy is in the index)
  tuple_items(pair)[0] = key;
  tuple_items(pair)[1] = value;
  return pair;
}

Value make_view(Type* type, Value d);

Value m_keys(Value self, const Value*, size_t, Value) { return make_view(&DictKeysType, self); }
Value m_values(Value self, const Value*, size_t, Value) {
  return make_view(&DictValuesType, self);
}
Value m_items(Value self, const Value*, size_t, Value) { return make_view(&DictItemsType, self); }

Value m_update(Value self, const Value* args, size_t nargs, Value kwnames) {
  if (!check_positional("update", nargs, 0, 1)) return Value();
  if (nargs == 1 && update_arg(self, args[0]) < 0) return Value();
  if (update_kwargs(self, args + nargs, kwnames) < 0) return Value();
  return None();
}

Value m_fromkeys(Value cls, const Value* args, size_t nargs, Value) {
  if (!check_positional("fromkeys", nargs, 1, 2)) return Value();
  Value value = nargs == 2 ? args[1] : None();
  Value d = call0(cls);
  if (!d) return d;
  bool exact = is_exact_dict(d);
  int err = for_each(args[0], [&](Value key) -> int {
    return exact ? dict_set(d, key, value) : setitem(d, key, value);
  });
  if (err < 0) {
    decref(d);
    return Value();
  }
  return d;
}

Value m_clear(Value self, const Value*, size_t, Value) {
  dict_clear(self);
  return None();
}

Value m_copy(Value self, const Value*, size_t, Value) { return dict_copy(self); }

Value m_contains(Value self, const Value* args, size_t, Value) {
  int c = dict_contains(self, args[0]);
  if (c < 0) return Value();
  return Bool(c);
}

Value m_getitem(Value self, const Value* args, size_t, Value) {
  return dict_subscript(self, args[0]);
}

Value make_dict_iter(Type* type, Value d, bool reversed);

Value m_reversed(Value self, const Value*, size_t, Value) {
  return make_dict_iter(&DictRevKeyIterType, self, true);
}

// CPython 3.11's _PyDict_SizeOf over its own layout (a 48-byte dict, a 32-byte keys
// header, 16-byte entries for str-only keys and 24-byte ones otherwise), so that
// sys.getsizeof agrees.
Value m_sizeof(Value self, const Value*, size_t, Value) {
  DictObject* d = D(self);
  int64_t size = 48 + int64_t(type_of(self)->basicsize) - int64_t(sizeof(DictObject));
  DictKeys* k = d->keys;
  if (d->values) size += kSharedKeysMax * int64_t(sizeof(Value));
  if (k->refcnt == 1) {
    int64_t entry = k->kind == KIND_GENERAL ? 24 : 16;
    size += 32 + k->size * k->ix_width + usable_fraction(k->size) * entry;
  }
  return int_from_i64(size);
}

const MethodDef dict_methods[] = {
    {"__class_getitem__", class_getitem, METH_O | METH_CLASS, "See PEP 585"},
    {"__contains__", m_contains, METH_O, "True if the dictionary has the specified key, else False."},
    {"__getitem__", m_getitem, METH_O, "x.__getitem__(y) <==> x[y]"},
    {"__sizeof__", m_sizeof, METH_NOARGS, "D.__sizeof__() -> size of D in memory, in bytes"},
    {"get", m_get, METH_FASTCALL,
     "Return the value for key if key is in the dictionary, else default."},
    {"setdefault", m_setdefault, METH_FASTCALL,
     "Insert key with a value of default if key is not in the dictionary.\n\nReturn the "
     "value for key if key is in the dictionary, else default."},
    {"pop", m_pop, METH_FASTCALL,
     "D.pop(k[,d]) -> v, remove specified key and return the corresponding value.\n\nIf the "
     "key is not found, return the default if given; otherwise,\nraise a KeyError."},
    {"popitem", m_popitem, METH_NOARGS,
     "Remove and return a (key, value) pair as a 2-tuple.\n\nPairs are returned in LIFO "
     "(last-in, first-out) order.\nRaises KeyError if the dict is empty."},
    {"keys", m_keys, METH_NOARGS, "D.keys() -> a set-like object providing a view on D's keys"},
    {"items", m_items, METH_NOARGS,
     "D.items() -> a set-like object providing a view on D's items"},
    {"values", m_values, METH_NOARGS, "D.values() -> an object providing a view on D's values"},
    {"update", m_update, METH_FASTCALL | METH_KEYWORDS,
     "D.update([E, ]**F) -> None.  Update D from dict/iterable E and F.\nIf E is present and "
     "has a .keys() method, then does:  for k in E: D[k] = E[k]\nIf E is present and lacks a "
     ".keys() method, then does:  for k, v in E: D[k] = v\nIn either case, this is followed "
     "by: for k in F:  D[k] = F[k]"},
    {"fromkeys", m_fromkeys, METH_FASTCALL | METH_CLASS,
     "Create a new dictionary with keys from iterable and values set to value."},
    {"clear", m_clear, METH_NOARGS, "D.clear() -> None.  Remove all items from D."},
    {"copy", m_copy, METH_NOARGS, "D.copy() -> a shallow copy of D"},
    {"__reversed__", m_reversed, METH_NOARGS,
     "Return a reverse iterator over the dict keys."},
    {nullptr, nullptr, 0, nullptr}};

// -- Iterators ---------------------------------------------------------------------------------

struct DictIterObject {
  Object ob;
  Value dict;     // null once exhausted
  int64_t used;   // the dict's size when the iterator was made (-1: broken)
  int64_t pos;    // next entry index (reversed: the current one)
  int64_t len;    // items left
};

Value make_dict_iter(Type* type, Value d, bool reversed) {
  Object* o = alloc_object(type, sizeof(DictIterObject));
  if (!o) return Value();
  DictIterObject* it = reinterpret_cast<DictIterObject*>(o);
  it->dict = newref(d);
  it->used = D(d)->used;
  it->len = it->used;
  it->pos = reversed ? entry_limit(D(d)) - 1 : 0;
  gc_track(o);
  return Value::from(o);
}

Value dict_iter(Value self) { return make_dict_iter(&DictKeyIterType, self, false); }

void dictiter_dealloc(Object* o) {
  gc_untrack(o);
  xdecref(reinterpret_cast<DictIterObject*>(o)->dict);
  free_object(o);
}
void dictiter_traverse(Object* o, VisitFn visit, void* arg) {
  visit_value(reinterpret_cast<DictIterObject*>(o)->dict, visit, arg);
}
void dictiter_clear(Object* o) { clear_ref(&reinterpret_cast<DictIterObject*>(o)->dict); }

enum IterWhat { IT_KEYS, IT_VALUES, IT_ITEMS };

template <IterWhat kWhat, bool kReversed>
Value dictiter_next(Value self) {
  DictIterObject* it = self.as<DictIterObject>();
  if (!it->dict) return Value();
  DictObject* d = D(it->dict);
  if (it->used != d->used) {
    it->used = -1;
    return raise(RuntimeError, "dictionary changed size during iteration");
  }
  int64_t i = it->pos;
  Value v;
  if (kReversed) {
    if (i >= entry_limit(d)) i = entry_limit(d) - 1;
    while (i >= 0 && !(v = entry_value(d, i))) i--;
    if (i < 0) {
      clear_ref(&it->dict);
      return Value();
    }
    it->pos = i - 1;
  } else {
    int64_t lim = entry_limit(d);
    while (i < lim && !(v = entry_value(d, i))) i++;
    if (i >= lim) {
      clear_ref(&it->dict);
      return Value();
    }
    it->pos = i + 1;
  }
  if (it->len == 0) {
    clear_ref(&it->dict);
    return raise(RuntimeError, "dictionary keys changed during iteration");
  }
  it->len--;
  Value key = d->keys->entries[i].key;
  if (kWhat == IT_KEYS) return newref(key);
  if (kWhat == IT_VALUES) return newref(v);
  return tuple_pack({key, v});
}

Value dictiter_length_hint(Value self, const Value*, size_t, Value) {
  DictIterObject* it = self.as<DictIterObject>();
  int64_t n = it->dict && it->used == D(it->dict)->used ? it->len : 0;
  return int_from_i64(n);
}

const MethodDef dictiter_methods[] = {
    {"__length_hint__", dictiter_length_hint, METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {nullptr, nullptr, 0, nullptr}};

// -- Views ---------------------------------------------------------------------------------------

struct DictViewObject {
  Object ob;
  Value dict;
};

bool is_setlike_view(Value v) {
  return !v.is_small() && (v.obj()->type == &DictKeysType || v.obj()->type == &DictItemsType);
}

Value make_view(Type* type, Value d) {
  Object* o = alloc_object(type, sizeof(DictViewObject));
  if (!o) return Value();
  reinterpret_cast<DictViewObject*>(o)->dict = newref(d);
  gc_track(o);
  return Value::from(o);
}

inline Value view_dict(Value v) { return v.as<DictViewObject>()->dict; }

void view_dealloc(Object* o) {
  gc_untrack(o);
  xdecref(reinterpret_cast<DictViewObject*>(o)->dict);
  free_object(o);
}
void view_traverse(Object* o, VisitFn visit, void* arg) {
  visit_value(reinterpret_cast<DictViewObject*>(o)->dict, visit, arg);
}
int64_t view_len(Value self) { return D(view_dict(self))->used; }

Value view_repr(Value self) {
  int r = repr_enter(self);
  if (r != 0) return r > 0 ? str_from_ascii("...") : Value();
  Value seq = sequence_list(self);
  Value text = seq ? repr(seq) : Value();
  xdecref(seq);
  repr_leave(self);
  if (!text) return Value();
  std::string out = type_of(self)->name;
  out += "(";
  out += str_utf8(text);
  out += ")";
  decref(text);
  return str_from_utf8(out);
}

Value keys_iter(Value self) { return make_dict_iter(&DictKeyIterType, view_dict(self), false); }
Value values_iter(Value self) {
  return make_dict_iter(&DictValueIterType, view_dict(self), false);
}
Value items_iter(Value self) { return make_dict_iter(&DictItemIterType, view_dict(self), false); }

int keys_contains(Value self, Value key) { return dict_contains(view_dict(self), key); }

int items_contains(Value self, Value item) {
  if (!is_tuple(item) || tuple_size(item) != 2) return 0;
  Value key = tuple_item(item, 0), value = tuple_item(item, 1);
  Value found = dict_get(view_dict(self), key);
  if (!found) return error_occurred() ? -1 : 0;
  incref(found);
  int c = rich_compare_bool(found, value, CMP_EQ);
  decref(found);
  return c;
}

int view_contains(Value view, Value x) {
  return type_of(view) == &DictKeysType ? keys_contains(view, x) : items_contains(view, x);
}

// Every item of a is in b.
int all_contained_in(Value a, Value b) {
  return for_each(a, [&](Value item) -> int {
    int c = contains(b, item);
    if (c < 0) return -1;
    return c ? 0 : 2;  // 2: stop, not contained
  });
}

bool is_anyset(Value v) {
  return is_instance_of(v, &SetType) || is_instance_of(v, &FrozenSetType);
}

Value view_richcompare(Value a, Value b, int op) {
  if (!is_anyset(b) && !is_setlike_view(b)) return NotImplemented();
  int64_t la = length(a);
  if (la < 0) return Value();
  int64_t lb = length(b);
  if (lb < 0) return Value();
  int ok = 0;
  switch (op) {
    case CMP_NE:
    case CMP_EQ:
      if (la == lb) ok = all_contained_in(a, b);
      if (ok < 0) return Value();
      if (ok == 2) ok = 0;
      else if (la == lb) ok = 1;
      if (op == CMP_NE) ok = !ok;
      break;
    case CMP_LT:
    case CMP_LE:
      if (op == CMP_LT ? la < lb : la <= lb) {
        ok = all_contained_in(a, b);
        if (ok < 0) return Value();
        ok = ok == 0;
      }
      break;
    case CMP_GT:
    case CMP_GE:
      if (op == CMP_GT ? la > lb : la >= lb) {
        ok = all_contained_in(b, a);
        if (ok < 0) return Value();
        ok = ok == 0;
      }
      break;
  }
  return Bool(ok);
}

// set(a) then a set method with b (the set operators of keys and items views).
Value view_setop(Value a, Value b, Value method) {
  Value result = set_new(a);
  if (!result) return result;
  Value r = call_method1(result, method, b);
  if (!r) {
    decref(result);
    return r;
  }
  decref(r);
  return result;
}

Value view_sub(Value a, Value b) { return view_setop(a, b, STRATA_NAME(difference_update)); }
Value view_or(Value a, Value b) { return view_setop(a, b, STRATA_NAME(update)); }
Value view_xor(Value a, Value b) {
  return view_setop(a, b, STRATA_NAME(symmetric_difference_update));
}

Value view_and(Value self, Value other) {
  if (!is_setlike_view(self)) std::swap(self, other);
  int64_t len_self = length(self);
  if (len_self < 0) return Value();
  if (!other.is_small() && other.obj()->type == &SetType) {
    int64_t lo = set_size(other);
    if (len_self <= lo) return call_method1(other, STRATA_NAME(intersection), self);
  }
  if (is_setlike_view(other)) {
    int64_t lo = length(other);
    if (lo < 0) return Value();
    if (lo > len_self) std::swap(self, other);
  }
  Value result = set_new(Value());
  if (!result) return result;
  int err = for_each(other, [&](Value key) -> int {
    int c = view_contains(self, key);
    if (c <= 0) return c;
    return set_add(result, key) < 0 ? -1 : 0;
  });
  if (err < 0) {
    decref(result);
    return Value();
  }
  return result;
}

Value view_isdisjoint(Value self, const Value* args, size_t, Value) {
  Value other = args[0];
  if (self == other) return Bool(view_len(self) == 0);
  Value a = self, b = other;  // iterate a, test membership in b
  if (is_anyset(other) || is_setlike_view(other)) {
    int64_t lo = length(other);
    if (lo < 0) return Value();
    if (lo > view_len(self)) {
      a = self;
      b = other;
    } else {
      a = other;
      b = self;
    }
  } else {
    a = other;
    b = self;
  }
  int r = for_each(a, [&](Value item) -> int {
    int c = b == self ? view_contains(self, item) : contains(b, item);
    if (c < 0) return -1;
    return c ? 2 : 0;
  });
  if (r < 0) return Value();
  return Bool(r != 2);
}

Value keys_reversed(Value self, const Value*, size_t, Value) {
  return make_dict_iter(&DictRevKeyIterType, view_dict(self), true);
}
Value values_reversed(Value self, const Value*, size_t, Value) {
  return make_dict_iter(&DictRevValueIterType, view_dict(self), true);
}
Value items_reversed(Value self, const Value*, size_t, Value) {
  return make_dict_iter(&DictRevItemIterType, view_dict(self), true);
}

Value view_mapping(Value self) { return mappingproxy_new(view_dict(self)); }

const GetSetDef view_getset[] = {
    {"mapping", view_mapping, nullptr, "dictionary that this view refers to"},
    {nullptr, nullptr, nullptr, nullptr}};

const MethodDef keys_methods[] = {
    {"isdisjoint", view_isdisjoint, METH_O,
     "Return True if the view and the given iterable have a null intersection."},
    {"__reversed__", keys_reversed, METH_NOARGS,
     "Return a reverse iterator over the dict keys."},
    {nullptr, nullptr, 0, nullptr}};
const MethodDef items_methods[] = {
    {"isdisjoint", view_isdisjoint, METH_O,
     "Return True if the view and the given iterable have a null intersection."},
    {"__reversed__", items_reversed, METH_NOARGS,
     "Return a reverse iterator over the dict items."},
    {nullptr, nullptr, 0, nullptr}};
const MethodDef values_methods[] = {
    {"__reversed__", values_reversed, METH_NOARGS,
     "Return a reverse iterator over the dict values."},
    {nullptr, nullptr, 0, nullptr}};

}  // namespace

Type DictType = {
    .ob = {kImmortal, &TypeType},
    .name = "dict",
    .base = &ObjectType,
    .flags = TF_BASETYPE | TF_HAVE_GC | TF_IMMUTABLE | TF_MAPPING | TF_DICT_SUBCLASS | TF_MATCH_SELF,
    .basicsize = sizeof(DictObject),
    .dealloc = dict_dealloc,
    .traverse = dict_traverse,
    .clear = dict_clear_slot,
    .repr = dict_repr,
    .hash = hash_not_implemented,
    .richcompare = dict_richcompare,
    .iter = dict_iter,
    .new_ = dict_new_slot,
    .init = dict_init,
    .nb = {nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, dict_or, nullptr,
           nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
           nullptr, nullptr, dict_ior},
    .length = dict_length,
    .getitem = dict_subscript,
    .setitem = dict_ass_sub,
    .contains = dict_contains_slot,
    .methods = dict_methods,
    .doc = "dict() -> new empty dictionary\ndict(mapping) -> new dictionary initialized from a "
           "mapping object's\n    (key, value) pairs\ndict(iterable) -> new dictionary "
           "initialized as if via:\n    d = {}\n    for k, v in iterable:\n        d[k] = "
           "v\ndict(**kwargs) -> new dictionary initialized with the name=value pairs\n    in "
           "the keyword argument list.  For example:  dict(one=1, two=2)",
};

#define STRATA_DICT_ITER_TYPE(var, tpname, fn)           \
  Type var = {                                           \
      .ob = {kImmortal, &TypeType},                      \
      .name = tpname,                                    \
      .base = &ObjectType,                               \
      .flags = TF_HAVE_GC | TF_IMMUTABLE,                \
      .basicsize = sizeof(DictIterObject),               \
      .dealloc = dictiter_dealloc,                       \
      .traverse = dictiter_traverse,                     \
      .clear = dictiter_clear,                           \
      .iter = iter_self,                                 \
      .iternext = fn,                                    \
      .methods = dictiter_methods,                       \
  };
STRATA_DICT_ITER_TYPE(DictKeyIterType, "dict_keyiterator", (dictiter_next<IT_KEYS, false>))
STRATA_DICT_ITER_TYPE(DictValueIterType, "dict_valueiterator", (dictiter_next<IT_VALUES, false>))
STRATA_DICT_ITER_TYPE(DictItemIterType, "dict_itemiterator", (dictiter_next<IT_ITEMS, false>))
STRATA_DICT_ITER_TYPE(DictRevKeyIterType, "dict_reversekeyiterator",
                      (dictiter_next<IT_KEYS, true>))
STRATA_DICT_ITER_TYPE(DictRevValueIterType, "dict_reversevalueiterator",
                      (dictiter_next<IT_VALUES, true>))
STRATA_DICT_ITER_TYPE(DictRevItemIterType, "dict_reverseitemiterator",
                      (dictiter_next<IT_ITEMS, true>))
#undef STRATA_DICT_ITER_TYPE

Type DictKeysType = {
    .ob = {kImmortal, &TypeType},
    .name = "dict_keys",
    .base = &ObjectType,
    .flags = TF_HAVE_GC | TF_IMMUTABLE,
    .basicsize = sizeof(DictViewObject),
    .dealloc = view_dealloc,
    .traverse = view_traverse,
    .repr = view_repr,
    .hash = hash_not_implemented,
    .richcompare = view_richcompare,
    .iter = keys_iter,
    .nb = {nullptr, view_and, nullptr, nullptr, nullptr, nullptr, nullptr, view_or, nullptr,
           nullptr, view_sub, nullptr, view_xor},
    .length = view_len,
    .contains = keys_contains,
    .methods = keys_methods,
    .getset = view_getset,
};

Type DictItemsType = {
    .ob = {kImmortal, &TypeType},
    .name = "dict_items",
    .base = &ObjectType,
    .flags = TF_HAVE_GC | TF_IMMUTABLE,
    .basicsize = sizeof(DictViewObject),
    .dealloc = view_dealloc,
    .traverse = view_traverse,
    .repr = view_repr,
    .hash = hash_not_implemented,
    .richcompare = view_richcompare,
    .iter = items_iter,
    .nb = {nullptr, view_and, nullptr, nullptr, nullptr, nullptr, nullptr, view_or, nullptr,
           nullptr, view_sub, nullptr, view_xor},
    .length = view_len,
    .contains = items_contains,
    .methods = items_methods,
    .getset = view_getset,
};

Type DictValuesType = {
    .ob = {kImmortal, &TypeType},
    .name = "dict_values",
    .base = &ObjectType,
    .flags = TF_HAVE_GC | TF_IMMUTABLE,
    .basicsize = sizeof(DictViewObject),
    .dealloc = view_dealloc,
    .traverse = view_traverse,
    .repr = view_repr,
    .iter = values_iter,
    .length = view_len,
    .methods = values_methods,
    .getset = view_getset,
};

}  // namespace strata
